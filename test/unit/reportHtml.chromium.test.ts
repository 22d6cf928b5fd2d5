/**
 * The data map page in a real browser: Debian's headless Chromium driven by playwright-core (the e2e
 * toolchain in /tmp/vscode-e2e, installed by .ci/e2e/install-tools.sh). Loaded from a file, it must log no
 * console error or CSP violation, make no network request, apply its own style and draw the chart.
 * Where Chromium or playwright-core is missing this says so loudly; htmlChecks.ts covers the structure.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseReportArgs, report } from '../../server/src/cli/report/command';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PLAYWRIGHT = process.env.PLAYWRIGHT_CORE ?? path.join(process.env.E2E_DIR ?? '/tmp/vscode-e2e', 'pw', 'node_modules', 'playwright-core');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The little of playwright-core's API used here (it is not a dependency of the project). */
interface Message { type(): string; text(): string }
interface Request { url(): string }
interface Page {
  on(event: 'console', cb: (m: Message) => void): void;
  on(event: 'pageerror', cb: (e: Error) => void): void;
  on(event: 'request' | 'requestfailed', cb: (r: Request) => void): void;
  goto(url: string, options: { waitUntil: 'load' }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Browser { newPage(options: { viewport: { width: number; height: number }; colorScheme: 'light' | 'dark' }): Promise<Page>; close(): Promise<void> }
interface Chromium { launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser> }

/** Runs in the page. */
const READ_PAGE = `(() => {
  const svg = document.querySelector('svg.flow-chart');
  const box = svg && svg.getBoundingClientRect();
  return {
    chart: svg && box ? { paths: svg.querySelectorAll('path.link').length, width: box.width, height: box.height } : null,
    rows: document.querySelectorAll('table.matrix tbody tr').length,
    styled: getComputedStyle(document.querySelector('main')).maxWidth === '1120px',
  };
})()`;

interface Seen {
  problems: string[];
  requests: string[];
  chart: { paths: number; width: number; height: number } | null;
  rows: number;
  styled: boolean;
}

const missing = !fs.existsSync(CHROMIUM) ? `${CHROMIUM} is not installed` : !fs.existsSync(PLAYWRIGHT) ? `playwright-core is not at ${PLAYWRIGHT}` : '';

if (missing) {
  console.log('\n  ==========================================================================================');
  console.log(`  NOT RUN: the data map page in headless Chromium (${missing}).`);
  console.log('  Install the e2e toolchain (bash .ci/e2e/install-tools.sh) or set CHROMIUM / PLAYWRIGHT_CORE.');
  console.log('  Only the Node structural check of the page ran (test/unit/report.test.ts, htmlChecks.ts).');
  console.log('  ==========================================================================================\n');
} else {
  describe('the data map page in headless Chromium', function () {
    this.timeout(120000);
    const { chromium } = require(PLAYWRIGHT) as { chromium: Chromium };

    async function load(html: string, colorScheme: 'light' | 'dark'): Promise<Seen> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-chromium-'));
      const file = path.join(dir, 'data-map.html');
      fs.writeFileSync(file, html);
      const url = 'file://' + file;
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
        page.on('requestfailed', (r) => { if (r.url() !== url) problems.push(`request failed: ${r.url()}`); });
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForTimeout(300); // late console messages (CSP reports are asynchronous)
        // The stylesheet applies only if the CSP hash allows it.
        const seen = await page.evaluate<Omit<Seen, 'problems' | 'requests'>>(READ_PAGE);
        await page.screenshot({ path: path.join(dir, `data-map-${colorScheme}.png`), fullPage: true });
        return { problems, requests, ...seen };
      } finally {
        await browser.close();
      }
    }

    it('the examples\' map: no console error, no network request, its style applied, the chart drawn', async () => {
      const json = JSON.parse((await report({ ...parseReportArgs(['examples']), format: 'json' }, ROOT)).text);
      const html = (await report({ ...parseReportArgs(['examples']), format: 'html' }, ROOT)).text;
      const flows = json.destinations.reduce((n: number, d: { categories: unknown[] }) => n + d.categories.length, 0);
      for (const scheme of ['light', 'dark'] as const) {
        const seen = await load(html, scheme);
        assert.deepStrictEqual(seen.problems, [], scheme);
        assert.deepStrictEqual(seen.requests, [], `${scheme}: the page asked for nothing`);
        assert.ok(seen.styled, `${scheme}: the page's own stylesheet applies under its CSP`);
        assert.ok(seen.chart, 'the flow chart is in the page');
        assert.strictEqual(seen.chart!.paths, flows);
        assert.ok(seen.chart!.width > 300 && seen.chart!.height > 100, JSON.stringify(seen.chart));
        assert.strictEqual(seen.rows, json.destinations.length);
      }
    });

    it('an empty map loads cleanly too', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-empty-'));
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const x = 1;\n');
      const seen = await load((await report({ ...parseReportArgs(['.']), format: 'html' }, dir)).text, 'light');
      assert.deepStrictEqual([seen.problems, seen.requests, seen.styled, seen.chart], [[], [], true, null]);
    });
  });
}
