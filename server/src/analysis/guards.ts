// Guards: whether code runs only after a check of an opt-out preference signal or a consent choice
// (categories.json optOutChecks). Owns that question alone: it neither walks statements nor records hits.
import ts = require('typescript');
import type { CategoriesData } from '../catalog/types';
import { splitWords } from './classify';

type OptOutChecks = NonNullable<CategoriesData['optOutChecks']>;

/**
 * Tracks, while a file is walked, how many enclosing branches or early exits check an opt-out signal or a
 * consent choice: `if (!navigator.globalPrivacyControl) fbq(...)`, `consent && ttq.track()`,
 * `if (optedOut) return;` before the rest of a block, a function defined in such a branch. The statement
 * and expression stages tell it where branches start and end; sinks ask `guarded()`.
 */
export class Guards {
  private depth = 0;
  /** The file itself reads an opt-out preference signal (computed once, when first needed). */
  private fileChecks?: boolean;
  private prefilter?: RegExp;
  private readonly visit = (n: ts.Node): true | undefined => (this.mentions(n) ? true : undefined);

  constructor(private readonly sf: ts.SourceFile, private readonly checks: OptOutChecks | undefined) {}

  /** A condition mentions an opt-out signal or consent choice: a name made of a listed run of words, or a listed string. */
  isGuard(cond: ts.Node): boolean {
    return !!this.checks && this.mentions(cond);
  }

  /** Enters code that runs only as `cond` decides (a branch, the right of `&&`): true when `cond` is a guard; then call leave(). */
  enter(cond: ts.Node): boolean {
    if (!this.isGuard(cond)) return false;
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /** Where a block starts: restore(mark) when it ends drops the early exits seen in it. */
  mark(): number {
    return this.depth;
  }

  restore(mark: number): void {
    this.depth = mark;
  }

  /** After a statement of a block: `if (navigator.globalPrivacyControl) return;` guards the rest of the block. */
  after(s: ts.Statement): void {
    if (ts.isIfStatement(s) && exits(s.thenStatement) && this.isGuard(s.expression)) this.depth++;
  }

  /** Inside a guarded branch: a function defined here is guarded wherever it is called. */
  inBranch(): boolean {
    return this.depth > 0;
  }

  /** Starts a function's body, guarded when the function was defined in a guarded branch; returns the mark to restore. */
  enterFunction(definedGuarded: boolean): number {
    const outer = this.depth;
    this.depth = definedGuarded ? 1 : 0;
    return outer;
  }

  /** Whether a sink reached here is guarded: inside a guarded branch, or anywhere in a file that reads the signal itself. */
  guarded(): boolean {
    if (this.depth > 0) return true;
    const checks = this.checks;
    if (!checks) return false;
    if (this.fileChecks === undefined) {
      const text = this.sf.text.toLowerCase();
      this.fileChecks = checks.strings.some((s) => text.includes(s));
    }
    return this.fileChecks;
  }

  private mentions(n: ts.Node): boolean {
    const checks = this.checks!;
    const text = ts.isIdentifier(n) || ts.isPrivateIdentifier(n) ? n.text : ts.isStringLiteralLike(n) ? n.text : undefined;
    if (text === undefined) return ts.forEachChild(n, this.visit) ?? false;
    const lower = text.toLowerCase();
    if (!this.prefilterOf(checks).test(lower)) return false;
    const words = splitWords(text);
    return checks.words.some((seq) => containsRun(words, seq)) || (ts.isStringLiteralLike(n) && checks.strings.some((s) => lower.includes(s)));
  }

  /** A cheap first test before a name is split into words: the first word of a run, or a string, occurs. */
  private prefilterOf(checks: OptOutChecks): RegExp {
    if (!this.prefilter) {
      const parts = [...new Set([...checks.words.map((run) => run[0]), ...checks.strings])].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.prefilter = parts.length ? new RegExp(parts.join('|')) : /(?!)/;
    }
    return this.prefilter;
  }
}

/** A statement that leaves the enclosing block: `return;`, `throw ...`, `{ return; }`. */
function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && exits(st.statements[st.statements.length - 1]);
}

/** `words` contains `run` as consecutive words. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
