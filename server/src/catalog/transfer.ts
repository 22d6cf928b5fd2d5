// A compiled catalog sent to another thread: structured cloning keeps its data but not the prototypes of the
// few class instances in it, which reviveCatalog restores (test/unit/catalogTransfer.test.ts keeps them in step).
import { HostPathPattern } from './hostPattern';
import type { Catalog } from './load';

/**
 * The catalog as compiled, from its structured clone (postMessage): host path patterns made again from their
 * source. The clone is changed in place and returned.
 */
export function reviveCatalog(clone: Catalog): Catalog {
  for (const routes of clone.hostRoutes.values()) {
    for (const r of routes) r.path = new HostPathPattern(r.path.source);
  }
  return clone;
}
