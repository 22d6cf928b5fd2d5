/**
 * Hover text of a finding: the data, the vendor with what it does and its role, the flow, each citation
 * as a link with its paraphrase and whom it binds, when it applies (thresholds, profiles), what to do, and
 * the not-legal-advice note; the organisation's profiles change all of it consistently with the finding.
 */
import * as assert from 'assert';
import { analyzeFile, classifierFor } from '../../server/src/analysis';
import { loadCatalog } from '../../server/src/catalog/load';
import { mergeConfigs, analyzeOptionsOf, ResolvedConfig, ConfigData } from '../../server/src/config/config';
import { hoverMarkdown } from '../../server/src/lsp/hover';

const { catalog } = loadCatalog();

function hover(code: string, profile?: ConfigData['profile']): string {
  const config: ResolvedConfig = mergeConfigs(profile ? [{ file: '/app/mt-pii.json', data: { profile } }] : []);
  const r = analyzeFile('/app/src/a.ts', code, catalog, analyzeOptionsOf(config));
  assert.ok(r.findings.length, 'no finding');
  return hoverMarkdown(r.findings, catalog, classifierFor(catalog), (o) => r.sourceFile.getLineAndCharacterOfPosition(o).line + 1, profile ? config : undefined);
}

const INTERCOM = "export function f(user: { email: string }) {\n  window.Intercom('boot', { app_id: 'x', email: user.email });\n}\n";
const PIXEL = "import ReactPixel from 'react-facebook-pixel';\nexport function f(user: { email: string }) {\n  ReactPixel.init('1', { em: user.email });\n}\n";
const STORAGE = "export function f(a: { ssn: string }) {\n  localStorage.setItem('ssn', a.ssn);\n}\n";

describe('hover', () => {
  it('a processor: data, vendor with its service and role, flow, linked citations with paraphrase and whom they bind, what to do', () => {
    const md = hover(INTERCOM);
    assert.match(md, /\*\*Data:\*\* email address/);
    assert.match(md, /\*\*Vendor:\*\* Intercom — customer-support chat, acts as your processor/);
    assert.match(md, /\*\*Flow:\*\* `user\.email` \(line \d\)/);
    assert.match(md, /- \[MCA 30-14-2813\(2\)\]\(https:\/\/mca\.legmt\.gov\/bills\/mca\/title_0300\/chapter_0140\/part_0280\/section_0130\/0300-0140-0280-0130\.html\) — \*Data processor -- allowances -- limitations\*: A controller and each processor need a binding contract/);
    assert.match(md, /\*Binds:\* Controllers subject to the Act/);
    assert.match(md, /\*\*When it applies:\*\* .*25,000 Montana consumers/);
    assert.match(md, /_Profile: business \(no mt-pii\.json, so the default\)/);
    assert.match(md, /\*\*What to do:\*\* Send an opaque internal user id/);
    assert.match(md, /record it under `approvedVendors`/);
    assert.match(md, /_Not legal advice/);
  });

  it('a vendor that uses data for its own purposes: its role, the sale and opt-out citations and their advice', () => {
    const md = hover(PIXEL);
    assert.match(md, /\*\*Vendor:\*\* Meta Pixel — advertising pixel, also uses data for its own purposes/);
    assert.match(md, /\[MCA 30-14-2808\]/);
    assert.match(md, /Global Privacy Control/);
    assert.doesNotMatch(md, /approvedVendors`; the finding/);
  });

  it('device storage says the data stays on the device', () => {
    assert.match(hover(STORAGE), /\*\*Vendor:\*\* Web Storage — storage on the device \(kept on the user's device\)/);
  });

  it('a state agency: no Consumer Data Privacy Act citation or wording, its own rule and conditions', () => {
    const md = hover(STORAGE, { entity: 'state-agency' });
    assert.match(md, /mt\/agency-data-on-portable-device/);
    assert.match(md, /\[MCA 2-6-1502\]/);
    assert.doesNotMatch(md, /\[MCA 30-14-28|processor contract|thresholds met|thresholds: not stated/);
    assert.match(md, /_Profile: state agency \(mt-pii\.json: app\/mt-pii\.json\)\._/);
  });

  it('combined profiles: both named, both conditions shown', () => {
    const md = hover(INTERCOM, { entity: 'school-service', also: ['minors'], subjectToMcdpa: 'no' });
    assert.match(md, /mt\/pupil-data-to-third-party/);
    assert.match(md, /_Profile: K-12 school service \+ used by known minors \+ business .*thresholds met: no/);
    assert.match(md, /\*\*When it applies:\*\* MCA 20-7-1325 binds operators of K-12 online applications.*known minors/s);
    assert.match(md, /\[MCA 30-14-2811\]\([^)]*\) — \*Processing data of minors\* \(descriptive title\)/);
  });
});
