// "Did you mean …?" for misspelt names (options, mt-pii.json keys, rule and category ids): the closest known
// name by edit distance (fastest-levenshtein), offered only when it is close enough to be a likely typo.
import { distance } from 'fastest-levenshtein';

/** The known name closest to `word`, if it is within about a third of its length in edits. */
export function closestName(word: string, known: readonly string[] | ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const k of known) {
    const d = distance(w, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** `; did you mean "x"?` or '' when nothing is close. */
export function didYouMean(word: string, known: readonly string[] | ReadonlySet<string>, quote = (s: string) => JSON.stringify(s)): string {
  const c = closestName(word, known);
  return c ? `; did you mean ${quote(c)}?` : '';
}
