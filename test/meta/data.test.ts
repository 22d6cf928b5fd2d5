/**
 * Consistency of the data in rules/ and of the engine's boundaries (STYLE habit 7): every data file
 * validates, every citation is on the verified list with its official URL, every rule has a doc whose
 * examples behave as they say, every sink has positive and look-alike fixtures, and the engine imports
 * no editor API and names no vendor or law.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeFile } from '../../server/src/analysis';
import { loadCatalog } from '../../server/src/catalog/load';
import { validate } from '../../server/src/catalog/jsonSchema';
import type { ProfileId } from '../../server/src/catalog/types';
import { activeProfiles, ruleApplies, viewOf } from '../../server/src/analysis/ruleSelect';
import { withCitationsSection } from '../../server/src/cli/ruleDocs';
import { builtinModules } from 'module';
import {
  FixtureFacts, NON_SINK_GLOBALS, NON_SINK_MODULES, SHAPES, Shape, checkShape, factsOf, moduleMatches, needsOf, rel, uses,
} from './fixtureShapes';

const BUILTINS = new Set(builtinModules);
/** The npm package of a module specifier: '@scope/name' or 'name'. */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RULES = path.join(ROOT, 'rules');
const readJson = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8'));

/**
 * The citations montana-law.md (shared/, 2026-11-28) marks as verified at this precision: sections read
 * in official text or verbatim copies, and subsections it marks verified. Cross-checked against the file
 * itself below when it is present. Not verified, so never cited: 30-14-1704 subsections, 2802 definition
 * numbers other than (7), (20), (25), (28), 2808 and 2812 subsections beyond those listed, 61-11-501/502/506-509,
 * 20-7-1323/1324 protected-information list, 50-16 part 5's security section, 30-23-105, ARM 38.5.3901(d)+.
 */
const VERIFIED = new Set([
  'MCA 30-14-1702', 'MCA 30-14-1703', 'MCA 30-14-1704', 'MCA 30-14-1705',
  'MCA 30-14-2801', 'MCA 30-14-2802', 'MCA 30-14-2802(7)', 'MCA 30-14-2802(20)', 'MCA 30-14-2802(25)', 'MCA 30-14-2802(28)',
  'MCA 30-14-2803', 'MCA 30-14-2804', 'MCA 30-14-2808', 'MCA 30-14-2809', 'MCA 30-14-2809(3)(b)', 'MCA 30-14-2811',
  'MCA 30-14-2812', 'MCA 30-14-2812(1)(a)', 'MCA 30-14-2812(1)(b)', 'MCA 30-14-2812(1)(c)', 'MCA 30-14-2812(2)(a)',
  'MCA 30-14-2812(2)(b)', 'MCA 30-14-2812(2)(c)', 'MCA 30-14-2812(5)', 'MCA 30-14-2812(10)', 'MCA 30-14-2813', 'MCA 30-14-2813(2)',
  'MCA 30-14-2814', 'MCA 30-14-2814(1)', 'MCA 30-14-2815', 'MCA 30-14-2815(4)', 'MCA 30-14-2816', 'MCA 30-14-2817',
  'MCA 30-14-2818', 'MCA 30-14-2819', 'MCA 30-14-2820', 'MCA 30-23-102', 'MCA 30-23-104', 'MCA 2-6-1501', 'MCA 2-6-1502', 'MCA 2-6-1503',
  'MCA 2-17-551', 'MCA 2-17-552', 'MCA 20-7-1325', 'MCA 50-16-504', 'MCA 50-16-525', 'MCA 50-16-546', 'MCA 50-16-553',
  'MCA 61-11-503', 'MCA 61-11-515', 'MCA 46-5-603', 'ARM 38.5.3901',
  // Added 2026-12 (issue 13): montana-law.md marks them verified too — 30-14-1702 (official), 44-15-109 (copy, §11),
  // 30-14-2812(2)(d) (the opening words on the official MCA 2025 page, the 2023 age band in copies, §2.8).
  'MCA 30-14-2812(2)(d)', 'MCA 44-15-109',
]);

/**
 * Citations montana-law.md names only from secondary sources, verified since with the search tool against a
 * verbatim copy and two secondary sources: each records what was seen in its `verificationNote`.
 */
const VERIFIED_BY_SEARCH = new Set(['MCA 33-19-321']);

/**
 * Explained by `mt-pii explain`, never cited by a rule (notCitedBecause): 61-11-506 binds the Department of
 * Justice itself; montana-law.md §5.2 has it from two secondary sources only.
 */
const EXPLAINED_NOT_CITED = new Set(['MCA 61-11-506']);

/** The official URL of an MCA section, by the pattern of montana-law.md §0.3 on the current host. */
function officialUrl(section: string): string {
  const [t, c, ps] = section.split('-');
  const part = ps.length > 2 ? ps.slice(0, ps.length - 2) : '0';
  const sec = ps.length > 2 ? ps.slice(-2) : ps;
  const pad = (n: string) => String(Number(n) * 10).padStart(4, '0');
  const T = pad(t), C = pad(c), P = pad(part), S = pad(sec);
  return `https://mca.legmt.gov/bills/mca/title_${T}/chapter_${C}/part_${P}/section_${S}/${T}-${C}-${P}-${S}.html`;
}

/** The link of an ARM rule, by the rules.mt.gov pattern montana-law.md §0.3 saw for 38.5.2801 and 38.5.3907. */
function armUrl(rule: string): string {
  return `https://rules.mt.gov/gateway/RuleNo.asp?RN=${rule.replace(/\./g, '%2E')}`;
}

describe('rules/ data', () => {
  it('every JSON file names a schema and validates against it', () => {
    const files: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => e.isDirectory() ? e.name !== 'schema' && walk(path.join(d, e.name)) : e.name.endsWith('.json') && files.push(path.join(d, e.name)));
    walk(RULES);
    assert.ok(files.length > 10);
    for (const f of files) {
      const data = readJson(f);
      assert.ok(typeof data.$schema === 'string', `${f} has no $schema`);
      const schema = readJson(path.resolve(path.dirname(f), data.$schema));
      assert.deepStrictEqual(validate(schema, data), [], f);
    }
  });

  it('every sink service has words in services.json, and every label belongs to a service', () => {
    const schema = readJson(path.join(RULES, 'schema', 'sink.schema.json'));
    const services: string[] = schema.properties.service.enum;
    const labels = readJson(path.join(RULES, 'services.json')).services;
    assert.deepStrictEqual(Object.keys(labels).sort(), [...services].sort());
  });

  it('third parties state their role, and only third parties', () => {
    for (const s of loadCatalog().catalog.sinks) {
      if (s.kind === 'third-party') assert.ok(s.role, `${s.id}: no role`);
      else assert.ok(!s.role && !s.hosts, `${s.id}: role/hosts on a ${s.kind} sink`);
    }
  });

  it('loads into a catalog with no problems', () => {
    assert.deepStrictEqual(loadCatalog().problems, []);
  });

  it('rule ids equal their file names and severities are sane', () => {
    for (const r of loadCatalog().catalog.rules) {
      assert.ok(fs.existsSync(path.join(RULES, 'montana', r.id.slice(3) + '.json')), r.id);
      assert.ok(r.message.includes('{vendor}') || r.message.includes('{api}'), `${r.id}: message names no destination`);
    }
  });

  it('rules: messages say "may", name the destination and use known placeholders; a fires-only rule has fires and a firesMessage', () => {
    for (const r of loadCatalog().catalog.rules) {
      const texts = [r.message, r.firesMessage, r.vendorMessage, ...Object.values(r.roleVariants ?? {}).flatMap((v) => [v!.message, v!.firesMessage]),
        ...Object.values(r.profiles ?? {}).flatMap((p) => [p!.message, p!.firesMessage, ...(p!.companions ?? []).map((c) => c.message)]),
        ...(r.companions ?? []).map((c) => c.message), r.outsideMcdpa?.message, r.outsideMcdpa?.firesMessage, r.unreadSignalMessage].filter((t): t is string => !!t);
      for (const t of texts) {
        assert.match(t, /\bmay\b/, `${r.id}: "${t}" is not worded as "may"`);
        assert.ok(t.includes('{vendor}') || t.includes('{api}'), `${r.id}: "${t}" names no destination`);
        for (const m of t.matchAll(/\{(\w+)\}/g)) assert.ok(['categories', 'vendor', 'service', 'api', 'sinkKind'].includes(m[1]), `${r.id}: unknown placeholder {${m[1]}}`);
      }
      if (!r.categories.length) assert.ok(r.fires, `${r.id}: no categories, so it must match fires calls`);
      if (r.fires) assert.ok(r.firesMessage, `${r.id}: a fires rule needs a firesMessage (the call may carry no data)`);
      for (const c of r.requireAny ?? []) assert.ok(r.categories.includes(c), `${r.id}: requireAny ${c} is not among its categories`);
      assert.ok(!(r.onlyFor ?? []).some((p) => (r.notFor ?? []).includes(p)), `${r.id}: a profile both in onlyFor and notFor`);
      assert.match(r.applicability ?? '', /\bmay\b|information/i, `${r.id}: applicability does not say it may apply`);
      // "Not legal advice" wherever law is read: the rule's applicability and each profile's.
      for (const a of [r.applicability, ...Object.values(r.profiles ?? {}).map((p) => p!.applicability)]) {
        if (a !== undefined) assert.match(a, /Not legal advice\.|this is not legal advice/, `${r.id}: applicability "${a.slice(0, 60)}…" does not say it is not legal advice`);
      }
    }
  });

  it('rules: yields name known rules and never form a cycle', () => {
    const { catalog } = loadCatalog();
    const edges = new Map(catalog.rules.map((r) => [r.id, [...(r.yieldsTo ?? []), ...(r.yieldsSiteTo ?? [])]]));
    for (const [id, to] of edges) for (const t of to) assert.ok(edges.has(t), `${id} yields to unknown rule ${t}`);
    const visit = (id: string, path: string[]): void => {
      assert.ok(!path.includes(id), `yield cycle: ${[...path, id].join(' → ')}`);
      for (const t of edges.get(id) ?? []) visit(t, [...path, id]);
    };
    for (const id of edges.keys()) visit(id, []);
  });

  it('carrier-billing rules are shown only for carrier-billing sinks, and such sinks exist', () => {
    const { catalog } = loadCatalog();
    for (const r of catalog.rules) {
      if (r.citations.some((c) => c.startsWith('ARM 38.5.39'))) assert.deepStrictEqual(r.services, ['carrier-billing'], r.id);
    }
    assert.ok(catalog.sinks.some((s) => s.service === 'carrier-billing'), 'no carrier-billing sink in rules/sinks');
  });
});

describe('the disclosure and the drafts for the privacy lead', () => {
  const ids = readJson(path.join(RULES, 'categories.json')).categories.map((c: { id: string }) => c.id);
  it('disclosure.schema.json lists exactly the category ids of categories.json', () => {
    assert.deepStrictEqual(readJson(path.join(RULES, 'schema', 'disclosure.schema.json')).properties.categories.items.enum, ids);
  });
  it('privacy-documents.json loads, and mentions only citations of citations.json', () => {
    const { catalog } = loadCatalog();
    assert.ok(catalog.documents, 'loaded into the catalog');
    const text = fs.readFileSync(path.join(RULES, 'privacy-documents.json'), 'utf8');
    for (const m of text.matchAll(/MCA \d+-\d+-\d+(?:\(\w+\))*/g)) {
      const section = m[0].replace(/\(.*$/, '');
      assert.ok(Object.keys(catalog.citations).some((c) => c.startsWith(section)), `privacy-documents.json mentions ${m[0]}, not in citations.json`);
      assert.ok(VERIFIED.has(m[0]) || /^MCA 30-14-2808\(1\)$/.test(m[0]), `${m[0]} is not on the verified list`);
    }
    assert.ok(catalog.rules.some((r) => r.derived === 'disclosure'), 'a derived disclosure rule exists');
  });
});

describe('citations', () => {
  const data = readJson(path.join(RULES, 'montana', 'citations.json'));
  it('use the current official host', () => assert.strictEqual(data.host, 'https://mca.legmt.gov/bills/mca/'));
  it('ARM links use the rules.mt.gov host constant', () => assert.strictEqual(data.armHost, 'https://rules.mt.gov/gateway/RuleNo.asp?RN='));
  for (const [id, c] of Object.entries<Record<string, string>>(data.citations)) {
    it(`${id} is verified, well formed, and links its official section page`, () => {
      assert.ok(VERIFIED.has(id) || VERIFIED_BY_SEARCH.has(id) || EXPLAINED_NOT_CITED.has(id), `${id} is not on the verified list`);
      if (VERIFIED_BY_SEARCH.has(id)) assert.ok(c.verificationNote, `${id}: verified with the search tool, so it records what was seen`);
      assert.strictEqual(c.verification === 'secondary', EXPLAINED_NOT_CITED.has(id), `${id}: only an explained, never-cited entry may rest on secondary sources`);
      assert.strictEqual(!!c.notCitedBecause, EXPLAINED_NOT_CITED.has(id), `${id}: notCitedBecause`);
      const code = c.code ?? 'MCA';
      assert.strictEqual(id, `${code} ${c.section}${c.subsection ?? ''}`);
      if (code === 'ARM') {
        assert.ok(!c.subsection, `${id}: no subsection of an ARM rule is verified`);
        assert.strictEqual(c.url, armUrl(c.section));
        assert.ok(c.url.startsWith(data.armHost));
        assert.ok(c.urlNote, `${id}: the official ARM page was not seen, so the link must say how it was made`);
      } else {
        assert.strictEqual(c.url, officialUrl(c.section));
        assert.ok(c.url.startsWith(data.host));
      }
      for (const k of ['title', 'summary', 'binds']) assert.ok(c[k] && c[k].length > 4, `${id}.${k}`);
      assert.ok(['official', 'copy', 'secondary'].includes(c.verification));
      assert.ok(c.act && data.acts[c.act], `${id}: its act "${c.act}" says whom it binds in citations.json acts`);
    });
  }
  it('every act says whom it binds in one line, and every act is one a citation names', () => {
    const named = new Set(Object.values<Record<string, string>>(data.citations).map((c) => c.act));
    for (const [act, a] of Object.entries<{ binds: string }>(data.acts)) {
      assert.ok(named.has(act), `${act}: no citation names it`);
      assert.match(a.binds, /^[^\n]{20,400}$/, `${act}: one line`);
    }
  });
  it('the Consumer Data Privacy Act sections say so (mcdpa), and nothing else does', () => {
    for (const [id, c] of Object.entries<Record<string, unknown>>(data.citations)) assert.strictEqual(!!c.mcdpa, /^MCA 30-14-28/.test(id), id);
  });
  it('notices: a not-legal-advice sentence, and the exemption cited for an exempt entity is a known citation', () => {
    assert.match(data.notices.notLegalAdvice, /^Not legal advice/);
    for (const c of data.notices.exemptionCitations) assert.ok(c in data.citations, c);
  });
  it('61-11-506 is explained, never cited: it binds the department itself', () => {
    const { catalog } = loadCatalog();
    for (const r of catalog.rules) {
      const all = [...r.citations, ...(r.categoryCitations ?? []).flatMap((x) => x.citations), ...Object.values(r.roleVariants ?? {}).flatMap((v) => v!.citations ?? []),
        ...Object.values(r.profiles ?? {}).flatMap((p) => [...p!.citations, ...(p!.categoryCitations ?? []).flatMap((x) => x.citations)])];
      for (const id of EXPLAINED_NOT_CITED) assert.ok(!all.includes(id), `${r.id} cites ${id}`);
    }
    assert.match(data.citations['MCA 61-11-506'].binds, /Department of Justice/);
  });
  it('only the Consumer Data Privacy Act duties with thresholds are marked as needing them (its minors sections have none)', () => {
    for (const [id, c] of Object.entries<Record<string, unknown>>(data.citations)) {
      const minors = /^MCA 30-14-28(11|18|19)/.test(id);
      const mcdpa = /^MCA 30-14-28/.test(id);
      assert.strictEqual(!!c.needsMcdpaThresholds, mcdpa && !minors, id);
    }
  });
  it('no rule cites a state-agency section against private code or a local government, and none cites the Consumer Data Privacy Act to a government body', () => {
    const { catalog } = loadCatalog();
    const stateAgencyLaw = (c: string) => /^MCA 2-6-15/.test(c);
    const governmentLaw = (c: string) => /^MCA 2-6-15|^MCA 2-17-55/.test(c);
    for (const r of catalog.rules) {
      const general = [...r.citations, ...(r.categoryCitations ?? []).flatMap((x) => x.citations),
        ...Object.values(r.roleVariants ?? {}).flatMap((v) => v!.citations ?? [])];
      if (general.some(stateAgencyLaw)) assert.deepStrictEqual(r.onlyFor, ['state-agency'], `${r.id} cites a state-agency section outside a state-agency-only rule`);
      if (general.some(governmentLaw)) assert.ok(r.onlyFor?.every((p) => p === 'state-agency' || p === 'local-government'), `${r.id} cites a government section outside a government-only rule`);
      for (const [p, o] of Object.entries(r.profiles ?? {})) {
        const cited = [...o!.citations, ...(o!.categoryCitations ?? []).flatMap((x) => x.citations)];
        if (p === 'state-agency') continue;
        assert.ok(!cited.some(stateAgencyLaw), `${r.id}: profile ${p} cites a state-agency section (MCA 2-6-1501..1503 bind state agencies only)`);
        if (p !== 'local-government') assert.ok(!cited.some(governmentLaw), `${r.id}: profile ${p} cites a government section`);
      }
      // Whatever a government body sees (alone or combined with other profiles) cites no MCDPA section and no MCDPA wording.
      for (const [entity, also] of [['state-agency', []], ['state-agency', ['minors']], ['state-agency', ['school-service']], ['state-agency', ['health-care-provider']],
        ['state-agency', ['school-service', 'minors']], ['local-government', []], ['local-government', ['school-service', 'minors']], ['local-government', ['health-care-provider']]] as [ProfileId, ProfileId[]][]) {
        const profiles = activeProfiles({ entity, also });
        if (!ruleApplies(r, profiles)) continue;
        for (const role of [undefined, 'processor', 'own-purposes'] as const) {
          const v = viewOf(r, profiles, role);
          const all = [...v.citations, ...v.categoryCitations.flatMap((x) => x.citations)];
          assert.ok(!all.some((c) => c.startsWith('MCA 30-14-28')), `${r.id} (${entity} + ${also.join('+') || 'nothing'}, ${role}): cites ${all.join(', ')}`);
          if (entity === 'local-government') assert.ok(!all.some(stateAgencyLaw), `${r.id} (local-government, ${role}): cites ${all.join(', ')}`);
          for (const t of [v.message, v.firesMessage, v.advice]) {
            assert.doesNotMatch(t, /Consumer Data Privacy Act|processor contract|data protection assessment|consumer's (prior )?consent/, `${r.id} (state-agency): "${t}"`);
          }
        }
      }
    }
  });
  it('the URL pattern matches the examples montana-law.md saw', () => {
    assert.strictEqual(officialUrl('30-14-2812'), 'https://mca.legmt.gov/bills/mca/title_0300/chapter_0140/part_0280/section_0120/0300-0140-0280-0120.html');
    assert.strictEqual(officialUrl('2-6-1502'), 'https://mca.legmt.gov/bills/mca/title_0020/chapter_0060/part_0150/section_0020/0020-0060-0150-0020.html');
    assert.strictEqual(officialUrl('61-11-515'), 'https://mca.legmt.gov/bills/mca/title_0610/chapter_0110/part_0050/section_0150/0610-0110-0050-0150.html');
    assert.strictEqual(officialUrl('30-23-104'), 'https://mca.legmt.gov/bills/mca/title_0300/chapter_0230/part_0010/section_0040/0300-0230-0010-0040.html');
    assert.strictEqual(officialUrl('50-16-546'), 'https://mca.legmt.gov/bills/mca/title_0500/chapter_0160/part_0050/section_0460/0500-0160-0050-0460.html');
    assert.strictEqual(armUrl('38.5.3901'), 'https://rules.mt.gov/gateway/RuleNo.asp?RN=38%2E5%2E3901');
  });
  const reference = path.resolve(ROOT, '..', 'shared', 'montana-law.md');
  if (fs.existsSync(reference)) {
    it('every citation appears in shared/montana-law.md, section and subsection', () => {
      const text = fs.readFileSync(reference, 'utf8');
      for (const id of Object.keys(data.citations)) {
        const section = id.replace(/^(MCA|ARM) /, '').replace(/\(.*$/, '');
        assert.ok(text.includes(section), `${section} not in montana-law.md`);
        const sub = id.slice(4 + section.length);
        if (sub) assert.ok(text.includes(section + sub) || text.includes(sub), `${id}: subsection not in montana-law.md`);
      }
    });
  } else {
    // Not a silent skip: the embedded VERIFIED list above checks every citation either way.
    console.log('\n  NOTE: shared/montana-law.md is not beside this checkout, so the citations are checked against the'
      + '\n  verified list embedded in test/meta/data.test.ts only (the cross-check with the reference file did not run).\n');
  }
});

describe('rules about the scan itself (rules/schema/tool-rule.schema.json)', () => {
  const { catalog } = loadCatalog();
  it('mt/analysis-incomplete is one, an error by default, its message says why ({reason})', () => {
    const rule = catalog.toolRules.get('mt/analysis-incomplete');
    assert.ok(rule, 'loaded from rules/montana/analysis-incomplete.json');
    assert.strictEqual(rule!.severity, 'error');
    assert.match(rule!.message, /\{reason\}/);
    assert.ok(!catalog.ruleById.has(rule!.id), 'never matched at sinks like the rules about data flows');
  });
  for (const rule of catalog.toolRules.values()) {
    it(`${rule.id}: has its page, cites no law, and the README lists it`, () => {
      const doc = fs.readFileSync(path.join(RULES, 'montana', rule.id.slice(3) + '.md'), 'utf8');
      assert.ok(doc.startsWith(`# ${rule.id} — ${rule.title}`), 'the page opens with the id and title');
      assert.doesNotMatch(doc + JSON.stringify(rule), /MCA \d|ARM \d/, 'a rule about the scan cites no law');
      assert.ok(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').includes(`| \`${rule.id}\` |`), 'a row of the README rules table');
    });
  }
});

describe('rule docs', () => {
  const { catalog } = loadCatalog();
  for (const rule of catalog.rules) {
    const name = rule.id.slice(3);
    const doc = path.join(RULES, 'montana', name + '.md');
    it(`${rule.id}: doc has the required sections and cites only known citations`, () => {
      const text = fs.readFileSync(doc, 'utf8');
      const heads = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
      assert.deepStrictEqual(heads, ['Why it matters in Montana', 'Examples', 'How to fix', 'When not to use it', 'Citations']);
      assert.match(text, /_Not legal advice\._/);
      for (const m of text.matchAll(/MCA \d+-\d+-\d+(?:\(\w+\))*|ARM \d+\.\d+\.\d+/g)) {
        const section = m[0].replace(/\(.*$/, '');
        assert.ok(Object.keys(catalog.citations).some((c) => c.startsWith(section)) || /^ARM 38\.5\.39\d\d$/.test(m[0]), `${rule.id} doc mentions ${m[0]}, not in citations.json`);
      }
    });
    it(`${rule.id}: doc Citations section is the one rendered from the rule data (scripts/rule-docs.js)`, () => {
      const text = fs.readFileSync(doc, 'utf8');
      assert.strictEqual(text, withCitationsSection(text, rule, catalog.citations, catalog.acts), `${rule.id}: run node scripts/rule-docs.js`);
    });
    it(`${rule.id}: doc examples — ❌ is flagged by this rule, ✅ is not flagged at all`, () => {
      const text = fs.readFileSync(doc, 'utf8');
      const block = (title: string) => {
        const m = new RegExp(`### ${title}[^\\n]*\\n+\`\`\`(?:ts|tsx|js)\\n([\\s\\S]*?)\`\`\``).exec(text);
        assert.ok(m, `${rule.id}: no "### ${title}" code block`);
        return m![1];
      };
      // "With `mt-pii.json` `{...}`:" in the Examples section sets the profile the examples run under.
      const examples = text.slice(text.indexOf('## Examples'));
      const cfg = /With `mt-pii\.json` `(\{.*?\})`/.exec(examples.slice(0, examples.indexOf('###')));
      const json = cfg ? JSON.parse(cfg[1]) : {};
      const profile = json.profile;
      if (rule.onlyFor) assert.ok(profile, `${rule.id}: examples of a profile rule must say the mt-pii.json profile they assume`);
      if (rule.derived === 'disclosure') assert.ok(json.disclosed, `${rule.id}: examples of a disclosure rule must say the disclosure they assume`);
      const options = { profile, disclosed: json.disclosed };
      const bad = analyzeFile(`/doc/${name}.tsx`, block('❌'), catalog, options).findings;
      assert.ok(bad.some((f) => f.ruleId === rule.id), `${rule.id}: ❌ example not flagged (${bad.map((f) => f.ruleId).join(', ') || 'nothing'})`);
      const good = analyzeFile(`/doc/${name}.tsx`, block('✅'), catalog, options).findings;
      assert.deepStrictEqual(good.map((f) => `${f.ruleId} ${f.message}`), []);
    });
  }
});

describe('fixtures cover the data', () => {
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const list = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d) : []);
  // The convention is in README, "Adding an SDK": flagged fixtures carry `// shapes: ...`, checked here.
  const sinkIds = new Set(loadCatalog().catalog.sinks.map((s) => s.id));
  for (const sink of loadCatalog().catalog.sinks) {
    it(`sink ${sink.id} has a flagged fixture for every call shape and an ok_ fixture for every module and global`, () => {
      const dir = path.join(fixtures, 'sinks', sink.id);
      const files = list(dir).filter((f) => /\.[cm]?[jt]sx?$/.test(f)).map((f) => path.join(dir, f));
      const problems: string[] = [];
      const needs = needsOf(sink);
      const flagged = files.filter((f) => !path.basename(f).startsWith('ok_')).map((f) => factsOf(f, fs.readFileSync(f, 'utf8')));
      const quiet = files.filter((f) => path.basename(f).startsWith('ok_')).map((f) => factsOf(f, fs.readFileSync(f, 'utf8')));
      if (!sink.instances.length) {
        // A vendor reached only over HTTP (its hosts): a flagged fixture calling one and an ok_ one. A vendor that
        // stands for the unknown host of a re-targeted client (another instance's baseUrl.unknown): fixtures that
        // set one of that option's keys.
        const keys = loadCatalog().catalog.sinks.flatMap((s) => s.instances.flatMap((i) => (i.baseUrl?.unknown === sink.id ? i.baseUrl.keys : [])));
        const callsHost = (f: FixtureFacts) => {
          const text = fs.readFileSync(f.file, 'utf8');
          return (sink.hosts ?? []).some((h) => text.includes(h.split('/')[0])) || keys.some((k) => text.includes(`${k}:`));
        };
        if (!flagged.some(callsHost)) problems.push('no flagged fixture calls one of its hosts (or sets the base URL option of a client that stands for it)');
        if (!quiet.some(callsHost)) problems.push('no ok_ fixture calls one of its hosts (or sets the base URL option of a client that stands for it)');
        assert.deepStrictEqual(problems, [], `test/fixtures/sinks/${sink.id}/ (see README, "Adding an SDK")`);
        return;
      }
      const shown = new Map<Shape, FixtureFacts[]>();
      for (const f of flagged) {
        const name = rel(fixtures, f.file);
        if (!f.shapes?.length) problems.push(`${name}: no '// shapes: ...' header (one or more of ${SHAPES.join(' ')})`);
        for (const s of f.shapes ?? []) {
          if (!(SHAPES as readonly string[]).includes(s)) { problems.push(`${name}: unknown shape '${s}'`); continue; }
          const why = checkShape(s as Shape, f, needs);
          if (why) problems.push(`${name}: claims '${s}' but ${why}`);
          else shown.set(s as Shape, [...(shown.get(s as Shape) ?? []), f]);
        }
      }
      const by = (s: Shape) => shown.get(s) ?? [];
      for (const [m, { esmOnly }] of needs.modules) {
        if (!by('import').some((f) => uses.import(f, m))) problems.push(`module ${m}: no flagged fixture with shape 'import' imports it`);
        if (!esmOnly && !by('require').some((f) => uses.require(f, m))) problems.push(`module ${m}: no flagged fixture with shape 'require' requires it (or mark its entry "esmOnly": true)`);
        if (!quiet.some((f) => uses.module(f, m))) problems.push(`module ${m}: no ok_ fixture uses it`);
      }
      for (const g of needs.globals) {
        if (!by('global').some((f) => uses.global(f, g))) problems.push(`global ${g}: no flagged fixture with shape 'global' uses it`);
        if (!quiet.some((f) => uses.global(f, g))) problems.push(`global ${g}: no ok_ fixture uses it`);
      }
      if (needs.factories.size && !by('instance').length) problems.push(`no flagged fixture with shape 'instance' (factories: ${[...needs.factories].map((x) => x.replace(/^\$[mg]:/, '')).join(', ')})`);
      if (needs.hooks.size && !by('hook').length) problems.push(`no flagged fixture with shape 'hook' (${[...needs.hooks].join(', ')})`);
      if (needs.components.size && !by('jsx').length) problems.push(`no flagged fixture with shape 'jsx' (${[...needs.components].map((x) => x.replace(/^\$[mg]:/, '')).join(', ')})`);
      if (!by('alias').length) problems.push("no flagged fixture with shape 'alias'");
      if (!quiet.length) problems.push('no ok_ fixture');
      assert.deepStrictEqual(problems, [], `test/fixtures/sinks/${sink.id}/ (see README, "Adding an SDK")`);
    });
  }
  it('every fixture names only catalogued SDKs: modules, page globals, sink folders', () => {
    const { catalog } = loadCatalog();
    const modules = catalog.sinks.flatMap((s) => s.instances.flatMap((i) => i.from.flatMap((e) => (e.module ? [e.module] : []))));
    const problems: string[] = [];
    for (const dir of list(path.join(fixtures, 'sinks'))) if (!sinkIds.has(dir)) problems.push(`sinks/${dir}/: no rules/sinks/${dir}.json`);
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : /\.[cm]?[jt]sx?$/.test(e.name) ? [path.join(d, e.name)] : []);
    for (const file of walk(fixtures)) {
      const f = factsOf(file, fs.readFileSync(file, 'utf8'));
      const name = rel(fixtures, file);
      for (const m of [...f.imports, ...f.requires]) {
        if (m.startsWith('.') || m.startsWith('@/') || m.startsWith('~/') || m.startsWith('node:') || BUILTINS.has(m.split('/')[0])) continue;
        if (modules.some((p) => moduleMatches(m, p) || packageOf(m) === packageOf(p)) || NON_SINK_MODULES.some((p) => moduleMatches(m, p)) || f.notSinks.has(m)) continue;
        if (name.startsWith('projects/') || name.startsWith('config/')) continue; // their own workspace packages
        problems.push(`${name}: imports '${m}', which no rules/sinks entry declares (a look-alike package goes in a '// not-sinks: ${m}' header)`);
      }
      for (const g of f.windowApis) {
        if (catalog.globals.has(g) || NON_SINK_GLOBALS.has(g) || f.notSinks.has(g)) continue;
        problems.push(`${name}: uses the page global '${g}', which no rules/sinks entry declares (a look-alike goes in a '// not-sinks: ${g}' header)`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });
  for (const rule of loadCatalog().catalog.rules) {
    it(`rule ${rule.id} has a positive and an ok_ fixture`, () => {
      const name = rule.id.slice(3);
      if (!rule.onlyFor) {
        const files = list(path.join(fixtures, 'rules', name));
        assert.ok(files.some((f) => !f.startsWith('ok_')) && files.some((f) => f.startsWith('ok_')), `test/fixtures/rules/${name}/ needs both`);
        return;
      }
      // A rule of a profile is tested under an mt-pii.json with that profile: config/profile-<p>/<rule>/.
      for (const p of rule.onlyFor) {
        const dir = path.join(fixtures, 'config', `profile-${p}`, name);
        const files = list(dir);
        assert.ok(fs.existsSync(path.join(fixtures, 'config', `profile-${p}`, 'mt-pii.json')), `test/fixtures/config/profile-${p}/mt-pii.json is missing`);
        const flagged = files.filter((f) => !f.startsWith('ok_')).some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(`expect: ${rule.id}`));
        assert.ok(flagged && files.some((f) => f.startsWith('ok_')), `test/fixtures/config/profile-${p}/${name}/ needs a fixture expecting ${rule.id} and an ok_ one`);
      }
    });
  }
  it('every expect: comment names a known rule', () => {
    const known = new Set([...loadCatalog().catalog.ruleById.keys(), 'mt/unused-suppression', 'mt/invalid-suppression']);
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
    for (const f of walk(fixtures)) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/expect:\s*(\S+)/g)) assert.ok(known.has(m[1]), `${f}: unknown rule ${m[1]}`);
    }
  });
});

describe('engine boundaries', () => {
  const srcFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? srcFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
  const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  it('analysis/ and catalog/ import only typescript, node built-ins and each other', () => {
    for (const f of [...srcFiles(path.join(ROOT, 'server/src/analysis')), ...srcFiles(path.join(ROOT, 'server/src/catalog'))]) {
      for (const m of stripComments(fs.readFileSync(f, 'utf8')).matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        assert.ok(spec.startsWith('.') || spec === 'typescript' || ['fs', 'path', 'crypto', 'url', 'os'].includes(spec), `${f} imports ${spec}`);
      }
    }
  });
  it('server code names no vendor package, no vendor and no law', () => {
    const { catalog } = loadCatalog();
    const modules = new Set<string>();
    // Node built-ins (fs, as a storage sink) are no vendor package: the server itself imports them.
    for (const s of catalog.sinks) for (const i of s.instances) for (const e of i.from) if (e.module && !BUILTINS.has(e.module.replace(/^node:/, '').split('/')[0])) modules.add(e.module.replace(/\/\*$/, '/'));
    const vendors = new Set(catalog.sinks.map((s) => s.vendor).filter((v) => v.length > 4 && !/storage|cookie/i.test(v)));
    for (const f of srcFiles(path.join(ROOT, 'server/src'))) {
      const code = stripComments(fs.readFileSync(f, 'utf8'));
      for (const m of modules) {
        const quoted = new RegExp(`['"\`]${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${m.endsWith('/') ? '' : `(?=['"\`/])`}`);
        assert.doesNotMatch(code, quoted, `${f} names module ${m}`);
      }
      for (const v of vendors) assert.ok(!code.includes(v), `${f} names vendor ${v}`);
      assert.doesNotMatch(code, /MCA \d/, `${f} names a law`);
    }
  });
});

describe('package.json', () => {
  const pkg = readJson(path.join(ROOT, 'package.json'));
  it('grammar contributions point at files whose scope names match', () => {
    for (const g of pkg.contributes.grammars ?? []) {
      const file = path.join(ROOT, g.path);
      assert.ok(fs.existsSync(file), g.path);
      const grammar = readJson(file);
      assert.strictEqual(grammar.scopeName, g.scopeName);
      assert.deepStrictEqual([...g.injectTo].sort(), ['source.js', 'source.js.jsx', 'source.ts', 'source.tsx']);
    }
    assert.ok((pkg.contributes.grammars ?? []).length >= 1, 'the directive grammar is contributed');
  });
  it('the directive grammar matches the directives the engine reads', () => {
    const grammar = readJson(path.join(ROOT, 'syntaxes', 'mt-pii-comments.tmLanguage.json'));
    const re = new RegExp(grammar.repository.directive.match);
    const m = re.exec('// mt-pii-ignore-next-line mt/personal-data-to-third-party, mt/breach-data-on-device -- reviewed by legal */');
    assert.ok(m);
    assert.strictEqual(m![1], 'mt-pii-ignore-next-line');
    assert.strictEqual(m![2].trim(), 'mt/personal-data-to-third-party, mt/breach-data-on-device');
    assert.strictEqual(m![4].trim(), 'reviewed by legal');
  });
  it('the compiled entry points exist', () => {
    assert.ok(fs.existsSync(path.join(ROOT, pkg.main)), pkg.main);
    assert.ok(fs.existsSync(path.join(ROOT, pkg.bin['mt-pii'])));
    assert.ok(fs.existsSync(path.join(ROOT, 'out/server/src/lsp/server.js')));
  });
});
