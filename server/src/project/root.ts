// The project root that output paths and fingerprints are relative to: the nearest mt-pii.json with
// "root": true, else the repository root (a `.git` folder or file), else the scanned folder.
import * as fs from 'fs';
import * as path from 'path';
import type * as TS from 'typescript';
import { CONFIG_FILE } from '../config/config';
import { typescript } from '../analysis/compiler';
import { checkJsonText } from '../config/jsonValue';

export interface ProjectRoot {
  /** Absolute folder. */
  root: string;
  how: 'mt-pii.json' | 'git' | 'folder';
  /** The repository root (the folder holding `.git`), when there is one at or above `root`. */
  gitRoot?: string;
}

/** The folder holding `.git` (a folder, or a file as in worktrees and submodules) at or above `dir`. */
export function findGitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Whether an mt-pii.json says "root": true (read as data; an unreadable or invalid file does not). */
function isRootConfig(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (checkJsonText(text)) return false; // too large or deep to parse: reported as a configuration error when read
  const ts = typescript();
  let json: TS.JsonSourceFile;
  try {
    json = ts.parseJsonText(file, text);
  } catch {
    return false;
  }
  const obj = json.statements[0]?.expression;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return false;
  return obj.properties.some((p) => ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name))
    && p.name.text === 'root' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

/**
 * The project root for a scan that starts at `start` (the common folder of what is scanned).
 *
 * @example
 * findProjectRoot('/repo/packages/app/src') // → { root: '/repo', how: 'git', gitRoot: '/repo' }
 */
export function findProjectRoot(start: string): ProjectRoot {
  const from = path.resolve(start);
  const gitRoot = findGitRoot(from);
  for (let d = from; ; d = path.dirname(d)) {
    const cfg = path.join(d, CONFIG_FILE);
    if (fs.existsSync(cfg) && isRootConfig(cfg)) return { root: d, how: 'mt-pii.json', gitRoot: gitRoot && isInside(d, gitRoot) ? gitRoot : undefined };
    if (d === gitRoot || path.dirname(d) === d) break;
  }
  return gitRoot ? { root: gitRoot, how: 'git', gitRoot } : { root: from, how: 'folder' };
}

/**
 * The project root as seen from a file of it (an mt-pii.json): its own root marker or repository, else the
 * outermost of `projects` (the scanned folder, the editor's workspace folders) that holds it, else its folder.
 * Paths that file names must stay inside this folder.
 *
 * @example
 * projectRootOf('/repo/packages/app/mt-pii.json') // → '/repo' (the repository root)
 */
export function projectRootOf(file: string, projects: readonly string[] = []): string {
  const found = findProjectRoot(path.dirname(path.resolve(file)));
  if (found.how !== 'folder') return found.root;
  const holding = projects.map((p) => path.resolve(p)).filter((p) => isInside(file, p)).sort((a, b) => a.length - b.length);
  return holding[0] ?? found.root;
}

/** The deepest folder containing every path (files count by their folder). */
export function commonFolder(paths: readonly string[]): string {
  const dirs = paths.map((p) => {
    const abs = path.resolve(p);
    try {
      return fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
    } catch {
      return path.dirname(abs);
    }
  });
  let common = dirs[0] ?? process.cwd();
  for (const d of dirs.slice(1)) while (!isInside(d, common)) common = path.dirname(common);
  return common;
}

/** Whether `p` is `dir` or below it. */
export function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
