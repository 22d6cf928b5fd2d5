// Branches: the literal conditions on a function's own parameters (`method === 'GET'`, `switch (kind)`) that
// the code being walked runs under, so a summary's edges apply only at the calls whose literals take the branch.
import ts = require('typescript');
import { exits } from './guards';
import type { Scope } from './scope';
import { typeShape } from './declaredTypes';
import type { Cond, Dep, FnInfo, TypeShape, Value } from './values';

/** At most this many literal conditions ride on one dependency (and are open at once in one function). */
const MAX_CONDS = 4;

/**
 * Tracks, while a function is walked, which comparisons of its parameters with string literals hold where
 * the walk is: `if (method === 'GET') url += qs(body)`, `opts.method !== 'POST' ? … : …`, a `case 'GET':`
 * that nothing falls into, the rest of a block after `if (method !== 'GET') return …`. Values that leave
 * such a branch (assigned, returned, reaching a sink) carry the conditions on their parameter dependencies
 * (`Dep.when`); `condsHold` decides them at a call that passes literals. Bounded, and free on the hot path
 * when no condition is open.
 */
export class Branches {
  private readonly stack: Cond[] = [];
  /** Where the conditions of the function being walked start on the stack. */
  private base = 0;
  /** Names assigned somewhere in a function's body: such a parameter is not compared as passed. */
  private readonly assigned = new WeakMap<object, Set<string>>();

  /** Enters code that runs when `cond` evaluates to `holds`; restore(mark) when it ends. */
  enter(cond: ts.Expression, scope: Scope, holds: boolean): number {
    const mark = this.stack.length;
    if (mark - this.base < MAX_CONDS) this.collect(cond, scope, holds, 0);
    return mark;
  }

  /** A `case 'lit':` clause of `switch (subject)` that no other clause falls into. */
  enterCase(subject: ts.Expression, lit: string, scope: Scope): number {
    const mark = this.stack.length;
    if (mark - this.base < MAX_CONDS) this.compare(subject, lit, true, scope);
    return mark;
  }

  restore(mark: number): void {
    if (this.stack.length > mark) this.stack.length = mark;
  }

  /** Where a block starts: restore(position) when it ends drops the conditions its early exits opened. */
  position(): number {
    return this.stack.length;
  }

  /** After a statement of a block: `if (method !== 'GET') return send(body);` — the rest runs when it is GET. */
  after(s: ts.Statement, scope: Scope): void {
    if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement) && this.stack.length - this.base < MAX_CONDS) {
      this.collect(s.expression, scope, false, 0);
    }
  }

  /** The conditions open where a function is defined: its body runs under them (a closure in a GET branch). */
  snapshot(): Cond[] | undefined {
    return this.stack.length > this.base ? this.stack.slice(this.base) : undefined;
  }

  /** Starts a function's body under the conditions it was defined under; returns what exitFunction takes. */
  enterFunction(conds: readonly Cond[] | undefined): number {
    const outer = this.base;
    this.base = this.stack.length;
    if (conds) for (const c of conds) this.stack.push(c);
    return outer;
  }

  exitFunction(outer: number): void {
    this.stack.length = this.base;
    this.base = outer;
  }

  /** `v` as it leaves the open branches: its dependencies on the compared functions' parameters carry them. */
  mark(v: Value): Value {
    if (this.stack.length === this.base || (!v.deps?.length && !v.props)) return v;
    return this.markValue(v, 0);
  }

  /** A dependency as it leaves the open branches (an edge recorded at a sink inside them). */
  markDep(d: Dep): Dep {
    let when = d.when;
    for (let i = this.base; i < this.stack.length; i++) {
      const c = this.stack[i];
      if (c.fn !== d.fn || when?.some((w) => sameCond(w, c))) continue;
      if ((when?.length ?? 0) >= MAX_CONDS) break;
      when = when ? [...when, c] : [c];
    }
    return when === d.when ? d : { ...d, when };
  }

  private markValue(v: Value, depth: number): Value {
    let deps = v.deps;
    if (deps?.length) {
      let out: Dep[] | undefined;
      for (let i = 0; i < deps.length; i++) {
        const m = this.markDep(deps[i]);
        if (m !== deps[i]) (out ??= deps.slice())[i] = m;
      }
      if (out) deps = out;
    }
    let props = v.props;
    if (props && depth < 2) {
      let out: Map<string, Value> | undefined;
      for (const [k, pv] of props) {
        const m = pv.deps?.length || pv.props ? this.markValue(pv, depth + 1) : pv;
        if (m !== pv) (out ??= new Map(props)).set(k, m);
      }
      if (out) props = out;
    }
    return deps === v.deps && props === v.props ? v : { ...v, deps, props };
  }

  private collect(cond: ts.Expression, scope: Scope, holds: boolean, depth: number): void {
    if (depth > 4) return;
    if (ts.isParenthesizedExpression(cond)) return this.collect(cond.expression, scope, holds, depth + 1);
    if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) {
      return this.collect(cond.operand, scope, !holds, depth + 1);
    }
    if (!ts.isBinaryExpression(cond)) return;
    const op = cond.operatorToken.kind;
    // a && b holds: both hold; a || b fails: both fail. The other cases say nothing about either alone.
    if ((op === ts.SyntaxKind.AmpersandAmpersandToken && holds) || (op === ts.SyntaxKind.BarBarToken && !holds)) {
      this.collect(cond.left, scope, holds, depth + 1);
      this.collect(cond.right, scope, holds, depth + 1);
      return;
    }
    const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    if (!eq && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsToken) return;
    if (ts.isStringLiteralLike(cond.right)) this.compare(cond.left, cond.right.text, eq === holds, scope);
    else if (ts.isStringLiteralLike(cond.left)) this.compare(cond.right, cond.left.text, eq === holds, scope);
  }

  private compare(subject: ts.Expression, lit: string, eq: boolean, scope: Scope): void {
    if (this.stack.length - this.base >= MAX_CONDS) return;
    const s = subjectOf(subject, scope, this.assigned);
    if (s) this.stack.push({ fn: s.fn, param: s.param, key: s.key, fold: s.fold, lit, eq });
  }
}

type Subject = Pick<Cond, 'fn' | 'param' | 'key' | 'fold'>;

/** The parameter (or one property of it) an expression reads as passed: `method`, `opts.method`, `method.toUpperCase()`. */
function subjectOf(e: ts.Expression, scope: Scope, assigned: WeakMap<object, Set<string>>): Subject | undefined {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression)) {
    const m = e.expression.name.text;
    const fold = m === 'toUpperCase' || m === 'toLocaleUpperCase' ? 'upper' : m === 'toLowerCase' || m === 'toLocaleLowerCase' ? 'lower' : undefined;
    if (!fold) return undefined;
    const s = subjectOf(e.expression.expression, scope, assigned);
    return s && !s.fold ? { ...s, fold } : undefined;
  }
  let id: ts.Identifier;
  let key: string | undefined;
  if (ts.isIdentifier(e)) id = e;
  else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && ts.isIdentifier(e.name)) {
    id = e.expression;
    key = e.name.text;
  } else return undefined;
  const b = scope.lookup(id.text);
  if (!b || b.kind !== 'param') return undefined;
  let dep: Dep | undefined;
  for (const d of b.value.deps ?? []) {
    if (d.fn.state !== 'running' || d.param < 0) continue;
    if (dep && (dep.fn !== d.fn || dep.param !== d.param)) return undefined; // more than one parameter: not one passed value
    // A declared object type adds its members' dependencies (opts.method, opts.query): the whole parameter is the shortest.
    if (!dep || (d.path?.length ?? 0) < (dep.path?.length ?? 0)) dep = d;
  }
  if (!dep || dep.when) return undefined;
  const path = dep.path ?? [];
  if (path.length + (key === undefined ? 0 : 1) > 1) return undefined;
  if (reassigned(dep.fn, id.text, assigned)) return undefined;
  return { fn: dep.fn, param: dep.param, key: path[0] ?? key };
}

/** Whether `name` is assigned anywhere in the function's body (then a comparison does not test what was passed). */
function reassigned(fn: FnInfo, name: string, cache: WeakMap<object, Set<string>>): boolean {
  const body = fn.node?.body;
  if (!body) return true;
  let names = cache.get(fn);
  if (!names) {
    const found = new Set<string>();
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        if (ts.isIdentifier(n.left)) found.add(n.left.text);
      } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand)) {
        found.add(n.operand.text);
      }
      ts.forEachChild(n, visit);
    };
    visit(body);
    names = found;
    cache.set(fn, names);
  }
  return names.has(name);
}

export function sameCond(a: Cond, b: Cond): boolean {
  return a.fn === b.fn && a.param === b.param && a.key === b.key && a.lit === b.lit && a.eq === b.eq && a.fold === b.fold;
}

export function sameConds(a: readonly Cond[] | undefined, b: readonly Cond[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCond(a[i], b[i])) return false;
  return true;
}

/** Whether a dependency's conditions may hold at a call with these arguments: a non-literal argument keeps them open. */
export function condsHold(when: readonly Cond[] | undefined, args: readonly Value[]): boolean {
  if (!when) return true;
  for (const c of when) {
    let a: Value | undefined = args[c.param];
    if (a && c.key !== undefined) a = a.props?.get(c.key);
    let s = a?.str;
    if (s === undefined) continue;
    if (c.fold === 'upper') s = s.toUpperCase();
    else if (c.fold === 'lower') s = s.toLowerCase();
    if ((s === c.lit) !== c.eq) return false;
  }
  return true;
}

/** A parameter of a declared union type, narrowed by a branch on its discriminant (`author.kind === 'agent'`). */
export interface Narrowing {
  /** The parameter's name as declared (rebound in the branch's scope). */
  readonly name: ts.Identifier;
  /** The union members the branch keeps, as one type (a union declared in this file)… */
  readonly type?: ts.TypeNode;
  /** …or as the members they give (a union imported from another file, through its `variants`). */
  readonly shape?: TypeShape;
}

/** One member of an exported union type alias: its literal members (`kind: 'agent'`) and the members it gives. */
export interface Variant {
  readonly tags: ReadonlyMap<string, string>;
  readonly shape: TypeShape;
}

/**
 * What a branch on `param.key === 'lit'` (or `!==`) leaves of a parameter declared with a discriminated union
 * type: the members whose literal `key` can take the branch. Undefined when the condition is no such test or
 * keeps every member (then the declared type stands).
 */
export function narrowing(cond: ts.Expression, scope: Scope, holds: boolean): Narrowing | undefined {
  while (ts.isParenthesizedExpression(cond)) cond = cond.expression;
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) return narrowing(cond.operand, scope, !holds);
  if (!ts.isBinaryExpression(cond)) return undefined;
  const op = cond.operatorToken.kind;
  const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  if (!eq && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
  const [subject, literal] = ts.isStringLiteralLike(cond.right) ? [cond.left, cond.right] : ts.isStringLiteralLike(cond.left) ? [cond.right, cond.left] : [];
  if (!subject || !literal || !ts.isPropertyAccessExpression(subject) || !ts.isIdentifier(subject.expression)) return undefined;
  const id = subject.expression;
  if (scope.lookup(id.text)?.kind !== 'param') return undefined;
  const param = scope.ctx.info?.node?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
  if (!param?.type || !ts.isIdentifier(param.name)) return undefined;
  const want = eq === holds;
  const key = subject.name.text;
  const takes = (tags: ReadonlyMap<string, string>): boolean => !tags.has(key) || (tags.get(key) === literal.text) === want;
  const all = unionMembers(param.type, scope, 0);
  if (all.length < 2) {
    // A union imported from another file: its variants travel with the exported type.
    const t = param.type;
    const variants = ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !scope.lookupType(t.typeName.text) ? scope.lookup(t.typeName.text)?.value.variants : undefined;
    const keptVariants = variants?.filter((v) => takes(v.tags));
    if (!variants || !keptVariants?.length || keptVariants.length === variants.length) return undefined;
    const shape: TypeShape = new Map();
    for (const v of keptVariants) for (const [k, sub] of v.shape) shape.set(k, sub);
    return { name: param.name, shape };
  }
  const kept = all.filter((m) => takes(literalMembers(m, scope, 0)));
  if (!kept.length || kept.length === all.length) return undefined;
  return { name: param.name, type: kept.length === 1 ? kept[0] : ts.factory.createUnionTypeNode(kept) };
}

/** The variants of an exported union type alias (`type Author = { kind: 'customer'; … } | { kind: 'agent'; … }`). */
export function variantsOf(decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration, scope: Scope): Variant[] | undefined {
  if (!ts.isTypeAliasDeclaration(decl)) return undefined;
  const members = unionMembers(decl.type, scope, 0);
  if (members.length < 2 || members.length > 12) return undefined;
  const out = members.map((m) => ({ tags: literalMembers(m, scope, 0), shape: typeShape(m, scope, 1) ?? new Map() }));
  return out.some((v) => v.tags.size) ? out : undefined;
}

/** The members of a union type, through parentheses and type aliases of this file's scopes. */
function unionMembers(type: ts.TypeNode, scope: Scope, depth: number): ts.TypeNode[] {
  if (depth > 3) return [type];
  if (ts.isParenthesizedTypeNode(type)) return unionMembers(type.type, scope, depth + 1);
  if (ts.isUnionTypeNode(type)) return type.types.flatMap((t) => unionMembers(t, scope, depth + 1));
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments) {
    const decl = scope.lookupType(type.typeName.text);
    if (decl && ts.isTypeAliasDeclaration(decl) && !decl.typeParameters) {
      const inner = unionMembers(decl.type, scope, depth + 1);
      if (inner.length > 1) return inner;
    }
  }
  return [type];
}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

/** The members a union member declares with a string literal type (`kind: 'agent'`). */
function literalMembers(type: ts.TypeNode, scope: Scope, depth: number): ReadonlyMap<string, string> {
  if (depth > 3) return NO_TAGS;
  if (ts.isParenthesizedTypeNode(type)) return literalMembers(type.type, scope, depth + 1);
  if (ts.isIntersectionTypeNode(type)) {
    const out = new Map<string, string>();
    for (const t of type.types) for (const [k, l] of literalMembers(t, scope, depth + 1)) out.set(k, l);
    return out;
  }
  let members: ts.NodeArray<ts.TypeElement> | undefined;
  if (ts.isTypeLiteralNode(type)) members = type.members;
  else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const decl = scope.lookupType(type.typeName.text);
    if (decl && ts.isInterfaceDeclaration(decl)) members = decl.members;
    else if (decl) return literalMembers(decl.type, scope, depth + 1);
  }
  let out: Map<string, string> | undefined;
  for (const m of members ?? []) {
    if (!ts.isPropertySignature(m) || !m.type || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
    if (ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)) (out ??= new Map()).set(m.name.text, m.type.literal.text);
  }
  return out ?? NO_TAGS;
}
