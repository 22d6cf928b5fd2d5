// The fix builders one by one where the proof over fixtures cannot see the detail: mt-pii.json edits keep
// comments and layout, imports in ES and CommonJS files, suppression expiry and placeholder reasons, did you
// mean, and the CLI's --fix and --list-suppressions.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION, analyzeFile, classifierFor } from '../../server/src/analysis';
import type { Finding } from '../../server/src/analysis/finding';
import { loadCatalog } from '../../server/src/catalog/load';
import { DEFAULT_CONFIG, ResolvedConfig, parseConfig, mergeConfigs } from '../../server/src/config/config';
import { FixContext, applyEdits, fixesFor } from '../../server/src/fixes';
import { CONTRACT_PLACEHOLDER } from '../../server/src/fixes/approveVendor';
import { closestRule } from '../../server/src/fixes/suppressionFixes';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { catalog } = loadCatalog();
const knownRules = new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);
const schemas = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'rules', 'schema', name), 'utf8'));

const SEGMENT = "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n";

function setup(file: string, text: string, config: ResolvedConfig = DEFAULT_CONFIG, files: Record<string, string> = {}, today?: string) {
  const result = analyzeFile(file, text, catalog, { sanitizers: config.sanitizers, approvedVendors: config.approvedVendors, today });
  const ctx: FixContext = {
    file, text, catalog, classifier: classifierFor(catalog), config, knownRules, readFile: (f) => files[f], workspaceRoot: '/ws', findings: result.findings,
  };
  return { result, ctx };
}

function only<T>(list: T[], what: string): T {
  assert.strictEqual(list.length, 1, `one ${what}, got ${list.length}`);
  return list[0];
}

describe('quick fixes: approve the vendor in mt-pii.json', () => {
  const file = '/ws/src/login.ts';
  const text = `${SEGMENT}export function f(user: { id: string; email: string }) { analytics.identify(user.id, { email: user.email }); }\n`;

  it('adds an approvedVendors entry with a contract placeholder, keeping comments and indentation (jsonc-parser)', () => {
    const cfg = '{\n    // The team\'s policy, reviewed by legal.\n    "root": true,\n    "rules": { "mt/personal-data-in-logs": "off" } /* quiet logs */\n}\n';
    const config = mergeConfigs([{ file: '/ws/mt-pii.json', data: parseConfig('/ws/mt-pii.json', cfg, schemas).data! }]);
    const { result, ctx } = setup(file, text, config, { '/ws/mt-pii.json': cfg });
    const fix = only(fixesFor(only(result.findings, 'finding'), ctx).filter((f) => f.id === 'approve-vendor'), 'approve fix');
    assert.ok(fix.edits.every((e) => e.file === '/ws/mt-pii.json' && e.role === 'config'));
    const edited = applyEdits(cfg, fix.edits);
    assert.match(edited, /\/\/ The team's policy, reviewed by legal\./);
    assert.match(edited, /\/\* quiet logs \*\//);
    assert.match(edited, /\n {4}"approvedVendors": \[\n {8}\{\n {12}"vendor": "segment"/);
    const parsed = parseConfig('/ws/mt-pii.json', edited, schemas);
    assert.deepStrictEqual(parsed.problems, []);
    // Configuration objects have no prototype (a key cannot reach Object.prototype): compare as JSON data.
    assert.deepStrictEqual(JSON.parse(JSON.stringify(parsed.data!.approvedVendors)), [{ vendor: 'segment', contract: CONTRACT_PLACEHOLDER, categories: ['email'] }]);
  });

  it('extends an entry that covers other categories, and creates mt-pii.json at the workspace root when none applies', () => {
    const cfg = '{ "approvedVendors": [ { "vendor": "Segment", "contract": "DPA 2026-01", "categories": ["name"] } ] }';
    const config = mergeConfigs([{ file: '/ws/mt-pii.json', data: parseConfig('/ws/mt-pii.json', cfg, schemas).data! }]);
    const { result, ctx } = setup(file, text, config, { '/ws/mt-pii.json': cfg });
    const fix = only(fixesFor(result.findings[0], ctx).filter((f) => f.id === 'approve-vendor'), 'approve fix');
    assert.match(fix.title, /Extend Segment's approval/);
    assert.deepStrictEqual(JSON.parse(applyEdits(cfg, fix.edits)).approvedVendors[0].categories, ['name', 'email']);

    const fresh = setup(file, text);
    const create = only(fixesFor(fresh.result.findings[0], fresh.ctx).filter((f) => f.id === 'approve-vendor'), 'approve fix');
    assert.deepStrictEqual(create.creates, ['/ws/mt-pii.json']);
    assert.deepStrictEqual(parseConfig('/ws/mt-pii.json', applyEdits('', create.edits), schemas).problems, []);
  });

  it('is not offered for an ad network, which uses the data for its own purposes', () => {
    const pixel = "import ReactPixel from 'react-facebook-pixel';\nexport function f(user: { email: string }) { ReactPixel.init('1', { em: user.email }); }\n";
    const { result, ctx } = setup(file, pixel);
    assert.ok(result.findings.length > 0);
    for (const f of result.findings) assert.ok(!fixesFor(f, ctx).some((x) => x.id === 'approve-vendor'));
  });
});

describe('quick fixes: the team sanitizer and its import', () => {
  const config = { ...DEFAULT_CONFIG, sanitizers: ['sealField'], sanitizerModules: { sealField: '@acme/privacy' } };
  const body = "export function f(user: { id: string; email: string }) { analytics.identify(user.id, { email: user.email }); }\n";

  it('wraps the value and adds an ES import after the last import', () => {
    const text = `${SEGMENT}${body}`;
    const { result, ctx } = setup('/ws/a.ts', text, config);
    const fix = only(fixesFor(result.findings[0], ctx).filter((f) => f.id === 'sanitize'), 'sanitize fix');
    const out = applyEdits(text, fix.edits);
    assert.match(out, /^import \{ AnalyticsBrowser \} from '@segment\/analytics-next';\nimport \{ sealField \} from "@acme\/privacy";\n/);
    assert.match(out, /\{ email: sealField\(user\.email\) \}/);
    assert.deepStrictEqual(analyzeFile('/ws/a.ts', out, catalog, { sanitizers: ['sealField'] }).findings, []);
  });

  it('adds a require in a CommonJS file, and a specifier to an existing import of the module', () => {
    const cjs = "const { AnalyticsBrowser } = require('@segment/analytics-next');\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nfunction f(user) { analytics.identify(user.id, { email: user.email }); }\n";
    const a = setup('/ws/a.cjs', cjs, config);
    const out = applyEdits(cjs, only(fixesFor(a.result.findings[0], a.ctx).filter((f) => f.id === 'sanitize'), 'fix').edits);
    assert.match(out, /require\('@segment\/analytics-next'\);\nconst \{ sealField \} = require\("@acme\/privacy"\);\n/);
    const esm = `import { audit } from '@acme/privacy';\n${SEGMENT}${body}`;
    const b = setup('/ws/b.ts', esm, config);
    const out2 = applyEdits(esm, only(fixesFor(b.result.findings[0], b.ctx).filter((f) => f.id === 'sanitize'), 'fix').edits);
    assert.match(out2, /^import \{ audit, sealField \} from '@acme\/privacy';/);
  });
});

describe('suppressions: expiry and placeholder reasons', () => {
  const line = (reason: string) => `${SEGMENT}export function f(user: { id: string; email: string }) {\n  // mt-pii-ignore-next-line mt/personal-data-to-third-party -- ${reason}\n  analytics.identify(user.id, { email: user.email });\n}\n`;
  const rules = (r: { findings: Finding[] }) => r.findings.map((f) => f.ruleId).sort();

  it('a directive suppresses through its until date and is reported, suppressing nothing, after it', () => {
    const text = line('pilot approved by legal (until 2027-03-31)');
    assert.deepStrictEqual(rules(analyzeFile('/a.ts', text, catalog, { today: '2027-03-31' })), []);
    const after = analyzeFile('/a.ts', text, catalog, { today: '2027-04-01' });
    assert.deepStrictEqual(rules(after), ['mt/invalid-suppression', 'mt/personal-data-to-third-party']);
    assert.match(after.findings.find((f) => f.ruleId === INVALID_SUPPRESSION)!.message, /expired after 2027-03-31/);
    assert.strictEqual(after.directives[0].until, '2027-03-31');
    assert.strictEqual(after.directives[0].reason, 'pilot approved by legal');
  });

  it('an impossible date, and the placeholder reason of the ignore fix, make the directive invalid', () => {
    assert.match(analyzeFile('/a.ts', line('ok (until 2027-02-30)'), catalog).findings.find((f) => f.ruleId === INVALID_SUPPRESSION)!.message, /not a date/);
    const placeholder = analyzeFile('/a.ts', line('TODO: say why this data flow is acceptable'), catalog);
    assert.deepStrictEqual(rules(placeholder), ['mt/invalid-suppression', 'mt/personal-data-to-third-party']);
  });

  it('the ignore fix inserts the placeholder, also as a snippet that selects it', () => {
    const text = `${SEGMENT}export function f(user: { id: string; email: string }) {\n  analytics.identify(user.id, { email: user.email });\n}\n`;
    const { result, ctx } = setup('/a.ts', text);
    const fix = only(fixesFor(result.findings[0], ctx).filter((f) => f.id === 'ignore-line'), 'ignore fix');
    assert.strictEqual(fix.edits[0].newText, '  // mt-pii-ignore-next-line mt/personal-data-to-third-party -- TODO: say why this data flow is acceptable\n');
    assert.strictEqual(fix.edits[0].snippet, '  // mt-pii-ignore-next-line mt/personal-data-to-third-party -- ${1:TODO: say why this data flow is acceptable}\n');
  });

  it('did you mean: a missing mt/ prefix or a typo, nothing for an unrelated id', () => {
    assert.strictEqual(closestRule('personal-data-to-third-party', knownRules), 'mt/personal-data-to-third-party');
    assert.strictEqual(closestRule('mt/personal-data-to-thirdparty', knownRules), 'mt/personal-data-to-third-party');
    assert.strictEqual(closestRule('mt/no-such-rule', knownRules), undefined);
  });
});

describe('mt-pii scan --fix and --list-suppressions', () => {
  const bin = path.join(ROOT, 'bin', 'mt-pii.js');
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  const src = `${SEGMENT}export function f(user: { id: string; email: string }) {\n  // mt-pii-ignore-next-line mt/personal-data-to-third-party -- nothing below\n  analytics.track('x', { plan: 'pro' });\n  // mt-pii-ignore-next-line mt/personal-data-to-third-party -- DPA 2026-03 (until 2999-12-31)\n  analytics.identify(user.id, { email: user.email });\n}\n`;

  it('--fix removes the directives that suppress nothing, atomically, and says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-fix-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), src);
    const r = run(['scan', '--fix', '.'], dir);
    assert.strictEqual(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stderr, /a\.ts: removed 1 unused suppression directive\(s\) \(line 4\)/);
    const after = fs.readFileSync(path.join(dir, 'a.ts'), 'utf8');
    assert.strictEqual(after, src.replace("  // mt-pii-ignore-next-line mt/personal-data-to-third-party -- nothing below\n", ''));
    assert.deepStrictEqual(fs.readdirSync(dir), ['a.ts'], 'no temporary file left');
    assert.match(run(['scan', '--fix', '.'], dir).stderr, /nothing to fix/);
  });

  it('--list-suppressions lists each directive with its rule, reason, expiry and status (text and JSON)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-list-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), src);
    const text = run(['scan', '--list-suppressions', '.'], dir);
    assert.strictEqual(text.status, 0, text.stderr);
    assert.match(text.stdout, /4 {2}next-line {2}mt\/personal-data-to-third-party {2}suppresses nothing {2}"nothing below"/);
    assert.match(text.stdout, /6 {2}next-line {2}mt\/personal-data-to-third-party {2}suppresses 1 finding {2}until 2999-12-31 {2}"DPA 2026-03"/);
    const json = JSON.parse(run(['scan', '--list-suppressions', '-f', 'json', '.'], dir).stdout);
    assert.deepStrictEqual(json.suppressions.map((d: { status: string }) => d.status), ['unused', 'active']);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8'), src, 'listing changes nothing');
  });
});
