// The value lattice every stage speaks: taints (categories with their flow), parameter dependencies,
// catalog refs, object shapes, functions and their summaries. Data and pure operations only.
import type * as ts from 'typescript';
import type { ApiSourceData } from '../catalog/types';
import type { SourceSpan } from './finding';

/**
 * Abstract values of the engine. A value says which personal-data categories it may carry (taints),
 * which parameters of the function being summarised it depends on (deps), which SDK instance it
 * refers to (ref), and what it is known to contain (props of an object literal, a local function,
 * a class, a string constant).
 */

/** One hop of a flow; `prev` points back toward the source. */
export interface Step {
  readonly node: ts.Node;
  readonly note?: string;
  readonly prev?: Step;
  /** Where `node` is, fixed when the step leaves its file through an export (flows across modules). */
  loc?: Loc;
}

/** A position in a file, computed once so importers need not keep the exporting file's tree. */
export interface Loc extends SourceSpan {
  /** The source text of the node, shortened (the step's note when it has none). */
  text: string;
}

export function locOf(node: ts.Node, sf: ts.SourceFile): Loc {
  const start = node.getStart(sf);
  const a = sf.getLineAndCharacterOfPosition(start);
  const b = sf.getLineAndCharacterOfPosition(node.end);
  let text = sf.text.slice(start, Math.min(node.end, start + 200)).replace(/\s+/g, ' ').trim();
  if (text.length > 60) text = text.slice(0, 57) + '...';
  return { file: sf.fileName, start, end: node.end, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character, text };
}

export interface Taint {
  readonly cat: string;
  readonly step: Step;
  /** Inferred from the name of an object whose fields are unknown (`user` at a profile call): that name. */
  readonly inferred?: string;
}

/** A symbolic dependency on parameter `param` (-1: any argument) of `fn`, optionally on `param.path`. */
export interface Dep {
  readonly fn: FnInfo;
  readonly param: number;
  readonly path?: readonly string[];
  readonly step: Step;
  /** Only when these literal conditions on `fn`'s parameters hold (branches.ts): `method === 'GET'`. */
  readonly when?: readonly Cond[];
}

/** A comparison of parameter `param` of `fn` (or its property `key`) with a string literal, as it holds on a path. */
export interface Cond {
  readonly fn: FnInfo;
  readonly param: number;
  readonly key?: string;
  /** The parameter is compared after `.toUpperCase()` / `.toLowerCase()`. */
  readonly fold?: 'upper' | 'lower';
  readonly lit: string;
  /** true: equals `lit`; false: differs from it. */
  readonly eq: boolean;
}

/** Where a value leads in the catalog: a root (`m:`, `g:`, `h:`) and the path walked from it. */
export interface Ref {
  readonly root: string;
  readonly path: readonly string[];
  /** An HTTP client instance made with a base URL (axios.create({ baseURL })): relative paths go there. */
  readonly base?: string;
  /** A client pointed at another host (new OpenAI({ baseURL })): the instance whose vendor its calls reach (-1: a host on the device or the local network, no sink). */
  readonly via?: number;
}

export interface Value {
  taints?: Taint[];
  deps?: Dep[];
  ref?: Ref;
  props?: Map<string, Value>;
  /** An object whose shape is only partly known (it spreads an unknown value): absent props may exist. */
  open?: boolean;
  fn?: FnInfo;
  cls?: ClassInfo;
  /** A string constant (literal, or const bound to one). */
  str?: string;
  /** A constant literal: carries no personal data however it is named. */
  literal?: boolean;
  /** Known to carry no personal data however it is named: a sanitizer's result, a boolean, a count. */
  clean?: boolean;
  /** Describes a person (user, currentCustomer): bare `name`, `address` on it are personal. */
  person?: boolean;
  /** A value produced by an API that returns personal data (navigator.geolocation). */
  source?: ApiSourceData;
  /** A declared type's members (`interface User { email: string }`), exported for importing files. */
  shape?: TypeShape;
  /** A value of a discriminated union: each member's value apart, with its tags (narrowed by `x.kind === '…'`). */
  variants?: { tags: ReadonlyMap<string, readonly string[]>; value: Value }[];
  /**
   * A container's value (a React context, an injection token): what reading it hands out (`useContext(Ctx)`,
   * `inject(TOKEN)`). One mutable object per container, filled by its default, factory and providers.
   */
  provides?: Value;
}

/**
 * The property names a declared type gives an object, with nested object types; a union whose members all
 * carry a literal tag (`kind: 'customer'`) also keeps each member apart (`variants`), for narrowing.
 */
export type TypeShape = Map<string, TypeShape | null> & { variants?: ShapeVariant[] };

/** A member of a discriminated union: its literal tags (`kind` → ['customer']) and its own members. */
export interface ShapeVariant {
  tags: ReadonlyMap<string, readonly string[]>;
  shape: TypeShape;
}

export interface Summary {
  returns: Value;
  edges: Edge[];
}

/** "Parameter `dep` of this function reaches sink `sink`": applied at each call site. */
export interface Edge {
  dep: Dep;
  sink: SinkHit;
  /** Parameter whose string value names the data (a storage wrapper's key). */
  keyParam?: number;
  profile: boolean;
  /** Categories already reported at the inner sink. */
  intrinsic: ReadonlySet<string>;
  /** The kinds of check (guardKinds.ts mask) the inner sink sits behind. */
  guards?: number;
}

export interface SinkHit {
  instance: number;
  api: string;
  node: ts.Node;
  /** Where the sink is, when it sits in an imported module. */
  loc?: Loc;
  /** Keys of an object argument the sink does not count as data (an email's sender `from`). */
  ignoreKeys?: readonly string[];
}

export interface FnInfo {
  /** The declaration and its defining scope; both dropped once the summary exists (they hold whole trees). */
  node?: ts.SignatureDeclaration & { body?: ts.Node };
  scope?: unknown;
  /** For messages: the declared name, or the variable or key it was assigned to. */
  name: string;
  state: 'pending' | 'running' | 'done';
  summary?: Summary;
  hints?: (Value | undefined)[];
  /** Defined inside a branch guarded by these kinds of check (guardKinds.ts mask). */
  guards?: number;
  thisValue?: Value;
  /** The running analysis context, while state is 'running'. */
  ctx?: unknown;
  /** The file the function is declared in. */
  file?: string;
  /** The literal conditions (branches.ts) open where it was defined: its body runs under them. */
  conds?: Cond[];
  /** Parameters whose own names gave them categories (`email`, `user: User`): hits of theirs wait for the callers. */
  named?: number[];
  /** Calls seen in its own file (to decide its parameters' hits), and whether one passed data the engine cannot see there. */
  calls?: number;
  opaqueCall?: boolean;
}

/** What a module exports: names (and 'default') to values. */
export type ModuleExports = ReadonlyMap<string, Value>;

/**
 * Fixes the location of every flow step reachable from `v` that has none yet, so flows that continue
 * in an importing file still point into this one without keeping this file's syntax tree alive.
 */
export function stampFile(v: Value, sf: ts.SourceFile, seen = new Set<unknown>()): void {
  if (seen.has(v) || seen.size > 20000) return;
  seen.add(v);
  const stampStep = (s: Step | undefined) => {
    for (let x = s; x && !x.loc && !seen.has(x); x = x.prev) {
      seen.add(x);
      x.loc = locOf(x.node, sf);
    }
  };
  v.taints?.forEach((t) => stampStep(t.step));
  v.deps?.forEach((d) => stampStep(d.step));
  if (v.props) for (const p of v.props.values()) stampFile(p, sf, seen);
  if (v.fn && !seen.has(v.fn)) {
    seen.add(v.fn);
    v.fn.file ??= sf.fileName;
    const summary = v.fn.summary;
    if (summary) {
      stampFile(summary.returns, sf, seen);
      for (const e of summary.edges) {
        stampStep(e.dep.step);
        e.sink.loc ??= locOf(e.sink.node, sf);
      }
    }
  }
  if (v.cls) stampFile(v.cls.fields, sf, seen);
  if (v.provides) stampFile(v.provides, sf, seen);
}

export interface ClassInfo {
  readonly name: string;
  readonly fields: Value;
}

export const EMPTY: Value = Object.freeze({}) as Value;
export const LITERAL: Value = Object.freeze({ literal: true }) as Value;
export const CLEAN: Value = Object.freeze({ clean: true }) as Value;

/** Names, keys and cookie names classify a value only if it could be data. */
export function nameable(v: Value): boolean {
  return !v.literal && !v.clean && !v.fn && !v.cls;
}

export function hasData(v: Value): boolean {
  return !!(v.taints?.length || v.deps?.length);
}

export function stringValue(s: string): Value {
  return { literal: true, str: s };
}

/** How deep object shapes are merged: shapes can be cyclic (a.self = a) and deep ones rarely matter. */
const MAX_SHAPE_DEPTH = 4;

/** Union of two values (either may flow here). */
export function union(a: Value, b: Value, depth = 0): Value {
  if (a === b || b === EMPTY) return a;
  if (a === EMPTY) return b;
  const out: Value = {};
  const taints = mergeTaints(a.taints, b.taints);
  if (taints) out.taints = taints;
  const deps = mergeDeps(a.deps, b.deps);
  if (deps) out.deps = deps;
  const ref = a.ref ?? b.ref;
  if (ref) out.ref = ref;
  if (a.props && b.props && depth < MAX_SHAPE_DEPTH) {
    const props = new Map(a.props);
    for (const [k, v] of b.props) props.set(k, props.has(k) ? union(props.get(k)!, v, depth + 1) : v);
    out.props = props;
  } else if (a.props || b.props) {
    out.props = a.props ?? b.props;
  }
  if (a.open || b.open) out.open = true;
  const fn = a.fn ?? b.fn;
  if (fn) out.fn = fn;
  const cls = a.cls ?? b.cls;
  if (cls) out.cls = cls;
  if (a.literal && b.literal) out.literal = true;
  if ((a.clean || a.literal) && (b.clean || b.literal) && !(a.literal && b.literal)) out.clean = true;
  if (a.str !== undefined && a.str === b.str) out.str = a.str;
  if (a.person || b.person) out.person = true;
  const source = a.source ?? b.source;
  if (source) out.source = source;
  const provides = a.provides ?? b.provides;
  if (provides) out.provides = provides;
  return out;
}

/** Adds `v` to a mutable holder in place (a container's provided value): everyone holding it sees the union. */
export function absorb(holder: Value, v: Value): void {
  if (Object.isFrozen(holder) || v === EMPTY || v === holder) return;
  Object.assign(holder, union(holder, v));
}

export function unionAll(values: readonly Value[]): Value {
  let out = EMPTY;
  for (const v of values) out = union(out, v);
  return out;
}

export function mergeTaints(a: Taint[] | undefined, b: Taint[] | undefined): Taint[] | undefined {
  if (!b?.length) return a?.length ? a : undefined;
  if (!a?.length) return b;
  let out: Taint[] | undefined;
  for (const t of b) {
    if (!a.some((x) => x.cat === t.cat) && !out?.some((x) => x.cat === t.cat)) (out ??= [...a]).push(t);
  }
  return out ?? a;
}

export function sameDep(x: Dep, y: Dep): boolean {
  return x.fn === y.fn && x.param === y.param && samePath(x.path, y.path) && sameWhen(x.when, y.when);
}

function samePath(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const n = a?.length ?? 0;
  if (n !== (b?.length ?? 0)) return false;
  for (let i = 0; i < n; i++) if (a![i] !== b![i]) return false;
  return true;
}

/** Two dependencies under different literal conditions stay apart: each edge is decided at the call on its own. */
function sameWhen(a: readonly Cond[] | undefined, b: readonly Cond[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCond(a[i], b[i])) return false;
  return true;
}

export function sameCond(a: Cond, b: Cond): boolean {
  return a.fn === b.fn && a.param === b.param && a.key === b.key && a.lit === b.lit && a.eq === b.eq && a.fold === b.fold;
}

/**
 * How many parameter dependencies one value keeps. Values built in loops of callbacks (nested
 * map/reduce over rows) can otherwise gather thousands, and every union would compare them all.
 */
const MAX_DEPS = 24;

export function mergeDeps(a: Dep[] | undefined, b: Dep[] | undefined): Dep[] | undefined {
  if (!b?.length) return a?.length ? a : undefined;
  if (!a?.length) return b.length > MAX_DEPS ? b.slice(0, MAX_DEPS) : b;
  if (a.length >= MAX_DEPS) return a;
  let out: Dep[] | undefined;
  for (const d of b) {
    if ((out ?? a).length >= MAX_DEPS) break;
    if (!a.some((x) => sameDep(x, d)) && !out?.some((x) => sameDep(x, d))) (out ??= [...a]).push(d);
  }
  return out ?? a;
}

/** The same value, one flow hop further (taints and deps get a step at `node`). */
export function extend(v: Value, node: ts.Node, note?: string): Value {
  if (!v.taints?.length && !v.deps?.length) return v;
  const out: Value = { ...v };
  if (v.taints) out.taints = v.taints.map((t) => ({ cat: t.cat, step: { node, note, prev: t.step } }));
  if (v.deps) out.deps = v.deps.map((d) => ({ ...d, step: { node, note, prev: d.step } }));
  return out;
}

/** Only the data of a value (taints, deps), dropping refs and shapes: what a derived string carries. */
export function dataOf(v: Value): Value {
  if (!v.taints?.length && !v.deps?.length) return EMPTY;
  const out: Value = {};
  if (v.taints?.length) out.taints = v.taints;
  if (v.deps?.length) out.deps = v.deps;
  return out;
}

export function withCategories(v: Value, cats: readonly string[], node: ts.Node, note?: string): Value {
  if (!cats.length) return v;
  const step: Step = { node, note };
  const add = cats.filter((c) => !v.taints?.some((t) => t.cat === c)).map((cat) => ({ cat, step }));
  if (!add.length) return v;
  return { ...v, literal: undefined, clean: undefined, str: undefined, taints: [...(v.taints ?? []), ...add] };
}
