import type * as ts from 'typescript';
import { serviceLabelOf, serviceTierOf, type Catalog } from '../catalog/load';
import type { ProfileId, RuleData, Severity } from '../catalog/types';
import { Classifier, splitWords } from './classify';
import { Evaluator, Hit } from './evaluate';
import { Finding, FlowStep, SinkInfo, fingerprint } from './finding';
import { parseDiagnostics, parseFile } from './parse';
import { Directive, directiveCovers, findDirectives } from './suppressions';
import { ModuleResolver, ProjectHost } from './resolve';
import { ModuleExports, Step, Taint, locOf } from './values';
import { activeProfiles, guardVerdict, mcdpaStanding, readFinding, ruleApplies, viewOf } from './ruleSelect';
import { GuardWords, guardKindsOf } from './guardKinds';
import { fillMessage } from './wording';
import { disclosureFindings } from './disclosure';

export { Cancelled } from './evaluate';
export type { ProjectHost } from './resolve';
export type { Finding, FlowStep, SinkInfo } from './finding';
export type { Directive } from './suppressions';
export { isSourceFile, parseFile, SOURCE_EXTENSIONS } from './parse';

/** Rule ids the engine itself reports about suppression directives. */
export const UNUSED_SUPPRESSION = 'mt/unused-suppression';
export const INVALID_SUPPRESSION = 'mt/invalid-suppression';

export interface AnalyzeOptions {
  /** Checked between steps; when it returns true the analysis stops with `Cancelled`. */
  isCancelled?: () => boolean;
  /** Severity per rule id, or 'off' to disable the rule. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Extra sanitizer function names (the team's own encrypt/redact helpers). */
  sanitizers?: readonly string[];
  /** Path used in fingerprints (relative to the project), defaults to the file name. */
  fingerprintPath?: string;
  /** Report directives that suppress nothing (default true). */
  reportUnusedSuppressions?: boolean;
  /** Today's date (YYYY-MM-DD) for suppression expiry; default: the machine's local date. */
  today?: string;
  /**
   * Compute `exports` when first read, not at once (an edited document that nothing imports needs none).
   * The evaluator and syntax tree stay alive until then; the tree must not be re-used for parsing meanwhile.
   */
  lazyExports?: boolean;
  /** Exports of a project module imported from this file with `spec` (see Project). */
  importer?: (spec: string) => ModuleExports | undefined;
  /**
   * Some code of the project reads the opt-out preference signal (navigator.globalPrivacyControl, Sec-GPC):
   * the CLI scans every file for it. Undefined: the file itself and the modules it imports tell (Project).
   */
  optOutSignalRead?: boolean;
  /** Whether the module imported with `spec` reads the signal, itself or through its imports (set by Project). */
  importReadsSignal?: (spec: string) => boolean;
  /** Team names per category from mt-pii.json: extra names that carry it, names that never do. */
  names?: { add: Record<string, string[]>; ignore: Record<string, string[]> };
  /** Vendors under a processor contract: their findings become information naming the contract. */
  approvedVendors?: readonly { vendor: string; contract: string; categories?: string[] }[];
  /**
   * Who the organisation is (mt-pii.json profile): `entity` and the profiles it adds (`also`, e.g. a school
   * service for minors) decide which rules apply and which citations they show; see ruleSelect.ts.
   */
  profile?: {
    entity?: ProfileId | 'school-service-operator'; also?: readonly (ProfileId | 'school-service-operator')[];
    subjectToMcdpa?: 'yes' | 'no' | 'unknown'; hipaaCovered?: 'yes' | 'no' | 'unknown';
  };
  /** What the team's privacy notice discloses (mt-pii.json "disclosed"); a list left out is not checked. */
  disclosed?: { vendors?: readonly string[]; categories?: readonly string[] };
}

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
  const evaluator = new Evaluator(sf, catalog, classifier, options.isCancelled, new Set(options.sanitizers ?? []), importer);
  evaluator.run();
  const checks = catalog.categories.optOutChecks;
  const readsOptOutSignal = importsRead || (!!checks && new GuardWords(checks).readsSignal(text));
  const severities = options.severities ?? {};
  // Encrypted stores (catalog `safe`) are where such values belong: recorded for the data map, never findings.
  const isSafe = (h: Hit) => !!catalog.instances[h.sink.instance].sink.safe;
  const raw = toFindings(evaluator.hits.filter((h) => !isSafe(h)), sf, file, catalog, classifier, severities, options.fingerprintPath ?? file,
    { ...options, optOutSignalRead: options.optOutSignalRead ?? readsOptOutSignal });
  raw.push(...disclosureFindings(raw, catalog, classifier.labels, options));
  const directives = text.includes('mt-pii-ignore-') ? findDirectives(sf, text, new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION]), options.today) : [];
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of raw) {
    const line = sf.getLineAndCharacterOfPosition(f.start).line;
    // Every directive that covers the finding counts as used (a file directive does not make a line one unused).
    const covering = directives.filter((x) => directiveCovers(x, f.ruleId) && (x.kind === 'file' || x.line === line));
    for (const d of covering) {
      d.used = true;
      d.suppressed = (d.suppressed ?? 0) + 1;
    }
    if (covering.length) suppressed.push(f);
    else findings.push(f);
  }
  findings.push(...directiveFindings(directives, file, options, severities));
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

interface ModuleEntry {
  state: 'running' | 'done';
  /** Host version of the file when analysed (see ProjectHost.version); undefined for editor text. */
  version?: string;
  result?: CachedResult;
  /** Project modules whose exports this file's analysis read (its direct imports). */
  imports: Set<string>;
  /**
   * The result depends on the order files were analysed in: an import cycle was cut at a module still
   * being analysed, or an import's analysis was cancelled (directly or through an import).
   */
  orderDependent: boolean;
}

/**
 * Files of one project analysed together: an imported project module (relative path or tsconfig
 * alias) is analysed once, and what it exports — wrapper functions with their summaries, SDK instances —
 * flows into the files that import it. Results are cached per file; `invalidate` drops them.
 *
 * @example
 * const project = new Project(catalog, fsHost);
 * project.analyze('/app/src/pages/signup.ts').findings // includes flows into /app/src/lib/analytics.ts
 */
export class Project {
  private resolver: ModuleResolver;
  private readonly modules = new Map<string, ModuleEntry>();

  constructor(
    readonly catalog: Catalog,
    readonly host: ProjectHost & { version?(file: string): string | undefined; reset?(): void },
    readonly options: AnalyzeOptions = {},
    /** The path fingerprints use for a file (relative to the project), whichever way it was reached. */
    private readonly fingerprintPathOf: (file: string) => string = (f) => f,
  ) {
    this.resolver = new ModuleResolver(host);
  }

  /**
   * Analyses `file` (its text from the host unless given, e.g. an editor buffer). Cached results are
   * reused while the host reports the same version of the file. Give `diskVersion` when `text` was
   * read from disk, so importers may reuse the result.
   */
  analyze(file: string, text?: string, options: AnalyzeOptions = {}, diskVersion?: string): AnalysisResult | CachedResult | undefined {
    const entry = this.modules.get(file);
    const version = text === undefined ? this.host.version?.(file) : diskVersion;
    if (text === undefined && entry?.state === 'done' && entry.result) {
      if (entry.version === version) return entry.result;
      // The file changed on disk (or was last analysed from an editor buffer): importers may be stale too.
      if (entry.version !== undefined) this.invalidate();
    }
    const source = text ?? this.host.readFile(file);
    if (source === undefined) return undefined;
    const own: ModuleEntry = { state: 'running', version, imports: new Set(), orderDependent: false };
    this.modules.set(file, own);
    try {
      const result = analyzeFile(file, source, this.catalog, {
        ...this.options,
        fingerprintPath: this.fingerprintPathOf(file),
        ...options,
        importer: (spec) => {
          const target = this.resolver.resolve(file, spec);
          if (!target) return undefined;
          own.imports.add(target);
          const exports = this.exportsOf(target);
          const dep = this.modules.get(target);
          // A cycle cut here (the module is still running), an order-dependent import, or an import whose
          // analysis was cancelled make this result depend on the order of analysis too.
          if (dep?.state === 'running' || dep?.orderDependent || (!dep && this.options.isCancelled?.())) own.orderDependent = true;
          return exports;
        },
        importReadsSignal: (spec) => {
          const target = this.resolver.resolve(file, spec);
          return !!(target && this.modules.get(target)?.result?.readsOptOutSignal);
        },
      });
      own.result = { ...result, sourceFile: undefined } as CachedResult;
      delete (own.result as Partial<AnalysisResult>).sourceFile;
      own.state = 'done';
      return result;
    } catch (e) {
      this.modules.delete(file);
      throw e;
    }
  }

  /** What import resolution did not follow because it leads outside the project (tsconfig extends, paths). */
  resolverNotes(): string[] {
    return [...this.resolver.notes];
  }

  /** Cached result of a file analysed earlier (as a scan target or as someone's import). */
  cached(file: string): CachedResult | undefined {
    return this.modules.get(file)?.result;
  }

  /**
   * Whether the cached result of `file` depends on the order files were analysed in (an import cycle, a
   * cancelled import). Results that do not are the same whichever files were analysed before them.
   */
  isOrderDependent(file: string): boolean {
    return !!this.modules.get(file)?.orderDependent;
  }

  /** Drops the cached results that depend on analysis order (see isOrderDependent); keeps the rest. */
  forgetOrderDependent(): void {
    for (const [f, e] of this.modules) if (e.state === 'done' && e.orderDependent) this.modules.delete(f);
  }

  /** Every project module the cached result of `file` was computed from, itself excluded (its imports, theirs, …). */
  dependenciesOf(file: string): string[] {
    const seen = new Set<string>([file]);
    const todo = [file];
    while (todo.length) {
      for (const dep of this.modules.get(todo.pop()!)?.imports ?? []) {
        if (!seen.has(dep)) {
          seen.add(dep);
          todo.push(dep);
        }
      }
    }
    seen.delete(file);
    return [...seen].sort();
  }

  /** Drops cached results: of one file, or of all (and what was learnt about the file system). */
  invalidate(file?: string): void {
    if (file) {
      this.modules.delete(file);
      return;
    }
    for (const [f, e] of this.modules) if (e.state === 'done') this.modules.delete(f);
    this.resolver = new ModuleResolver(this.host);
    this.host.reset?.();
  }

  private exportsOf(file: string): ModuleExports | undefined {
    const entry = this.modules.get(file);
    if (entry?.state === 'running') return undefined; // an import cycle: the module is still being analysed
    try {
      return this.analyze(file, undefined, { isCancelled: this.options.isCancelled })?.exports;
    } catch {
      return undefined; // an imported module that cannot be analysed leaves its imports unknown
    }
  }
}

function directiveFindings(directives: Directive[], file: string, options: AnalyzeOptions, severities: Readonly<Record<string, Severity | 'off'>>): Finding[] {
  const out: Finding[] = [];
  for (const d of directives) {
    if (d.problem) {
      const sev = severities[INVALID_SUPPRESSION] ?? 'warning';
      if (sev === 'off') continue;
      out.push(metaFinding(INVALID_SUPPRESSION, sev, `Suppression directive ignored: ${d.problem}.`, file, d, options));
    } else if (!d.used && options.reportUnusedSuppressions !== false) {
      // A directive for the unused-suppression rule itself is never reported as unused.
      if (d.rules.includes(UNUSED_SUPPRESSION)) continue;
      const sev = severities[UNUSED_SUPPRESSION] ?? 'warning';
      if (sev === 'off') continue;
      const what = d.rules.length ? d.rules.join(', ') : 'any rule';
      out.push(metaFinding(UNUSED_SUPPRESSION, sev, `Unused suppression: no ${what} finding ${d.kind === 'file' ? 'in this file' : 'on the next line'}.`, file, d, options));
    }
  }
  return out;
}

function metaFinding(ruleId: string, severity: Severity, message: string, file: string, d: Directive, options: AnalyzeOptions): Finding {
  return {
    ruleId, severity, tier: 'finding', message, file, start: d.start, end: d.end, categories: [], citations: [], flow: [], flowChains: [],
    fingerprint: fingerprint([ruleId, options.fingerprintPath ?? file, d.kind, d.rules.join(','), d.reason], 0),
  };
}

interface Group {
  rule: RuleData;
  hit: Hit;
  /** The call or write the finding is reported at (one finding per site per rule). */
  site: string;
  taints: Map<string, Taint>;
  tails: Step[];
  /** A call marked `fires` (pixel init or event) matched, with or without personal data. */
  fires: boolean;
  /** Every category that reaches the site, and every matched taint (for a companion's words). */
  reaching: Set<string>;
  seen: Taint[];
  /** Every call of the group sits behind only the app's own check, and no code reads the opt-out signal. */
  unreadSignal: boolean;
}

/**
 * Hits → findings: each rule that applies to the organisation's profiles and matches the sink (kind,
 * service, vendor role) and the data (categories, or a `fires` call) gives one finding per site; a rule
 * leaves to a more specific rule reporting at the same site the categories that rule reports (yieldsTo), or
 * the whole site (yieldsSiteTo), so a user sees one finding per site per concern.
 */
function toFindings(
  hits: Hit[], sf: ts.SourceFile, file: string, catalog: Catalog, classifier: Classifier,
  severities: Readonly<Record<string, Severity | 'off'>>, fpPath: string, options: AnalyzeOptions,
): Finding[] {
  const profiles = activeProfiles(options.profile);
  const standing = mcdpaStanding(profiles, options.profile?.subjectToMcdpa);
  // Derived rules (disclosure drift) are not matched at sinks: they read the findings made here (disclosure.ts).
  const rules = catalog.rules.filter((r) => !r.derived && severities[r.id] !== 'off' && ruleApplies(r, profiles));
  const groups = new Map<string, Group>();
  for (const hit of hits) {
    const sink = catalog.instances[hit.sink.instance].sink;
    const site = `${hit.node.pos}\u0000${hit.sink.api}`;
    for (const rule of rules) {
      if (!rule.sinkKinds.includes(sink.kind)) continue;
      if (rule.services && !rule.services.includes(sink.service)) continue;
      const tier = serviceTierOf(catalog, sink);
      if (rule.serviceTier && rule.serviceTier !== tier) continue;
      if (rule.roles && !(sink.role && rule.roles.includes(sink.role))) continue;
      // Behind a check of a kind the rule accepts (the signal, consent, the app's flag): quiet, unless the rule
      // asks that the project read the signal and the check is only the app's own.
      const verdict = guardVerdict(rule, guardKindsOf(hit.guards), !!options.optOutSignalRead);
      if (verdict === 'quiet') continue;
      const categories = rule.byServiceTier?.[tier]?.categories ?? rule.categories;
      let matched = hit.taints.filter((t) => categories.includes(t.cat));
      if (rule.requireAny && !matched.some((t) => rule.requireAny!.includes(t.cat))) matched = [];
      const fires = !!(rule.fires && hit.fires && (!rule.firesRoles || (sink.role && rule.firesRoles.includes(sink.role))));
      if (!matched.length && !fires) continue;
      const key = `${rule.id}\u0000${site}`;
      let g = groups.get(key);
      if (!g) {
        g = { rule, hit, site, taints: new Map(), tails: hit.tail, fires: false, reaching: new Set(), seen: [], unreadSignal: verdict === 'unread-signal' };
        groups.set(key, g);
      } else g.unreadSignal &&= verdict === 'unread-signal';
      g.fires ||= fires;
      for (const t of hit.taints) g.reaching.add(t.cat);
      g.seen.push(...matched);
      for (const t of matched) if (!g.taints.has(t.cat)) g.taints.set(t.cat, t);
    }
  }
  // One finding per site per concern: what a more specific rule reports at the same site is left to it.
  const bySite = new Map<string, Map<string, ReadonlySet<string>>>();
  for (const g of groups.values()) {
    let m = bySite.get(g.site);
    if (!m) bySite.set(g.site, (m = new Map()));
    m.set(g.rule.id, new Set(g.taints.keys()));
  }
  for (const [key, g] of groups) {
    const here = bySite.get(g.site)!;
    if (g.rule.yieldsSiteTo?.some((id) => here.has(id))) {
      groups.delete(key);
      continue;
    }
    const stronger = (g.rule.yieldsTo ?? []).filter((id) => here.has(id));
    if (!stronger.length) continue;
    if (g.taints.size) for (const id of stronger) for (const c of here.get(id)!) g.taints.delete(c);
    if (!g.taints.size) groups.delete(key);
  }
  collapseFires(groups, catalog);
  const occurrences = new Map<string, number>();
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const { rule, hit } = g;
    const sink = catalog.instances[hit.sink.instance].sink;
    const categories = [...g.taints.keys()].sort();
    // Citations and wording for the organisation's profiles and the vendor's role (a state agency is not bound by the MCDPA).
    // ... and where the organisation stands under the MCDPA (below its thresholds, exempt): see readFinding.
    const view = viewOf(rule, profiles, sink.role);
    const reading = readFinding(rule, view, {
      categories, reaching: g.reaching, standing, configured: severities[rule.id] as Severity | undefined, unreadSignal: g.unreadSignal,
      sourceWords: () => sourceWordsOf(g.seen.filter((t) => g.taints.has(t.cat)), sf),
    }, catalog.citations, catalog.notices);
    const { citations, notes } = reading;
    let severity = reading.severity;
    const sinkData = sink;
    const approval = options.approvedVendors?.find((a) => {
      const v = a.vendor.toLowerCase();
      return (v === sinkData.id || v === sinkData.vendor.toLowerCase()) && (!a.categories || [...g.taints.keys()].every((c) => a.categories!.includes(c)));
    });
    if (approval) {
      severity = 'info';
      notes.push(`approved processor: ${approval.contract}`);
    }
    const start = hit.node.getStart(sf);
    const labels = categories.map((c) => classifier.labels.get(c) ?? c);
    const message = fillMessage(reading.template, { categories: labels, vendor: sink.vendor, service: serviceLabelOf(catalog, sink), api: hit.sink.api, sinkKind: sink.kind })
      + (notes.length ? ` (${notes.join('; ')})` : '');
    const flowChains = flowOf([...g.taints.values()], g.tails, sf, file);
    const flow = flowChains.flat();
    const codeText = sf.text.slice(start, hit.node.end).replace(/\s+/g, '');
    const fpParts = [rule.id, fpPath, hit.sink.api, categories.join(','), codeText];
    const occKey = fpParts.join('\u0000');
    const occ = occurrences.get(occKey) ?? 0;
    occurrences.set(occKey, occ + 1);
    out.push({
      ruleId: rule.id,
      severity,
      tier: rule.tier ?? 'finding',
      message,
      ...(approval ? { approval: approval.contract } : {}),
      file,
      start,
      end: hit.node.end,
      sink: {
        kind: sink.kind, vendor: sink.vendor, api: hit.sink.api, id: sink.id, service: sink.service,
        serviceLabel: serviceLabelOf(catalog, sink), ...(sink.role ? { role: sink.role } : {}),
      },
      categories,
      citations,
      flow,
      flowChains,
      fingerprint: fingerprint(fpParts, occ),
    });
  }
  return out;
}

/**
 * Rules with `firesOncePerFile`: a pixel is gated (or not) where it is loaded, so its data-free calls in a
 * file make one finding, at the first call, with the other calls as flow steps; none when the same rule
 * already reports the vendor in the file with personal data.
 */
function collapseFires(groups: Map<string, Group>, catalog: Catalog): void {
  const first = new Map<string, Group>();
  const withData = new Set<string>();
  const pending: [string, Group, string][] = [];
  for (const [key, g] of groups) {
    if (!g.rule.firesOncePerFile) continue;
    const vendorKey = `${g.rule.id}\u0000${catalog.instances[g.hit.sink.instance].sink.id}`;
    if (g.taints.size) withData.add(vendorKey);
    else pending.push([key, g, vendorKey]);
  }
  pending.sort((a, b) => a[1].hit.node.pos - b[1].hit.node.pos);
  for (const [key, g, vendorKey] of pending) {
    const kept = first.get(vendorKey);
    if (withData.has(vendorKey)) groups.delete(key);
    else if (!kept) first.set(vendorKey, g);
    else {
      // One finding per vendor per file: it says the signal is never read only if no call is unguarded.
      kept.unreadSignal &&= g.unreadSignal;
      kept.tails = [...kept.tails, { node: g.hit.node, note: `also fires: ${g.hit.sink.api}` }];
      groups.delete(key);
    }
  }
}

const MAX_FLOW = 12;

/** The words of the names along each taint's flow (card.cvv → ['card', 'cvv']), for a rule's companion words. */
function sourceWordsOf(taints: readonly Taint[], sf: ts.SourceFile): string[][] {
  const out: string[][] = [];
  for (const t of taints) {
    for (let s: Step | undefined = t.step, n = 0; s && n < MAX_FLOW; s = s.prev, n++) {
      const text = s.note ?? s.loc?.text ?? sf.text.slice(s.node.getStart(sf), Math.min(s.node.end, s.node.getStart(sf) + 200));
      out.push(splitWords(text));
    }
  }
  return out;
}

function flowOf(taints: Taint[], tails: Step[], sf: ts.SourceFile, file: string): FlowStep[][] {
  const seen = new Set<string>();
  let total = 0;
  const toStep = (s: Step): FlowStep | undefined => {
    const loc = s.loc ?? locOf(s.node, sf);
    const key = `${loc.file}:${loc.start}:${loc.end}`;
    if (seen.has(key) || total >= MAX_FLOW) return undefined;
    seen.add(key);
    total++;
    const { file: where, start, end, line, character, endLine, endCharacter } = loc;
    return { file: s.loc ? where : file, start, end, line, character, endLine, endCharacter, note: s.note ?? loc.text };
  };
  const chains: FlowStep[][] = [];
  for (const t of taints) {
    const chain: Step[] = [];
    for (let s: Step | undefined = t.step; s && chain.length < MAX_FLOW; s = s.prev) chain.push(s);
    const steps = chain.reverse().map(toStep).filter((x): x is FlowStep => !!x);
    if (steps.length) chains.push(steps);
  }
  const tail = tails.map(toStep).filter((x): x is FlowStep => !!x);
  if (tail.length) {
    if (chains.length) chains[chains.length - 1].push(...tail);
    else chains.push(tail);
  }
  return chains;
}
