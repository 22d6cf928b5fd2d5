// Function summaries: each function or method is analysed once (where its parameters go, what it returns)
// and applied at every call, in this file or an importing one; it is the one writer of hits. It matches no
// sink (sinks.ts does) and walks bodies only through the statement and expression stages.
import ts = require('typescript');
import { CALL } from '../catalog/paths';
import { condsHold, type Branches } from './branches';
import { typeInstance } from './declaredTypes';
import { guardsOf, type Guards } from './guards';
import { FnCtx, Scope } from './scope';
import { withoutKeys } from './shapes';
import type { BindingStage, ExpressionStage, FileContext, FunctionStage, Hit, Recorder, Stages, StatementStage } from './stages';
import { isNonDataType, propertyNameText } from './syntax';
import {
  ClassInfo, Dep, EMPTY, FnInfo, SinkHit, Step, Summary, Taint, Value, dataOf, extend, nameable, sameDep, union, unionAll, withCategories,
} from './values';

/** Longest property path a parameter dependency records (props.user.profile.email). */
const MAX_DEP_PATH = 1;

export class Summaries implements FunctionStage, Recorder {
  private readonly sf: ts.SourceFile;
  private readonly fc: FileContext;
  private statements!: StatementStage;
  private expressions!: ExpressionStage;
  private binding!: BindingStage;

  /** Parameter names whose own words gave their value categories, to the function they belong to. */
  private readonly namedParams = new Map<ts.Node, FnInfo>();

  constructor(fc: FileContext, private readonly hits: Hit[], private readonly guards: Guards, private readonly branches: Branches) {
    this.fc = fc;
    this.sf = fc.sf;
  }

  wire(s: Stages): void {
    this.statements = s.statements;
    this.expressions = s.expressions;
    this.binding = s.binding;
  }

  /** A function defined here: analysed when its defining body is done, or at its first call if sooner. */
  makeFn(node: ts.SignatureDeclaration & { body?: ts.Node }, scope: Scope, name: string): FnInfo {
    const fn: FnInfo = { node, scope, name, state: 'pending', file: this.sf.fileName };
    const behind = this.guards.inBranch();
    if (behind) fn.guards = behind; // defined under a consent or opt-out check
    const conds = this.branches.snapshot();
    if (conds) fn.conds = conds; // defined in a branch taken for some literal parameters
    // An arrow function's `this` is the one around it (class field arrows: identify = () => this.client...).
    if (ts.isArrowFunction(node) && scope.ctx.thisValue) fn.thisValue = scope.ctx.thisValue;
    scope.ctx.deferred.push(fn);
    return fn;
  }

  /** Analyses the functions defined in a body once it has run (and those they define). */
  drain(ctx: FnCtx): void {
    for (let i = 0; i < ctx.deferred.length; i++) this.analyze(ctx.deferred[i]);
  }

  applySummary(fn: FnInfo, args: Value[], calleeExpr: ts.Expression): Value {
    if (fn.state === 'pending') this.analyze(fn);
    const summary: Summary | undefined = fn.summary;
    if (!summary) return EMPTY;
    const invoke = this.invoke;
    const seen = { known: false };
    for (const edge of summary.edges) {
      // An edge taken only for some literals (`method === 'GET'`) is not applied where the call passes others.
      if (edge.dep.when && !condsHold(edge.dep.when, args)) continue;
      let v = resolveDep(edge.dep, args, invoke, seen);
      if (edge.sink.ignoreKeys && !edge.dep.path?.length) v = withoutKeys(v, edge.sink.ignoreKeys); // send(opts) → sendMail(opts)
      if (edge.keyParam !== undefined && args[edge.keyParam]?.str !== undefined && nameable(v)) {
        v = withCategories(v, this.fc.cls.key(args[edge.keyParam].str!), calleeExpr, `key '${args[edge.keyParam].str}'`);
      }
      const tail: Step[] = [
        { node: edge.dep.step.node, note: `parameter of ${fn.name}`, loc: edge.dep.step.loc },
        { node: edge.sink.node, note: edge.sink.api, loc: edge.sink.loc },
      ];
      // A property read from an argument of unknown shape (m.role of a chat message) is not data its name rules out;
      // a property the argument has (log({ message: `… ${user.email}` })) keeps what it holds.
      const prop = edge.dep.path?.length && !seen.known ? edge.dep.path[edge.dep.path.length - 1] : undefined;
      const taints = (v.taints ?? []).filter((t) => !edge.intrinsic.has(t.cat) && !(prop && this.fc.cls.excludes(t.cat, prop)));
      // The caller's own parameter names (`function notify(email) { send(email) }`) passed to a parameter the helper
      // names too are not reported at this call: the engine cannot see that data, so the helper keeps its finding.
      const own = taints.length ? this.pushHits(calleeExpr, edge.sink, taints, tail, (edge.guards ?? 0) | this.guards.guards(), !fn.named?.includes(edge.dep.param)) : taints;
      for (const dep of v.deps ?? []) {
        const ctx = dep.fn.ctx as FnCtx | undefined;
        if (dep.fn.state === 'running' && ctx && dep.fn !== fn) {
          // Categories reported here (a parameter named `email` passed on) are not reported again at its callers.
          const intrinsic = own.length ? new Set([...edge.intrinsic, ...own.map((t) => t.cat)]) : edge.intrinsic;
          const outer = this.branches.markDep(dep);
          ctx.edges.push({ ...edge, intrinsic, dep: { ...outer, step: { node: calleeExpr, prev: dep.step } }, ...guardsOf((edge.guards ?? 0) | this.guards.guards()) });
        }
      }
    }
    if (fn.named) {
      // Whether this call lets the callers carry the helper's finding (summaries' settle): it passes what it sends.
      fn.calls = (fn.calls ?? 0) + 1;
      for (const i of fn.named) if (this.opaque(args[i])) fn.opaqueCall = true;
    }
    return instantiate(summary.returns, fn, args, calleeExpr, 0, invoke);
  }

  /**
   * Records the taints reaching a sink as hits: those whose source is a parameter's own name (`email` in
   * `function send(email)`) apart, as the helper's (`Hit.helper`). Returns the others, reported here for good.
   */
  private pushHits(node: ts.Node, sink: SinkHit, taints: Taint[], tail: Step[], guards: number, keepNamed = true): Taint[] {
    let own = taints;
    let named: Taint[] | undefined;
    let helper: FnInfo | undefined;
    if (this.namedParams.size) {
      for (const t of taints) {
        const fn = this.namedBy(t);
        if (!fn) continue;
        helper ??= fn;
        (named ??= []).push(t);
      }
      if (named) own = taints.filter((t) => !named!.includes(t));
    }
    if (own.length) this.hits.push({ node, sink, taints: own, tail, ...guardsOf(guards) });
    if (named && keepNamed) this.hits.push({ node, sink, taints: named, tail, helper, ...guardsOf(guards) });
    return own;
  }

  /** The running function whose parameter's own name (or a key wrapping it) gave this taint its category. */
  private namedBy(t: Taint): FnInfo | undefined {
    let s = t.step;
    while (s.prev) s = s.prev;
    const fn = this.namedParams.get(s.node);
    return fn && fn.state === 'running' ? fn : undefined;
  }

  /** An argument whose data the engine cannot see at the call: not a constant, and no category but a parameter's name. */
  private opaque(a: Value | undefined): boolean {
    if (!a || a.literal || a.clean || a.str !== undefined || a.fn || a.cls || a.ref) return false;
    return !a.taints?.some((t) => !this.namedBy(t));
  }

  /**
   * After the walk: a helper's hits of its parameters' own names (Hit.helper) stay only when the helper may be
   * called with data the engine cannot see — never called here, a call passing untraceable data, or exported
   * (callers in other files are analysed after this one).
   */
  settle(exported: ReadonlySet<FnInfo>): void {
    const hits = this.hits;
    let j = 0;
    for (const h of hits) {
      const f = h.helper;
      if (!f || !f.calls || f.opaqueCall || exported.has(f)) hits[j++] = h;
    }
    hits.length = j;
  }

  /** What a function given as an argument returns when the callee calls it (singleton(name, () => new X())). */
  private readonly invoke = (f: FnInfo, node: ts.Node): Value => {
    if (f.state === 'pending') this.analyze(f);
    return f.summary ? instantiate(f.summary.returns, f, [], node, 0, undefined) : EMPTY;
  };

  record(hit: SinkHit, v: Value, node: ts.Node, profile: boolean, keyParam: number | undefined): void {
    if (!v.taints?.length && !v.deps?.length) return;
    const guards = this.guards.guards();
    const own = v.taints?.length ? this.pushHits(node, hit, v.taints, [], guards) : [];
    const intrinsic = new Set(own.map((t) => t.cat));
    for (const dep of v.deps ?? []) {
      const ctx = dep.fn.ctx as FnCtx | undefined;
      if (dep.fn.state === 'running' && ctx) ctx.edges.push({ dep: this.branches.markDep(dep), sink: hit, keyParam, profile, intrinsic, ...guardsOf(guards) });
    }
  }

  fire(hit: SinkHit, node: ts.Node): void {
    this.hits.push({ node, sink: hit, taints: [], tail: [], fires: true, ...guardsOf(this.guards.guards()) });
  }

  /** Whether a parameter's own name (or a destructured one) gave its value categories; notes the names that did. */
  private nameGaveData(name: ts.BindingName, scope: Scope, fn: FnInfo): boolean {
    if (!ts.isIdentifier(name)) {
      let any = false;
      for (const el of name.elements) if (!ts.isOmittedExpression(el) && this.nameGaveData(el.name, scope, fn)) any = true;
      return any;
    }
    // Only the name's own words (`email: string`): a declared object type's members (`person: Person`) are
    // fields the helper reads, and it keeps those findings as before.
    const v = scope.vars.get(name.text)?.value;
    if (!v || v.props || !v.taints?.some((t) => t.step.node === name && !t.step.prev)) return false;
    this.namedParams.set(name, fn);
    return true;
  }

  namedParamData(node: ts.Node, before: Value): void {
    for (const d of before.deps ?? []) {
      const fn = d.fn;
      if (fn.state !== 'running' || d.param < 0 || fn.file !== this.sf.fileName) continue;
      this.namedParams.set(node, fn);
      if (!fn.named?.includes(d.param)) (fn.named ??= []).push(d.param);
      return;
    }
  }

  /** A class: its fields as an object, its methods and constructor as functions analysed with `this` bound. */
  classValue(node: ts.ClassLikeDeclaration, scope: Scope): Value {
    const fields: Value = { props: new Map() };
    const cls: ClassInfo = { name: node.name?.text ?? 'class', fields };
    // class AppDB extends Dexie: constructing it makes an instance of the SDK class it extends.
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const base = heritage ? this.expressions.eval(heritage.expression, scope) : EMPTY;
    const instance: Value = fields;
    const inner = new Scope(scope, scope.ctx);
    if (node.name) inner.vars.set(node.name.text, { value: { cls }, kind: 'class' });
    const ctor = node.members.find(ts.isConstructorDeclaration);
    const fns: FnInfo[] = [];
    const prevThis = inner.ctx.thisValue;
    const deferredBefore = scope.ctx.deferred.length;
    for (const m of node.members) {
      const key = m.name ? propertyNameText(m.name) : undefined;
      if (ts.isPropertyDeclaration(m) && key !== undefined) {
        inner.ctx.thisValue = instance;
        // A typed field the framework fills (`@Inject(TOKEN) private client: PostHog;`) holds an instance of its type.
        let v = m.initializer ? this.expressions.eval(m.initializer, inner) : typeInstance(m.type, inner, this.fc.catalog) ?? EMPTY;
        inner.ctx.thisValue = prevThis;
        if (!v.literal && !v.fn && !isNonDataType(m.type) && m.initializer) v = withCategories(v, this.fc.cls.name(key), m.name, key);
        fields.props!.set(key, v);
      } else if ((ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) && m.body && key !== undefined) {
        const fn: FnInfo = { node: m, scope: inner, name: `${cls.name}.${key}`, state: 'pending', thisValue: instance, file: this.sf.fileName };
        fields.props!.set(key, { fn });
        fns.push(fn);
      }
    }
    if (ctor?.body) fns.unshift({ node: ctor, scope: inner, name: `${cls.name} constructor`, state: 'pending', thisValue: instance, file: this.sf.fileName });
    // Functions made in field initializers (user = { identify: () => this.#client.identify(...) }) run
    // after the constructor has set up `this`: analyse them after it.
    const fromFields = scope.ctx.deferred.splice(deferredBefore);
    scope.ctx.deferred.push(...fns, ...fromFields);
    return base.ref ? { cls, ref: base.ref } : { cls };
  }

  /** Analyses a function body once, producing its summary and any findings inside it. */
  private analyze(fn: FnInfo): void {
    if (fn.state !== 'pending' || (fn.file && fn.file !== this.sf.fileName) || !fn.node) return;
    fn.state = 'running';
    const outerGuard = this.guards.enterFunction(fn.guards);
    const outerConds = this.branches.enterFunction(fn.conds);
    const defining = fn.scope as Scope;
    const node = fn.node;
    const ctx: FnCtx = { info: fn, returns: [], edges: [], deferred: [], thisValue: fn.thisValue ?? defining.ctx.thisValue };
    fn.ctx = ctx;
    const scope = new Scope(defining, ctx);
    node.parameters.forEach((p, i) => {
      let v: Value = { deps: [{ fn, param: i, step: { node: p.name } }] };
      const hint = fn.hints?.[i];
      if (hint) v = union(v, hint);
      if (p.initializer) v = union(v, dataOf(this.expressions.eval(p.initializer, scope)));
      this.binding.bindName(p.name, v, scope, 'param', p.type);
      if (this.nameGaveData(p.name, scope, fn)) (fn.named ??= []).push(i);
      if (ts.isIdentifier(p.name) && ctx.thisValue?.props && ts.getModifiers(p)?.length) {
        ctx.thisValue.props.set(p.name.text, scope.vars.get(p.name.text)?.value ?? v); // constructor(private readonly client: X)
      }
    });
    const body = node.body;
    if (body) {
      if (ts.isBlock(body)) this.statements.execBlock(body.statements, scope);
      else ctx.returns.push(this.expressions.eval(body as ts.Expression, scope));
    }
    this.drain(ctx);
    let returns = unionAll(ctx.returns);
    // getClient(): Stripe, useAnalytics(): PostHog: a declared return type naming a class says what comes back.
    const declared = !returns.ref && !returns.cls ? typeInstance(node.type, scope, this.fc.catalog) : undefined;
    if (declared) returns = union(returns, declared);
    fn.summary = { returns, edges: ctx.edges };
    this.guards.restore(outerGuard);
    this.branches.exitFunction(outerConds);
    fn.state = 'done';
    fn.ctx = undefined;
    fn.node = undefined;
    fn.scope = undefined;
  }
}

/**
 * The argument value a dependency stands for: `param.path` of the call's arguments. On an object of
 * known shape a missing property is nothing (not the whole object); on an unknown one, its data.
 */
function resolveDep(dep: Dep, args: Value[], invoke: Invoke | undefined, seen?: { known: boolean }): Value {
  let v = dep.param < 0 ? unionAll(args.map(dataOf)) : args[dep.param] ?? EMPTY;
  const path = dep.path ?? [];
  // `seen.known`: every property of the path is one the argument has (its shape says what is there).
  if (seen) seen.known = dep.param >= 0;
  for (let i = 0; i < path.length; i++) {
    if (path[i] === CALL && v.fn && invoke) {
      v = invoke(v.fn, dep.step.node);
      if (seen) seen.known = false;
      continue;
    }
    const next = v.props?.get(path[i]);
    if (next) {
      v = next;
      continue;
    }
    if (seen) seen.known = false;
    if (v.props && !v.open) return EMPTY;
    return narrow(v, path.slice(i));
  }
  return v;
}

/**
 * The part of `v` that may hold `path` when its shape does not say: parameters passed on whole
 * (f(props) → g(props) reading props.email; <Inner {...props} />) narrow to that path; the data of
 * known properties is left out, since the path is not one of them.
 */
function narrow(v: Value, path: readonly string[]): Value {
  // Known properties' data is told apart by category and parameter: flow steps copy taints and deps.
  const knownDeps: Dep[] = [];
  const knownTaints = new Set<string>();
  for (const pv of v.props?.values() ?? []) {
    knownDeps.push(...(pv.deps ?? []));
    for (const t of pv.taints ?? []) knownTaints.add(t.cat);
  }
  const out: Value = {};
  const deps = (v.deps ?? []).filter((d) => !knownDeps.some((k) => sameDep(k, d)))
    .map((d) => ((d.path?.length ?? 0) + path.length > MAX_DEP_PATH ? d : { ...d, path: [...(d.path ?? []), ...path] }));
  if (deps.length) out.deps = deps;
  // An object of known shape owes its own taints to its known properties (or to a declared type).
  const taints = v.props ? [] : (v.taints ?? []).filter((t) => !knownTaints.has(t.cat));
  if (taints.length) out.taints = taints;
  return out.deps || out.taints ? out : EMPTY;
}

type Invoke = (f: FnInfo, node: ts.Node) => Value;

/** A summary's return value at one call site: parameters replaced by the arguments given. */
function instantiate(v: Value, fn: FnInfo, args: Value[], node: ts.Node, depth: number, invoke: Invoke | undefined): Value {
  if (v === EMPTY) return v;
  const own = v.deps?.filter((d) => d.fn !== fn);
  let out: Value = { ...v, deps: own?.length ? own : undefined };
  for (const d of v.deps ?? []) {
    if (d.fn !== fn || (d.when && !condsHold(d.when, args))) continue;
    const arg = resolveDep(d, args, invoke);
    out = union(out, extend(dataOf(arg), node, `returned by ${fn.name}`));
    // A parameter returned whole, or what calling it made: the SDK instance it is (id(client), singleton(init)).
    if (arg.ref && !out.ref && (!d.path?.length || d.path[d.path.length - 1] === CALL)) out = { ...out, ref: arg.ref };
  }
  if (v.props && depth < 3) {
    const props = new Map<string, Value>();
    for (const [k, pv] of v.props) props.set(k, instantiate(pv, fn, args, node, depth + 1, invoke));
    out.props = props;
  }
  return out;
}

