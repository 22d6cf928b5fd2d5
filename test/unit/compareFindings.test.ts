import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'compare-findings.js');

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A built checkout whose CLI reports what this one does, less its last finding. */
function checkoutMissingOneFinding(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-compare-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.mkdirSync(path.join(dir, 'out', 'server', 'src', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'out', 'server', 'src', 'cli', 'main.js'), '');
  fs.writeFileSync(path.join(dir, 'bin', 'mt-pii.js'), [
    "const { spawnSync } = require('child_process');",
    `const r = spawnSync(process.execPath, [${JSON.stringify(path.join(ROOT, 'bin', 'mt-pii.js'))}, ...process.argv.slice(2)], { encoding: 'utf8', maxBuffer: 1 << 26 });`,
    'const report = JSON.parse(r.stdout);',
    'report.findings.pop();',
    'process.stdout.write(JSON.stringify(report));',
  ].join('\n'));
  return dir;
}

describe('scripts/compare-findings.js', () => {
  it('finds two runs of one build over examples/ identical, whatever their durations', () => {
    const r = compare('.', '.', 'examples');
    assert.strictEqual(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /^identical .*examples: 5 files, findings 9 → 9$/m);
  });

  it('names the finding one build reports and the other lacks, and exits 1', () => {
    const other = checkoutMissingOneFinding();
    const r = compare('.', other, 'examples');
    fs.rmSync(other, { recursive: true, force: true });
    assert.strictEqual(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /^DIFFERENT .*examples: 5 files, findings 9 → 8$/m);
    const only = r.stdout.split('\n').filter((l) => l.includes('only before:'));
    assert.strictEqual(only.length, 1, r.stdout);
    assert.match(only[0], /\.[jt]sx?:\d+:\d+ mt\/[a-z-]+ \[[a-z,-]+\]/);
    assert.ok(!r.stdout.includes('only after:'), r.stdout);
  });

  it('rejects a build that is neither a built checkout nor a git ref, with exit 2', () => {
    const r = compare('no-such-ref-or-folder', '.', 'examples');
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /neither a built checkout nor a git ref/);
  });
});
