/**
 * Hostile repositories, item 4: no silent loss. A file whose analysis fails or runs out of budget, that nests
 * too deeply, that cannot be read, or whose encoding hides it must not let the scan say "No personal-data
 * flows found" and exit 0: it is a finding of mt/analysis-incomplete (error by default, configurable) naming the
 * file and the reason. UTF-16 with a byte-order mark is decoded and analysed; CR-only line ends give correct
 * positions; an unreadable folder or mt-pii.json is reported.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LEAK } from '../unit/cliHarness';
import { noStack, repo, run } from './harness';

interface Finding { file: string; line: number; column: number; ruleId: string; severity: string; message: string }
const findings = (stdout: string): Finding[] => JSON.parse(stdout).findings;
const SENTRY = "import * as Sentry from '@sentry/node';\n";

describe('hostile: no silent loss', () => {
  it('a file over its budget (50,000 nested callbacks) is an error finding naming it and the reason, never "No personal-data flows found"', () => {
    let text = '';
    for (let i = 0; i < 50000; i++) text += 'f(() => {\n';
    text += 'analytics.identify(user.email);\n' + '});\n'.repeat(50000);
    const dir = repo({ 'cb.ts': text });
    const r = run(['scan', '.', '--file-timeout', '1'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /No personal-data flows found/);
    assert.match(r.stdout, /cb\.ts\n\s+1:1\s+error\s+This file was not fully analysed: its analysis took longer than 1 s \(--file-timeout\).*mt\/analysis-incomplete/);
  });

  it('a 100,000-term `&&` chain is analysed to its end: the leak after it is reported', () => {
    const dir = repo({ 'chain.ts': SENTRY + 'const ok = ' + Array.from({ length: 100000 }, (_, i) => `v${i % 7}`).join(' && ') + ';\nSentry.setUser({ email: user.email });\n' });
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(findings(r.stdout).map((f) => `${f.ruleId} ${f.line}`), ['mt/personal-data-to-third-party 3']);
  });

  it('code nested deeper than the analysis follows is reported too (the rest of the file still is analysed)', () => {
    const dir = repo({ 'deep.ts': SENTRY + 'x = ' + '['.repeat(1500) + ']'.repeat(1500) + ';\nSentry.setUser({ email: user.email });\n' });
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(findings(r.stdout).map((f) => f.ruleId).sort(), ['mt/analysis-incomplete', 'mt/personal-data-to-third-party']);
    assert.match(findings(r.stdout).find((f) => f.ruleId === 'mt/analysis-incomplete')!.message, /part of it nests too deeply to follow/);
  });

  it('UTF-16 with a byte-order mark (either order) is decoded and analysed, positions in characters', () => {
    const text = SENTRY + '\r\n// café\r\n  Sentry.setUser({ email: user.email });\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const dir = repo({});
    fs.writeFileSync(path.join(dir, 'le.ts'), le);
    fs.writeFileSync(path.join(dir, 'be.ts'), be);
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(findings(r.stdout).map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`),
      ['be.ts:4:3 mt/personal-data-to-third-party', 'le.ts:4:3 mt/personal-data-to-third-party']);
  });

  it('UTF-16 without a byte-order mark (NUL bytes, no mark) is an analysis-incomplete finding, not a silent skip', () => {
    const dir = repo({});
    fs.writeFileSync(path.join(dir, 'nobom.ts'), Buffer.from(SENTRY + 'Sentry.setUser({ email: user.email });\n', 'utf16le'));
    const r = run(['scan', '.'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /nobom\.ts\n\s+1:1\s+error\s+This file was not fully analysed: it looks like a binary file/);
  });

  it('CR-only line ends give the right line and column, for the finding and its flow', () => {
    const dir = repo({ 'cr.ts': SENTRY.replace('\n', '\r') + '\r\rconst e = user.email;\r  Sentry.setUser({ email: e });\r' });
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    const [f] = JSON.parse(r.stdout).findings;
    assert.deepStrictEqual([f.line, f.column], [5, 3]);
    assert.deepStrictEqual(f.flow.map((s: { line: number; column: number }) => [s.line, s.column]), [[4, 16], [4, 7]]);
  });

  it('an unreadable folder is a finding naming it; an unreadable mt-pii.json is a configuration error (faults injected into fs)', () => {
    const dir = repo({ 'src/ok.ts': 'export const a = 1;\n', 'src/secret/leak.ts': LEAK });
    let r = run(['scan', '.', '-f', 'json'], dir, { faults: { unreadableDir: path.join(dir, 'src', 'secret') } });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(findings(r.stdout).map((f) => `${f.file} ${f.ruleId}`), ['src/secret mt/analysis-incomplete']);
    assert.match(findings(r.stdout)[0].message, /this folder could not be listed \(EACCES\)/);
    fs.writeFileSync(path.join(dir, 'mt-pii.json'), '{}');
    r = run(['scan', '.'], dir, { faults: { unreadableFile: path.join(dir, 'mt-pii.json') } });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:1:1: cannot read this file \(EACCES\)/);
    assert.ok(noStack(r.stderr), r.stderr);
    fs.rmSync(path.join(dir, 'mt-pii.json'));
    fs.mkdirSync(path.join(dir, 'src', 'mt-pii.json'));
    r = run(['scan', 'src/ok.ts'], dir);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /src\/mt-pii\.json:1:1: cannot read this file \(EISDIR\)/);
  });

  it('the rule is configurable, and a baseline never hides it', () => {
    const dir = repo({ 'bin.ts': '\0\0\0', 'a.ts': LEAK, 'mt-pii.json': '{ "rules": { "mt/analysis-incomplete": "warning" } }' });
    let r = run(['scan', '.', '-f', 'json'], dir);
    assert.deepStrictEqual(findings(r.stdout).filter((f) => f.file === 'bin.ts').map((f) => f.severity), ['warning']);
    r = run(['scan', '.', '--update-baseline'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'mt-pii-baseline.json'), 'utf8'));
    assert.deepStrictEqual(baseline.findings.map((f: Finding) => f.ruleId), ['mt/personal-data-to-third-party']);
    r = run(['scan', '.', '-f', 'json'], dir);
    assert.deepStrictEqual(findings(r.stdout).map((f) => `${f.file} ${f.ruleId}`), ['bin.ts mt/analysis-incomplete']);
    fs.writeFileSync(path.join(dir, 'mt-pii.json'), '{ "rules": { "mt/analysis-incomplete": "off" } }');
    r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(findings(r.stdout), []);
    assert.match(r.stderr, /bin\.ts: skipped, looks like a binary file/);
  });
});
