/**
 * The project index the language server's worker holds: summaries reused while a file's content is the same,
 * dropped along imports when it changes (and nothing else), overlays over the disk, the byte budget with
 * least-recently-used eviction, the budget stopping a job between modules; and incremental re-parsing, which
 * must give exactly the findings a full parse gives.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cancelled, analyzeFile } from '../../server/src/analysis';
import { parseFile } from '../../server/src/analysis/parse';
import { loadCatalog } from '../../server/src/catalog/load';
import { fsHost } from '../../server/src/project/fsHost';
import { ModuleIndex, Space, newJob } from '../../server/src/project/moduleIndex';
import { Reparser, changeRange } from '../../server/src/worker/reparse';

const { catalog } = loadCatalog();

const TRACK = "import posthog from 'posthog-js';\nexport function remember(value: string) {\n  posthog.capture('remembered', { value });\n}\n";
const QUIET = 'export function remember(value: string) {\n  return value.length;\n}\n';
const FORM = "import { remember } from './track';\nexport function keep(value: string) {\n  remember(value);\n}\n";
const PAGE = "import { keep } from './form';\nexport function save(user: { email: string }) {\n  keep(user.email);\n}\n";
const OTHER = "export function other(n: number) {\n  return n + 1;\n}\n";

function workspace(): { dir: string; file: (name: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-index-'));
  fs.mkdirSync(path.join(dir, 'src'));
  const files: Record<string, string> = { 'track.ts': TRACK, 'form.ts': FORM, 'page.ts': PAGE, 'other.ts': OTHER };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'src', name), text);
  return { dir, file: (name) => path.join(dir, 'src', name) };
}

function setup(budget = 1 << 30): { index: ModuleIndex; space: Space } {
  const index = new ModuleIndex(fsHost(), budget);
  return { index, space: index.space('default', () => ({ catalog, options: {} })) };
}

describe('project index (module summaries in the worker)', () => {
  it('analyses each module once per content, shared by every file that imports it', () => {
    const ws = workspace();
    const { index, space } = setup();
    const job = newJob();
    const page = index.analyze(ws.file('page.ts'), space, job);
    assert.strictEqual(page?.findings.length, 1, 'the email reaches PostHog two imports away');
    assert.deepStrictEqual(job.analysed.map((f) => path.basename(f)), ['page.ts', 'form.ts', 'track.ts']);
    const again = newJob();
    index.analyze(ws.file('form.ts'), space, again);
    index.analyze(ws.file('page.ts'), space, again);
    assert.deepStrictEqual(again.analysed, [], 'both come from the index');
    assert.ok(index.stats().hits >= 2);
  });

  it('an edited helper (overlay) drops itself and its importers, nothing else', () => {
    const ws = workspace();
    const { index, space } = setup();
    index.analyze(ws.file('page.ts'), space, newJob());
    index.analyze(ws.file('other.ts'), space, newJob());
    const dropped = index.setOverlay(ws.file('track.ts'), QUIET);
    assert.deepStrictEqual(dropped.map((f) => path.basename(f)).sort(), ['form.ts', 'page.ts', 'track.ts']);
    const job = newJob();
    assert.strictEqual(index.analyze(ws.file('page.ts'), space, job)?.findings.length, 0, 'the unsaved helper no longer sends');
    index.analyze(ws.file('other.ts'), space, job);
    assert.deepStrictEqual(job.analysed.map((f) => path.basename(f)).sort(), ['form.ts', 'page.ts', 'track.ts'], 'other.ts came from the index');
    assert.deepStrictEqual(index.setOverlay(ws.file('track.ts'), QUIET), [], 'the same text again drops nothing');
    // Closing the buffer brings the disk text back: the importers change again.
    assert.strictEqual(index.setOverlay(ws.file('track.ts'), undefined).length, 3);
    assert.strictEqual(index.analyze(ws.file('page.ts'), space, newJob())?.findings.length, 1);
  });

  it('follows a build-only alias, and re-resolves every import when the build config changes', () => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws.dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(ws.dir, 'vite.config.ts'), "export default { resolve: { alias: { '@track': './src/track' } } };");
    fs.writeFileSync(ws.file('aliased.ts'), "import { remember } from '@track';\nexport function save(user: { email: string }) {\n  remember(user.email);\n}\n");
    const { index, space } = setup();
    assert.strictEqual(index.analyze(ws.file('aliased.ts'), space, newJob())?.findings.length, 1, 'the alias leads to the PostHog helper');
    fs.writeFileSync(path.join(ws.dir, 'vite.config.ts'), "export default { resolve: { alias: { '@track': './src/other' } } };");
    const dropped = index.filesChanged([path.join(ws.dir, 'vite.config.ts')], false);
    assert.ok(dropped.map((f) => path.basename(f)).includes('aliased.ts'), 'the importer through the alias is dropped');
    assert.strictEqual(index.analyze(ws.file('aliased.ts'), space, newJob())?.findings.length, 0, 'the alias now leads to a module with no SDK');
  });

  it('notices a file changed on disk, by content (a touch alone drops nothing)', () => {
    const ws = workspace();
    const { index, space } = setup();
    index.analyze(ws.file('page.ts'), space, newJob());
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(ws.file('track.ts'), later, later);
    assert.deepStrictEqual(index.filesChanged([ws.file('track.ts')], false), []);
    fs.writeFileSync(ws.file('track.ts'), QUIET);
    assert.strictEqual(index.filesChanged([ws.file('track.ts')], false).length, 3);
    assert.strictEqual(index.analyze(ws.file('page.ts'), space, newJob())?.findings.length, 0);
  });

  it('evicts least recently used summaries beyond the byte budget; an evicted module is analysed again when needed', () => {
    const ws = workspace();
    const { index, space } = setup(25 * 1024);
    index.analyze(ws.file('page.ts'), space, newJob());
    index.analyze(ws.file('other.ts'), space, newJob());
    const s = index.stats();
    assert.ok(s.bytes <= s.budgetBytes, `${s.bytes} bytes held, budget ${s.budgetBytes}`);
    assert.ok(s.evictions > 0, 'something was evicted');
    const job = newJob();
    index.analyze(ws.file('form.ts'), space, job);
    assert.ok(job.analysed.includes(ws.file('track.ts')), 'the oldest summary (track.ts) was evicted and is analysed again');
    assert.strictEqual(index.analyze(ws.file('page.ts'), space, newJob())?.findings.length, 1, 'same findings after eviction');
  });

  it('a spent budget stops the job between modules; modules finished before stay indexed', () => {
    const ws = workspace();
    const { index, space } = setup();
    const job = newJob(() => job.analysed.length > 2);
    assert.throws(() => index.analyze(ws.file('page.ts'), space, job), Cancelled);
    assert.deepStrictEqual(job.incomplete.map((f) => path.basename(f)), ['track.ts', 'form.ts', 'page.ts']);
    const warm = newJob();
    index.analyze(ws.file('track.ts'), space, warm);
    const retry = newJob(() => retry.analysed.length > 2);
    assert.strictEqual(index.analyze(ws.file('page.ts'), space, retry)?.findings.length, 1, 'the retry fits once the import is indexed');
  });
});

describe('incremental re-parsing of open documents', () => {
  const TEXT = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'web-app', 'src', 'analytics.ts'), 'utf8');

  it('computes the replaced span from the common prefix and suffix', () => {
    const r = changeRange('abcdef', 'abXYef');
    assert.deepStrictEqual([r.span.start, r.span.length, r.newLength], [2, 2, 2]);
    const ins = changeRange('aaaa', 'aaaaa');
    assert.strictEqual(ins.newLength - ins.span.length, 1);
  });

  it('gives the same findings as a full parse after every kind of edit', () => {
    const file = '/app/src/analytics.ts';
    const reparser = new Reparser();
    let text = TEXT;
    reparser.parse(file, text);
    const lines = TEXT.split('\n');
    const edits: ((t: string) => string)[] = [
      (t) => t + '\nexport const added = 1;\n',
      (t) => t.replace('email', 'emailAddress'),
      (t) => t.replace('{', '{ ').replace('(', '( '),
      (t) => '// a comment at the top\n' + t,
      (t) => t.slice(0, Math.floor(t.length / 2)) + t.slice(Math.floor(t.length / 2) + 7),
      (t) => t.replace(lines[3], lines[3] + ' /* typed */'),
      () => TEXT,
    ];
    for (const edit of edits) {
      text = edit(text);
      const incremental = analyzeFile(file, text, catalog, {}, reparser.parse(file, text)).findings;
      const full = analyzeFile(file, text, catalog, {}, parseFile(file, text)).findings;
      assert.deepStrictEqual(incremental, full);
    }
    assert.ok(analyzeFile(file, TEXT, catalog).findings.length > 0, 'the example has findings to compare');
  });
});
