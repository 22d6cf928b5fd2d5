// The scan's prefilter (analysis/triggers.ts, cli/scan/relevant.ts) changes no result: every fixture, the bundled
// examples and the quality corpus scan the same with it and without, while it leaves many files unparsed and some,
// once parsed, unevaluated (their triggers only in comments).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { namedAt, specifierAt } from '../../server/src/analysis/namedAt';
import { parseFile } from '../../server/src/analysis/parse';
import { Triggers } from '../../server/src/analysis/triggers';
import { loadCatalog } from '../../server/src/catalog/load';
import { ScanOptions, parseScanArgs, scan } from '../../server/src/cli/main';
import { LEAK, ROOT, repo, run } from './cliHarness';

const catalog = loadCatalog().catalog;
const triggers = new Triggers(catalog);

describe('prefilter: what a file must hold for the engine to report anything', () => {
  it('a sink root with the words of a path to a sink, as words anywhere', () => {
    assert.ok(triggers.test("document.cookie = 'a=' + v;"));
    assert.ok(!triggers.test('const title = document.title;'), 'document without cookie reaches no sink');
    assert.ok(triggers.test("chrome.storage.local.set({ email })"));
    assert.ok(!triggers.test("chrome.runtime.sendMessage({ email })"));
    assert.ok(triggers.test("localStorage['email'] = v"), 'a write of any key needs the root alone');
    assert.ok(triggers.test("gtag('event', 'x')"));
    assert.ok(!triggers.test('const gtagged = 1; const xgtag = 2;'), 'a longer word is not the global');
    assert.ok(triggers.test("import { PostHog } from 'posthog-node';\nconst c = new PostHog('k'); c.capture({})"));
    assert.ok(!triggers.test("import { PostHog } from 'posthog-node';\nexport const c = new PostHog('k');"), 'made, not used: the importer decides');
    assert.ok(triggers.test("const fs = require('node:fs'); fs.writeFileSync(p, v);"));
  });
  it('comments and strings count (an alias spells each word too), and a suppression mark always does', () => {
    assert.ok(triggers.test('// document.cookie is not written here'));
    assert.ok(triggers.test('const s = chrome.storage;\nconst l = s.local;\nl.set({ v });'));
    assert.ok(triggers.test('// mt-pii-ignore-next-line mt/personal-data-in-logs -- reviewed\nconst a = 1;'));
    assert.ok(!triggers.test('export const add = (a: number, b: number) => a + b;'));
  });
});

describe('prefilter: the second look, once a worker has parsed the file', () => {
  /** The roots of `text` that remain where the engine reads names. */
  const named = (text: string, file = 'a.ts') => {
    const sf = parseFile(file, text);
    return [...triggers.rootsNamed(sf.text, triggers.find(text).roots, (o) => namedAt(sf, o), (o) => specifierAt(sf, o))].sort();
  };
  it('a root named only in comments is dropped, JSDoc and a block\'s last line included', () => {
    assert.deepStrictEqual(named('// console.log(user.email)\nexport const a = 1;'), []);
    assert.deepStrictEqual(named('/* localStorage.setItem("e", v) */ const x = 1;'), []);
    assert.deepStrictEqual(named('/** Writes to console.log. */\nexport function f() {}'), []);
    assert.deepStrictEqual(named('function f() {\n  run();\n  // console.log(x)\n}'), []);
    assert.deepStrictEqual(named("// import posthog from 'posthog-js';\nexport const a = 1;"), []);
    assert.deepStrictEqual(named('const consoleLines = 1; // console.log'), [], 'a longer word is not the root');
  });
  it('a module counts only in a specifier the engine reads: import, export, require(), import(), import type', () => {
    assert.deepStrictEqual(named("const level = 'debug'; export const w = { debug: level };"), [], 'a log level is no module');
    assert.deepStrictEqual(named("jest.mock('debug'); export const realm = { name: 'realm' };"), []);
    assert.deepStrictEqual(named("const debug = require('debug')('app');"), ['m:debug']);
    assert.deepStrictEqual(named("export { default } from 'debug';"), ['m:debug']);
    assert.deepStrictEqual(named("import fs = require('fs');"), ['m:fs']);
    assert.deepStrictEqual(named('const m = await import(`debug`);'), ['m:debug']);
    assert.deepStrictEqual(named("let d: import('debug').Debugger;"), ['m:debug']);
    assert.deepStrictEqual(named("type Level = 'debug' | 'info'; let l: 'fs' = 'fs';"), [], 'a string type names no module');
  });
  it('a root in code or in a literal stays, wherever else it is also named', () => {
    assert.deepStrictEqual(named('f(x /* console.log */);\nconsole.warn(1);'), ['g:console']);
    assert.deepStrictEqual(named("window['localStorage'].setItem('e', v);"), ['g:localStorage'], 'a string names a property');
    assert.deepStrictEqual(named('const s = `${a} console ${b}`;'), ['g:console'], 'template text counts');
    assert.deepStrictEqual(named("import posthog from 'posthog-js';\nposthog.capture('x');"), ['g:posthog', 'm:posthog-js']);
    assert.deepStrictEqual(named("const fs = require('fs'); // require('fs') again"), ['m:fs']);
    assert.deepStrictEqual(named('export const el = <p>console.log</p>;', 'a.tsx'), ['g:console'], 'JSX text counts');
    assert.deepStrictEqual(named('class A { #console = 1; }'), ['g:console'], 'a private name counts');
  });
  it('next-app/lib/debug: commented-out sinks are parsed but not evaluated; an imported console still counts', async () => {
    const dir = path.join(ROOT, 'test', 'quality', 'corpus', 'next-app', 'lib', 'debug');
    const outcome = await scan({ ...parseScanArgs([dir]), format: 'json', failOn: 'never', jobs: 1 }, dir);
    assert.strictEqual(outcome.unevaluated, 1, 'signupLeftovers.ts is left out once parsed');
    assert.strictEqual(outcome.unparsed, 1, 'out.ts names no path to a sink');
    assert.deepStrictEqual(outcome.report.findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.ruleId}`).sort(),
      ['checkoutTrace.ts:7:mt/personal-data-in-logs', 'loginTrace.ts:7:mt/personal-data-in-logs']);
  });
});

describe('prefilter: a root in one file and the words of its path in another', () => {
  it('the importer is analysed and its finding reported (projects/split-trigger)', async () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'projects', 'split-trigger');
    for (const f of ['client.ts', 'cookieJar.ts', 'signup.ts']) assert.ok(!triggers.test(fs.readFileSync(path.join(dir, 'src', f), 'utf8')), `${f} passes alone`);
    const outcome = await scan({ ...parseScanArgs([dir]), format: 'json', failOn: 'never', jobs: 1 }, dir);
    assert.deepStrictEqual(outcome.report.findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.ruleId}`).sort(),
      ['signup.ts:10:mt/personal-data-on-device', 'signup.ts:8:mt/personal-data-to-third-party']);
  });
  it('--cache: a quiet file is analysed again when a file it imports gains a sink', () => {
    const dir = repo({ 'src/page.ts': "import { send } from './send';\nexport const go = (u: { email: string }) => send(u.email);\n",
      'src/send.ts': 'export function send(v: string) { return v.length; }\n' });
    const first = run(['scan', '.', '-f', 'json', '--cache', '--fail-on', 'never'], dir);
    assert.deepStrictEqual(JSON.parse(first.stdout).findings, []);
    fs.writeFileSync(path.join(dir, 'src', 'send.ts'), LEAK.replace('export const f = (u: { email: string }) => Sentry.setUser({ email: u.email });', 'export function send(v: string) { Sentry.setUser({ email: v }); }'));
    const second = run(['scan', '.', '-f', 'json', '--cache', '--fail-on', 'never'], dir);
    assert.doesNotMatch(second.stderr, /taken from the cache/);
    assert.deepStrictEqual(JSON.parse(second.stdout).findings.map((f: { file: string }) => f.file).sort(), ['src/page.ts', 'src/send.ts']);
  });
});

describe('prefilter: the same results as analysing every file', () => {
  // The examples all send data somewhere; the fixtures' look-alikes and the corpus's quiet files are left unparsed.
  const folders: [string, boolean][] = [[path.join(ROOT, 'examples'), false], [path.join(ROOT, 'test', 'fixtures'), true], [path.join(ROOT, 'test', 'quality', 'corpus'), true]];
  for (const [folder, someQuiet] of folders) {
    it(`${path.relative(ROOT, folder)}: findings, suppressed flows, safe destinations and the data map`, async () => {
      const base: ScanOptions = { ...parseScanArgs([folder]), format: 'json', failOn: 'never', jobs: 2 };
      const all = await scan({ ...base, analyseAll: true }, folder);
      const some = await scan(base, folder);
      assert.strictEqual(all.unparsed + all.unevaluated, 0);
      if (someQuiet) assert.ok(some.unparsed > 0, 'the prefilter left no file unparsed: the comparison proves nothing');
      if (someQuiet) assert.ok(some.unevaluated > 0, 'the second look left no file out: the comparison proves nothing');
      const strip = (o: typeof all) => ({ ...JSON.parse(o.text), summary: { ...JSON.parse(o.text).summary, durationMs: 0 } });
      assert.deepStrictEqual(strip(some), strip(all));
      assert.deepStrictEqual(some.dataMap(), all.dataMap());
      assert.strictEqual(some.report.summary.files, all.report.summary.files);
    });
  }
});
