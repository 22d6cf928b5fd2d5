// Calls: evaluates a call or `new` — callee, arguments (with what callbacks' parameters will hold),
// require() and import() — hands it to the sink matcher and to local functions' summaries, and gives its
// result (UI state hooks, array methods, sanitizers, propagators). It matches no sink itself.
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import { CALL, CALLBACK, NEW, laterCallbackParam } from '../catalog/paths';
import type { Classifier } from './classify';
import type { ContainerRules } from './containers';
import { extendRef, resolve, sourceTaint, withBase } from './refs';
import type { Scope } from './scope';
import { schemaCall } from './declaredTypes';
import { addData, elementOf, emptyShape, mergeInto } from './shapes';
import type { Sinks } from './sinks';
import type { BindingStage, CallStage, ExpressionStage, FileContext, FunctionStage, Stages } from './stages';
import { dottedName, receiverNames, reportNodeOf } from './syntax';
import { CLEAN, EMPTY, FnInfo, Ref, Value, dataOf, extend, hasData, union, unionAll, withCategories } from './values';

const ARRAY_CALLBACK_METHODS = new Set(['forEach', 'map', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'findIndex', 'sort']);
/** Array methods whose result is built from what their callback returns. */
const RESULT_CALLBACK_METHODS = new Set(['map', 'flatMap', 'reduce', 'reduceRight']);
const MUTATING_ARRAY_METHODS = new Set(['push', 'unshift', 'splice', 'add', 'set', 'append']);
/** Built-ins whose result is a boolean or a number, never the data they look at. */
const CLEAN_FUNCTIONS = new Set(['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Array.isArray', 'Object.keys', 'Date.now']);
const CLEAN_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'some', 'every', 'has',
  'localeCompare', 'search', 'findIndex', 'findLastIndex', 'getTime', 'hasOwnProperty', 'isValid', 'isEmpty', 'charCodeAt', 'codePointAt']);

export class Calls implements CallStage {
  private readonly catalog: Catalog;
  private readonly cls: Classifier;
  private readonly sanitizers: ReadonlySet<string>;
  private readonly receiverMethods: Set<string>;
  private readonly propagatingFunctions: Set<string>;
  private readonly stringKeyReaders: Set<string>;
  private readonly maskChars: string;
  private expressions!: ExpressionStage;
  private binding!: BindingStage;
  private functions!: FunctionStage;

  constructor(fc: FileContext, private readonly sinks: Sinks, private readonly containers: ContainerRules) {
    this.catalog = fc.catalog;
    this.cls = fc.cls;
    this.sanitizers = fc.sanitizers;
    const p = fc.catalog.categories.propagators;
    this.receiverMethods = new Set(p.receiverMethods);
    this.propagatingFunctions = new Set(p.functions);
    this.stringKeyReaders = new Set(fc.catalog.categories.stringKeyReaders.methods);
    this.maskChars = p.maskChars;
  }

  wire(s: Stages): void {
    this.expressions = s.expressions;
    this.binding = s.binding;
    this.functions = s.functions;
  }

  call(node: ts.CallExpression | ts.NewExpression, scope: Scope): Value {
    const x = this.expressions;
    const isNew = ts.isNewExpression(node);
    const calleeExpr = node.expression;
    let recv: Value | undefined;
    let method: string | undefined;
    let callee: Value;
    if (!isNew && calleeExpr.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments?.[0];
      if (!arg || !ts.isStringLiteralLike(arg)) return EMPTY;
      return this.binding.importCall(arg.text);
    }
    if (ts.isPropertyAccessExpression(calleeExpr) && !ts.isPrivateIdentifier(calleeExpr.name)) {
      recv = x.eval(calleeExpr.expression, scope);
      method = calleeExpr.name.text;
      callee = x.member(recv, method, calleeExpr.name, ...receiverNames(calleeExpr.expression));
    } else if (ts.isElementAccessExpression(calleeExpr) && ts.isStringLiteralLike(calleeExpr.argumentExpression)) {
      recv = x.eval(calleeExpr.expression, scope);
      method = calleeExpr.argumentExpression.text;
      callee = x.member(recv, method, calleeExpr.argumentExpression, ...receiverNames(calleeExpr.expression));
    } else {
      callee = x.eval(calleeExpr, scope);
    }
    const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const calleeName = method ?? (ts.isIdentifier(calleeExpr) ? calleeExpr.text : undefined);

    if (!isNew && ts.isIdentifier(calleeExpr) && calleeExpr.text === 'require' && !scope.lookup('require')) {
      const arg = args[0];
      if (!arg || !ts.isStringLiteralLike(arg)) return EMPTY;
      return this.binding.requireCall(arg.text);
    }

    const ref = callee.ref;
    const spec = !isNew && ref ? this.sinks.callSpec(ref) : undefined;
    const cbTarget = ref ? resolve(this.catalog, ref.root, [...ref.path, CALLBACK]) : EMPTY;

    // Arguments, with what the callee tells us about them.
    const profile = spec ? this.sinks.isProfileCall(spec, args) : false;
    const values: Value[] = [];
    let callbacks = 0;
    args.forEach((arg, i) => {
      const v = x.eval(arg, scope, { person: profile });
      values.push(ts.isSpreadElement(arg) ? dataOf(v) : v);
      // Only the first callback gets an API's data (getCurrentPosition(onPosition, onError): the error is no position).
      if (v.fn && i < 3) this.hintCallback(v.fn, callbacks++ === 0 || !cbTarget.source ? cbTarget : EMPTY, method, recv, arg);
      if (v.fn && ref) this.hintLaterParams(v.fn, ref);
      // A callback in an options object: posthog.init(key, { loaded: (ph) => ... }).
      if (ref && v.props && ts.isObjectLiteralExpression(arg)) {
        for (const [key, pv] of v.props) {
          if (!pv.fn) continue;
          const target = resolve(this.catalog, ref.root, [...ref.path, `(cb:${key})`]);
          if (target.ref || target.source) this.hintCallback(pv.fn, target, undefined, undefined, arg);
        }
      }
    });

    if (spec) this.sinks.matchCall(spec, values, args, reportNodeOf(calleeExpr), ref?.via);
    if (!isNew && ref) this.sinks.matchHttp(ref, values, args, scope, reportNodeOf(calleeExpr));
    if (ref) this.sinks.matchCreation(ref, isNew, values, calleeExpr);
    let result: Value = EMPTY;
    // Builders return the instance itself: identify.set('plan', p).set('email', e).
    if (spec?.returnsInstance && ref) result = { ref: { root: ref.root, path: [] } };
    if (callee.fn) result = this.functions.applySummary(callee.fn, values, calleeExpr);
    else if (calleeName && !callee.cls && !callee.ref && !isNew) result = union(result, this.stateHook(calleeName, values, args));
    // A function named as a sanitizer (maskEmail, getEmailDomain) returns clean data, whatever its body does.
    if (calleeName && this.cls.sanitizes(calleeName, this.sanitizers)) result = { ...result, taints: undefined, deps: undefined, clean: true };
    else if (callee.cls && isNew) result = { props: callee.cls.fields.props, cls: callee.cls, person: callee.person };
    if (calleeName && !callee.fn && !ref) result = union(result, this.framework(node, calleeName, values, scope, isNew));
    // Calling a parameter (singleton(name, init) calls init()): what the caller's function returns.
    if (!isNew && !callee.fn && !ref && !callee.cls && callee.deps?.length) {
      const made = callee.deps.filter((d) => !d.path?.length && d.param >= 0);
      if (made.length) result = union(result, { deps: made.map((d) => ({ ...d, path: [CALL], step: { node, prev: d.step } })) });
    }

    // The call's result: an SDK instance (AnalyticsBrowser.load()), an API source, or derived data.
    let next = extendRef(this.catalog, ref, isNew ? NEW : CALL);
    if (ref && !isNew) next = withBase(next, this.sinks.httpBase(ref, args, scope)); // axios.create({ baseURL })
    if (ref) next = this.sinks.retarget(next, values, args, scope); // new OpenAI({ baseURL: groq })
    if (next.source) next = sourceTaint(next, node);
    result = union(result, next);
    result = union(result, this.derivedResult(node, calleeExpr, calleeName, recv, values, args, isNew, !!callee.fn));
    // Validation schemas (z.object({...}), schema.parse(body)): their fields, read from the syntax.
    const schema = isNew ? undefined : schemaCall(this.catalog.categories.schemas, x, dottedName(calleeExpr), method, recv, values, args, node);
    if (schema) result = schema.shape ? { ...union(result, schema), shape: schema.shape } : union(result, schema);
    // A constructed object is a fresh value that later writes (identify.set('email', x)) can fill.
    return isNew && result === EMPTY ? {} : result;
  }

  /** Containers (createContext, inject, InjectionToken) and error objects built with data (containers.ts). */
  private framework(node: ts.CallExpression | ts.NewExpression, name: string, values: Value[], scope: Scope, isNew: boolean): Value {
    const c = this.containers;
    const made = c.made(name, node, values, scope, this.functions);
    if (made) return made;
    if (!isNew) return c.read(name, values) ?? EMPTY;
    return c.error(name, values, node) ?? EMPTY;
  }

  /**
   * useState({ email: '' }), useMemo(() => x), useCallback(fn), reactive(obj), ref(x): UI-framework
   * state the engine sees through (categories.json stateHooks). A state's initial value stands for what
   * the user will type: its keys name the data even while the values are still empty literals.
   */
  private stateHook(name: string, values: Value[], args: ts.NodeArray<ts.Expression>): Value {
    const hooks = this.catalog.categories.stateHooks;
    if (!hooks || !values.length) return EMPTY;
    const first = values[0];
    const made = (): Value => (first.fn ? this.functions.applySummary(first.fn, [], args[0]) : first);
    if (hooks.identity.includes(name)) return first.props ? emptyShape(this.cls, first, args[0], 0) : first;
    if (hooks.factory.includes(name)) return first.fn ? this.functions.applySummary(first.fn, [], args[0]) : EMPTY;
    if (hooks.state.includes(name)) {
      const init = made();
      const state = init.literal ? EMPTY : emptyShape(this.cls, init, args[0], 0);
      return { props: new Map([['[0]', state]]), ...dataOf(state), ...(state.person ? { person: true } : {}) };
    }
    const box = Object.prototype.hasOwnProperty.call(hooks.box, name) ? hooks.box[name] : undefined;
    if (box) {
      const inner = first.literal ? EMPTY : emptyShape(this.cls, first, args[0], 0);
      return { props: new Map([[box, inner]]), ...dataOf(inner) };
    }
    return EMPTY;
  }

  /** What a callback's first parameter will hold: an SDK scope, a geolocation position, an element. */
  private hintCallback(fn: FnInfo, cbTarget: Value, method: string | undefined, recv: Value | undefined, arg: ts.Node): void {
    let hint: Value | undefined;
    if (cbTarget.ref) hint = cbTarget;
    else if (cbTarget.source) hint = sourceTaint(cbTarget, arg);
    else if (method === 'then' && recv) hint = recv;
    else if (method && recv && ARRAY_CALLBACK_METHODS.has(method) && (hasData(recv) || recv.person)) hint = elementOf(recv);
    else if ((method === 'reduce' || method === 'reduceRight') && recv && (hasData(recv) || recv.person)) {
      // list.reduce((acc, user) => ..., init): the element is the second parameter.
      (fn.hints ??= [])[1] = elementOf(recv);
      return;
    }
    if (hint) (fn.hints ??= [])[0] = hint;
  }

  /** What a callback's second or third parameter will hold: `res` of `app.get(path, (req, res) => ...)`. */
  private hintLaterParams(fn: FnInfo, ref: Ref): void {
    for (const n of [2, 3]) {
      const target = resolve(this.catalog, ref.root, [...ref.path, laterCallbackParam(n)]);
      if (target.ref) (fn.hints ??= [])[n - 1] = target;
    }
  }

  /** Results of calls the engine cannot see into: getters, string-keyed readers, propagators, sanitizers. */
  private derivedResult(
    node: ts.CallExpression | ts.NewExpression, calleeExpr: ts.Expression, calleeName: string | undefined,
    recv: Value | undefined, values: Value[], args: ts.NodeArray<ts.Expression>, isNew: boolean, known = false,
  ): Value {
    if (!calleeName) return EMPTY;
    if (this.cls.sanitizes(calleeName, this.sanitizers)) return CLEAN;
    let out: Value = EMPTY;
    const full = dottedName(calleeExpr);
    if ((full && CLEAN_FUNCTIONS.has(full)) || (recv && CLEAN_METHODS.has(calleeName)) || (!recv && this.cls.isFlag(calleeName))) return CLEAN;
    // rows.map((r) => r.id) is what the callback returns (below), not every row's data.
    const mapsByCallback = RESULT_CALLBACK_METHODS.has(calleeName) && !!values[0]?.fn;
    if (recv && !mapsByCallback && this.receiverMethods.has(calleeName) && (hasData(recv) || recv.person)) {
      if (!((calleeName === 'replace' || calleeName === 'replaceAll') && this.isMasking(args[1]))) {
        out = union(out, extend(elementOf(recv), node));
      }
    }
    if (recv && !recv.ref && values[0]?.fn && RESULT_CALLBACK_METHODS.has(calleeName)) {
      // users.map((u) => ({ contact: u.email })), list.reduce((acc, u) => acc + u.email, ''): the result
      // is what the callback returns (and, for a reduction, the initial value).
      const reducing = calleeName === 'reduce' || calleeName === 'reduceRight';
      const cbArgs = reducing ? [values[1] ?? EMPTY, elementOf(recv)] : [elementOf(recv)];
      const returned = dataOf(this.functions.applySummary(values[0].fn, cbArgs, calleeExpr));
      out = union(out, extend(reducing ? union(returned, dataOf(values[1] ?? EMPTY)) : returned, node));
    }
    if (recv && calleeName === 'then' && values[0]?.fn) {
      // fetch(url).then((r) => r.json() as Promise<User>): the promise settles to what the callback returns.
      const returned = this.functions.applySummary(values[0].fn, [recv], calleeExpr);
      if (returned.props && !returned.ref && !returned.fn) out = union(out, extend(returned, node));
    }
    if (recv && MUTATING_ARRAY_METHODS.has(calleeName)) {
      // arr.push(email): the array now holds it.
      const added = unionAll(values.map(dataOf));
      if (hasData(added)) addData(recv, added);
    }
    // formatLink(link) of the project's own: its summary says what it returns; the name-based guess is for calls
    // the engine cannot see into.
    if ((full && this.propagatingFunctions.has((isNew ? 'new ' : '') + full)) || (!known && this.cls.propagatesThrough(calleeName))) {
      out = union(out, extend(unionAll(values.map((v) => ({ ...dataOf(v), person: v.person }))), node));
    }
    if (full === 'Object.assign' && args.length) {
      const added = unionAll(values.slice(1));
      if (values[0] && values[0] !== EMPTY) mergeInto(values[0], added);
    }
    if (recv && this.stringKeyReaders.has(calleeName) && args.length >= 1 && ts.isStringLiteralLike(args[0])) {
      const cats = this.cls.key(args[0].text, { person: recv.person });
      if (cats.length) out = withCategories(out, cats, node, `${calleeName}('${args[0].text}')`);
      if (this.cls.isPerson(args[0].text)) out = { ...out, person: true };
    }
    const cats = this.cls.callResult(calleeName);
    if (cats.length) out = withCategories(out, cats, node, calleeName + '()');
    if (this.cls.isPerson(calleeName) && !out.person) out = { ...out, person: true };
    return out;
  }

  private isMasking(arg: ts.Expression | undefined): boolean {
    if (!arg || !ts.isStringLiteralLike(arg) || !arg.text.length) return false;
    return [...arg.text].every((c) => this.maskChars.includes(c));
  }
}
