// The file system as the engine's project host: reads the modules imports lead to (inside the project only,
// when a root is given), decoded, with a directory listing cache and file versions for result caches.
import * as fs from 'fs';
import * as path from 'path';
import type { ProjectHost } from '../analysis';
import { decodeSource } from './decode';
import { staysInside } from './insideProject';
import { isInside } from './root';

/** Largest imported module the engine reads to follow flows across files. */
const MAX_MODULE_SIZE = 2 * 1024 * 1024;

/**
 * The file system as the engine's project host: reads project modules to follow imports, skipping
 * huge or binary files; `version` lets cached results be reused until a file changes on disk. With `inside`
 * (the project root), nothing outside it is read: not by a path, not through a symbolic link.
 */
export function fsHost(inside?: string): ProjectHost & { version(file: string): string | undefined; reset(): void; listDirs(dir: string): string[] } {
  // One directory listing answers every existence probe in that folder (imports try many extensions).
  const listings = new Map<string, Map<string, boolean> | null>();
  /** Names of the files of a folder, each with whether it is a symbolic link. */
  const filesIn = (dir: string): Map<string, boolean> | null => {
    let set = listings.get(dir);
    if (set === undefined) {
      try {
        // A folder that does not exist fails the listing at once; one that does is checked for links leading out.
        const entries = inside && !isInside(dir, inside) ? null : fs.readdirSync(dir, { withFileTypes: true });
        set = !entries || (inside && !staysInside(dir, inside)) ? null
          : new Map(entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => [e.name, e.isSymbolicLink()]));
      } catch {
        set = null;
      }
      listings.set(dir, set);
    }
    return set;
  };
  const linkOk = new Map<string, boolean>();
  return {
    outside(file) {
      return !!inside && !isInside(path.resolve(file), inside);
    },
    reset() {
      listings.clear();
      linkOk.clear();
    },
    fileExists(file) {
      const link = filesIn(path.dirname(file))?.get(path.basename(file));
      if (link === undefined) return false;
      if (!link || !inside) return true;
      // A symbolic link counts only when it leads to a place inside the project.
      let ok = linkOk.get(file);
      if (ok === undefined) linkOk.set(file, (ok = staysInside(file, inside)));
      return ok;
    },
    readFile(file) {
      // A cached existence check first: failed opens throw, and most probes (tsconfig.json, index.ts) miss.
      if (!this.fileExists(file)) return undefined;
      try {
        const buf = fs.readFileSync(file);
        if (buf.length > MAX_MODULE_SIZE) return undefined;
        const decoded = decodeSource(buf);
        return 'text' in decoded ? decoded.text : undefined;
      } catch {
        return undefined;
      }
    },
    listDirs(dir) {
      if (filesIn(dir) === null) return [];
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
      } catch {
        return [];
      }
    },
    version(file) {
      try {
        const st = fs.statSync(file);
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return undefined;
      }
    },
  };
}
