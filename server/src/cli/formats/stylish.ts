// Human-readable output grouped by file, in the manner of ESLint's "stylish" formatter, with a closing
// summary: findings per severity, files scanned and skipped.
import { FLOW_CHAINS, Report, ReportFinding, SINK_LABEL } from './report';

const useColor = () => !!process.stdout.isTTY && !process.env.NO_COLOR;

function paint(code: string, text: string, color: boolean): string {
  return color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/** Human-readable output grouped by file, in the manner of ESLint's "stylish" formatter. */
export function formatStylish(report: Report, color = useColor()): string {
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(paint('4', file, color));
    for (const f of list) {
      const sev = f.severity === 'error' ? paint('31', 'error', color) : f.severity === 'warning' ? paint('33', 'warning', color) : paint('36', 'info', color);
      lines.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${sev.padEnd(color ? 16 : 7)} ${f.message}  ${paint('2', f.ruleId, color)}`);
      const chains = ((f as unknown as Record<symbol, ReportFinding['flow'][]>)[FLOW_CHAINS] ?? [f.flow]).filter((c) => c.length);
      if (chains.length) {
        const text = chains.map((c) => c.map((s) => `${s.note} (${s.file === f.file ? '' : s.file + ':'}${s.line}:${s.column})`).join(' → ')).join('; ');
        lines.push(paint('2', `           flow: ${text}`, color));
      }
      const sinkLabel = (f as unknown as Record<symbol, string | undefined>)[SINK_LABEL];
      if (sinkLabel) lines.push(paint('2', `           to:   ${sinkLabel}`, color));
      if (f.citations.length) lines.push(paint('2', `           law:  ${f.citations.join(', ')}`, color));
    }
    lines.push('');
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const n = report.findings.length;
  const s = report.summary;
  const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
  const tail = `${s.files} file${s.files === 1 ? '' : 's'} scanned${skipped} in ${s.durationMs} ms`;
  if (n === 0) lines.push(paint('32', `✔ No personal-data flows found (${tail}).`, color));
  else {
    lines.push(paint(counts.error ? '31' : '33', `✖ ${n} finding${n === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) — ${tail}.`, color));
    lines.push(paint('2', 'Montana PII Guard explains possible legal relevance; it is not legal advice. `mt-pii explain <ruleId>` shows the law behind a rule.', color));
  }
  return lines.join('\n') + '\n';
}
