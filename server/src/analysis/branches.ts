// Branches: the literal conditions on a function's own parameters (`method === 'GET'`, `switch (kind)`) that
// the code being walked runs under, so a summary's edges apply only at the calls whose literals take the branch.
import ts = require('typescript');
import { exits } from './guards';
import type { Scope } from './scope';
import { literalComparison } from './syntax';
import { sameCond, type Cond, type Dep, type FnInfo, type Value } from './values';

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
    const c = literalComparison(cond);
    if (c) this.compare(c.subject, c.literal, c.equal === holds, scope);
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
