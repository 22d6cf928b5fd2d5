/**
 * SDKs a project declares in package.json, mapped to the vendors of the sink catalog (rules/sinks: the
 * modules its entries import), so the data map can list SDKs present that no personal data was seen reaching.
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtinModules } from 'module';
import type { Catalog } from '../catalog/load';
import type { SinkData } from '../catalog/types';

/** A catalogued SDK declared in a package.json. */
export interface DeclaredSdk {
  /** npm package name. */
  package: string;
  /** The catalog's sinks whose entries import it. */
  sinks: SinkData[];
  /** package.json files that declare it (absolute). */
  declaredIn: string[];
  /** Declared only as a devDependency. */
  dev: boolean;
}

const BUILTINS = new Set(builtinModules);

/** The npm package of a module specifier ('@scope/name/sub' → '@scope/name'); undefined for built-ins. */
export function packageOf(spec: string): string | undefined {
  if (spec.startsWith('node:') || spec.startsWith('.') || spec.startsWith('/')) return undefined;
  const name = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  return BUILTINS.has(name) ? undefined : name;
}

/**
 * npm package → the sinks that import it, from every module entry of the catalog; `@scope/*` entries
 * cover every package of the scope.
 */
export function packageSinks(catalog: Pick<Catalog, 'sinks'>): { exact: Map<string, SinkData[]>; scopes: [string, SinkData][] } {
  const exact = new Map<string, SinkData[]>();
  const scopes: [string, SinkData][] = [];
  const add = (pkg: string, sink: SinkData) => {
    const list = exact.get(pkg) ?? [];
    if (!list.includes(sink)) list.push(sink);
    exact.set(pkg, list);
  };
  for (const sink of catalog.sinks) {
    for (const inst of sink.instances) {
      for (const entry of inst.from) {
        if (!entry.module) continue;
        if (entry.module.endsWith('/*')) scopes.push([entry.module.slice(0, -1), sink]);
        else {
          const pkg = packageOf(entry.module);
          if (pkg) add(pkg, sink);
        }
      }
    }
  }
  return { exact, scopes };
}

/**
 * The package.json nearest above each file, not above the folder it was scanned from (so a checkout's own
 * package.json above a scanned subfolder does not count).
 */
export function packageJsonsOf(scanned: readonly { file: string; root: string }[]): string[] {
  const found = new Set<string>();
  const seen = new Map<string, string | null>();
  for (const { file, root } of scanned) {
    const stop = path.resolve(root);
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      let hit = seen.get(dir);
      if (hit === undefined) {
        const candidate = path.join(dir, 'package.json');
        hit = fs.existsSync(candidate) ? candidate : null;
        seen.set(dir, hit);
      }
      if (hit) {
        found.add(hit);
        break;
      }
      const rel = path.relative(stop, dir);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel) || path.dirname(dir) === dir) break;
    }
  }
  return [...found].sort();
}

/** The catalogued SDKs declared by these package.json files (unreadable files are left out). */
export function declaredSdks(packageJsons: readonly string[], catalog: Pick<Catalog, 'sinks'>): DeclaredSdk[] {
  const { exact, scopes } = packageSinks(catalog);
  const out = new Map<string, DeclaredSdk>();
  for (const file of packageJsons) {
    let pkg: Record<string, unknown>;
    try {
      pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies']) {
      const deps = pkg[field];
      if (!deps || typeof deps !== 'object') continue;
      for (const name of Object.keys(deps)) {
        const sinks = [...(exact.get(name) ?? []), ...scopes.filter(([prefix]) => name.startsWith(prefix)).map(([, s]) => s)];
        if (!sinks.length) continue;
        let d = out.get(name);
        if (!d) out.set(name, (d = { package: name, sinks: [...new Set(sinks)], declaredIn: [], dev: true }));
        if (!d.declaredIn.includes(file)) d.declaredIn.push(file);
        if (field !== 'devDependencies') d.dev = false;
      }
    }
  }
  return [...out.values()].sort((a, b) => a.package.localeCompare(b.package));
}
