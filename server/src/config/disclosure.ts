/**
 * The disclosure a team records for its privacy notice (mt-pii.json "disclosed"): inline, or in a JSON file
 * the configuration names, which must stay inside the folder of that mt-pii.json. Reads and checks it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ParseError, findNodeAtLocation, parse, parseTree, printParseErrorCode } from 'jsonc-parser';
import { validate } from '../catalog/jsonSchema';
import type { ConfigProblem } from './config';

/** The lists a disclosure holds; a list left out is not checked. */
export interface DisclosureData {
  vendors?: string[];
  categories?: string[];
}

export interface Disclosure extends DisclosureData {
  /** The file that records it: the mt-pii.json itself, or the JSON file it names. */
  file: string;
  /** JSON path, in that file, of the object holding the lists: ['disclosed'] inline, [] in a named file. */
  path: string[];
}

/** What loading a configuration's disclosure gives: the disclosure, its problems, the named file read. */
export interface LoadedDisclosure {
  disclosure?: Disclosure;
  problems: ConfigProblem[];
  /** The file named by the configuration and the text read from it (to notice changes). */
  source?: { file: string; text?: string };
}

/**
 * Why a path written in a configuration is refused, or undefined when it is relative and stays inside the
 * configuration's folder. Lexical: a symbolic link that leads out is caught by `insideFolder`.
 *
 * @example
 * refusedPath('privacy/disclosure.json') // → undefined
 * refusedPath('../notice.json')          // → "must stay inside the folder of this mt-pii.json (no '..')"
 */
export function refusedPath(p: string): string | undefined {
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p) || /^[A-Za-z]:/.test(p)) {
    return 'must be a path relative to this mt-pii.json, not an absolute path';
  }
  if (p.split(/[\\/]+/).includes('..')) return "must stay inside the folder of this mt-pii.json (no '..')";
  if (p.includes('\0')) return 'must not contain a NUL character';
  return undefined;
}

/** Whether `target`, once symbolic links are followed, is inside `folder` (true when it does not exist). */
export function insideFolder(folder: string, target: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch {
    return true; // nothing there: reading it fails with its own message
  }
  let base = folder;
  try {
    base = fs.realpathSync(folder);
  } catch {
    // keep the folder as given
  }
  const rel = path.relative(base, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The disclosure of one valid mt-pii.json: inline, or read from the file it names (resolved from the
 * configuration's folder and kept inside it). Problems of the named file are reported at the "disclosed"
 * value of the mt-pii.json, prefixed with the named file's line and column.
 */
export function loadDisclosure(
  configFile: string, configText: string, value: string | DisclosureData | undefined,
  read: (file: string) => string | undefined, schema: Record<string, unknown> | undefined,
): LoadedDisclosure {
  if (value === undefined) return { problems: [] };
  if (typeof value !== 'string') return { disclosure: { file: configFile, path: ['disclosed'], ...lists(value) }, problems: [] };
  const problems: ConfigProblem[] = [];
  const at = (message: string) => problems.push(problemAtKey(configFile, configText, 'disclosed', message));
  const refused = refusedPath(value);
  if (refused) {
    at(`disclosed: ${JSON.stringify(value)} ${refused}`);
    return { problems };
  }
  const folder = path.dirname(configFile);
  const file = path.resolve(folder, value);
  if (!insideFolder(folder, file)) {
    at(`disclosed: ${JSON.stringify(value)} leads outside the folder of this mt-pii.json (through a symbolic link)`);
    return { problems };
  }
  const text = read(file);
  const source = { file, text };
  if (text === undefined) {
    at(`disclosed: cannot read ${value} (no such file)`);
    return { problems, source };
  }
  const errors: ParseError[] = [];
  const data = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  for (const e of errors.slice(0, 5)) at(`${value}:${position(text, e.offset)}: invalid JSON (${printParseErrorCode(e.error)})`);
  if (errors.length) return { problems, source };
  if (!schema) {
    at('disclosed: cannot read rules/schema/disclosure.schema.json');
    return { problems, source };
  }
  const found = validate(schema, data);
  for (const p of found) at(`${value}:${position(text, offsetOfPath(text, p.path))}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
  if (found.length) return { problems, source };
  return { disclosure: { file, path: [], ...lists(data as DisclosureData) }, problems, source };
}

function lists(d: DisclosureData): DisclosureData {
  return { ...(d.vendors ? { vendors: [...d.vendors] } : {}), ...(d.categories ? { categories: [...d.categories] } : {}) };
}

/** A problem spanning the value of a top-level key of a JSON text (the whole file when it is absent). */
function problemAtKey(file: string, text: string, key: string, message: string): ConfigProblem {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, [key]);
  const start = lineChar(text, node?.offset ?? 0);
  const end = lineChar(text, node ? node.offset + node.length : 0);
  return { file, line: start.line, character: start.character, endLine: end.line, endCharacter: end.character, message };
}

/** Offset of a validator path ('vendors[2]', 'categories') in a JSON text; 0 when not found. */
function offsetOfPath(text: string, p: string): number {
  const segments = [...p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  const root = parseTree(text);
  return (root && findNodeAtLocation(root, segments)?.offset) ?? 0;
}

function lineChar(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** 1-based 'line:column' of an offset, as people read them. */
function position(text: string, offset: number): string {
  const p = lineChar(text, offset);
  return `${p.line + 1}:${p.character + 1}`;
}
