/**
 * What a fixture file shows about the SDKs it uses, read from its syntax tree: the modules it imports and
 * requires, the page globals it touches, the factories, hooks and components it calls, whether it reaches
 * an SDK through a renamed binding, and its `// shapes:` / `// not-sinks:` header comments. The meta test
 * (data.test.ts) checks these facts against the catalog; the convention is in README, "Adding an SDK".
 */
import * as path from 'path';
import ts = require('typescript');
import { parsePath, CALL, NEW, CALLBACK } from '../../server/src/catalog/paths';
import type { SinkData } from '../../server/src/catalog/types';

export const SHAPES = ['import', 'require', 'instance', 'hook', 'global', 'jsx', 'alias'] as const;
export type Shape = (typeof SHAPES)[number];

/** Modules that are no sink: frameworks and runtimes fixtures use around the SDK calls. */
export const NON_SINK_MODULES = [
  'react', 'react-dom', 'react-dom/client', 'react-native', 'next', 'next/*', 'vue', '@angular/core', 'express',
  'lodash', 'lucide-react', 'zod', 'hono', 'fastify', 'koa', '@nestjs/common', 'axios', 'ky', 'got', 'node-fetch',
];
/** Names a fixture may read from window/globalThis/self or declare ambiently without being a sink. */
export const NON_SINK_GLOBALS = new Set([
  'location', 'document', 'navigator', 'history', 'screen', 'crypto', 'fetch', 'addEventListener', 'removeEventListener',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'innerWidth', 'innerHeight', 'devicePixelRatio', 'origin',
  'matchMedia', 'requestAnimationFrame', 'open', 'close', 'alert', 'confirm', 'prompt', 'console', 'performance', 'process',
  'require', 'module', 'exports', 'window', 'globalThis', 'self', 'top', 'parent', 'opener', 'name', 'Window',
  'postMessage', 'scrollTo', 'scrollY', 'scrollX', 'getComputedStyle', 'structuredClone', 'queueMicrotask', 'URL',
  'Intl', 'JSON', 'Math', 'Date', 'Promise', 'Error', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Map', 'Set',
]);

export interface FixtureFacts {
  file: string;
  /** Module specifiers of ES imports, re-exports and import() calls. */
  imports: Set<string>;
  /** Module specifiers of require() calls. */
  requires: Set<string>;
  /** Local name → module it was bound from (default, namespace, named or require binding). */
  bindings: Map<string, { module: string; imported?: string }>;
  /** Identifiers read but not declared in the file (`declare const G` does not declare). */
  freeNames: Set<string>;
  /** Properties read from window./globalThis./self. */
  windowProps: Set<string>;
  /** Of those, the ones used as an API: called, a method of them called, or assigned (`window.fbq(...)`, `window.FS.identify(...)`). */
  windowApis: Set<string>;
  /** Last names of called or constructed callees (`load` of AnalyticsBrowser.load(), `Analytics` of new Analytics()). */
  called: Set<string>;
  /** Identifiers called or constructed directly (`analytics(...)`, `new Rollbar(...)`). */
  calledIdents: Set<string>;
  /** Modules whose require() result is called at once (`require('m')(key)`). */
  calledModules: Set<string>;
  jsxTags: Set<string>;
  /** A renamed binding: import { a as b }, import * as ns, require(...).x, { a: b } = ..., const a = <binding or global>. */
  aliasOf: { names: Set<string>; modules: Set<string>; destructuredRename: boolean };
  shapes: string[] | undefined;
  notSinks: Set<string>;
}

const isRequire = (n: ts.Node): n is ts.CallExpression =>
  ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]);

function lastName(e: ts.Expression): string | undefined {
  let x: ts.Expression = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  if (ts.isElementAccessExpression(x) && ts.isStringLiteralLike(x.argumentExpression)) return x.argumentExpression.text;
  return undefined;
}

/** The global a `window.X` / `(window as any).X` / `globalThis.X` access names, if any. */
function windowProp(n: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) return undefined;
  let obj: ts.Expression = n.expression;
  while (ts.isParenthesizedExpression(obj) || ts.isAsExpression(obj) || ts.isNonNullExpression(obj)) obj = obj.expression;
  if (!ts.isIdentifier(obj) || !['window', 'globalThis', 'self'].includes(obj.text)) return undefined;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
}

export function factsOf(file: string, text: string): FixtureFacts {
  const kind = file.endsWith('x') ? (file.endsWith('.jsx') ? ts.ScriptKind.JSX : ts.ScriptKind.TSX) : file.endsWith('.js') || file.endsWith('.mjs') || file.endsWith('.cjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const f: FixtureFacts = {
    file, imports: new Set(), requires: new Set(), bindings: new Map(), freeNames: new Set(), windowProps: new Set(),
    windowApis: new Set(), called: new Set(), calledIdents: new Set(), calledModules: new Set(), jsxTags: new Set(),
    aliasOf: { names: new Set(), modules: new Set(), destructuredRename: false }, shapes: undefined, notSinks: new Set(),
  };
  const header = (word: string) => {
    const m = new RegExp(`^\\s*(?://|\\{?/\\*)\\s*${word}:\\s*([^*\\n]*)`, 'm').exec(text);
    return m ? m[1].replace(/\*\/\}?\s*$/, '').trim().split(/[\s,]+/).filter(Boolean) : undefined;
  };
  f.shapes = header('shapes');
  f.notSinks = new Set(header('not-sinks') ?? []);

  const declared = new Set<string>();
  const declareName = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) declareName(el.name);
  };
  const isAmbient = (n: ts.Node): boolean => !!(ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Ambient)
    || (!!n.parent && !ts.isSourceFile(n.parent) && ts.isModuleBlock(n.parent) && isAmbient(n.parent.parent));
  const used: ts.Identifier[] = [];

  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteralLike(n.moduleSpecifier)) {
      const m = n.moduleSpecifier.text;
      f.imports.add(m);
      const c = n.importClause;
      if (c?.name) f.bindings.set(c.name.text, { module: m }), declared.add(c.name.text);
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) {
        f.bindings.set(c.namedBindings.name.text, { module: m });
        declared.add(c.namedBindings.name.text);
        f.aliasOf.modules.add(m);
      }
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) {
        for (const s of c.namedBindings.elements) {
          f.bindings.set(s.name.text, { module: m, imported: (s.propertyName ?? s.name).text });
          declared.add(s.name.text);
          if (s.propertyName && s.propertyName.text !== s.name.text) f.aliasOf.modules.add(m);
        }
      }
      return;
    }
    if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteralLike(n.moduleSpecifier)) f.imports.add(n.moduleSpecifier.text);
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteralLike(n.moduleReference.expression)) {
      f.requires.add(n.moduleReference.expression.text);
      f.bindings.set(n.name.text, { module: n.moduleReference.expression.text });
      declared.add(n.name.text);
      return;
    }
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
      f.imports.add(n.arguments[0].text);
    }
    if (isRequire(n)) f.requires.add((n.arguments[0] as ts.StringLiteral).text);
    if (ts.isVariableDeclaration(n)) {
      if (!isAmbient(n.parent.parent)) {
        declareName(n.name);
        let init = n.initializer;
        while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init) || ts.isAwaitExpression(init))) init = init.expression;
        // const x = require('m') / require('m').y / { a, b: c } = require('m')
        const req = init && (isRequire(init) ? init : ts.isPropertyAccessExpression(init) && isRequire(init.expression) ? init.expression : undefined);
        if (init && req) {
          const m = (req.arguments[0] as ts.StringLiteral).text;
          if (ts.isIdentifier(n.name)) {
            const imported = ts.isPropertyAccessExpression(init) ? init.name.text : undefined;
            f.bindings.set(n.name.text, { module: m, imported });
            if (imported && imported !== n.name.text) f.aliasOf.modules.add(m);
          } else if (ts.isObjectBindingPattern(n.name)) {
            for (const el of n.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
              f.bindings.set(el.name.text, { module: m, imported });
              if (imported !== el.name.text) f.aliasOf.modules.add(m);
            }
          }
        } else if (init && ts.isIdentifier(n.name)) {
          // const a = window.G / const a = G / const a = someBinding, or a property of them (window.G.x.y)
          let base: ts.Expression = init;
          for (;;) {
            const g = windowProp(base);
            if (g) { f.aliasOf.names.add(g); break; }
            if (ts.isIdentifier(base)) { f.aliasOf.names.add(base.text); break; }
            if (ts.isPropertyAccessExpression(base)) base = base.expression;
            else break;
          }
        }
        if (ts.isObjectBindingPattern(n.name) && n.name.elements.some((el) => el.propertyName && ts.isIdentifier(el.name) && ts.isIdentifier(el.propertyName) && el.propertyName.text !== el.name.text)) {
          f.aliasOf.destructuredRename = true;
        }
      }
    }
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) {
      if (!isAmbient(n)) declared.add(n.name.text);
    }
    if (ts.isParameter(n)) declareName(n.name);
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const name = lastName(n.expression);
      if (name) f.called.add(name);
      if (ts.isIdentifier(n.expression)) f.calledIdents.add(n.expression.text);
      if (isRequire(n.expression)) f.calledModules.add((n.expression.arguments[0] as ts.StringLiteral).text);
      const g = windowProp(n.expression);
      if (g) f.calledIdents.add(g);
    }
    if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) {
      const t = n.tagName;
      f.jsxTags.add(ts.isPropertyAccessExpression(t) ? t.name.text : t.getText(sf));
    }
    const g = windowProp(n);
    if (g) {
      f.windowProps.add(g);
      let up: ts.Node = n;
      while (ts.isParenthesizedExpression(up.parent) || ts.isAsExpression(up.parent) || ts.isNonNullExpression(up.parent)) up = up.parent;
      const p = up.parent;
      const called = (x: ts.Node) => (ts.isCallExpression(x.parent) || ts.isNewExpression(x.parent)) && x.parent.expression === x;
      if (called(up) || (ts.isPropertyAccessExpression(p) && p.expression === up && called(p))
        || (ts.isBinaryExpression(p) && p.left === up && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)) f.windowApis.add(g);
    }
    if (ts.isIdentifier(n) && isReference(n)) used.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  for (const id of used) if (!declared.has(id.text)) f.freeNames.add(id.text);
  return f;
}

/** An identifier in a position that reads a variable (not a property name, key, label or type). */
function isReference(n: ts.Identifier): boolean {
  const p = n.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === n) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p)) && p.name === n) return false;
  if (ts.isBindingElement(p) && p.propertyName === n) return false;
  if (ts.isJsxAttribute(p)) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p)) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isLabeledStatement(p)) return false;
  if (ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isParameter(p)) return p.name !== n;
  return true;
}

/** What a sink's data asks of its fixtures. */
export interface SinkNeeds {
  modules: Map<string, { esmOnly: boolean }>;
  globals: Set<string>;
  /** Names whose call or construction makes an instance: `load`, `init`, `Analytics`; '$m:<module>' / '$g:<global>' for the root itself. */
  factories: Set<string>;
  hooks: Set<string>;
  components: Set<string>;
}

export function needsOf(sink: SinkData): SinkNeeds {
  const needs: SinkNeeds = { modules: new Map(), globals: new Set(), factories: new Set(), hooks: new Set(), components: new Set() };
  for (const inst of sink.instances) {
    for (const e of inst.from) {
      if (e.module) {
        const prev = needs.modules.get(e.module);
        needs.modules.set(e.module, { esmOnly: (prev?.esmOnly ?? true) && !!e.esmOnly });
      }
      if (e.global) needs.globals.add(e.global);
      const segs = parsePath(e.path);
      segs.forEach((s, i) => {
        if (s !== CALL && s !== NEW && s !== CALLBACK && !s.startsWith('(cb:')) return;
        const prop = i > 0 ? segs[i - 1] : undefined;
        if (prop && /^\(|^\[/.test(prop)) return; // getTracer().startSpan(): counted at startSpan
        if (prop && /^use[A-Z0-9]/.test(prop)) needs.hooks.add(prop);
        else needs.factories.add(prop ?? (e.module ? `$m:${e.module}` : `$g:${e.global}`));
      });
      if (inst.jsx) {
        const last = segs[segs.length - 1];
        if (last && /^[A-Z]/.test(last)) needs.components.add(last);
        else if (segs.length === 0) needs.components.add(e.module ? `$m:${e.module}` : `$g:${e.global}`);
      }
    }
  }
  return needs;
}

/** Does a module specifier match a catalog module (exact, or '@scope/*')? */
export function moduleMatches(spec: string, pattern: string): boolean {
  return pattern.endsWith('/*') ? spec.startsWith(pattern.slice(0, -1)) : spec === pattern;
}

export const uses = {
  module: (f: FixtureFacts, m: string) => [...f.imports, ...f.requires].some((s) => moduleMatches(s, m)),
  import: (f: FixtureFacts, m: string) => [...f.imports].some((s) => moduleMatches(s, m)),
  require: (f: FixtureFacts, m: string) => [...f.requires].some((s) => moduleMatches(s, m)),
  global: (f: FixtureFacts, g: string) => f.windowProps.has(g) || f.freeNames.has(g),
};

const rootBound = (f: FixtureFacts, mods: Iterable<string>) => {
  const ms = [...mods];
  return [...f.bindings].filter(([, b]) => !b.imported && ms.some((m) => moduleMatches(b.module, m))).map(([n]) => n);
};

/** Whether a fixture shows a shape for a sink; the reason it does not, or undefined when it does. */
export function checkShape(shape: Shape, f: FixtureFacts, needs: SinkNeeds): string | undefined {
  const mods = [...needs.modules.keys()];
  switch (shape) {
    case 'import':
      return mods.some((m) => uses.import(f, m)) ? undefined : `imports none of ${mods.join(', ') || '(no modules)'}`;
    case 'require':
      return mods.some((m) => uses.require(f, m)) ? undefined : `requires none of ${mods.join(', ') || '(no modules)'}`;
    case 'global':
      return [...needs.globals].some((g) => uses.global(f, g)) ? undefined : `uses none of the globals ${[...needs.globals].join(', ') || '(none)'}`;
    case 'hook':
      return [...needs.hooks].some((h) => f.called.has(h) || [...f.bindings].some(([local, b]) => b.imported === h && f.calledIdents.has(local))) ? undefined : `calls none of the hooks ${[...needs.hooks].join(', ') || '(none)'}`;
    case 'jsx': {
      const ok = [...needs.components].some((c) => c.startsWith('$m:') ? rootBound(f, [c.slice(3)]).some((n) => f.jsxTags.has(n)) : f.jsxTags.has(c)
        || [...f.bindings].some(([local, b]) => b.imported === c && f.jsxTags.has(local)));
      return ok ? undefined : `renders none of ${[...needs.components].join(', ') || '(no components)'}`;
    }
    case 'instance': {
      const ok = [...needs.factories].some((x) => {
        if (x.startsWith('$m:')) return rootBound(f, [x.slice(3)]).some((n) => f.calledIdents.has(n)) || [...f.calledModules].some((m) => moduleMatches(m, x.slice(3)));
        if (x.startsWith('$g:')) return f.calledIdents.has(x.slice(3));
        return f.called.has(x) || [...f.bindings].some(([local, b]) => b.imported === x && f.calledIdents.has(local));
      });
      return ok ? undefined : `calls none of the factories ${[...needs.factories].map((x) => x.replace(/^\$[mg]:/, '')).join(', ') || '(none)'}`;
    }
    case 'alias': {
      const ok = mods.some((m) => [...f.aliasOf.modules].some((s) => moduleMatches(s, m)))
        || [...needs.globals].some((g) => f.aliasOf.names.has(g))
        || [...f.aliasOf.names].some((n) => { const b = f.bindings.get(n); return !!b && mods.some((m) => moduleMatches(b.module, m)); })
        || (f.aliasOf.destructuredRename && (mods.some((m) => uses.module(f, m)) || [...needs.globals].some((g) => uses.global(f, g))));
      return ok ? undefined : 'reaches the SDK through no renamed binding (import { a as b }, import * as ns, const x = window.G, const { a: b } = sdk)';
    }
  }
}

export const rel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');
