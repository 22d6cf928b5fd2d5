// Writes: where an assigned value goes — a local, a property of an object whose shape is kept, a
// destructuring target, a CommonJS export, or a property of an SDK object (handed to the sink matcher).
// It decides the target, not whether the write is a sink (sinks.ts) nor what a name means (classify.ts).
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import type { Branches } from './branches';
import type { Classifier } from './classify';
import { GLOBAL_OBJECT_NAMES, extendRef, resolve } from './refs';
import type { Scope } from './scope';
import { addData } from './shapes';
import type { Sinks } from './sinks';
import type { BindingStage, ExpressionStage, FileContext, Stages, WriteStage } from './stages';
import { propertyNameText, receiverNames } from './syntax';
import { EMPTY, Value, dataOf, extend, nameable, union, withCategories } from './values';

export class Writes implements WriteStage {
  private readonly catalog: Catalog;
  private readonly cls: Classifier;
  private expressions!: ExpressionStage;
  private binding!: BindingStage;

  constructor(fc: FileContext, private readonly sinks: Sinks, private readonly branches: Branches) {
    this.catalog = fc.catalog;
    this.cls = fc.cls;
  }

  wire(s: Stages): void {
    this.expressions = s.expressions;
    this.binding = s.binding;
  }

  assign(target: ts.Node, value: Value, scope: Scope, reportNode: ts.Node, rhs?: ts.Expression): void {
    if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target) || ts.isAsExpression(target)) {
      this.assign(target.expression, value, scope, reportNode, rhs);
      return;
    }
    if (ts.isIdentifier(target)) {
      const b = scope.lookup(target.text);
      if (b) {
        // `if (method === 'GET') url += qs(body)`: what the branch adds carries its condition.
        if (b.kind !== 'function') b.value = union(b.value, extend(this.branches.mark(value), target, target.text));
        return;
      }
      if (this.catalog.globals.has(target.text)) this.sinks.matchWholeWrite(resolve(this.catalog, 'g:' + target.text, []).ref, value, reportNode, rhs);
      return;
    }
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      if (this.binding.cjsExport(target, value, scope)) return;
      const recv = this.expressions.eval(target.expression, scope);
      let prop: string | undefined;
      if (ts.isPropertyAccessExpression(target)) prop = target.name.text;
      else if (ts.isStringLiteralLike(target.argumentExpression) || ts.isNumericLiteral(target.argumentExpression)) prop = target.argumentExpression.text;
      else {
        const k = this.expressions.eval(target.argumentExpression, scope);
        prop = k.str;
      }
      // A write on an SDK instance (localStorage.x = v), or to the instance itself (window.intercomSettings = v).
      if (recv.ref?.root.startsWith('h:') && recv.ref.path.length === 0) {
        const spec = this.sinks.writeSpec(recv.ref, prop);
        if (spec) this.sinks.matchWrite(spec, value, reportNode, prop, target, rhs);
      } else if (prop !== undefined && !recv.ref && ts.isPropertyAccessExpression(target)) {
        this.nestedWrite(target, value, scope, reportNode, rhs);
      }
      if (prop !== undefined) this.sinks.matchWholeWrite(extendRef(this.catalog, recv.ref, prop).ref, value, reportNode, rhs);
      // Remember what local objects hold: traits.email = x.
      if (prop !== undefined) this.storeProp(target.expression, recv, prop, value, scope);
      return;
    }
    if (ts.isObjectLiteralExpression(target)) {
      for (const p of target.properties) {
        if (ts.isShorthandPropertyAssignment(p)) this.assign(p.name, this.expressions.member(value, p.name.text, p.name, undefined, []), scope, p.name);
        else if (ts.isPropertyAssignment(p)) {
          const key = propertyNameText(p.name);
          this.assign(p.initializer, key !== undefined ? this.expressions.member(value, key, p.name, undefined, []) : dataOf(value), scope, p.initializer);
        }
      }
      return;
    }
    if (ts.isArrayLiteralExpression(target)) {
      target.elements.forEach((el, i) => {
        if (!ts.isOmittedExpression(el)) this.assign(ts.isSpreadElement(el) ? el.expression : el, this.expressions.index(value, i, el), scope, el);
      });
    }
  }

  /**
   * A write below a property of an SDK object: `notice.context.user = {...}`,
   * `window._rollbarConfig.payload.person = {...}`, `event.user.email = e` in a beforeSend hook. The
   * write of the first property carries an object holding the value at the rest of the path.
   */
  private nestedWrite(target: ts.PropertyAccessExpression, value: Value, scope: Scope, reportNode: ts.Node, rhs: ts.Expression | undefined): void {
    const segs: string[] = [target.name.text];
    let e: ts.Expression = target.expression;
    while (ts.isPropertyAccessExpression(e) && segs.length < 4) {
      segs.unshift(e.name.text);
      e = e.expression;
    }
    if (!ts.isIdentifier(e)) return;
    let base: Value;
    if (GLOBAL_OBJECT_NAMES.has(e.text) && !scope.lookup(e.text)) {
      const name = segs.shift()!; // window._rollbarConfig.payload.person
      base = this.catalog.globals.has(name) ? resolve(this.catalog, 'g:' + name, []) : EMPTY;
    } else {
      base = this.expressions.eval(e, scope);
    }
    if (segs.length < 2) return;
    if (!base.ref?.root.startsWith('h:') || base.ref.path.length) return;
    const spec = this.sinks.writeSpec(base.ref, segs[0]);
    if (!spec) return;
    const last = segs[segs.length - 1];
    const holder = segs[segs.length - 2];
    let v = value;
    const cats = this.cls.property(last, holder, this.cls.isPerson(holder));
    if (cats.length && nameable(v)) v = withCategories(v, cats, target.name, `${holder}.${last}`);
    for (let i = segs.length - 1; i >= 1; i--) {
      const obj: Value = { props: new Map([[segs[i], v]]) };
      if (this.cls.isPerson(segs[i - 1]) || v.person) obj.person = true;
      addData(obj, v);
      v = obj;
    }
    this.sinks.matchWrite(spec, v, reportNode, segs[0], target, rhs);
  }

  private storeProp(recvExpr: ts.Expression, recv: Value, prop: string, value: Value, scope: Scope): void {
    value = this.branches.mark(value);
    const cats = this.cls.property(prop, receiverNames(recvExpr)[0], !!recv.person);
    const v = cats.length && nameable(value) ? withCategories(value, cats, recvExpr, prop) : value;
    if (recv.props && recv !== EMPTY) {
      recv.props.set(prop, recv.props.has(prop) ? union(recv.props.get(prop)!, v) : v);
      addData(recv, v);
      return;
    }
    if (ts.isIdentifier(recvExpr)) {
      const b = scope.lookup(recvExpr.text);
      if (b && b.kind !== 'function') {
        const obj: Value = { ...b.value, props: new Map(b.value.props ?? []) };
        obj.props!.set(prop, v);
        addData(obj, v);
        b.value = obj;
      }
    }
  }
}
