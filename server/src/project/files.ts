import * as fs from 'fs';
import * as path from 'path';
import { isSourceFile } from '../analysis/parse';

/** Folders never worth scanning: dependencies, build output, caches, VCS data. */
export const DEFAULT_EXCLUDED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit',
  'bower_components', 'vendor', '.cache', '.turbo', '.parcel-cache', '.yarn', '.pnpm-store', 'tmp', '.vercel', '.expo',
]);

/** Files that are generated or minified. */
export function isGeneratedFile(file: string): boolean {
  return /\.min\.[cm]?js$|[-.]bundle\.[cm]?js$|\.chunk\.[cm]?js$/i.test(file);
}

export interface FileListing {
  files: string[];
  /** mt-pii.json files met on the way (each is validated even if no source file sits beside it). */
  configFiles: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/**
 * Expands command-line paths into the source files to scan. Named files are always included;
 * folders are walked without following symbolic links, skipping default-excluded folders.
 */
export function listFiles(paths: readonly string[], exclude: (absPath: string, isDir: boolean) => boolean = () => false): FileListing {
  const files: string[] = [];
  const configFiles: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.has(e.name) || exclude(abs, true)) continue;
        walk(abs);
      } else if (e.isFile() && isSourceFile(e.name) && !isGeneratedFile(e.name) && !exclude(abs, false)) {
        add(abs);
      } else if (e.isFile() && e.name === 'mt-pii.json') {
        configFiles.push(abs);
      }
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) walk(abs);
    else add(abs);
  }
  return { files, configFiles, missing };
}

/** Looks like a binary file: a NUL byte in the first 8 KB. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
