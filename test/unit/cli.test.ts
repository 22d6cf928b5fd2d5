import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'mt-pii.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-cli-'));
}

describe('mt-pii scan --format json (the contract)', () => {
  const r = run(['scan', 'examples', '--format', 'json']);
  const report = JSON.parse(r.stdout);

  it('exits 1 when findings are at or above the failing severity', () => assert.strictEqual(r.code, 1, r.stderr));

  it('prints exactly the documented keys', () => {
    assert.deepStrictEqual(Object.keys(report), ['tool', 'findings', 'summary', 'notice']);
    assert.match(report.notice, /^Not legal advice/);
    assert.deepStrictEqual(report.tool, { name: 'mt-pii', version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version });
    // The contract's keys first; later additions only add keys (counts per severity, skipped and baselined files).
    assert.deepStrictEqual(Object.keys(report.summary), ['files', 'findings', 'durationMs', 'errors', 'warnings', 'infos', 'skipped', 'baselined']);
    assert.strictEqual(report.summary.findings, report.findings.length);
    assert.deepStrictEqual([report.summary.errors, report.summary.warnings, report.summary.infos, report.summary.skipped], [5, 4, 0, 0]);
    for (const f of report.findings) {
      // `tier` was added to the contract (issue 12): 'finding', or 'inventory' for the data map's other flows.
      assert.deepStrictEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message', 'sink', 'categories', 'citations', 'flow', 'fingerprint', 'tier']);
      assert.ok(['finding', 'inventory'].includes(f.tier));
      assert.ok(f.sink, `${f.ruleId} has a sink`);
      assert.deepStrictEqual(Object.keys(f.sink), ['kind', 'vendor', 'api']);
      assert.ok(['third-party', 'storage', 'logging'].includes(f.sink.kind));
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.match(f.ruleId, /^mt\//);
      assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || f.endColumn > f.column));
      assert.ok(!path.isAbsolute(f.file) && !f.file.includes('\\'), f.file);
      assert.ok(f.citations.every((c: string) => /^MCA \d+-\d+-\d+(\(\w+\))*$/.test(c)));
      for (const s of f.flow) {
        assert.deepStrictEqual(Object.keys(s), ['file', 'line', 'column', 'note']);
        assert.ok(s.line >= 1 && s.column >= 1);
      }
      assert.match(f.fingerprint, /^[0-9a-f]{20}$/);
    }
  });

  it('finds what the bundled examples are written to show, and nothing else', () => {
    const got = report.findings.map((f: { ruleId: string; file: string; line: number; categories: string[] }) => `${f.file}:${f.line} ${f.ruleId} ${f.categories.join(',')}`).sort();
    assert.deepStrictEqual(got, [
      'examples/health-app/symptoms.ts:17 mt/sensitive-data-to-third-party precise-geolocation',
      'examples/health-app/symptoms.ts:9 mt/sensitive-data-to-third-party health',
      'examples/mobile-app/session.ts:4 mt/breach-data-on-device ssn',
      'examples/mobile-app/session.ts:6 mt/breach-data-on-device drivers-license',
      'examples/web-app/src/analytics.ts:20 mt/personal-data-to-third-party email,name',
      'examples/web-app/src/analytics.ts:30 mt/personal-data-to-third-party email',
      'examples/web-app/src/analytics.ts:39 mt/personal-data-to-third-party phone',
      'examples/web-app/src/checkout.tsx:11 mt/breach-data-on-device payment-card',
      'examples/web-app/src/support-widget.js:4 mt/personal-data-to-third-party email,name,phone',
    ]);
  });

  it('gives 1-based positions that point at the sink in the file', () => {
    const f = report.findings.find((x: { file: string; line: number }) => x.file === 'examples/web-app/src/analytics.ts' && x.line === 30);
    const line = fs.readFileSync(path.join(ROOT, f.file), 'utf8').split('\n')[f.line - 1];
    assert.strictEqual(line.slice(f.column - 1, f.endColumn - 1), 'Sentry.setUser');
    assert.deepStrictEqual(f.sink, { kind: 'third-party', vendor: 'Sentry', api: 'Sentry.setUser' });
    assert.strictEqual(f.flow[0].note, 'customer.email');
  });

  it('keeps fingerprints stable when unrelated lines move', () => {
    const dir = tmpdir();
    const src = "import * as Sentry from '@sentry/node';\nexport function f(user: { email: string }) {\n  Sentry.setUser({ email: user.email });\n}\n";
    fs.writeFileSync(path.join(dir, 'a.ts'), src);
    const before = JSON.parse(run(['scan', '.', '-f', 'json'], dir).stdout).findings[0];
    fs.writeFileSync(path.join(dir, 'a.ts'), '// a comment\n\n' + src);
    const after = JSON.parse(run(['scan', '.', '-f', 'json'], dir).stdout).findings[0];
    assert.strictEqual(after.line, before.line + 2);
    assert.strictEqual(after.fingerprint, before.fingerprint);
  });
});

describe('mt-pii scan: exit status and bad input', () => {
  it('exits 0 with no findings, and with --fail-on error when only warnings', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'ok.ts'), 'export const x = 1;\n');
    assert.strictEqual(run(['scan', '.'], dir).code, 0);
    fs.writeFileSync(path.join(dir, 'w.ts'), "import * as Sentry from '@sentry/node';\nSentry.setUser({ email: u.email });\n");
    assert.strictEqual(run(['scan', '.'], dir).code, 1);
    assert.strictEqual(run(['scan', '.', '--fail-on', 'error'], dir).code, 0);
    assert.strictEqual(run(['scan', '.', '--fail-on', 'never'], dir).code, 0);
  });

  it('exits 2 on a usage error, with a message', () => {
    const a = run(['scan', '--format', 'xml']);
    assert.strictEqual(a.code, 2);
    assert.match(a.stderr, /--format must be stylish, json, sarif, datamap, github or junit/);
    const b = run(['scan', 'no/such/folder']);
    assert.strictEqual(b.code, 2);
    assert.match(b.stderr, /not found/);
    assert.strictEqual(run(['frobnicate']).code, 2);
  });

  it('skips binary and huge files with a message, reports each as mt/analysis-incomplete, and still scans the rest', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'bin.js'), Buffer.from([0, 1, 2, 3, 0, 0, 65]));
    fs.writeFileSync(path.join(dir, 'app.min.js'), 'x'.repeat(10));
    fs.writeFileSync(path.join(dir, 'huge.js'), 'var a = 1;\n'.repeat(300000));
    fs.writeFileSync(path.join(dir, 'leak.ts'), "import * as Sentry from '@sentry/node';\nSentry.setUser({ email: u.email });\n");
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /bin\.js: skipped, looks like a binary file/);
    assert.match(r.stderr, /huge\.js: skipped, 3\.1 MB is over the 2\.0 MB limit/);
    const report = JSON.parse(r.stdout);
    assert.strictEqual(report.summary.files, 1);
    assert.deepStrictEqual(report.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`).sort(),
      ['bin.js mt/analysis-incomplete', 'huge.js mt/analysis-incomplete', 'leak.ts mt/personal-data-to-third-party']);
  });

  it('analyses a file with syntax errors as far as it parses, and says so', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'broken.ts'), "import * as Sentry from '@sentry/node';\nSentry.setUser({ email: u.email });\nfunction ( {\n");
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(JSON.parse(r.stdout).findings.length, 1);
    assert.match(r.stderr, /1 file\(s\) have syntax errors/);
  });

  it('survives a 10,000-deep expression', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'deep.js'), 'x = ' + '('.repeat(10000) + '1' + ')'.repeat(10000) + ';\n');
    fs.writeFileSync(path.join(dir, 'leak.ts'), "import * as Sentry from '@sentry/node';\nSentry.setUser({ email: u.email });\n");
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).summary.files, 2);
  });

  it('analyses a 9 MB real-world bundle when the size limit allows it (cyclic object shapes, long files)', function () {
    // 12 s alone on one core; a loaded 2-core machine can triple that. A budget against hangs, not a speed test
    // (speed is measured by `npm run bench`).
    this.timeout(240000);
    const bundle = path.join(ROOT, 'node_modules', 'typescript', 'lib', 'typescript.js');
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'cyclic.js'), 'const a = {}; a.self = a; a.self.self.email = user.email; const b = { ...a, ...a.self }; Object.assign(a, b, { a, b });\n');
    const r = run(['scan', bundle, path.join(dir, 'cyclic.js'), '--max-file-size', '20mb', '-f', 'json']);
    assert.doesNotMatch(r.stderr, /analysis failed|internal error/, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).summary.files, 2);
  });

  it('reports broken rule data with file and JSON path, exit 2', () => {
    const dir = tmpdir();
    fs.cpSync(path.join(ROOT, 'rules'), path.join(dir, 'rules'), { recursive: true });
    const sink = path.join(dir, 'rules', 'sinks', 'segment.json');
    const data = JSON.parse(fs.readFileSync(sink, 'utf8'));
    data.instances[0].calls[0].args = 'all';
    fs.writeFileSync(sink, JSON.stringify(data));
    const r = run(['scan', 'examples', '--rules-dir', path.join(dir, 'rules')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /segment\.json \(instances\[0\]\.calls\[0\]\.args\): expected array, found string/);
  });
});

describe('mt-pii scan --format sarif and stylish', () => {
  it('writes SARIF 2.1.0 with rules, locations and fingerprints', () => {
    const r = run(['scan', 'examples', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.strictEqual(results.length, 9);
    assert.ok(results.every((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['mtPii/v1']));
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'mt/breach-data-on-device'));
    // Law is read in the rule help too: each rule's help ends with the not-legal-advice notice.
    for (const rule of sarif.runs[0].tool.driver.rules) assert.match(rule.help.text, /Not legal advice: /, rule.id);
  });

  it('prints a readable summary with citations and a not-legal-advice note', () => {
    const r = run(['scan', 'examples']);
    assert.match(r.stdout, /examples\/web-app\/src\/analytics\.ts\n {2}20:3 +warning/);
    assert.match(r.stdout, /law: {2}MCA 30-14-1704, MCA 30-14-1703, MCA 30-14-2812\(1\)\(b\)/);
    assert.match(r.stdout, /9 findings \(5 errors, 4 warnings, 0 info\)/);
    assert.match(r.stdout, /not legal advice/);
  });
});

describe('mt-pii scan --format datamap', () => {
  it('maps each destination to the personal data it receives and the law cited', () => {
    const r = run(['scan', 'examples', '--format', 'datamap']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /^# Personal data map/);
    assert.match(r.stdout, /\| Segment \| third party \| email address, name, phone number \| 2 \| MCA 30-14-2802, MCA 30-14-2812\(1\)\(a\), MCA 30-14-2813\(2\) \|/);
    assert.match(r.stdout, /## Web Storage — stored on the device/);
    assert.match(r.stdout, /\[MCA 30-14-1704\]\(https:\/\/mca\.legmt\.gov\/bills\/mca\/title_0300\/chapter_0140\/part_0170\/section_0040\/0300-0140-0170-0040\.html\) — Computer security breach/);
  });
});

describe('mt-pii explain', () => {
  it('prints a rule\'s documentation page: the law behind it with URLs and whom it binds', () => {
    const r = run(['explain', 'mt/breach-data-on-device']);
    assert.strictEqual(r.code, 0);
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'rules', 'montana', 'breach-data-on-device.md'), 'utf8');
    assert.strictEqual(r.stdout, doc);
    assert.match(r.stdout, /\[MCA 30-14-1704\]\(https:\/\/mca\.legmt\.gov\/bills\/mca\/title_0300\/chapter_0140\/part_0170\/section_0040\/0300-0140-0170-0040\.html\) — \*Computer security breach\*/);
    assert.match(r.stdout, /\*\*Binds:\*\*/);
    assert.match(r.stdout, /## Why it matters in Montana/);
    assert.strictEqual(run(['explain', 'breach-data-on-device']).stdout, r.stdout);
  });
  it('looks up a citation: every entry of the section and the rules citing it', () => {
    const r = run(['explain', 'MCA 30-14-2812']);
    assert.strictEqual(r.code, 0);
    for (const sub of ['(1)(a)', '(1)(b)', '(2)(b)']) assert.match(r.stdout, new RegExp(`# MCA 30-14-2812${sub.replace(/[()]/g, '\\$&')} — Data processing by controller`));
    assert.match(r.stdout, /Cited by:\*\*\n(?:- .*\n)*- `mt\/personal-data-to-third-party`/);
    assert.strictEqual(run(['explain', '2809(3)(b)']).code, 0);
    const arm = run(['explain', '38.5.3901']);
    assert.strictEqual(arm.code, 0);
    assert.match(arm.stdout, /# ARM 38\.5\.3901 — Customer authorization required/);
    assert.match(arm.stdout, /https:\/\/rules\.mt\.gov\/gateway\/RuleNo\.asp\?RN=38%2E5%2E3901 \(link built from the rules\.mt\.gov address pattern/);
    assert.match(arm.stdout, /`mt\/carrier-billing-authorization`/);
  });
  it('lists the rules without an argument and rejects unknown names', () => {
    const r = run(['explain']);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /mt\/pupil-data-to-third-party\s+warning\s+Pupil data sent to a third party from a K-12 service \[school-service\]/);
    assert.strictEqual(run(['explain', 'mt/nope']).code, 2);
    assert.strictEqual(run(['explain', '30-99-9999']).code, 2);
  });
});

describe('mt-pii scan: profiles', () => {
  it('a file first reached as an import is reported with the project profile (state agency: no MCDPA, no business breach rule)', () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'mt-pii.json'), '{ "profile": { "entity": "state-agency" } }');
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), "import { track } from './b';\nexport function go(u: { email: string }) { track(u.email); }\n");
    fs.writeFileSync(path.join(dir, 'src', 'b.ts'), "import mixpanel from 'mixpanel-browser';\nexport function track(email: string) { mixpanel.track('x', { email }); }\n"
      + "export function keep(u: { ssn: string }) { localStorage.setItem('ssn', u.ssn); }\n");
    const r = run(['scan', '.', '--format', 'json'], dir);
    const findings = JSON.parse(r.stdout).findings as { file: string; ruleId: string; citations: string[] }[];
    // The call passing a person's address is reported (the helper's parameter is named `email`), and the exported
    // helper keeps its own finding: callers in other files are not known when it is analysed.
    assert.deepStrictEqual(findings.map((f) => `${f.file} ${f.ruleId} ${f.citations.join(',')}`), [
      'src/a.ts mt/personal-data-to-third-party MCA 2-17-552,MCA 2-17-551',
      'src/b.ts mt/personal-data-to-third-party MCA 2-17-552,MCA 2-17-551',
      'src/b.ts mt/agency-data-on-portable-device MCA 2-6-1502,MCA 2-6-1501,MCA 2-6-1503',
    ]);
  });
});
