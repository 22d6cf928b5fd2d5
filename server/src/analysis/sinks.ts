// The sink matcher: calls, HTTP requests, property writes and JSX props matched against the catalog's sinks
// (rules/sinks data), with the API label and key categories of each; what matches goes to the Recorder.
// It is handed values and the nodes to report; it walks no statements and evaluates no expressions.
import ts = require('typescript');
import type { CallSpec, Catalog, HttpClientSpec, WriteSpec } from '../catalog/load';
import { CALL, NEW, pathKey } from '../catalog/paths';
import type { Classifier } from './classify';
import type { FileContext, FunctionStage, Recorder } from './stages';
import { emptyShape, withoutKeys } from './shapes';
import { isCommand, propertyNameText } from './syntax';
import { Ref, SinkHit, Value, dataOf, nameable, union, withCategories } from './values';

/** `Ref.via` of a client pointed at a host on the device or the local network: its calls reach no sink. */
const LOCAL = -1;

/** Array methods that pass a conversation on (filtered, trimmed, mapped to the API's message objects). */
const PASSED_ON = new Set(['map', 'filter', 'slice', 'concat', 'flatMap', 'toReversed']);

export type JsxSpec = NonNullable<ReturnType<Catalog['jsx']['get']>>;

/** Where a URL's named constants are read (a scope: `const BASE = 'https://api.x.com'`). */
export interface NameLookup {
  lookup(name: string): { value: Value } | undefined;
}

export class Sinks {
  private readonly sf: ts.SourceFile;
  private readonly catalog: Catalog;
  private readonly cls: Classifier;

  constructor(
    fc: FileContext,
    private readonly out: Recorder,
    /** A function handed to an SDK as a value (`client.user = () => ({...})`): what it returns is sent. */
    private readonly functions: Pick<FunctionStage, 'applySummary'>,
  ) {
    this.sf = fc.sf;
    this.catalog = fc.catalog;
    this.cls = fc.cls;
  }

  // ───────────────────────────── calls ─────────────────────────────

  /** The catalog's sink for a call through `ref` (`new` calls are no sinks but may create an instance). */
  callSpec(ref: Ref): CallSpec | undefined {
    return this.catalog.calls.get(pathKey(ref.root, ref.path));
  }

  /** The call's arguments describe a person (identify traits), always or for some commands. */
  isProfileCall(spec: CallSpec, args: ts.NodeArray<ts.Expression>): boolean {
    if (spec.profile === true) return true;
    return Array.isArray(spec.profile) && isCommand(spec.profile, spec.command, args);
  }

  matchCall(spec: CallSpec, values: Value[], args: ts.NodeArray<ts.Expression>, calleeExpr: ts.Node, via?: number): void {
    const inst = this.catalog.instances[spec.instance];
    let api = spec.method ? `${inst.label}.${spec.method}` : inst.label;
    if (spec.command !== undefined) {
      const cmd = args[spec.command];
      if (cmd && ts.isStringLiteralLike(cmd)) api += `('${cmd.text}')`;
    }
    // A client pointed at another host (new OpenAI({ baseURL })) sends to that host's vendor; a call given a
    // provider's model (generateText({ model: anthropic('claude-…') })) to the provider's.
    if (via === undefined && spec.modelKey) {
      const m = values[0]?.props?.get(spec.modelKey)?.ref;
      if (m && !m.path.length && m.root.startsWith('h:')) via = m.via ?? Number(m.root.slice(2));
    }
    if (via === LOCAL) return; // a model served on the device or the local network is no third party
    const hit: SinkHit = { instance: via ?? spec.instance, api, node: calleeExpr, ...ignoring(inst.ignoreKeys) };
    // A pixel's init or event sends a request tied to the device whatever its arguments.
    if (spec.fires && (spec.fires === true || isCommand(spec.fires, spec.command, args))) this.out.fire(hit, calleeExpr);
    const positions = spec.args ?? values.map((_, i) => i).filter((i) => i !== spec.command && i !== spec.keyArg);
    let keyCats: readonly string[] = spec.keyFromMethod ? this.cls.methodData(spec.method.slice(spec.method.lastIndexOf('.') + 1)) : [];
    let keyParam: number | undefined;
    if (spec.keyArg !== undefined) {
      const k = values[spec.keyArg];
      if (k?.str !== undefined) keyCats = this.cls.key(k.str);
      else if (k?.deps?.length === 1 && k.deps[0].param >= 0 && !k.deps[0].path) keyParam = k.deps[0].param;
    }
    for (const i of positions) {
      let v = values[i];
      if (!v) continue;
      if (hit.ignoreKeys) v = withoutKeys(v, hit.ignoreKeys);
      if (keyCats.length && nameable(v)) {
        v = spec.keyArg !== undefined
          ? withCategories(v, keyCats, args[spec.keyArg], `key '${values[spec.keyArg].str}'`)
          : withCategories(v, keyCats, calleeExpr, spec.method);
      }
      this.out.record(hit, v, calleeExpr, !!spec.profile, keyParam);
    }
    if (spec.profile && this.isProfileCall(spec, args)) {
      for (const i of positions) if (values[i] && args[i]) this.inferPerson(hit, args[i], values[i], calleeExpr, 0);
    }
    if (spec.contentKeys) this.matchContent(spec.contentKeys, values[0], args[0], hit, calleeExpr);
  }

  /**
   * A whole object named as a person (user, currentCustomer) whose fields are unknown, given to a profile call
   * (`Sentry.setUser(user)`, `identify({ properties: user })`): it is reported with what such objects usually
   * carry (categories.json personObjects.inferred), each taint marked with the name it was inferred from.
   */
  private inferPerson(hit: SinkHit, arg: ts.Expression, v: Value, calleeExpr: ts.Node, depth: number): void {
    while (ts.isParenthesizedExpression(arg) || ts.isNonNullExpression(arg) || ts.isAwaitExpression(arg) || ts.isAsExpression(arg) || ts.isSatisfiesExpression(arg)) arg = arg.expression;
    if (ts.isIdentifier(arg)) {
      if (!unknownObject(v)) return;
      const cats = this.cls.inferredFields(arg.text);
      if (!cats.length) return;
      const step = { node: arg, note: `${arg.text} (inferred: its fields are not known)` };
      this.out.record(hit, { taints: cats.map((cat) => ({ cat, step, inferred: arg.text })) }, calleeExpr, true, undefined);
      return;
    }
    if (depth > 1 || !ts.isObjectLiteralExpression(arg) || !v.props) return;
    for (const p of arg.properties) {
      const key = p.name ? propertyNameText(p.name) : undefined;
      const pv = key !== undefined ? v.props.get(key) : undefined;
      if (!pv) continue;
      if (ts.isPropertyAssignment(p)) this.inferPerson(hit, p.initializer, pv, calleeExpr, depth + 1);
      else if (ts.isShorthandPropertyAssignment(p)) this.inferPerson(hit, p.name, pv, calleeExpr, depth + 1);
    }
  }

  /** generateText({ prompt }), responses.create({ input: body.input }): what the function received, passed as is, is text a person wrote. */
  private matchContent(keys: readonly string[], v: Value | undefined, arg: ts.Expression | undefined, hit: SinkHit, calleeExpr: ts.Node): void {
    // The categories of text a person wrote (categories.json writtenByPerson: user-content).
    const written = [...this.cls.writtenByPerson];
    if (!written.length || !v?.props || !arg || !ts.isObjectLiteralExpression(arg)) return;
    for (const p of arg.properties) {
      const key = p.name && propertyNameText(p.name);
      if (key === undefined || !keys.includes(key)) continue;
      let e = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))) e = e.expression;
      // history.map((m) => ({ role: m.role, content: m.content })): the received array passed on element by element.
      if (e && ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && PASSED_ON.has(e.expression.name.text)) e = e.expression.expression;
      if (!e || !(ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) continue;
      const pv = v.props.get(key);
      if (!pv?.deps?.length || !nameable(pv) || pv.ref) continue;
      this.out.record(hit, withCategories({}, written, p, key), calleeExpr, false, undefined);
    }
  }

  /** fetch / axios / ky / got to a host a vendor lists: the vendor's HTTP API is the sink. */
  matchHttp(ref: Ref, values: Value[], args: ts.NodeArray<ts.Expression>, scope: NameLookup, calleeExpr: ts.Node): void {
    const spec: HttpClientSpec | undefined = this.catalog.http.get(pathKey(ref.root, ref.path));
    if (!spec) return;
    let urlExpr: ts.Expression | undefined = args[spec.url];
    if (urlExpr && spec.urlKey && ts.isObjectLiteralExpression(urlExpr)) {
      const p = urlExpr.properties.find((x) => x.name && propertyNameText(x.name) === spec.urlKey);
      urlExpr = p && ts.isPropertyAssignment(p) ? p.initializer : p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    }
    let url = urlExpr ? urlPrefix(urlExpr, scope, 0) : undefined;
    // A client made with a vendor base URL, called with a relative path (intercomApi.post('/contacts', v)).
    if (ref.base && (url === undefined || !/^\s*(?:[a-z][\w+.-]*:)?\/\//i.test(url))) url = joinUrl(ref.base, url ?? '');
    const m = url !== undefined ? /^\s*(?:https?:)?\/\/([^/:?#\s]+)(?::\d+)?([^?#\s]*)/i.exec(url) : null;
    if (!m) return;
    const host = m[1].toLowerCase();
    const instance = this.hostInstance(host, m[2] || '/');
    if (instance === undefined) return;
    const hit: SinkHit = { instance, api: `${spec.label} ${host}`, node: calleeExpr };
    for (const i of spec.data) if (values[i]) this.out.record(hit, values[i], calleeExpr, false, undefined);
  }

  /** The instance standing for the vendor whose `hosts` list a host (or a parent domain of it) and path. */
  private hostInstance(host: string, urlPath: string): number | undefined {
    let sink;
    for (let h = host; h && !sink; h = h.includes('.') ? h.slice(h.indexOf('.') + 1) : '') {
      sink = this.catalog.hostRoutes.get(h)?.find((r) => r.path.test(urlPath))?.sink ?? this.catalog.hosts.get(h);
    }
    return sink ? this.catalog.hostInstances.get(sink.id) : undefined;
  }

  /**
   * A client made with an option that points it at another host (instance `baseUrl` of the catalog:
   * new OpenAI({ baseURL })): a listed vendor's host makes its calls that vendor's (`Ref.via`); a host on the
   * device or the local network makes it no sink; a value the code does not spell out, or an unlisted host,
   * makes them the sink that stands for an unknown vendor of the same protocol.
   */
  retarget(made: Value, values: Value[], args: ts.NodeArray<ts.Expression>, scope: NameLookup): Value {
    const ref = made.ref;
    if (!ref || ref.path.length || !ref.root.startsWith('h:')) return made;
    const spec = this.catalog.instances[Number(ref.root.slice(2))]?.baseUrl;
    if (!spec) return made;
    const opts = args[spec.options];
    let url: string | undefined;
    let given = false;
    if (opts && ts.isObjectLiteralExpression(opts)) {
      for (const p of opts.properties) {
        const key = p.name && propertyNameText(p.name);
        if (key === undefined || !spec.keys.includes(key)) continue;
        const e = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        if (e && (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined'))) continue;
        given = true;
        url = e ? urlPrefix(e, scope, 0) : undefined;
      }
    } else {
      // new OpenAI(config): the options object's known keys.
      const v = values[spec.options]?.props;
      for (const key of spec.keys) {
        const pv = v?.get(key);
        if (pv) { given = true; url = pv.str; }
      }
    }
    if (!given) return made;
    const m = url !== undefined ? /^\s*(?:https?:)?\/\/(\[[^\]]*\]|[^/:?#\s]+)(?::\d+)?([^?#\s]*)/i.exec(url) : null;
    if (m && isLocalHost(m[1].toLowerCase())) return { ...made, ref: { ...ref, via: LOCAL } };
    const via = (m ? this.hostInstance(m[1].toLowerCase(), m[2] || '/') : undefined) ?? this.catalog.hostInstances.get(spec.unknown);
    return via === undefined ? made : { ...made, ref: { ...ref, via } };
  }

  /** The base URL given to a call that makes an HTTP client instance (axios.create({ baseURL: 'https://…' })). */
  httpBase(ref: Ref, args: ts.NodeArray<ts.Expression>, scope: NameLookup): string | undefined {
    const spec = this.catalog.httpBases.get(pathKey(ref.root, ref.path));
    const opts = spec ? args[spec.options] : undefined;
    if (!spec || !opts || !ts.isObjectLiteralExpression(opts)) return undefined;
    for (const p of opts.properties) {
      const key = p.name && propertyNameText(p.name);
      if (key === undefined || !spec.baseKeys.includes(key)) continue;
      const e = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      const base = e ? urlPrefix(e, scope, 0) : undefined;
      if (base !== undefined && /^\s*(?:https?:)?\/\//i.test(base)) return base.trim();
    }
    return undefined;
  }

  /** The call that creates an SDK instance may itself carry data (new Rollbar({ payload: { person } })). */
  matchCreation(ref: Ref, isNew: boolean, values: Value[], calleeExpr: ts.Expression): void {
    const creating = this.catalog.handles.get(pathKey(ref.root, [...ref.path, isNew ? NEW : CALL]));
    if (!creating?.creation || creating.instance === undefined) return;
    const label = (isNew ? 'new ' : '') + this.sf.text.slice(calleeExpr.getStart(this.sf), calleeExpr.end).replace(/\s+/g, '') + '()';
    const hit: SinkHit = { instance: creating.instance, api: label, node: calleeExpr, ...ignoring(this.catalog.instances[creating.instance].ignoreKeys) };
    for (let v of values) {
      // persist((set) => ({ email: '', theme: 'dark' }), opts): the state the creator returns is what is stored.
      if (creating.creation.state && v.fn) v = emptyShape(this.cls, this.functions.applySummary(v.fn, [], calleeExpr), calleeExpr, 0);
      this.out.record(hit, hit.ignoreKeys ? withoutKeys(v, hit.ignoreKeys) : v, calleeExpr, creating.creation.profile, undefined);
    }
  }

  // ───────────────────────────── writes ─────────────────────────────

  /** The catalog's sink for writing property `prop` (or any property) of an SDK instance. */
  writeSpec(instance: Ref, prop: string | undefined): WriteSpec | undefined {
    return this.catalog.writes.get(pathKey(instance.root, [prop ?? '*'])) ?? this.catalog.writes.get(pathKey(instance.root, ['*']));
  }

  /** A write to a page global that is itself a sink (`window.intercomSettings = v`). */
  matchWholeWrite(ref: Ref | undefined, value: Value, reportNode: ts.Node, rhs: ts.Expression | undefined): void {
    if (!ref?.root.startsWith('h:') || ref.path.length) return;
    const spec = this.catalog.writes.get(ref.root);
    if (spec) this.matchWrite(spec, value, reportNode, undefined, reportNode, rhs);
  }

  matchWrite(spec: WriteSpec, value: Value, reportNode: ts.Node, prop: string | undefined, target: ts.Node, rhs: ts.Expression | undefined): void {
    const label = this.catalog.instances[spec.instance].label;
    const api = spec.property === '$' ? label
      : spec.property === '*' ? (prop !== undefined ? `${label}.${prop}` : `${label}[key]`)
      : `${label}.${spec.property}`;
    const hit: SinkHit = { instance: spec.instance, api, node: reportNode };
    let v = value;
    // raygunClient.user = (req) => ({ email: req.user.email }): the SDK calls it and sends what it returns.
    if (v.fn) v = union(dataOf(v), this.functions.applySummary(v.fn, [], reportNode as ts.Expression));
    if (spec.keyFromProperty && prop !== undefined && nameable(v)) v = withCategories(v, this.cls.key(prop), target, api);
    if (spec.cookieString && rhs && nameable(v)) {
      const head = leadingText(rhs);
      const m = head !== undefined ? /(?:^|;\s*)([A-Za-z_$][\w$.-]*)\s*=\s*$/.exec(head) : null;
      if (m) v = withCategories(v, this.cls.key(m[1]), rhs, `cookie '${m[1]}'`);
    }
    this.out.record(hit, v, reportNode, spec.profile, undefined);
  }

  // ───────────────────────────── JSX ─────────────────────────────

  /** The catalog's entry for an SDK component (`<Tag />` whose tag evaluates to an SDK instance). */
  jsxSpec(tag: Value): JsxSpec | undefined {
    return tag.ref?.root.startsWith('h:') && !tag.ref.path.length ? this.catalog.jsx.get(tag.ref.root) : undefined;
  }

  /** `<Sdk {...props} />`: a component that sends every prop. */
  matchJsxSpread(spec: JsxSpec, tagName: ts.JsxTagNameExpression, attr: ts.JsxSpreadAttribute, v: Value): void {
    if (!spec.props.has('*')) return;
    this.out.record({ instance: spec.instance, api: `<${this.tagText(tagName)}>`, node: attr }, v, attr, spec.profile, undefined);
  }

  /** `<Sdk email={v} />`: a data-carrying prop, its name classifying the value. */
  matchJsxProp(spec: JsxSpec, tagName: ts.JsxTagNameExpression, name: string, attrName: ts.Node, v: Value): void {
    if (!spec.props.has('*') && !spec.props.has(name)) return;
    const label = `<${this.tagText(tagName)} ${name}>`;
    if (nameable(v)) v = withCategories(v, this.cls.key(name, { person: spec.profile }), attrName, name);
    this.out.record({ instance: spec.instance, api: label, node: attrName }, v, attrName, spec.profile, undefined);
  }

  private tagText(tagName: ts.JsxTagNameExpression): string {
    return this.sf.text.slice(tagName.getStart(this.sf), tagName.end);
  }
}

/** A host on the device or the local network: loopback, private IPv4, a name without dots, *.local, *.internal. */
function isLocalHost(host: string): boolean {
  if (!host.includes('.') || host === '[::1]' || host === '0.0.0.0') return true;
  if (/\.(?:local|localhost|internal|lan|home\.arpa)$/.test(host)) return true;
  return /^(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)\d+\.\d+(?:\.\d+)?$/.test(host);
}

/** The keys a sink's hit drops from object arguments, here and where a summary's edge is applied. */
function ignoring(keys: readonly string[] | undefined): Pick<SinkHit, 'ignoreKeys'> {
  return keys ? { ignoreKeys: keys } : {};
}

/** A base URL and a path relative to it, as HTTP clients join them ('https://api.x.com/v1' + 'users' → …/v1/users). */
function joinUrl(base: string, rel: string): string {
  if (!rel) return base;
  return base.replace(/\/+$/, '') + '/' + rel.replace(/^\/+/, '');
}

/** The literal text an expression starts with (`'ssn=' + v`, `` `ssn=${v}` ``). */
function leadingText(e: ts.Expression): string | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isTemplateExpression(e)) return e.head.text;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    let left: ts.Expression = e;
    while (ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.PlusToken) left = left.left;
    return ts.isStringLiteralLike(left) ? left.text : undefined;
  }
  return undefined;
}

/** The constant text a URL expression starts with: 'https://api.x.com/v1', `${BASE}/track`, BASE + '/e'. */
function urlPrefix(e: ts.Expression, scope: NameLookup, depth: number): string | undefined {
  if (depth > 3) return undefined;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) {
    // `${BASE}/v19.0/${id}/messages`: unknown parts become '_' (one path segment, or a host label).
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const part = urlPrefix(span.expression, scope, depth + 1);
      if (!out && part === undefined) return undefined;
      out += (part ?? '_') + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = urlPrefix(e.left, scope, depth + 1);
    return left === undefined ? undefined : left + (urlPrefix(e.right, scope, depth + 1) ?? '_');
  }
  if (ts.isIdentifier(e)) return scope.lookup(e.text)?.value.str;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length) {
    // new URL('/v1/track', 'https://api.x.com'): the base names the host when the first part is a path.
    const first = urlPrefix(e.arguments[0], scope, depth + 1);
    if (first !== undefined && /^\s*(?:https?:)?\/\//i.test(first)) return first;
    return e.arguments[1] ? urlPrefix(e.arguments[1], scope, depth + 1) : undefined;
  }
  return undefined;
}

/** A value the scan knows nothing about: no fields, no data, not a constant, a function, a class or an SDK object. */
function unknownObject(v: Value): boolean {
  return !v.props && !v.taints?.length && !v.deps?.length && !v.literal && !v.clean && !v.fn && !v.cls && !v.ref && v.str === undefined && !v.provides;
}
