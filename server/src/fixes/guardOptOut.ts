// Quick fix "guard the ad pixel": wrap the call (and the pixel's next calls beside it) in a check of the
// Global Privacy Control signal, which the engine recognises as honouring the opt-out (categories.json optOutChecks).
import ts = require('typescript');
import type { Finding } from '../analysis/finding';
import { eolOf, indentAt, indentUnit, sinkSite, siblingsOf, statementOf } from './syntax';
import type { Fix, FixContext } from './types';

/** The signal itself (not the app's own consent flag): Montana's opt-out preference signal. */
const SIGNAL_JS = 'navigator.globalPrivacyControl';
/** lib.dom does not declare the property yet, so TypeScript reads it through a widened type. */
const SIGNAL_TS = '(navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl';

/**
 * @example
 * // fbq('init', ID); fbq('track', 'PageView');
 * guardFixes(finding, ctx, sf)[0].edits[0].newText // → "if (!navigator.globalPrivacyControl) {\n  fbq('init', ID);\n  fbq('track', 'PageView');\n}"
 */
export function guardFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  const rule = ctx.catalog.ruleById.get(finding.ruleId);
  // Only for rules about the call firing at all that a check of the signal quiets: where the data is the
  // concern, or where consent is what the law asks (known minors, a government site), it is not the remedy.
  if (!rule?.unlessGuard?.includes('signal') || rule.categories.length || !finding.sink) return [];
  const site = sinkSite(sf, finding);
  const first = site?.call && statementOf(site.call);
  if (!first || !ts.isExpressionStatement(first) || skip(first.expression) !== site.call) return [];
  // The pixel's other calls listed in the finding ("also fires") that follow in the same block go inside too.
  const also = finding.flow.filter((s) => s.file === finding.file && s.note.startsWith('also fires'));
  const siblings = siblingsOf(first);
  let last = first;
  for (let i = siblings.indexOf(first) + 1; i < siblings.length; i++) {
    const s = siblings[i];
    if (!ts.isExpressionStatement(s) || !also.some((a) => a.start >= s.getStart(sf) && a.end <= s.end)) break;
    last = s;
  }
  const text = sf.text;
  const start = first.getStart(sf);
  const indent = indentAt(text, start);
  const unit = indentUnit(text);
  const eol = eolOf(text);
  const body = reindent(sf, start, last.end, unit);
  const typed = /\.(m|c)?tsx?$/.test(sf.fileName) && !text.includes(SIGNAL_JS);
  const signal = typed ? SIGNAL_TS : SIGNAL_JS;
  const newText = `if (!${signal}) {${eol}${indent}${unit}${body}${eol}${indent}}`;
  return [{
    id: 'guard-opt-out',
    title: `Fire ${finding.sink.vendor} only when the browser sends no Global Privacy Control signal`,
    edits: [{ file: sf.fileName, start, end: last.end, newText, role: 'code' }],
  }];
}

function skip(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isVoidExpression(e)) e = e.expression;
  return e;
}

/** The text of [start, end) with one more indentation level on every line that does not start inside a template. */
function reindent(sf: ts.SourceFile, start: number, end: number, unit: string): string {
  const text = sf.text.slice(start, end);
  const templates: [number, number][] = [];
  const visit = (n: ts.Node): void => {
    if (n.end <= start || n.getStart(sf) >= end) return;
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) templates.push([n.getStart(sf), n.end]);
    else n.forEachChild(visit);
  };
  sf.forEachChild(visit);
  let out = '';
  let i = 0;
  for (;;) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return out + text.slice(i);
    out += text.slice(i, nl + 1);
    i = nl + 1;
    const abs = start + i;
    if (i < text.length && text[i] !== '\n' && text[i] !== '\r' && !templates.some(([a, b]) => a < abs && abs < b)) out += unit;
  }
}
