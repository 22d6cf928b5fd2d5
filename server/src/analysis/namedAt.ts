// Whether a word of a parsed file's text is one the engine reads: a name in an identifier or literal of the
// syntax tree (not in a comment: JSDoc is not parsed), a module in an import's specifier; for the scan's second look.
import * as ts from 'typescript';

const NAMING = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.PrivateIdentifier, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.JsxText,
  ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral,
]);

/**
 * The innermost node whose range (leading trivia included) holds `offset`, with its parent and grandparent.
 * Sibling ranges do not overlap, so the first child that holds the offset is the only one (no reliance on the
 * children's order).
 */
function nodeAt(sf: ts.SourceFile, offset: number): { node: ts.Node; parent?: ts.Node; grandparent?: ts.Node } {
  let node: ts.Node = sf;
  let parent: ts.Node | undefined;
  let grandparent: ts.Node | undefined;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (c) => {
      if (c.pos <= offset && offset < c.end) {
        next = c;
        return true;
      }
      return undefined;
    });
    if (!next) return { node, parent, grandparent };
    grandparent = parent;
    parent = node;
    node = next;
  }
}

/**
 * Whether `offset` in `sf.text` lies inside a token that carries a name or a literal: the innermost node holding
 * it is an identifier or a literal and starts at or before it. A word in trivia (a comment) or in a keyword or
 * punctuation is not one the engine can read as a name, so a root seen only there starts no flow. Every node the
 * engine visits is a child as ts.forEachChild lists them.
 *
 * @example
 * const sf = parseFile('a.js', '// console.log(x)\nconsole.log(y)');
 * namedAt(sf, 3)  // → false (in the comment)
 * namedAt(sf, 18) // → true
 */
export function namedAt(sf: ts.SourceFile, offset: number): boolean {
  const { node } = nodeAt(sf, offset);
  return NAMING.has(node.kind) && node.getStart(sf) <= offset;
}

/**
 * Whether `offset` lies inside a module specifier, where the engine takes a module's value from a string: of an
 * import or export declaration, `import x = require(…)`, a call of `require(…)` or `import(…)` (its first
 * argument), or an `import('…')` type. The same word in any other string (`level: 'debug'`, a `'realm'` key)
 * names no module.
 *
 * @example
 * specifierAt(parseFile('a.js', "const d = require('debug');"), 19) // → true
 * specifierAt(parseFile('a.js', "const level = 'debug';"), 15)      // → false
 */
export function specifierAt(sf: ts.SourceFile, offset: number): boolean {
  const { node, parent, grandparent } = nodeAt(sf, offset);
  if (!parent || !ts.isStringLiteralLike(node) || node.getStart(sf) > offset) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return parent.moduleSpecifier === node;
  if (ts.isExternalModuleReference(parent)) return parent.expression === node;
  if (ts.isLiteralTypeNode(parent)) return !!grandparent && ts.isImportTypeNode(grandparent) && grandparent.argument === parent; // import('…') in a type
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression;
    return parent.arguments[0] === node && (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'));
  }
  return false;
}
