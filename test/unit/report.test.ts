/**
 * `mt-pii report`: each format on the bundled examples, on a project with no flows and on a file that does
 * not parse; the page's structure (self-contained, chart present, everything escaped); the tiers; SDKs from
 * package.json mapped through the sink catalog; drafts; --compare; exit status 0 whatever the map shows.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tmpProject } from './tmpProject';
import { report, formatOf, parseReportArgs } from '../../server/src/cli/report/command';
import { loadCatalog } from '../../server/src/catalog/load';
import { buildDataMap, DataMap } from '../../server/src/report/model';
import { renderHtml } from '../../server/src/report/html';
import { diffMaps, entriesOf, entriesOfMap, renderCompare } from '../../server/src/report/compare';
import { packageSinks, packageOf } from '../../server/src/report/sdks';
import { tierOf } from '../../server/src/report/tier';
import { classifierFor } from '../../server/src/analysis';
import type { ReportFinding } from '../../server/src/cli/formats/report';
import { selfContainedProblems } from './htmlChecks';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'mt-pii.js');
const opts = (paths: string[], extra: Partial<ReturnType<typeof parseReportArgs>> = {}) => ({ ...parseReportArgs(paths), ...extra });

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const project = (files: Record<string, string>) => tmpProject(files);

describe('mt-pii report on the bundled examples', function () {
  this.timeout(60000);
  let json: DataMap;
  let html: string;
  let markdown: string;
  before(async () => {
    json = JSON.parse((await report(opts(['examples'], { format: 'json' }), ROOT)).text);
    html = (await report(opts(['examples'], { format: 'html' }), ROOT)).text;
    markdown = (await report(opts(['examples'], { format: 'markdown' }), ROOT)).text;
  });

  it('json: every destination with its service, role, categories and tiers, code sites and linked citations', () => {
    assert.strictEqual(json.format, 'mt-pii-data-map');
    assert.match(json.notice, /Not legal advice/);
    assert.deepStrictEqual(json.destinations.map((d) => `${d.kind}:${d.vendor}`), [
      'third-party:Segment', 'third-party:Intercom', 'third-party:Mixpanel', 'third-party:PostHog', 'third-party:Sentry',
      'storage:Web Storage', 'storage:Browser cookie',
    ]);
    const segment = json.destinations.find((d) => d.vendor === 'Segment')!;
    assert.strictEqual(segment.serviceLabel, 'customer data platform');
    assert.strictEqual(segment.role, 'processor');
    assert.deepStrictEqual(segment.categories.map((c) => `${c.id}:${c.tier}`), ['email:finding', 'name:finding', 'phone:finding']);
    assert.deepStrictEqual(segment.sites.map((s) => `${s.file}:${s.line} ${s.api}`), [
      'examples/web-app/src/analytics.ts:20 analytics.identify', 'examples/web-app/src/analytics.ts:39 analytics.track',
    ]);
    assert.ok(segment.citations.every((c) => c.url.startsWith('https://mca.legmt.gov/bills/mca/') && c.title && c.binds));
    // A write hidden by a suppression directive is still a flow on the map.
    const storage = json.destinations.find((d) => d.vendor === 'Web Storage')!;
    assert.ok(storage.sites.some((s) => s.suppressed), JSON.stringify(storage.sites));
  });

  it('json: SDKs declared in package.json that receive nothing, mapped through the sink catalog', () => {
    assert.deepStrictEqual(json.presentSdks, [{
      package: '@amplitude/analytics-browser', vendors: ['Amplitude'], services: ['product analytics'], declaredIn: ['examples/web-app/package.json'], dev: false,
    }]);
  });

  it('json: drafts of the notice sections and of the assessment checklist, from the law data', () => {
    const d = json.drafts!;
    assert.strictEqual(d.notice.citation.id, 'MCA 30-14-2812(5)');
    assert.deepStrictEqual(d.notice.sections.map((s) => s.clause), ['(5)(a)', '(5)(b)', '(5)(c)', '(5)(d)', '(5)(e)', '(5)(f)', '(5)(g)']);
    const processed = d.notice.sections[0].lines.map((l) => l.text);
    assert.ok(processed.includes('Email address') && processed.includes('Social Security number'), processed.join());
    assert.ok(d.notice.sections[2].lines.every((l) => l.group === 'processor'), 'the examples send only to processors');
    assert.ok(d.notice.sections[1].lines.every((l) => /\[Purpose/.test(l.detail ?? '')), 'purposes are placeholders');
    assert.strictEqual(d.assessments.citation.id, 'MCA 30-14-2814(1)');
    const byId = new Map(d.assessments.activities.map((a) => [a.id, a]));
    assert.deepStrictEqual([...byId.keys()], ['targeted-advertising', 'sale', 'profiling', 'sensitive-data']);
    assert.deepStrictEqual(byId.get('sensitive-data')!.sites.map((s) => `${s.destination} ${s.file}:${s.line} ${s.categories}`), [
      'Mixpanel examples/health-app/symptoms.ts:9 health condition or medical information',
      'PostHog examples/health-app/symptoms.ts:17 precise geolocation',
    ]);
    assert.strictEqual(byId.get('profiling')!.detectable, false);
    assert.deepStrictEqual(byId.get('targeted-advertising')!.sites, []);
  });

  it('html: one self-contained page with the flow chart, the matrix and every vendor', () => {
    assert.deepStrictEqual(selfContainedProblems(html), []);
    assert.match(html, /<svg class="flow-chart"[^>]*role="img"/);
    const flows = json.destinations.reduce((n, d) => n + d.categories.length, 0);
    assert.strictEqual([...html.matchAll(/<path class="link /g)].length, flows, 'one line per category reaching a destination');
    for (const d of json.destinations) assert.match(html, new RegExp(`<th scope="row">${d.vendor}</th>`));
    assert.match(html, /<a href="https:\/\/mca\.legmt\.gov\/bills\/mca\/[^"]+" target="_blank" rel="noopener noreferrer">MCA 30-14-1704<\/a>/);
    assert.match(html, /<code>examples\/web-app\/src\/analytics\.ts:20<\/code>/);
    assert.match(html, /DRAFT — for the privacy lead to review and complete; not legal advice\./);
    assert.match(html, /<code>@amplitude\/analytics-browser<\/code>/);
  });

  it('markdown: the destination table, a section per destination, SDKs present and the drafts', () => {
    assert.match(markdown, /^# Personal data map/);
    assert.match(markdown, /\| Segment \| third party \| email address, name, phone number \| 2 \| MCA 30-14-2802, MCA 30-14-2812\(1\)\(a\), MCA 30-14-2813\(2\) \|/);
    assert.match(markdown, /\* Personal data: email address \(finding\), name \(finding\), phone number \(finding\)/);
    assert.match(markdown, /## SDKs present, no personal data seen[\s\S]*\| `@amplitude\/analytics-browser` \| Amplitude \| product analytics \| examples\/web-app\/package\.json \|/);
    assert.match(markdown, /### \(5\)\(c\) Categories of personal data we sell to or share with third parties/);
    assert.match(markdown, /\* \[ \] examples\/health-app\/symptoms\.ts:9 — Mixpanel \(`mixpanel\.track`\): health condition or medical information/);
    // scan --format datamap is the same Markdown.
    assert.strictEqual(run(['scan', 'examples', '--format', 'datamap']).stdout, markdown);
  });

  it('exits 0 with findings in every format, and writes --output in one step', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-report-out-'));
    for (const [args, check] of [
      [['--format', 'html'], /^<!DOCTYPE html>/], [['--format', 'json'], /"format": "mt-pii-data-map"/], [[], /^# Personal data map/],
    ] as const) {
      const r = run(['report', 'examples', ...args]);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.match(r.stdout, check);
    }
    const out = path.join(dir, 'map.html');
    const r = run(['report', 'examples', '-o', out]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, '');
    assert.match(fs.readFileSync(out, 'utf8'), /^<!DOCTYPE html>/, 'the .html extension picks the format');
    assert.deepStrictEqual(fs.readdirSync(dir), ['map.html'], 'no temporary file is left behind');
  });
});

describe('mt-pii report on edge cases', function () {
  this.timeout(60000);

  it('a project with no flows: every format says so, the page stays valid', async () => {
    const dir = project({ 'src/a.ts': "export const total = (a: number, b: number) => a + b;\nconsole.log('ready');\n" });
    const map: DataMap = JSON.parse((await report(opts(['.'], { format: 'json' }), dir)).text);
    assert.deepStrictEqual(map.destinations, []);
    assert.strictEqual(map.summary.files, 1);
    const html = (await report(opts(['.'], { format: 'html' }), dir)).text;
    assert.deepStrictEqual(selfContainedProblems(html), []);
    assert.match(html, /No personal data flows were found/);
    assert.match((await report(opts(['.'], { format: 'markdown' }), dir)).text, /No personal data flows were found\./);
    assert.strictEqual(run(['report', '.'], dir).code, 0);
  });

  it('a file that fails to parse: mapped as far as it parses, with a note, exit 0', async () => {
    const dir = project({
      'broken.ts': "import * as Sentry from '@sentry/browser';\nexport function f(user: { email: string }) {\n  Sentry.setUser({ email: user.email });\n}\nexport const oops = ((;\n",
    });
    const r = await report(opts(['.'], { format: 'json' }), dir);
    const map: DataMap = JSON.parse(r.text);
    assert.deepStrictEqual(map.destinations.map((d) => d.vendor), ['Sentry']);
    assert.ok(r.notes.some((n) => /syntax errors/.test(n)), r.notes.join('\n'));
    const cli = run(['report', '.', '--format', 'html'], dir);
    assert.strictEqual(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /syntax errors; they were analysed as far as they parse/);
    assert.deepStrictEqual(selfContainedProblems(cli.stdout), []);
  });

  it('usage errors exit 2 with a message: a bad format, a scan-only flag, an unreadable or foreign --compare file', () => {
    const dir = project({ 'a.ts': 'export {};\n', 'not.json': '{ nope', 'other.json': '{ "hello": 1 }' });
    const cases: [string[], RegExp][] = [
      [['report', '--format', 'sarif'], /--format must be html, markdown or json \(got "sarif"\)/],
      [['report', '--fail-on', 'error'], /unknown option --fail-on for `mt-pii report`/],
      [['report', '--compare', 'missing.json'], /--compare: cannot read missing\.json \(ENOENT\)/],
      [['report', '--compare', 'not.json'], /--compare: not\.json is not JSON/],
      [['report', '--compare', 'other.json'], /--compare: other\.json: not a data map .* and not a scan/],
      [['report', '--compare', 'other.json', '--format', 'html'], /--compare prints Markdown/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, dir);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.strictEqual(formatOf({ output: 'x.JSON' }), 'json');
    assert.strictEqual(formatOf({ output: 'x.md' }), 'markdown');
  });

  it('--compare: new destinations, new categories per destination and what is no longer seen, as a PR comment', () => {
    const dir = project({
      'src/a.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n"
        + 'export function f(user: { id: string; email: string }) {\n  analytics.identify(user.id, { email: user.email });\n}\n'
        + "export function g(p: { ssn: string }) {\n  localStorage.setItem('ssn', p.ssn);\n}\n",
    });
    assert.strictEqual(run(['report', '.', '--format', 'json', '-o', 'before.json'], dir).code, 0);
    const scanJson = run(['scan', '.', '--format', 'json'], dir).stdout;
    fs.writeFileSync(path.join(dir, 'scan.json'), scanJson);
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), "import { AnalyticsBrowser } from '@segment/analytics-next';\nimport mixpanel from 'mixpanel-browser';\n"
      + "const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n"
      + 'export function f(user: { id: string; email: string; phoneNumber: string }) {\n  analytics.identify(user.id, { email: user.email, phone: user.phoneNumber });\n'
      + '  mixpanel.people.set({ $email: user.email });\n}\n');
    const r = run(['report', '.', '--compare', 'before.json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!-- mt-pii:data-map-diff -->\n### Montana PII Guard: personal data map changes/);
    assert.match(r.stdout, /\*\*New destinations\*\*\n\n\| Destination \| Kind \| Personal data \|\n\|---\|---\|---\|\n\| Mixpanel \| third party \| email address \(finding\) \|/);
    assert.match(r.stdout, /\*\*New personal data sent to existing destinations\*\*[\s\S]*\| Segment \| third party \| phone number \(finding\) \|/);
    assert.match(r.stdout, /\*\*No longer seen\*\*[\s\S]*\| Web Storage \| stored on the device \| all: Social Security number \(finding\) \|/);
    assert.match(r.stdout, /Not legal advice/);
    // An earlier `scan --format json` works too (categories by id).
    const fromScan = run(['report', '.', '--compare', 'scan.json'], dir);
    assert.strictEqual(fromScan.code, 0, fromScan.stderr);
    assert.match(fromScan.stdout, /\| Mixpanel \| third party \| email address \(finding\) \|/);
    assert.match(fromScan.stdout, /\| Web Storage \| stored on the device \| all: ssn \|/);
    // Nothing changed: said in one line.
    const same = run(['report', '.', '--compare', 'before.json', '-o', 'again.md'], dir);
    assert.strictEqual(same.code, 0);
    run(['report', '.', '--format', 'json', '-o', 'now.json'], dir);
    assert.match(run(['report', '.', '--compare', 'now.json'], dir).stdout, /No change in where personal data goes \(2 destination\(s\), compared with now\.json\)\./);
  });
});

describe('data map model', () => {
  const { catalog } = loadCatalog();
  const labels = classifierFor(catalog).labels;
  const finding = (over: Partial<ReportFinding>): ReportFinding => ({
    file: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 9, ruleId: 'mt/personal-data-to-third-party', severity: 'warning', message: 'm',
    sink: { kind: 'third-party', vendor: 'Acme', api: 'acme.track' }, categories: ['email'], citations: [], flow: [], fingerprint: 'f', ...over,
  });
  const build = (findings: ReportFinding[], extra: Partial<Parameters<typeof buildDataMap>[0]> = {}) => buildDataMap({
    tool: { name: 'mt-pii', version: '0' }, files: 1, findings, safe: [], declared: [], display: (f) => f, catalog, labels, ...extra,
  });

  it('the tier comes from one function over the rule data: info rules are the inventory', () => {
    assert.strictEqual(tierOf('mt/personal-data-in-logs', catalog.ruleById), 'inventory');
    assert.strictEqual(tierOf('mt/personal-data-to-third-party', catalog.ruleById), 'finding');
    const map = build([
      finding({ ruleId: 'mt/personal-data-in-logs', severity: 'info', sink: { kind: 'logging', vendor: 'Console', api: 'console.log' }, categories: ['ssn'] }),
      finding({ ruleId: 'mt/personal-data-to-third-party', severity: 'info', line: 2 }),
    ]);
    assert.deepStrictEqual(map.destinations.map((d) => `${d.vendor} ${d.categories.map((c) => c.tier)}`), ['Acme finding', 'Console inventory']);
    assert.match(renderHtml(map), /<path class="link inventory"/);
    assert.match(renderHtml(map), /<svg class="mark inventory"/);
  });

  it('escapes everything the page shows: a team sink named like markup stays text', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const map = build([finding({ sink: { kind: 'third-party', vendor: evil, api: '</code><script>x()</script>' }, file: 'src/<b>.ts' })]);
    const html = renderHtml(map);
    assert.deepStrictEqual(selfContainedProblems(html), []);
    assert.ok(!html.includes('<img src=x') && html.includes('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;'));
  });

  it('compares maps: added, widened, removed, narrowed', () => {
    const before = entriesOfMap(build([finding({}), finding({ sink: { kind: 'storage', vendor: 'Web Storage', api: 'localStorage.setItem' }, categories: ['ssn'] })]));
    const after = build([finding({ categories: ['email', 'phone'] }), finding({ sink: { kind: 'third-party', vendor: 'Beta', api: 'b.t' } })]);
    const diff = diffMaps(before, entriesOfMap(after));
    assert.deepStrictEqual(diff.added.map((e) => e.vendor), ['Beta']);
    assert.deepStrictEqual(diff.widened.map((w) => `${w.entry.vendor}:${w.categories}`), ['Acme:phone']);
    assert.deepStrictEqual(diff.removed.map((e) => e.vendor), ['Web Storage']);
    assert.match(renderCompare(diff, after, 'base.json'), /Compared with base\.json: 2 destination\(s\) now receive personal data\./);
    assert.throws(() => entriesOf([1, 2]), /not a data map/);
    assert.throws(() => entriesOf({ format: 'mt-pii-data-map', destinations: [{ vendor: 1 }] }), /without vendor/);
  });

  it('maps packages to vendors from the sink catalog, scopes included', () => {
    const { exact, scopes } = packageSinks(catalog);
    assert.deepStrictEqual(exact.get('@segment/analytics-next')?.map((s) => s.vendor), ['Segment']);
    assert.deepStrictEqual(exact.get('mixpanel-browser')?.map((s) => s.vendor), ['Mixpanel']);
    assert.strictEqual(exact.get('fs'), undefined, 'built-ins are no package');
    assert.strictEqual(packageOf('node:fs'), undefined);
    assert.strictEqual(packageOf('@scope/name/deep/path'), '@scope/name');
    for (const [prefix] of scopes) assert.match(prefix, /^@[^/]+\/$/);
  });
});
