// Suppression directives in comments: where they are, what they cover, why one is not valid (unknown rule,
// no reason, the inserted placeholder still there, expired), applied to a file's findings, and reported
// when invalid or unused. Nothing here decides what is a finding.
import ts = require('typescript');
import type { Severity } from '../catalog/types';
import { Finding, fingerprint } from './finding';
import type { AnalyzeOptions } from './options';

import { INVALID_SUPPRESSION, MARK, UNUSED_SUPPRESSION } from './suppressionIds';

export { INVALID_SUPPRESSION, UNUSED_SUPPRESSION };

/**
 * Suppression directives in comments:
 *   // mt-pii-ignore-next-line <ruleId>[, <ruleId>] -- <reason> [(until YYYY-MM-DD)]
 *   /* mt-pii-ignore-file <ruleId> -- <reason> *\/
 * The rule list may be omitted (every rule); the reason may not. Past its `until` date a directive no
 * longer suppresses anything and is reported.
 */
export interface Directive {
  kind: 'next-line' | 'file';
  /** Empty: every rule. */
  rules: string[];
  reason: string;
  /** The `(until YYYY-MM-DD)` date at the end of the reason, if any: the last day it suppresses. */
  until?: string;
  /** Offsets of the whole comment. */
  start: number;
  end: number;
  /** 0-based line the directive applies to (next-line), or -1 (file). */
  line: number;
  /** Why the directive is not valid, if it is not. */
  problem?: string;
  used: boolean;
  /** How many findings it suppressed (set by the analysis). */
  suppressed?: number;
  /** Offsets of the rule list and of the reason (after `--`, `until` included) inside the comment. */
  rulesSpan: { start: number; end: number };
  reasonSpan?: { start: number; end: number };
}


/**
 * The reason the ignore quick fixes insert. It must be replaced: a directive whose reason is still this
 * placeholder counts as having no reason.
 */
export const REASON_PLACEHOLDER = 'TODO: say why this data flow is acceptable';

const UNTIL = /\(\s*until\s+(\d{4})-(\d{2})-(\d{2})\s*\)\s*$/i;

/** Today as YYYY-MM-DD in local time (directives expire at the end of their `until` day). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Finds every directive of a file, ignoring look-alikes inside strings.
 *
 * @example
 * findDirectives(sf, text, new Set(['mt/x'])) // → [{ kind: 'next-line', rules: ['mt/x'], reason: 'why', ... }]
 */
export function findDirectives(sf: ts.SourceFile, text: string, knownRules: ReadonlySet<string>, now: string = today()): Directive[] {
  const out: Directive[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARK, from);
    if (at < 0) break;
    from = at + MARK.length;
    const comment = commentAround(text, at);
    if (!comment || insideStringOrCode(sf, comment.start)) continue;
    const body = text.slice(at, comment.bodyEnd);
    const m = /^mt-pii-ignore-(next-line|file)\b([^]*)$/.exec(body);
    if (!m) continue;
    const kind = m[1] as Directive['kind'];
    const restStart = at + MARK.length + kind.length;
    const raw = body.slice(MARK.length + kind.length);
    const dashAt = raw.indexOf('--');
    const ruleRaw = dashAt >= 0 ? raw.slice(0, dashAt) : raw;
    const ruleText = ruleRaw.replace(/\s+/g, ' ').trim();
    let reason = dashAt >= 0 ? raw.slice(dashAt + 2).replace(/\s+/g, ' ').trim() : '';
    const rules = ruleText ? ruleText.split(/[\s,]+/).filter(Boolean) : [];
    const lead = ruleRaw.length - ruleRaw.trimStart().length;
    const rulesSpan = { start: restStart + lead, end: restStart + lead + ruleRaw.trim().length };
    const reasonSpan = dashAt >= 0 ? { start: restStart + dashAt + 2, end: comment.bodyEnd } : undefined;
    let until: string | undefined;
    let problem: string | undefined;
    const u = UNTIL.exec(reason);
    if (u) {
      until = `${u[1]}-${u[2]}-${u[3]}`;
      reason = reason.slice(0, u.index).trim();
    }
    const unknown = rules.filter((r) => r !== '*' && !knownRules.has(r));
    if (unknown.length) problem = `unknown rule ${unknown.join(', ')}`;
    else if (!reason) problem = 'a reason is required after "--"';
    else if (isPlaceholder(reason)) problem = 'a reason is required after "--" (the placeholder is still there)';
    else if (until && !isDate(until)) problem = `"until ${until}" is not a date (YYYY-MM-DD)`;
    else if (until && until < now) problem = `it expired after ${until}`;
    const line = kind === 'file' ? -1 : sf.getLineAndCharacterOfPosition(comment.end).line + 1;
    out.push({
      kind, rules: rules.filter((r) => r !== '*'), reason, ...(until ? { until } : {}), start: comment.start, end: comment.end, line,
      problem, used: false, rulesSpan, ...(reasonSpan ? { reasonSpan } : {}),
    });
  }
  return out;
}

function isPlaceholder(reason: string): boolean {
  return reason === REASON_PLACEHOLDER || reason.startsWith('TODO: say why');
}

function isDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

export function directiveCovers(d: Directive, ruleId: string): boolean {
  return !d.problem && (d.rules.length === 0 || d.rules.includes(ruleId));
}

/**
 * Hides the findings a valid directive covers (counting them on each directive that covers them), then adds the engine's own findings about
 * directives that are invalid or (unless turned off) suppress nothing.
 */
export function applySuppressions(
  raw: readonly Finding[], directives: Directive[], sf: ts.SourceFile, file: string, options: AnalyzeOptions,
  severities: Readonly<Record<string, Severity | 'off'>>,
): { findings: Finding[]; suppressed: Finding[] } {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of raw) {
    const line = sf.getLineAndCharacterOfPosition(f.start).line;
    // Every directive that covers the finding counts as used (a file directive does not make a line one unused).
    const covering = directives.filter((x) => directiveCovers(x, f.ruleId) && (x.kind === 'file' || x.line === line));
    for (const d of covering) {
      d.used = true;
      d.suppressed = (d.suppressed ?? 0) + 1;
    }
    if (covering.length) suppressed.push(f);
    else findings.push(f);
  }
  findings.push(...directiveFindings(directives, file, options, severities));
  return { findings, suppressed };
}

function directiveFindings(directives: Directive[], file: string, options: AnalyzeOptions, severities: Readonly<Record<string, Severity | 'off'>>): Finding[] {
  const out: Finding[] = [];
  for (const d of directives) {
    if (d.problem) {
      const sev = severities[INVALID_SUPPRESSION] ?? 'warning';
      if (sev === 'off') continue;
      out.push(metaFinding(INVALID_SUPPRESSION, sev, `Suppression directive ignored: ${d.problem}.`, file, d, options));
    } else if (!d.used && options.reportUnusedSuppressions !== false) {
      // A directive for the unused-suppression rule itself is never reported as unused.
      if (d.rules.includes(UNUSED_SUPPRESSION)) continue;
      const sev = severities[UNUSED_SUPPRESSION] ?? 'warning';
      if (sev === 'off') continue;
      const what = d.rules.length ? d.rules.join(', ') : 'any rule';
      out.push(metaFinding(UNUSED_SUPPRESSION, sev, `Unused suppression: no ${what} finding ${d.kind === 'file' ? 'in this file' : 'on the next line'}.`, file, d, options));
    }
  }
  return out;
}

function metaFinding(ruleId: string, severity: Severity, message: string, file: string, d: Directive, options: AnalyzeOptions): Finding {
  return {
    ruleId, severity, tier: 'finding', message, file, start: d.start, end: d.end, categories: [], citations: [], flow: [], flowChains: [],
    fingerprint: fingerprint([ruleId, options.fingerprintPath ?? file, d.kind, d.rules.join(','), d.reason], 0),
  };
}

/** The comment containing `at`: its start, its end, and where its text ends (before a closing star-slash). */
function commentAround(text: string, at: number): { start: number; end: number; bodyEnd: number } | undefined {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineComment = text.lastIndexOf('//', at);
  if (lineComment >= lineStart && /^\/\/\s*$/.test(text.slice(lineComment, at))) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (text[end - 1] === '\r') end--;
    return { start: lineComment, end, bodyEnd: end };
  }
  const blockStart = text.lastIndexOf('/*', at);
  if (blockStart >= 0 && /^\/\*+\s*$/.test(text.slice(blockStart, at))) {
    const close = text.indexOf('*/', at);
    if (close < 0) return undefined;
    return { start: blockStart, end: close + 2, bodyEnd: close };
  }
  return undefined;
}

/** True when `pos` is inside a string, template or other token rather than in trivia. */
function insideStringOrCode(sf: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (c) => {
      if (!next && c.pos <= pos && pos < c.end) next = c;
    });
    if (!next) break;
    node = next;
  }
  if (node === sf) return false;
  const tokenStart = node.getStart(sf);
  if (pos < tokenStart) return false; // in the leading trivia of the innermost node: a comment
  const k = node.kind;
  return k === ts.SyntaxKind.StringLiteral || k === ts.SyntaxKind.NoSubstitutionTemplateLiteral || k === ts.SyntaxKind.TemplateExpression
    || k === ts.SyntaxKind.TemplateHead || k === ts.SyntaxKind.TemplateMiddle || k === ts.SyntaxKind.TemplateTail
    || k === ts.SyntaxKind.JsxText || k === ts.SyntaxKind.RegularExpressionLiteral || k === ts.SyntaxKind.Identifier;
}
