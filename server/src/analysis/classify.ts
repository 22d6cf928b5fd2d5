import type { CategoriesData, CategoryData } from '../catalog/types';

/**
 * Splits an identifier or key into lower-case words: camelCase, PascalCase, ACRONYMWords,
 * snake_case, kebab-case and digit runs.
 *
 * @example
 * splitWords('userSSNNumber')  // → ['user', 'ssn', 'number']
 * splitWords('date_of-birth2') // → ['date', 'of', 'birth', '2']
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  const re = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name))) words.push(m[0].toLowerCase());
  return words;
}

/** SCREAMING_SNAKE_CASE with an underscore: a constant, never data (EMAIL_REGEX, USER_EMAIL_KEY). */
export function isConstantName(name: string): boolean {
  return /^[A-Z0-9$]+(_[A-Z0-9$]+)+$/.test(name);
}

function isScreaming(name: string): boolean {
  return /^[A-Z][A-Z0-9_$]*$/.test(name) && name.length > 1;
}

function isPascal(name: string): boolean {
  return /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(name);
}

interface CompiledCategory {
  id: string;
  patterns: string[][];
  personPatterns: string[][];
  exclude: Set<string>;
  excludeSequences: string[][];
}

export interface ClassifyContext {
  /** The value sits on a person-like object or in a user-profile argument. */
  person?: boolean;
}

/**
 * Names → PII categories, driven entirely by rules/categories.json.
 *
 * @example
 * const c = new Classifier(catalog.categories);
 * c.name('billingPhone');                      // → ['phone']
 * c.name('emailVerified');                     // → []
 * c.property('name', 'currentUser');           // → ['name']
 * c.property('name', 'file');                  // → []
 */
export class Classifier {
  private readonly categories: CompiledCategory[];
  private readonly guardWords: Set<string>;
  private readonly guardPrefixes: Set<string>;
  private readonly receiverWords: Set<string>;
  private readonly uiWords: Set<string>;
  private readonly valueAccessors: Set<string>;
  private readonly personWords: Set<string>;
  private readonly getterVerbs: Set<string>;
  private readonly getterNouns: Set<string>;
  private readonly derived: { id: string; words: Set<string>; withCategory: Set<string> }[];
  private readonly sanitizerWords: Set<string>;
  private readonly propagatorWords: Set<string>;
  private readonly memo = new Map<string, readonly string[]>();
  readonly labels: Map<string, string>;

  constructor(data: CategoriesData) {
    this.categories = data.categories.filter((c) => c.patterns.length || c.personContextPatterns?.length).map(compileCategory);
    this.labels = new Map(data.categories.map((c) => [c.id, c.label]));
    this.guardWords = new Set(data.guards.words);
    this.guardPrefixes = new Set(data.guards.prefixes);
    this.receiverWords = new Set(data.guards.receiverWords);
    this.uiWords = new Set(data.guards.uiWords);
    this.valueAccessors = new Set(data.guards.valueAccessors);
    this.personWords = new Set(data.personObjects.words);
    this.getterVerbs = new Set(data.getterVerbs.verbs);
    this.getterNouns = new Set(data.getterVerbs.nouns);
    this.derived = data.categories
      .filter((c) => c.derived)
      .map((c) => ({ id: c.id, words: new Set(c.derived!.whenNameHasWord), withCategory: new Set(c.derived!.withCategory) }));
    this.sanitizerWords = new Set(data.sanitizers.words);
    this.propagatorWords = new Set(data.propagators.calleeWords);
  }

  /** Categories carried by a variable, parameter or binding named `name`. */
  name(name: string, ctx: ClassifyContext = {}): readonly string[] {
    if (isConstantName(name)) return NONE;
    const words = splitWords(name);
    if (words.length > 1 && this.getterVerbs.has(words[0])) return NONE; // getEmail: a function, not the email
    return this.words(words, !!ctx.person);
  }

  /**
   * Categories carried by `receiver.prop`. `receiver` is the receiver's own name (identifier or last
   * property), `chain` the names further out, used for `emailInput.value` and `emailRef.current.value`.
   */
  property(prop: string, receiver: string | undefined, ctx: ClassifyContext = {}, chain: readonly string[] = []): readonly string[] {
    if (isConstantName(prop)) return NONE;
    if (receiver !== undefined) {
      if ((isScreaming(receiver) || isPascal(receiver)) && (isScreaming(prop) || isPascal(prop))) return NONE; // FIELDS.EMAIL, Field.Email
      if (this.valueAccessors.has(prop)) return this.valueOf([receiver, ...chain]);
      const rw = splitWords(receiver);
      if (rw.some((w) => this.receiverWords.has(w))) return NONE;
    }
    return this.words(splitWords(prop), !!ctx.person);
  }

  /** Categories carried by an object-literal key or a string key (`{ email: v }`, `formData.get('email')`). */
  key(key: string, ctx: ClassifyContext = {}): readonly string[] {
    if (isConstantName(key) || !/^[A-Za-z_$][\w$.-]*$/.test(key)) return NONE;
    return this.words(splitWords(key.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : key), !!ctx.person);
  }

  /** Categories returned by a call to `name` (getUserEmail(), selectPhone(state)); none for other verbs. */
  callResult(name: string): readonly string[] {
    const words = splitWords(name);
    if (words.length < 2 || !(this.getterVerbs.has(words[0]) || this.getterNouns.has(words[0]))) return NONE;
    return this.words(this.getterVerbs.has(words[0]) ? words.slice(1) : words, false);
  }

  /** True when a name describes a person (user, currentCustomer, getPatient, viewer). */
  isPerson(name: string): boolean {
    const words = splitWords(name);
    if (this.guardPrefixes.has(words[0]) && words.length > 1) return false;
    return words.some((w) => this.personWords.has(w)) && !words.some((w) => w === 'id' || w === 'ids' || w === 'agent' || w === 'count');
  }

  /** A call whose result keeps its arguments' categories (formatPhone(p), sha256(email)). */
  propagatesThrough(calleeName: string): boolean {
    return splitWords(calleeName).some((w) => this.propagatorWords.has(w));
  }

  /** A call whose result no longer carries its arguments' categories (encrypt(ssn), maskEmail(e)). */
  sanitizes(calleeName: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
    if (extra.has(calleeName)) return true;
    return splitWords(calleeName).some((w) => this.sanitizerWords.has(w));
  }

  /** `emailInput.value`, `emailRef.current.value`: the value of a UI control named for its data. */
  private valueOf(names: readonly string[]): readonly string[] {
    for (const n of names) {
      if (this.valueAccessors.has(n)) continue;
      const words = splitWords(n).filter((w) => !this.uiWords.has(w));
      return words.length ? this.words(words, false) : NONE;
    }
    return NONE;
  }

  private words(words: string[], person: boolean): readonly string[] {
    if (!words.length) return NONE;
    const key = (person ? '1' : '0') + words.join(' ');
    const hit = this.memo.get(key);
    if (hit) return hit;
    const result = this.compute(words, person);
    this.memo.set(key, result);
    return result;
  }

  private compute(words: string[], person: boolean): readonly string[] {
    if (words.length > 1 && this.guardPrefixes.has(words[0])) return NONE;
    const personHere = person || words.some((w) => this.personWords.has(w));
    const found: string[] = [];
    for (const cat of this.categories) {
      let span = findAny(words, cat.patterns);
      if (!span && personHere) span = findAny(words, cat.personPatterns);
      if (!span) continue;
      const [start, end] = span;
      let blocked = false;
      for (let i = 0; i < words.length && !blocked; i++) {
        if (i >= start && i < end) continue;
        if (cat.exclude.has(words[i]) || this.guardWords.has(words[i])) blocked = true;
      }
      if (blocked || cat.excludeSequences.some((seq) => indexOfSeq(words, seq) >= 0)) continue;
      found.push(cat.id);
    }
    for (const d of this.derived) {
      if (found.some((c) => d.withCategory.has(c)) && words.some((w) => d.words.has(w))) found.push(d.id);
    }
    return found.length ? found.sort() : NONE;
  }
}

const NONE: readonly string[] = Object.freeze([]);
const EMPTY_SET: ReadonlySet<string> = new Set();

function compileCategory(c: CategoryData): CompiledCategory {
  return {
    id: c.id,
    patterns: c.patterns,
    personPatterns: c.personContextPatterns ?? [],
    exclude: new Set(c.exclude ?? []),
    excludeSequences: c.excludeSequences ?? [],
  };
}

function findAny(words: string[], patterns: string[][]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const p of patterns) {
    const i = indexOfSeq(words, p);
    if (i >= 0 && (!best || p.length > best[1] - best[0])) best = [i, i + p.length];
  }
  return best;
}

function indexOfSeq(words: string[], seq: string[]): number {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}
