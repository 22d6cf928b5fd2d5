/**
 * Hostile repositories, item 5: writes are atomic and never shrink what they should not. The baseline and
 * --output are written to a temporary file in the same folder and renamed; a kill in the middle of the write or
 * a full disk leaves the old file intact and says so (exit 2, one line, no stack trace). --update-baseline on a
 * subset keeps the entries of files it did not scan, and of files it could not analyse in full.
 *
 * The full disk is simulated two ways: ENOSPC injected into the CLI process's fs.writeSync for temporary files
 * (a module preloaded with --require), and a failing write function given to writeFileAtomic in-process.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic, WriteIo } from '../../server/src/project/atomicWrite';
import { Baselines } from '../../server/src/cli/scan/baselines';
import { fromWire } from '../../server/src/cli/formats/report';
import { LEAK, STORE } from '../unit/cliHarness';
import { noStack, outside, repo, run } from './harness';

const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('hostile: writes are atomic and never shrink what they should not', () => {
  it('a full disk during --update-baseline leaves the old baseline intact and says so in one line (exit 2)', () => {
    const dir = repo({ 'a.ts': LEAK, 'b.ts': STORE });
    assert.strictEqual(run(['scan', '.', '--update-baseline'], dir).code, 0);
    const before = fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8');
    fs.writeFileSync(path.join(dir, 'b.ts'), 'export const nothing = 1;\n');
    const r = run(['scan', '.', '--update-baseline'], dir, { faults: { enospc: true } });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /^mt-pii: cannot write .*mt-pii-baseline\.json: no space left on the device \(ENOSPC\); the previous file, if any, is unchanged\n$/m);
    assert.ok(noStack(r.stderr), r.stderr);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8'), before);
    assert.deepStrictEqual(leftovers(dir), []);
  });

  it('a full disk during --output leaves the old report intact (exit 2, one line)', () => {
    const dir = repo({ 'a.ts': LEAK });
    fs.writeFileSync(path.join(dir, 'report.sarif'), 'old report\n');
    const r = run(['scan', '.', '-f', 'sarif', '-o', 'report.sarif'], dir, { faults: { enospc: true } });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii: cannot write .*report\.sarif: no space left on the device \(ENOSPC\); the previous file, if any, is unchanged/);
    assert.ok(noStack(r.stderr), r.stderr);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8'), 'old report\n');
    assert.deepStrictEqual(leftovers(dir), []);
  });

  it('a kill in the middle of writing the report or the baseline leaves the old file intact', () => {
    const dir = repo({ 'a.ts': LEAK });
    fs.writeFileSync(path.join(dir, 'report.json'), 'old report\n');
    let r = run(['scan', '.', '-f', 'json', '-o', 'report.json'], dir, { faults: { killMidWrite: true } });
    assert.strictEqual(r.code, null, 'the process was killed');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'), 'old report\n');
    assert.strictEqual(run(['scan', '.', '--update-baseline'], dir).code, 0);
    const before = fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8');
    fs.writeFileSync(path.join(dir, 'a.ts'), STORE);
    r = run(['scan', '.', '--update-baseline'], dir, { faults: { killMidWrite: true } });
    assert.strictEqual(r.code, null, 'the process was killed');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8'), before);
  });

  it('writeFileAtomic with a write that fails (an fs stub): the old file stays, the temporary file is removed', () => {
    const dir = outside({ 'data.json': 'old\n' });
    const file = path.join(dir, 'data.json');
    const io: WriteIo = { ...fs, writeSync: () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } } as unknown as WriteIo;
    assert.throws(() => writeFileAtomic(file, 'new\n', io), /cannot write .*data\.json: no space left on the device \(ENOSPC\); the previous file, if any, is unchanged/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'old\n');
    assert.deepStrictEqual(leftovers(dir), []);
    writeFileAtomic(file, 'new\n');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'new\n');
    assert.deepStrictEqual(leftovers(dir), []);
  });

  it('--update-baseline on a subset keeps the entries of files it did not scan, and of files it could not analyse', () => {
    const dir = repo({ 'a/one.ts': LEAK, 'b/two.ts': STORE, 'c/three.ts': LEAK });
    assert.strictEqual(run(['scan', '.', '--update-baseline'], dir).code, 0);
    const files = () => JSON.parse(fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8')).findings.map((f: { file: string }) => f.file).sort();
    assert.deepStrictEqual(files(), ['a/one.ts', 'b/two.ts', 'c/three.ts']);
    // c/three.ts can no longer be analysed (it looks binary); only a/ is scanned: b/'s and c/'s entries stay.
    fs.writeFileSync(path.join(dir, 'c', 'three.ts'), '\0' + LEAK);
    fs.writeFileSync(path.join(dir, 'a', 'one.ts'), 'export const nothing = 1;\n');
    let r = run(['scan', 'a', '--update-baseline'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(files(), ['b/two.ts', 'c/three.ts']);
    r = run(['scan', '.', '--update-baseline'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(files(), ['b/two.ts', 'c/three.ts']);
  });

  it('a file analysed only in part keeps its old entries and adds its new ones (Baselines.apply)', () => {
    const dir = repo({});
    const base = path.join(dir, 'mt-pii-baseline.json');
    fs.writeFileSync(base, JSON.stringify({ tool: 'mt-pii', description: '', findings: [{ fingerprint: 'old', ruleId: 'mt/x', file: 'p.ts', message: 'm' }] }));
    const b = new Baselines(dir, dir, undefined, true);
    const finding = fromWire({ file: 'p.ts', line: 1, column: 1, endLine: 1, endColumn: 2, ruleId: 'mt/y', severity: 'warning', message: 'n', sink: null, categories: [], citations: [], flow: [], fingerprint: 'new', flowChains: [], tier: 'finding' });
    b.apply('p.ts', undefined, [finding], [], false);
    b.update([]);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(base, 'utf8')).findings.map((f: { fingerprint: string }) => f.fingerprint).sort(), ['new', 'old']);
  });
});
