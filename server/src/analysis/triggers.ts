// What a file's text must contain for the engine to find anything in it, derived from the catalog's paths to
// each sink (the root name and every property and method named on the way), and which modules a text imports.
import type { Catalog } from '../catalog/load';
import { MARK } from './suppressionIds';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A path segment that code must spell out (not a call, callback, index or wildcard step). */
const WORD = /^[A-Za-z_$][\w$]*$/;
const SEP = '\u0000';
/** The word standing for "a host some vendor lists" in a path's word set (no identifier can hold a space). */
export const VENDOR_HOST = 'vendor host';
const STEP = '\u0001';

/**
 * A test that no finding can fail. Every flow the engine reports ends at a catalog sink reached from a page
 * global (`localStorage`, `gtag`), an anchor method (`objectStore`) or an SDK module's import (refs.ts), along a
 * path whose properties and methods code must name (`document` … `cookie`, `chrome` … `storage` … `local` …
 * `set`); every directive finding needs the directive's mark. Data moves between files only along imports
 * (exports to importers), so the root and the words of a flow reported in a file all appear in that file or in
 * files it imports, at any depth. A file passes when the mark is in its text, or when its text and those of the
 * files it imports (cli/scan/relevant.ts) hold a root and every word of one of that root's paths to a sink,
 * anywhere: code, string or comment (aliases such as `const s = chrome.storage` still spell each word). A sink
 * shape this derivation does not know counts as needing its root alone, so a new shape costs speed, never a finding.
 */
export class Triggers {
  /** Root (`g:`, `a:` or `m:` key) → the word sets of its paths to sinks; a set may be empty (the root alone). */
  private readonly needs = new Map<string, string[][]>();
  /** Hash of a vocabulary word (wordHash) → the words with it, each with the root it names if it is a global or anchor. */
  private readonly byHash = new Map<number, { word: string; root?: string }[]>();
  /** 1 where some vocabulary word's hash has these low 16 bits: most words of a text are looked up no further. */
  private readonly maybe = new Uint8Array(1 << 16);
  private readonly modules: Map<string, string>;
  private readonly prefixes: [string, string][];
  /** Quoted SDK module specifiers. */
  private readonly moduleRe?: RegExp;
  /** Any vendor host (catalog `hosts`). */
  private readonly hostRe?: RegExp;

  private static readonly derived = new WeakMap<Catalog, Triggers>();

  /** The triggers of a catalog, derived once per catalog and thread (the prefilter and the second look share them). */
  static of(catalog: Catalog): Triggers {
    let t = Triggers.derived.get(catalog);
    if (!t) Triggers.derived.set(catalog, (t = new Triggers(catalog)));
    return t;
  }

  constructor(catalog: Catalog) {
    const paths = new SinkPaths(catalog);
    this.modules = catalog.modules;
    this.prefixes = catalog.modulePrefixes;
    const named = new Map<string, string>();
    for (const g of catalog.globals) named.set(g, 'g:' + g);
    for (const a of catalog.anchors) named.set(a, 'a:' + a);
    for (const root of [...named.values(), ...catalog.modules.values(), ...catalog.modulePrefixes.map(([, r]) => r)]) this.needs.set(root, paths.from(root));
    const words = new Set(named.keys());
    for (const sets of this.needs.values()) for (const set of sets) for (const w of set) if (w !== VENDOR_HOST) words.add(w);
    for (const word of words) {
      const h = wordHash(word, 0, word.length);
      this.byHash.set(h, [...(this.byHash.get(h) ?? []), { word, root: named.get(word) }]);
      this.maybe[h & 0xffff] = 1;
    }
    const longestFirst = (xs: readonly string[]) => [...xs].sort((a, b) => b.length - a.length).map(escape);
    // A module by its exact name (then a quote, or a subpath) or by its scope, inside the quotes of a specifier.
    const parts: string[] = [];
    if (catalog.modules.size) parts.push(`['"\`](?:${longestFirst([...catalog.modules.keys()]).join('|')})(?=['"\`/])`);
    if (this.prefixes.length) parts.push(`['"\`](?:${longestFirst(this.prefixes.map(([p]) => p)).join('|')})`);
    this.moduleRe = parts.length ? new RegExp(parts.join('|'), 'g') : undefined;
    // A URL's host is matched with its parent domains (api.segment.io by segment.io), case aside: its text holds the listed name.
    const hosts = [...catalog.hosts.keys(), ...catalog.hostRoutes.keys()];
    this.hostRe = hosts.length ? new RegExp(longestFirst(hosts).join('|'), 'i') : undefined;
  }

  /** The trigger vocabulary in `text`: the mark, the roots, the path words (VENDOR_HOST for a vendor's host). */
  find(text: string): Found {
    const found: Found = { roots: new Set(), words: new Set(), mark: text.includes(MARK) };
    // Globals, anchors and path words: each run of [A-Za-z0-9_$] (as `\w` and `$` bound a word in an expression)
    // hashed as it is read, and compared only when a vocabulary word has the same hash; no substring is made.
    const n = text.length;
    for (let i = 0; i < n; ) {
      let c = text.charCodeAt(i);
      if (WORD_CHAR[c] === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = 0;
      do {
        h = (Math.imul(h, 31) + c) | 0;
        c = ++i < n ? text.charCodeAt(i) : 0;
      } while (WORD_CHAR[c] === 1);
      if (this.maybe[h & 0xffff] === 0) continue;
      const entries = this.byHash.get(h);
      if (!entries) continue;
      for (const e of entries) {
        if (e.word.length !== i - start || !text.startsWith(e.word, start)) continue;
        found.words.add(e.word);
        if (e.root) found.roots.add(e.root);
      }
    }
    if (this.moduleRe) {
      this.moduleRe.lastIndex = 0;
      for (let m = this.moduleRe.exec(text); m; m = this.moduleRe.exec(text)) {
        const module = this.moduleOf(m[0].slice(1));
        if (module) found.roots.add(module);
      }
    }
    if (this.hostRe?.test(text)) found.words.add(VENDOR_HOST);
    return found;
  }

  /** The root of a module specifier moduleRe matched (its opening quote dropped). */
  private moduleOf(specifier: string): string | undefined {
    return this.modules.get(specifier) ?? this.prefixes.find(([p]) => specifier === p)?.[1];
  }

  /** Whether what `found` holds (one text's, or several texts' together) reaches a sink. */
  passes(found: Found): boolean {
    if (found.mark) return true;
    for (const root of found.roots) {
      if (this.needs.get(root)?.some((set) => set.every((w) => found.words.has(w))) ?? true) return true;
    }
    return false;
  }

  /**
   * The roots among `roots` (as find() gave them for `text`) that occur where the engine reads them: a global's or
   * anchor's name at an offset `named` accepts (analysis/namedAt.ts: in an identifier or a literal of the parsed
   * file, not in a comment), a module's name at an offset `specifier` accepts (in an import's specifier).
   */
  rootsNamed(text: string, roots: readonly string[] | ReadonlySet<string>, named: (offset: number) => boolean, specifier: (offset: number) => boolean): Set<string> {
    const out = new Set<string>();
    const modules = new Set<string>();
    for (const root of roots) {
      if (!root.startsWith('g:') && !root.startsWith('a:')) {
        modules.add(root);
        continue;
      }
      const word = root.slice(2);
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(at + word.length))) continue; // inside a longer word
        if (named(at)) {
          out.add(root);
          break;
        }
      }
    }
    if (modules.size && this.moduleRe) {
      this.moduleRe.lastIndex = 0;
      for (let m = this.moduleRe.exec(text); m && modules.size; m = this.moduleRe.exec(text)) {
        const module = this.moduleOf(m[0].slice(1));
        if (module && modules.has(module) && specifier(m.index + 1)) {
          out.add(module);
          modules.delete(module);
        }
      }
    }
    return out;
  }

  /** Whether the engine could report anything in `text` by itself (imports aside). */
  test(text: string): boolean {
    return this.passes(this.find(text));
  }
}

/** What a text holds of the trigger vocabulary. */
export interface Found {
  /** Catalog roots: `g:console`, `a:objectStore`, `m:fs`. */
  roots: Set<string>;
  /** Path words, VENDOR_HOST among them when a vendor's host is in the text. */
  words: Set<string>;
  /** A suppression directive's mark. */
  mark: boolean;
}

/** 1 for the UTF-16 code units of [A-Za-z0-9_$] (what `\\w` and `$` match), 0 for every other. */
const WORD_CHAR = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36) WORD_CHAR[c] = 1;

/** [A-Za-z0-9_$]; false past either end of a text (NaN). */
function isWordChar(c: number): boolean {
  return WORD_CHAR[c] === 1;
}

/** The hash find() computes for text[start, end). */
function wordHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * The words of each path from a catalog root to a place where sinks.ts reports: an instance's calls, writes,
 * JSX element and creating call, and the generic HTTP clients' calls and client makers. Sources (apiSources)
 * report nothing alone and are left out.
 */
class SinkPaths {
  /** Catalog keys by root, each with its segments and what it is. */
  private readonly byRoot = new Map<string, { segments: string[]; kind: 'handle' | 'call' | 'write' | 'http' }[]>();

  constructor(private readonly catalog: Catalog) {
    const add = (key: string, kind: 'handle' | 'call' | 'write' | 'http') => {
      const at = key.indexOf(SEP);
      const root = at < 0 ? key : key.slice(0, at);
      const segments = at < 0 ? [] : key.slice(at + 1).split(STEP);
      const list = this.byRoot.get(root) ?? [];
      list.push({ segments, kind });
      this.byRoot.set(root, list);
    };
    for (const k of catalog.handles.keys()) add(k, 'handle');
    for (const k of catalog.calls.keys()) add(k, 'call');
    for (const k of catalog.writes.keys()) add(k, 'write');
    for (const k of [...catalog.http.keys(), ...catalog.httpBases.keys()]) add(k, 'http');
  }

  /** The word sets of the paths from `root` (a `g:`, `a:` or `m:` root) to a sink. */
  from(root: string): string[][] {
    const out: string[][] = [];
    this.walk(root, [], new Set(), out);
    return out;
  }

  private walk(root: string, before: readonly string[], visiting: Set<string>, out: string[][]): void {
    if (visiting.has(root)) return;
    visiting.add(root);
    const instance = root.startsWith('h:');
    if (instance && this.catalog.jsx.has(root)) out.push([...before]);
    for (const { segments, kind } of this.byRoot.get(root) ?? []) {
      const words = [...before, ...segments.filter((s) => WORD.test(s) && s !== '*')];
      if (kind !== 'handle') {
        // A generic HTTP client reports only a request to a host a vendor lists (sinks.ts matchHttp).
        out.push(kind === 'http' ? [...words, VENDOR_HOST] : words);
        continue;
      }
      const target = this.catalog.handles.get(segments.length ? root + SEP + segments.join(STEP) : root);
      if (target?.instance === undefined) continue; // a personal-data API (a source) reports nothing alone
      if (target.creation) out.push(words);
      this.walk('h:' + target.instance, words, visiting, out);
    }
    visiting.delete(root);
  }
}

/**
 * The module specifiers a text may import: every string after `from`, `import`, `require` (with `import(`,
 * `require(` and a comment before the string), in code, strings or comments alike. A superset of what the
 * engine follows (import and export declarations, `require`, `import()`, `import x = require`), found in a
 * fraction of a parse's time; specifiers built at run time are followed by neither.
 */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  IMPORT.lastIndex = 0;
  for (let m = IMPORT.exec(text); m; m = IMPORT.exec(text)) out.push(m[2]);
  return out;
}

const IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(?:\/\*[^]*?\*\/\s*)?(['"`])([^'"`\n\\]+)\1/g;
