// The small interfaces through which the evaluator's stages call one another, and what a walk produces (Hit).
// Types only: stages that call one another hold each other by these interfaces, never by class, so none
// reaches into another's state (the leaf parts Sinks, Guards and Budget are passed in by their own types).
import type * as ts from 'typescript';
import type { Catalog } from '../catalog/load';
import type { Classifier } from './classify';
import type { Binding, Scope } from './scope';
import type { FnInfo, SinkHit, Step, Taint, Value } from './values';

/** A place where data reached a sink, before rules are applied. */
export interface Hit {
  /** The node reported (the callee of a call, the target of a write). */
  node: ts.Node;
  sink: SinkHit;
  taints: Taint[];
  /** Steps after the data left the caller: the parameter and the inner sink of a wrapper function. */
  tail: Step[];
  /**
   * The call is marked `fires` in the catalog (an ad pixel's init or event): it is recorded even when
   * no personal data reaches it, with empty `taints`. Rules that need personal data ignore such hits.
   */
  fires?: boolean;
  /**
   * The kinds of check the sink sits behind, as a guardKinds.ts mask: a read of the opt-out preference
   * signal (Global Privacy Control, `Sec-GPC`), a consent check, the app's own opt-out flag. Absent: none.
   */
  guards?: number;
  /**
   * The data is a parameter's own name inside this helper (`function send(email) { sg.send({ to: email }) }`):
   * the finding belongs at the calls that pass a person's data, and this hit stays only when some call passes
   * data the engine cannot see, or the helper may be called from elsewhere (Summaries.settle).
   */
  helper?: FnInfo;
}

/** What every stage reads about the file being walked; fixed for the walk. */
export interface FileContext {
  readonly sf: ts.SourceFile;
  readonly catalog: Catalog;
  readonly cls: Classifier;
  /** The team's own sanitizer names (mt-pii.json), besides those of categories.json. */
  readonly sanitizers: ReadonlySet<string>;
}

export interface EvalOpts {
  /** Object-literal keys describe a person (identify traits, `const user = {...}`). */
  person?: boolean;
}

/** expressions.ts: the value of an expression, and of reading a property or an element of a value. */
export interface ExpressionStage {
  eval(node: ts.Expression, scope: Scope, opts?: EvalOpts): Value;
  member(recv: Value, name: string, node: ts.Node, receiver: string | undefined, chain: readonly string[]): Value;
  index(recv: Value, i: number, node: ts.Node): Value;
}

/** statements.ts: runs statements in a scope (a function body, the module). */
export interface StatementStage {
  execBlock(statements: readonly ts.Statement[], scope: Scope): void;
  /** Syntax no stage knows (decorators, fragments, ...): statements and expressions inside it are still walked. */
  visitChildren(node: ts.Node, scope: Scope): void;
}

/** binding.ts: names declared in scopes, imports and exports. */
export interface BindingStage {
  /** Declares every name of a block before it runs, so closures and hoisted calls see locals. */
  hoist(statements: readonly ts.Statement[], scope: Scope): void;
  bindName(name: ts.BindingName, value: Value, scope: Scope, kind: Binding['kind'], type?: ts.TypeNode): void;
  /** `export default v` (a module-level statement): the module's default export is `v`. */
  exportDefault(scope: Scope, value: Value): void;
  /** module.exports = v, exports.x = v: true when the write is such an export (and was recorded). */
  cjsExport(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Value, scope: Scope): boolean;
  /** The value of `import(spec)`: a project module's namespace or a catalogued module. */
  importCall(spec: string): Value;
  /** The value of `require(spec)`: a project module's default export (or namespace) or a catalogued module. */
  requireCall(spec: string): Value;
  /**
   * A discriminated union checked by its tag (`author.kind === 'customer'`): scopes for the branch where the
   * check holds and the one where it does not, each binding the name to the members that fit; undefined if none.
   */
  narrow(cond: ts.Expression, scope: Scope): { yes: Scope; no: Scope } | undefined;
  /** `switch (author.kind)`: a scope for the clause taken when the tag is one of `tags` (undefined if nothing narrows). */
  narrowCase(discriminant: ts.Expression, tags: readonly string[], scope: Scope): Scope | undefined;
}

/** writes.ts: where an assigned value goes (a local, an object's property, an SDK property). */
export interface WriteStage {
  assign(target: ts.Node, value: Value, scope: Scope, reportNode: ts.Node, rhs?: ts.Expression): void;
}

/** calls.ts: the value of a call or `new`, after its arguments reached what it calls. */
export interface CallStage {
  call(node: ts.CallExpression | ts.NewExpression, scope: Scope): Value;
}

/** summaries.ts: functions and classes, analysed once into summaries that apply at each call. */
export interface FunctionStage {
  makeFn(node: ts.SignatureDeclaration & { body?: ts.Node }, scope: Scope, name: string): FnInfo;
  /** A call to a local function: its summary's edges become hits here, its return value is instantiated. */
  applySummary(fn: FnInfo, args: Value[], calleeExpr: ts.Expression): Value;
  classValue(node: ts.ClassLikeDeclaration, scope: Scope): Value;
  /**
   * A key at `node` (`{ email, name }`) gave categories to `before`, a value that is only a parameter's
   * data: the helper's own words name it, so its hits wait for the callers (see Hit.helper).
   */
  namedParamData(node: ts.Node, before: Value): void;
}

/** jsx.ts: a JSX element's props, the components and form fields they reach. */
export interface JsxStage {
  element(node: ts.JsxOpeningElement | ts.JsxSelfClosingElement, scope: Scope): void;
}

/** summaries.ts: where sinks report the data that reaches them. */
export interface Recorder {
  /** Data reaching a sink: concrete categories become hits; parameters become edges of the summary. */
  record(hit: SinkHit, v: Value, node: ts.Node, profile: boolean, keyParam: number | undefined): void;
  /** A call marked `fires` in the catalog: a hit whatever data reaches it. */
  fire(hit: SinkHit, node: ts.Node): void;
}

/** Every stage of one walk, for wiring them together (evaluate.ts). */
export interface Stages {
  expressions: ExpressionStage;
  statements: StatementStage;
  binding: BindingStage;
  writes: WriteStage;
  calls: CallStage;
  functions: FunctionStage;
  jsx: JsxStage;
}
