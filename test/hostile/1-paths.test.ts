/**
 * Hostile repositories, item 1: writes and reads stay inside the project. A repository's mt-pii.json names
 * paths (its baseline); they must resolve inside the project root — no `..` escape, no absolute path, no
 * symbolic link out — or be a configuration error at their line and column. No byte of a file outside the
 * project is printed. tsconfig `extends`/`paths` and imports that lead outside are not followed (a note says so).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { configPathProblem } from '../../server/src/project/insideProject';
import { LEAK } from '../unit/cliHarness';
import { noStack, outside, repo, run } from './harness';

const SECRET = 'root:x:0:0:TOP-SECRET-BYTES:/root:/bin/bash\n';

describe('hostile: paths from configuration stay inside the project', () => {
  it('"baseline": "../victim.txt" with --update-baseline is a configuration error at its line:col; the victim is untouched', () => {
    const dir = repo({ 'a.ts': LEAK, 'mt-pii.json': '{\n  "baseline": "../victim.txt"\n}\n' });
    const victim = path.join(path.dirname(dir), 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    const r = run(['scan', '.', '--update-baseline'], dir);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:2:15: baseline: "\.\.\/victim\.txt" leads outside the project/);
    assert.ok(noStack(r.stderr), r.stderr);
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'precious\n');
  });

  it('a baseline path that reaches a file outside never prints its bytes (relative or absolute)', () => {
    const out = outside({ 'passwd': SECRET });
    const dir = repo({ 'a.ts': LEAK });
    const up = path.relative(dir, path.join(out, 'passwd')).split(path.sep).join('/');
    for (const value of [up, path.join(out, 'passwd').split(path.sep).join('/')]) {
      fs.writeFileSync(path.join(dir, 'mt-pii.json'), JSON.stringify({ baseline: value }));
      const r = run(['scan', '.'], dir);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /mt-pii\.json:1:13: baseline: .*(leads outside the project|not an absolute path)/);
      assert.doesNotMatch(r.stdout + r.stderr, /TOP-SECRET|root:x/);
    }
  });

  it('a symbolic link that leads out of the project is refused, for a configured and for the default baseline', () => {
    const out = outside({ 'target.json': 'precious\n' });
    const dir = repo({ 'a.ts': LEAK, 'mt-pii.json': '{ "baseline": "linked/base.json" }' });
    fs.symlinkSync(out, path.join(dir, 'linked'));
    let r = run(['scan', '.', '--update-baseline'], dir);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:1:15: baseline: "linked\/base\.json" leads outside the project .* through a symbolic link/);
    assert.ok(!fs.existsSync(path.join(out, 'base.json')));

    fs.rmSync(path.join(dir, 'mt-pii.json'));
    fs.symlinkSync(path.join(out, 'target.json'), path.join(dir, 'mt-pii-baseline.json'));
    r = run(['scan', '.', '--update-baseline'], dir);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii-baseline\.json is a symbolic link that leads outside the project/);
    assert.strictEqual(fs.readFileSync(path.join(out, 'target.json'), 'utf8'), 'precious\n');
    assert.ok(noStack(r.stderr), r.stderr);
  });

  it('the disclosure file ("disclosed") is held to the same rule: no "..", no absolute path, no link out, no bytes printed', () => {
    const out = outside({ 'notice.json': SECRET });
    const dir = repo({ 'a.ts': LEAK });
    const up = path.relative(dir, path.join(out, 'notice.json')).split(path.sep).join('/');
    fs.symlinkSync(out, path.join(dir, 'privacy'));
    for (const value of [up, path.join(out, 'notice.json').split(path.sep).join('/'), 'privacy/notice.json']) {
      fs.writeFileSync(path.join(dir, 'mt-pii.json'), JSON.stringify({ disclosed: value }));
      const r = run(['scan', '.'], dir);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /mt-pii\.json:1:\d+: disclosed: .*(no '\.\.'|not an absolute path|symbolic link)/);
      assert.doesNotMatch(r.stdout + r.stderr, /TOP-SECRET|root:x/);
    }
  });

  it('only the command line may name a path elsewhere: --baseline outside the project is written there', () => {
    const out = outside();
    const dir = repo({ 'a.ts': LEAK });
    const file = path.join(out, 'accepted.json');
    const r = run(['scan', '.', '--update-baseline', '--baseline', file], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(fs.readFileSync(file, 'utf8')).findings.length, 1);
  });

  it('-o onto a symbolic link replaces the link instead of writing through it', () => {
    const out = outside({ 'bashrc': 'precious\n' });
    const dir = repo({ 'a.ts': LEAK });
    fs.symlinkSync(path.join(out, 'bashrc'), path.join(dir, 'report.json'));
    const r = run(['scan', '.', '-f', 'json', '-o', 'report.json'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(fs.readFileSync(path.join(out, 'bashrc'), 'utf8'), 'precious\n');
    assert.ok(!fs.lstatSync(path.join(dir, 'report.json')).isSymbolicLink());
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).findings.length, 1);
  });

  it('tsconfig "extends" and "paths", and relative imports, that lead outside the project are not followed, and a note says so', () => {
    const out = outside({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['./*'] } } }),
      'track.ts': "import * as Sentry from '@sentry/node';\nexport const track = (p: unknown) => Sentry.setUser(p as never);\n",
    });
    const dir = repo({});
    const up = path.relative(dir, out).split(path.sep).join('/');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: `${up}/tsconfig.json` }));
    fs.writeFileSync(path.join(dir, 'a.ts'), `import { track } from '@lib/track';\nimport { track as t2 } from '${up}/track';\nexport const f = (u: { email: string }) => { track({ email: u.email }); t2({ email: u.email }); };\n`);
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'b', 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@out/*': [`../${up}/*`] } } }));
    fs.writeFileSync(path.join(dir, 'b', 'c.ts'), "import { track } from '@out/track';\nexport const g = (u: { email: string }) => track({ email: u.email });\n");
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(report.findings, []);
    assert.match(r.stderr, /tsconfig\.json: "extends" .* leads outside the project; not followed/);
    assert.match(r.stderr, /tsconfig\.json: "paths" "@out\/\*" maps "@out\/track" outside the project; not followed/);
    assert.match(r.stderr, /the import ".*\/track" leads outside the project; not followed/);
  });

  it('hundreds of imports leading outside the project: the first ten named, the rest counted in one line', () => {
    const dir = repo({});
    const lines = Array.from({ length: 25 }, (_, i) => `import { x${i} } from '../outside-${i}';`);
    fs.writeFileSync(path.join(dir, 'a.ts'), `${lines.join('\n')}\nexport const n = 1;\n`);
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const named = r.stderr.split('\n').filter((l) => /the import "\.\.\/outside-\d+" leads outside the project; not followed/.test(l));
    assert.strictEqual(named.length, 10, r.stderr);
    assert.match(r.stderr, /15 more import\(s\) or settings lead outside the project and were not followed/);
  });

  it('configPathProblem: relative paths inside the root pass, escapes and absolute paths do not', () => {
    assert.strictEqual(configPathProblem('mt-pii-baseline.json', '/repo/pkg', '/repo'), undefined);
    assert.strictEqual(configPathProblem('../baseline.json', '/repo/pkg', '/repo'), undefined);
    assert.match(configPathProblem('../../x.json', '/repo/pkg', '/repo')!, /outside the project/);
    assert.match(configPathProblem('/etc/passwd', '/repo', '/repo')!, /not an absolute path/);
    assert.match(configPathProblem('C:\\Windows\\x', '/repo', '/repo')!, /not an absolute path/);
    assert.match(configPathProblem('a\0b', '/repo', '/repo')!, /NUL/);
  });
});
