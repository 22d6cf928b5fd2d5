// Questions about TypeScript syntax that several stages ask: names, modifiers, receivers of a member chain.
// Pure functions of the tree: no values, no catalog, no classification here.
import ts = require('typescript');

/** Whether a declaration has a modifier; reads the node's modifier list directly (ts.getModifiers allocates). */
export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  if (!mods) return false;
  for (const m of mods) if (m.kind === kind) return true;
  return false;
}

export function isAmbient(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.DeclareKeyword);
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

export function fnName(node: ts.FunctionExpression | ts.ArrowFunction): string {
  return node.name?.text ?? 'function';
}

/** The receiver's own name and the names further out: for `a.b.c`'s receiver `a.b` → ['b', ['a']]. */
export function receiverNames(expr: ts.Expression): [string | undefined, string[]] {
  const names: string[] = [];
  let cur: ts.Expression = expr;
  for (let i = 0; i < 6; i++) {
    while (ts.isParenthesizedExpression(cur) || ts.isNonNullExpression(cur) || ts.isAsExpression(cur) || ts.isAwaitExpression(cur)) cur = cur.expression;
    if (ts.isIdentifier(cur)) {
      names.push(cur.text);
      break;
    }
    if (ts.isPropertyAccessExpression(cur)) {
      names.push(cur.name.text);
      cur = cur.expression;
    } else if (ts.isElementAccessExpression(cur)) {
      if (ts.isStringLiteralLike(cur.argumentExpression)) names.push(cur.argumentExpression.text);
      cur = cur.expression;
    } else if (ts.isCallExpression(cur)) {
      const c = cur.expression;
      if (ts.isIdentifier(c)) names.push(c.text);
      else if (ts.isPropertyAccessExpression(c)) names.push(c.name.text);
      break;
    } else break;
  }
  return [names[0], names.slice(1)];
}

export function dottedName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) return `${expr.expression.text}.${expr.name.text}`;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/** Where a call is reported: its callee, or the method name when the receiver is itself a call (a chain). */
export function reportNodeOf(callee: ts.Expression): ts.Node {
  if (ts.isPropertyAccessExpression(callee) && (ts.isCallExpression(callee.expression) || ts.isNewExpression(callee.expression))) return callee.name;
  return callee;
}

/** The call's command argument (fbq('track', ...)) is one of `commands`. */
export function isCommand(commands: readonly string[], position: number | undefined, args: ts.NodeArray<ts.Expression>): boolean {
  const cmd = position !== undefined ? args[position] : undefined;
  return !!cmd && ts.isStringLiteralLike(cmd) && commands.includes(cmd.text);
}

/** `email: boolean` and `phoneCount: number` are not the data their names suggest. */
export function isNonDataType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  return type.kind === ts.SyntaxKind.BooleanKeyword || type.kind === ts.SyntaxKind.NumberKeyword
    || (ts.isLiteralTypeNode(type) && (type.literal.kind === ts.SyntaxKind.TrueKeyword || type.literal.kind === ts.SyntaxKind.FalseKeyword));
}

/**
 * A comparison with a string literal on either side (`===`, `!==`, `==`, `!=`): what is compared, the literal and
 * whether the operator is an equality.
 *
 * @example
 * literalComparison(`'GET' !== method`) // → { subject: method, literal: 'GET', equal: false }
 */
export function literalComparison(e: ts.BinaryExpression): { subject: ts.Expression; literal: string; equal: boolean } | undefined {
  const op = e.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  if (!equal && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
  if (ts.isStringLiteralLike(e.right)) return { subject: e.left, literal: e.right.text, equal };
  if (ts.isStringLiteralLike(e.left)) return { subject: e.right, literal: e.left.text, equal };
  return undefined;
}
