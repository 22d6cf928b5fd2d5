/**
 * Hostile repositories, item 3: no input stalls a scan. Each attack below once took minutes (custom sink host
 * patterns with many `*`, a 100 KB whitespace line in pnpm-workspace.yaml, repeated `<script>` tags, a 2 MB
 * `&&` chain, an exclude of 5,000 `[` recompiled per file) or crashed (`+(` × 1000). Each must now finish in
 * seconds; the suite's hang limit only catches a regression. Globs are compiled once; every file has a time
 * budget that holds even when the analysis itself is stuck.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HostPathPattern, wildcardMatch } from '../../server/src/catalog/hostPattern';
import { compiledGlob } from '../../server/src/config/globs';
import { extractScripts } from '../../server/src/analysis/parse';
import { MAIN_THREAD_MAX_BYTES } from '../../server/src/cli/scan/parallel';
import { LEAK } from '../unit/cliHarness';
import { noStack, repo, run } from './harness';

const SINK = (hosts: string[]) => JSON.stringify({
  sinks: [{ id: 'acme-collector', vendor: 'Acme collector', kind: 'third-party', service: 'analytics', role: 'processor', hosts, instances: [] }],
});

describe('hostile: no input stalls a scan', () => {
  it('a custom sink host pattern with many `*` is matched in linear time (and still matches)', () => {
    const stars = 'api.acme.example/' + 'a*'.repeat(60) + 'b';
    const url = 'https://api.acme.example/' + 'a'.repeat(3000);
    const dir = repo({
      'mt-pii.json': SINK([stars, 'api.acme.example/v*/events']),
      'a.ts': `export const f = (u: { email: string }) => { fetch('${url}', { method: 'POST', body: JSON.stringify({ email: u.email }) }); fetch('https://api.acme.example/v2/events?x=1', { body: JSON.stringify({ email: u.email }) }); };\n`,
    });
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).findings.map((f: { sink: { vendor: string } }) => f.sink.vendor), ['Acme collector']);
    assert.strictEqual(new HostPathPattern('/' + 'a*'.repeat(200) + 'b').test('/' + 'a'.repeat(100000)), false);
    assert.strictEqual(new HostPathPattern('/**/x/**/y').test('/p/q/x/r/y/z'), true);
    assert.strictEqual(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*a*a*c', 'a'.repeat(50000)), false);
  });

  it('pnpm-workspace.yaml with a 100 KB whitespace line, and workspace globs with many `*`', () => {
    const dir = repo({
      'pnpm-workspace.yaml': 'packages:\n  - ' + ' '.repeat(100000) + 'x\n  - "packages/*"\n  -' + ' \t'.repeat(50000) + "'\n",
      'package.json': JSON.stringify({ name: 'root', workspaces: ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c'] }),
      'packages/track/package.json': JSON.stringify({ name: '@acme/track', main: 'index.ts' }),
      'packages/track/index.ts': "import * as Sentry from '@sentry/node';\nexport const track = (p: unknown) => Sentry.setUser(p as never);\n",
      ['a'.repeat(60)]: '',
      'app.ts': "import { track } from '@acme/track';\nexport const f = (u: { email: string }) => track({ email: u.email });\n",
    });
    fs.rmSync(path.join(dir, 'a'.repeat(60)));
    fs.mkdirSync(path.join(dir, 'a'.repeat(60)));
    const r = run(['scan', 'app.ts', '-f', 'json'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.ok(JSON.parse(r.stdout).findings.some((f: { file: string }) => f.file === 'app.ts'), 'the workspace package was followed');
  });

  it('a .vue file of 50,000 `<script>` tags without a closing tag, and a .svelte file of 20,000 pairs', () => {
    const dir = repo({
      'a.vue': '<template><div/></template>\n' + '<script>'.repeat(50000) + '\n',
      'b.svelte': '<script lang="ts">let a = 1</script>\n'.repeat(20000) + "<script>\nimport * as Sentry from '@sentry/node';\nSentry.setUser({ email: user.email });\n</script>\n",
    });
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`), ['b.svelte:20003']);
    const many = '<script>' + 'x'.repeat(10) + '</script>';
    assert.strictEqual(extractScripts(many).text, ' '.repeat(8) + 'x'.repeat(10) + ' '.repeat(9));
  });

  it('a 2 MB file of `&&` chains is analysed in full (the leak after it is found)', () => {
    const terms: string[] = [];
    for (let i = 0; i < 360000; i++) terms.push('a' + (i % 10));
    const dir = repo({ 'big.ts': 'const x = ' + terms.join(' && ') + ";\nimport * as Sentry from '@sentry/node';\nSentry.setUser({ email: user.email });\n" });
    assert.ok(fs.statSync(path.join(dir, 'big.ts')).size > 2 * 1024 * 1024 - 200000);
    const r = run(['scan', '.', '-f', 'json', '--max-file-size', '3mb'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`), ['mt/personal-data-to-third-party:3']);
  });

  it('an analysis that cannot finish is stopped at its budget, even for a single file (never only in the main thread)', () => {
    // 50,000 nested callbacks: analysis in a thread with a large stack, which overruns a 1 s budget.
    let text = '';
    for (let i = 0; i < 50000; i++) text += 'f(function(){\n';
    text += "analytics.identify(user.email);\n" + '});\n'.repeat(50000);
    assert.ok(text.length > MAIN_THREAD_MAX_BYTES, 'too small to leave the main thread');
    const dir = repo({ 'cb.js': text });
    const r = run(['scan', 'cb.js', '-f', 'json', '--file-timeout', '1'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(report.findings.map((f: { ruleId: string }) => f.ruleId), ['mt/analysis-incomplete']);
  });

  it('an exclude of 5,000 `[` is refused at once; one of 16 is compiled once for all files', () => {
    let dir = repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify({ exclude: ['['.repeat(5000)] }) });
    let r = run(['scan', '.'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:1:13: exclude\[0\]: a string of 5000 characters is longer than the 4096 allowed/);
    dir = repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify({ exclude: ['['.repeat(250)] }) });
    r = run(['scan', '.'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:1:13: exclude\[0\]: the glob opens 250 brackets, braces or groups; at most 16 are allowed/);
    dir = repo({ 'mt-pii.json': JSON.stringify({ exclude: ['['.repeat(16), '{a,b}{c,d}/**'] }) });
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(dir, `f${i}.ts`), `export const a${i} = ${i};\n`);
    r = run(['scan', '.', '-f', 'json'], dir);
    assert.ok(!r.timedOut, 'the scan hung');
    assert.strictEqual(JSON.parse(r.stdout).summary.files, 300, r.stderr);
    assert.strictEqual(compiledGlob('src/**/*.ts'), compiledGlob('src/**/*.ts'), 'compiled once, then reused');
  });

  // `+(` × 1000 (one run of the CLI per test: each must hold on a loaded 2-core machine)
  const plus = '+('.repeat(1000);

  it('`+(` × 1000 as an exclude or an include is a configuration error, not a crash', () => {
    for (const cfg of [{ exclude: [plus] }, { include: [plus] }]) {
      const r = run(['scan', '.'], repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify(cfg) }));
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /mt-pii\.json:1:\d+: (ex|in)clude\[0\]: must not be longer than 256 characters/);
      assert.ok(noStack(r.stderr), r.stderr);
    }
  });

  it('`+(` × 100 as an exclude is refused with the count of groups it opens', () => {
    const short = '+('.repeat(100);
    const r = run(['scan', '.'], repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify({ exclude: [short] }) }));
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /the glob opens 100 brackets, braces or groups/);
  });

  it('`+(` × 1000 as a command-line glob matches nothing, without a crash', () => {
    const r = run(['scan', 'src/' + plus], repo({ 'src/a.ts': LEAK }));
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /no file matches/);
    assert.ok(noStack(r.stderr), r.stderr);
  });

  it('`+(` × 100 as a custom sink path is an error at its line:col', () => {
    const sink = { sinks: [{ id: 'acme', vendor: 'Acme', kind: 'third-party', service: 'analytics', instances: [{ label: 'acme', from: [{ module: 'acme', path: '$' + '+('.repeat(100) }] }] }] };
    const r = run(['scan', '.'], repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify(sink) }));
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:1:\d+: sinks\[0\]\.instances\[0\]\.from\[0\]\.path: cannot read path/);
  });

  it('`+(` × 1000 in source text is analysed: the leak after it is found', () => {
    const r = run(['scan', '.', '-f', 'json'], repo({ 'a.ts': 'x = ' + plus + '1' + ')'.repeat(1000) + ';\n' + LEAK }));
    assert.strictEqual(r.code, 1, r.stderr);
    assert.ok(noStack(r.stderr), r.stderr);
  });
});
