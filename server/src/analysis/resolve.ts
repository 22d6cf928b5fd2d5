// Module resolution: which project file an import names (relative paths, tsconfig paths, workspace
// packages), asked of the ProjectHost. It reads files only through the host and analyses nothing.
import { typescript } from './compiler';
import * as path from 'path';
import { wildcardMatch } from '../catalog/hostPattern';
import { BuildAlias, buildAliases } from './buildAliases';

/** What the engine may ask of the outside world: file contents. The CLI and the server provide it. */
export interface ProjectHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
  /** Names of the sub-folders of a folder (to find a monorepo's workspace packages); optional. */
  listDirs?(dir: string): string[];
  /** Whether a path lies outside the project (the host never reads it): tsconfig `extends`/`paths` there are not followed. */
  outside?(file: string): boolean;
}

interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}

interface PathsConfig {
  /** The tsconfig.json / jsconfig.json that sets them. */
  file: string;
  /** Directory that `paths` patterns are relative to. */
  base: string;
  paths: [string, string[]][];
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Workspace globs read from one monorepo root (each may walk folders). */
const MAX_WORKSPACE_GLOBS = 200;

/**
 * Resolves import specifiers of project files to source files: relative paths (with or without
 * extension, `./x.js` written for `./x.ts`, folders with an index file) and the `paths` aliases of the
 * nearest tsconfig.json or jsconfig.json (`@/lib/analytics`). Package imports are not followed: the
 * catalog knows SDKs by name, and dependencies are not the project's code.
 *
 * @example
 * new ModuleResolver(host).resolve('/app/src/pages/a.ts', '../lib/analytics') // → '/app/src/lib/analytics.ts'
 */
export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | undefined>();
  private readonly cache = new Map<string, string | undefined>();
  /** Monorepo root folder → its workspace packages, by name. */
  private readonly workspaces = new Map<string, Map<string, WorkspacePackage> | null>();
  /** What was not followed because it leads outside the project (said once each). */
  readonly notes = new Set<string>();
  /** Folder → the build-only aliases in force there (buildAliases.ts). */
  private readonly aliases = new Map<string, BuildAlias[]>();

  constructor(private readonly host: ProjectHost) {}

  resolve(fromFile: string, spec: string): string | undefined {
    const dir = path.dirname(fromFile);
    const key = dir + '\u0000' + spec;
    if (this.cache.has(key)) return this.cache.get(key);
    let result: string | undefined;
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
      if (this.host.outside?.(path.resolve(dir, spec))) this.notes.add(`${fromFile}: the import ${JSON.stringify(spec)} leads outside the project; not followed`);
      result = this.file(path.resolve(dir, spec));
    } else if (!spec.startsWith('node:')) {
      const cfg = this.pathsConfig(dir);
      for (const [pattern, targets] of cfg?.paths ?? []) {
        const star = pattern.indexOf('*');
        let rest: string | undefined;
        if (star < 0) rest = pattern === spec ? '' : undefined;
        else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1) {
          rest = spec.slice(star, spec.length - (pattern.length - star - 1));
        }
        if (rest === undefined) continue;
        for (const t of targets) {
          const target = path.resolve(cfg!.base, t.replace('*', rest));
          if (this.host.outside?.(target)) {
            this.notes.add(`${cfg!.file}: "paths" ${JSON.stringify(pattern)} maps ${JSON.stringify(spec)} outside the project; not followed`);
            continue;
          }
          result = this.file(target);
          if (result) break;
        }
        if (result) break;
      }
      if (!result) result = this.buildAlias(dir, spec);
      if (!result) result = this.workspacePackage(dir, spec);
    }
    this.cache.set(key, result);
    return result;
  }

  /**
   * An alias that exists only in the build (`$lib/analytics`, `~/utils/log`, `@app/hooks/x`): declared by
   * the nearest folder above with a SvelteKit, Nuxt, Vite or webpack config (buildAliases.ts).
   */
  private buildAlias(dir: string, spec: string): string | undefined {
    for (const a of this.aliasesAbove(dir)) {
      if (spec === a.key) return this.file(a.target);
      if (!a.exact && spec.startsWith(a.key + '/')) {
        const found = this.file(path.join(a.target, spec.slice(a.key.length + 1)));
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The build aliases of the nearest folder at or above `dir` whose configs declare any (cached per folder). */
  private aliasesAbove(dir: string): BuildAlias[] {
    const cached = this.aliases.get(dir);
    if (cached) return cached;
    let found = buildAliases(this.host, dir);
    const parent = path.dirname(dir);
    // A package's configs sit beside its package.json: the search stops there.
    if (!found.length && parent !== dir && !this.host.fileExists(path.join(dir, 'package.json'))) found = this.aliasesAbove(parent);
    this.aliases.set(dir, found);
    return found;
  }

  /**
   * A package of the same monorepo (`@acme/analytics`, `@acme/lib/client-only/x`): found through the
   * root's package.json "workspaces" or pnpm-workspace.yaml, resolved through its "exports", "source",
   * "module" or "main", preferring the TypeScript source over built output (dist/ → src/).
   */
  private workspacePackage(dir: string, spec: string): string | undefined {
    const pkgs = this.workspaceIndex(dir);
    if (!pkgs) return undefined;
    let pkg: WorkspacePackage | undefined;
    for (const [name, p] of pkgs) if ((spec === name || spec.startsWith(name + '/')) && (!pkg || name.length > pkg.name.length)) pkg = p;
    if (!pkg) return undefined;
    const sub = spec === pkg.name ? '.' : './' + spec.slice(pkg.name.length + 1);
    const targets: string[] = [];
    const exp = pkg.manifest['exports'];
    if (exp && typeof exp === 'object' && !Array.isArray(exp)) {
      const map = exp as Record<string, unknown>;
      const keys = Object.keys(map);
      if (keys.length && keys.every((k) => k.startsWith('.'))) {
        if (map[sub] !== undefined) targets.push(...exportTargets(map[sub]));
        for (const k of keys) {
          const star = k.indexOf('*');
          if (star >= 0 && sub.startsWith(k.slice(0, star)) && sub.endsWith(k.slice(star + 1))) {
            const part = sub.slice(star, sub.length - (k.length - star - 1));
            targets.push(...exportTargets(map[k]).map((t) => t.replace('*', part)));
          }
        }
      } else if (sub === '.') targets.push(...exportTargets(exp));
    } else if (typeof exp === 'string' && sub === '.') targets.push(exp);
    if (sub === '.') {
      for (const f of ['source', 'module', 'main', 'types']) if (typeof pkg.manifest[f] === 'string') targets.push(pkg.manifest[f] as string);
      targets.push('./src/index', './index');
    } else {
      targets.push(sub, './src/' + sub.slice(2));
    }
    for (const t of targets) {
      const abs = path.resolve(pkg.dir, t);
      const found = this.file(abs) ?? this.file(toSource(abs));
      if (found && !found.endsWith('.d.ts')) return found;
    }
    return undefined;
  }

  /** The workspace packages of the monorepo around `dir` (looked up once per root). */
  private workspaceIndex(dir: string): Map<string, WorkspacePackage> | undefined {
    const visited: string[] = [];
    let found: Map<string, WorkspacePackage> | null = null;
    for (let d = dir; ; d = path.dirname(d)) {
      if (this.workspaces.has(d)) {
        found = this.workspaces.get(d) ?? null;
        break;
      }
      visited.push(d);
      const globs = this.workspaceGlobs(d);
      if (globs) {
        const index = new Map<string, WorkspacePackage>();
        for (const pkgDir of this.expandGlobs(d, globs)) {
          const text = this.host.readFile(path.join(pkgDir, 'package.json'));
          if (text === undefined) continue;
          try {
            const manifest = JSON.parse(text);
            if (typeof manifest.name === 'string') index.set(manifest.name, { name: manifest.name, dir: pkgDir, manifest });
          } catch {
            // a broken package.json: that package is not resolved
          }
        }
        found = index;
        break;
      }
      if (path.dirname(d) === d) break;
    }
    // Every folder on the way shares the answer: later look-ups from them stop at once.
    for (const d of visited) this.workspaces.set(d, found);
    return found ?? undefined;
  }

  private workspaceGlobs(d: string): string[] | undefined {
    const pnpm = this.host.readFile(path.join(d, 'pnpm-workspace.yaml'));
    if (pnpm !== undefined) {
      const globs = yamlListItems(pnpm).filter((g) => !g.startsWith('!')).slice(0, MAX_WORKSPACE_GLOBS);
      if (globs.length) return globs;
    }
    const text = this.host.readFile(path.join(d, 'package.json'));
    if (text === undefined) return undefined;
    try {
      const ws = JSON.parse(text).workspaces;
      const list = Array.isArray(ws) ? ws : Array.isArray(ws?.packages) ? ws.packages : undefined;
      return list?.filter((g: unknown): g is string => typeof g === 'string' && !g.startsWith('!')).slice(0, MAX_WORKSPACE_GLOBS);
    } catch {
      return undefined;
    }
  }

  /** Folders matching workspace globs such as `packages/*`, `apps/**` (at most three levels deep). */
  private expandGlobs(root: string, globs: string[]): string[] {
    if (!this.host.listDirs) return [];
    const out = new Set<string>();
    for (const g of globs) {
      const parts = g.replace(/\/+$/, '').split('/');
      let dirs = [root];
      for (const part of parts) {
        const next: string[] = [];
        for (const d of dirs) {
          if (part === '**') {
            const walk = (x: string, depth: number) => {
              next.push(x);
              if (depth < 3) for (const c of this.host.listDirs!(x)) if (c !== 'node_modules') walk(path.join(x, c), depth + 1);
            };
            walk(d, 0);
          } else if (part.includes('*')) {
            for (const c of this.host.listDirs(d)) if (c !== 'node_modules' && wildcardMatch(part, c)) next.push(path.join(d, c));
          } else next.push(path.join(d, part));
        }
        dirs = next;
      }
      dirs.forEach((d) => out.add(d));
    }
    return [...out];
  }

  private file(base: string): string | undefined {
    if (base.endsWith('.d.ts')) base = base.slice(0, -5);
    const ext = path.extname(base);
    if ((EXTENSIONS.includes(ext) || ext === '.vue' || ext === '.svelte') && this.host.fileExists(base)) return base;
    const stem = /\.[cm]?jsx?$/.test(ext) ? base.slice(0, -ext.length) : base; // './x.js' written for './x.ts'
    for (const e of EXTENSIONS) if (this.host.fileExists(stem + e)) return stem + e;
    for (const e of EXTENSIONS) if (this.host.fileExists(path.join(base, 'index' + e))) return path.join(base, 'index' + e);
    return undefined;
  }

  /** `compilerOptions.paths` of the nearest tsconfig.json / jsconfig.json above `dir`, following `extends`. */
  private pathsConfig(dir: string): PathsConfig | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    let found: PathsConfig | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      const text = this.host.readFile(file);
      if (text !== undefined) {
        found = this.readConfig(file, text, 0);
        break;
      }
    }
    const parent = path.dirname(dir);
    if (!found && parent !== dir) found = this.pathsConfig(parent);
    this.configs.set(dir, found);
    return found;
  }

  private readConfig(file: string, text: string, depth: number): PathsConfig | undefined {
    const { config } = typescript().parseConfigFileTextToJson(file, text);
    if (!config || typeof config !== 'object') return undefined;
    const opts = config.compilerOptions ?? {};
    const dir = path.dirname(file);
    if (opts.paths && typeof opts.paths === 'object') {
      const base = path.resolve(dir, typeof opts.baseUrl === 'string' ? opts.baseUrl : '.');
      const paths = Object.entries(opts.paths).filter((e): e is [string, string[]] => Array.isArray(e[1]));
      return { file, base, paths };
    }
    if (typeof config.extends === 'string' && depth < 4 && (config.extends.startsWith('.') || path.isAbsolute(config.extends))) {
      let target = path.resolve(dir, config.extends);
      if (!target.endsWith('.json')) target += '.json';
      if (this.host.outside?.(target)) this.notes.add(`${file}: "extends" ${JSON.stringify(config.extends)} leads outside the project; not followed`);
      const t = this.host.readFile(target);
      if (t !== undefined) return this.readConfig(target, t, depth + 1);
    }
    if (typeof opts.baseUrl === 'string') return { file, base: path.resolve(dir, opts.baseUrl), paths: [['*', ['*']]] };
    return undefined;
  }
}

/**
 * The `- item` lines of a YAML file (pnpm-workspace.yaml `packages`), read line by line without regular
 * expressions that could backtrack: quotes and a trailing `# comment` dropped.
 */
function yamlListItems(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line.startsWith('-')) continue;
    let value = line.slice(1);
    const hash = value.indexOf('#');
    if (hash >= 0) value = value.slice(0, hash);
    value = value.trim();
    if (value.startsWith('"') || value.startsWith("'")) value = value.slice(1);
    if (value.endsWith('"') || value.endsWith("'")) value = value.slice(0, -1);
    if (value && !/['"]/.test(value)) out.push(value);
  }
  return out;
}

/** The targets of an "exports" entry: a path, or a conditions object (source and import first). */
function exportTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(exportTargets);
  if (entry && typeof entry === 'object') {
    const e = entry as Record<string, unknown>;
    const order = ['source', 'development', 'import', 'module', 'default', 'require', 'node', 'browser', 'types'];
    return [...order.filter((k) => k in e), ...Object.keys(e).filter((k) => !order.includes(k))].flatMap((k) => exportTargets(e[k]));
  }
  return [];
}

/** Built output back to its source: dist/x.js → src/x (resolved with the usual extensions). */
function toSource(file: string): string {
  return file.replace(/([\\/])(dist|build|lib|out|esm|cjs)([\\/])/, '$1src$3').replace(/\.(d\.ts|[cm]?js)$/, '');
}
