import ts = require('typescript');
import type { CallSpec, Catalog, HttpClientSpec, WriteSpec } from '../catalog/load';
import { CALL, CALLBACK, NEW, laterCallbackParam, pathKey } from '../catalog/paths';
import { Classifier } from './classify';
import { GuardWords, guardBit } from './guardKinds';
import {
  TypeShape, CLEAN, ClassInfo, sameDep, Dep, Edge, EMPTY, FnInfo, LITERAL, ModuleExports, Ref, SinkHit, Step, Summary, Taint, Value,
  dataOf, extend, hasData, nameable, stampFile, stringValue, union, unionAll, withCategories,
} from './values';

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
}

export class Cancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

interface Binding {
  value: Value;
  kind: 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import' | 'other';
}

class Scope {
  readonly vars = new Map<string, Binding>();
  /** Interfaces and type aliases declared here (types live apart from values). */
  types?: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
  constructor(readonly parent: Scope | undefined, readonly ctx: FnCtx) {}
  lookupType(name: string): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const t = s.types?.get(name);
      if (t) return t;
    }
    return undefined;
  }
  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

interface FnCtx {
  info?: FnInfo;
  returns: Value[];
  edges: Edge[];
  deferred: FnInfo[];
  thisValue?: Value;
}

interface EvalOpts {
  /** Object-literal keys describe a person (identify traits, `const user = {...}`). */
  person?: boolean;
}

const MAX_DEPTH = 700;
/** The property under which an array literal keeps the shape of its elements. */
const ELEMENT = '[]';
/** Generic types that hold their argument's members. */
const TYPE_WRAPPERS = new Set(['Partial', 'Required', 'Readonly', 'NonNullable', 'Awaited', 'Promise']);
/** Longest property path a parameter dependency records (props.user.profile.email). */
const MAX_DEP_PATH = 1;
const GLOBAL_OBJECT_NAMES = new Set(['window', 'globalThis', 'self', 'top', 'parent', 'frames']);
const ARRAY_CALLBACK_METHODS = new Set(['forEach', 'map', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'findIndex', 'sort']);
/** Array methods whose result is built from what their callback returns. */
const RESULT_CALLBACK_METHODS = new Set(['map', 'flatMap', 'reduce', 'reduceRight']);
const MUTATING_ARRAY_METHODS = new Set(['push', 'unshift', 'splice', 'add', 'set', 'append']);
const GLOBAL_OBJECT_REF: Ref = { root: 'g', path: [] };
/** Built-ins whose result is a boolean or a number, never the data they look at. */
const CLEAN_FUNCTIONS = new Set(['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Array.isArray', 'Object.keys', 'Date.now']);
const CLEAN_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'some', 'every', 'has',
  'localeCompare', 'search', 'findIndex', 'findLastIndex', 'getTime', 'hasOwnProperty', 'isValid', 'isEmpty', 'charCodeAt', 'codePointAt']);

/**
 * Walks one file once, in source order, tracking values through scopes, and records every place where
 * a value carrying personal data reaches a sink of the catalog.
 */
export class Evaluator {
  readonly hits: Hit[] = [];
  /** True when an expression nested deeper than the engine follows was skipped. */
  truncated = false;
  private depth = 0;
  /** The kinds of check (guardKinds.ts mask) the enclosing branches and early exits make. */
  private guardKinds = 0;
  /** The file itself reads an opt-out preference signal (computed once, when first needed). */
  private fileChecksOptOut?: boolean;
  private guardWords?: GuardWords;
  private work = 0;
  private readonly cls: Classifier;
  private readonly receiverMethods: Set<string>;
  private readonly propagatingFunctions: Set<string>;
  private readonly stringKeyReaders: Set<string>;
  private readonly maskChars: string;

  /** Module scope, kept after run() to read exports. */
  private moduleScope?: Scope;
  /** How each export gets its value once the module has run. */
  private readonly exportPlan: { name: string; get: () => Value | undefined }[] = [];
  /** CommonJS exports written with module.exports / exports.x. */
  private readonly cjs = new Map<string, Value>();

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly catalog: Catalog,
    classifier: Classifier,
    private readonly isCancelled: () => boolean = () => false,
    private readonly extraSanitizers: ReadonlySet<string> = new Set(),
    /** Exports of a project module imported with `spec`, if the project can resolve it. */
    private readonly importer?: (spec: string) => ModuleExports | undefined,
  ) {
    this.cls = classifier;
    const p = catalog.categories.propagators;
    this.receiverMethods = new Set(p.receiverMethods);
    this.propagatingFunctions = new Set(p.functions);
    this.stringKeyReaders = new Set(catalog.categories.stringKeyReaders.methods);
    this.maskChars = p.maskChars;
  }

  run(): void {
    const ctx: FnCtx = { returns: [], edges: [], deferred: [] };
    const scope = new Scope(undefined, ctx);
    this.moduleScope = scope;
    this.execBlock(this.sf.statements, scope);
    this.drain(ctx);
  }

  /** What this module exports, after run(): functions with their summaries, SDK instances, objects. */
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

  private planExport(name: string, get: () => Value | undefined): void {
    this.exportPlan.push({ name, get });
  }

  // ───────────────────────────── statements ─────────────────────────────

  private execBlock(statements: readonly ts.Statement[], scope: Scope): void {
    this.hoist(statements, scope);
    const outer = this.guardKinds;
    for (const s of statements) {
      this.exec(s, scope);
      // `if (navigator.globalPrivacyControl) return;`: the rest of the block runs only after the check.
      if (ts.isIfStatement(s) && exits(s.thenStatement)) this.guardKinds |= this.mentionsOptOut(s.expression);
    }
    this.guardKinds = outer;
  }

  /** Declares every name of a block before running it, so closures and hoisted calls see locals. */
  private hoist(statements: readonly ts.Statement[], scope: Scope): void {
    for (const s of statements) {
      if (isAmbient(s)) continue;
      const exported = scope === this.moduleScope && s.kind !== ts.SyntaxKind.ExpressionStatement && hasModifier(s, ts.SyntaxKind.ExportKeyword);
      const isDefault = exported && hasModifier(s, ts.SyntaxKind.DefaultKeyword);
      if (ts.isFunctionDeclaration(s)) {
        if (s.body) {
          const fn = this.makeFn(s, scope, s.name?.text ?? 'default');
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
            const shape = this.declShape(decl, scope, 0);
            return shape ? { shape } : undefined;
          });
        }
      } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
        scope.vars.set(s.name.text, { value: EMPTY, kind: 'other' });
      } else if (ts.isImportDeclaration(s)) {
        this.bindImport(s, scope);
      } else if (ts.isExportDeclaration(s) && scope === this.moduleScope && !s.isTypeOnly) {
        this.planReexport(s, scope);
      } else if (ts.isImportEqualsDeclaration(s)) {
        const ref = ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)
          ? this.moduleValue(s.moduleReference.expression.text)
          : EMPTY;
        scope.vars.set(s.name.text, { value: ref, kind: 'import' });
      }
    }
  }

  private exec(node: ts.Statement, scope: Scope): void {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.truncated = true;
      return;
    }
    this.tick();
    try {
      this.execInner(node, scope);
    } finally {
      this.depth--;
    }
  }

  private execInner(node: ts.Statement, scope: Scope): void {
    switch (node.kind) {
      case ts.SyntaxKind.VariableStatement: {
        if (isAmbient(node)) return;
        this.execDeclarationList((node as ts.VariableStatement).declarationList, scope);
        return;
      }
      case ts.SyntaxKind.ExpressionStatement:
        this.eval((node as ts.ExpressionStatement).expression, scope);
        return;
      case ts.SyntaxKind.IfStatement: {
        const n = node as ts.IfStatement;
        this.eval(n.expression, scope);
        const outer = this.guardKinds;
        this.guardKinds |= this.mentionsOptOut(n.expression);
        this.execNested(n.thenStatement, scope);
        if (n.elseStatement) this.execNested(n.elseStatement, scope);
        this.guardKinds = outer;
        return;
      }
      case ts.SyntaxKind.Block:
        this.execBlock((node as ts.Block).statements, new Scope(scope, scope.ctx));
        return;
      case ts.SyntaxKind.ReturnStatement: {
        const e = (node as ts.ReturnStatement).expression;
        if (e) scope.ctx.returns.push(this.eval(e, scope));
        return;
      }
      case ts.SyntaxKind.ThrowStatement:
        this.eval((node as ts.ThrowStatement).expression, scope);
        return;
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement: {
        const n = node as ts.ForOfStatement | ts.ForInStatement;
        const inner = new Scope(scope, scope.ctx);
        const iterable = this.eval(n.expression, scope);
        const element = ts.isForOfStatement(n) ? this.elementOf(iterable) : EMPTY;
        if (ts.isVariableDeclarationList(n.initializer)) {
          for (const d of n.initializer.declarations) this.bindName(d.name, element, inner, 'let', d.type);
        } else {
          this.assign(n.initializer, element, inner, n.initializer);
        }
        this.execNested(n.statement, inner);
        return;
      }
      case ts.SyntaxKind.ForStatement: {
        const n = node as ts.ForStatement;
        const inner = new Scope(scope, scope.ctx);
        if (n.initializer) {
          if (ts.isVariableDeclarationList(n.initializer)) this.execDeclarationList(n.initializer, inner);
          else this.eval(n.initializer, inner);
        }
        if (n.condition) this.eval(n.condition, inner);
        if (n.incrementor) this.eval(n.incrementor, inner);
        this.execNested(n.statement, inner);
        return;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement: {
        const n = node as ts.WhileStatement | ts.DoStatement;
        this.eval(n.expression, scope);
        this.execNested(n.statement, scope);
        return;
      }
      case ts.SyntaxKind.SwitchStatement: {
        const n = node as ts.SwitchStatement;
        this.eval(n.expression, scope);
        const inner = new Scope(scope, scope.ctx);
        const all = n.caseBlock.clauses.flatMap((c) => c.statements);
        this.hoist(all, inner);
        for (const c of n.caseBlock.clauses) {
          if (ts.isCaseClause(c)) this.eval(c.expression, inner);
          for (const s of c.statements) this.exec(s, inner);
        }
        return;
      }
      case ts.SyntaxKind.TryStatement: {
        const n = node as ts.TryStatement;
        this.exec(n.tryBlock, scope);
        if (n.catchClause) {
          const inner = new Scope(scope, scope.ctx);
          if (n.catchClause.variableDeclaration) this.bindName(n.catchClause.variableDeclaration.name, EMPTY, inner, 'let');
          this.exec(n.catchClause.block, inner);
        }
        if (n.finallyBlock) this.exec(n.finallyBlock, scope);
        return;
      }
      case ts.SyntaxKind.LabeledStatement:
        this.execNested((node as ts.LabeledStatement).statement, scope);
        return;
      case ts.SyntaxKind.ClassDeclaration: {
        const n = node as ts.ClassDeclaration;
        const v = this.evalClass(n, scope);
        if (n.name) scope.vars.set(n.name.text, { value: v, kind: 'class' });
        return;
      }
      case ts.SyntaxKind.ExportAssignment: {
        const v = this.eval((node as ts.ExportAssignment).expression, scope);
        if (scope === this.moduleScope) this.planExport('default', () => v);
        return;
      }
      case ts.SyntaxKind.ModuleDeclaration: {
        const n = node as ts.ModuleDeclaration;
        if (isAmbient(n) || !n.body) return;
        if (ts.isModuleBlock(n.body)) this.execBlock(n.body.statements, new Scope(scope, scope.ctx));
        else if (ts.isModuleDeclaration(n.body)) this.exec(n.body, scope);
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.DebuggerStatement:
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return;
      default:
        this.visitChildren(node, scope);
    }
  }

  private execNested(node: ts.Statement, scope: Scope): void {
    if (ts.isBlock(node)) this.exec(node, scope);
    else {
      const inner = new Scope(scope, scope.ctx);
      this.hoist([node], inner);
      this.exec(node, inner);
    }
  }

  private execDeclarationList(list: ts.VariableDeclarationList, scope: Scope): void {
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const person = ts.isIdentifier(d.name) && this.cls.isPerson(d.name.text);
      const init = d.initializer ? this.eval(d.initializer, scope, { person }) : EMPTY;
      this.bindName(d.name, init, scope, isConst ? 'const' : 'let', d.type);
    }
  }

  // ───────────────────────────── bindings ─────────────────────────────

  /**
   * Binds a declared name (or destructuring pattern) to a value. The name itself classifies the value
   * unless the value is a constant literal bound with `const` or the declared type is boolean/number.
   */
  private bindName(name: ts.BindingName, value: Value, scope: Scope, kind: Binding['kind'], type?: ts.TypeNode): void {
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
      if (type && !v.props && !v.fn && !v.cls && !v.ref && !v.clean && !v.literal) {
        // A declared object type (user: User, body: { email: string }) says what the value holds.
        const shape = this.typeShape(type, scope, 0);
        if (shape) v = this.withShape(v, shape, name, text, 0);
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
        let v = key !== undefined ? this.member(value, key, el, undefined, []) : dataOf(value);
        if (el.initializer) v = union(v, this.eval(el.initializer, scope));
        this.bindName(el.name, v, scope, kind);
      }
      return;
    }
    name.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      let v = el.dotDotDotToken ? dataOf(value) : this.index(value, i, el);
      if (el.initializer) v = union(v, this.eval(el.initializer, scope));
      this.bindName(el.name, v, scope, kind);
    });
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
    const mod = this.moduleValue(spec);
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
        local(el.name, imported === 'default' ? mod : this.member(mod, imported, el, undefined, []));
      }
    }
  }

  /** Exports of a project file (not a catalog SDK), when the project host can resolve it. */
  private projectModule(spec: string): ModuleExports | undefined {
    if (!this.importer || this.catalog.modules.has(spec) || this.catalog.modulePrefixes.some(([p]) => spec.startsWith(p))) return undefined;
    return this.importer(spec);
  }

  private planReexport(s: ts.ExportDeclaration, scope: Scope): void {
    const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
    const source = from !== undefined ? this.projectModule(from) ?? toExports(this.moduleValue(from)) : undefined;
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

  private moduleValue(spec: string): Value {
    let root = this.catalog.modules.get(spec);
    if (!root) {
      for (const [prefix, r] of this.catalog.modulePrefixes) if (spec.startsWith(prefix)) root = r;
    }
    return root ? this.resolve(root, []) : EMPTY;
  }

  // ───────────────────────────── refs ─────────────────────────────

  /** What `root` + `path` leads to: an SDK instance, a personal-data API, a path worth following, or nothing. */
  private resolve(root: string, path: readonly string[]): Value {
    const key = pathKey(root, path);
    const target = this.catalog.handles.get(key);
    if (target?.instance !== undefined) return { ref: { root: 'h:' + target.instance, path: [] } };
    if (target?.source) return { source: target.source };
    if (this.catalog.prefixes.has(key) || this.catalog.calls.has(key)) return { ref: { root, path } };
    return EMPTY;
  }

  private extendRef(ref: Ref | undefined, segment: string): Value {
    if (!ref) return EMPTY;
    if (ref.root === 'g') return this.catalog.globals.has(segment) ? this.resolve('g:' + segment, []) : EMPTY;
    if (segment === 'default' && ref.path.length === 0) return { ref }; // import('m').default, { default: x } = await import('m')
    const exact = this.resolve(ref.root, [...ref.path, segment]);
    // '*' in a catalog path is any property name (a Dexie table declared on the database: db.friends.add(v)).
    if (exact === EMPTY && /^[A-Za-z_$]/.test(segment)) return this.resolve(ref.root, [...ref.path, '*']);
    return exact;
  }

  /** A value from an API that yields personal data; property reads on it stay tainted (pos.coords.latitude). */
  private sourceTaint(v: Value, node: ts.Node): Value {
    if (!v.source) return v;
    return withCategories(v, [v.source.category], node, v.source.note);
  }

  // ───────────────────────────── expressions ─────────────────────────────

  eval(node: ts.Expression, scope: Scope, opts: EvalOpts = {}): Value {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.truncated = true;
      return EMPTY;
    }
    this.tick();
    try {
      return this.evalInner(node, scope, opts);
    } finally {
      this.depth--;
    }
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
        return this.elementOf(recv);
      }
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
        return this.call(node as ts.CallExpression | ts.NewExpression, scope);
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression: {
        // req.body as OrderInput: the asserted object type says what the value holds.
        const n = node as ts.AsExpression;
        const v = this.eval(n.expression, scope, opts);
        if (v.props || v.fn || v.cls || v.ref || v.clean || v.literal) return v;
        const shape = this.typeShape(n.type, scope, 0);
        return shape ? this.withShape(v, shape, n, receiverNames(n.expression)[0] ?? 'value', 0) : v;
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
        for (const span of n.templateSpans) out = union(out, dataOf(this.eval(span.expression, scope)));
        return out;
      }
      case ts.SyntaxKind.BinaryExpression:
        return this.binary(node as ts.BinaryExpression, scope);
      case ts.SyntaxKind.ConditionalExpression: {
        const n = node as ts.ConditionalExpression;
        this.eval(n.condition, scope);
        const outer = this.guardKinds;
        this.guardKinds |= this.mentionsOptOut(n.condition);
        const out = union(this.eval(n.whenTrue, scope, opts), this.eval(n.whenFalse, scope, opts));
        this.guardKinds = outer;
        return out;
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
        const fn = this.makeFn(node as ts.FunctionExpression, scope, fnName(node as ts.FunctionExpression));
        return { fn };
      }
      case ts.SyntaxKind.ClassExpression:
        return this.evalClass(node as ts.ClassExpression, scope);
      case ts.SyntaxKind.TaggedTemplateExpression: {
        // logger.fmt`user ${email}`: the text built carries what is interpolated (unless the tag masks it).
        const n = node as ts.TaggedTemplateExpression;
        this.eval(n.tag, scope);
        const text = this.eval(n.template, scope);
        const tag = ts.isIdentifier(n.tag) ? n.tag.text : ts.isPropertyAccessExpression(n.tag) ? n.tag.name.text : undefined;
        if (tag !== undefined && this.cls.sanitizes(tag, this.extraSanitizers)) return CLEAN;
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
        this.jsxElement(node as ts.JsxSelfClosingElement, scope);
        return EMPTY;
      case ts.SyntaxKind.JsxElement: {
        const n = node as ts.JsxElement;
        this.jsxElement(n.openingElement, scope);
        for (const child of n.children) if (child.kind !== ts.SyntaxKind.JsxText) this.eval(child as ts.Expression, scope);
        return EMPTY;
      }
      default:
        this.visitChildren(node, scope);
        return EMPTY;
    }
  }

  /** A JSX element: its props are evaluated, and an SDK component's data-carrying props are sinks. */
  private jsxElement(node: ts.JsxOpeningElement | ts.JsxSelfClosingElement, scope: Scope): void {
    const tagName = node.tagName;
    const intrinsic = ts.isIdentifier(tagName) && /^[a-z]/.test(tagName.text);
    const tag = intrinsic ? EMPTY : this.eval(tagName as ts.Expression, scope);
    const spec = tag.ref?.root.startsWith('h:') && !tag.ref.path.length ? this.catalog.jsx.get(tag.ref.root) : undefined;
    // A component of this project (<Identify email={user.email} />): its props object is the first
    // argument of the function, so the function's summary applies here as it does to a call.
    const component = !spec && tag.fn ? tag.fn : undefined;
    const props = component ? new Map<string, Value>() : undefined;
    let spread: Value = EMPTY;
    const field = this.formField(node);
    for (const attr of node.attributes.properties) {
      if (ts.isJsxSpreadAttribute(attr)) {
        const v = this.eval(attr.expression, scope, { person: !!spec?.profile });
        if (props) {
          if (v.props) for (const [k, pv] of v.props) props.set(k, pv);
          else spread = union(spread, v);
        }
        if (spec?.props.has('*')) this.record({ instance: spec.instance, api: `<${this.sf.text.slice(tagName.getStart(this.sf), tagName.end)}>`, node: attr }, v, attr, spec.profile, undefined);
        continue;
      }
      const name = ts.isIdentifier(attr.name) ? attr.name.text : attr.name.getText(this.sf);
      const init = attr.initializer;
      let v: Value = LITERAL;
      if (init && ts.isJsxExpression(init) && init.expression) v = this.eval(init.expression, scope, { person: !!spec?.profile });
      else if (init && (ts.isJsxElement(init) || ts.isJsxSelfClosingElement(init) || ts.isJsxFragment(init))) this.eval(init, scope);
      if (props) {
        let pv = v;
        if (nameable(pv)) pv = withCategories(pv, this.cls.key(name), attr.name, name);
        props.set(name, pv);
      }
      if (field && init && ts.isJsxExpression(init) && init.expression) this.formValue(field, name, init.expression, v, scope, attr);
      if (spec && (spec.props.has('*') || spec.props.has(name))) {
        const label = `<${this.sf.text.slice(tagName.getStart(this.sf), tagName.end)} ${name}>`;
        if (nameable(v)) v = withCategories(v, this.cls.key(name, { person: spec.profile }), attr.name, name);
        this.record({ instance: spec.instance, api: label, node: attr.name }, v, attr.name, spec.profile, undefined);
      }
    }
    if (component && props) {
      const arg: Value = { props };
      if (spread !== EMPTY) arg.open = true;
      addData(arg, spread);
      for (const pv of props.values()) addData(arg, pv);
      this.applySummary(component, [arg], tagName as ts.Expression);
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

  /** Unknown syntax (decorators, fragments, ...): still look inside for calls and writes. */
  private visitChildren(node: ts.Node, scope: Scope): void {
    ts.forEachChild(node, (child) => {
      if (isTypeNode(child)) return;
      if (ts.isBlock(child) || isStatementLike(child)) this.exec(child as ts.Statement, scope);
      else if (isExpressionLike(child)) this.eval(child as ts.Expression, scope);
      else this.visitChildren(child, scope);
    });
  }

  private identifier(node: ts.Identifier, scope: Scope): Value {
    const name = node.text;
    const b = scope.lookup(name);
    if (b) return b.value;
    if (name === 'undefined') return LITERAL;
    if (name === 'arguments' && scope.ctx.info) return { deps: [{ fn: scope.ctx.info, param: -1, step: { node } }] };
    if (GLOBAL_OBJECT_NAMES.has(name)) return { ref: GLOBAL_OBJECT_REF };
    if (this.catalog.globals.has(name)) return this.resolve('g:' + name, []);
    return withCategories(EMPTY, this.cls.name(name), node, name);
  }

  /** `recv.name`: follows refs, known object shapes and class fields, and classifies by the name. */
  private member(recv: Value, name: string, node: ts.Node, receiver: string | undefined, chain: readonly string[]): Value {
    let out = this.extendRef(recv.ref, name);
    // A distinctive method of an API reached through values the engine cannot follow (tx.objectStore('s')).
    if (out === EMPTY && !recv.ref && !recv.props?.has(name) && this.catalog.anchors.has(name)) out = this.resolve('a:' + name, []);
    if (out.source && !out.taints) out = this.sourceTaint(out, node);
    const known = recv.props?.get(name);
    if (known) out = union(out, known);
    if (recv.deps?.length && !known) {
      out = union(out, { deps: recv.deps.map((d) => ({ ...d, path: [...(d.path ?? []), name].slice(0, 4), step: { node, prev: d.step } })) });
    }
    if (recv.source && !known) out = union(out, { ...dataOf(recv), source: recv.source });
    const info = this.cls.member(name, receiver, () => !!recv.person || (receiver !== undefined && this.cls.isPerson(receiver)), chain);
    if (info.cats.length) out = withCategories(out, info.cats, node, receiver !== undefined ? `${receiver}.${name}` : name);
    else if (out === EMPTY && info.flag) return CLEAN; // user.hasSsnOnFile, form.isEmailValid
    if (info.person && !out.person) out = { ...out, person: true };
    return out;
  }

  /** `recv[i]` with a constant index. */
  private index(recv: Value, i: number, node: ts.Node): Value {
    const own = recv.props?.get(`[${i}]`); // a tuple of known shape: const [form, setForm] = useState({...})
    if (own) return extend(own, node);
    let out = this.extendRef(recv.ref, `[${i}]`);
    out = union(out, this.elementOf(recv));
    return extend(out, node);
  }

  /** An element of a collection: the collection's data, and personhood (users[i] is a user). */
  private elementOf(v: Value): Value {
    const shape = v.props?.get(ELEMENT);
    if (shape) {
      // Data added later (rows.push(x)) is not in the literal's shape: keep what the shape lacks.
      const extra = (v.taints ?? []).filter((t) => !shape.taints?.some((x) => x.cat === t.cat));
      const out: Value = { ...shape, open: true };
      if (extra.length) out.taints = [...(shape.taints ?? []), ...extra];
      if (v.person) out.person = true;
      return out;
    }
    const d = dataOf(v);
    return v.person ? { ...d, person: true } : d;
  }

  private binary(node: ts.BinaryExpression, scope: Scope): Value {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      const rhs = this.eval(node.right, scope, { person: targetIsPerson(node.left, this.cls) });
      this.assign(node.left, rhs, scope, node.left, node.right);
      return rhs;
    }
    if (isCompoundAssignment(op)) {
      const rhs = this.eval(node.right, scope);
      const lhs = this.eval(node.left, scope);
      const v = op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.PlusEqualsToken
        ? union(dataOf(lhs), rhs)
        : EMPTY;
      if (v !== EMPTY) this.assign(node.left, v, scope, node.left);
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
    // The opt-out checks the left operand mentions, grown operand by operand: each is walked once, not every
    // prefix of the chain again (a 100,000-term `&&` chain would be quadratic).
    const shortCircuits = chain.some((b) => isShortCircuit(b.operatorToken.kind));
    let leftKinds = shortCircuits ? this.mentionsOptOut(cur) : 0;
    for (let i = chain.length - 1; i >= 0; i--) {
      const b = chain[i];
      this.tick();
      const outer = this.guardKinds;
      if (isShortCircuit(b.operatorToken.kind)) this.guardKinds |= leftKinds;
      const right = this.eval(b.right, scope);
      this.guardKinds = outer;
      acc = combine(b.operatorToken.kind, acc, right);
      if (shortCircuits && i > 0) leftKinds |= this.mentionsOptOut(b.right);
    }
    return acc;
  }

  // ───────────────────────────── writes ─────────────────────────────

  private assign(target: ts.Node, value: Value, scope: Scope, reportNode: ts.Node, rhs?: ts.Expression): void {
    if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target) || ts.isAsExpression(target)) {
      this.assign(target.expression, value, scope, reportNode, rhs);
      return;
    }
    if (ts.isIdentifier(target)) {
      const b = scope.lookup(target.text);
      if (b) {
        if (b.kind !== 'function') b.value = union(b.value, extend(value, target, target.text));
        return;
      }
      if (this.catalog.globals.has(target.text)) this.writeToRef(this.resolve('g:' + target.text, []).ref, value, reportNode, rhs);
      return;
    }
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      if (this.cjsExport(target, value, scope)) return;
      const recv = this.eval(target.expression, scope);
      let prop: string | undefined;
      if (ts.isPropertyAccessExpression(target)) prop = target.name.text;
      else if (ts.isStringLiteralLike(target.argumentExpression) || ts.isNumericLiteral(target.argumentExpression)) prop = target.argumentExpression.text;
      else {
        const k = this.eval(target.argumentExpression, scope);
        prop = k.str;
      }
      // A write on an SDK instance (localStorage.x = v), or to the instance itself (window.intercomSettings = v).
      if (recv.ref?.root.startsWith('h:') && recv.ref.path.length === 0) {
        const spec = this.catalog.writes.get(pathKey(recv.ref.root, [prop ?? '*'])) ?? this.catalog.writes.get(pathKey(recv.ref.root, ['*']));
        if (spec) this.sinkWrite(spec, value, reportNode, prop, target, rhs);
      } else if (prop !== undefined && !recv.ref && ts.isPropertyAccessExpression(target)) {
        this.nestedWrite(target, value, scope, reportNode, rhs);
      }
      if (prop !== undefined) this.writeToRef(this.extendRef(recv.ref, prop).ref, value, reportNode, rhs);
      // Remember what local objects hold: traits.email = x.
      if (prop !== undefined) this.storeProp(target.expression, recv, prop, value, scope);
      return;
    }
    if (ts.isObjectLiteralExpression(target)) {
      for (const p of target.properties) {
        if (ts.isShorthandPropertyAssignment(p)) this.assign(p.name, this.member(value, p.name.text, p.name, undefined, []), scope, p.name);
        else if (ts.isPropertyAssignment(p)) {
          const key = propertyNameText(p.name);
          this.assign(p.initializer, key !== undefined ? this.member(value, key, p.name, undefined, []) : dataOf(value), scope, p.initializer);
        }
      }
      return;
    }
    if (ts.isArrayLiteralExpression(target)) {
      target.elements.forEach((el, i) => {
        if (!ts.isOmittedExpression(el)) this.assign(ts.isSpreadElement(el) ? el.expression : el, this.index(value, i, el), scope, el);
      });
    }
  }

  /** module.exports = v, module.exports.x = v, exports.x = v (CommonJS), when `module`/`exports` are not locals. */
  private cjsExport(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Value, scope: Scope): boolean {
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
      base = this.catalog.globals.has(name) ? this.resolve('g:' + name, []) : EMPTY;
    } else {
      base = this.eval(e, scope);
    }
    if (segs.length < 2) return;
    if (!base.ref?.root.startsWith('h:') || base.ref.path.length) return;
    const spec = this.catalog.writes.get(pathKey(base.ref.root, [segs[0]])) ?? this.catalog.writes.get(pathKey(base.ref.root, ['*']));
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
    this.sinkWrite(spec, v, reportNode, segs[0], target, rhs);
  }

  private writeToRef(ref: Ref | undefined, value: Value, reportNode: ts.Node, rhs: ts.Expression | undefined): void {
    if (!ref?.root.startsWith('h:') || ref.path.length) return;
    const spec = this.catalog.writes.get(ref.root);
    if (spec) this.sinkWrite(spec, value, reportNode, undefined, reportNode, rhs);
  }

  private storeProp(recvExpr: ts.Expression, recv: Value, prop: string, value: Value, scope: Scope): void {
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

  // ───────────────────────────── calls ─────────────────────────────

  private call(node: ts.CallExpression | ts.NewExpression, scope: Scope): Value {
    const isNew = ts.isNewExpression(node);
    const calleeExpr = node.expression;
    let recv: Value | undefined;
    let method: string | undefined;
    let callee: Value;
    if (!isNew && calleeExpr.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments?.[0];
      if (!arg || !ts.isStringLiteralLike(arg)) return EMPTY;
      const project = this.projectModule(arg.text);
      return project ? namespaceOf(project) : this.moduleValue(arg.text);
    }
    if (ts.isPropertyAccessExpression(calleeExpr) && !ts.isPrivateIdentifier(calleeExpr.name)) {
      recv = this.eval(calleeExpr.expression, scope);
      method = calleeExpr.name.text;
      callee = this.member(recv, method, calleeExpr.name, ...receiverNames(calleeExpr.expression));
    } else if (ts.isElementAccessExpression(calleeExpr) && ts.isStringLiteralLike(calleeExpr.argumentExpression)) {
      recv = this.eval(calleeExpr.expression, scope);
      method = calleeExpr.argumentExpression.text;
      callee = this.member(recv, method, calleeExpr.argumentExpression, ...receiverNames(calleeExpr.expression));
    } else {
      callee = this.eval(calleeExpr, scope);
    }
    const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const calleeName = method ?? (ts.isIdentifier(calleeExpr) ? calleeExpr.text : undefined);

    if (!isNew && ts.isIdentifier(calleeExpr) && calleeExpr.text === 'require' && !scope.lookup('require')) {
      const arg = args[0];
      if (!arg || !ts.isStringLiteralLike(arg)) return EMPTY;
      const project = this.projectModule(arg.text);
      return project ? project.get('default') ?? namespaceOf(project) : this.moduleValue(arg.text);
    }

    const ref = callee.ref;
    const spec = !isNew && ref ? this.catalog.calls.get(pathKey(ref.root, ref.path)) : undefined;
    const cbTarget = ref ? this.resolve(ref.root, [...ref.path, CALLBACK]) : EMPTY;

    // Arguments, with what the callee tells us about them.
    const profile = spec ? this.isProfileCall(spec, args) : false;
    const values: Value[] = [];
    args.forEach((arg, i) => {
      const v = this.eval(arg, scope, { person: profile });
      values.push(ts.isSpreadElement(arg) ? dataOf(v) : v);
      if (v.fn && i < 3) this.hintCallback(v.fn, cbTarget, method, recv, arg);
      if (v.fn && ref) this.hintLaterParams(v.fn, ref);
      // A callback in an options object: posthog.init(key, { loaded: (ph) => ... }).
      if (ref && v.props && ts.isObjectLiteralExpression(arg)) {
        for (const [key, pv] of v.props) {
          if (!pv.fn) continue;
          const target = this.resolve(ref.root, [...ref.path, `(cb:${key})`]);
          if (target.ref || target.source) this.hintCallback(pv.fn, target, undefined, undefined, arg);
        }
      }
    });

    if (spec) this.sinkCall(spec, values, args, reportNodeOf(calleeExpr));
    const http = !isNew && ref ? this.catalog.http.get(pathKey(ref.root, ref.path)) : undefined;
    if (http) this.httpCall(http, values, args, scope, reportNodeOf(calleeExpr));
    // The call that creates an SDK instance may itself carry data (new Rollbar({ payload: { person } })).
    const creating = ref ? this.catalog.handles.get(pathKey(ref.root, [...ref.path, isNew ? NEW : CALL])) : undefined;
    if (creating?.creation && creating.instance !== undefined) {
      const label = (isNew ? 'new ' : '') + this.sf.text.slice(calleeExpr.getStart(this.sf), calleeExpr.end).replace(/\s+/g, '') + '()';
      const hit: SinkHit = { instance: creating.instance, api: label, node: calleeExpr };
      for (const v of values) this.record(hit, v, calleeExpr, creating.creation.profile, undefined);
    }
    let result: Value = EMPTY;
    // Builders return the instance itself: identify.set('plan', p).set('email', e).
    if (spec?.returnsInstance && ref) result = { ref: { root: ref.root, path: [] } };
    if (callee.fn) result = this.applySummary(callee.fn, values, calleeExpr);
    else if (calleeName && !callee.cls && !callee.ref && !isNew) result = union(result, this.stateHook(calleeName, values, args));
    // A function named as a sanitizer (maskEmail, getEmailDomain) returns clean data, whatever its body does.
    if (calleeName && this.cls.sanitizes(calleeName, this.extraSanitizers)) result = { ...result, taints: undefined, deps: undefined, clean: true };
    else if (callee.cls && isNew) result = { props: callee.cls.fields.props, cls: callee.cls, person: callee.person };

    // The call's result: an SDK instance (AnalyticsBrowser.load()), an API source, or derived data.
    let next = this.extendRef(ref, isNew ? NEW : CALL);
    if (next.source) next = this.sourceTaint(next, node);
    result = union(result, next);
    result = union(result, this.derivedResult(node, calleeExpr, calleeName, recv, values, args, isNew));
    // A constructed object is a fresh value that later writes (identify.set('email', x)) can fill.
    return isNew && result === EMPTY ? {} : result;
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
    const made = (): Value => (first.fn ? this.applySummary(first.fn, [], args[0]) : first);
    if (hooks.identity.includes(name)) return first.props ? this.emptyShape(first, args[0], 0) : first;
    if (hooks.factory.includes(name)) return first.fn ? this.applySummary(first.fn, [], args[0]) : EMPTY;
    if (hooks.state.includes(name)) {
      const init = made();
      const state = init.literal ? EMPTY : this.emptyShape(init, args[0], 0);
      return { props: new Map([['[0]', state]]), ...dataOf(state), ...(state.person ? { person: true } : {}) };
    }
    const box = Object.prototype.hasOwnProperty.call(hooks.box, name) ? hooks.box[name] : undefined;
    if (box) {
      const inner = first.literal ? EMPTY : this.emptyShape(first, args[0], 0);
      return { props: new Map([[box, inner]]), ...dataOf(inner) };
    }
    return EMPTY;
  }

  /** The members of a declared type, when the file (or a file it imports) declares it as an object. */
  private typeShape(type: ts.TypeNode, scope: Scope, depth: number): TypeShape | undefined {
    if (depth > 3) return undefined;
    if (ts.isParenthesizedTypeNode(type)) return this.typeShape(type.type, scope, depth);
    if (ts.isTypeLiteralNode(type)) return this.membersShape(type.members, scope, depth);
    if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
      let out: TypeShape | undefined;
      for (const t of type.types) {
        const sh = this.typeShape(t, scope, depth + 1);
        if (sh) for (const [k, v] of sh) (out ??= new Map()).set(k, v);
      }
      return out;
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const name = type.typeName.text;
      const arg = type.typeArguments?.[0];
      if (arg && TYPE_WRAPPERS.has(name)) return this.typeShape(arg, scope, depth + 1);
      if (arg && name === 'Pick' && type.typeArguments!.length === 2) {
        const sh = this.typeShape(arg, scope, depth + 1);
        const keys = literalKeys(type.typeArguments![1]);
        return sh && keys ? new Map([...sh].filter(([k]) => keys.has(k))) : undefined;
      }
      if (arg && name === 'Omit' && type.typeArguments!.length === 2) {
        const sh = this.typeShape(arg, scope, depth + 1);
        const keys = literalKeys(type.typeArguments![1]);
        return sh && keys ? new Map([...sh].filter(([k]) => !keys.has(k))) : sh;
      }
      const decl = scope.lookupType(name);
      if (decl) return this.declShape(decl, scope, depth + 1);
      return scope.lookup(name)?.value.shape;
    }
    return undefined;
  }

  private declShape(decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration, scope: Scope, depth: number): TypeShape | undefined {
    if (depth > 3) return undefined;
    if (ts.isTypeAliasDeclaration(decl)) return this.typeShape(decl.type, scope, depth);
    let out = this.membersShape(decl.members, scope, depth);
    for (const h of decl.heritageClauses ?? []) {
      for (const t of h.types) {
        if (!ts.isIdentifier(t.expression)) continue;
        const base = scope.lookupType(t.expression.text);
        const sh = base ? this.declShape(base, scope, depth + 1) : scope.lookup(t.expression.text)?.value.shape;
        if (sh) for (const [k, v] of sh) if (!out?.has(k)) (out ??= new Map()).set(k, v);
      }
    }
    return out;
  }

  private membersShape(members: ts.NodeArray<ts.TypeElement>, scope: Scope, depth: number): TypeShape | undefined {
    let out: TypeShape | undefined;
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const key = propertyNameText(m.name);
      if (key === undefined || isNonDataType(m.type) || (m.type && ts.isFunctionTypeNode(m.type))) continue;
      (out ??= new Map()).set(key, m.type ? this.typeShape(m.type, scope, depth + 1) ?? null : null);
    }
    return out;
  }

  /** A value of a declared type: its members become known properties, named by their keys. */
  private withShape(v: Value, shape: TypeShape, node: ts.Node, receiver: string, depth: number): Value {
    const props = new Map<string, Value>();
    const out: Value = { ...v, props, open: true };
    const bare: Value = { ...v, props: undefined, open: undefined };
    for (const [k, sub] of shape) {
      let mv = this.member(bare, k, node, receiver, []);
      if (sub && depth < 2 && !mv.clean) mv = this.withShape(mv, sub, node, k, depth + 1);
      props.set(k, mv);
      addData(out, mv);
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

  /** An initial form state: `{ cardNumber: '', cvc: '' }` holds a card number and a security code. */
  private emptyShape(v: Value, node: ts.Node, depth: number): Value {
    if (!v.props || depth > 2) return v;
    const props = new Map<string, Value>();
    const out: Value = { props };
    if (v.open) out.open = true;
    if (v.person) out.person = true;
    addData(out, v);
    for (const [k, pv] of v.props) {
      let nv = pv;
      if (pv.literal && !pv.fn) nv = withCategories(EMPTY, this.cls.key(k, { person: v.person }), node, k);
      else if (pv.props) nv = this.emptyShape(pv, node, depth + 1);
      props.set(k, nv);
      addData(out, nv);
    }
    return out;
  }

  private isProfileCall(spec: CallSpec, args: ts.NodeArray<ts.Expression>): boolean {
    if (spec.profile === true) return true;
    return Array.isArray(spec.profile) && isCommand(spec.profile, spec.command, args);
  }

  /** What a callback's first parameter will hold: an SDK scope, a geolocation position, an element. */
  private hintCallback(fn: FnInfo, cbTarget: Value, method: string | undefined, recv: Value | undefined, arg: ts.Node): void {
    let hint: Value | undefined;
    if (cbTarget.ref) hint = cbTarget;
    else if (cbTarget.source) hint = this.sourceTaint(cbTarget, arg);
    else if (method === 'then' && recv) hint = recv;
    else if (method && recv && ARRAY_CALLBACK_METHODS.has(method) && (hasData(recv) || recv.person)) hint = this.elementOf(recv);
    else if ((method === 'reduce' || method === 'reduceRight') && recv && (hasData(recv) || recv.person)) {
      // list.reduce((acc, user) => ..., init): the element is the second parameter.
      (fn.hints ??= [])[1] = this.elementOf(recv);
      return;
    }
    if (hint) (fn.hints ??= [])[0] = hint;
  }

  /** What a callback's second or third parameter will hold: `res` of `app.get(path, (req, res) => ...)`. */
  private hintLaterParams(fn: FnInfo, ref: Ref): void {
    for (const n of [2, 3]) {
      const target = this.resolve(ref.root, [...ref.path, laterCallbackParam(n)]);
      if (target.ref) (fn.hints ??= [])[n - 1] = target;
    }
  }

  /** Results of calls the engine cannot see into: getters, string-keyed readers, propagators, sanitizers. */
  private derivedResult(
    node: ts.CallExpression | ts.NewExpression, calleeExpr: ts.Expression, calleeName: string | undefined,
    recv: Value | undefined, values: Value[], args: ts.NodeArray<ts.Expression>, isNew: boolean,
  ): Value {
    if (!calleeName) return EMPTY;
    if (this.cls.sanitizes(calleeName, this.extraSanitizers)) return CLEAN;
    let out: Value = EMPTY;
    const full = dottedName(calleeExpr);
    if ((full && CLEAN_FUNCTIONS.has(full)) || (recv && CLEAN_METHODS.has(calleeName)) || (!recv && this.cls.isFlag(calleeName))) return CLEAN;
    // rows.map((r) => r.id) is what the callback returns (below), not every row's data.
    const mapsByCallback = RESULT_CALLBACK_METHODS.has(calleeName) && !!values[0]?.fn;
    if (recv && !mapsByCallback && this.receiverMethods.has(calleeName) && (hasData(recv) || recv.person)) {
      if (!((calleeName === 'replace' || calleeName === 'replaceAll') && this.isMasking(args[1]))) {
        out = union(out, extend(this.elementOf(recv), node));
      }
    }
    if (recv && !recv.ref && values[0]?.fn && RESULT_CALLBACK_METHODS.has(calleeName)) {
      // users.map((u) => ({ contact: u.email })), list.reduce((acc, u) => acc + u.email, ''): the result
      // is what the callback returns (and, for a reduction, the initial value).
      const reducing = calleeName === 'reduce' || calleeName === 'reduceRight';
      const cbArgs = reducing ? [values[1] ?? EMPTY, this.elementOf(recv)] : [this.elementOf(recv)];
      const returned = dataOf(this.applySummary(values[0].fn, cbArgs, calleeExpr));
      out = union(out, extend(reducing ? union(returned, dataOf(values[1] ?? EMPTY)) : returned, node));
    }
    if (recv && MUTATING_ARRAY_METHODS.has(calleeName)) {
      // arr.push(email): the array now holds it.
      const added = unionAll(values.map(dataOf));
      if (hasData(added)) addData(recv, added);
    }
    if ((full && this.propagatingFunctions.has((isNew ? 'new ' : '') + full)) || this.cls.propagatesThrough(calleeName)) {
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

  // ───────────────────────────── sinks ─────────────────────────────

  private sinkCall(spec: CallSpec, values: Value[], args: ts.NodeArray<ts.Expression>, calleeExpr: ts.Node): void {
    const inst = this.catalog.instances[spec.instance];
    let api = spec.method ? `${inst.label}.${spec.method}` : inst.label;
    if (spec.command !== undefined) {
      const cmd = args[spec.command];
      if (cmd && ts.isStringLiteralLike(cmd)) api += `('${cmd.text}')`;
    }
    const hit: SinkHit = { instance: spec.instance, api, node: calleeExpr };
    // A pixel's init or event sends a request tied to the device whatever its arguments.
    if (spec.fires && (spec.fires === true || isCommand(spec.fires, spec.command, args))) this.hits.push({ node: calleeExpr, sink: hit, taints: [], tail: [], fires: true, ...guardsOf(this.optOutGuarded()) });
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
      if (keyCats.length && nameable(v)) {
        v = spec.keyArg !== undefined
          ? withCategories(v, keyCats, args[spec.keyArg], `key '${values[spec.keyArg].str}'`)
          : withCategories(v, keyCats, calleeExpr, spec.method);
      }
      this.record(hit, v, calleeExpr, !!spec.profile, keyParam);
    }
  }

  /** fetch / axios / ky / got to a host a vendor lists: the vendor's HTTP API is the sink. */
  private httpCall(spec: HttpClientSpec, values: Value[], args: ts.NodeArray<ts.Expression>, scope: Scope, calleeExpr: ts.Node): void {
    let urlExpr: ts.Expression | undefined = args[spec.url];
    if (urlExpr && spec.urlKey && ts.isObjectLiteralExpression(urlExpr)) {
      const p = urlExpr.properties.find((x) => x.name && propertyNameText(x.name) === spec.urlKey);
      urlExpr = p && ts.isPropertyAssignment(p) ? p.initializer : p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    }
    const url = urlExpr ? urlPrefix(urlExpr, scope, 0) : undefined;
    const m = url !== undefined ? /^\s*(?:https?:)?\/\/([^/:?#\s]+)(?::\d+)?([^?#\s]*)/i.exec(url) : null;
    if (!m) return;
    const host = m[1].toLowerCase();
    const urlPath = m[2] || '/';
    let sink;
    for (let h = host; h && !sink; h = h.includes('.') ? h.slice(h.indexOf('.') + 1) : '') {
      sink = this.catalog.hostRoutes.get(h)?.find((r) => r.path.test(urlPath))?.sink ?? this.catalog.hosts.get(h);
    }
    const instance = sink ? this.catalog.hostInstances.get(sink.id) : undefined;
    if (instance === undefined) return;
    const hit: SinkHit = { instance, api: `${spec.label} ${host}`, node: calleeExpr };
    for (const i of spec.data) if (values[i]) this.record(hit, values[i], calleeExpr, false, undefined);
  }

  private sinkWrite(spec: WriteSpec, value: Value, reportNode: ts.Node, prop: string | undefined, target: ts.Node, rhs: ts.Expression | undefined): void {
    const label = this.catalog.instances[spec.instance].label;
    const api = spec.property === '$' ? label
      : spec.property === '*' ? (prop !== undefined ? `${label}.${prop}` : `${label}[key]`)
      : `${label}.${spec.property}`;
    const hit: SinkHit = { instance: spec.instance, api, node: reportNode };
    let v = value;
    // raygunClient.user = (req) => ({ email: req.user.email }): the SDK calls it and sends what it returns.
    if (v.fn) v = union(dataOf(v), this.applySummary(v.fn, [], reportNode as ts.Expression));
    if (spec.keyFromProperty && prop !== undefined && nameable(v)) v = withCategories(v, this.cls.key(prop), target, api);
    if (spec.cookieString && rhs && nameable(v)) {
      const head = leadingText(rhs);
      const m = head !== undefined ? /(?:^|;\s*)([A-Za-z_$][\w$.-]*)\s*=\s*$/.exec(head) : null;
      if (m) v = withCategories(v, this.cls.key(m[1]), rhs, `cookie '${m[1]}'`);
    }
    this.record(hit, v, reportNode, spec.profile, undefined);
  }

  /** Data reaching a sink: concrete categories become hits; parameters become edges of the summary. */
  private record(hit: SinkHit, v: Value, node: ts.Node, profile: boolean, keyParam: number | undefined): void {
    if (!v.taints?.length && !v.deps?.length) return;
    const guards = this.optOutGuarded();
    if (v.taints?.length) this.hits.push({ node, sink: hit, taints: v.taints, tail: [], ...guardsOf(guards) });
    const intrinsic = new Set((v.taints ?? []).map((t) => t.cat));
    for (const dep of v.deps ?? []) {
      const ctx = dep.fn.ctx as FnCtx | undefined;
      if (dep.fn.state === 'running' && ctx) ctx.edges.push({ dep, sink: hit, keyParam, profile, intrinsic, ...guardsOf(guards) });
    }
  }

  /**
   * The kinds of check (guardKinds.ts mask, 0: none) the code being evaluated runs behind: a branch whose
   * condition mentions one (`if (!navigator.globalPrivacyControl) fbq(...)`, `consent && ttq.track()`), an
   * early exit on one (`if (optedOut) return;`), a function defined there; and the signal anywhere in a
   * file that reads it itself (categories.json `optOutChecks`).
   */
  private optOutGuarded(): number {
    const words = this.optOutWords();
    if (!words) return this.guardKinds;
    this.fileChecksOptOut ??= words.readsSignal(this.sf.text);
    return this.guardKinds | (this.fileChecksOptOut ? guardBit('signal') : 0);
  }

  private optOutWords(): GuardWords | undefined {
    const checks = this.catalog.categories.optOutChecks;
    if (checks && !this.guardWords) this.guardWords = new GuardWords(checks);
    return this.guardWords;
  }

  /** The kinds of check a condition makes: its names and strings (see optOutGuarded); 0 for none. */
  private mentionsOptOut(cond: ts.Node): number {
    const words = this.optOutWords();
    if (!words) return 0;
    let kinds = 0;
    const visit = (n: ts.Node): void => {
      const text = ts.isIdentifier(n) || ts.isPrivateIdentifier(n) ? n.text : ts.isStringLiteralLike(n) ? n.text : undefined;
      if (text !== undefined) kinds |= words.kindsOfText(text, ts.isStringLiteralLike(n));
      else ts.forEachChild(n, visit);
    };
    visit(cond);
    return kinds;
  }


  // ───────────────────────────── functions ─────────────────────────────

  private makeFn(node: ts.SignatureDeclaration & { body?: ts.Node }, scope: Scope, name: string): FnInfo {
    const fn: FnInfo = { node, scope, name, state: 'pending', file: this.sf.fileName };
    if (this.guardKinds) fn.guards = this.guardKinds; // defined under a consent or opt-out check
    // An arrow function's `this` is the one around it (class field arrows: identify = () => this.client...).
    if (ts.isArrowFunction(node) && scope.ctx.thisValue) fn.thisValue = scope.ctx.thisValue;
    scope.ctx.deferred.push(fn);
    return fn;
  }

  /** Analyses a function body once, producing its summary and any findings inside it. */
  private analyze(fn: FnInfo): void {
    if (fn.state !== 'pending' || (fn.file && fn.file !== this.sf.fileName) || !fn.node) return;
    fn.state = 'running';
    const outerGuard = this.guardKinds;
    this.guardKinds = fn.guards ?? 0;
    const defining = fn.scope as Scope;
    const node = fn.node;
    const ctx: FnCtx = { info: fn, returns: [], edges: [], deferred: [], thisValue: fn.thisValue ?? defining.ctx.thisValue };
    fn.ctx = ctx;
    const scope = new Scope(defining, ctx);
    node.parameters.forEach((p, i) => {
      let v: Value = { deps: [{ fn, param: i, step: { node: p.name } }] };
      const hint = fn.hints?.[i];
      if (hint) v = union(v, hint);
      if (p.initializer) v = union(v, dataOf(this.eval(p.initializer, scope)));
      this.bindName(p.name, v, scope, 'param', p.type);
      if (ts.isIdentifier(p.name) && ctx.thisValue?.props && ts.getModifiers(p)?.length) {
        ctx.thisValue.props.set(p.name.text, v); // constructor(private readonly client: X)
      }
    });
    const body = node.body;
    if (body) {
      if (ts.isBlock(body)) this.execBlock(body.statements, scope);
      else ctx.returns.push(this.eval(body as ts.Expression, scope));
    }
    this.drain(ctx);
    fn.summary = { returns: unionAll(ctx.returns), edges: ctx.edges };
    this.guardKinds = outerGuard;
    fn.state = 'done';
    fn.ctx = undefined;
    fn.node = undefined;
    fn.scope = undefined;
  }

  private drain(ctx: FnCtx): void {
    for (let i = 0; i < ctx.deferred.length; i++) this.analyze(ctx.deferred[i]);
  }

  /** A call to a local function: its summary's edges become hits here, its return value is instantiated. */
  private applySummary(fn: FnInfo, args: Value[], calleeExpr: ts.Expression): Value {
    if (fn.state === 'pending') this.analyze(fn);
    const summary: Summary | undefined = fn.summary;
    if (!summary) return EMPTY;
    for (const edge of summary.edges) {
      let v = resolveDep(edge.dep, args);
      if (edge.keyParam !== undefined && args[edge.keyParam]?.str !== undefined && nameable(v)) {
        v = withCategories(v, this.cls.key(args[edge.keyParam].str!), calleeExpr, `key '${args[edge.keyParam].str}'`);
      }
      const tail: Step[] = [
        { node: edge.dep.step.node, note: `parameter of ${fn.name}`, loc: edge.dep.step.loc },
        { node: edge.sink.node, note: edge.sink.api, loc: edge.sink.loc },
      ];
      const taints = (v.taints ?? []).filter((t) => !edge.intrinsic.has(t.cat));
      if (taints.length) {
        this.hits.push({ node: calleeExpr, sink: edge.sink, taints, tail, ...guardsOf((edge.guards ?? 0) | this.optOutGuarded()) });
      }
      for (const dep of v.deps ?? []) {
        const ctx = dep.fn.ctx as FnCtx | undefined;
        if (dep.fn.state === 'running' && ctx && dep.fn !== fn) {
          ctx.edges.push({ ...edge, dep: { ...dep, step: { node: calleeExpr, prev: dep.step } }, ...guardsOf((edge.guards ?? 0) | this.optOutGuarded()) });
        }
      }
    }
    return instantiate(summary.returns, fn, args, calleeExpr, 0);
  }

  // ───────────────────────────── objects and classes ─────────────────────────────

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
        const v = this.eval(p.expression, scope, opts);
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
        v = { fn: this.makeFn(p, scope, key ?? 'method') };
      } else continue;
      if (key !== undefined && !v.fn && !v.ref && this.cls.sanitizes(key)) v = CLEAN; // { emailDomain: ... }
      if (key !== undefined && nameable(v) && !(ts.isPropertyAssignment(p) && this.readFromBlockedReceiver(p.initializer, key))) {
        const cats = this.cls.key(key, { person });
        if (cats.length) v = withCategories(v, cats, p.name!, key);
      }
      if (key !== undefined) props.set(key, v);
      addData(out, v);
    }
    return out;
  }

  private evalClass(node: ts.ClassLikeDeclaration, scope: Scope): Value {
    const fields: Value = { props: new Map() };
    const cls: ClassInfo = { name: node.name?.text ?? 'class', fields };
    // class AppDB extends Dexie: constructing it makes an instance of the SDK class it extends.
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const base = heritage ? this.eval(heritage.expression, scope) : EMPTY;
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
        let v = m.initializer ? this.eval(m.initializer, inner) : EMPTY;
        inner.ctx.thisValue = prevThis;
        if (!v.literal && !v.fn && !isNonDataType(m.type) && m.initializer) v = withCategories(v, this.cls.name(key), m.name, key);
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

  private tick(): void {
    if ((++this.work & 0xfff) === 0 && this.isCancelled()) throw new Cancelled();
  }
}

// ───────────────────────────── helpers ─────────────────────────────

/** Where a call is reported: its callee, or the method name when the receiver is itself a call (a chain). */
function reportNodeOf(callee: ts.Expression): ts.Node {
  if (ts.isPropertyAccessExpression(callee) && (ts.isCallExpression(callee.expression) || ts.isNewExpression(callee.expression))) return callee.name;
  return callee;
}

/** Whether a declaration has a modifier; reads the node's modifier list directly (ts.getModifiers allocates). */
function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  if (!mods) return false;
  for (const m of mods) if (m.kind === kind) return true;
  return false;
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

/**
 * The argument value a dependency stands for: `param.path` of the call's arguments. On an object of
 * known shape a missing property is nothing (not the whole object); on an unknown one, its data.
 */
function resolveDep(dep: Dep, args: Value[]): Value {
  let v = dep.param < 0 ? unionAll(args.map(dataOf)) : args[dep.param] ?? EMPTY;
  const path = dep.path ?? [];
  for (let i = 0; i < path.length; i++) {
    const next = v.props?.get(path[i]);
    if (next) {
      v = next;
      continue;
    }
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

/** A summary's return value at one call site: parameters replaced by the arguments given. */
function instantiate(v: Value, fn: FnInfo, args: Value[], node: ts.Node, depth: number): Value {
  if (v === EMPTY) return v;
  const own = v.deps?.filter((d) => d.fn !== fn);
  let out: Value = { ...v, deps: own?.length ? own : undefined };
  for (const d of v.deps ?? []) {
    if (d.fn !== fn) continue;
    out = union(out, extend(dataOf(resolveDep(d, args)), node, `returned by ${fn.name}`));
  }
  if (v.props && depth < 3) {
    const props = new Map<string, Value>();
    for (const [k, pv] of v.props) props.set(k, instantiate(pv, fn, args, node, depth + 1));
    out.props = props;
  }
  return out;
}

function addData(target: Value, v: Value): void {
  if (Object.isFrozen(target)) return;
  if (v.taints?.length) {
    for (const t of v.taints) if (!target.taints?.some((x) => x.cat === t.cat)) (target.taints ??= []).push(t);
  }
  if (v.deps?.length) target.deps = [...(target.deps ?? []), ...v.deps];
}

function mergeInto(target: Value, src: Value): void {
  if (Object.isFrozen(target)) return;
  if (src.props) {
    target.props ??= new Map();
    for (const [k, v] of src.props) target.props.set(k, v);
  }
  addData(target, src);
}

function combine(op: ts.SyntaxKind, left: Value, right: Value): Value {
  switch (op) {
    case ts.SyntaxKind.PlusToken:
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

/** The receiver's own name and the names further out: for `a.b.c`'s receiver `a.b` → ['b', ['a']]. */
function receiverNames(expr: ts.Expression): [string | undefined, string[]] {
  const names: string[] = [];
  let cur: ts.Expression = expr;
  for (let i = 0; i < 6; i++) {
    while (ts.isParenthesizedExpression(cur) || ts.isNonNullExpression(cur) || ts.isAsExpression(cur) || ts.isAwaitExpression(cur)) cur = cur.expression;
    if (ts.isIdentifier(cur)) {
      names.push(cur.text);
      break;
    }
    if (ts.isPropertyAccessExpression(cur)) {
      names.push(cur.name.text);
      cur = cur.expression;
    } else if (ts.isElementAccessExpression(cur)) {
      if (ts.isStringLiteralLike(cur.argumentExpression)) names.push(cur.argumentExpression.text);
      cur = cur.expression;
    } else if (ts.isCallExpression(cur)) {
      const c = cur.expression;
      if (ts.isIdentifier(c)) names.push(c.text);
      else if (ts.isPropertyAccessExpression(c)) names.push(c.name.text);
      break;
    } else break;
  }
  return [names[0], names.slice(1)];
}

function dottedName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) return `${expr.expression.text}.${expr.name.text}`;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

function targetIsPerson(target: ts.Expression, cls: Classifier): boolean {
  if (ts.isIdentifier(target)) return cls.isPerson(target.text);
  if (ts.isPropertyAccessExpression(target)) return cls.isPerson(target.name.text);
  return false;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

function fnName(node: ts.FunctionExpression | ts.ArrowFunction): string {
  return node.name?.text ?? 'function';
}

function isAmbient(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.DeclareKeyword);
}

/** `email: boolean` and `phoneCount: number` are not the data their names suggest. */
function isNonDataType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  return type.kind === ts.SyntaxKind.BooleanKeyword || type.kind === ts.SyntaxKind.NumberKeyword
    || (ts.isLiteralTypeNode(type) && (type.literal.kind === ts.SyntaxKind.TrueKeyword || type.literal.kind === ts.SyntaxKind.FalseKeyword));
}

function isTypeNode(node: ts.Node): boolean {
  return ts.isTypeNode(node);
}

function isStatementLike(node: ts.Node): boolean {
  return ts.isStatement(node);
}

function isExpressionLike(node: ts.Node): boolean {
  return ts.isExpression(node);
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

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

/** A statement that leaves the enclosing block: `return;`, `throw ...`, `{ return; }`. */
function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && exits(st.statements[st.statements.length - 1]);
}


/** The constant text a URL expression starts with: 'https://api.x.com/v1', `${BASE}/track`, BASE + '/e'. */
function urlPrefix(e: ts.Expression, scope: { lookup(name: string): { value: Value } | undefined }, depth: number): string | undefined {
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

/** The call's command argument (fbq('track', ...)) is one of `commands`. */
function isCommand(commands: readonly string[], position: number | undefined, args: ts.NodeArray<ts.Expression>): boolean {
  const cmd = position !== undefined ? args[position] : undefined;
  return !!cmd && ts.isStringLiteralLike(cmd) && commands.includes(cmd.text);
}

/** 'email' | 'phone' as a set of keys. */
function literalKeys(t: ts.TypeNode): Set<string> | undefined {
  const parts = ts.isUnionTypeNode(t) ? t.types : [t];
  const keys = new Set<string>();
  for (const p of parts) {
    if (!ts.isLiteralTypeNode(p) || !ts.isStringLiteral(p.literal)) return undefined;
    keys.add(p.literal.text);
  }
  return keys;
}


/** What a type name refers to in value space (an imported SDK type: express's Response). */
function typeRef(name: ts.EntityName, scope: { lookup(name: string): { value: Value } | undefined }): Value | undefined {
  if (ts.isIdentifier(name)) return scope.lookup(name.text)?.value;
  return undefined;
}

/** A guard mask as an optional field of a hit or an edge (absent when 0). */
function guardsOf(mask: number): { guards?: number } {
  return mask ? { guards: mask } : {};
}
