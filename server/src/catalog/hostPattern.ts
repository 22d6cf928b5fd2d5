// The path part of a sink's `hosts` entry (graph.facebook.com/**/events): `*` any text within one segment,
// `**` any number of segments. Matched without regular expressions, in time linear in pattern × path.

/**
 * A compiled path pattern. A URL path matches when its leading segments match the pattern's (later segments,
 * a query or a fragment may follow), as the sink schema documents.
 *
 * @example
 * new HostPathPattern('/**\/events').test('/v19.0/1234/events') // → true
 * new HostPathPattern('/v*\/track').test('/v2/track?x=1')        // → true
 */
export class HostPathPattern {
  /** Runs of segment patterns between `**`: the first is anchored at the start, the others float. */
  private readonly groups: string[][][];

  constructor(readonly source: string) {
    const segments = source.split('/').slice(1);
    this.groups = [[]];
    for (const seg of segments) {
      if (seg === '**') this.groups.push([]);
      else this.groups[this.groups.length - 1].push(seg.split('*'));
    }
  }

  test(urlPath: string): boolean {
    const path = urlPath.split(/[?#]/, 1)[0].split('/').slice(1);
    if (!runAt(this.groups[0], path, 0)) return false;
    let next = this.groups[0].length;
    for (let g = 1; g < this.groups.length; g++) {
      const group = this.groups[g];
      let at = next;
      // The leftmost place the run fits leaves the most room for the runs after it.
      while (at + group.length <= path.length && !runAt(group, path, at)) at++;
      if (at + group.length > path.length) return false;
      next = at + group.length;
    }
    return true;
  }
}

/** Whether a run of segment patterns matches the path's segments from index `at`. */
function runAt(run: readonly string[][], path: readonly string[], at: number): boolean {
  if (at + run.length > path.length) return false;
  for (let i = 0; i < run.length; i++) if (!segmentMatches(run[i], path[at + i])) return false;
  return true;
}

/**
 * Whether `text` matches a pattern whose `*` stands for any run of characters (`packages-*`, `a*b*c`), in time
 * linear in pattern × text whatever the number of stars.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  return segmentMatches(pattern.split('*'), text);
}

/** One segment against the pieces of its pattern split at `*`: greedy, leftmost, no backtracking needed. */
function segmentMatches(pieces: readonly string[], text: string): boolean {
  if (pieces.length === 1) return pieces[0] === text;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    if (!pieces[i]) continue;
    const found = text.indexOf(pieces[i], pos);
    if (found < 0 || found + pieces[i].length > end) return false;
    pos = found + pieces[i].length;
  }
  return true;
}
