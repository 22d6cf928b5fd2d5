// Names to categories: the words of an identifier, key or receiver, read against rules/categories.json
// (names per category, look-alike exclusions, sanitizers, person words).
// It sees names only: no syntax tree, no values, no sinks.
import type { Catalog } from '../catalog/load';
import type { CategoriesData, CategoryData } from '../catalog/types';
import type { AnalyzeOptions } from './options';

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

/** `words` contains `run` as consecutive words (['has', 'ads', 'consent'] contains ['consent']). */
export function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** SCREAMING_SNAKE_CASE with an underscore: a constant, never data (EMAIL_REGEX, USER_EMAIL_KEY). */
export function isConstantName(name: string): boolean {
  return /^[A-Z0-9$]+(_[A-Z0-9$]+)+$/.test(name);
}

function isScreaming(name: string): boolean {
  return /^[A-Z][A-Z0-9_$]*$/.test(name) && name.length > 1;
}

/** PascalCase with at least one lower-case letter: CreditCard, PhoneInput (not SSN, not URL). */
function isPascal(name: string): boolean {
  return /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(name);
}

interface CompiledCategory {
  id: string;
  patterns: string[][];
  personPatterns: string[][];
  exclude: Set<string>;
  excludeSequences: string[][];
  /** Every word of its patterns. */
  patternWords: ReadonlySet<string>;
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
/** Everything the classifier knows about one name, computed once. */
interface NameEntry {
  words: string[];
  /** Index of the head noun in `words`: the last word that is not a number (teamMember2 → member). */
  head: number;
  /** Categories the name carries anywhere. */
  strong: readonly string[];
  /** Categories it carries only on a person-like object or in a profile (`name`, `address`). */
  withPerson: readonly string[];
  /** The name itself describes a person (user, currentCustomer, getPatient). */
  person: boolean;
  /** As a receiver, it holds no personal data (messages, errors, config, styles). */
  blockedReceiver: boolean;
  constant: boolean;
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
  private readonly categoryById: ReadonlyMap<string, CompiledCategory>;
  private readonly guardWords: Set<string>;
  private readonly guardPrefixes: Set<string>;
  private readonly flagPrefixes: Set<string>;
  private readonly scalarHeads: Set<string>;
  /** Categories of text a person wrote (categories.json writtenByPerson). */
  readonly writtenByPerson: ReadonlySet<string>;
  private readonly receiverWords: Set<string>;
  private readonly uiWords: Set<string>;
  private readonly valueAccessors: Set<string>;
  private readonly personWords: Set<string>;
  private readonly genericHeads: Set<string>;
  private readonly inferredWords: Set<string>;
  private readonly inferredCats: readonly string[];
  private readonly getterVerbs: Set<string>;
  private readonly getterNouns: Set<string>;
  private readonly derived: { id: string; words: Set<string>; withCategory: Set<string> }[];
  private readonly sanitizerWords: Set<string>;
  private readonly propagatorWords: Set<string>;
  private readonly entries = new Map<string, NameEntry>();
  private readonly wordsMemo = new Map<string, { strong: readonly string[]; withPerson: readonly string[] }>();
  /** Patterns by their first word: a name of n words is checked against a handful of candidates. */
  private readonly strongIndex = new Map<string, { cat: number; pattern: string[] }[]>();
  private readonly personIndex = new Map<string, { cat: number; pattern: string[] }[]>();
  /** Receiver word → property words (joined) → categories: req.ip, socket.handshake.address. */
  private readonly receiverIndex = new Map<string, Map<string, string[]>>();
  /** Words of a whole name (joined) → categories it does not carry as an object-literal key (categories.json notAsKey). */
  private readonly notAsKey = new Map<string, Set<string>>();
  readonly labels: Map<string, string>;

  /** Team overrides from mt-pii.json, keyed by the name's words ("contact addr"): categories added / ignored. */
  private readonly addNames = new Map<string, string[]>();
  private readonly ignoreNames = new Map<string, Set<string>>();

  constructor(data: CategoriesData, overrides?: { add: Record<string, string[]>; ignore: Record<string, string[]> }) {
    for (const [cat, names] of Object.entries(overrides?.add ?? {})) {
      for (const n of names) {
        const key = splitWords(n).join(' ');
        this.addNames.set(key, [...(this.addNames.get(key) ?? []), cat]);
      }
    }
    for (const [cat, names] of Object.entries(overrides?.ignore ?? {})) {
      for (const n of names) {
        const key = splitWords(n).join(' ');
        const set = this.ignoreNames.get(key) ?? new Set<string>();
        set.add(cat);
        this.ignoreNames.set(key, set);
      }
    }
    this.categories = data.categories.filter((c) => c.patterns.length || c.personContextPatterns?.length).map(compileCategory);
    this.categoryById = new Map(this.categories.map((c) => [c.id, c]));
    this.labels = new Map(data.categories.map((c) => [c.id, c.label]));
    this.guardWords = new Set(data.guards.words);
    this.guardPrefixes = new Set(data.guards.prefixes);
    this.flagPrefixes = new Set(data.guards.flagPrefixes);
    this.scalarHeads = new Set(data.guards.scalarHeads ?? []);
    this.writtenByPerson = new Set(data.categories.filter((c) => c.writtenByPerson).map((c) => c.id));
    this.receiverWords = new Set(data.guards.receiverWords);
    this.uiWords = new Set(data.guards.uiWords);
    this.valueAccessors = new Set(data.guards.valueAccessors);
    this.personWords = new Set(data.personObjects.words);
    this.genericHeads = new Set(data.personObjects.genericHeads ?? []);
    this.inferredWords = new Set(data.personObjects.inferred?.words ?? []);
    this.inferredCats = data.personObjects.inferred?.categories ?? NONE;
    this.getterVerbs = new Set(data.getterVerbs.verbs);
    this.getterNouns = new Set(data.getterVerbs.nouns);
    this.derived = data.categories
      .filter((c) => c.derived)
      .map((c) => ({ id: c.id, words: new Set(c.derived!.whenNameHasWord), withCategory: new Set(c.derived!.withCategory) }));
    this.sanitizerWords = new Set(data.sanitizers.words);
    this.propagatorWords = new Set(data.propagators.calleeWords);
    const index = (target: Map<string, { cat: number; pattern: string[] }[]>, cat: number, patterns: string[][]) => {
      for (const pattern of patterns) {
        const list = target.get(pattern[0]) ?? [];
        list.push({ cat, pattern });
        target.set(pattern[0], list);
      }
    };
    this.categories.forEach((c, i) => {
      index(this.strongIndex, i, c.patterns);
      index(this.personIndex, i, c.personPatterns);
    });
    for (const c of data.categories) {
      for (const p of c.notAsKey ?? []) this.notAsKey.set(p.join(' '), new Set([...(this.notAsKey.get(p.join(' ')) ?? []), c.id]));
      for (const rule of c.receiverPatterns ?? []) {
        for (const r of rule.receivers) {
          const byProp = this.receiverIndex.get(r) ?? new Map<string, string[]>();
          for (const p of rule.patterns) byProp.set(p.join(' '), [...new Set([...(byProp.get(p.join(' ')) ?? []), c.id])].sort());
          this.receiverIndex.set(r, byProp);
        }
      }
    }
  }

  /** A property named `name` is never data of category `cat` (messageId, role, createdAt of a chat message). */
  excludes(cat: string, name: string): boolean {
    const c = this.categoryById.get(cat);
    return !!c && this.entry(name).words.some((w) => c.exclude.has(w));
  }

  /** Categories carried by a variable, parameter or binding named `name`. */
  name(name: string, ctx: ClassifyContext = {}): readonly string[] {
    const e = this.entry(name);
    // EMAIL_REGEX, EMAIL (a constant), CreditCard / PhoneInput (a component, class or type) are not data.
    if (e.constant || isScreaming(name) || isPascal(name)) return NONE;
    if (e.words.length > 1 && this.getterVerbs.has(e.words[0])) return NONE; // getEmail: a function, not the email
    return pick(e, !!ctx.person || e.person);
  }

  /**
   * Categories carried by `receiver.prop`. `receiver` is the receiver's own name (identifier or last
   * property), `chain` the names further out, used for `emailInput.value` and `emailRef.current.value`.
   * `person` is asked only when the property could be personal on a person (`name`, `address`).
   */
  property(prop: string, receiver: string | undefined, person: boolean | (() => boolean) = false, chain: readonly string[] = []): readonly string[] {
    const e = this.entry(prop);
    if (e.constant) return NONE;
    if (receiver !== undefined) {
      if ((isScreaming(receiver) || isPascal(receiver)) && (isScreaming(prop) || isPascal(prop))) return NONE; // FIELDS.EMAIL, Field.Email
      if (isPascal(receiver) && !this.entry(receiver).person) return NONE; // Wrapper.displayName, Icons.phone
      if (this.valueAccessors.has(prop)) return this.valueOf([receiver, ...chain]);
      if (this.entry(receiver).blockedReceiver) return NONE;
      if (this.receiverIndex.size) {
        const rw = this.entry(receiver).words;
        const extra = this.receiverIndex.get(rw[rw.length - 1] ?? '')?.get(e.words.join(' '));
        if (extra) return [...new Set([...e.strong, ...extra])].sort();
      }
    }
    if (!e.withPerson.length) return e.strong;
    return pick(e, e.person || (typeof person === 'function' ? person() : person));
  }

  /** The receiver holds no personal data whatever its properties are called (company, file, theme). */
  blocksReceiver(receiver: string): boolean {
    return this.entry(receiver).blockedReceiver;
  }

  /** Categories carried by an object-literal key or a string key (`{ email: v }`, `formData.get('email')`). */
  key(key: string, ctx: ClassifyContext = {}): readonly string[] {
    const k = key.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : key;
    if (!/^[A-Za-z_$][\w$-]*$/.test(k)) return NONE;
    const e = this.entry(k);
    if (e.constant) return NONE;
    const cats = pick(e, !!ctx.person || e.person);
    const drop = cats.length && this.notAsKey.size ? this.notAsKey.get(e.words.join(' ')) : undefined;
    return drop ? cats.filter((c) => !drop.has(c)) : cats;
  }

  /**
   * The key's categories that the value's own name contradicts: `{ name: companyName }` (a company is not a
   * person), `{ email: emailTemplate }`. The value's name keeps a category only when none of its words
   * outside the category's own pattern is excluded for it.
   */
  contradictedBy(valueName: string, cats: readonly string[]): readonly string[] {
    const words = this.entry(valueName).words;
    if (words.length < 2) return NONE;
    const out: string[] = [];
    for (const id of cats) {
      const cat = this.categoryById.get(id);
      if (cat && words.some((w) => cat.exclude.has(w) && !cat.patternWords.has(w))) out.push(id);
    }
    return out;
  }

  /** Categories returned by a call to `name` (getUserEmail(), selectPhone(state)); none for other verbs. */
  callResult(name: string): readonly string[] {
    const words = this.entry(name).words;
    if (words.length < 2 || !(this.getterVerbs.has(words[0]) || this.getterNouns.has(words[0]))) return NONE;
    return this.classify(this.getterVerbs.has(words[0]) ? words.slice(1) : words).strong;
  }

  /**
   * Everything a property read needs in one look-up: the categories of `receiver.prop`, whether `prop`
   * is a yes/no flag, and whether it names a person.
   */
  member(prop: string, receiver: string | undefined, person: () => boolean, chain: readonly string[]): { cats: readonly string[]; flag: boolean; person: boolean } {
    const e = this.entry(prop);
    const cats = this.property(prop, receiver, person, chain);
    // Not data: a yes/no flag (isEmailValid), or a read from something that holds no one's data
    // (errors.email, labels.phone, Wrapper.displayName, FIELDS.EMAIL).
    const flag = !cats.length && ((e.words.length > 1 && this.flagPrefixes.has(e.words[0]) && !e.strong.length)
      || (receiver !== undefined && !this.valueAccessors.has(prop) && this.holdsNoData(receiver, prop)));
    return { cats, flag, person: e.person };
  }

  private holdsNoData(receiver: string, prop: string): boolean {
    if ((isScreaming(receiver) || isPascal(receiver)) && (isScreaming(prop) || isPascal(prop))) return true;
    if (isPascal(receiver) && !this.entry(receiver).person) return true;
    return this.entry(receiver).blockedReceiver;
  }

  /** A yes/no name: isEmailValid, hasSsnOnFile, shouldShowPhone. Its value is a flag, not the data. */
  isFlag(name: string): boolean {
    const words = this.entry(name).words;
    return words.length > 1 && this.flagPrefixes.has(words[0]) && !this.entry(name).strong.length;
  }

  /**
   * A property whose value is a number, an id or a status of its object, or a yes/no flag (emails.length,
   * payout.amount, user.id, isActive): read from an object of unknown shape, it carries none of its data.
   */
  isScalarRead(name: string): boolean {
    const e = this.entry(name);
    if (e.strong.length) return false;
    return (e.head >= 0 && this.scalarHeads.has(e.words[e.head])) || this.isFlag(name);
  }

  /** The data a setter's name names: setEmail → email, setPhoneNumber → phone, addSms → none. */
  methodData(method: string): readonly string[] {
    const words = this.entry(method).words;
    if (words.length < 2 || !['set', 'add', 'update', 'put', 'with'].includes(words[0])) return NONE;
    return this.classify(words.slice(1)).strong;
  }

  /** True when a name describes a person (user, currentCustomer, getPatient, viewer). */
  isPerson(name: string): boolean {
    return this.entry(name).person;
  }

  /**
   * What an object of unknown fields named `name` usually carries (user, currentCustomer, memberData: an email
   * and a name), for profile calls; none for other names (order, author) or names that are not a person.
   */
  inferredFields(name: string): readonly string[] {
    if (!this.inferredWords.size) return NONE;
    const e = this.entry(name);
    if (!e.person) return NONE;
    const { words, head: h } = e;
    const head = words[h] ?? '';
    const hit = this.inferredWords.has(head) || (this.genericHeads.has(head) && words.slice(0, h).some((w) => this.inferredWords.has(w)));
    return hit ? this.inferredCats : NONE;
  }

  /** A call whose result keeps its arguments' categories (formatPhone(p), sha256(email)). */
  propagatesThrough(calleeName: string): boolean {
    return this.entry(calleeName).words.some((w) => this.propagatorWords.has(w));
  }

  /** A call whose result no longer carries its arguments' categories (encrypt(ssn), maskEmail(e)). */
  sanitizes(calleeName: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
    if (extra.has(calleeName)) return true;
    return this.entry(calleeName).words.some((w) => this.sanitizerWords.has(w));
  }

  /** A form field's name or id (`name="email"`, `id="phone-input"`): its data, UI words aside. */
  fieldName(name: string): readonly string[] {
    if (!/^[A-Za-z_$][\w$.\[\]-]*$/.test(name)) return NONE;
    const words = this.entry(name).words.filter((w) => !this.uiWords.has(w));
    return words.length ? this.classify(words).strong : NONE;
  }

  /** `emailInput.value`, `emailRef.current.value`: the value of a UI control named for its data. */
  private valueOf(names: readonly string[]): readonly string[] {
    for (const n of names) {
      if (this.valueAccessors.has(n)) continue;
      const words = this.entry(n).words.filter((w) => !this.uiWords.has(w));
      return words.length ? this.classify(words).strong : NONE;
    }
    return NONE;
  }

  private entry(name: string): NameEntry {
    let e = this.entries.get(name);
    if (!e) {
      const words = splitWords(name);
      const { strong, withPerson } = this.classify(words);
      // The head noun decides: teamMember is a person, viewerGroup and shippingZone are not; userData is.
      let h = words.length - 1;
      while (h > 0 && /^\d+$/.test(words[h])) h--;
      const head = words[h] ?? '';
      const personHead = this.personWords.has(head)
        || (this.genericHeads.has(head) && words.slice(0, h).some((w) => this.personWords.has(w)));
      const person = !(this.guardPrefixes.has(words[0]) && words.length > 1) && personHead
        && !words.some((w) => w === 'id' || w === 'ids' || w === 'agent' || w === 'count');
      e = {
        words, head: h, strong, withPerson, person, constant: isConstantName(name),
        // errors.email, formLabels.phone are about a field; teamMember.email is not blocked by "team".
        blockedReceiver: this.receiverWords.has(head) && !this.personWords.has(head),
      };
      if (this.entries.size > 200000) this.entries.clear();
      this.entries.set(name, e);
    }
    return e;
  }

  private classify(words: string[]): { strong: readonly string[]; withPerson: readonly string[] } {
    if (!words.length) return NO_CATS;
    const key = words.join(' ');
    let hit = this.wordsMemo.get(key);
    if (!hit) {
      let strong = this.compute(words, false);
      let all = this.compute(words, true);
      if (this.addNames.size || this.ignoreNames.size) {
        const add = this.addNames.get(key) ?? [];
        const ignore = this.ignoreNames.get(key);
        const adjust = (cats: readonly string[]) => [...new Set([...cats, ...add])].filter((c) => !ignore?.has(c)).sort();
        strong = adjust(strong);
        all = adjust(all);
      }
      hit = { strong, withPerson: all.length > strong.length ? all : NONE };
      if (!strong.length && !hit.withPerson.length) hit = NO_CATS;
      if (this.wordsMemo.size > 200000) this.wordsMemo.clear();
      this.wordsMemo.set(key, hit);
    }
    return hit;
  }

  private compute(words: string[], personHere: boolean): readonly string[] {
    if (words.length > 1 && this.guardPrefixes.has(words[0])) return NONE;
    // Longest strong match per category; person-context patterns only where no strong one matched.
    const spans = new Map<number, [number, number]>();
    const scan = (index: Map<string, { cat: number; pattern: string[] }[]>, onlyNew: ReadonlySet<number> | undefined) => {
      for (let i = 0; i < words.length; i++) {
        const candidates = index.get(words[i]);
        if (!candidates) continue;
        for (const { cat, pattern } of candidates) {
          if (onlyNew?.has(cat) || i + pattern.length > words.length) continue;
          let ok = true;
          for (let j = 1; j < pattern.length && ok; j++) ok = words[i + j] === pattern[j];
          if (!ok) continue;
          const prev = spans.get(cat);
          if (!prev || pattern.length > prev[1] - prev[0]) spans.set(cat, [i, i + pattern.length]);
        }
      }
    };
    scan(this.strongIndex, undefined);
    if (personHere) scan(this.personIndex, new Set(spans.keys()));
    if (!spans.size) return NONE;
    const found: string[] = [];
    for (const [ci, [start, end]] of spans) {
      const cat = this.categories[ci];
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

/** Strong categories, or all of them when the name sits in a person context. */
function pick(e: NameEntry, person: boolean): readonly string[] {
  return person && e.withPerson.length ? e.withPerson : e.strong;
}

const NONE: readonly string[] = Object.freeze([]);
const NO_CATS = Object.freeze({ strong: NONE, withPerson: NONE });
const EMPTY_SET: ReadonlySet<string> = new Set();

function compileCategory(c: CategoryData): CompiledCategory {
  return {
    id: c.id,
    patterns: c.patterns,
    personPatterns: c.personContextPatterns ?? [],
    exclude: new Set(c.exclude ?? []),
    excludeSequences: c.excludeSequences ?? [],
    patternWords: new Set([...c.patterns, ...(c.personContextPatterns ?? [])].flat()),
  };
}

function indexOfSeq(words: string[], seq: string[]): number {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

const classifiers = new WeakMap<Catalog, Map<string, Classifier>>();

/** The classifier compiled from a catalog's categories and the team's name overrides (cached). */
export function classifierFor(catalog: Catalog, names?: AnalyzeOptions['names']): Classifier {
  let byNames = classifiers.get(catalog);
  if (!byNames) {
    byNames = new Map();
    classifiers.set(catalog, byNames);
  }
  const key = names ? JSON.stringify(names) : '';
  let c = byNames.get(key);
  if (!c) {
    c = new Classifier(catalog.categories, names);
    byNames.set(key, c);
  }
  return c;
}
