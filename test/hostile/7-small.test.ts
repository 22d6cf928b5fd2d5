/**
 * Hostile repositories, item 7, the small ones: piping into `head` exits quietly; --output to a folder, a missing
 * folder or a full disk is a one-line error; SARIF URIs are percent-encoded; `--` ends options; a custom sink
 * that reuses a built-in id is an error; configuration errors name mt-pii.json's line:col, never a rules/ file.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LEAK } from '../unit/cliHarness';
import { BIN, HANG_LIMIT_MS, noStack, repo, run } from './harness';

const oneLine = (stderr: string) => stderr.trim().split('\n').length === 1;

describe('hostile: the small ones', () => {
  it('output piped into a reader that stops early (head) ends quietly, with the scan\'s own status', async () => {
    const dir = repo({ 'a.ts': 'import * as Sentry from "@sentry/node";\n' + 'Sentry.setUser({ email: user.email });\n'.repeat(4000) });
    for (const format of ['stylish', 'json']) {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const proc = spawn(process.execPath, [BIN, 'scan', '.', '-f', format], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        proc.stderr.on('data', (d) => (stderr += d.toString()));
        proc.stdout.once('data', () => proc.stdout.destroy());
        const timer = setTimeout(() => reject(new Error('hung')), HANG_LIMIT_MS);
        proc.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
      });
      assert.strictEqual(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /EPIPE|Error|internal/, r.stderr);
    }
  });

  it('--output to a folder, to a missing folder, or onto a full disk is a one-line error (exit 2)', () => {
    const dir = repo({ 'a.ts': LEAK, 'out/keep': '' });
    for (const [target, message] of [['out', /--output .*out is a folder/], ['missing/report.json', /--output .*report\.json: the folder .*missing does not exist/]] as const) {
      const r = run(['scan', '.', '-o', target], dir);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.ok(oneLine(r.stderr), r.stderr);
    }
    const r = run(['scan', '.', '-o', 'report.txt'], dir, { faults: { enospc: true } });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.ok(oneLine(r.stderr) && noStack(r.stderr), r.stderr);
    assert.ok(!fs.existsSync(path.join(dir, 'report.txt')));
  });

  it('SARIF URIs are percent-encoded (spaces, #, %, ?, brackets, non-ASCII, a colon that looks like a scheme)', () => {
    const names = ['a b#1%?.ts', '[x]{y}.ts', 'c:d.ts', 'héllo wörld.ts'];
    const dir = repo(Object.fromEntries(names.map((n) => [`sub dir/${n}`, LEAK])));
    const r = run(['scan', '.', '-f', 'sarif'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    const sarif = JSON.parse(r.stdout);
    const uris: string[] = sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepStrictEqual(uris.map(decodeURIComponent).sort(), names.map((n) => `sub dir/${n}`).sort());
    for (const u of uris) {
      assert.match(u, /^[A-Za-z0-9\-._~%!$&'()*+,;=@/]*$/, u);
      assert.doesNotMatch(u.split('/')[0], /:/, `${u} would read as a scheme`);
    }
  });

  it('`--` ends options: what follows is a path, even when it looks like an option', () => {
    const dir = repo({ '--output.ts': LEAK, '-f.ts': LEAK });
    const r = run(['scan', '-f', 'json', '--', '--output.ts', '-f.ts'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file).sort(), ['--output.ts', '-f.ts']);
    assert.ok(!fs.existsSync(path.join(dir, '.ts')));
  });

  it('a custom sink that reuses a built-in id is an error at its line:col, not a silent replacement', () => {
    const cfg = '{\n  "sinks": [\n    { "id": "segment", "vendor": "Ours", "kind": "third-party", "service": "analytics",\n      "instances": [{ "label": "ours", "from": [{ "module": "ours", "path": "$" }] }] }\n  ]\n}\n';
    const r = run(['scan', '.'], repo({ 'a.ts': LEAK, 'mt-pii.json': cfg }));
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:3:13: sinks\[0\]\.id: the id 'segment' is already used by the built-in sink for Segment/);
  });

  it('configuration errors name mt-pii.json and its line:col, never a file under rules/', () => {
    const sinks = [
      { id: 'acme', vendor: 'Acme', kind: 'third-party', service: 'analytics', instances: [{ label: 'a', from: [{ module: 'a', path: '$.x(' }] }] },
      { id: 'acme2', vendor: 'Acme', kind: 'third-party', service: 'analytics', instances: [{ label: 'a', from: [{ module: 'a', path: '$' }], calls: [{ method: 'a..b' }] }] },
      { id: 'acme3', vendor: 'Acme', kind: 'third-party', service: 'analytics', hosts: ['api.segment.io'], instances: [] },
      { id: 'acme4', vendor: 'Acme', kind: 'third-party', service: 'analytics', instances: [] },
      { id: 'acme5', vendor: 'Acme', kind: 'third-party', service: 'analytics', instances: [{ label: 'a', from: [{ path: '$' }] }] },
    ];
    const r = run(['scan', '.'], repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify({ sinks }, null, 2) }));
    assert.strictEqual(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /rules[\\/]|sinks[\\/]\w+\.json/);
    const lines = r.stderr.trim().split('\n').slice(1);
    assert.strictEqual(lines.length, 5, r.stderr);
    for (const l of lines) assert.match(l, /^mt-pii\.json:\d+:\d+: sinks\[\d\]/);
    assert.match(r.stderr, /sinks\[2\]\.hosts\[0\]: host api\.segment\.io is also listed by segment/);
    assert.match(r.stderr, /sinks\[3\]\.instances: a sink needs instances or hosts/);
  });
});
