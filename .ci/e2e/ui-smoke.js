// UI smoke check: drive a running code-server (the real VS Code workbench, the extension installed from its
// .vsix) in headless Debian Chromium, as a user would: open FILE with Quick Open, wait for the warning
// squiggle, read the Problems panel, hover the squiggle (diagnostic + the server's hover), screenshot.
// Each step prints `CHECK PASS <step>` or `CHECK FAIL <step>: <why>`; steps after a failure are reported
// as failed ("not reached"), so the count is the same on every run.
// Env: PORT, FOLDER (abs workspace dir), FILE (name in FOLDER, default login.ts), EXPECT (text of the
// diagnostic, default 'mt/personal-data-to-third-party': the rule code the Problems panel and hover show),
// HOVER_EXPECT (text of the server hover, default 'MCA 30-14-'; the hover must also hold a link to
// https://mca.legmt.gov/...),
// SHOT (png path, default /tmp/mt-pii-ui-smoke.png), SQUIGGLE (class of the expected squiggle, default
// .squiggly-warning: the finding is a Warning, and TypeScript's own errors would be .squiggly-error),
// MAP_VENDORS (comma-separated vendors the data map must show, default Segment,Web Storage; its screenshot is
// SHOT with -data-map before .png).
// Then "Montana PII Guard: Show Data Map" from the command palette: the webview must render the vendors and
// the flow chart (read inside the webview's frame).
const { chromium } = require('playwright-core');
const {
  PORT = '18765', FOLDER, FILE = 'login.ts', EXPECT = 'mt/personal-data-to-third-party', HOVER_EXPECT = 'MCA 30-14-',
  SHOT = '/tmp/mt-pii-ui-smoke.png', SQUIGGLE = '.squiggly-warning', MAP_VENDORS = 'Segment,Web Storage',
} = process.env;
const MAP_SHOT = SHOT.replace(/\.png$/, '') + '-data-map.png';
const t0 = Date.now();
const ts = (m) => console.log(`[ui-smoke ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const STEPS = [
  'ui: workbench loads and the explorer lists the file',
  'ui: Quick Open opens the file in an editor tab',
  'ui: a warning squiggle appears',
  'ui: the Problems panel lists the mt-pii finding',
  'ui: hovering the squiggle shows the finding and the Montana citation',
  'ui: the hover links the citation to mca.legmt.gov',
  'ui: the command palette runs Montana PII Guard: Show Data Map and a webview opens',
  'ui: the data map webview renders the vendors and the flow chart',
];

(async () => {
  // playwright-core refuses --user-data-dir in launch(); it gives every launch a fresh temporary profile.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => ts('pageerror: ' + e.message));
  let step = 0;
  const pass = (detail) => { console.log(`CHECK PASS ${STEPS[step]}${detail ? ` (${detail})` : ''}`); step++; };
  const squiggles = `.monaco-editor ${SQUIGGLE}`;
  try {
    await page.goto(`http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(FOLDER)}`, { timeout: 180000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"], .explorer-folders-view .label-name:text-is("${FILE}")`, { timeout: 60000 });
    pass();

    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
    await page.keyboard.type(FILE, { delay: 20 });
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${FILE}"]`, { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${FILE}"], .tabs-container .tab .label-name:text-is("${FILE}")`, { timeout: 15000 });
    pass();

    const squiggle = page.locator(squiggles).first();
    await squiggle.waitFor({ state: 'attached', timeout: 60000 });
    pass(`${await page.locator(squiggles).count()} squiggle(s)`);

    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible', timeout: 15000 });
    await page.waitForFunction((exp) => (document.querySelector('.markers-panel')?.textContent || '').includes(exp), EXPECT, { timeout: 15000 });
    const problemsText = (await problems.innerText()).replace(/\s+/g, ' ');
    if (!problemsText.includes('mt-pii')) throw new Error(`Problems panel does not name the source mt-pii: ${problemsText.slice(0, 300)}`);
    pass(problemsText.slice(0, 160));

    // Move onto the squiggle twice (the hover needs a mouse-move inside the range), then wait for the hover
    // that holds both the diagnostic message and the server's own hover text.
    // Opening the Problems panel resizes the editor, and Monaco draws its decorations again: the squiggle can be
    // briefly detached or not laid out (no box), so it is looked for again until it has one.
    let box = null;
    for (let i = 0; i < 40 && !box; i++) {
      await squiggle.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      box = await squiggle.boundingBox().catch(() => null);
      if (!box) await page.waitForTimeout(250);
    }
    if (!box) throw new Error('the squiggle has no bounding box');
    await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    await page.waitForTimeout(300);
    await page.mouse.move(box.x + Math.min(24, box.width / 2), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: EXPECT }).filter({ hasText: HOVER_EXPECT }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    pass((await hover.innerText()).replace(/\s+/g, ' ').slice(0, 200));

    // VS Code renders markdown links with the target in href or data-href.
    const link = hover.locator('a[href^="https://mca.legmt.gov/"], a[data-href^="https://mca.legmt.gov/"]').first();
    await link.waitFor({ state: 'attached', timeout: 5000 });
    pass(`${await link.innerText()} -> ${(await link.getAttribute('data-href')) || (await link.getAttribute('href'))}`);
    // Bring the citations into view in the hover for the screenshot (the README shows it).
    await link.scrollIntoViewIfNeeded().catch(() => {});
    await page.waitForTimeout(300);
    await page.screenshot({ path: SHOT }).then(() => ts('screenshot ' + SHOT), (e) => ts('screenshot failed: ' + e.message));

    // The data map: run the command as a user would, then read the page inside the webview's frames.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
    await page.keyboard.type('Montana PII Guard: Show Data Map', { delay: 10 });
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Show Data Map"]', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tabs-container .tab[aria-label*="Personal data map"], .tabs-container .tab .label-name:text-is("Personal data map")', { timeout: 30000 });
    await page.waitForSelector('iframe.webview', { state: 'attached', timeout: 30000 });
    pass();

    const vendors = MAP_VENDORS.split(',').map((v) => v.trim()).filter(Boolean);
    let found;
    let mapFrame;
    for (const end = Date.now() + 60000; Date.now() < end && !found; await page.waitForTimeout(250)) {
      for (const frame of page.frames()) {
        const seen = await frame.evaluate((want) => {
          const text = document.body ? document.body.innerText : '';
          const chart = document.querySelector('svg.flow-chart');
          return chart && want.every((v) => text.includes(v)) ? { paths: chart.querySelectorAll('path.link').length, title: document.title } : null;
        }, vendors).catch(() => null);
        if (seen) { found = seen; mapFrame = frame; break; }
      }
    }
    if (!found) throw new Error(`no webview frame shows the flow chart and ${vendors.join(', ')} within 60 s`);
    pass(`${vendors.join(', ')}; ${found.paths} flow line(s) in "${found.title}"`);
    // For the screenshot: the Problems panel out of the way, the chart in view.
    await page.locator('.part.panel .codicon-panel-close, .part.panel .codicon-close').first().click({ timeout: 3000 }).catch(() => {});
    await mapFrame.evaluate(() => document.getElementById('flow').scrollIntoView()).catch(() => {});
    await page.waitForTimeout(500);
  } catch (e) {
    console.log(`CHECK FAIL ${STEPS[step]}: ${String(e && e.message).split('\n')[0]}`);
    for (step++; step < STEPS.length; step++) console.log(`CHECK FAIL ${STEPS[step]}: not reached`);
  } finally {
    const shot = step > STEPS.length - 2 ? MAP_SHOT : SHOT;
    await page.screenshot({ path: shot }).then(() => ts('screenshot ' + shot), (e) => ts('screenshot failed: ' + e.message));
    await browser.close();
  }
  process.exit(step === STEPS.length ? 0 : 1);
})().catch((e) => {
  console.error(e);
  console.log(`CHECK FAIL ui: driver error ${String(e && e.message).split('\n')[0]}`);
  process.exit(1);
});
