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

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RULES = path.join(ROOT, 'rules');
const readJson = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8'));

/**
 * The citations montana-law.md (shared/, 2026-11-28) marks as verified at this precision: sections read
 * in official text or verbatim copies, and subsections it marks verified. Cross-checked against the file
 * itself below when it is present.
 */
const VERIFIED = new Set([
  'MCA 30-14-1702', 'MCA 30-14-1703', 'MCA 30-14-1704', 'MCA 30-14-1705',
  'MCA 30-14-2801', 'MCA 30-14-2802', 'MCA 30-14-2802(7)', 'MCA 30-14-2802(20)', 'MCA 30-14-2802(25)', 'MCA 30-14-2802(28)',
  'MCA 30-14-2803', 'MCA 30-14-2804', 'MCA 30-14-2808', 'MCA 30-14-2809', 'MCA 30-14-2809(3)(b)', 'MCA 30-14-2811',
  'MCA 30-14-2812', 'MCA 30-14-2812(1)(a)', 'MCA 30-14-2812(1)(b)', 'MCA 30-14-2812(1)(c)', 'MCA 30-14-2812(2)(a)',
  'MCA 30-14-2812(2)(b)', 'MCA 30-14-2812(2)(c)', 'MCA 30-14-2812(5)', 'MCA 30-14-2812(10)', 'MCA 30-14-2813', 'MCA 30-14-2813(2)',
  'MCA 30-14-2814', 'MCA 30-14-2814(1)', 'MCA 30-14-2815', 'MCA 30-14-2815(4)', 'MCA 30-14-2816', 'MCA 30-14-2817',
  'MCA 30-14-2818', 'MCA 30-14-2819', 'MCA 30-14-2820', 'MCA 30-23-104', 'MCA 2-6-1501', 'MCA 2-6-1502', 'MCA 2-6-1503',
  'MCA 2-17-551', 'MCA 2-17-552', 'MCA 20-7-1325', 'MCA 50-16-504', 'MCA 50-16-525', 'MCA 50-16-546', 'MCA 61-11-515', 'MCA 46-5-603',
]);

/** The official URL of an MCA section, by the pattern of montana-law.md §0.3 on the current host. */
function officialUrl(section: string): string {
  const [t, c, ps] = section.split('-');
  const part = ps.length > 2 ? ps.slice(0, ps.length - 2) : '0';
  const sec = ps.length > 2 ? ps.slice(-2) : ps;
  const pad = (n: string) => String(Number(n) * 10).padStart(4, '0');
  const T = pad(t), C = pad(c), P = pad(part), S = pad(sec);
  return `https://mca.legmt.gov/bills/mca/title_${T}/chapter_${C}/part_${P}/section_${S}/${T}-${C}-${P}-${S}.html`;
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

  it('loads into a catalog with no problems', () => {
    assert.deepStrictEqual(loadCatalog().problems, []);
  });

  it('rule ids equal their file names and severities are sane', () => {
    for (const r of loadCatalog().catalog.rules) {
      assert.ok(fs.existsSync(path.join(RULES, 'montana', r.id.slice(3) + '.json')), r.id);
      assert.ok(r.message.includes('{vendor}') || r.message.includes('{api}'), `${r.id}: message names no destination`);
    }
  });
});

describe('citations', () => {
  const data = readJson(path.join(RULES, 'montana', 'citations.json'));
  it('use the current official host', () => assert.strictEqual(data.host, 'https://mca.legmt.gov/bills/mca/'));
  for (const [id, c] of Object.entries<Record<string, string>>(data.citations)) {
    it(`${id} is verified, well formed, and links its official section page`, () => {
      assert.ok(VERIFIED.has(id), `${id} is not on the verified list`);
      assert.strictEqual(id, `MCA ${c.section}${c.subsection ?? ''}`);
      assert.strictEqual(c.url, officialUrl(c.section));
      for (const k of ['title', 'summary', 'binds']) assert.ok(c[k] && c[k].length > 4, `${id}.${k}`);
      assert.ok(['official', 'copy'].includes(c.verification));
    });
  }
  it('no rule cites a state-agency section against private code', () => {
    for (const r of loadCatalog().catalog.rules) {
      const all = [...r.citations, ...(r.categoryCitations ?? []).flatMap((x) => x.citations)];
      assert.ok(!all.some((c) => /^MCA 2-6-15|^MCA 2-17-55/.test(c)), r.id);
    }
  });
  it('the URL pattern matches the examples montana-law.md saw', () => {
    assert.strictEqual(officialUrl('30-14-2812'), 'https://mca.legmt.gov/bills/mca/title_0300/chapter_0140/part_0280/section_0120/0300-0140-0280-0120.html');
    assert.strictEqual(officialUrl('2-6-1502'), 'https://mca.legmt.gov/bills/mca/title_0020/chapter_0060/part_0150/section_0020/0020-0060-0150-0020.html');
    assert.strictEqual(officialUrl('61-11-515'), 'https://mca.legmt.gov/bills/mca/title_0610/chapter_0110/part_0050/section_0150/0610-0110-0050-0150.html');
    assert.strictEqual(officialUrl('30-23-104'), 'https://mca.legmt.gov/bills/mca/title_0300/chapter_0230/part_0010/section_0040/0300-0230-0010-0040.html');
  });
  const reference = path.resolve(ROOT, '..', 'shared', 'montana-law.md');
  if (fs.existsSync(reference)) {
    it('every citation appears in shared/montana-law.md, section and subsection', () => {
      const text = fs.readFileSync(reference, 'utf8');
      for (const id of Object.keys(data.citations)) {
        const section = id.replace(/^MCA /, '').replace(/\(.*$/, '');
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
      for (const m of text.matchAll(/MCA \d+-\d+-\d+(?:\(\w+\))*/g)) {
        const section = m[0].replace(/\(.*$/, '');
        assert.ok(Object.keys(catalog.citations).some((c) => c.startsWith(section)), `${rule.id} doc mentions ${m[0]}, not in citations.json`);
      }
    });
    it(`${rule.id}: doc examples — ❌ is flagged by this rule, ✅ is not flagged at all`, () => {
      const text = fs.readFileSync(doc, 'utf8');
      const block = (title: string) => {
        const m = new RegExp(`### ${title}[^\\n]*\\n+\`\`\`(?:ts|tsx|js)\\n([\\s\\S]*?)\`\`\``).exec(text);
        assert.ok(m, `${rule.id}: no "### ${title}" code block`);
        return m![1];
      };
      const bad = analyzeFile(`/doc/${name}.tsx`, block('❌'), catalog).findings;
      assert.ok(bad.some((f) => f.ruleId === rule.id), `${rule.id}: ❌ example not flagged (${bad.map((f) => f.ruleId).join(', ') || 'nothing'})`);
      const good = analyzeFile(`/doc/${name}.tsx`, block('✅'), catalog).findings;
      assert.deepStrictEqual(good.map((f) => `${f.ruleId} ${f.message}`), []);
    });
  }
});

describe('fixtures cover the data', () => {
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const list = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d) : []);
  for (const sink of loadCatalog().catalog.sinks) {
    it(`sink ${sink.id} has a positive and an ok_ fixture`, () => {
      const files = list(path.join(fixtures, 'sinks', sink.id));
      assert.ok(files.some((f) => !f.startsWith('ok_')), `${sink.id}: no positive fixture in test/fixtures/sinks/${sink.id}/`);
      assert.ok(files.some((f) => f.startsWith('ok_')), `${sink.id}: no ok_ fixture in test/fixtures/sinks/${sink.id}/`);
    });
  }
  for (const rule of loadCatalog().catalog.rules) {
    it(`rule ${rule.id} has a positive and an ok_ fixture`, () => {
      const files = list(path.join(fixtures, 'rules', rule.id.slice(3)));
      assert.ok(files.some((f) => !f.startsWith('ok_')) && files.some((f) => f.startsWith('ok_')), `test/fixtures/rules/${rule.id.slice(3)}/ needs both`);
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
    for (const s of catalog.sinks) for (const i of s.instances) for (const e of i.from) if (e.module) modules.add(e.module.replace(/\/\*$/, '/'));
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
