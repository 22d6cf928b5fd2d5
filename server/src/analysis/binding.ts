// Binding: the names a block declares (hoisted before it runs), what a declared name or pattern holds,
// imports (project modules and catalogued SDKs) and what the module exports. It runs no statements and
// reads expressions only through ExpressionStage; which data a name carries is classify.ts's call.
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import type { Classifier } from './classify';
import { declShape, narrowTag, narrowing, typeInstance, typeRef, typeShape, withShape } from './declaredTypes';
import { isCatalogModule, moduleValue } from './refs';
import { Binding, FnCtx, Scope } from './scope';
import type { BindingStage, ExpressionStage, FileContext, FunctionStage, Stages } from './stages';
import { bindingNames, hasModifier, isAmbient, isNonDataType, propertyNameText } from './syntax';
import { ELEMENT } from './shapes';
import { CLEAN, ClassInfo, EMPTY, FnInfo, ModuleExports, TypeShape, Value, dataOf, extend, stampFile, union, withCategories } from './values';

export class Binder implements BindingStage {
  private readonly sf: ts.SourceFile;
  private readonly catalog: Catalog;
  private readonly cls: Classifier;
  private expressions!: ExpressionStage;
  private functions!: FunctionStage;
  /** Module scope, kept after the walk to read exports. */
  private moduleScope?: Scope;
  /** How each export gets its value once the module has run. */
  private readonly exportPlan: { name: string; get: () => Value | undefined; type?: boolean }[] = [];
  /** CommonJS exports written with module.exports / exports.x. */
  private readonly cjs = new Map<string, Value>();

  constructor(
    fc: FileContext,
    /** Exports of a project module imported with `spec`, if the project can resolve it. */
    private readonly importer?: (spec: string) => ModuleExports | undefined,
    /** ORM models an import of `spec` stands for (schema.prisma read as data), when it is an ORM client module. */
    private readonly dataModels?: (spec: string) => ReadonlyMap<string, TypeShape> | undefined,
  ) {
    this.sf = fc.sf;
    this.catalog = fc.catalog;
    this.cls = fc.cls;
  }

  wire(s: Stages): void {
    this.expressions = s.expressions;
    this.functions = s.functions;
  }

  /** The module's own scope, whose exports `exports()` reads once the walk is done. */
  enterModule(ctx: FnCtx): Scope {
    this.moduleScope = new Scope(undefined, ctx);
    return this.moduleScope;
  }

  /** What this module exports, after the walk: functions with their summaries, SDK instances, objects. */
  exports(): Map<string, Value> {
    const out = new Map<string, Value>();
    for (const { name, get } of this.exportPlan) {
      const v = get();
      if (v && v !== EMPTY) out.set(name, v);
    }
    for (const [name, v] of this.cjs) {
      if (name === '') {
        if (!out.has('default')) out.set('default', v);
        for (const [k, pv] of v.props ?? []) if (!out.has(k)) out.set(k, pv);
      } else if (!out.has(name)) out.set(name, v);
    }
    const seen = new Set<unknown>();
    for (const v of out.values()) stampFile(v, this.sf, seen);
    return out;
  }

  hoist(statements: readonly ts.Statement[], scope: Scope): void {
    for (const s of statements) {
      if (isAmbient(s)) continue;
      const exported = scope === this.moduleScope && s.kind !== ts.SyntaxKind.ExpressionStatement && hasModifier(s, ts.SyntaxKind.ExportKeyword);
      const isDefault = exported && hasModifier(s, ts.SyntaxKind.DefaultKeyword);
      if (ts.isFunctionDeclaration(s)) {
        if (s.body) {
          const fn = this.functions.makeFn(s, scope, s.name?.text ?? 'default');
          if (s.name) scope.vars.set(s.name.text, { value: { fn }, kind: 'function' });
          if (exported) this.planExport(isDefault ? 'default' : s.name?.text ?? 'default', () => ({ fn }));
        }
      } else if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          for (const name of bindingNames(d.name)) {
            if (!scope.vars.has(name)) scope.vars.set(name, { value: EMPTY, kind: 'let' });
            if (exported) this.planExport(name, () => scope.vars.get(name)?.value);
          }
        }
      } else if (ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) {
        if (s.name) scope.vars.set(s.name.text, { value: EMPTY, kind: 'class' });
        if (exported && s.name) {
          const n = s.name.text;
          this.planExport(isDefault ? 'default' : n, () => scope.vars.get(n)?.value);
        }
      } else if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && !s.typeParameters?.length) {
        (scope.types ??= new Map()).set(s.name.text, s);
        if (exported) {
          const decl = s;
          this.planExport(s.name.text, () => {
            const shape = declShape(decl, scope, 0);
            return shape ? { shape } : undefined;
          }, true);
        }
      } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
        scope.vars.set(s.name.text, { value: EMPTY, kind: 'other' });
      } else if (ts.isImportDeclaration(s)) {
        this.bindImport(s, scope);
      } else if (ts.isExportDeclaration(s) && scope === this.moduleScope && !s.isTypeOnly) {
        this.planReexport(s, scope);
      } else if (ts.isImportEqualsDeclaration(s)) {
        const ref = ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)
          ? moduleValue(this.catalog, s.moduleReference.expression.text)
          : EMPTY;
        scope.vars.set(s.name.text, { value: ref, kind: 'import' });
      }
    }
  }

  /**
   * Binds a declared name (or destructuring pattern) to a value. The name itself classifies the value
   * unless the value is a constant literal bound with `const` or the declared type is boolean/number.
   */
  bindName(name: ts.BindingName, value: Value, scope: Scope, kind: Binding['kind'], type?: ts.TypeNode): void {
    if (ts.isIdentifier(name)) {
      const text = name.text;
      if (value.fn?.name === 'function') value.fn.name = text; // const track = (...) => ...
      // A name that says the value was transformed (emailDomain, maskedPhone, encryptedSsn) is taken at its word.
      if (!value.fn && !value.cls && !value.ref && this.cls.sanitizes(text)) value = CLEAN;
      let v = extend(value, name, text);
      const constant = value.literal && kind === 'const';
      if (!constant && !value.clean && !isNonDataType(type) && !value.fn && !value.cls) {
        v = withCategories(v, this.cls.name(text, { person: value.person }), name, text);
      }
      if (this.cls.isPerson(text) && !v.person) v = { ...v, person: true };
      if (type && ts.isTypeReferenceNode(type) && !v.ref) {
        // res: Response, with Response imported from a catalogued module: the value is that SDK object.
        const t = typeRef(type.typeName, scope);
        if (t?.ref?.root.startsWith('h:')) v = union(v, t);
      }
      if (type && !v.ref && !v.cls && !v.fn && !v.props) {
        // analytics: AnalyticsService (a class of the project holding an SDK client), client: PostHog | null.
        const inst = typeInstance(type, scope, this.catalog);
        if (inst) v = union(v, inst);
      }
      if (type && !v.props && !v.fn && !v.cls && !v.ref && !v.clean && !v.literal) {
        // A declared object type (user: User, body: { email: string }) says what the value holds.
        const shape = typeShape(type, scope, 0);
        if (shape) v = withShape(this.expressions, v, shape, name, text, 0);
      }
      const existing = scope.vars.get(text);
      if (existing && existing.kind === 'function' && existing.value.fn) return;
      scope.vars.set(text, { value: v, kind });
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          this.bindName(el.name, value, scope, kind);
          continue;
        }
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        let v = key !== undefined ? this.expressions.member(value, key, el, undefined, []) : dataOf(value);
        if (el.initializer) v = union(v, this.expressions.eval(el.initializer, scope));
        this.bindName(el.name, v, scope, kind);
      }
      return;
    }
    name.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      let v = el.dotDotDotToken ? dataOf(value) : this.expressions.index(value, i, el);
      if (el.initializer) v = union(v, this.expressions.eval(el.initializer, scope));
      this.bindName(el.name, v, scope, kind);
    });
  }

  exportDefault(scope: Scope, value: Value): void {
    if (scope === this.moduleScope) this.planExport('default', () => value);
  }

  cjsExport(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Value, scope: Scope): boolean {
    if (!ts.isPropertyAccessExpression(target)) return false;
    const e = target.expression;
    if (ts.isIdentifier(e) && e.text === 'module' && target.name.text === 'exports' && !scope.lookup('module')) {
      this.cjs.set('', value);
      return true;
    }
    const isExportsObject = (ts.isIdentifier(e) && e.text === 'exports' && !scope.lookup('exports'))
      || (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports' && !scope.lookup('module'));
    if (isExportsObject) {
      this.cjs.set(target.name.text, value);
      return true;
    }
    return false;
  }

  importCall(spec: string): Value {
    const project = this.projectModule(spec);
    return project ? namespaceOf(project) : moduleValue(this.catalog, spec);
  }

  requireCall(spec: string): Value {
    const project = this.projectModule(spec);
    return project ? project.get('default') ?? namespaceOf(project) : moduleValue(this.catalog, spec);
  }

  /** The functions other files may call: exported ones, the methods of exported classes and objects. */
  exportedFns(): Set<FnInfo> {
    const out = new Set<FnInfo>();
    const add = (v: Value | undefined, depth: number): void => {
      if (!v || depth > 2) return;
      if (v.fn) out.add(v.fn);
      for (const pv of (v.cls?.fields ?? v).props?.values() ?? []) add(pv, depth + 1);
    };
    for (const { get, type } of this.exportPlan) if (!type) add(get(), 0);
    for (const v of this.cjs.values()) add(v, 0);
    return out;
  }

  private planExport(name: string, get: () => Value | undefined, type?: boolean): void {
    this.exportPlan.push(type ? { name, get, type } : { name, get });
  }

  private bindImport(s: ts.ImportDeclaration, scope: Scope): void {
    const clause = s.importClause;
    if (!clause || !ts.isStringLiteral(s.moduleSpecifier)) return;
    const spec = s.moduleSpecifier.text;
    const project = this.projectModule(spec);
    if (project) {
      if (clause.name) scope.vars.set(clause.name.text, { value: project.get('default') ?? namespaceOf(project), kind: 'import' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) scope.vars.set(nb.name.text, { value: namespaceOf(project), kind: 'import' });
      else if (nb) {
        for (const el of nb.elements) {
          const imported = el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text;
          const v = project.get(imported) ?? project.get('default')?.props?.get(imported);
          scope.vars.set(el.name.text, { value: v ?? withCategories(EMPTY, this.cls.name(el.name.text), el.name, el.name.text), kind: 'import' });
        }
      }
      return;
    }
    const models = this.dataModels?.(spec);
    if (models) {
      this.bindModels(clause, models, scope);
      return;
    }
    const mod = moduleValue(this.catalog, spec);
    const local = (name: ts.Identifier, v: Value) => {
      const value = v.ref ? v : withCategories(EMPTY, this.cls.name(name.text), name, name.text);
      scope.vars.set(name.text, { value, kind: 'import' });
    };
    if (clause.name) local(clause.name, mod);
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) local(nb.name, mod);
    else if (nb) {
      for (const el of nb.elements) {
        const imported = el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text;
        local(el.name, imported === 'default' ? mod : this.expressions.member(mod, imported, el, undefined, []));
      }
    }
  }

  /**
   * An ORM client module whose models come from the schema file: `User` is a type with the model's fields and
   * `new PrismaClient()` a client whose delegates (`prisma.user.findUnique(...)`) return them (dataModels.ts).
   */
  private bindModels(clause: ts.ImportClause, models: ReadonlyMap<string, TypeShape>, scope: Scope): void {
    const rules = this.catalog.categories.dataModels!;
    const nb = clause.namedBindings;
    if (!nb || !ts.isNamedImports(nb)) return;
    for (const el of nb.elements) {
      const imported = el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text;
      const shape = models.get(imported);
      if (shape) scope.vars.set(el.name.text, { value: { shape }, kind: 'import' });
      else if (rules.clients.includes(imported)) scope.vars.set(el.name.text, { value: { cls: this.modelClient(imported, models, el) }, kind: 'import' });
    }
  }

  private modelClient(name: string, models: ReadonlyMap<string, TypeShape>, node: ts.Node): ClassInfo {
    const rules = this.catalog.categories.dataModels!;
    const props = new Map<string, Value>();
    for (const [model, shape] of models) {
      const delegate = model.charAt(0).toLowerCase() + model.slice(1);
      const row = withShape(this.expressions, {}, shape, node, delegate, 0);
      const methods = new Map<string, Value>();
      const made = (method: string, returns: Value): Value => ({ fn: { name: `${delegate}.${method}`, state: 'done', summary: { returns, edges: [] } } });
      for (const m of rules.one) methods.set(m, made(m, row));
      for (const m of rules.many) methods.set(m, made(m, { ...dataOf(row), props: new Map([[ELEMENT, row]]) }));
      props.set(delegate, { props: methods });
    }
    return { name, fields: { props } };
  }

  narrowCase(discriminant: ts.Expression, tags: readonly string[], scope: Scope): Scope | undefined {
    const n = narrowTag(discriminant, tags, scope);
    if (!n) return undefined;
    const inner = new Scope(scope, scope.ctx);
    inner.vars.set(n.name, { value: n.yes, kind: scope.lookup(n.name)!.kind });
    return inner;
  }

  narrow(cond: ts.Expression, scope: Scope): { yes: Scope; no: Scope } | undefined {
    const n = narrowing(cond, scope);
    if (!n) return undefined;
    const kind = scope.lookup(n.name)!.kind;
    const yes = new Scope(scope, scope.ctx);
    yes.vars.set(n.name, { value: n.yes, kind });
    const no = new Scope(scope, scope.ctx);
    no.vars.set(n.name, { value: n.no, kind });
    return { yes, no };
  }

  /** Exports of a project file (not a catalog SDK), when the project host can resolve it. */
  private projectModule(spec: string): ModuleExports | undefined {
    if (!this.importer || isCatalogModule(this.catalog, spec)) return undefined;
    return this.importer(spec);
  }

  private planReexport(s: ts.ExportDeclaration, scope: Scope): void {
    const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
    const source = from !== undefined ? this.projectModule(from) ?? toExports(moduleValue(this.catalog, from)) : undefined;
    if (!s.exportClause) {
      if (source) for (const [k, v] of source) if (k !== 'default') this.planExport(k, () => v); // export * from
      return;
    }
    if (ts.isNamespaceExport(s.exportClause)) {
      const n = s.exportClause.name.text;
      if (source) this.planExport(n, () => namespaceOf(source));
      return;
    }
    for (const el of s.exportClause.elements) {
      const local = el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text;
      const name = el.name.text;
      if (source) this.planExport(name, () => source.get(local));
      else this.planExport(name, () => scope.lookup(local)?.value);
    }
  }
}

/** `import * as m from './m'`: an object whose properties are the exports. */
function namespaceOf(exports: ModuleExports): Value {
  const props = new Map<string, Value>();
  for (const [k, v] of exports) if (k !== 'default') props.set(k, v);
  const def = exports.get('default');
  if (def?.props) for (const [k, v] of def.props) if (!props.has(k)) props.set(k, v);
  return { props };
}

/** A catalog module seen as exports (for `export { x } from 'sdk'`): nothing to re-export but its root. */
function toExports(v: Value): ModuleExports | undefined {
  return v.ref ? new Map([['default', v]]) : undefined;
}
