// How far one walk may go: the nesting depth the engine follows, and cancellation checked as work is done.
// Shared by the statement and expression stages; it knows nothing of syntax, values or the catalog.

export class Cancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

/** Deepest nesting of statements and expressions followed; deeper code is skipped and the file marked truncated. */
const MAX_DEPTH = 700;

export class Budget {
  /** True when an expression nested deeper than the engine follows was skipped. */
  truncated = false;
  /** Nesting of the statement or expression being walked (callers decrement it when they leave). */
  depth = 0;
  private work = 0;

  constructor(private readonly isCancelled: () => boolean) {}

  /**
   * Enters one more level: false (and the file marked truncated) past the deepest level followed; throws
   * `Cancelled` when cancellation was asked. After `true`, the caller decrements `depth` when it leaves.
   */
  enter(): boolean {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.truncated = true;
      return false;
    }
    this.tick();
    return true;
  }

  /** Counts a step of work that enters no level (an operand of a long chain): throws `Cancelled` when asked. */
  tick(): void {
    if ((++this.work & 0xfff) === 0 && this.isCancelled()) throw new Cancelled();
  }
}
