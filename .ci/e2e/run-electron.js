#!/usr/bin/env node
'use strict';
// The second launcher of the end-to-end suite (out/test/e2e/index.js, the same Mocha suite code-server runs):
// desktop VS Code through @vscode/test-electron. Usage (also `npm run test:e2e:electron`):
//   node .ci/e2e/run-electron.js [path/to/mt-pii-guard.vsix]
// With a .vsix (or VSIX=...), it is installed with the downloaded VS Code's own CLI into a fresh extensions
// folder and the installed folder is the extensionDevelopmentPath, so the tests run the packaged build;
// without one, the repository itself is (run `npm run compile` first).
// Env: VSCODE_VERSION (default 'stable'), VSCODE_EXECUTABLE (a VS Code already on disk: no download),
//      VSCODE_TEST_CACHE (download cache, default .vscode-test), MT_PII_E2E_SHOT_DIR (ignored by this launcher).
// Every test prints `CHECK PASS|FAIL …`. Exit: 0 passed, 1 failed, 3 could not run here (VS Code could not be
// downloaded or started: the line `E2E SKIPPED: …` says why, loudly; nothing is reported as passed).
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const TESTS = path.join(ROOT, 'out', 'test', 'e2e', 'index.js');
const WORKSPACE = path.join(ROOT, 'test', 'e2e', 'workspace');
const vsixArg = process.argv[2] || process.env.VSIX || '';

function skip(why) {
  const bar = '='.repeat(100);
  console.log(`${bar}\nE2E SKIPPED: @vscode/test-electron could not run the suite in desktop VS Code: ${why}\n` +
    'Nothing was tested by this launcher. The same suite runs in code-server (.ci/e2e/vscode-e2e.sh tests).\n' + bar);
  process.exit(3);
}

async function main() {
  let electron;
  try {
    electron = require('@vscode/test-electron');
  } catch (e) {
    skip(`@vscode/test-electron is not installed (${e.message.split('\n')[0]}); run npm ci`);
  }
  if (!fs.existsSync(TESTS)) {
    console.log(`CHECK FAIL electron: ${path.relative(ROOT, TESTS)} is missing; run \`npm run compile\` first`);
    process.exit(1);
  }

  // 1. VS Code itself: on disk already, or downloaded (this is what fails on machines without access to
  //    update.code.visualstudio.com; it fails within seconds, not after a long hang).
  let executable = process.env.VSCODE_EXECUTABLE;
  if (executable) {
    if (!fs.existsSync(executable)) skip(`VSCODE_EXECUTABLE=${executable} does not exist`);
  } else {
    try {
      executable = await electron.downloadAndUnzipVSCode({
        version: process.env.VSCODE_VERSION || 'stable',
        cachePath: process.env.VSCODE_TEST_CACHE || path.join(ROOT, '.vscode-test'),
        timeout: 20000,
      });
    } catch (e) {
      skip(`cannot download VS Code (${String(e && e.message).split('\n')[0]})`);
    }
  }
  console.log(`[electron] VS Code: ${executable}`);
  // Linux without a display needs a virtual one; say so rather than fail obscurely.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    skip('no display: run it under `xvfb-run -a node .ci/e2e/run-electron.js …` (apt-get install xvfb)');
  }

  // 2. A scratch profile, extensions folder and workspace copy (the tests edit files).
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-electron-'));
  const exit = (code) => {
    fs.rmSync(run, { recursive: true, force: true });
    process.exit(code);
  };
  const userData = path.join(run, 'data');
  const extensions = path.join(run, 'ext');
  const ws = path.join(run, 'ws');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.cpSync(WORKSPACE, ws, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'typescript.disableAutomaticTypeAcquisition': true, 'git.enabled': false,
  }, null, 2));
  const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];

  // 3. The extension: the installed .vsix (the packaged build) or the development folder.
  let extensionDevelopmentPath = ROOT;
  const extensionTestsEnv = {};
  if (vsixArg) {
    const vsix = path.resolve(vsixArg);
    if (!fs.existsSync(vsix)) {
      console.log(`CHECK FAIL electron: the .vsix installs into VS Code: ${vsix} does not exist`);
      exit(1);
    }
    const [cli, ...cliArgs] = electron.resolveCliArgsFromVSCodeExecutablePath(executable, { reuseMachineInstall: true });
    const r = cp.spawnSync(cli, [...cliArgs, ...profile,
      '--install-extension', vsix], { encoding: 'utf8', shell: process.platform === 'win32' });
    const installed = fs.readdirSync(extensions).find((n) => n.startsWith('montana-pii-guard.mt-pii-guard-'));
    if (r.status !== 0 || !installed) {
      console.log(`${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-5).join('\n'));
      console.log('CHECK FAIL electron: the .vsix installs into VS Code: --install-extension failed');
      exit(1);
    }
    console.log(`CHECK PASS electron: the .vsix installs into VS Code (${installed})`);
    extensionDevelopmentPath = path.join(extensions, installed);
    extensionTestsEnv.MT_PII_E2E_EXTENSION_PATH = extensionDevelopmentPath;
  }

  // 4. The suite.
  try {
    await electron.runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath,
      extensionTestsPath: TESTS,
      extensionTestsEnv,
      launchArgs: [ws, ...profile, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
    });
    exit(0);
  } catch (e) {
    // A failing test already printed its CHECK FAIL line; this covers VS Code failing to start or crashing.
    console.log(`CHECK FAIL electron: the suite in desktop VS Code did not pass (${String(e && e.message).split('\n')[0]})`);
    exit(1);
  }
}

main().catch((e) => {
  console.log(`CHECK FAIL electron: launcher error ${String(e && e.message).split('\n')[0]}`);
  process.exit(1);
});
