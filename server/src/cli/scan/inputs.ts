// What `mt-pii scan` is asked to look at: paths and glob arguments expanded into files (the project's
// own walker, so default excludes and ignore files apply to globs too), with the folder each came from.
import * as fs from 'fs';
import * as path from 'path';
import { Minimatch } from 'minimatch';
import { FileListing, listFiles } from '../../project/files';

const GLOB_CHARS = /[*?[\]{}()!+@]/;

/** Whether an argument is a glob (and not an existing path that happens to contain such characters). */
export function isGlob(arg: string, cwd: string): boolean {
  return GLOB_CHARS.test(arg) && !fs.existsSync(path.resolve(cwd, arg));
}

/** The folder a glob starts from: its leading segments without glob characters (`src/**\/*.ts` → `src`). */
export function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (GLOB_CHARS.test(p)) break;
    fixed.push(p);
  }
  return fixed.join('/') || (pattern.startsWith('/') ? '/' : '.');
}

export interface Inputs extends FileListing {
  /** Glob arguments that matched no file. */
  emptyGlobs: string[];
}

/**
 * Expands the command line's paths and globs. A glob matches forward-slash paths relative to the working
 * directory (or absolute ones, for an absolute glob); folders under it are walked as a folder argument is.
 *
 * @example
 * expandInputs(['src', 'lib/**\/*.ts'], '/app', exclude).files // every file under src/, the .ts files under lib/
 */
export function expandInputs(args: readonly string[], cwd: string, exclude: (abs: string, isDir: boolean) => boolean): Inputs {
  const plain = args.filter((a) => !isGlob(a, cwd)).map((a) => path.resolve(cwd, a));
  const listing = listFiles(plain, exclude);
  // listFiles reports missing paths as resolved; show them as given.
  listing.missing = args.filter((a) => !isGlob(a, cwd) && listing.missing.includes(path.resolve(cwd, a)));
  const emptyGlobs: string[] = [];
  const seen = new Set(listing.files);
  for (const pattern of args.filter((a) => isGlob(a, cwd))) {
    const normalized = pattern.split(path.sep).join('/').replace(/^\.\//, '');
    const base = path.resolve(cwd, globBase(normalized));
    const absolute = path.isAbsolute(normalized);
    const found = listFiles([base], exclude);
    listing.unreadable.push(...found.unreadable);
    const matcher = new Minimatch(normalized, { dot: false });
    let matched = 0;
    for (const f of found.files) {
      const rel = absolute ? f.split(path.sep).join('/') : path.relative(cwd, f).split(path.sep).join('/');
      if (!matcher.match(rel)) continue;
      matched++;
      if (seen.has(f)) continue;
      seen.add(f);
      listing.files.push(f);
      listing.roots.set(f, base);
    }
    for (const c of found.configFiles) if (!listing.configFiles.includes(c)) listing.configFiles.push(c);
    if (!matched) emptyGlobs.push(pattern);
  }
  return { ...listing, emptyGlobs };
}
