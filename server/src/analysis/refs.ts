// Where a value leads in the catalog: a module or page global, and the path walked from it to an SDK
// instance or a personal-data API (rules/ data compiled by catalog/). Pure lookups: no sink matching, no hits.
import type * as ts from 'typescript';
import type { Catalog } from '../catalog/load';
import { pathKey } from '../catalog/paths';
import { EMPTY, Ref, Value, withCategories } from './values';

/** Names of the page's global object: `window.x` is the global `x`. */
export const GLOBAL_OBJECT_NAMES = new Set(['window', 'globalThis', 'self', 'top', 'parent', 'frames']);
export const GLOBAL_OBJECT_REF: Ref = { root: 'g', path: [] };

/** What `root` + `path` leads to: an SDK instance, a personal-data API, a path worth following, or nothing. */
export function resolve(catalog: Catalog, root: string, path: readonly string[]): Value {
  const key = pathKey(root, path);
  const target = catalog.handles.get(key);
  if (target?.instance !== undefined) return { ref: { root: 'h:' + target.instance, path: [] } };
  if (target?.source) return { source: target.source };
  if (catalog.prefixes.has(key) || catalog.calls.has(key)) return { ref: { root, path } };
  return EMPTY;
}

/** One property further along a ref (`segment` may be a call or callback step of catalog/paths). */
export function extendRef(catalog: Catalog, ref: Ref | undefined, segment: string): Value {
  if (!ref) return EMPTY;
  if (ref.root === 'g') return catalog.globals.has(segment) ? resolve(catalog, 'g:' + segment, []) : EMPTY;
  if (segment === 'default' && ref.path.length === 0) return { ref }; // import('m').default, { default: x } = await import('m')
  let out = resolve(catalog, ref.root, [...ref.path, segment]);
  // '*' in a catalog path is any property name (a Dexie table declared on the database: db.friends.add(v)).
  if (out === EMPTY && /^[A-Za-z_$]/.test(segment)) out = resolve(catalog, ref.root, [...ref.path, '*']);
  // An HTTP client made with a base URL keeps it along its methods (api.post, api.extend()).
  if (ref.base && out.ref && out.ref.root === ref.root && !out.ref.base) out = { ...out, ref: { ...out.ref, base: ref.base } };
  // A client pointed at another vendor's host keeps that vendor along its methods (groq.chat.completions).
  if (ref.via !== undefined && out.ref && out.ref.root === ref.root) out = { ...out, ref: { ...out.ref, via: ref.via } };
  return out;
}

/** The same ref with a base URL (an HTTP client instance made with one). */
export function withBase(v: Value, base: string | undefined): Value {
  return base && v.ref ? { ...v, ref: { ...v.ref, base } } : v;
}

/** The value of a catalogued module (by exact name or prefix), or nothing for any other module. */
export function moduleValue(catalog: Catalog, spec: string): Value {
  let root = catalog.modules.get(spec);
  if (!root) {
    for (const [prefix, r] of catalog.modulePrefixes) if (spec.startsWith(prefix)) root = r;
  }
  return root ? resolve(catalog, root, []) : EMPTY;
}

/** Whether `spec` names a catalogued module (an SDK), which project files never shadow. */
export function isCatalogModule(catalog: Catalog, spec: string): boolean {
  return catalog.modules.has(spec) || catalog.modulePrefixes.some(([p]) => spec.startsWith(p));
}

/** A value from an API that yields personal data; property reads on it stay tainted (pos.coords.latitude). */
export function sourceTaint(v: Value, node: ts.Node): Value {
  if (!v.source) return v;
  return withCategories(v, [v.source.category], node, v.source.note);
}
