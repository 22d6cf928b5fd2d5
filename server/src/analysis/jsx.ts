// JSX: a JSX element's props are evaluated; an SDK component's data-carrying props go to the sink matcher,
// a project component's props to its function summary, and a form control (categories.json formFields)
// names the data its value and change handlers carry. It matches no sink and keeps no state of its own.
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import type { Classifier } from './classify';
import type { ContainerRules } from './containers';
import type { Scope } from './scope';
import { addData } from './shapes';
import type { Sinks } from './sinks';
import type { ExpressionStage, FileContext, FunctionStage, JsxStage, Stages } from './stages';
import { EMPTY, LITERAL, Value, absorb, nameable, union, withCategories } from './values';

export class Jsx implements JsxStage {
  private readonly sf: ts.SourceFile;
  private readonly catalog: Catalog;
  private readonly cls: Classifier;
  private expressions!: ExpressionStage;
  private functions!: FunctionStage;

  constructor(fc: FileContext, private readonly sinks: Sinks, private readonly containers: ContainerRules) {
    this.sf = fc.sf;
    this.catalog = fc.catalog;
    this.cls = fc.cls;
  }

  wire(s: Stages): void {
    this.expressions = s.expressions;
    this.functions = s.functions;
  }

  element(node: ts.JsxOpeningElement | ts.JsxSelfClosingElement, scope: Scope): void {
    const x = this.expressions;
    const tagName = node.tagName;
    const intrinsic = ts.isIdentifier(tagName) && /^[a-z]/.test(tagName.text);
    const tag = intrinsic ? EMPTY : x.eval(tagName as ts.Expression, scope);
    const spec = this.sinks.jsxSpec(tag);
    // <AnalyticsContext.Provider value={client}>: what the context hands out to useContext.
    const provided = intrinsic ? undefined : this.containers.provider(tag, tagName, (e) => x.eval(e, scope));
    // A component of this project (<Identify email={user.email} />): its props object is the first
    // argument of the function, so the function's summary applies here as it does to a call.
    const component = !spec && tag.fn ? tag.fn : undefined;
    const props = component ? new Map<string, Value>() : undefined;
    let spread: Value = EMPTY;
    const field = this.formField(node);
    for (const attr of node.attributes.properties) {
      if (ts.isJsxSpreadAttribute(attr)) {
        const v = x.eval(attr.expression, scope, { person: !!spec?.profile });
        if (props) {
          if (v.props) for (const [k, pv] of v.props) props.set(k, pv);
          else spread = union(spread, v);
        }
        if (spec) this.sinks.matchJsxSpread(spec, tagName, attr, v);
        continue;
      }
      const name = ts.isIdentifier(attr.name) ? attr.name.text : attr.name.getText(this.sf);
      const init = attr.initializer;
      let v: Value = LITERAL;
      if (init && ts.isJsxExpression(init) && init.expression) v = x.eval(init.expression, scope, { person: !!spec?.profile });
      else if (init && (ts.isJsxElement(init) || ts.isJsxSelfClosingElement(init) || ts.isJsxFragment(init))) x.eval(init, scope);
      if (props) {
        let pv = v;
        if (nameable(pv)) pv = withCategories(pv, this.cls.key(name), attr.name, name);
        props.set(name, pv);
      }
      if (field && init && ts.isJsxExpression(init) && init.expression) this.formValue(field, name, init.expression, v, scope, attr);
      if (provided && this.containers.isProviderProp(name)) absorb(provided, v);
      if (spec) this.sinks.matchJsxProp(spec, tagName, name, attr.name, v);
    }
    if (component && props) {
      const arg: Value = { props };
      if (spread !== EMPTY) arg.open = true;
      addData(arg, spread);
      for (const pv of props.values()) addData(arg, pv);
      this.functions.applySummary(component, [arg], tagName as ts.Expression);
    }
  }

  /**
   * The categories of a form control, from its literal attributes (rules/categories.json formFields):
   * `<input type="email">`, `name="ssn"`, `autoComplete="cc-number"`, `keyboardType="phone-pad"`.
   */
  private formField(node: ts.JsxOpeningElement | ts.JsxSelfClosingElement): readonly string[] | undefined {
    const ff = this.catalog.categories.formFields;
    if (!ff || !ts.isIdentifier(node.tagName) || !ff.elements.includes(node.tagName.text)) return undefined;
    const cats = new Set<string>();
    for (const attr of node.attributes.properties) {
      if (!ts.isJsxAttribute(attr) || !attr.initializer || !ts.isIdentifier(attr.name)) continue;
      const init = attr.initializer;
      const text = ts.isStringLiteral(init) ? init.text
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) ? init.expression.text : undefined;
      if (text === undefined) continue;
      const attrName = attr.name.text;
      if (ff.nameAttributes.includes(attrName)) for (const c of this.cls.fieldName(text)) cats.add(c);
      const byValue = Object.prototype.hasOwnProperty.call(ff.attributes, attrName) ? ff.attributes[attrName] : undefined;
      const last = text.trim().split(/\s+/).pop() ?? '';
      if (byValue && Object.prototype.hasOwnProperty.call(byValue, last)) cats.add(byValue[last]);
    }
    return cats.size ? [...cats].sort() : undefined;
  }

  /**
   * A form control's value: the variable bound to it (`value={contact}`) holds the control's data, and
   * its change handlers receive it (`onChange={(e) => ...e.target.value}`, `onChangeText={(text) => ...}`).
   */
  private formValue(cats: readonly string[], attr: string, expr: ts.Expression, v: Value, scope: Scope, node: ts.Node): void {
    const ff = this.catalog.categories.formFields!;
    if (ff.valueAttributes.includes(attr)) {
      let e = expr;
      while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
      if (!ts.isIdentifier(e)) return;
      const b = scope.lookup(e.text);
      if (!b || b.kind === 'function' || b.kind === 'import' || b.kind === 'class' || b.value.fn || b.value.cls || b.value.ref) return;
      if (b.kind === 'const' && b.value.literal) return;
      b.value = withCategories(b.value, cats, node, `${e.text} (value of a form field)`);
      return;
    }
    if (!v.fn) return;
    const byValue = ff.valueHandlers.includes(attr);
    if (!byValue && !ff.eventHandlers.includes(attr)) return;
    const data = withCategories(EMPTY, cats, node, 'form field value');
    const target: Value = { props: new Map([['value', data]]) };
    const hint: Value = byValue ? data : { props: new Map([['target', target], ['currentTarget', target]]) };
    const hints = (v.fn.hints ??= []);
    hints[0] = hints[0] ? union(hints[0], hint) : hint;
  }
}
