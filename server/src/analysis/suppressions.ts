// Suppression directives (mt-pii-ignore-next-line / -file comments): found in a file, applied to its
// findings, and reported when they are invalid or suppress nothing. Nothing here decides what is a finding.
import ts = require('typescript');
import type { Severity } from '../catalog/types';
import { Finding, fingerprint } from './finding';
import type { AnalyzeOptions } from './options';

/** Rule ids the engine itself reports about suppression directives. */
export const UNUSED_SUPPRESSION = 'mt/unused-suppression';
export const INVALID_SUPPRESSION = 'mt/invalid-suppression';

/**
 * Suppression directives in comments:
 *   // mt-pii-ignore-next-line <ruleId>[, <ruleId>] -- <reason>
 *   /* mt-pii-ignore-file <ruleId> -- <reason> *\/
 * The rule list may be omitted (every rule); the reason may not.
 */
export interface Directive {
  kind: 'next-line' | 'file';
  /** Empty: every rule. */
  rules: string[];
  reason: string;
  /** Offsets of the whole comment. */
  start: number;
  end: number;
  /** 0-based line the directive applies to (next-line), or -1 (file). */
  line: number;
  /** Why the directive is not valid, if it is not. */
  problem?: string;
  used: boolean;
}

const MARK = 'mt-pii-ignore-';

/**
 * Finds every directive of a file, ignoring look-alikes inside strings.
 *
 * @example
 * findDirectives(sf, text, new Set(['mt/x'])) // → [{ kind: 'next-line', rules: ['mt/x'], reason: 'why', ... }]
 */
export function findDirectives(sf: ts.SourceFile, text: string, knownRules: ReadonlySet<string>): Directive[] {
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
    const rest = m[2].replace(/\s+/g, ' ').trim();
    const dash = rest.indexOf('--');
    const ruleText = (dash >= 0 ? rest.slice(0, dash) : rest).trim();
    const reason = dash >= 0 ? rest.slice(dash + 2).trim() : '';
    const rules = ruleText ? ruleText.split(/[\s,]+/).filter(Boolean) : [];
    let problem: string | undefined;
    const unknown = rules.filter((r) => r !== '*' && !knownRules.has(r));
    if (unknown.length) problem = `unknown rule ${unknown.join(', ')}`;
    else if (!reason) problem = 'a reason is required after "--"';
    const line = kind === 'file' ? -1 : sf.getLineAndCharacterOfPosition(comment.end).line + 1;
    out.push({ kind, rules: rules.filter((r) => r !== '*'), reason, start: comment.start, end: comment.end, line, problem, used: false });
  }
  return out;
}

export function directiveCovers(d: Directive, ruleId: string): boolean {
  return !d.problem && (d.rules.length === 0 || d.rules.includes(ruleId));
}

/**
 * Hides the findings a valid directive covers (marking it used), then adds the engine's own findings about
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
    const d = directives.find((x) => directiveCovers(x, f.ruleId) && (x.kind === 'file' || x.line === line));
    if (d) {
      d.used = true;
      suppressed.push(f);
    } else findings.push(f);
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
    ruleId, severity, message, file, start: d.start, end: d.end, categories: [], citations: [], flow: [], flowChains: [],
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
