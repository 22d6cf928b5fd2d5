/**
 * The project index over stdio: background indexing at start-up with work-done progress (files done of total)
 * that the client can cancel, closed files' findings, invalidation along imports (an edited helper re-analyses
 * its importers and nothing else), pull diagnostics, and the per-file budget with its retry. No timing
 * assertions: the budget test replaces time by a count of modules (MT_PII_TEST_MODULE_BUDGET).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const TRACK = "import posthog from 'posthog-js';\nexport function remember(value: string) {\n  posthog.capture('remembered', { value });\n}\n";
const QUIET = 'export function remember(value: string) {\n  return value.length;\n}\n';
const FORM = "import { remember } from './track';\nexport function keep(value: string) {\n  remember(value);\n}\n";
const PAGE = "import { keep } from './form';\nexport function save(user: { email: string }) {\n  keep(user.email);\n}\n";
const THIRD_PARTY = 'mt/personal-data-to-third-party';

interface Status {
  state: string;
  files: number;
  done: number;
  findings: number;
  failed: { file: string; reason: string }[];
  worker?: { misses: number; recent: string[]; entries: number; bytes: number; budgetBytes: number };
}

/** A scratch workspace: a chain page → form → track (the SDK), plus `quiet` unrelated files. */
function workspace(quiet: number, extra: Record<string, string> = {}): { dir: string; uri: (name: string) => string; file: (name: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-lsp-index-'));
  const files: Record<string, string> = { 'track.ts': TRACK, 'form.ts': FORM, 'page.ts': PAGE, ...extra };
  for (let i = 0; i < quiet; i++) files[`quiet/q${i}.ts`] = `export function q${i}(n: number) {\n  return [n, ${i}].map((x) => x * 2);\n}\n`;
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'src', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', name), text);
  }
  const file = (name: string) => path.join(dir, 'src', name);
  return { dir, file, uri: (name) => pathToFileURL(file(name)).href };
}

const codes = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => String(d.code));

describe('language server: project index', function () {
  this.timeout(60000);

  it('indexes the workspace at start-up with work-done progress, and shows closed files\' findings', async () => {
    const ws = workspace(30);
    const client = new LspClient();
    client.capabilities = { window: { workDoneProgress: true } };
    try {
      await client.initialize(ws.dir);
      const end = await client.until(() => client.progress.find((p) => p.value.kind === 'end'), 'the end of the index progress');
      const mine = client.progress.filter((p) => p.token === end.token).map((p) => p.value);
      assert.strictEqual(mine[0].kind, 'begin');
      assert.strictEqual(mine[0].title, 'Montana PII Guard: indexing');
      assert.strictEqual(mine[0].cancellable, true);
      const reports = mine.filter((v) => v.kind === 'report' && /^\d+\/\d+ files$/.test(v.message ?? ''));
      assert.ok(reports.length >= 1, JSON.stringify(mine));
      assert.strictEqual(reports[0].message, '0/33 files', 'files done of total, from 0');
      // The leak two imports away is shown in a file nobody opened.
      const page = await client.diagnostics(ws.uri('page.ts'), (d) => d.length > 0);
      assert.deepStrictEqual(codes(page), [THIRD_PARTY]);
      assert.strictEqual(page[0].range.start.line, 2);
      const status = await client.command<Status>('mtPii.indexStatus');
      assert.strictEqual(status.state, 'idle');
      assert.deepStrictEqual([status.files, status.done, status.findings], [33, 33, 1]);
      assert.ok(status.worker!.bytes <= status.worker!.budgetBytes);
      assert.ok(client.logs.some((l) => /indexed 33 of 33 files/.test(l)), client.logs.join('\n'));
    } finally {
      await client.shutdown();
    }
  });

  it('stops when the client cancels the progress (what was indexed stays)', async () => {
    const ws = workspace(400);
    const client = new LspClient();
    client.capabilities = { window: { workDoneProgress: true } };
    try {
      await client.initialize(ws.dir);
      const begin = await client.until(() => client.progress.find((p) => p.value.kind === 'begin'), 'the index to begin');
      void client.conn.sendNotification('window/workDoneProgress/cancel', { token: begin.token });
      await client.until(() => client.progress.find((p) => p.token === begin.token && p.value.kind === 'end'), 'the progress to end');
      const status = await client.command<Status>('mtPii.indexStatus');
      assert.strictEqual(status.state, 'cancelled');
      assert.ok(status.done < 403, `${status.done} of 403 files done`);
      assert.ok(client.logs.some((l) => /indexing cancelled after/.test(l)), client.logs.join('\n'));
      // Scan Workspace indexes everything (files done before the cancel come from the index).
      const outcome = await client.command<{ files: number; findings: number; cancelled: boolean }>('mtPii.scanWorkspace');
      assert.deepStrictEqual(outcome.cancelled, false);
      assert.strictEqual(outcome.files, 403);
      assert.strictEqual(outcome.findings, 1);
    } finally {
      await client.shutdown();
    }
  });

  it('an edited helper re-analyses the files importing it (open or closed), and nothing else', async () => {
    const ws = workspace(5);
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      await client.until(() => client.logs.some((l) => /indexed 8 of 8 files/.test(l)), 'the index to finish');
      await client.diagnostics(ws.uri('page.ts'), (d) => d.length === 1);
      const before = await client.command<Status>('mtPii.indexStatus');
      // The helper opened as it is on disk: nothing is analysed again.
      client.open(ws.uri('track.ts'), TRACK);
      await client.diagnostics(ws.uri('track.ts'), () => true, 1);
      const opened = await client.command<Status>('mtPii.indexStatus');
      assert.strictEqual(opened.worker!.misses, before.worker!.misses, 'the open file came from the index');
      // It stops sending (unsaved): the closed page two imports away loses its finding.
      client.change(ws.uri('track.ts'), QUIET, 2);
      await client.diagnostics(ws.uri('page.ts'), (d) => d.length === 0);
      const after = await client.command<Status>('mtPii.indexStatus');
      const again = after.worker!.recent.slice(before.worker!.recent.length);
      assert.deepStrictEqual(again.map((f) => path.basename(f)).sort(), ['form.ts', 'page.ts', 'track.ts']);
      assert.strictEqual(after.worker!.misses - before.worker!.misses, 3);
      // Closing the buffer without saving brings the disk text (and the finding) back.
      client.close(ws.uri('track.ts'));
      assert.deepStrictEqual(codes(await client.diagnostics(ws.uri('page.ts'), (d) => d.length === 1)), [THIRD_PARTY]);
      // The same change made on disk (a checkout), reported by the editor's file watcher.
      fs.writeFileSync(ws.file('track.ts'), QUIET);
      client.watchedFilesChanged([ws.uri('track.ts')]);
      await client.diagnostics(ws.uri('page.ts'), (d) => d.length === 0);
    } finally {
      await client.shutdown();
    }
  });

  it('serves pull diagnostics: the document\'s current version, unchanged result ids, closed files through workspace/diagnostic', async () => {
    const ws = workspace(3);
    const client = new LspClient();
    client.capabilities = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };
    try {
      const init = (await client.initialize(ws.dir)) as { capabilities: { diagnosticProvider?: { workspaceDiagnostics: boolean; interFileDependencies: boolean } } };
      assert.deepStrictEqual(init.capabilities.diagnosticProvider, { identifier: 'mt-pii', interFileDependencies: true, workspaceDiagnostics: true });
      const uri = ws.uri('form.ts');
      client.open(uri, FORM + "export function direct(user: { email: string }) {\n  remember(user.email);\n}\n");
      type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
      const first = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as Report;
      assert.strictEqual(first.kind, 'full');
      assert.deepStrictEqual(codes(first.items), [THIRD_PARTY]);
      const same = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })) as Report;
      assert.deepStrictEqual(same, { kind: 'unchanged', resultId: first.resultId });
      client.change(uri, FORM, 2);
      const edited = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })) as Report;
      assert.deepStrictEqual([edited.kind, codes(edited.items)], ['full', []], 'the answer is for version 2');
      type WsReport = { items: { uri: string; kind: string; items: Diagnostic[] }[] };
      const all = (await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WsReport;
      const page = all.items.find((i) => i.uri === ws.uri('page.ts'));
      assert.ok(page, `page.ts in ${JSON.stringify(all.items.map((i) => i.uri))}`);
      assert.deepStrictEqual(codes(page.items), [THIRD_PARTY]);
      assert.strictEqual(client.last(ws.uri('page.ts')), undefined, 'nothing is pushed to a pulling client');
    } finally {
      await client.shutdown();
    }
  });

  it('names a file over its budget once, leaves it alone on edits, and retries it once its imports are indexed', async () => {
    const heavy = (n: number) => `export function h${n}(value: string) {\n  return value.trim();\n}\n`;
    const big = "import { remember } from './track';\nimport { h2 } from './h2';\nimport { h3 } from './h3';\n"
      + 'export function save(user: { email: string }) {\n  remember(h2(h3(user.email)));\n}\n';
    const ws = workspace(0, { 'h2.ts': heavy(2), 'h3.ts': heavy(3), 'big.ts': big });
    // A job may analyse two modules: big.ts and track.ts fit, h2.ts does not, until it is indexed on its own.
    const client = new LspClient(undefined, { MT_PII_TEST_MODULE_BUDGET: '2' });
    let indexOn = false;
    client.settings = (_scope, section) => (section === 'mtPii' ? { enable: true, index: { enable: indexOn } } : null);
    client.capabilities = { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } };
    type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
    const pull = (version: string | undefined) =>
      client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: ws.uri('big.ts') }, previousResultId: version }) as Promise<Report>;
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri('big.ts'), big);
      const parked = await pull(undefined);
      assert.strictEqual(parked.items?.length, 1);
      assert.match(String(parked.items![0].message), /could not analyse this file: analysis needed more than 2 modules and was stopped\. It is analysed again once the files it imports are indexed/);
      const named = () => client.logs.filter((l) => /big\.ts: analysis needed more than 2 modules/.test(l));
      assert.strictEqual(named().length, 1);
      const misses = (await client.command<Status>('mtPii.indexStatus')).worker!.misses;
      // Typing in it does not start the same doomed analysis again (no new modules, no new message).
      client.change(ws.uri('big.ts'), big + '// typed\n', 2);
      assert.deepStrictEqual(await pull(parked.resultId), { kind: 'unchanged', resultId: parked.resultId });
      assert.strictEqual((await client.command<Status>('mtPii.indexStatus')).worker!.misses, misses);
      assert.strictEqual(named().length, 1);
      // The index is turned on: h2.ts is indexed on its own, and big.ts is retried and analysed.
      indexOn = true;
      client.configurationChanged();
      let report = await pull(parked.resultId);
      while (!codes(report.items).includes(THIRD_PARTY)) {
        await client.until(() => client.requests.includes('workspace/diagnostic/refresh'), 'a refresh request');
        client.requests.length = 0;
        report = await pull(report.resultId ?? parked.resultId);
      }
      assert.deepStrictEqual(codes(report.items), [THIRD_PARTY]);
      assert.strictEqual(named().length, 1, client.logs.join('\n'));
    } finally {
      await client.shutdown();
    }
  });
});
