import ts = require('typescript');
import * as path from 'path';

/** What the engine may ask of the outside world: file contents. The CLI and the server provide it. */
export interface ProjectHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
}

interface PathsConfig {
  /** Directory that `paths` patterns are relative to. */
  base: string;
  paths: [string, string[]][];
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

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

  constructor(private readonly host: ProjectHost) {}

  resolve(fromFile: string, spec: string): string | undefined {
    const dir = path.dirname(fromFile);
    const key = dir + '\u0000' + spec;
    if (this.cache.has(key)) return this.cache.get(key);
    let result: string | undefined;
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
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
          result = this.file(path.resolve(cfg!.base, t.replace('*', rest)));
          if (result) break;
        }
        if (result) break;
      }
    }
    this.cache.set(key, result);
    return result;
  }

  private file(base: string): string | undefined {
    const ext = path.extname(base);
    if (EXTENSIONS.includes(ext) && this.host.fileExists(base)) return base;
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
    const { config } = ts.parseConfigFileTextToJson(file, text);
    if (!config || typeof config !== 'object') return undefined;
    const opts = config.compilerOptions ?? {};
    const dir = path.dirname(file);
    if (opts.paths && typeof opts.paths === 'object') {
      const base = path.resolve(dir, typeof opts.baseUrl === 'string' ? opts.baseUrl : '.');
      const paths = Object.entries(opts.paths).filter((e): e is [string, string[]] => Array.isArray(e[1]));
      return { base, paths };
    }
    if (typeof config.extends === 'string' && depth < 4 && (config.extends.startsWith('.') || path.isAbsolute(config.extends))) {
      let target = path.resolve(dir, config.extends);
      if (!target.endsWith('.json')) target += '.json';
      const t = this.host.readFile(target);
      if (t !== undefined) return this.readConfig(target, t, depth + 1);
    }
    if (typeof opts.baseUrl === 'string') return { base: path.resolve(dir, opts.baseUrl), paths: [['*', ['*']]] };
    return undefined;
  }
}
