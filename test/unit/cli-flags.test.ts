// The flags linters have: --help on every command, --quiet, --max-warnings, -c, init, globs, ignore files,
// --format github and junit, --stdin, --cache, -o checked first, nothing to scan; the progress line.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts = require('typescript');
import { Progress } from '../../server/src/cli/scan/progress';
import { LEAK, ROOT, STORE, repo, run } from './cliHarness';

const files = (stdout: string) => (JSON.parse(stdout).findings as { file: string }[]).map((f) => f.file);

describe('mt-pii: --help on every command, usage errors', () => {
  for (const cmd of ['scan', 'init', 'explain', 'lsp']) {
    it(`mt-pii ${cmd} --help prints its options and exits 0`, () => {
      const r = run([cmd, '--help'], ROOT);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: mt-pii ${cmd} `));
      assert.match(r.stdout, /-h, --help/);
    });
  }
  it('an unknown option names the closest one, exit 2', () => {
    const r = run(['scan', '--max-warning', '3'], ROOT);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /unknown option --max-warning for `mt-pii scan`; did you mean --max-warnings\?/);
  });
});

describe('mt-pii scan: --quiet, --max-warnings, -c', () => {
  const dir = repo({ 'src/a.ts': LEAK, 'src/b.ts': STORE });
  it('--quiet reports errors only', () => {
    const all = JSON.parse(run(['scan', '.', '-f', 'json'], dir).stdout);
    const quiet = JSON.parse(run(['scan', '.', '-f', 'json', '--quiet'], dir).stdout);
    assert.deepStrictEqual(all.findings.map((f: { severity: string }) => f.severity).sort(), ['error', 'warning']);
    assert.deepStrictEqual(quiet.findings.map((f: { severity: string }) => f.severity), ['error']);
    assert.strictEqual(quiet.summary.warnings, 0);
  });
  it('--max-warnings: exit 1 above the number', () => {
    assert.strictEqual(run(['scan', '.', '--fail-on', 'never', '--max-warnings', '1'], dir).code, 0);
    const r = run(['scan', '.', '--fail-on', 'never', '--max-warnings', '0'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /1 warning\(s\) found, more than --max-warnings 0/);
  });
  it('-c uses the given mt-pii.json for every file', () => {
    fs.writeFileSync(path.join(dir, 'strict.json'), '{ "rules": { "mt/personal-data-to-third-party": "off" } }');
    const r = run(['scan', '.', '-f', 'json', '-c', 'strict.json'], dir);
    assert.deepStrictEqual(files(r.stdout), ['src/b.ts']);
    assert.strictEqual(run(['scan', '.', '-c', 'missing.json'], dir).code, 2);
  });
});

describe('mt-pii init', () => {
  it('writes a commented mt-pii.json with the chosen profile and the SDKs in package.json, which then validates', () => {
    const dir = repo({ 'package.json': JSON.stringify({ dependencies: { '@sentry/node': '8.0.0', 'left-pad': '1.0.0' }, devDependencies: { 'mixpanel-browser': '2.0.0' } }), 'src/a.ts': LEAK });
    const r = run(['init', '--entity', 'school-service', '--also', 'minors'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const text = fs.readFileSync(path.join(dir, 'mt-pii.json'), 'utf8');
    assert.match(text, /^\/\/ Montana PII Guard team configuration/);
    assert.match(text, /@sentry\/node: Sentry/);
    assert.match(text, /mixpanel-browser: Mixpanel/);
    assert.doesNotMatch(text, /left-pad/);
    const data = ts.convertToObject(ts.parseJsonText('mt-pii.json', text), []) as { profile: unknown };
    assert.deepStrictEqual(data.profile, { entity: 'school-service', also: ['minors'], subjectToMcdpa: 'unknown' });
    assert.strictEqual(run(['scan', '.', '--fail-on', 'never'], dir).code, 0, 'the written file is a valid configuration');
    assert.strictEqual(run(['init'], dir).code, 2, 'an existing file is not replaced without --force');
    assert.strictEqual(run(['init', '--entity', 'shop'], dir).code, 2);
  });
});

describe('mt-pii scan: globs and ignore files', () => {
  const dir = repo({
    'src/a.ts': LEAK, 'src/b.js': STORE, 'src/gen/api.ts': LEAK, 'lib/c.ts': LEAK, 'vendor-copy/x.ts': LEAK,
    '.gitignore': 'src/gen/\n', 'src/.mt-piiignore': '*.js\n', '.mt-piiignore': 'vendor-copy/\n',
  });
  it('honours .gitignore and .mt-piiignore (at any level); --no-ignore does not', () => {
    assert.deepStrictEqual(files(run(['scan', '.', '-f', 'json'], dir).stdout), ['lib/c.ts', 'src/a.ts']);
    assert.deepStrictEqual(files(run(['scan', '.', '-f', 'json', '--no-ignore'], dir).stdout).sort(), ['lib/c.ts', 'src/a.ts', 'src/b.js', 'src/gen/api.ts', 'vendor-copy/x.ts']);
  });
  it('expands glob arguments (quoted, as a shell would pass them on Windows)', () => {
    assert.deepStrictEqual(files(run(['scan', 'src/**/*.ts', '-f', 'json', '--no-ignore'], dir).stdout), ['src/a.ts', 'src/gen/api.ts']);
    assert.deepStrictEqual(files(run(['scan', '{lib,src}/*.ts', '-f', 'json'], dir).stdout), ['lib/c.ts', 'src/a.ts']);
    const none = run(['scan', 'nothing/**/*.ts'], dir);
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /nothing\/\*\*\/\*\.ts: no file matches/);
  });
});

describe('mt-pii scan --format github and junit', () => {
  const dir = repo({ 'src/a.ts': LEAK, 'src/b.ts': STORE });
  it('github: one workflow annotation per finding, repository-relative', () => {
    const r = run(['scan', '.', '-f', 'github'], dir);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.strictEqual(lines.length, 2);
    assert.match(lines[0], /^::warning file=src\/a\.ts,line=2,col=\d+,endLine=2,endColumn=\d+,title=mt\/personal-data-to-third-party::Personal data/);
    assert.match(lines[1], /^::error file=src\/b\.ts,line=1,/);
  });
  it('junit: a failing test case per finding', () => {
    const r = run(['scan', '.', '-f', 'junit'], dir);
    assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="mt-pii" tests="2" failures="2" skipped="0"/);
    assert.match(r.stdout, /<testsuite name="src\/b\.ts" tests="1" failures="1"/);
    assert.match(r.stdout, /<failure type="error" message="Data that Montana&apos;s breach-notice law lists/);
  });
});

describe('mt-pii scan --stdin --stdin-filename', () => {
  it('scans standard input as the named file (its configuration and imports)', () => {
    const dir = repo({ 'src/lib/track.ts': "import mixpanel from 'mixpanel-browser';\nexport function track(v: string) { mixpanel.track('x', { v }); }\n" });
    const text = "import { track } from './lib/track';\nexport const go = (u: { email: string }) => track(u.email);\n";
    const r = run(['scan', '--stdin', '--stdin-filename', 'src/page.ts', '-f', 'json'], dir, text);
    assert.strictEqual(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(report.findings.map((f: { file: string; flow: { file: string }[] }) => [f.file, f.flow.some((s) => s.file === 'src/lib/track.ts')]), [['src/page.ts', true]]);
    assert.ok(!fs.existsSync(path.join(dir, 'src', 'page.ts')), 'nothing written');
    assert.strictEqual(run(['scan', 'src', '--stdin'], dir, text).code, 2, '--stdin takes no paths');
  });
});

describe('mt-pii scan --cache', () => {
  it('reuses unchanged results, and notices a change of the file, of a file it imports, and of the configuration', () => {
    const dir = repo({ 'src/page.ts': "import { track } from './track';\nexport const go = (u: { name: string }) => track(u.name);\n",
      'src/track.ts': "import mixpanel from 'mixpanel-browser';\nexport function track(v: string) { mixpanel.track('x', { v }); }\n", 'src/b.ts': STORE });
    const first = run(['scan', '.', '-f', 'json', '--cache'], dir);
    assert.ok(fs.existsSync(path.join(dir, 'node_modules', '.cache', 'mt-pii', 'cache.json')));
    const second = run(['scan', '.', '-f', 'json', '--cache'], dir);
    assert.match(second.stderr, /3 unchanged file\(s\) taken from the cache/);
    assert.deepStrictEqual(JSON.parse(second.stdout).findings, JSON.parse(first.stdout).findings);
    // The imported helper stops sending the value: page.ts's cached finding must go.
    fs.writeFileSync(path.join(dir, 'src', 'track.ts'), "import mixpanel from 'mixpanel-browser';\nexport function track(v: string) { mixpanel.track('x', { n: v.length }); }\n");
    const third = run(['scan', '.', '-f', 'json', '--cache'], dir);
    assert.match(third.stderr, /1 unchanged file\(s\) taken from the cache/);
    assert.deepStrictEqual(files(third.stdout), ['src/b.ts']);
    fs.writeFileSync(path.join(dir, 'mt-pii.json'), '{ "rules": { "mt/breach-data-on-device": "off" } }');
    const fourth = run(['scan', '.', '-f', 'json', '--cache'], dir);
    assert.doesNotMatch(fourth.stderr, /taken from the cache/);
    assert.deepStrictEqual(files(fourth.stdout), []);
  });
});

describe('mt-pii scan: output file and nothing to scan', () => {
  it('-o into a missing folder fails at once, exit 2, before scanning', () => {
    const dir = repo({ 'src/a.ts': LEAK });
    const r = run(['scan', '.', '-o', 'no/such/folder/report.json'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--output .*report\.json: the folder .*folder does not exist/);
    assert.doesNotMatch(r.stderr, /internal error|at /);
  });
  it('-o writes the report (and nothing to standard output)', () => {
    const dir = repo({ 'src/a.ts': LEAK });
    const r = run(['scan', '.', '-f', 'sarif', '-o', 'report.sarif'], dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8')).version, '2.1.0');
  });
  it('zero files scanned is a clear message and exit 2', () => {
    const dir = repo({ 'README.md': '# nothing here\n', 'src/a.test.ts': LEAK });
    const r = run(['scan', '.'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /no JavaScript or TypeScript files to scan in \. \(1 test, mock, story or seed file\(s\) skipped/);
    assert.doesNotMatch(r.stdout, /✔/);
  });
});

describe('progress line', () => {
  it('is drawn on a terminal only, in place, and cleared at the end', () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    assert.strictEqual(Progress.enabled(tty), true);
    assert.strictEqual(Progress.enabled({ isTTY: false } as unknown as NodeJS.WriteStream), false);
    const p = new Progress(3, tty);
    p.update(3);
    p.end();
    assert.match(written[0], /^\r\x1b\[2Kmt-pii: 3\/3 files \(100%, \d+ files\/s\)$/);
    assert.strictEqual(written[1], '\r\x1b[2K');
  });
  it('never appears when standard error is not a terminal', () => {
    const dir = repo({ 'src/a.ts': LEAK });
    const r = run(['scan', '.'], dir);
    assert.doesNotMatch(r.stderr, /files\/s|\r/);
  });
});
