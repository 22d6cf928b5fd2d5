// `.gitignore` and `.mt-piiignore` files, with git's semantics (the `ignore` package): each file's patterns
// apply below its own folder, a deeper file can re-include (`!pattern`) what a shallower one excluded.
import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import { isInside } from './root';

export const IGNORE_FILES = ['.gitignore', '.mt-piiignore'] as const;

/**
 * The ignore files from `top` (the repository or project root) down to each folder asked about.
 *
 * @example
 * const rules = new IgnoreFiles('/repo');
 * rules.ignores('/repo/generated/api.ts', false) // → true when /repo/.gitignore lists generated/
 */
export class IgnoreFiles {
  private readonly perDir = new Map<string, Ignore | null>();

  constructor(private readonly top: string) {}

  private rulesOf(dir: string): Ignore | null {
    let ig = this.perDir.get(dir);
    if (ig === undefined) {
      ig = null;
      for (const name of IGNORE_FILES) {
        let text: string;
        try {
          text = fs.readFileSync(path.join(dir, name), 'utf8');
        } catch {
          continue;
        }
        (ig ??= ignore()).add(text);
      }
      this.perDir.set(dir, ig);
    }
    return ig;
  }

  /** Whether an absolute path (a folder when `isDir`) is ignored; paths outside `top` never are. */
  ignores(abs: string, isDir: boolean): boolean {
    if (!isInside(abs, this.top) || abs === this.top) return false;
    const dirs: string[] = [];
    for (let d = path.dirname(abs); isInside(d, this.top); d = path.dirname(d)) {
      dirs.unshift(d);
      if (d === this.top) break;
    }
    let ignored = false;
    for (const d of dirs) {
      const ig = this.rulesOf(d);
      if (!ig) continue;
      const rel = path.relative(d, abs).split(path.sep).join('/') + (isDir ? '/' : '');
      const r = ig.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}
