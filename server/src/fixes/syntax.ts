// Syntax facts fixes need that findings do not carry: the call or write at a finding, the statements it
// spans, declarations in scope, indentation, and where an import goes — all by re-parsing the file.
import ts = require('typescript');
import type { Finding } from '../analysis/finding';
import { parseFile } from '../analysis/parse';
import type { FileEdit } from './types';

/** The file parsed as the engine parses it (script blocks of .vue/.svelte included), with parent links set. */
export function parseForFixes(file: string, text: string): ts.SourceFile {
  const sf = parseFile(file, text);
  const stack: ts.Node[] = [sf];
  while (stack.length) {
    const node = stack.pop()!;
    node.forEachChild((child) => {
      if (!child.parent) (child as { parent: ts.Node }).parent = node;
      stack.push(child);
    });
  }
  return sf;
}

/** The innermost node that spans exactly [start, end), else the innermost one containing it. */
export function nodeAt(sf: ts.SourceFile, start: number, end: number): ts.Node {
  let best: ts.Node = sf;
  const visit = (n: ts.Node): void => {
    if (n.getStart(sf) <= start && end <= n.end) {
      best = n;
      n.forEachChild(visit);
    }
  };
  sf.forEachChild(visit);
  return best;
}

/** Parentheses, type assertions, `satisfies`, `!` and `await` around an expression do not change the data. */
export function skipOuter(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)
      || ts.isTypeAssertionExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
    else return e;
  }
}

/** The call whose callee is the finding's node, or the assignment it writes, with the data it carries. */
export interface SinkSite {
  call?: ts.CallExpression;
  /** `target = value` when the sink is a property write. */
  write?: ts.BinaryExpression;
  /** Expressions that carry data to the sink: the call's arguments, or the written value. */
  data: ts.Expression[];
  node: ts.Node;
}

export function sinkSite(sf: ts.SourceFile, finding: Finding): SinkSite | undefined {
  const node = nodeAt(sf, finding.start, finding.end);
  if (ts.isCallExpression(node)) return { call: node, data: [...node.arguments], node };
  for (let n: ts.Node = node, i = 0; n.parent && i < 3; n = n.parent, i++) {
    const p = n.parent;
    if (ts.isCallExpression(p) && p.expression === n) return { call: p, data: [...p.arguments], node: p };
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.left === n) return { write: p, data: [p.right], node: p };
    if (!ts.isPropertyAccessExpression(p) && !ts.isElementAccessExpression(p)) break;
  }
  return undefined;
}

const LIST_PARENTS = new Set([ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseClause, ts.SyntaxKind.DefaultClause]);

/** The statement of a statement list (file, block, case) that holds `node`. */
export function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (n.parent && LIST_PARENTS.has(n.parent.kind) && !ts.isSourceFile(n)) return n as ts.Statement;
  }
  return undefined;
}

/** The statement list a statement sits in. */
export function siblingsOf(stmt: ts.Statement): readonly ts.Statement[] {
  const p = stmt.parent;
  if (ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) return p.statements;
  return [stmt];
}

const SIMPLE = new Set([ts.SyntaxKind.VariableStatement, ts.SyntaxKind.ExpressionStatement, ts.SyntaxKind.ReturnStatement]);

/**
 * Where a fix may change code: the statement of the sink, and the declarations and writes the finding's
 * flow passes through in this file (`const traits = { email }`). Function declarations that only hold a
 * flow step (a parameter) are not included.
 */
export function findingStatements(sf: ts.SourceFile, finding: Finding): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const add = (s: ts.Statement | undefined) => {
    if (s && !out.some((r) => r.start === s.getStart(sf))) out.push({ start: s.getStart(sf), end: s.end });
  };
  const site = sinkSite(sf, finding);
  add(statementOf(site?.node ?? nodeAt(sf, finding.start, finding.end)));
  for (const step of finding.flow) {
    if (step.file !== finding.file) continue;
    let n: ts.Node | undefined = nodeAt(sf, step.start, step.end);
    while (n && !SIMPLE.has(n.kind) && !ts.isSourceFile(n)) n = n.parent;
    if (n && SIMPLE.has(n.kind)) add(n as ts.Statement);
  }
  return out;
}

/** The indentation of the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One level of indentation as the file writes it (two spaces by default). */
export function indentUnit(text: string): string {
  const counts = new Map<string, number>();
  let prev = '';
  for (const line of text.split('\n').slice(0, 400)) {
    if (!line.trim()) continue;
    const ind = /^[ \t]*/.exec(line)![0];
    if (ind.startsWith('\t')) return '\t';
    if (ind.length > prev.length) {
      const step = ind.length - prev.length;
      counts.set(' '.repeat(step), (counts.get(' '.repeat(step)) ?? 0) + 1);
    }
    prev = ind;
  }
  let best = '  ';
  let n = 0;
  for (const [k, c] of counts) if (c > n && k.length <= 8) [best, n] = [k, c];
  return best;
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Identifier texts that occur in the file (a cheap "is this name declared or used here" test). */
export function hasIdentifier(sf: ts.SourceFile, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    else n.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return found;
}

/** How many times an identifier named `name` occurs in the file, declaration included. */
export function countIdentifier(sf: ts.SourceFile, name: string): number {
  let count = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) count++;
    n.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return count;
}

/** A declaration of `name` visible at `at`: a parameter, a variable, or a destructured binding. */
export interface Declared {
  name: string;
  node: ts.ParameterDeclaration | ts.VariableDeclaration | ts.BindingElement;
  type?: ts.TypeNode;
  initializer?: ts.Expression;
  /** `const` (or a parameter never reassigned is treated alike). */
  isConst: boolean;
}

/** Walks outwards from `at` through blocks and functions, collecting what is declared there (nearest first). */
export function declarationsInScope(sf: ts.SourceFile, at: ts.Node): Declared[] {
  const out: Declared[] = [];
  const seen = new Set<string>();
  const push = (d: Declared) => {
    if (!seen.has(d.name)) {
      seen.add(d.name);
      out.push(d);
    }
  };
  const fromBinding = (name: ts.BindingName, node: ts.ParameterDeclaration | ts.VariableDeclaration, isConst: boolean) => {
    if (ts.isIdentifier(name)) push({ name: name.text, node, type: node.type, initializer: node.initializer, isConst });
    else for (const el of name.elements) if (ts.isBindingElement(el) && ts.isIdentifier(el.name)) push({ name: el.name.text, node: el, isConst });
  };
  const pos = at.getStart(sf);
  for (let n: ts.Node | undefined = at; n; n = n.parent) {
    if (ts.isFunctionLike(n)) for (const p of n.parameters) fromBinding(p.name, p, true);
    const statements = ts.isSourceFile(n) || ts.isBlock(n) || ts.isModuleBlock(n) ? n.statements : undefined;
    for (const s of statements ?? []) {
      if (!ts.isVariableStatement(s) || s.getStart(sf) > pos) continue;
      const isConst = (s.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of s.declarationList.declarations) fromBinding(d.name, d, isConst);
    }
  }
  return out;
}

/** Keys of the object a name holds, when the file shows them: its type literal, a local interface or type alias, or an object literal. */
export function visibleKeys(sf: ts.SourceFile, expr: ts.Expression): string[] | undefined {
  const e = skipOuter(expr);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = declarationsInScope(sf, e).find((d) => d.name === e.text);
  if (!decl) return undefined;
  if (decl.type) return keysOfType(sf, decl.type);
  if (decl.initializer) {
    const init = skipOuter(decl.initializer);
    if (ts.isObjectLiteralExpression(init)) {
      const keys: string[] = [];
      for (const p of init.properties) {
        if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) keys.push(p.name.text);
      }
      return keys;
    }
  }
  return undefined;
}

function keysOfType(sf: ts.SourceFile, type: ts.TypeNode): string[] | undefined {
  const members = (list: ts.NodeArray<ts.TypeElement>) => list
    .filter((m): m is ts.PropertySignature => ts.isPropertySignature(m))
    .map((m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined))
    .filter((k): k is string => !!k);
  if (ts.isTypeLiteralNode(type)) return members(type.members);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    for (const s of sf.statements) {
      if (ts.isInterfaceDeclaration(s) && s.name.text === name && !s.heritageClauses) return members(s.members);
      if (ts.isTypeAliasDeclaration(s) && s.name.text === name && ts.isTypeLiteralNode(s.type)) return members(s.type.members);
    }
  }
  return undefined;
}

/** The name an expression reads, for classification: `user` for `user`, `email` for `user.email`. */
export function lastName(e: ts.Expression): string | undefined {
  e = skipOuter(e);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

/** Whether the file is an ES module (imports or exports, or a .mjs/.ts/.tsx name) rather than CommonJS. */
export function isEsModule(sf: ts.SourceFile): boolean {
  if (/\.c[jt]s$/.test(sf.fileName)) return false;
  if (sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)
    || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)))) return true;
  if (/\.(m[jt]s|tsx?)$/.test(sf.fileName)) return true;
  return !/\brequire\s*\(/.test(sf.text);
}

/**
 * An edit that makes `binding` available from `module`: a named specifier added to an existing import of
 * the module, or a new import (ES) / require (CommonJS) after the file's last one (after a 'use client'
 * prologue, never before it). `statement` is the whole import line to add when none exists.
 */
export function importEdit(sf: ts.SourceFile, module: string, named: string | undefined, statement: string, requireStatement?: string): FileEdit | undefined {
  const text = sf.text;
  const eol = eolOf(text);
  if (named) {
    for (const s of sf.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== module) continue;
      const nb = s.importClause?.namedBindings;
      if (s.importClause?.isTypeOnly || !nb || !ts.isNamedImports(nb)) continue;
      if (nb.elements.some((el) => el.name.text === named)) return undefined;
      const last = nb.elements[nb.elements.length - 1];
      if (!last) return { file: sf.fileName, start: nb.getStart(sf) + 1, end: nb.end - 1, newText: ` ${named} `, role: 'import' };
      return { file: sf.fileName, start: last.end, end: last.end, newText: `, ${named}`, role: 'import' };
    }
  }
  const esm = isEsModule(sf);
  const line = esm || !requireStatement ? statement : requireStatement;
  let after: ts.Statement | undefined;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) after = s;
    else if (!esm && ts.isVariableStatement(s) && /^\s*(const|let|var)\s[^=]*=\s*require\(/.test(s.getText(sf))) after = s;
    else if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && !after) after = s; // 'use client'
    else break;
  }
  if (after) return { file: sf.fileName, start: after.end, end: after.end, newText: `${eol}${line}`, role: 'import' };
  const at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  return { file: sf.fileName, start: at, end: at, newText: `${line}${eol}`, role: 'import' };
}
