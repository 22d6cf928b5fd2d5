// Paths a repository's own files name (mt-pii.json's baseline, a disclosure file, anything later) must stay
// inside the project: relative, no `..` out of the root, no symbolic link that leads out. One check for all.
import * as fs from 'fs';
import * as path from 'path';
import { isInside } from './root';

/**
 * Why a path written in a configuration is refused, or undefined when it resolves inside `root`.
 * `value` is relative to `fromDir` (the folder of the mt-pii.json); `root` is the project root.
 *
 * @example
 * configPathProblem('mt-pii-baseline.json', '/repo', '/repo')  // → undefined
 * configPathProblem('../victim.txt', '/repo', '/repo')         // → "leads outside the project (/repo) through '..'"
 * configPathProblem('/etc/passwd', '/repo', '/repo')           // → 'must be relative to this mt-pii.json, not an absolute path'
 */
export function configPathProblem(value: string, fromDir: string, root: string): string | undefined {
  if (value.includes('\0')) return 'must not contain a NUL character';
  if (path.posix.isAbsolute(value) || path.win32.isAbsolute(value) || /^[A-Za-z]:/.test(value)) {
    return 'must be relative to this mt-pii.json, not an absolute path';
  }
  const target = path.resolve(fromDir, value);
  if (!isInside(target, root)) return `leads outside the project (${root}) through '..'`;
  if (!staysInside(target, root)) return `leads outside the project (${root}) through a symbolic link`;
  return undefined;
}

/**
 * Whether `target` is inside `root` once symbolic links are followed: the target itself when it exists (a
 * dangling link is refused: writing through it would create its target), else the nearest folder above it
 * that exists, up to the root.
 */
export function staysInside(target: string, root: string): boolean {
  const realRoot = realOr(root);
  // Up from the target to the root: the first thing that exists decides (nothing existing: nothing links out).
  for (let probe = target; isInside(probe, root); probe = path.dirname(probe)) {
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(probe);
    } catch {
      st = undefined;
    }
    if (st) {
      let real: string;
      try {
        real = fs.realpathSync(probe);
      } catch {
        return false; // a link whose target does not exist (or a loop)
      }
      return isInside(real, realRoot);
    }
    if (path.dirname(probe) === probe) break;
  }
  return isInside(target, root);
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
