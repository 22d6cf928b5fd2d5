// Installable anywhere: `npm pack` gives a tarball that `npm install -g` into a temporary prefix turns into a
// working `mt-pii` (runtime dependencies only), which scans a folder outside this repository.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack → npm install -g (a temporary prefix)', function () {
  // Installing the runtime dependencies from the npm cache (or the registry) takes tens of seconds on a
  // loaded machine: a budget against hangs, not a speed test.
  this.timeout(600000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-install-'));
  const prefix = path.join(tmp, 'prefix');
  let tarball = '';

  before(() => {
    // out/ is built by `npm test` itself; --ignore-scripts skips the prepack rebuild.
    const pack = spawnSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
    assert.strictEqual(pack.status, 0, pack.stderr);
    tarball = path.join(tmp, JSON.parse(pack.stdout)[0].filename);
    const install = spawnSync(NPM, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      { cwd: tmp, encoding: 'utf8', timeout: 540000, env: { ...process.env, npm_config_loglevel: 'error' } });
    assert.strictEqual(install.status, 0, install.stderr);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the tarball holds the CLI, the compiled server and the rules, and no sources or tests', () => {
    const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    assert.ok(list.includes('package/bin/mt-pii.js'));
    assert.ok(list.includes('package/out/server/src/cli/main.js'));
    assert.ok(list.includes('package/out/server/src/cli/scan/scanWorker.js'));
    assert.ok(list.includes('package/rules/montana/citations.json'));
    assert.ok(!list.some((f) => /^package\/(server|test|client|out\/test|out\/client|dist|\.ci)\//.test(f)), list.join('\n'));
  });

  it('installs a working mt-pii with runtime dependencies only and scans a folder elsewhere', () => {
    const bin = path.join(prefix, process.platform === 'win32' ? 'mt-pii.cmd' : path.join('bin', 'mt-pii'));
    assert.ok(fs.existsSync(bin), bin);
    const installed = path.join(prefix, 'lib', 'node_modules', 'mt-pii-guard', 'node_modules');
    for (const dev of ['mocha', 'esbuild', '@vscode/vsce', 'eslint']) assert.ok(!fs.existsSync(path.join(installed, dev)), `${dev} is a dev dependency`);
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'leak.ts'), "import * as Sentry from '@sentry/node';\nexport const f = (u: { email: string }) => Sentry.setUser({ email: u.email });\n");
    const r = spawnSync(bin, ['scan', '.', '-f', 'json'], { cwd: app, encoding: 'utf8', timeout: 120000 });
    assert.strictEqual(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(report.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`), ['leak.ts mt/personal-data-to-third-party']);
    assert.strictEqual(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});
