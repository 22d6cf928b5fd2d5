/**
 * The one fixture runner. Every file under test/fixtures/{rules,sinks,lookalikes,flow} is analysed
 * in-process; expected findings are marked on the line before with
 *
 *   // expect: mt/<rule> <category>,<category> [@error|@warning|@info]
 *
 * (several `expect:` comments may stack above one line; in JSX use {/* expect: ... *\/}). Expected and
 * actual findings are compared as sets of `ruleId:line:categories`, and a failure lists what is Missing
 * and what is Extra with an underlined view of the file. Files under projects/<case>/ are analysed as
 * one project (imports between them are followed). Files named `ok_*` must produce no finding
 * and contain no `expect:`; every other fixture must expect at least one.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Project, analyzeFile, SOURCE_EXTENSIONS } from '../server/src/analysis';
import { loadCatalog } from '../server/src/catalog/load';
import { fsHost } from '../server/src/project/fsHost';
import { ConfigLoader } from '../server/src/config/discover';
import { analyzeOptionsOf, isIncluded } from '../server/src/config/config';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'fixtures');
/**
 * projects/<case>/ are multi-file: analysed together, so flows follow imports between their files.
 * config/<case>/ hold an mt-pii.json that applies to the files below it, as in the CLI.
 */
const GROUPS = ['rules', 'sinks', 'lookalikes', 'flow', 'projects', 'config'];

export function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE_EXTENSIONS.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const g of GROUPS) if (fs.existsSync(path.join(FIXTURES, g))) walk(path.join(FIXTURES, g));
  return out;
}

export interface Expectation {
  key: string;
  line: number;
  /** When given, the finding must have this severity. */
  severity?: string;
}

/** Parses `expect:` comments: each applies to the next line that is not itself an expect comment. */
export function expectations(text: string): Expectation[] {
  const lines = text.split('\n');
  const out: Expectation[] = [];
  const pending: string[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*(?:\/\/|\{?\/\*)\s*expect:\s*(\S+)\s*([\w,-]*)\s*(?:@(error|warning|info))?/.exec(line);
    if (m) {
      pending.push(`${m[1]}:${m[2].split(',').filter(Boolean).sort().join(',')}:${m[3] ?? ''}`);
      return;
    }
    for (const p of pending) {
      const [rule, cats, sev] = p.split(':');
      out.push({ key: `${rule}:${i + 1}:${cats}`, line: i + 1, severity: sev || undefined });
    }
    pending.length = 0;
  });
  return out;
}

function render(text: string, lines: Set<number>): string {
  return text.split('\n').map((l, i) => {
    const n = i + 1;
    const row = `${String(n).padStart(4)} | ${l}`;
    if (!lines.has(n)) return row;
    const start = l.length - l.trimStart().length;
    return `${row}\n     | ${' '.repeat(start)}${'~'.repeat(Math.max(1, l.trim().length))}`;
  }).join('\n');
}

describe('fixtures', () => {
  const { catalog, problems } = loadCatalog();
  it('rule data loads without problems', () => {
    assert.deepStrictEqual(problems, []);
  });
  const files = fixtureFiles();
  it('exist', () => assert.ok(files.length > 10, `only ${files.length} fixture files found in ${FIXTURES}`));
  for (const file of files) {
    const rel = path.relative(FIXTURES, file);
    it(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      const expected = expectations(text);
      const isOk = path.basename(file).startsWith('ok_');
      const inProject = rel.split(path.sep)[0] === 'projects';
      if (isOk) assert.strictEqual(expected.length, 0, `${rel}: an ok_ fixture must not contain expect: comments`);
      // In a project, library files (the wrapper itself) may legitimately expect nothing.
      else if (!inProject && rel.split(path.sep)[0] !== 'config') assert.ok(expected.length > 0, `${rel}: a fixture that is not ok_* must expect at least one finding`);
      const keys = expected.map((e) => e.key);
      assert.strictEqual(new Set(keys).size, keys.length, `${rel}: duplicate expectations ${keys.join(' ')}`);
      // config/<case>/ fixtures, and a rule's fixtures with their own mt-pii.json (a rule that reads the team's data).
      const inConfig = rel.split(path.sep)[0] === 'config' || fs.existsSync(path.join(path.dirname(file), 'mt-pii.json'));
      let result: ReturnType<typeof analyzeFile> | undefined;
      if (inConfig) {
        const stop = rel.split(path.sep)[0] === 'config' ? path.join(FIXTURES, 'config') : path.dirname(file);
        const { config, problems: cfgProblems } = new ConfigLoader(path.join(FIXTURES, '..', '..', 'rules'), [stop]).forFile(file);
        assert.deepStrictEqual(cfgProblems, [], `${rel}: its mt-pii.json is invalid`);
        if (!isIncluded(config, file)) {
          assert.strictEqual(expected.length, 0, `${rel} is excluded by its mt-pii.json but expects findings`);
          return;
        }
        const cat = config.sinks.length ? loadCatalog(undefined, config.sinks).catalog : catalog;
        result = new Project(cat, fsHost()).analyze(file, undefined, analyzeOptionsOf(config)) as ReturnType<typeof analyzeFile>;
      } else {
        result = inProject ? (new Project(catalog, fsHost()).analyze(file) as ReturnType<typeof analyzeFile>) : analyzeFile(file, text, catalog);
      }
      const actual = result!.findings.map((f) => {
        const line = result!.sourceFile.getLineAndCharacterOfPosition(f.start).line + 1;
        return { key: `${f.ruleId}:${line}:${f.categories.join(',')}`, line, severity: f.severity };
      });
      const exp = new Set(keys);
      const act = new Set(actual.map((a) => a.key));
      const missing = [...exp].filter((k) => !act.has(k));
      for (const e of expected) {
        const a = actual.find((x) => x.key === e.key);
        if (a && e.severity && a.severity !== e.severity) missing.push(`${e.key}@${e.severity} (found @${a.severity})`);
      }
      const extra = [...act].filter((k) => !exp.has(k));
      if (missing.length || extra.length) {
        const marked = new Set([...expected, ...actual].filter((x) => missing.includes(x.key) || extra.includes(x.key)).map((x) => x.line));
        assert.fail(`${rel}\nMissing: ${missing.join('  ') || '-'}\nExtra:   ${extra.join('  ') || '-'}\n\n${render(text, marked)}`);
      }
    });
  }
});
