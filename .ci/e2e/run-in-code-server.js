// Run an extension's tests (TESTS: a module exporting run(), the @vscode/test-electron contract) inside a
// running code-server's real Node extension host, the way VS Code's own browser integration tests do:
// the workbench URL carries a `payload` with extensionDevelopmentPath/extensionTestsPath, and the workbench
// calls window.codeAutomationExit(code) when run() settles. code-server must run with
// `--vscode-option enable-smoke-test-driver`, or a built workbench ignores those payload entries.
// Env: PORT, EXT (abs dir), TESTS (abs file), FOLDER (abs dir), TIMEOUT_MS (default 300000), SHOT (final
// screenshot, optional). A test that logs `SCREENSHOT /abs/path.png` gets a capture of the workbench then.
// The tests print `CHECK PASS|FAIL …` lines; this driver adds a CHECK FAIL when the run ends badly without
// any failing test (time-out, crash, no test ran), so a broken run is never counted as green.
const { chromium } = require('playwright-core');
const util = require('util');
const { PORT = '18765', EXT, TESTS, FOLDER, SHOT } = process.env;
const TIMEOUT = Number(process.env.TIMEOUT_MS || 300000);
const t0 = Date.now();
const ts = (m) => console.log(`[code-server-tests ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const remote = (p) => `vscode-remote://127.0.0.1:${PORT}${p}`;
const NOISE = /open-vsx\.org|Failed to load resource|vsda|marketplace|\[AgentHost\] No signed-in session/;

(async () => {
  let passes = 0;
  let fails = 0;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish;
  const done = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  await page.exposeFunction('codeAutomationLog', async (_type, args) => {
    const line = util.format(...args);
    if (NOISE.test(line)) return;
    console.log(line);
    if (/^CHECK PASS /m.test(line)) passes++;
    if (/^CHECK FAIL /m.test(line)) fails++;
    const m = /SCREENSHOT (\S+\.png)/.exec(line);
    if (m) await page.screenshot({ path: m[1] }).then(() => ts('screenshot ' + m[1]), (e) => ts('screenshot failed: ' + e.message));
  });
  page.on('pageerror', (e) => ts('pageerror: ' + e.message));
  page.on('crash', () => finish('page crashed'));
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(EXT)],
    ['extensionTestsPath', remote(TESTS)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(`http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(remote(FOLDER))}&payload=${encodeURIComponent(payload)}`, { timeout: 180000 });
  const code = await Promise.race([done, new Promise((r) => setTimeout(() => r(`timeout after ${TIMEOUT} ms`), TIMEOUT))]);
  ts('extension host test exit: ' + code);
  await new Promise((r) => setTimeout(r, 500)); // let the last forwarded log lines arrive
  if (SHOT) await page.screenshot({ path: SHOT }).catch(() => {});
  await browser.close();
  if (code !== 0 && fails === 0) console.log(`CHECK FAIL extension-host test run: ended with ${code} and no failing test reported`);
  if (code === 0 && passes === 0) console.log('CHECK FAIL extension-host test run: no test reported a result');
  process.exit(code === 0 && passes > 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  console.log(`CHECK FAIL extension-host test run: driver error ${String(e && e.message).split('\n')[0]}`);
  process.exit(1);
});
