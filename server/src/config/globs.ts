// The include/exclude globs of mt-pii.json: each compiled once per process (never per file), and refused
// when it is too complex to compile or match in bounded time (brace expansion, many brackets or groups).
import { Minimatch, braceExpand } from 'minimatch';

/** Most brackets, braces and parenthesised groups one glob may open. */
const MAX_GROUPS = 16;
/** Most patterns one glob may expand to through braces (`{a,b}{c,d}` is 4). */
const MAX_EXPANSIONS = 64;
/** Compiled globs kept; past this the oldest are dropped (a long-running server meets many configurations). */
const MAX_COMPILED = 2000;

const compiled = new Map<string, Minimatch>();

/**
 * Why a glob is refused, or undefined. Checked before it is ever compiled: minimatch's bracket parsing is
 * quadratic in unclosed `[`, and brace expansion multiplies (`{1..1000}{1..1000}` is a million patterns).
 *
 * @example
 * globProblem('src/**') // → undefined
 * globProblem('['.repeat(100)) // → 'opens 100 brackets, braces or groups; at most 16 are allowed'
 */
export function globProblem(glob: string): string | undefined {
  let groups = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[' || c === '{' || c === '(') groups++;
  }
  if (groups > MAX_GROUPS) return `opens ${groups} brackets, braces or groups; at most ${MAX_GROUPS} are allowed`;
  if (glob.includes('{')) {
    const n = braceExpand(glob, { braceExpandMax: MAX_EXPANSIONS + 1 }).length;
    if (n > MAX_EXPANSIONS) return `expands (through its braces) to more than ${MAX_EXPANSIONS} patterns`;
  }
  return undefined;
}

/** The compiled matcher of a glob (as mt-pii.json globs match: dot files too, a slash-free glob matches base names). */
export function compiledGlob(glob: string): Minimatch {
  let m = compiled.get(glob);
  if (!m) {
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    m = new Minimatch(glob, { dot: true, matchBase: !glob.includes('/'), braceExpandMax: MAX_EXPANSIONS });
    compiled.set(glob, m);
  }
  return m;
}

/** Whether a forward-slash relative path matches a glob. */
export function globMatches(glob: string, rel: string): boolean {
  return compiledGlob(glob).match(rel);
}
