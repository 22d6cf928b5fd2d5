import * as fs from 'fs';
import * as path from 'path';
import { isSourceFile } from '../analysis/sourceFiles';

/** Folders never worth scanning: dependencies, build output, caches, VCS data. */
export const DEFAULT_EXCLUDED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit',
  'bower_components', 'vendor', '.cache', '.turbo', '.parcel-cache', '.yarn', '.pnpm-store', 'tmp', '.vercel', '.expo',
]);

/** Folders of tests, mocks, stories and database seeds: code that calls the app with fake people. */
export const TEST_DIRS = new Set(['__tests__', '__mocks__', '__fixtures__', '__snapshots__', 'test', 'tests', 'spec', 'specs',
  'e2e', 'cypress', 'playwright', 'fixtures', 'mocks', '__stories__', 'stories', 'storybook', '.storybook',
  'seed', 'seeds', 'seeders']);
const TEST_FILE = /\.(test|spec|e2e|cy|stories|story|bench|seed)\.[cm]?[jt]sx?$|(^|[\\/])(jest|vitest|playwright|cypress)\.config\.[cm]?[jt]s$|(^|[\\/])prisma[\\/]seed\.[cm]?[jt]s$/i;

/**
 * Whether a path (relative to the project or scanned folder) is test, mock, story or seed code (seed/,
 * *.seed.ts, prisma/seed.ts: fake people written into a development database). Such code is skipped
 * unless mt-pii.json sets "checkTests": peers do the same, and fake people are not leaks.
 */
export function isTestPath(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  return TEST_FILE.test(relPath) || parts.slice(0, -1).some((p) => TEST_DIRS.has(p));
}

/** Files that are generated or minified. */
export function isGeneratedFile(file: string): boolean {
  return /\.min\.[cm]?js$|[-.]bundle\.[cm]?js$|\.chunk\.[cm]?js$/i.test(file);
}

export interface FileListing {
  files: string[];
  /** For each file, the folder given on the command line that it was found under. */
  roots: Map<string, string>;
  /** Files named on the command line themselves. */
  explicit: Set<string>;
  /** mt-pii.json files met on the way (each is validated even if no source file sits beside it). */
  configFiles: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Folders that could not be listed (no permission), with the reason: what they hold was not scanned. */
  unreadable: { dir: string; reason: string }[];
}

/**
 * Expands command-line paths into the source files to scan. Named files are always included;
 * folders are walked without following symbolic links, skipping default-excluded folders.
 */
export function listFiles(paths: readonly string[], exclude: (absPath: string, isDir: boolean) => boolean = () => false): FileListing {
  const files: string[] = [];
  const roots = new Map<string, string>();
  const explicit = new Set<string>();
  let currentRoot = '';
  const configFiles: string[] = [];
  const missing: string[] = [];
  const unreadable: { dir: string; reason: string }[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
      roots.set(f, currentRoot);
    }
  };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ dir, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
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
    currentRoot = stat.isDirectory() ? abs : path.dirname(abs);
    if (stat.isDirectory()) walk(abs);
    else {
      add(abs);
      explicit.add(abs);
    }
  }
  return { files, roots, explicit, configFiles, missing, unreadable };
}

/** Looks like a binary file: a NUL byte in the first 8 KB. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
