// Quick fixes that stop sending a personal field: remove the property (plain, shorthand or nested) from the
// object sent, or narrow a spread of a person object to the non-personal keys the file shows.
import ts = require('typescript');
import type { Classifier } from '../analysis/classify';
import type { Finding } from '../analysis/finding';
import { Leaf, dataLeaves, ownCategories } from './dataLeaves';
import { sinkSite, visibleKeys, lastName } from './syntax';
import type { Fix, FileEdit, FixContext } from './types';

/**
 * @example
 * // analytics.identify(user.id, { email: user.email, plan })
 * removeFieldFixes(finding, ctx, sf)[0].title // → 'Remove email from the data sent to Segment'
 */
export function removeFieldFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  if (!finding.categories.length || !finding.sink) return [];
  const site = sinkSite(sf, finding);
  if (!site) return [];
  const leaves = dataLeaves(site, finding, ctx.classifier, sf).filter((l) => l.object && (l.kind !== 'spread' || spreadKeys(sf, l, ctx.classifier)));
  if (!leaves.length) return [];
  const to = finding.sink.vendor;
  const fixes: Fix[] = [];
  const covered = new Set(leaves.flatMap((l) => l.cats));
  const coversAll = finding.categories.every((c) => covered.has(c));
  for (const leaf of leaves) {
    // One field alone is worth a fix only when no other field sent carries its categories.
    if (leaves.length > 1 && !ownCategories(leaf, leaves).length) continue;
    const edits = removalEdits(sf, [leaf], ctx.classifier);
    if (!edits.length) continue;
    const label = leafLabel(sf, leaf);
    const partial = leaves.length > 1 || !coversAll;
    fixes.push({
      id: leaf.kind === 'spread' ? 'narrow-spread' : 'remove-field',
      title: leaf.kind === 'spread'
        ? `Send only the non-personal fields of ${label} (${spreadKeys(sf, leaf, ctx.classifier)!.keep.join(', ') || 'none'}) to ${to}`
        : `Remove ${label} from the data sent to ${to}`,
      edits,
      ...(partial ? { partial: true } : {}),
    });
  }
  if (leaves.length > 1) {
    const edits = removalEdits(sf, leaves, ctx.classifier);
    if (edits.length) {
      fixes.push({
        id: 'remove-field', title: `Remove the personal fields (${leaves.map((l) => leafLabel(sf, l)).join(', ')}) from the data sent to ${to}`, edits,
        ...(coversAll ? {} : { partial: true }),
      });
    }
  }
  return fixes;
}

function leafLabel(sf: ts.SourceFile, leaf: Leaf): string {
  if (leaf.kind === 'spread') return `...${leaf.value.getText(sf)}`;
  return leaf.key ?? leaf.value.getText(sf);
}

/** The keys a spread keeps (non-personal) and drops, when the spread object's keys are visible. */
function spreadKeys(sf: ts.SourceFile, leaf: Leaf, classifier: Classifier): { keep: string[]; drop: string[] } | undefined {
  const keys = visibleKeys(sf, leaf.value);
  if (!keys?.length) return undefined;
  const receiver = lastName(leaf.value);
  const keep: string[] = [];
  const drop: string[] = [];
  for (const k of keys) {
    const personal = classifier.key(k, { person: true }).length > 0 || classifier.property(k, receiver, true).length > 0;
    (personal ? drop : keep).push(k);
  }
  return drop.length ? { keep, drop } : undefined;
}

/**
 * Edits that take the leaves out of their object literals. Runs of removed properties are cut together
 * with the separator on one side, so the object keeps its layout; a spread becomes its kept keys.
 */
function removalEdits(sf: ts.SourceFile, leaves: Leaf[], classifier: Classifier): FileEdit[] {
  const edits: FileEdit[] = [];
  const byObject = new Map<ts.ObjectLiteralExpression, Leaf[]>();
  for (const l of leaves) byObject.set(l.object!, [...(byObject.get(l.object!) ?? []), l]);
  for (const [obj, list] of byObject) {
    const removed = new Set<ts.Node>();
    for (const l of list) {
      if (l.kind === 'spread') {
        const k = spreadKeys(sf, l, classifier);
        if (!k) continue;
        if (k.keep.length) {
          const v = l.value.getText(sf);
          const text = k.keep.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${key}: ${v}.${key}` : `${JSON.stringify(key)}: ${v}[${JSON.stringify(key)}]`)).join(', ');
          edits.push({ file: sf.fileName, start: l.node.getStart(sf), end: l.node.end, newText: text, role: 'code' });
          continue;
        }
      }
      removed.add(l.node);
    }
    const props = obj.properties;
    if (props.every((p) => removed.has(p))) {
      edits.push({ file: sf.fileName, start: obj.getStart(sf), end: obj.end, newText: '{}', role: 'code' });
      continue;
    }
    for (let i = 0; i < props.length; i++) {
      if (!removed.has(props[i])) continue;
      let j = i;
      while (j + 1 < props.length && removed.has(props[j + 1])) j++;
      if (j + 1 < props.length) edits.push({ file: sf.fileName, start: props[i].getStart(sf), end: afterSeparator(sf.text, props[j].end), newText: '', role: 'code' });
      else edits.push({ file: sf.fileName, start: props[i - 1].end, end: props[j].end, newText: '', role: 'code' });
      i = j;
    }
  }
  return edits;
}

/** The offset after the comma that follows a property and the blanks after it (a comment there is kept). */
function afterSeparator(text: string, from: number): number {
  let k = from;
  while (k < text.length && /[ \t]/.test(text[k])) k++;
  if (text[k] === ',') k++;
  while (k < text.length && /\s/.test(text[k])) k++;
  return k;
}
