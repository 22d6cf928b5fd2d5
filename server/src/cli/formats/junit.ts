// `--format junit`: JUnit XML for CI test reports: one test suite per scanned file with findings, one failing
// test case per finding, and skipped files as skipped test cases.
import type { Report, SkippedFile } from './report';

function xml(s: string): string {
  // Characters XML 1.0 cannot hold are dropped; the five specials are escaped.
  return s.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function formatJunit(report: Report, skipped: readonly SkippedFile[] = []): string {
  const byFile = new Map<string, Report['findings']>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const seconds = (report.summary.durationMs / 1000).toFixed(3);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mt-pii" tests="${report.findings.length + skipped.length}" failures="${report.findings.length}" skipped="${skipped.length}" time="${seconds}">`];
  for (const [file, list] of byFile) {
    out.push(`  <testsuite name="${xml(file)}" tests="${list.length}" failures="${list.length}" errors="0" skipped="0">`);
    for (const f of list) {
      out.push(`    <testcase classname="${xml(file)}" name="${xml(`${f.ruleId} at ${f.line}:${f.column}`)}">`,
        `      <failure type="${xml(f.severity)}" message="${xml(f.message)}">${xml(`${file}:${f.line}:${f.column} ${f.severity} ${f.message} (${f.ruleId})${f.citations.length ? `\nlaw: ${f.citations.join(', ')}` : ''}`)}</failure>`,
        '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  if (skipped.length) {
    out.push(`  <testsuite name="skipped files" tests="${skipped.length}" failures="0" errors="0" skipped="${skipped.length}">`);
    for (const s of skipped) out.push(`    <testcase classname="${xml(s.file)}" name="${xml(s.file)}"><skipped message="${xml(s.reason)}"/></testcase>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
