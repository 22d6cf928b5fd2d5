// Incremental parsing of open documents: a typed character re-parses only the statements around it, with
// TypeScript's own incremental parser (ts.updateSourceFile), instead of the whole file.
import ts = require('typescript');
import { parseFile } from '../analysis/parse';

interface Parsed {
  text: string;
  sf: ts.SourceFile;
}

/** Open documents kept for re-parsing: at most this many (the least recently edited go first). */
const MAX_KEPT = 16;

/**
 * The last tree of each open document. `parse` returns a tree for the new text, re-using the previous
 * one when there is one. The previous tree must not be used afterwards (TypeScript moves its nodes into the
 * new tree), so the caller drops whatever still points into it before asking.
 */
export class Reparser {
  private readonly kept = new Map<string, Parsed>();

  parse(file: string, text: string): ts.SourceFile {
    const prev = this.kept.get(file);
    this.kept.delete(file);
    let sf: ts.SourceFile;
    // .vue and .svelte texts are rewritten before parsing (script blocks only): parse those whole.
    if (prev && prev.text !== text && !/\.(vue|svelte)$/i.test(file)) {
      sf = ts.updateSourceFile(prev.sf, text, changeRange(prev.text, text));
    } else if (prev && prev.text === text) sf = prev.sf;
    else sf = parseFile(file, text);
    this.kept.set(file, { text, sf });
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return sf;
  }

  forget(file: string): void {
    this.kept.delete(file);
  }
}

/** The span of `before` that was replaced, and the length of its replacement in `after` (common prefix and suffix). */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - end - start), after.length - end - start);
}
