// Quick fix for disclosure drift (rules with `derived: "disclosure"`): add the vendor or the categories to the
// disclosure recorded in mt-pii.json or in the file it names, keeping its comments (jsonc-parser, jsoncEdit.ts).
import * as path from 'path';
import type { Finding } from '../analysis/finding';
import { undisclosedOf } from '../analysis/disclosure';
import { appendToArray, changedSpan } from '../config/jsoncEdit';
import type { Fix, FixContext } from './types';

/**
 * When the vendor is not disclosed: add it (partial while categories are missing too) and, if categories are
 * missing as well, everything; otherwise one fix per missing category (partial when several are missing) and
 * one for all of them. Only what the published notice says belongs in the record: the titles say where.
 *
 * @example
 * // mt-pii.json { "disclosed": { "vendors": ["sentry"], "categories": ["email"] } }, email sent to Mixpanel
 * addDisclosureFixes(finding, ctx).map((f) => f.title) // → ['Add Mixpanel to the disclosed vendors (mt-pii.json)']
 */
export function addDisclosureFixes(finding: Finding, ctx: FixContext): Fix[] {
  const d = ctx.config.disclosure;
  if (!finding.sink || !d || ctx.catalog.ruleById.get(finding.ruleId)?.derived !== 'disclosure') return [];
  const text = ctx.readFile(d.file);
  if (text === undefined) return [];
  const gap = undisclosedOf(finding, d);
  const where = path.basename(d.file);
  const label = (c: string) => `${ctx.classifier.labels.get(c) ?? c} (${c})`;
  const wanted: { title: string; vendors: string[]; categories: string[]; partial: boolean }[] = [];
  if (gap.vendor) {
    wanted.push({ title: `Add ${finding.sink.vendor} to the disclosed vendors (${where})`, vendors: [finding.sink.vendor], categories: [], partial: gap.categories.length > 0 });
  } else {
    for (const c of gap.categories) wanted.push({ title: `Add ${label(c)} to the disclosed categories (${where})`, vendors: [], categories: [c], partial: gap.categories.length > 1 });
  }
  if (wanted.length && (gap.categories.length > 1 || (gap.vendor && gap.categories.length))) {
    wanted.push({ title: `Add everything this flow needs to the disclosure (${where})`, vendors: gap.vendor ? [finding.sink.vendor] : [], categories: gap.categories, partial: false });
  }
  const fixes: Fix[] = [];
  for (const w of wanted) {
    let next: string | undefined = text;
    if (w.vendors.length) next = appendToArray(next, [...d.path, 'vendors'], w.vendors)?.text;
    if (next !== undefined && w.categories.length) next = appendToArray(next, [...d.path, 'categories'], w.categories)?.text;
    if (next === undefined) continue;
    const span = changedSpan(text, next);
    fixes.push({
      id: 'add-disclosure', title: w.title, ...(w.partial ? { partial: true } : {}),
      edits: [{ file: d.file, start: span.offset, end: span.offset + span.length, newText: span.content, role: 'config' }],
    });
  }
  return fixes;
}
