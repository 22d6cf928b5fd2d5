// The personal values in what a sink call sends: object properties (nested, shorthand, spread) and plain
// arguments, found by re-parsing the call and following local object declarations the flow passes through.
import ts = require('typescript');
import type { Classifier } from '../analysis/classify';
import type { Finding } from '../analysis/finding';
import { SinkSite, countIdentifier, declarationsInScope, lastName, skipOuter } from './syntax';

/** One personal value sent to the sink, and the object literal property that carries it, if any. */
export interface Leaf {
  kind: 'property' | 'shorthand' | 'spread' | 'arg';
  /** The property, shorthand or spread element; for `arg`, the argument expression itself. */
  node: ts.Node;
  /** The value: the property's initializer, the shorthand's name, the spread's expression, the argument. */
  value: ts.Expression;
  key?: string;
  object?: ts.ObjectLiteralExpression;
  /** Categories of the finding this value carries, as far as names tell (may be empty when only the flow names it). */
  cats: string[];
  /** The object literal is the initializer of a local declaration used only here. */
  viaDeclaration?: ts.VariableDeclaration;
}

const MAX_DEPTH = 6;

/**
 * Finds the personal values among what a sink receives.
 *
 * @example
 * // analytics.identify(user.id, { email: user.email, plan })  (finding: email)
 * dataLeaves(site, finding, classifier, sf) // → [{ kind: 'property', key: 'email', cats: ['email'], ... }]
 */
export function dataLeaves(site: SinkSite, finding: Finding, classifier: Classifier, sf: ts.SourceFile): Leaf[] {
  const wanted = new Set(finding.categories);
  const notes = flowNotes(finding);
  const out: Leaf[] = [];
  const catsOf = (e: ts.Expression) => exprCats(e, classifier).filter((c) => wanted.has(c));
  const named = (e: ts.Expression) => notes.has(e.getText(sf).replace(/\s+/g, ''));
  const visitObject = (obj: ts.ObjectLiteralExpression, depth: number, via?: ts.VariableDeclaration) => {
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
        const v = skipOuter(p.initializer);
        if (isLiteral(v)) continue;
        const keyCats = key !== undefined ? classifier.key(key, { person: true }).filter((c) => wanted.has(c)) : [];
        if (ts.isObjectLiteralExpression(v) && !keyCats.length && depth < MAX_DEPTH) {
          visitObject(v, depth + 1, via);
          continue;
        }
        // A read (user.email, company.name) says itself what it carries; for other values the key tells too.
        const read = ts.isIdentifier(v) || ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v);
        const cats = read ? catsOf(v) : [...new Set([...keyCats, ...catsOf(v)])];
        if (cats.length || named(p.initializer)) out.push({ kind: 'property', node: p, value: p.initializer, key, object: obj, cats, viaDeclaration: via });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        const cats = [...new Set([...classifier.name(p.name.text, { person: true }), ...classifier.key(p.name.text, { person: true })])].filter((c) => wanted.has(c));
        if (cats.length || notes.has(p.name.text)) out.push({ kind: 'shorthand', node: p, value: p.name, key: p.name.text, object: obj, cats, viaDeclaration: via });
      } else if (ts.isSpreadAssignment(p)) {
        const inner = skipOuter(p.expression);
        if (ts.isObjectLiteralExpression(inner) && depth < MAX_DEPTH) {
          visitObject(inner, depth + 1, via);
          continue;
        }
        const local = ts.isIdentifier(inner) ? localObject(sf, inner) : undefined;
        if (local && depth < MAX_DEPTH) {
          visitObject(local.object, depth + 1, local.declaration);
          continue;
        }
        const name = lastName(inner);
        const cats = catsOf(inner);
        if (cats.length || named(inner) || (name && classifier.isPerson(name))) out.push({ kind: 'spread', node: p, value: inner, object: obj, cats, viaDeclaration: via });
      }
    }
  };
  const visit = (e: ts.Expression, depth: number) => {
    const v = skipOuter(e);
    if (ts.isObjectLiteralExpression(v)) return visitObject(v, depth);
    if (ts.isArrayLiteralExpression(v) && depth < MAX_DEPTH) {
      for (const el of v.elements) if (!ts.isSpreadElement(el) && !ts.isOmittedExpression(el)) visit(el, depth + 1);
      return;
    }
    if (ts.isIdentifier(v)) {
      const local = localObject(sf, v);
      if (local) return visitObject(local.object, depth + 1, local.declaration);
    }
    const cats = catsOf(e);
    if (cats.length || named(e)) out.push({ kind: 'arg', node: e, value: e, cats });
  };
  for (const d of site.data) visit(d, 0);
  return out;
}

function isLiteral(e: ts.Expression): boolean {
  return ts.isStringLiteral(e) || ts.isNumericLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword
    || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}

/**
 * Whether the call names the data itself, in a string argument (setAttribute('customer.email', v),
 * setItem('applicant-ssn', v)) or in its method (setEmail(v)): then changing the value alone leaves the finding.
 */
export function sinkNamesData(site: SinkSite, finding: Finding, classifier: Classifier): boolean {
  const wanted = (cats: readonly string[]) => cats.some((c) => finding.categories.includes(c));
  const callee = site.call ? skipOuter(site.call.expression) : undefined;
  const method = callee && ts.isPropertyAccessExpression(callee) ? callee.name.text : callee && ts.isIdentifier(callee) ? callee.text : undefined;
  if (method && (wanted(classifier.methodData(method)) || wanted(classifier.key(method, { person: true })))) return true;
  return site.data.some((a) => ts.isStringLiteralLike(a) && wanted(classifier.key(a.text.replace(/[^\w$]+/g, '_'), { person: true })));
}

/** The leaves whose categories no other leaf carries: taking one of them away changes what the finding reports. */
export function ownCategories(leaf: Leaf, leaves: readonly Leaf[]): string[] {
  return leaf.cats.filter((c) => !leaves.some((o) => o !== leaf && o.cats.includes(c)));
}

/**
 * A `const x = { ... }` (or `let` never written again) declared in scope, referenced only by its
 * declaration and this use: editing it changes nothing but what this sink receives.
 */
function localObject(sf: ts.SourceFile, id: ts.Identifier): { object: ts.ObjectLiteralExpression; declaration: ts.VariableDeclaration } | undefined {
  const decl = declarationsInScope(sf, id).find((d) => d.name === id.text);
  if (!decl || !ts.isVariableDeclaration(decl.node) || !decl.initializer) return undefined;
  const init = skipOuter(decl.initializer);
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  if (countIdentifier(sf, id.text) !== 2) return undefined;
  return { object: init, declaration: decl.node };
}

/** Categories an expression's names carry (user.email → email; sanitized or count-like values → none). */
export function exprCats(e: ts.Expression, classifier: Classifier): string[] {
  const v = skipOuter(e);
  if (ts.isIdentifier(v)) return [...classifier.name(v.text)];
  if (ts.isPropertyAccessExpression(v)) {
    const receiver = lastName(v.expression);
    return [...classifier.property(v.name.text, receiver, () => !!receiver && classifier.isPerson(receiver))];
  }
  if (ts.isElementAccessExpression(v) && ts.isStringLiteralLike(v.argumentExpression)) return [...classifier.key(v.argumentExpression.text, { person: true })];
  if (ts.isCallExpression(v)) {
    const callee = lastName(v.expression);
    if (callee && classifier.sanitizes(callee)) return [];
    const fromName = callee ? [...classifier.callResult(callee)] : [];
    return [...new Set([...fromName, ...v.arguments.flatMap((a) => exprCats(a, classifier))])];
  }
  if (ts.isTemplateExpression(v)) return [...new Set(v.templateSpans.flatMap((s) => exprCats(s.expression, classifier)))];
  if (ts.isBinaryExpression(v)) return [...new Set([...exprCats(v.left, classifier), ...exprCats(v.right, classifier)])];
  if (ts.isConditionalExpression(v)) return [...new Set([...exprCats(v.whenTrue, classifier), ...exprCats(v.whenFalse, classifier)])];
  return [];
}

/** The expressions the finding's flow names (`user.email`, `email`), without whitespace. */
function flowNotes(finding: Finding): Set<string> {
  const out = new Set<string>();
  for (const s of finding.flow) {
    if (s.file === finding.file && /^[\w$.[\]'"]+$/.test(s.note)) out.add(s.note);
  }
  return out;
}
