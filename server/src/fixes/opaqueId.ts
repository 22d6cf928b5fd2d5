// Quick fix "send an opaque id instead": user.email → user.id (or account.userId, or a userId in scope)
// when the file shows such an id, so the vendor gets a key it can join on but no personal data.
import ts = require('typescript');
import type { Classifier } from '../analysis/classify';
import type { Finding } from '../analysis/finding';
import { splitWords } from '../analysis/classify';
import { Leaf, dataLeaves, ownCategories, sinkNamesData } from './dataLeaves';
import { declarationsInScope, lastName, sinkSite, skipOuter, visibleKeys } from './syntax';
import type { Fix, FixContext } from './types';

/** Words that end an opaque identifier's name (userId, customer_uuid, uid). */
const ID_WORDS = new Set(['id', 'uid', 'uuid', 'guid']);

/**
 * @example
 * // analytics.identify(user.email)  with  user: { id: string; email: string }
 * opaqueIdFixes(finding, ctx, sf)[0].title // → 'Send user.id instead of user.email'
 */
export function opaqueIdFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  // A store's key often names the data too ('applicant-ssn'): swapping the value alone would not do there.
  if (!finding.categories.length || !finding.sink || finding.sink.kind === 'storage') return [];
  const site = sinkSite(sf, finding);
  if (!site || sinkNamesData(site, finding, ctx.classifier)) return [];
  const all = dataLeaves(site, finding, ctx.classifier, sf);
  const leaves = all.filter((l) => l.cats.length && l.kind !== 'spread');
  const covered = new Set(leaves.flatMap((l) => l.cats));
  const partial = leaves.length > 1 || all.length > leaves.length || !finding.categories.every((c) => covered.has(c));
  const fixes: Fix[] = [];
  for (const leaf of leaves) {
    if (leaves.length > 1 && !ownCategories(leaf, leaves).length) continue;
    const id = idFor(sf, leaf, ctx.classifier);
    if (!id) continue;
    const before = leaf.value.getText(sf);
    let start = leaf.value.getStart(sf);
    let newText = id.expr;
    if (leaf.kind === 'property' || leaf.kind === 'shorthand') {
      // The key names the data too: { email: user.email } becomes { userId: user.id }, unless that key is taken.
      const keyPersonal = leaf.key !== undefined && ctx.classifier.key(leaf.key, { person: true }).length > 0;
      const key = keyPersonal ? id.key : leaf.key!;
      const taken = leaf.object!.properties.some((p) => p !== leaf.node && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key);
      if (taken) continue;
      start = leaf.node.getStart(sf);
      const keyText = keyPersonal || ts.isShorthandPropertyAssignment(leaf.node) ? key : (leaf.node as ts.PropertyAssignment).name.getText(sf);
      newText = keyText === id.expr ? keyText : `${keyText}: ${id.expr}`;
    }
    fixes.push(fix(finding, leaf, sf, start, newText, before, id.expr, partial));
  }
  return fixes;
}

function fix(finding: Finding, leaf: Leaf, sf: ts.SourceFile, start: number, newText: string, before: string, expr: string, partial: boolean): Fix {
  return {
    id: 'opaque-id',
    title: finding.sink!.kind === 'third-party' ? `Send ${expr} instead of ${before} to ${finding.sink!.vendor}` : `Log ${expr} instead of ${before}`,
    edits: [{ file: sf.fileName, start, end: leaf.node.end, newText, role: 'code' }],
    ...(partial ? { partial: true } : {}),
  };
}

/** An opaque id beside the personal value: a key of the same object, else a name in scope. */
function idFor(sf: ts.SourceFile, leaf: Leaf, classifier: Classifier): { expr: string; key: string } | undefined {
  const v = skipOuter(leaf.value);
  if (ts.isPropertyAccessExpression(v)) {
    const keys = visibleKeys(sf, v.expression);
    const receiver = lastName(v.expression);
    const best = keys && pickId(keys, receiver, classifier);
    if (best) return { expr: `${v.expression.getText(sf)}.${best}`, key: best };
  }
  const names = declarationsInScope(sf, leaf.value).map((d) => d.name);
  const best = pickId(names, undefined, classifier);
  return best ? { expr: best, key: best } : undefined;
}

/**
 * The most telling id of a person among names: `id` (on the person object itself), then `<receiver>Id`,
 * then another person word followed by Id (userId, customerId, memberId), never someone else's id (listId).
 */
function pickId(names: string[], receiver: string | undefined, classifier: Classifier): string | undefined {
  const ids = names.filter((n) => {
    const words = splitWords(n);
    if (!words.length || !ID_WORDS.has(words[words.length - 1])) return false;
    if (classifier.key(n, { person: true }).length || classifier.name(n, { person: true }).length) return false;
    const owner = words.slice(0, -1);
    return owner.length === 0 ? receiver !== undefined : (owner.length === 1 && (classifier.isPerson(owner[0]) || owner[0] === receiver?.toLowerCase()));
  });
  if (!ids.length) return undefined;
  const rank = (n: string) => (n === 'id' ? 0 : receiver && n.toLowerCase() === `${receiver.toLowerCase()}id` ? 1 : 2);
  return [...ids].sort((a, b) => rank(a) - rank(b))[0];
}
