// `mt-pii scan --list-suppressions`: every suppression directive of the scanned files, for review, with its
// rules, reason, expiry and whether it still suppresses something.
import type { Directive } from '../analysis';

export interface ListedDirective {
  file: string;
  line: number;
  kind: 'next-line' | 'file';
  rules: string[];
  reason: string;
  until?: string;
  /** 'suppresses N finding(s)', 'suppresses nothing', or why it is not in force. */
  status: 'active' | 'unused' | 'expired' | 'invalid';
  suppressed: number;
  problem?: string;
}

/** A directive as listed (1-based line of the comment). */
export function listed(file: string, d: Directive, lineOf: (offset: number) => number): ListedDirective {
  const status = d.problem ? (d.until && /expired/.test(d.problem) ? 'expired' : 'invalid') : d.used ? 'active' : 'unused';
  return {
    file, line: lineOf(d.start), kind: d.kind, rules: d.rules.length ? d.rules : ['*'], reason: d.reason,
    ...(d.until ? { until: d.until } : {}), status, suppressed: d.suppressed ?? 0, ...(d.problem ? { problem: d.problem } : {}),
  };
}

/**
 * Text (one directive a line, grouped by file) or JSON.
 *
 * @example
 * formatSuppressions([{ file: 'src/a.ts', line: 3, kind: 'next-line', rules: ['mt/x'], reason: 'DPA', status: 'active', suppressed: 1 }], 'text')
 * // → 'src/a.ts\n  3  next-line  mt/x  suppresses 1 finding  "DPA"\n\n1 directive(s): 1 active, 0 unused, 0 expired, 0 invalid\n'
 */
export function formatSuppressions(list: ListedDirective[], format: 'text' | 'json'): string {
  const sorted = [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (format === 'json') return JSON.stringify({ suppressions: sorted }, null, 2) + '\n';
  const out: string[] = [];
  let file: string | undefined;
  for (const d of sorted) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      out.push(d.file);
      file = d.file;
    }
    const state = d.status === 'active' ? `suppresses ${d.suppressed} finding${d.suppressed === 1 ? '' : 's'}`
      : d.status === 'unused' ? 'suppresses nothing'
      : d.status === 'expired' ? `expired (until ${d.until}), suppresses nothing` : `invalid (${d.problem}), suppresses nothing`;
    const until = d.until && d.status !== 'expired' ? `  until ${d.until}` : '';
    out.push(`  ${d.line}  ${d.kind}  ${d.rules.join(', ')}  ${state}${until}  ${d.reason ? JSON.stringify(d.reason) : '(no reason)'}`);
  }
  const n = (s: ListedDirective['status']) => list.filter((d) => d.status === s).length;
  out.push('', `${list.length} directive(s): ${n('active')} active, ${n('unused')} unused, ${n('expired')} expired, ${n('invalid')} invalid`);
  return out.join('\n') + '\n';
}
