// The CLI's report: findings as the JSON contract prints them (1-based positions, paths relative to the
// project root), the summary, and the plain form a worker thread sends them in.
import * as path from 'path';
import type { Finding } from '../../analysis/finding';
import { positionsOf } from '../../project/positions';

/** A finding as the CLI contract prints it: 1-based positions, paths relative to the project root. */
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
  /** Added to the contract: 'finding' (a flow Montana law makes matter) or 'inventory' (listed for the data map). */
  tier: Finding['tier'];
  /** Added to the contract, only when true: some categories are inferred from a person object's name, its fields unknown. */
  inferred?: true;
}

/** Display-only: the flow split into one chain per source (not part of the JSON contract). */
export const FLOW_CHAINS = Symbol('flowChains');
/** Display-only: 'Intercom — customer-support chat' (not part of the JSON contract). */
export const SINK_LABEL = Symbol('sinkLabel');
/** For the data map: the sink's catalog id, service and role, and the approving contract (not part of the JSON contract). */
export const SINK_DETAIL = Symbol('sinkDetail');

/** What SINK_DETAIL holds. */
export interface SinkDetail {
  id: string;
  service: string;
  serviceLabel: string;
  role?: string;
  approval?: string;
}

export interface Summary {
  files: number;
  findings: number;
  durationMs: number;
  /** Findings per severity (added to the contract; `findings` is their sum). */
  errors: number;
  warnings: number;
  infos: number;
  /** Files not analysed: too large, binary, unreadable, over the time budget, analysis failed. */
  skipped: number;
  /** Findings hidden because the baseline accepts them. */
  baselined: number;
}

export interface Report {
  tool: { name: 'mt-pii'; version: string };
  findings: ReportFinding[];
  summary: Summary;
  /** Added to the JSON contract (nothing removed): the output is not legal advice (citations.json notices). */
  notice?: string;
}

/** A file that was not analysed, and why (standard error, SARIF notifications, JUnit). */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Counts per severity of a list of findings. */
export function severityCounts(findings: readonly { severity: Finding['severity'] }[]): { errors: number; warnings: number; infos: number } {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** Maps 0-based offsets of one file to 1-based lines and columns; a line ends at LF, CRLF or a lone CR (as in LSP). */
export class LineMap {
  private readonly at: ReturnType<typeof positionsOf>;
  constructor(text: string) {
    this.at = positionsOf(text);
  }
  /** 1-based line and column (columns count UTF-16 code units, as editors and LSP do). */
  position(offset: number): { line: number; column: number } {
    const p = this.at(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }
}

/** Forward-slash path relative to `base` (the project root; absolute if outside it on another drive). */
export function displayPath(file: string, base: string): string {
  const rel = path.relative(base, file);
  return (rel && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** A report finding as plain data (the display-only parts as fields), to cross a worker thread or a cache. */
export type WireFinding = ReportFinding & { flowChains: ReportFinding['flow'][]; sinkLabel?: string; sinkDetail?: SinkDetail };

export function toWire(f: ReportFinding): WireFinding {
  const r = f as unknown as Record<symbol, unknown>;
  return {
    ...f, flowChains: (r[FLOW_CHAINS] as ReportFinding['flow'][] | undefined) ?? [f.flow], ...(r[SINK_LABEL] ? { sinkLabel: r[SINK_LABEL] as string } : {}),
    ...(r[SINK_DETAIL] ? { sinkDetail: r[SINK_DETAIL] as SinkDetail } : {}),
  };
}

export function fromWire(w: WireFinding): ReportFinding {
  const { flowChains, sinkLabel, sinkDetail, ...f } = w;
  Object.defineProperty(f, FLOW_CHAINS, { value: flowChains, enumerable: false });
  if (sinkLabel) Object.defineProperty(f, SINK_LABEL, { value: sinkLabel, enumerable: false });
  if (sinkDetail) Object.defineProperty(f, SINK_DETAIL, { value: sinkDetail, enumerable: false });
  return f;
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
    tier: f.tier,
    ...(f.inferred ? { inferred: true as const } : {}),
  };
  // Non-enumerable, so JSON output stays exactly the contract.
  Object.defineProperty(out, FLOW_CHAINS, { value: f.flowChains.map((c) => c.map(step)), enumerable: false });
  if (f.sink) Object.defineProperty(out, SINK_LABEL, { value: `${f.sink.vendor} — ${f.sink.serviceLabel}`, enumerable: false });
  if (f.sink) {
    const detail: SinkDetail = { id: f.sink.id, service: f.sink.service, serviceLabel: f.sink.serviceLabel, role: f.sink.role, approval: f.approval };
    Object.defineProperty(out, SINK_DETAIL, { value: detail, enumerable: false });
  }
  return out;
}
