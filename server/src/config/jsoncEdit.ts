/**
 * Edits to JSON-with-comments files (mt-pii.json and the files it names) through Microsoft's jsonc-parser:
 * comments, order and layout are kept; every edit is checked to parse before it is offered.
 */
import { Edit, FormattingOptions, JSONPath, ParseError, applyEdits, modify, parse } from 'jsonc-parser';

/** Indentation and line ends as the file already uses them (two spaces and \n when it shows none). */
export function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

/**
 * The edit that appends `values` to the string array at `path` (created when missing; values already
 * there are left out), as one replacement of the changed span of the original text, with the text it
 * gives; undefined when the text does not parse before or after the edit.
 *
 * @example
 * appendToArray('{ "disclosed": { "vendors": ["segment"] } // ours\n}', ['disclosed', 'vendors'], ['Mixpanel'])
 * // → edits that leave `"vendors": ["segment", "Mixpanel"]` and the comment in place
 */
export function appendToArray(text: string, path: JSONPath, values: readonly string[]): { edit: Edit; text: string } | undefined {
  const before: ParseError[] = [];
  const root = parse(text, before, { allowTrailingComma: true });
  if (before.length) return undefined;
  let current = text;
  let node: unknown = root;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  const present = new Set(Array.isArray(node) ? node.filter((v): v is string => typeof v === 'string') : []);
  const formattingOptions = formattingOf(text);
  for (const value of values) {
    if (present.has(value)) continue;
    present.add(value);
    current = applyEdits(current, modify(current, [...path, -1], value, { isArrayInsertion: true, formattingOptions }));
  }
  const after: ParseError[] = [];
  const result = parse(current, after, { allowTrailingComma: true });
  let check: unknown = result;
  for (const key of path) check = check && typeof check === 'object' ? (check as Record<string | number, unknown>)[key] : undefined;
  if (after.length || !Array.isArray(check) || !values.every((v) => (check as unknown[]).includes(v))) return undefined;
  return { edit: changedSpan(text, current), text: current };
}

/** One edit that turns `before` into `after`: the span between their common start and common end. */
export function changedSpan(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) };
}
