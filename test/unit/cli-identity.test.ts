// mt-pii scan for CI: paths and fingerprints relative to the project root whatever the working directory,
// baselines (resolution, missing file, update with pruning), SARIF for code scanning, --jobs identity.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LEAK, ROOT, STORE, repo, run } from './cliHarness';

const json = (stdout: string) => JSON.parse(stdout) as { findings: { file: string; fingerprint: string; ruleId: string; severity: string; message: string; flow: { file: string }[] }[]; summary: Record<string, number> };

describe('mt-pii scan: paths and fingerprints relative to the project root', () => {
  it('the same from the repository root, from a subfolder and from outside (git root)', () => {
    const dir = repo({ 'packages/app/src/a.ts': LEAK });
    const a = json(run(['scan', '.', '-f', 'json'], dir).stdout);
    const b = json(run(['scan', '.', '-f', 'json'], path.join(dir, 'packages', 'app')).stdout);
    const c = json(run(['scan', path.join(dir, 'packages', 'app', 'src'), '-f', 'json'], os.tmpdir()).stdout);
    assert.deepStrictEqual(a.findings.map((f) => f.file), ['packages/app/src/a.ts']);
    for (const other of [b, c]) {
      assert.deepStrictEqual(other.findings.map((f) => f.file), ['packages/app/src/a.ts']);
      assert.deepStrictEqual(other.findings.map((f) => f.fingerprint), a.findings.map((f) => f.fingerprint));
    }
  });

  it('an mt-pii.json with "root": true is the root, below the repository root', () => {
    const dir = repo({ 'packages/app/mt-pii.json': '{ "root": true }', 'packages/app/src/a.ts': LEAK });
    const a = json(run(['scan', 'packages/app', '-f', 'json'], dir).stdout);
    const b = json(run(['scan', 'src', '-f', 'json'], path.join(dir, 'packages', 'app')).stdout);
    assert.deepStrictEqual(a.findings.map((f) => f.file), ['src/a.ts']);
    assert.deepStrictEqual(b.findings, a.findings);
  });

  it('without a repository or root mt-pii.json, the scanned folder is the root', () => {
    const dir = repo({ 'src/a.ts': LEAK }, false);
    const a = json(run(['scan', 'src', '-f', 'json'], dir).stdout);
    assert.deepStrictEqual(a.findings.map((f) => f.file), ['a.ts']);
  });
});

describe('mt-pii scan: baselines', () => {
  it('--update-baseline writes mt-pii-baseline.json in the project root, which a later plain scan reads', () => {
    const dir = repo({ 'src/a.ts': LEAK, 'src/b.ts': STORE });
    const w = run(['scan', 'src', '--update-baseline'], dir);
    assert.strictEqual(w.code, 0, w.stderr);
    assert.match(w.stderr, /wrote 2 finding\(s\) to the baseline mt-pii-baseline\.json/);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8'));
    assert.deepStrictEqual(baseline.findings.map((f: { file: string }) => f.file), ['src/a.ts', 'src/b.ts']);
    const plain = run(['scan', '.', '-f', 'json'], path.join(dir, 'src'));
    assert.strictEqual(plain.code, 0, plain.stderr);
    assert.strictEqual(json(plain.stdout).findings.length, 0);
    assert.strictEqual(json(plain.stdout).summary.baselined, 2);
    // A new leak is still reported.
    fs.writeFileSync(path.join(dir, 'src', 'c.ts'), LEAK.replace('setUser', 'setUser') + 'Sentry.setUser({ email: other.email });\n');
    assert.strictEqual(run(['scan', '.'], dir).code, 1);
  });

  it('--update-baseline prunes entries that no longer occur and keeps those of files it did not scan; the write is atomic', () => {
    const dir = repo({ 'src/a.ts': LEAK, 'lib/b.ts': STORE });
    run(['scan', '.', '--update-baseline'], dir);
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const f = 1;\n');
    const w = run(['scan', 'src', '--update-baseline'], dir);
    assert.match(w.stderr, /wrote 1 finding\(s\) to the baseline mt-pii-baseline\.json \(1 no longer found, removed\)/);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8'));
    assert.deepStrictEqual(baseline.findings.map((f: { file: string }) => f.file), ['lib/b.ts']);
    assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.startsWith('mt-pii-baseline')), ['mt-pii-baseline.json'], 'no temporary file left');
  });

  it('a baseline named in mt-pii.json resolves from that file, whatever the working directory', () => {
    const dir = repo({ 'mt-pii.json': '{ "baseline": "ci/accepted.json" }', 'src/a.ts': LEAK });
    fs.mkdirSync(path.join(dir, 'ci'));
    assert.strictEqual(run(['scan', '.', '--update-baseline'], path.join(dir, 'src')).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'ci', 'accepted.json')));
    assert.strictEqual(run(['scan', '.'], path.join(dir, 'src')).code, 0);
  });

  it('--baseline naming a missing file is an error (exit 2), nothing scanned', () => {
    const dir = repo({ 'src/a.ts': LEAK });
    const r = run(['scan', '.', '--baseline', 'nope.json'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--baseline nope\.json: no such file/);
    assert.strictEqual(r.stdout, '');
  });
});

describe('mt-pii scan --format sarif (code scanning)', () => {
  const dir = repo({ 'src/a b.ts': LEAK, 'src/b.ts': STORE });
  fs.mkdirSync(path.join(dir, '.git', 'refs', 'heads'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(dir, '.git', 'refs', 'heads', 'main'), '0123456789abcdef0123456789abcdef01234567\n');
  fs.writeFileSync(path.join(dir, '.git', 'config'), '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://user:secret-token@github.com/acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
  const r = run(['scan', '.', '-f', 'sarif'], path.join(dir, 'src'));
  const sarif = JSON.parse(r.stdout);
  const run0 = sarif.runs[0];

  it('has no file:// URI anywhere and no absolute path', () => {
    assert.doesNotMatch(r.stdout, /file:\/\//);
    assert.ok(!r.stdout.includes(dir), 'the scanning machine\'s path does not appear');
  });
  it('locates results relative to %SRCROOT%, percent-encoded', () => {
    assert.ok(run0.originalUriBaseIds['%SRCROOT%']);
    const locs = run0.results.flatMap((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => x.locations.map((l) => l.physicalLocation.artifactLocation));
    assert.deepStrictEqual(locs.map((l: { uri: string }) => l.uri).sort(), ['src/a%20b.ts', 'src/b.ts']);
    assert.ok(locs.every((l: { uriBaseId: string }) => l.uriBaseId === '%SRCROOT%'));
  });
  it('gives each rule help Markdown with https citation links, tags and a security-severity', () => {
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'mt/breach-data-on-device');
    assert.match(rule.help.markdown, /\[MCA 30-14-1704\]\(https:\/\/mca\.legmt\.gov\//);
    assert.ok(rule.properties.tags.includes('privacy') && rule.properties.tags.includes('security'));
    assert.strictEqual(rule.properties['security-severity'], '8.0');
    for (const x of run0.tool.driver.rules) assert.match(x.properties['security-severity'] ?? '5.0', /^\d+\.\d$/);
    assert.ok(run0.results.every((x: { ruleIndex: number; ruleId: string }) => run0.tool.driver.rules[x.ruleIndex].id === x.ruleId));
  });
  it('reads versionControlProvenance from .git as data, without credentials', () => {
    assert.deepStrictEqual(run0.versionControlProvenance, [{
      repositoryUri: 'https://github.com/acme/shop', revisionId: '0123456789abcdef0123456789abcdef01234567', branch: 'main', mappedTo: { uriBaseId: '%SRCROOT%' },
    }]);
    assert.doesNotMatch(r.stdout, /secret-token/);
  });
});

describe('mt-pii scan --jobs: the same output on any number of threads', () => {
  it('--jobs 1 and --jobs 3 print the same report (fixtures with import cycles included)', function () {
    this.timeout(600000);
    const args = ['scan', 'examples', 'test/fixtures/projects', 'test/fixtures/flow', '-f', 'json', '--fail-on', 'never'];
    const one = json(run([...args, '--jobs', '1'], ROOT).stdout);
    const three = json(run([...args, '--jobs', '3'], ROOT).stdout);
    delete one.summary.durationMs;
    delete three.summary.durationMs;
    assert.ok(one.findings.length > 20);
    assert.deepStrictEqual(three, one);
  });

  it('a file over --file-timeout is skipped with the reason and reported as mt/analysis-incomplete; the scan goes on and ends', function () {
    this.timeout(600000);
    const dir = repo({ 'leak.ts': LEAK });
    fs.copyFileSync(path.join(ROOT, 'node_modules', 'typescript', 'lib', 'typescript.js'), path.join(dir, 'big.js'));
    const r = run(['scan', '.', '-f', 'json', '--max-file-size', '20mb', '--file-timeout', '0.2'], dir);
    const report = json(r.stdout);
    assert.match(r.stderr, /big\.js: skipped, analysis took longer than 0\.2 s \(--file-timeout\)/);
    assert.strictEqual(report.summary.skipped, 1);
    assert.deepStrictEqual(report.findings.filter((f) => f.file === 'big.js').map((f) => `${f.ruleId} ${f.severity}`), ['mt/analysis-incomplete error']);
    assert.match(report.findings.find((f) => f.file === 'big.js')!.message, /took longer than 0\.2 s/);
  });
});
