// Kinds of check that guard a call — a read of the opt-out preference signal, a consent check, the app's own
// opt-out flag — told from the names and strings of a condition (categories.json optOutChecks), as mask bits.
// Words only: it walks no syntax tree (guards.ts does) and decides no rule (ruleSelect.ts guardVerdict does).
import type { CategoriesData, GuardKind } from '../catalog/types';
import { containsRun, splitWords } from './classify';

type OptOutChecks = NonNullable<CategoriesData['optOutChecks']>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every kind, in bit order: a guard mask has bit `1 << i` for GUARD_KINDS[i]. */
export const GUARD_KINDS: readonly GuardKind[] = ['signal', 'consent', 'flag'];

export function guardBit(kind: GuardKind): number {
  return 1 << GUARD_KINDS.indexOf(kind);
}

/** The kinds in a guard mask. */
export function guardKindsOf(mask: number | undefined): GuardKind[] {
  return GUARD_KINDS.filter((k) => ((mask ?? 0) & guardBit(k)) !== 0);
}

/**
 * The words of categories.json optOutChecks compiled once: each run of words with its kind (signalWords and
 * the signal's strings are 'signal', consentWords 'consent', every other run the app's own 'flag').
 *
 * @example
 * new GuardWords(checks).kindsOfText('hasMarketingConsent', false) === guardBit('consent')
 */
export class GuardWords {
  private readonly runs: { words: readonly string[]; mask: number }[];
  private readonly prefilter: RegExp;
  /** The signal's strings, case aside. */
  private readonly signalRe: RegExp;

  private static readonly compiled = new WeakMap<OptOutChecks, GuardWords>();

  /** The words of these checks, compiled once per catalog (each file's analysis asks). */
  static of(checks: OptOutChecks): GuardWords {
    let w = GuardWords.compiled.get(checks);
    if (!w) GuardWords.compiled.set(checks, (w = new GuardWords(checks)));
    return w;
  }

  constructor(private readonly checks: OptOutChecks) {
    const key = (r: readonly string[]) => r.join(' ');
    const signal = new Set((checks.signalWords ?? []).map(key));
    const consent = new Set((checks.consentWords ?? []).map(key));
    this.runs = checks.words.map((words) => ({ words, mask: guardBit(signal.has(key(words)) ? 'signal' : consent.has(key(words)) ? 'consent' : 'flag') }));
    // A cheap first test before a name is split into words: the first word of a run, or a string, occurs.
    const parts = [...new Set([...checks.words.map((run) => run[0]), ...checks.strings])].map(escape);
    this.prefilter = parts.length ? new RegExp(parts.join('|')) : /(?!)/;
    const strings = checks.strings.filter((s) => s === s.toLowerCase()).map(escape);
    this.signalRe = strings.length ? new RegExp(strings.join('|'), 'i') : /(?!)/;
  }

  /** The kinds a name (or, with `isString`, a string literal) shows; 0 for none. */
  kindsOfText(text: string, isString: boolean): number {
    const lower = text.toLowerCase();
    if (!this.prefilter.test(lower)) return 0;
    const words = splitWords(text);
    let mask = 0;
    for (const r of this.runs) if (containsRun(words, r.words)) mask |= r.mask;
    if (isString && this.checks.strings.some((s) => lower.includes(s))) mask |= guardBit('signal');
    return mask;
  }

  /**
   * A file whose text contains one of the signal's strings (lower-case in the rules; the text's ASCII case
   * aside) reads the signal itself. One case-insensitive search: no lower-cased copy of the file is made.
   */
  readsSignal(text: string): boolean {
    return this.signalRe.test(text);
  }
}
