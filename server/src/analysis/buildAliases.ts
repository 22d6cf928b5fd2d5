// Build-only import aliases: SvelteKit `$lib` and `kit.alias`, Nuxt `~`/`@`/`~~`/`@@` and `alias`, Vite and
// webpack `resolve.alias`, read from their config files' syntax as data (the configs are never run).
import type * as TS from 'typescript';
import { typescript } from './compiler';
import * as path from 'path';

/** One alias: imports equal to `key`, or starting with `key/`, are read from `target` (`exact`: only equal). */
export interface BuildAlias {
  key: string;
  target: string;
  exact?: boolean;
}

/** What the config reader needs of the project: file contents. */
export interface ConfigReader {
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
}

const CONFIG_FILES: readonly { names: readonly string[]; kind: 'vite' | 'svelte' | 'nuxt' | 'webpack' }[] = [
  { kind: 'svelte', names: ['svelte.config.js', 'svelte.config.mjs', 'svelte.config.ts'] },
  { kind: 'nuxt', names: ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs'] },
  { kind: 'vite', names: ['vite.config.ts', 'vite.config.js', 'vite.config.mts', 'vite.config.mjs', 'vite.config.cjs', 'vitest.config.ts'] },
  { kind: 'webpack', names: ['webpack.config.js', 'webpack.config.ts', 'webpack.config.cjs', 'webpack.config.mjs'] },
];

const CONFIG_NAMES = new Set(CONFIG_FILES.flatMap((c) => c.names));

/** Whether a file is a build config whose aliases this module reads (a change re-resolves imports). */
export function isBuildConfig(file: string): boolean {
  return CONFIG_NAMES.has(path.basename(file));
}

/**
 * The aliases the build configs in folder `dir` declare (none when it has no such config), longest key
 * first. Paths are resolved against `dir`; expressions the reader does not understand are left out.
 *
 * @example
 * buildAliases(host, '/app') // svelte.config.js there → [{ key: '$lib', target: '/app/src/lib' }, ...]
 */
export function buildAliases(host: ConfigReader, dir: string): BuildAlias[] {
  const out: BuildAlias[] = [];
  for (const { kind, names } of CONFIG_FILES) {
    for (const name of names) {
      const file = path.join(dir, name);
      const text = host.fileExists(file) ? host.readFile(file) : undefined;
      if (text === undefined) continue;
      const ts = typescript();
      const config = configObject(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, name.endsWith('ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS));
      out.push(...aliasesOf(kind, config, dir, host));
      break;
    }
  }
  const seen = new Set<string>();
  return out.filter((a) => !seen.has(a.key) && !!seen.add(a.key)).sort((a, b) => b.key.length - a.key.length);
}

function aliasesOf(kind: 'vite' | 'svelte' | 'nuxt' | 'webpack', config: Obj | undefined, dir: string, host: ConfigReader): BuildAlias[] {
  const ts = typescript();
  const out: BuildAlias[] = [];
  if (kind === 'svelte') {
    const kit = prop(config, 'kit');
    out.push(...objectAliases(prop(kit, 'alias'), dir));
    const lib = pathValue(prop(prop(kit, 'files'), 'lib'), dir);
    out.push({ key: '$lib', target: lib ?? path.join(dir, 'src', 'lib') });
  } else if (kind === 'nuxt') {
    out.push(...objectAliases(prop(config, 'alias'), dir));
    const src = pathValue(prop(config, 'srcDir'), dir) ?? (host.fileExists(path.join(dir, 'app', 'app.vue')) ? path.join(dir, 'app') : dir);
    out.push({ key: '~~', target: dir }, { key: '@@', target: dir }, { key: '~', target: src }, { key: '@', target: src });
  } else {
    const alias = prop(prop(config, 'resolve'), 'alias');
    if (alias && ts.isArrayLiteralExpression(alias)) {
      // Vite's array form: [{ find: '@', replacement: path.resolve(__dirname, 'src') }]
      for (const el of alias.elements) {
        const find = prop(el, 'find');
        const target = pathValue(prop(el, 'replacement'), dir);
        if (find && ts.isStringLiteralLike(find) && target) out.push({ key: find.text, target });
      }
    } else out.push(...objectAliases(alias, dir));
  }
  return out;
}

/** `{ '@app': path.resolve(__dirname, 'src'), Shared$: './shared' }` (webpack's `$` suffix: exact match). */
function objectAliases(e: TS.Expression | undefined, dir: string): BuildAlias[] {
  const ts = typescript();
  if (!e || !ts.isObjectLiteralExpression(e)) return [];
  const out: BuildAlias[] = [];
  for (const p of e.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) ? p.name.text : undefined;
    const target = pathValue(p.initializer, dir);
    if (key === undefined || !target) continue;
    if (key.endsWith('$')) out.push({ key: key.slice(0, -1), target, exact: true });
    else out.push({ key, target });
  }
  return out;
}

type Obj = TS.ObjectLiteralExpression;

/** The config object a file exports: `export default defineConfig({...})`, `module.exports = {...}`, `const config = {...}`. */
function configObject(sf: TS.SourceFile): Obj | undefined {
  const ts = typescript();
  const locals = new Map<string, TS.Expression>();
  for (const s of sf.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) locals.set(d.name.text, d.initializer);
    }
  }
  const unwrap = (e: TS.Expression | undefined, depth = 0): Obj | undefined => {
    if (!e || depth > 4) return undefined;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    if (ts.isObjectLiteralExpression(e)) return e;
    if (ts.isIdentifier(e)) return unwrap(locals.get(e.text), depth + 1);
    if (ts.isCallExpression(e)) return unwrap(e.arguments[0], depth + 1); // defineConfig({...}), defineNuxtConfig({...})
    if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.body) {
      if (!ts.isBlock(e.body)) return unwrap(e.body, depth + 1); // defineConfig(({ mode }) => ({...}))
      const ret = e.body.statements.find(ts.isReturnStatement);
      return unwrap(ret?.expression, depth + 1);
    }
    return undefined;
  };
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) return unwrap(s.expression);
    if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = s.expression.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === 'module' && left.name.text === 'exports') {
        return unwrap(s.expression.right);
      }
    }
  }
  return undefined;
}

function prop(e: TS.Node | undefined, name: string): TS.Expression | undefined {
  const ts = typescript();
  if (!e || !ts.isObjectLiteralExpression(e)) return undefined;
  for (const p of e.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : undefined;
    if (key !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
  }
  return undefined;
}

/**
 * A folder named by a config expression: './src', 'src/lib', path.resolve(__dirname, 'src'),
 * path.join(__dirname, 'src'), fileURLToPath(new URL('./src', import.meta.url)), `${__dirname}/src`.
 */
function pathValue(e: TS.Expression | undefined, dir: string, depth = 0): string | undefined {
  const ts = typescript();
  if (!e || depth > 4) return undefined;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  // A leading '/' is the project root, as Vite reads it ('/src').
  if (ts.isStringLiteralLike(e)) return path.resolve(dir, e.text.replace(/^\/+/, ''));
  if (ts.isIdentifier(e) && e.text === '__dirname') return dir;
  if (ts.isPropertyAccessExpression(e)) {
    // import.meta.dirname, new URL(...).pathname
    if (e.name.text === 'dirname' && ts.isMetaProperty(e.expression)) return dir;
    if (e.name.text === 'pathname') return pathValue(e.expression, dir, depth + 1);
    return undefined;
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length) {
    return pathValue(e.arguments[0], dir, depth + 1);
  }
  if (ts.isTemplateExpression(e)) {
    if (e.templateSpans.length !== 1 || e.head.text) return undefined;
    const base = pathValue(e.templateSpans[0].expression, dir, depth + 1);
    return base ? path.join(base, e.templateSpans[0].literal.text) : undefined;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteralLike(e.right)) {
    const base = pathValue(e.left, dir, depth + 1);
    return base ? path.join(base, e.right.text) : undefined;
  }
  if (ts.isCallExpression(e)) {
    const callee = ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : ts.isIdentifier(e.expression) ? e.expression.text : '';
    if (callee === 'fileURLToPath' || callee === 'normalizePath') return pathValue(e.arguments[0], dir, depth + 1);
    if (callee === 'cwd') return dir; // process.cwd()
    if (callee === 'resolve' || callee === 'join') {
      let out: string | undefined;
      for (const a of e.arguments) {
        if (ts.isStringLiteralLike(a)) out = out === undefined ? path.resolve(dir, a.text) : callee === 'resolve' ? path.resolve(out, a.text) : path.join(out, a.text);
        else {
          const p = pathValue(a, dir, depth + 1);
          if (p === undefined) return undefined;
          out = p;
        }
      }
      return out;
    }
  }
  return undefined;
}
