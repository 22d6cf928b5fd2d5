// One file analysed: parse, one walk of the evaluator, hits turned into findings by the rules, suppressions
// applied. Pure: no I/O, no vscode, the same result in the CLI and the language server; multi-file
// projects are project.ts's job.
import type * as ts from 'typescript';
import { serviceLabelOf, type Catalog } from '../catalog/load';
import { classifierFor } from './classify';

export { classifierFor };
import { disclosureFindings } from './disclosure';
import { Evaluator, Hit } from './evaluate';
import type { Finding, SinkInfo } from './finding';
import { GuardWords } from './guardKinds';
import type { AnalyzeOptions } from './options';
import { parseDiagnostics, parseFile } from './parse';
import { toFindings } from './ruleMatch';
import { Directive, UNUSED_SUPPRESSION, applySuppressions, findDirectives } from './suppressions';
import type { ModuleExports } from './values';

export interface AnalysisResult {
  findings: Finding[];
  /** Findings hidden by a suppression directive. */
  suppressed: Finding[];
  /** Number of syntax errors; the file was analysed as far as its tree goes. */
  syntaxErrors: number;
  /** Part of the file nests deeper than the engine follows. */
  truncated: boolean;
  sourceFile: ts.SourceFile;
  /** What the file exports, for files that import it. */
  exports: ModuleExports;
  /** Personal data that reached an encrypted store (a `safe` sink): never a finding, listed in the data map. */
  safe: SafeDestination[];
  /** The file's suppression directives, with how many findings each suppressed (mt-pii scan --list-suppressions). */
  directives: Directive[];
  /** The file, or a module it imports, reads the opt-out preference signal. */
  readsOptOutSignal: boolean;
}

/** A place where personal data reaches an encrypted store, the destination the rules recommend. */
export interface SafeDestination {
  file: string;
  start: number;
  end: number;
  sink: SinkInfo;
  categories: string[];
}

/**
 * Analyses one file: parse, one walk, findings. Pure: no I/O, no vscode, same result in the CLI and the
 * language server.
 *
 * @example
 * const { catalog } = loadCatalog();
 * const { findings } = analyzeFile('/app/a.ts', "import { AnalyticsBrowser } from '@segment/analytics-next';\n" +
 *   "const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nanalytics.identify(user.id, { email: user.email });", catalog);
 * findings[0].ruleId // → 'mt/personal-data-to-third-party'
 */
export function analyzeFile(file: string, text: string, catalog: Catalog, options: AnalyzeOptions = {}, parsed?: ts.SourceFile): AnalysisResult {
  const sf = parsed ?? parseFile(file, text);
  const classifier = classifierFor(catalog, withPiiTags(text, catalog, options.names));
  // Which imports read the opt-out preference signal, noted as the evaluator asks for them.
  let importsRead = false;
  const importer = options.importer && ((spec: string) => {
    const exports = options.importer!(spec);
    if (!importsRead && options.importReadsSignal?.(spec)) importsRead = true;
    return exports;
  });
  const evaluator = new Evaluator(sf, catalog, classifier, options.isCancelled, new Set(options.sanitizers ?? []), importer, options.dataModels);
  evaluator.run();
  const checks = catalog.categories.optOutChecks;
  const readsOptOutSignal = importsRead || (!!checks && GuardWords.of(checks).readsSignal(text));
  const severities = options.severities ?? {};
  // Encrypted stores (catalog `safe`) are where such values belong: recorded for the data map, never findings.
  const isSafe = (h: Hit) => !!catalog.instances[h.sink.instance].sink.safe;
  const raw = toFindings(evaluator.hits.filter((h) => !isSafe(h)), sf, file, catalog, classifier, severities, options.fingerprintPath ?? file,
    { ...options, optOutSignalRead: options.optOutSignalRead ?? readsOptOutSignal });
  // Derived rules (disclosure drift) read the findings the sink rules made (disclosure.ts).
  raw.push(...disclosureFindings(raw, catalog, classifier.labels, options));
  const directives = text.includes('mt-pii-ignore-') ? findDirectives(sf, text, new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION]), options.today) : [];
  const { findings, suppressed } = applySuppressions(raw, directives, sf, file, options, severities);
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  const result = {
    findings, suppressed, syntaxErrors: parseDiagnostics(sf).length, truncated: evaluator.truncated, sourceFile: sf,
    safe: safeDestinations(evaluator.hits.filter(isSafe), sf, file, catalog), directives, readsOptOutSignal,
  };
  if (!options.lazyExports) return { ...result, exports: evaluator.exports() };
  let computed: ModuleExports | undefined;
  return Object.defineProperty(result, 'exports', { enumerable: true, get: () => (computed ??= evaluator.exports()) }) as AnalysisResult;
}

/** Personal data reaching encrypted stores, one entry per call with the categories that reach it. */
function safeDestinations(hits: Hit[], sf: ts.SourceFile, file: string, catalog: Catalog): SafeDestination[] {
  const byPlace = new Map<string, SafeDestination>();
  for (const hit of hits) {
    if (!hit.taints.length) continue;
    const sink = catalog.instances[hit.sink.instance].sink;
    const start = hit.node.getStart(sf);
    const key = `${start}\u0000${hit.sink.api}`;
    let d = byPlace.get(key);
    if (!d) {
      const info: SinkInfo = { kind: sink.kind, vendor: sink.vendor, api: hit.sink.api, id: sink.id, service: sink.service, serviceLabel: serviceLabelOf(catalog, sink) };
      d = { file, start, end: hit.node.end, sink: info, categories: [] };
      byPlace.set(key, d);
    }
    for (const t of hit.taints) if (!d.categories.includes(t.cat)) d.categories.push(t.cat);
  }
  for (const d of byPlace.values()) d.categories.sort();
  return [...byPlace.values()];
}

/** What a project keeps of an analysed file: everything but its syntax tree. */
export type CachedResult = Omit<AnalysisResult, 'sourceFile'>;

const PII_LIST = /@pii\s+([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)/;
const TAGGED_NAME = /\s*(?:(?:export|declare|default|public|private|protected|readonly|static|abstract|async|const|let|var|function|get|set)\s+)*([A-Za-z_$][\w$]*)/y;

/**
 * The `/** ... @pii cats ... *\/ name` tags of a text: one pass from comment to comment (a single regular
 * expression over the whole text backtracked quadratically on many tags).
 */
function* piiTags(text: string): Generator<{ categories: string[]; name: string }> {
  for (let at = text.indexOf('/**'); at >= 0; at = text.indexOf('/**', at)) {
    const end = text.indexOf('*/', at + 3);
    if (end < 0) return;
    const list = PII_LIST.exec(text.slice(at + 3, end));
    at = end + 2;
    if (!list) continue;
    TAGGED_NAME.lastIndex = at;
    const name = TAGGED_NAME.exec(text);
    if (!name) continue;
    at = TAGGED_NAME.lastIndex;
    yield { categories: list[1].split(/\s*,\s*/), name: name[1] };
  }
}

/**
 * `@pii` JSDoc tags: a declaration tagged `/** @pii health *\/ notes: string` makes its name carry the
 * category throughout the file, whatever the name looks like.
 */
function withPiiTags(text: string, catalog: Catalog, names: AnalyzeOptions['names']): AnalyzeOptions['names'] {
  if (!text.includes('@pii')) return names;
  const known = new Set(catalog.categories.categories.map((c) => c.id));
  const add: Record<string, string[]> = { ...(names?.add ?? {}) };
  let found = false;
  for (const tag of piiTags(text)) {
    for (const cat of tag.categories) {
      if (!known.has(cat)) continue;
      add[cat] = [...(add[cat] ?? []), tag.name];
      found = true;
    }
  }
  return found ? { add, ignore: names?.ignore ?? {} } : names;
}

