// Values of expressions: names, property reads, operators, literals, object and array shapes, with the
// categories names and keys give them (classify.ts). Calls, writes, JSX and function bodies are handed to
// their stages; no sink is matched and no hit recorded here.
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import type { Branches } from './branches';
import type { Budget } from './budget';
import type { Classifier } from './classify';
import { typeShape, withShape } from './declaredTypes';
import type { Guards } from './guards';
import { GLOBAL_OBJECT_NAMES, GLOBAL_OBJECT_REF, extendRef, resolve, sourceTaint } from './refs';
import type { Scope } from './scope';
import { ELEMENT, addData, elementOf } from './shapes';
import type { CallStage, EvalOpts, ExpressionStage, FileContext, FunctionStage, JsxStage, Stages, StatementStage, WriteStage } from './stages';
import { fnName, propertyNameText, receiverNames } from './syntax';
import { CLEAN, EMPTY, LITERAL, Value, dataOf, extend, hasData, nameable, stringValue, union, withCategories } from './values';

export class Expressions implements ExpressionStage {
  private readonly catalog: Catalog;
  private readonly cls: Classifier;
  private readonly sanitizers: ReadonlySet<string>;
  private statements!: StatementStage;
  private calls!: CallStage;
  private writes!: WriteStage;
  private functions!: FunctionStage;
  private jsx!: JsxStage;

  constructor(fc: FileContext, private readonly budget: Budget, private readonly guards: Guards, private readonly branches: Branches) {
    this.catalog = fc.catalog;
    this.cls = fc.cls;
    this.sanitizers = fc.sanitizers;
  }

  wire(s: Stages): void {
    this.statements = s.statements;
    this.calls = s.calls;
    this.writes = s.writes;
    this.functions = s.functions;
    this.jsx = s.jsx;
  }

  eval(node: ts.Expression, scope: Scope, opts: EvalOpts = {}): Value {
    const budget = this.budget;
    if (!budget.enter()) return EMPTY;
    try {
      return this.evalInner(node, scope, opts);
    } finally {
      budget.depth--;
    }
  }

  /** `recv.name`: follows refs, known object shapes and class fields, and classifies by the name. */
  member(recv: Value, name: string, node: ts.Node, receiver: string | undefined, chain: readonly string[]): Value {
    let out = extendRef(this.catalog, recv.ref, name);
    // A distinctive method of an API reached through values the engine cannot follow (tx.objectStore('s')).
    if (out === EMPTY && !recv.ref && !recv.props?.has(name) && this.catalog.anchors.has(name)) out = resolve(this.catalog, 'a:' + name, []);
    if (out.source && !out.taints) out = sourceTaint(out, node);
    const known = recv.props?.get(name);
    if (known) out = union(out, known);
    // emails.length, payout.amount, user.id of an object of unknown shape: a number, id or flag, none of its data.
    const scalar = !known && (recv.deps?.length || recv.source) ? this.cls.isScalarRead(name) : false;
    if (recv.deps?.length && !known && !scalar) {
      out = union(out, { deps: recv.deps.map((d) => ({ ...d, path: [...(d.path ?? []), name].slice(0, 4), step: { node, prev: d.step } })) });
    }
    // A property its name rules out for the source's category (input.length of the chat input) is not that data.
    if (recv.source && !known && !scalar && !this.cls.excludes(recv.source.category, name)) out = union(out, { ...dataOf(recv), source: recv.source });
    const info = this.cls.member(name, receiver, () => !!recv.person || (receiver !== undefined && this.cls.isPerson(receiver)), chain);
    if (info.cats.length) out = withCategories(out, info.cats, node, receiver !== undefined ? `${receiver}.${name}` : name);
    else if (out === EMPTY && info.flag) return CLEAN; // user.hasSsnOnFile, form.isEmailValid
    if (info.person && !out.person) out = { ...out, person: true };
    return out;
  }

  /** `recv[i]` with a constant index. */
  index(recv: Value, i: number, node: ts.Node): Value {
    const own = recv.props?.get(`[${i}]`); // a tuple of known shape: const [form, setForm] = useState({...})
    if (own) return extend(own, node);
    let out = extendRef(this.catalog, recv.ref, `[${i}]`);
    out = union(out, elementOf(recv));
    return extend(out, node);
  }

  private evalInner(node: ts.Expression, scope: Scope, opts: EvalOpts): Value {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.identifier(node as ts.Identifier, scope);
      case ts.SyntaxKind.ThisKeyword:
        return scope.ctx.thisValue ?? EMPTY;
      case ts.SyntaxKind.PropertyAccessExpression: {
        const n = node as ts.PropertyAccessExpression;
        const recv = this.eval(n.expression, scope);
        if (ts.isPrivateIdentifier(n.name)) return this.member(recv, n.name.text, n.name, undefined, []);
        return this.member(recv, n.name.text, n.name, ...receiverNames(n.expression));
      }
      case ts.SyntaxKind.ElementAccessExpression: {
        const n = node as ts.ElementAccessExpression;
        const recv = this.eval(n.expression, scope);
        const arg = n.argumentExpression;
        if (ts.isStringLiteralLike(arg)) return this.member(recv, arg.text, arg, ...receiverNames(n.expression));
        if (ts.isNumericLiteral(arg)) return this.index(recv, Number(arg.text), n);
        const key = this.eval(arg, scope);
        if (key.str !== undefined) return this.member(recv, key.str, arg, ...receiverNames(n.expression));
        return elementOf(recv);
      }
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
        return this.calls.call(node as ts.CallExpression | ts.NewExpression, scope);
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression: {
        // req.body as OrderInput: the asserted object type says what the value holds.
        const n = node as ts.AsExpression;
        const v = this.eval(n.expression, scope, opts);
        if (v.props || v.fn || v.cls || v.ref || v.clean || v.literal) return v;
        const shape = typeShape(n.type, scope, 0);
        return shape ? withShape(this, v, shape, n, receiverNames(n.expression)[0] ?? 'value', 0) : v;
      }
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.AwaitExpression:
      case ts.SyntaxKind.PartiallyEmittedExpression:
        return this.eval((node as ts.ParenthesizedExpression).expression, scope, opts);
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return stringValue((node as ts.StringLiteral).text);
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
      case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.RegularExpressionLiteral:
        return LITERAL;
      case ts.SyntaxKind.TemplateExpression: {
        const n = node as ts.TemplateExpression;
        let out: Value = EMPTY;
        // `email=${NONE}`: a template of constants is a constant (never data, whatever its text names).
        let text: string | undefined = n.head.text;
        let constant = true;
        for (const span of n.templateSpans) {
          const v = this.eval(span.expression, scope);
          if (!v.literal) constant = false;
          text = text !== undefined && v.str !== undefined ? text + v.str + span.literal.text : undefined;
          out = union(out, dataOf(v));
        }
        return constant ? (text !== undefined ? stringValue(text) : LITERAL) : out;
      }
      case ts.SyntaxKind.BinaryExpression:
        return this.binary(node as ts.BinaryExpression, scope);
      case ts.SyntaxKind.ConditionalExpression: {
        const n = node as ts.ConditionalExpression;
        this.eval(n.condition, scope);
        const outer = this.guards.enter(n.condition);
        // `method === 'GET' ? url + qs(body) : url`: each side's parameter data carries the condition it needs.
        const branches = this.branches;
        let at = branches.enter(n.condition, scope, true);
        const whenTrue = branches.mark(this.eval(n.whenTrue, scope, opts));
        branches.restore(at);
        at = branches.enter(n.condition, scope, false);
        const whenFalse = branches.mark(this.eval(n.whenFalse, scope, opts));
        branches.restore(at);
        this.guards.restore(outer);
        return union(whenTrue, whenFalse);
      }
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression:
        this.eval((node as ts.PrefixUnaryExpression).operand, scope);
        return CLEAN;
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.VoidExpression:
      case ts.SyntaxKind.DeleteExpression:
        this.eval((node as ts.TypeOfExpression).expression, scope);
        return CLEAN;
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.object(node as ts.ObjectLiteralExpression, scope, opts);
      case ts.SyntaxKind.ArrayLiteralExpression: {
        let out: Value = {};
        // The elements' shape is kept too, so that rows.map((r) => r.id) reads only `id` of each row.
        let shape: Value | undefined;
        let mixed = false;
        for (const el of (node as ts.ArrayLiteralExpression).elements) {
          const spread = ts.isSpreadElement(el);
          const v = this.eval(spread ? el.expression : el, scope, opts);
          out = union(out, v.ref || v.fn ? dataOf(v) : { ...dataOf(v), person: v.person });
          const item = spread ? v.props?.get(ELEMENT) : v.props && !v.ref && !v.fn ? v : undefined;
          if (item) shape = shape ? union(shape, item) : item;
          else if (hasData(v)) mixed = true;
        }
        if (shape && !mixed) out.props = new Map([[ELEMENT, shape]]);
        return out;
      }
      case ts.SyntaxKind.SpreadElement:
        return this.eval((node as ts.SpreadElement).expression, scope, opts);
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction: {
        const fn = this.functions.makeFn(node as ts.FunctionExpression, scope, fnName(node as ts.FunctionExpression));
        return { fn };
      }
      case ts.SyntaxKind.ClassExpression:
        return this.functions.classValue(node as ts.ClassExpression, scope);
      case ts.SyntaxKind.TaggedTemplateExpression: {
        // logger.fmt`user ${email}`: the text built carries what is interpolated (unless the tag masks it).
        const n = node as ts.TaggedTemplateExpression;
        this.eval(n.tag, scope);
        const text = this.eval(n.template, scope);
        const tag = ts.isIdentifier(n.tag) ? n.tag.text : ts.isPropertyAccessExpression(n.tag) ? n.tag.name.text : undefined;
        if (tag !== undefined && this.cls.sanitizes(tag, this.sanitizers)) return CLEAN;
        return extend(dataOf(text), n);
      }
      case ts.SyntaxKind.YieldExpression: {
        const e = (node as ts.YieldExpression).expression;
        return e ? this.eval(e, scope) : EMPTY;
      }
      case ts.SyntaxKind.ImportKeyword:
      case ts.SyntaxKind.SuperKeyword:
      case ts.SyntaxKind.OmittedExpression:
        return EMPTY;
      case ts.SyntaxKind.JsxSelfClosingElement:
        this.jsx.element(node as ts.JsxSelfClosingElement, scope);
        return EMPTY;
      case ts.SyntaxKind.JsxElement: {
        const n = node as ts.JsxElement;
        this.jsx.element(n.openingElement, scope);
        for (const child of n.children) if (child.kind !== ts.SyntaxKind.JsxText) this.eval(child as ts.Expression, scope);
        return EMPTY;
      }
      default:
        this.statements.visitChildren(node, scope);
        return EMPTY;
    }
  }

  private identifier(node: ts.Identifier, scope: Scope): Value {
    const name = node.text;
    const b = scope.lookup(name);
    if (b) return b.value;
    if (name === 'undefined') return LITERAL;
    if (name === 'arguments' && scope.ctx.info) return { deps: [{ fn: scope.ctx.info, param: -1, step: { node } }] };
    if (GLOBAL_OBJECT_NAMES.has(name)) return { ref: GLOBAL_OBJECT_REF };
    if (this.catalog.globals.has(name)) return resolve(this.catalog, 'g:' + name, []);
    return withCategories(EMPTY, this.cls.name(name), node, name);
  }

  private binary(node: ts.BinaryExpression, scope: Scope): Value {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      const rhs = this.eval(node.right, scope, { person: targetIsPerson(node.left, this.cls) });
      this.writes.assign(node.left, rhs, scope, node.left, node.right);
      return rhs;
    }
    if (isCompoundAssignment(op)) {
      const rhs = this.eval(node.right, scope);
      const lhs = this.eval(node.left, scope);
      const v = op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.PlusEqualsToken
        ? union(dataOf(lhs), rhs)
        : EMPTY;
      if (v !== EMPTY) this.writes.assign(node.left, v, scope, node.left);
      return v;
    }
    // Left-deep chains (a + b + c + ..., minified comma lists) are walked iteratively.
    const chain: ts.BinaryExpression[] = [];
    let cur: ts.Expression = node;
    while (ts.isBinaryExpression(cur) && !isAssignment(cur.operatorToken.kind)) {
      chain.push(cur);
      cur = cur.left;
    }
    let acc = this.eval(cur, scope);
    // The checks the left operand mentions, grown operand by operand: each is walked once, not every prefix of
    // the chain again (a 100,000-term `&&` chain would be quadratic).
    const shortCircuits = chain.some((b) => isShortCircuit(b.operatorToken.kind));
    let leftKinds = shortCircuits ? this.guards.kindsOf(cur) : 0;
    for (let i = chain.length - 1; i >= 0; i--) {
      const b = chain[i];
      this.budget.tick();
      const outer = isShortCircuit(b.operatorToken.kind) ? this.guards.enterKinds(leftKinds) : this.guards.mark();
      const right = this.eval(b.right, scope);
      this.guards.restore(outer);
      acc = combine(b.operatorToken.kind, acc, right);
      if (shortCircuits && i > 0) leftKinds |= this.guards.kindsOf(b.right);
    }
    return acc;
  }

  private object(node: ts.ObjectLiteralExpression, scope: Scope, opts: EvalOpts): Value {
    let person = !!opts.person;
    if (!person) {
      for (const p of node.properties) {
        const key = p.name && propertyNameText(p.name);
        if (key !== undefined && (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && this.cls.key(key).length) {
          person = true;
          break;
        }
      }
    }
    const props = new Map<string, Value>();
    const out: Value = { props };
    if (person) out.person = true;
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        // ...(password && { password: true }): a falsy operand spreads nothing, only the last operand's object does.
        let spread: ts.Expression = p.expression;
        while (ts.isParenthesizedExpression(spread)) spread = spread.expression;
        while (ts.isBinaryExpression(spread) && spread.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
          this.eval(spread.left, scope);
          spread = spread.right;
          while (ts.isParenthesizedExpression(spread)) spread = spread.expression;
        }
        const v = this.eval(spread, scope, opts);
        if (v.props) for (const [k, pv] of v.props) props.set(k, pv);
        if (!v.props || v.open) out.open = true;
        addData(out, v);
        if (v.person) out.person = true;
        continue;
      }
      const key = p.name ? propertyNameText(p.name) : undefined;
      if (p.name && ts.isComputedPropertyName(p.name)) this.eval(p.name.expression, scope);
      let v: Value;
      if (ts.isPropertyAssignment(p)) {
        v = this.eval(p.initializer, scope, { person: key !== undefined && this.cls.isPerson(key) });
        if (v.fn?.name === 'function' && key !== undefined) v.fn.name = key; // { identify: (id, traits) => ... }
      }
      else if (ts.isShorthandPropertyAssignment(p)) v = this.identifier(p.name, scope);
      else if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) {
        v = { fn: this.functions.makeFn(p, scope, key ?? 'method') };
      } else continue;
      if (key !== undefined && !v.fn && !v.ref && this.cls.sanitizes(key)) v = CLEAN; // { emailDomain: ... }
      if (key !== undefined && nameable(v) && !(ts.isPropertyAssignment(p) && this.readFromBlockedReceiver(p.initializer, key))) {
        let cats = this.cls.key(key, { person });
        // { comments: `Link created for coupon ${code}` }: a sentence the code writes is no one's own words (what
        // its parts carry by their own names stays).
        if (ts.isPropertyAssignment(p) && composesWords(p.initializer)) cats = cats.filter((c) => !this.cls.writtenByPerson.has(c));
        // { taxIdCollection: { enabled: true } }: a settings object that holds no data is not what its key names.
        if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) && !hasData(v)) cats = NO_CATEGORIES;
        // { name: companyName }: the value's own name says it is not the key's kind of data.
        const valueName = ts.isPropertyAssignment(p) ? nameOfValue(p.initializer) : undefined;
        if (cats.length && valueName) {
          const against = this.cls.contradictedBy(valueName, cats);
          if (against.length) cats = cats.filter((c) => !against.includes(c));
        }
        if (cats.length && v.deps && !v.taints) this.functions.namedParamData(p.name!, v); // { email, name } in a helper
        if (cats.length) v = withCategories(v, cats, p.name!, key);
      }
      if (key !== undefined) props.set(key, v);
      addData(out, v);
    }
    return out;
  }

  /** `{ name: company.name }`: the same property read from a receiver that holds no personal data. */
  private readFromBlockedReceiver(e: ts.Expression, key: string): boolean {
    while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    if (!ts.isPropertyAccessExpression(e) || e.name.text.toLowerCase() !== key.toLowerCase()) return false;
    const recv = e.expression;
    const name = ts.isIdentifier(recv) ? recv.text : ts.isPropertyAccessExpression(recv) ? recv.name.text : undefined;
    return name !== undefined && this.cls.blocksReceiver(name);
  }
}

function combine(op: ts.SyntaxKind, left: Value, right: Value): Value {
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      // 'email=' + 'none': constants joined are a constant.
      if (left.literal && right.literal) return left.str !== undefined && right.str !== undefined ? stringValue(left.str + right.str) : LITERAL;
      return union(dataOf(left), dataOf(right));
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken: {
      // params.get('card') ?? '': a default literal does not make an unknown value a constant.
      const out = union(left, right);
      if (out.literal && !(left.literal && right.literal)) return out === LITERAL ? EMPTY : { ...out, literal: undefined, str: undefined };
      return out;
    }
    case ts.SyntaxKind.AmpersandAmpersandToken:
    case ts.SyntaxKind.CommaToken:
      return right;
    default:
      return CLEAN; // comparisons, arithmetic, bitwise: booleans and numbers
  }
}

function isAssignment(op: ts.SyntaxKind): boolean {
  return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
}

function isCompoundAssignment(op: ts.SyntaxKind): boolean {
  return op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

function targetIsPerson(target: ts.Expression, cls: Classifier): boolean {
  if (ts.isIdentifier(target)) return cls.isPerson(target.text);
  if (ts.isPropertyAccessExpression(target)) return cls.isPerson(target.name.text);
  return false;
}

const NO_CATEGORIES: readonly string[] = [];

/** The name a value is read by: `companyName`, `org.companyName`; none for other expressions. */
function nameOfValue(e: ts.Expression): string | undefined {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** A template literal whose fixed text has words: the code composes it. */
function composesWords(e: ts.Expression): boolean {
  if (!ts.isTemplateExpression(e)) return false;
  return /[A-Za-z]{2}/.test(e.head.text) || e.templateSpans.some((s) => /[A-Za-z]{2}/.test(s.literal.text));
}
