// Human-readable output grouped by file, in the manner of ESLint's "stylish" formatter, with a closing
// summary: findings per severity, the inventory in one line (unless --inventory), files scanned and skipped.
import { FLOW_CHAINS, Report, ReportFinding, SINK_LABEL } from './report';

const useColor = () => !!process.stdout.isTTY && !process.env.NO_COLOR;

function paint(code: string, text: string, color: boolean): string {
  return color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/** An inventory entry left at its default severity: summarised unless --inventory (a raised one is listed). */
const summarised = (f: ReportFinding) => f.tier === 'inventory' && f.severity === 'info';

/**
 * Human-readable output grouped by file, in the manner of ESLint's "stylish" formatter. Inventory entries
 * at info are counted in one line by destination, unless `inventory` asks for each of them.
 */
export function formatStylish(report: Report, color = useColor(), inventory = false): string {
  const hidden = inventory ? [] : report.findings.filter(summarised);
  const listed = inventory ? report.findings : report.findings.filter((f) => !summarised(f));
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of listed) {
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
  for (const f of listed) counts[f.severity]++;
  const n = listed.length;
  const s = report.summary;
  const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
  const tail = `${s.files} file${s.files === 1 ? '' : 's'} scanned${skipped} in ${s.durationMs} ms`;
  if (n === 0) lines.push(paint('32', hidden.length ? `✔ No findings (${tail}).` : `✔ No personal-data flows found (${tail}).`, color));
  else {
    lines.push(paint(counts.error ? '31' : '33', `✖ ${n} finding${n === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) — ${tail}.`, color));
  }
  if (hidden.length) lines.push(paint('36', inventoryLine(hidden), color));
  if (n) lines.push(paint('2', 'Montana PII Guard explains possible legal relevance; it is not legal advice. `mt-pii explain <ruleId>` shows the law behind a rule.', color));
  return lines.join('\n') + '\n';
}

/** One line for the inventory: how many flows, to which destinations (most first), and how to see them. */
function inventoryLine(entries: readonly ReportFinding[]): string {
  const byDestination = new Map<string, number>();
  for (const f of entries) {
    const where = f.sink?.vendor ?? f.ruleId;
    byDestination.set(where, (byDestination.get(where) ?? 0) + 1);
  }
  const top = [...byDestination].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = top.slice(0, 6).map(([d, k]) => `${d} ${k}`).join(', ') + (top.length > 6 ? `, ${top.length - 6} more` : '');
  const n = entries.length;
  return `ℹ Inventory: ${n} flow${n === 1 ? '' : 's'} of personal data to ${top.length} destination${top.length === 1 ? '' : 's'} (${shown}), info, not shown — --inventory lists them, --format datamap maps them.`;
}
