import type * as TS from 'typescript';
import { typescript } from '../analysis/compiler';
import * as path from 'path';
import { validate } from '../catalog/jsonSchema';
import { didYouMean } from './didYouMean';
import { globMatches, globProblem } from './globs';
import { JsonRefusal, checkJsonText, jsonValue } from './jsonValue';
import { positionsOf } from '../project/positions';
import type { ProfileId, SinkData, Severity } from '../catalog/types';
import { activeProfiles, canonicalProfile } from '../analysis/ruleSelect';
import type { Disclosure, DisclosureData } from './disclosure';

export const CONFIG_FILE = 'mt-pii.json';

/** A problem in an mt-pii.json, at a 0-based line and character of that file. */
export interface ConfigProblem {
  file: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  message: string;
}

/** What the organisation is (mt-pii.json profile.entity); 'school-service-operator' is the older name of 'school-service'. */
export type Entity = ProfileId | 'school-service-operator';

export interface ConfigData {
  root?: boolean;
  profile?: { entity?: Entity; also?: Entity[]; subjectToMcdpa?: 'yes' | 'no' | 'unknown'; hipaaCovered?: 'yes' | 'no' | 'unknown' };
  include?: string[];
  exclude?: string[];
  rules?: Record<string, Severity | 'off'>;
  categories?: Record<string, { names?: string[]; ignore?: string[] }>;
  sanitizers?: (string | { name: string; module?: string })[];
  sinks?: SinkData[];
  approvedVendors?: { vendor: string; contract: string; categories?: string[] }[];
  baseline?: string;
  checkTests?: boolean;
  /** What the privacy notice discloses, or the path of a JSON file holding it (see disclosure.ts). */
  disclosed?: string | DisclosureData;
}

/** The configuration in force for one file: every mt-pii.json from the root one down to the nearest. */
export interface ResolvedConfig {
  /** The mt-pii.json files applied, outermost first. */
  files: string[];
  /** profile.entity of the nearest file that sets it, aliases resolved ('business' by default). */
  entity: ProfileId;
  /** profile.also of the nearest file that sets it: profiles that combine with the entity (e.g. minors). */
  also: ProfileId[];
  /** Every active profile, in overlay order (see ruleSelect.activeProfiles). */
  profiles: ProfileId[];
  subjectToMcdpa: 'yes' | 'no' | 'unknown';
  /** profile.hipaaCovered: a HIPAA covered entity or business associate ('unknown' by default). */
  hipaaCovered: 'yes' | 'no' | 'unknown';
  severities: Record<string, Severity | 'off'>;
  /** Extra names per category, and names that never carry a category. */
  names: { add: Record<string, string[]>; ignore: Record<string, string[]> };
  sanitizers: string[];
  /** The module each sanitizer comes from, when mt-pii.json names it (quick fixes add the import). */
  sanitizerModules: Record<string, string>;
  sinks: SinkData[];
  approvedVendors: { vendor: string; contract: string; categories?: string[] }[];
  /** Absolute path of the baseline file, if any. */
  baseline?: string;
  /** include/exclude globs of each file, with the folder they are relative to. */
  filters: { dir: string; include?: string[]; exclude?: string[] }[];
  /** Check test, mock and story code too (skipped by default). */
  checkTests: boolean;
  /** What the privacy notice discloses: from the nearest mt-pii.json that records it (inline or in a file it names). */
  disclosure?: Disclosure;
}

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  files: [], entity: 'business', also: [], profiles: ['business'], subjectToMcdpa: 'unknown', hipaaCovered: 'unknown', severities: {}, names: { add: {}, ignore: {} },
  sanitizers: [], sanitizerModules: {}, sinks: [], approvedVendors: [], filters: [], checkTests: false,
}) as ResolvedConfig;

/** Checks of an mt-pii.json that need more than its text (the project around it, the built-in sinks). */
export interface ConfigContext {
  /** Why a path the file names (baseline) is refused, e.g. it leads outside the project; undefined when fine. */
  pathProblem?: (value: string) => string | undefined;
}

/**
 * Parses and validates one mt-pii.json. Syntax errors and schema problems come back with the line and
 * character of the offending value, so the editor can underline them in the file itself. The text is
 * untrusted: it is bounded in size and nesting before parsing, read into objects without a prototype, and
 * keys that name built-in properties of JavaScript objects (`__proto__`, `constructor`) are refused.
 *
 * @example
 * parseConfig('/app/mt-pii.json', '{ "rules": { "mt/x": "loud" } }', schemas).problems[0].message
 * // → 'rules.mt/x: expected one of "error", "warning", "info", "off", found "loud"'
 */
export function parseConfig(
  file: string, text: string, schemas: (name: string) => Record<string, unknown> | undefined, known?: KnownIds, context: ConfigContext = {},
): { data?: ConfigData; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const position = positionsOf(text);
  const tooBig = checkJsonText(text);
  if (tooBig) {
    const s = position(tooBig.start);
    const e = position(tooBig.end);
    return { problems: [{ file, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character, message: tooBig.message }] };
  }
  const ts = typescript();
  let json: TS.JsonSourceFile;
  try {
    json = ts.parseJsonText(file, text);
  } catch (e) {
    // A backstop: what the check above lets through still cannot take the process down.
    const message = e instanceof RangeError ? 'nests too deeply to read' : `cannot be read (${(e as Error).message})`;
    return { problems: [{ file, line: 0, character: 0, endLine: 0, endCharacter: 0, message }] };
  }
  const at = (node: TS.Node | undefined, message: string, pos?: number, end?: number) => {
    const s = position(pos ?? (node ? node.getStart(json) : 0));
    const e = position(end ?? (node ? node.end : 0));
    problems.push({ file, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character, message: message.replace(/[\r\n\u2028\u2029]+/g, ' ') });
  };
  const syntax = (json as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  for (const d of syntax.slice(0, 20)) at(undefined, `invalid JSON: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`, d.start, d.start + d.length);
  if (syntax.length) return { problems };
  const root = json.statements[0]?.expression;
  if (!root) {
    at(undefined, 'empty file: expected a JSON object');
    return { problems };
  }
  const nodes = new Map<string, TS.Node>();
  const refused: JsonRefusal[] = [];
  const value = jsonValue(root, json, nodes, refused);
  for (const r of refused.slice(0, 20)) at(undefined, r.message, r.start, r.end);
  if (refused.length) return { problems };
  const schema = schemas('config.schema.json');
  if (!schema) {
    at(root, 'cannot read the configuration schema (config.schema.json) of the installed tool');
    return { problems };
  }
  const nodeAt = (jsonPath: string): TS.Node => {
    let node = nodes.get(jsonPath);
    for (let q = jsonPath; !node && q; q = q.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) node = nodes.get(q);
    return node ?? root;
  };
  for (const p of validate(schema, value, schema, '', schemas).slice(0, 50)) {
    const unknown = /^unknown property '(.*)'$/.exec(p.message)?.[1];
    const message = unknown !== undefined ? p.message + didYouMean(unknown, propertiesAt(schema, p.path.slice(0, p.path.length - unknown.length).replace(/\.$/, '')), (k) => `'${k}'`) : p.message;
    at(nodeAt(p.path), p.path ? `${p.path}: ${message}` : message);
  }
  const data = value as ConfigData;
  if (known) for (const p of unknownIds(data, known)) at(nodeAt(p.path), `${p.path}: ${p.message}`);
  if (problems.length) return { problems };
  for (const p of known?.sinkProblems?.(data.sinks ?? []) ?? []) at(nodeAt(p.path), `${p.path}: ${p.message}`);
  for (const [key, glob] of [...(data.include ?? []).map((g, i) => [`include[${i}]`, g]), ...(data.exclude ?? []).map((g, i) => [`exclude[${i}]`, g])]) {
    const why = globProblem(glob);
    if (why) at(nodeAt(key), `${key}: the glob ${why}`);
  }
  if (data.baseline !== undefined && context.pathProblem) {
    const why = context.pathProblem(data.baseline);
    if (why) at(nodeAt('baseline'), `baseline: ${JSON.stringify(data.baseline)} ${why}`);
  }
  return problems.length ? { problems } : { data, problems };
}

/** The rule and category ids an mt-pii.json may name (from the rules/ data). */
export interface KnownIds {
  rules: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  /** Problems of the file's own sinks once compiled with the built-in ones (a reused id), at JSON paths. */
  sinkProblems?: (sinks: readonly SinkData[]) => { path: string; message: string }[];
}

/** Rule ids and category ids the rules/ data does not define, each with the closest known id. */
function unknownIds(data: ConfigData, known: KnownIds): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const keys = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
  const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
  for (const id of keys(data.rules)) {
    if (!known.rules.has(id)) out.push({ path: `rules.${id}`, message: `unknown rule id '${id}'${didYouMean(id, known.rules, (k) => `'${k}'`)} (\`mt-pii explain\` lists the rules)` });
  }
  const category = (id: string, at: string) => {
    if (!known.categories.has(id)) out.push({ path: at, message: `unknown category id '${id}'${didYouMean(id, known.categories, (k) => `'${k}'`)}` });
  };
  for (const id of keys(data.categories)) category(id, `categories.${id}`);
  list(data.approvedVendors).forEach((v, i) => list(v?.categories).forEach((c, j) => typeof c === 'string' && category(c, `approvedVendors[${i}].categories[${j}]`)));
  return out;
}

/** The property names the schema allows at a JSON path of the config (`profile`, `approvedVendors[0]`). */
function propertiesAt(schema: Record<string, unknown>, jsonPath: string): string[] {
  let node: Record<string, unknown> | undefined = schema;
  for (const part of jsonPath.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    node = part.startsWith('[') ? (node?.['items'] as Record<string, unknown> | undefined)
      : ((node?.['properties'] as Record<string, Record<string, unknown>> | undefined)?.[part] ?? (node?.['additionalProperties'] as Record<string, unknown> | undefined));
  }
  return Object.keys((node?.['properties'] as Record<string, unknown> | undefined) ?? {});
}

/**
 * Merges a chain of configurations, outermost first: later (nearer) files win for scalars and rule
 * severities; lists (names, sanitizers, sinks, approved vendors) add up; each file's include/exclude
 * globs apply relative to its own folder.
 */
export function mergeConfigs(chain: { file: string; data: ConfigData; disclosure?: Disclosure }[]): ResolvedConfig {
  // Keyed by names the configuration chose: no prototype, so no name can reach a built-in property.
  const keyed = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
  const out: ResolvedConfig = {
    files: [], entity: 'business', also: [], profiles: [], subjectToMcdpa: 'unknown', hipaaCovered: 'unknown', severities: keyed(), names: { add: keyed(), ignore: keyed() },
    sanitizers: [], sanitizerModules: keyed(), sinks: [], approvedVendors: [], filters: [], checkTests: false,
  };
  for (const { file, data, disclosure } of chain) {
    if (disclosure) out.disclosure = disclosure;
    if (data.checkTests !== undefined) out.checkTests = data.checkTests;
    const dir = path.dirname(file);
    out.files.push(file);
    // A nearer file's entity and `also` list replace the outer ones (`"also": []` drops an inherited profile).
    if (data.profile?.entity) out.entity = canonicalProfile(data.profile.entity) ?? out.entity;
    if (data.profile?.also) out.also = [...new Set(data.profile.also.map((p) => canonicalProfile(p)).filter((p): p is ProfileId => !!p))];
    if (data.profile?.subjectToMcdpa) out.subjectToMcdpa = data.profile.subjectToMcdpa;
    if (data.profile?.hipaaCovered) out.hipaaCovered = data.profile.hipaaCovered;
    Object.assign(out.severities, data.rules ?? {});
    for (const [cat, spec] of Object.entries(data.categories ?? {})) {
      if (spec.names?.length) (out.names.add[cat] ??= []).push(...spec.names);
      if (spec.ignore?.length) (out.names.ignore[cat] ??= []).push(...spec.ignore);
    }
    for (const s of data.sanitizers ?? []) {
      const name = typeof s === 'string' ? s : s.name;
      if (!out.sanitizers.includes(name)) out.sanitizers.push(name);
      if (typeof s !== 'string' && s.module) out.sanitizerModules[name] = s.module;
    }
    out.sinks.push(...(data.sinks ?? []));
    out.approvedVendors.push(...(data.approvedVendors ?? []));
    if (data.baseline) out.baseline = path.resolve(dir, data.baseline);
    if (data.include || data.exclude) out.filters.push({ dir, include: data.include, exclude: data.exclude });
  }
  out.profiles = activeProfiles({ entity: out.entity, also: out.also, hipaaCovered: out.hipaaCovered });
  return out;
}

/** Whether a file is checked under this configuration's include/exclude globs. */
export function isIncluded(config: ResolvedConfig, file: string): boolean {
  for (const f of config.filters) {
    const rel = path.relative(f.dir, file).split(path.sep).join('/');
    if (rel.startsWith('../')) continue;
    const match = (g: string) => globMatches(g, rel);
    if (f.include?.length && !f.include.some(match)) return false;
    if (f.exclude?.some(match)) return false;
  }
  return true;
}

/**
 * A stable key for caches that depend on the parts of a configuration the engine sees: a project's files
 * analysed as imports are reused as scan results, so they must have been analysed with the same profile,
 * severities, sanitizers and approvals.
 */
export function engineKey(config: ResolvedConfig): string {
  return JSON.stringify([config.names, config.sinks, analyzeOptionsOf(config)]);
}

/** The parts of a configuration the engine applies when analysing a file. */
export function analyzeOptionsOf(config: ResolvedConfig): {
  severities: Record<string, Severity | 'off'>;
  sanitizers: string[];
  names: ResolvedConfig['names'];
  approvedVendors: ResolvedConfig['approvedVendors'];
  profile: { entity: ProfileId; also: ProfileId[]; subjectToMcdpa: ResolvedConfig['subjectToMcdpa']; hipaaCovered: ResolvedConfig['hipaaCovered'] };
  disclosed?: { vendors?: string[]; categories?: string[] };
} {
  return {
    severities: config.severities,
    sanitizers: config.sanitizers,
    names: config.names,
    approvedVendors: config.approvedVendors,
    profile: { entity: config.entity, also: config.also, subjectToMcdpa: config.subjectToMcdpa, hipaaCovered: config.hipaaCovered },
    ...(config.disclosure ? { disclosed: { vendors: config.disclosure.vendors, categories: config.disclosure.categories } } : {}),
  };
}
