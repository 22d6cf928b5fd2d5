import * as path from 'path';
import type { Finding } from '../../analysis/finding';

/** A finding as the CLI contract prints it: 1-based positions, paths relative to the working directory. */
export interface ReportFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  sink: { kind: string; vendor: string; api: string } | null;
  categories: string[];
  citations: string[];
  flow: { file: string; line: number; column: number; note: string }[];
  fingerprint: string;
}

/** Display-only: the flow split into one chain per source (not part of the JSON contract). */
export const FLOW_CHAINS = Symbol('flowChains');
/** Display-only: 'Intercom — customer-support chat' (not part of the JSON contract). */
export const SINK_LABEL = Symbol('sinkLabel');

export interface Report {
  tool: { name: 'mt-pii'; version: string };
  findings: ReportFinding[];
  summary: { files: number; findings: number; durationMs: number };
  /** Added to the JSON contract (nothing removed): the output is not legal advice (citations.json notices). */
  notice?: string;
}

/** Maps 0-based offsets of one file to 1-based lines and columns. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** 1-based line and column (columns count UTF-16 code units, as editors and LSP do). */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** Forward-slash path relative to `cwd` (absolute if outside it on another drive). */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export function toReportFinding(f: Finding, lines: (file: string) => LineMap, cwd: string): ReportFinding {
  const map = lines(f.file);
  const s = map.position(f.start);
  const e = map.position(f.end);
  const step = (s: Finding['flow'][number]) => ({ file: displayPath(s.file, cwd), line: s.line + 1, column: s.character + 1, note: s.note });
  const out: ReportFinding = {
    file: displayPath(f.file, cwd),
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    sink: f.sink ? { kind: f.sink.kind, vendor: f.sink.vendor, api: f.sink.api } : null,
    categories: f.categories,
    citations: f.citations,
    flow: f.flow.map(step),
    fingerprint: f.fingerprint,
  };
  // Non-enumerable, so JSON output stays exactly the contract.
  Object.defineProperty(out, FLOW_CHAINS, { value: f.flowChains.map((c) => c.map(step)), enumerable: false });
  if (f.sink) Object.defineProperty(out, SINK_LABEL, { value: `${f.sink.vendor} — ${f.sink.serviceLabel}`, enumerable: false });
  return out;
}
