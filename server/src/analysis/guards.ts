// Guards: the kinds of check (guardKinds.ts mask: the opt-out signal, consent, the app's own flag) that the
// code being walked runs behind. Owns that question alone: it neither walks statements nor records hits.
import ts = require('typescript');
import type { CategoriesData } from '../catalog/types';
import { GuardWords, guardBit } from './guardKinds';

type OptOutChecks = NonNullable<CategoriesData['optOutChecks']>;

/**
 * Tracks, while a file is walked, the kinds of check (a guardKinds.ts mask) the enclosing branches and early
 * exits make: `if (!navigator.globalPrivacyControl) fbq(...)`, `consent && ttq.track()`, `if (optedOut)
 * return;` before the rest of a block, a function defined in such a branch. The statement and expression
 * stages tell it where branches start and end; the recorder asks `guards()` for the mask a hit carries.
 */
export class Guards {
  /** The kinds of check the enclosing branches and early exits make. */
  private kinds = 0;
  /** The file itself reads an opt-out preference signal (computed once, when first needed). */
  private fileReadsSignal?: boolean;
  private readonly words?: GuardWords;

  constructor(private readonly sf: ts.SourceFile, checks: OptOutChecks | undefined) {
    if (checks) this.words = GuardWords.of(checks);
  }

  /** The kinds of check a condition makes, from its names and strings (0: none). */
  kindsOf(cond: ts.Node): number {
    const words = this.words;
    if (!words) return 0;
    let kinds = 0;
    const visit = (n: ts.Node): void => {
      const text = ts.isIdentifier(n) || ts.isPrivateIdentifier(n) ? n.text : ts.isStringLiteralLike(n) ? n.text : undefined;
      if (text !== undefined) kinds |= words.kindsOfText(text, ts.isStringLiteralLike(n));
      else ts.forEachChild(n, visit);
    };
    visit(cond);
    return kinds;
  }

  /** Enters code that runs only as `cond` decides (a branch, the right of `&&`); restore(mark) when it ends. */
  enter(cond: ts.Node): number {
    const outer = this.kinds;
    this.kinds |= this.kindsOf(cond);
    return outer;
  }

  /** As enter(), with the kinds of the condition already known (a long `&&` chain grows them operand by operand). */
  enterKinds(kinds: number): number {
    const outer = this.kinds;
    this.kinds |= kinds;
    return outer;
  }

  /** Where a block starts: restore(mark) when it ends drops the early exits seen in it. */
  mark(): number {
    return this.kinds;
  }

  restore(mark: number): void {
    this.kinds = mark;
  }

  /** After a statement of a block: `if (navigator.globalPrivacyControl) return;` guards the rest of the block. */
  after(s: ts.Statement): void {
    if (ts.isIfStatement(s) && exits(s.thenStatement)) this.kinds |= this.kindsOf(s.expression);
  }

  /** The kinds of the enclosing branches: a function defined here carries them wherever it is called. */
  inBranch(): number {
    return this.kinds;
  }

  /** Starts a function's body behind the kinds it was defined behind; returns the mark to restore. */
  enterFunction(definedBehind: number | undefined): number {
    const outer = this.kinds;
    this.kinds = definedBehind ?? 0;
    return outer;
  }

  /**
   * The kinds of check (0: none) a sink reached here sits behind: the enclosing branches, and the signal
   * anywhere in a file that reads it itself (categories.json `optOutChecks` strings).
   */
  guards(): number {
    const words = this.words;
    if (!words) return this.kinds;
    this.fileReadsSignal ??= words.readsSignal(this.sf.text);
    return this.kinds | (this.fileReadsSignal ? guardBit('signal') : 0);
  }
}

/** A statement that leaves the enclosing block: `return;`, `throw ...`, `{ return; }`. */
export function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && exits(st.statements[st.statements.length - 1]);
}

/** A guard mask as an optional field of a hit or an edge (absent when 0). */
export function guardsOf(mask: number): { guards?: number } {
  return mask ? { guards: mask } : {};
}
