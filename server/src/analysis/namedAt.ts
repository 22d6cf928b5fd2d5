// Whether a word of a parsed file's text is one the engine reads: inside an identifier or a literal of the
// syntax tree, not in a comment (JSDoc is not parsed), for the scan's second look at a file's triggers.
import * as ts from 'typescript';

const NAMING = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.PrivateIdentifier, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.JsxText,
  ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral,
]);

/**
 * Whether `offset` in `sf.text` lies inside a token that carries a name or a literal: the innermost node whose
 * range (leading trivia included) holds it is an identifier or a literal and starts at or before it. A word in
 * trivia (a comment) or in a keyword or punctuation is not one the engine can read as a name, so a root seen
 * only there starts no flow. Every node the engine visits is a child as ts.forEachChild lists them.
 *
 * @example
 * const sf = parseFile('a.js', '// console.log(x)\nconsole.log(y)');
 * namedAt(sf, 3)  // → false (in the comment)
 * namedAt(sf, 18) // → true
 */
export function namedAt(sf: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    // Sibling ranges do not overlap: the first child that holds the offset is the only one (no reliance on order).
    ts.forEachChild(node, (c) => {
      if (c.pos <= offset && offset < c.end) {
        next = c;
        return true;
      }
      return undefined;
    });
    if (!next) break;
    node = next;
  }
  return NAMING.has(node.kind) && node.getStart(sf) <= offset;
}
