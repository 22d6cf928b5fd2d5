import * as fs from 'fs';
import * as path from 'path';
import type { ProjectHost } from '../analysis';

/** Largest imported module the engine reads to follow flows across files. */
const MAX_MODULE_SIZE = 2 * 1024 * 1024;

/**
 * The file system as the engine's project host: reads project modules to follow imports, skipping
 * huge or binary files; `version` lets cached results be reused until a file changes on disk.
 */
export function fsHost(): ProjectHost & { version(file: string): string | undefined; reset(): void; listDirs(dir: string): string[] } {
  // One directory listing answers every existence probe in that folder (imports try many extensions).
  const listings = new Map<string, Set<string> | null>();
  const filesIn = (dir: string): Set<string> | null => {
    let set = listings.get(dir);
    if (set === undefined) {
      try {
        set = new Set(fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name));
      } catch {
        set = null;
      }
      listings.set(dir, set);
    }
    return set;
  };
  return {
    reset() {
      listings.clear();
    },
    fileExists(file) {
      return filesIn(path.dirname(file))?.has(path.basename(file)) ?? false;
    },
    readFile(file) {
      // A cached existence check first: failed opens throw, and most probes (tsconfig.json, index.ts) miss.
      if (!this.fileExists(file)) return undefined;
      try {
        const buf = fs.readFileSync(file);
        if (buf.length > MAX_MODULE_SIZE || buf.subarray(0, 8192).includes(0)) return undefined;
        return buf.toString('utf8');
      } catch {
        return undefined;
      }
    },
    listDirs(dir) {
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
