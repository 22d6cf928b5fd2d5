// The command line asks V8 to optimise later for `scan` and `report` only (bin/mt-pii.js): the interrupt budget is
// set before any of the scanner loads, other commands leave V8's defaults, and a scan's report is the same either way.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, ROOT } from './cliHarness';

/** Runs the command line with V8's flag setter recorded (and, with `loaded`, whether our code had loaded by then). */
function runRecorded(args: string[]): { flags: { flag: string; loaded: boolean }[]; stdout: string; status: number | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-tiering-'));
  const log = path.join(dir, 'flags.json');
  const preload = path.join(dir, 'record.js');
  fs.writeFileSync(preload, `const v8 = require('v8'), fs = require('fs'); const set = v8.setFlagsFromString; const seen = [];
    v8.setFlagsFromString = (f) => { seen.push({ flag: f, loaded: Object.keys(require.cache).some((k) => k.includes('cli' + require('path').sep + 'main.js')) }); return set(f); };
    process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify(seen)));\n`);
  try {
    const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240000 });
    return { flags: JSON.parse(fs.readFileSync(log, 'utf8')), stdout: r.stdout, status: r.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('command line: V8 tiering for scans', function () {
  this.timeout(300000);
  const examples = path.join(ROOT, 'examples');
  it('a scan raises the interrupt budget before the scanner loads, and reports the same as with V8\'s default', () => {
    const tuned = runRecorded(['scan', examples, '--format', 'json', '--fail-on', 'never', '--jobs', '2']);
    assert.deepStrictEqual(tuned.flags, [{ flag: '--interrupt-budget=800000', loaded: false }]);
    assert.strictEqual(tuned.status, 0);
    // The same scan with the budget put back to V8's default straight after (a later flag wins).
    const plain = spawnSync(process.execPath, ['-e', `require('v8').setFlagsFromString = ((set) => (f) => { set(f); set('--interrupt-budget=67584'); })(require('v8').setFlagsFromString); require(${JSON.stringify(BIN)});`,
      BIN, 'scan', examples, '--format', 'json', '--fail-on', 'never', '--jobs', '2'], { cwd: ROOT, encoding: 'utf8', timeout: 240000 });
    assert.strictEqual(plain.status, 0, plain.stderr);
    const strip = (s: string) => { const o = JSON.parse(s); delete o.summary.durationMs; return o; };
    const report = strip(tuned.stdout);
    assert.ok(report.findings.length > 0, 'the examples have findings');
    assert.deepStrictEqual(report, strip(plain.stdout));
  });
  it('report, which scans, raises it too', () => {
    const r = runRecorded(['report', examples, '--format', 'json']);
    assert.strictEqual(r.status, 0);
    assert.deepStrictEqual(r.flags, [{ flag: '--interrupt-budget=800000', loaded: false }]);
  });
  it('other commands keep V8\'s defaults', () => {
    assert.deepStrictEqual(runRecorded(['--version']).flags, []);
    assert.deepStrictEqual(runRecorded(['explain', 'mt/personal-data-in-logs']).flags, []);
  });
});
