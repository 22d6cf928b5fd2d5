// Whether the scan reads the opt-out preference signal is learnt by the main thread while it reads every file
// (cli/scan/run.ts); a worker analyses meanwhile and waits for the answer only where a verdict needs it.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { GroupFeed, analyseInParallel } from '../../server/src/cli/scan/parallel';
import { SIGNAL_UNKNOWN, settleSignal } from '../../server/src/cli/scan/protocol';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GROUP = path.join(ROOT, 'out', 'server', 'src', 'cli', 'scan', 'analyseGroup.js');
const GPC = 'mt/ad-tracking-without-opt-out-check';
const FLAG_GATED = "import ReactPixel from 'react-facebook-pixel';\nexport function buy(o: { total: number }, prefs: { adsOptOut: boolean }) {\n  if (prefs.adsOptOut) return;\n  ReactPixel.track('Purchase', { value: o.total });\n}\n";
const PLAIN = "import ReactPixel from 'react-facebook-pixel';\nexport function view(o: { total: number }) {\n  ReactPixel.track('ViewContent', { value: o.total });\n}\n";

/** Analyses `file` in a worker thread with a signal the test settles `after` ms later; the rule ids and the wait. */
function analyseInWorker(dir: string, file: string, read: boolean, after: number): Promise<{ rules: string[]; waitedMs: number }> {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const code = `
    const { parentPort, workerData } = require('worker_threads');
    const { GroupAnalyser } = require(${JSON.stringify(GROUP)});
    const a = new GroupAnalyser({ rulesDir: ${JSON.stringify(path.join(ROOT, 'rules'))}, root: workerData.dir, fileTimeoutMs: 60000, withDependencies: false }, workerData.signal);
    a.startGroup();
    parentPort.postMessage({ ready: true });
    const t0 = Date.now();
    const r = a.analyse({ index: 0, file: workerData.file, config: 'k' }, { options: {}, sinks: [] });
    parentPort.postMessage({ rules: (r.findings || []).map((f) => f.ruleId), waitedMs: Date.now() - t0, skipped: r.skipped });`;
  const worker = new Worker(code, { eval: true, workerData: { dir, file, signal } });
  let settled: NodeJS.Timeout | undefined;
  return new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      // The clock starts once the engine has loaded and the analysis begins.
      if (m.ready) {
        settled = setTimeout(() => settleSignal(signal, read), after);
        return;
      }
      clearTimeout(settled);
      void worker.terminate();
      if (m.skipped) reject(new Error(m.skipped));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

describe('the opt-out signal, learnt while workers analyse', function () {
  this.timeout(120000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-signal-'));
  fs.writeFileSync(path.join(dir, 'gated.ts'), FLAG_GATED);
  fs.writeFileSync(path.join(dir, 'plain.ts'), PLAIN);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a flag-gated pixel waits for the answer: reported when no file reads the signal, quiet when one does', async () => {
    const unread = await analyseInWorker(dir, path.join(dir, 'gated.ts'), false, 400);
    assert.ok(unread.rules.includes(GPC), `no ${GPC} finding: ${unread.rules.join(', ')}`);
    assert.ok(unread.waitedMs >= 300, `the verdict did not wait for the answer (${unread.waitedMs} ms)`);
    const read = await analyseInWorker(dir, path.join(dir, 'gated.ts'), true, 400);
    assert.ok(!read.rules.includes(GPC), 'the signal is read elsewhere: the app\'s own flag passes');
  });
  it('a file whose verdicts do not depend on it never waits', async () => {
    const r = await analyseInWorker(dir, path.join(dir, 'plain.ts'), false, 60000);
    assert.ok(r.rules.length > 0, 'the ungated pixel is reported');
    assert.ok(r.waitedMs < 30000, 'the analysis waited for an answer it did not need');
  });
  it('a main thread that fails while deciding the groups stops the workers, even one waiting for the answer', async () => {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const feed = new GroupFeed();
    const run = {
      jobs: 1, workersOnly: true, configs: { k: { options: {}, sinks: [] } }, signal, onResult: () => undefined,
      init: { rulesDir: path.join(ROOT, 'rules'), root: dir, fileTimeoutMs: 60000, withDependencies: false },
    };
    const analysing = analyseInParallel(feed, run);
    feed.push([{ index: 0, file: path.join(dir, 'gated.ts'), config: 'k' }]);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the worker reaches the verdict and waits
    feed.abort(new Error('deciding the groups failed'));
    await assert.rejects(analysing, /deciding the groups failed/);
    assert.strictEqual(Atomics.load(signal, 0), SIGNAL_UNKNOWN, 'nothing settled the answer: the worker was stopped while it waited');
  });
  it('the settled answer stands: a later settlement does not change it', () => {
    const s = new Int32Array(new SharedArrayBuffer(4));
    assert.strictEqual(s[0], SIGNAL_UNKNOWN);
    settleSignal(s, true);
    settleSignal(s, false);
    assert.notStrictEqual(s[0], SIGNAL_UNKNOWN);
    const again = new Int32Array(new SharedArrayBuffer(4));
    settleSignal(again, true);
    assert.strictEqual(s[0], again[0]);
  });
  it('a scan of many files whose last file reads the signal quiets a flag-gated pixel analysed first (the CLI, worker threads)', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-signal-cli-'));
    fs.writeFileSync(path.join(project, 'a-gated.ts'), FLAG_GATED);
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(project, `m${String(i).padStart(2, '0')}.ts`), `export const n${i} = ${i};\n`);
    const scan = () => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mt-pii.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never', '--jobs', '2'], { cwd: project, encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      return (JSON.parse(r.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId === GPC).length;
    };
    assert.strictEqual(scan(), 1);
    fs.writeFileSync(path.join(project, 'z-banner.ts'), 'export function syncPrefs(prefs: { adsOptOut: boolean }) {\n  if (navigator.globalPrivacyControl) prefs.adsOptOut = true;\n}\n');
    assert.strictEqual(scan(), 0);
    fs.rmSync(project, { recursive: true, force: true });
  });
});
