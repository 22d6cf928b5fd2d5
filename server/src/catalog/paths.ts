/**
 * The path grammar of rules/ entries: how code reaches an SDK instance from a module or global.
 *
 *   $                        the root (the module's namespace or default export, or the page global)
 *   $.load()                 property `load`, then a call
 *   new $.Analytics()        construct `Analytics` (`new` applies to the first call: new $().use(cb))
 *   $.withScope(cb)          the first parameter of a callback passed to `withScope(...)`
 *   $().get(cb2)             the second parameter of a callback passed to `get(...)` (`(req, res) => ...`); also (cb3)
 *   $.*.put()                any property, then `put` (in call methods: '*.put' for db.friends.put(v))
 *   $.init(cb:loaded)        the first parameter of the `loaded` callback in an options object passed to `init(...)`
 *   $.load()[0]              the first element of what `load()` returns
 *
 * Internally a path is a list of segments: property names, `()`, `new()`, `(cb)` and `[n]`.
 */

export const CALL = '()';
export const NEW = 'new()';
export const CALLBACK = '(cb)';
/** The n-th (2 or 3) parameter of a callback passed to the call: `(req, res) => ...` → '(cb2)'. */
export const laterCallbackParam = (n: number): string => `(cb${n})`;

/**
 * Parses a path string into segments, or throws with a readable message.
 *
 * @example
 * parsePath('new $.AnalyticsBrowser()') // → ['AnalyticsBrowser', 'new()']
 * parsePath('$.getCurrentScope()')      // → ['getCurrentScope', '()']
 */
export function parsePath(text: string): string[] {
  let rest = text.trim();
  let construct = false;
  if (rest.startsWith('new ')) {
    construct = true;
    rest = rest.slice(4).trim();
  }
  if (!rest.startsWith('$')) throw new Error(`path must start with '$' (or 'new $'): ${JSON.stringify(text)}`);
  rest = rest.slice(1);
  const segments: string[] = [];
  const re = /^(?:\.([A-Za-z_$][\w$]*|\*)|(\(\))|(\(cb\))|\(cb:([A-Za-z_$][\w$]*)\)|\[(\d+)\]|\(cb([23])\))/;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) throw new Error(`cannot read path ${JSON.stringify(text)} at ${JSON.stringify(rest)}`);
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(CALL);
    else if (m[3] !== undefined) segments.push(CALLBACK);
    else if (m[4] !== undefined) segments.push(`(cb:${m[4]})`);
    else if (m[6] !== undefined) segments.push(laterCallbackParam(Number(m[6])));
    else segments.push(`[${m[5]}]`);
    rest = rest.slice(m[0].length);
  }
  if (construct) {
    // As in JavaScript, `new` applies to the first call: new $.Directory().createFile() constructs Directory.
    const first = segments.indexOf(CALL);
    if (first < 0) throw new Error(`'new' path needs a '()': ${JSON.stringify(text)}`);
    segments[first] = NEW;
  }
  return segments;
}

/** Parses a sink call's method ('people.set', 'getPeople().set', '' for the instance itself). */
export function parseMethod(method: string): string[] {
  return method === '' ? [] : parsePath('$.' + method);
}

/** A stable string key for a root and a path. */
export function pathKey(root: string, segments: readonly string[]): string {
  return segments.length ? root + '\u0000' + segments.join('\u0001') : root;
}
