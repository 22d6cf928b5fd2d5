import * as fs from 'fs';
import * as path from 'path';
import { validate } from './jsonSchema';
import { HostPathPattern } from './hostPattern';
import { parseMethod, parsePath, pathKey } from './paths';
import type {
  ApiSourceData, BaseUrlData, CategoriesData, HttpClientsData, CitationData, CitationsData, EntryData, NoticesData, PrivacyDocumentsData, RuleData, ServicesData, SinkData, Tier,
  ToolRuleData,
} from './types';

/** A problem in a rules/ data file: the file, the JSON path inside it and what is wrong. */
export interface CatalogProblem {
  file: string;
  path: string;
  message: string;
}

export interface CallSpec {
  instance: number;
  method: string;
  args?: readonly number[];
  keyArg?: number;
  command?: number;
  profile: boolean | readonly string[];
  returnsInstance?: boolean;
  keyFromMethod?: boolean;
  fires?: boolean | readonly string[];
  contentKeys?: readonly string[];
  modelKey?: string;
}

export interface WriteSpec {
  instance: number;
  property: string;
  keyFromProperty: boolean;
  cookieString: boolean;
  profile: boolean;
}

/** A generic HTTP client call (rules/http-clients.json). */
export interface HttpClientSpec {
  label: string;
  url: number;
  urlKey?: string;
  data: readonly number[];
}

export interface InstanceInfo {
  id: number;
  sink: SinkData;
  label: string;
  /** The option that points the client at another host (see sinks.ts retarget). */
  baseUrl?: BaseUrlData;
  /** Keys of an object argument its calls and creations drop (InstanceData.ignoreKeys). */
  ignoreKeys?: readonly string[];
}

/** What a root plus path reaches: an SDK instance, or an API that produces personal data. */
export interface HandleTarget {
  instance?: number;
  source?: ApiSourceData;
  /** The call that creates the instance sends its arguments (see EntryData.carriesData). */
  creation?: { profile: boolean; state?: boolean };
}

/** The rules/ data compiled into lookup tables for the one-pass engine. */
export interface Catalog {
  rulesDir: string;
  categories: CategoriesData;
  sinks: SinkData[];
  instances: InstanceInfo[];
  /** pathKey(root, path) → instance or source; roots are `m:<module>`, `g:<global>`, `h:<instance id>`. */
  handles: Map<string, HandleTarget>;
  /** pathKey of every path worth following: proper prefixes of handle, call and write paths. */
  prefixes: Set<string>;
  calls: Map<string, CallSpec>;
  writes: Map<string, WriteSpec>;
  /** Instance root (`h:<id>`) → the props of a React component instance that carry data. */
  jsx: Map<string, { instance: number; props: ReadonlySet<string>; profile: boolean }>;
  /** Exact module specifier → root. */
  modules: Map<string, string>;
  /** `@scope/` prefix → root, for `@scope/*` entries. */
  modulePrefixes: [string, string][];
  /** Page globals that lead somewhere (also reached through window., globalThis., self.). */
  globals: Set<string>;
  /** Distinctive method names (entry `method`) that lead somewhere from any receiver the engine does not know. */
  anchors: Set<string>;
  /** Service id → words for it (rules/services.json). */
  serviceLabels: Map<string, string>;
  /** Services whose personal data is inventory, not a finding (rules/services.json inventoryServices). */
  inventoryServices: Set<string>;
  /** Lower-case hostname of a vendor endpoint → its sink (rules/sinks/*.json `hosts`). */
  hosts: Map<string, SinkData>;
  /** Host → path patterns of `hosts` entries with a path (graph.facebook.com/**\/events), tried first. */
  hostRoutes: Map<string, { path: HostPathPattern; sink: SinkData }[]>;
  /** Sink id → the instance that stands for its HTTP API (calls through rules/http-clients.json, re-targeted clients). */
  hostInstances: Map<string, number>;
  /** pathKey of a generic HTTP client call (fetch, axios.post) → how to read it. */
  http: Map<string, HttpClientSpec>;
  /** pathKey of a call making an HTTP client instance (axios.create) → where its options give the base URL. */
  httpBases: Map<string, { options: number; baseKeys: readonly string[] }>;
  rules: RuleData[];
  ruleById: Map<string, RuleData>;
  /** Rules about the scan itself (mt/analysis-incomplete): reported by the CLI and the server, never matched at sinks. */
  toolRules: Map<string, ToolRuleData>;
  citations: Record<string, CitationData>;
  citationHost: string;
  /** Sentences shown wherever law is read (rules/montana/citations.json `notices`). */
  notices?: NoticesData;
  /** Whom each act binds, in one line (citations.json `acts`). */
  acts: Record<string, { binds: string }>;
  /** rules/privacy-documents.json: what the report drafts for the privacy lead (absent in an older rules folder). */
  documents?: PrivacyDocumentsData;
}

/** The `file` of problems in the team's own sinks (mt-pii.json "sinks"); their `path` starts `sinks[i]`. */
export const CONFIG_SINKS = 'mt-pii.json';

/** Where a problem of a sink is reported: its rules/ file and JSON path, or the configuration's `sinks[i]…`. */
type SinkWhere = (sink: SinkData, at: string) => { file: string; path: string };

/**
 * Problems of the team's own sinks (mt-pii.json "sinks", already valid against the schema) once compiled with
 * the built-in ones: a reused id, a host another sink lists, a path that cannot be read. Paths are JSON paths of
 * the configuration (`sinks[0].instances[1].from[0].path`).
 */
export function customSinkProblems(rulesDir: string, sinks: readonly SinkData[]): { path: string; message: string }[] {
  if (!sinks.length) return [];
  return loadCatalog(rulesDir, sinks).problems.filter((p) => p.file === CONFIG_SINKS).map((p) => ({ path: p.path, message: p.message }));
}

export interface LoadResult {
  catalog: Catalog;
  problems: CatalogProblem[];
}

/** The rules/ folder shipped beside the compiled code (out/server/src/catalog → repository root). */
export function defaultRulesDir(): string {
  return path.resolve(__dirname, '..', '..', '..', '..', 'rules');
}

const cache = new Map<string, LoadResult>();

/**
 * Loads, validates and compiles every data file of a rules folder. Invalid files are reported and left
 * out; the rest still load. Results are cached per folder. `checked`: the folder was validated already (by the
 * thread that started this one), so the schemas are not applied again.
 *
 * @example
 * const { catalog, problems } = loadCatalog();
 * catalog.rules.map((r) => r.id); // ['mt/breach-data-on-device', ...]
 */
export function loadCatalog(rulesDir = defaultRulesDir(), extraSinks: readonly SinkData[] = [], checked = false): LoadResult {
  const cacheKey = rulesDir + (extraSinks.length ? '\u0000' + JSON.stringify(extraSinks) : '');
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const problems: CatalogProblem[] = [];
  const schemas = new Map<string, Record<string, unknown>>();
  const schemaFor = (name: string): Record<string, unknown> | undefined => {
    if (!schemas.has(name)) {
      const file = path.join(rulesDir, 'schema', name);
      const parsed = readJson(file, problems);
      schemas.set(name, (parsed ?? undefined) as Record<string, unknown>);
    }
    return schemas.get(name);
  };
  const readValid = <T>(file: string, schemaName: string): T | undefined => {
    const data = readJson(file, problems);
    if (data === undefined || checked) return data as T | undefined; // validated already, by the thread that started this one
    const schema = schemaFor(schemaName);
    if (!schema) return undefined;
    const found = validate(schema, data);
    for (const p of found) problems.push({ file, path: p.path, message: p.message });
    return found.length ? undefined : (data as T);
  };

  const categoriesFile = path.join(rulesDir, 'categories.json');
  const categories = readValid<CategoriesData>(categoriesFile, 'categories.schema.json') ?? emptyCategories();

  const sinks: SinkData[] = [];
  const sinkDir = path.join(rulesDir, 'sinks');
  for (const name of listJson(sinkDir)) {
    const file = path.join(sinkDir, name);
    const sink = readValid<SinkData>(file, 'sink.schema.json');
    if (!sink) continue;
    if (sink.id !== name.replace(/\.json$/, '')) {
      problems.push({ file, path: 'id', message: `id '${sink.id}' must equal the file name '${name.replace(/\.json$/, '')}'` });
      continue;
    }
    if (sink.kind === 'third-party' && !sink.role) {
      problems.push({ file, path: 'role', message: "a third party needs 'role': 'processor' or 'own-purposes'" });
      continue;
    }
    sinks.push(sink);
  }
  // The team's own sinks (mt-pii.json "sinks"): their problems name the configuration's JSON path, never a rules/ file.
  const extra = new Map(extraSinks.map((s, i) => [s, i]));
  const where: SinkWhere = (sink, at) => extra.has(sink)
    ? { file: CONFIG_SINKS, path: `sinks[${extra.get(sink)}]${at ? `.${at}` : ''}` }
    : { file: path.join(sinkDir, sink.id + '.json'), path: at };
  const builtIn = new Set(sinks.map((s) => s.id));
  const ids = new Set(builtIn);
  for (const sink of extraSinks) {
    if (ids.has(sink.id)) {
      const whose = builtIn.has(sink.id) ? `the built-in sink for ${sinks.find((s) => s.id === sink.id)!.vendor}` : 'another sink of the configuration';
      problems.push({ ...where(sink, 'id'), message: `the id '${sink.id}' is already used by ${whose}; a custom sink needs an id of its own` });
      continue;
    }
    ids.add(sink.id);
    sinks.push(sink);
  }

  const servicesFile = path.join(rulesDir, 'services.json');
  const servicesData = readValid<ServicesData>(servicesFile, 'services.schema.json');
  const services = servicesData?.services ?? {};
  for (const id of servicesData?.inventoryServices ?? []) {
    if (!(id in services)) problems.push({ file: servicesFile, path: 'inventoryServices', message: `inventory service '${id}' has no label in services` });
  }
  for (const sink of sinks) {
    if (!Object.prototype.hasOwnProperty.call(services, sink.service)) {
      problems.push({ ...where(sink, 'service'), message: `service '${sink.service}' has no label in services.json` });
    }
  }

  const montanaDir = path.join(rulesDir, 'montana');
  const citationsFile = path.join(montanaDir, 'citations.json');
  const citationsData = readValid<CitationsData>(citationsFile, 'citations.schema.json');
  const citations = citationsData?.citations ?? {};
  const rules: RuleData[] = [];
  const toolRules = new Map<string, ToolRuleData>();
  for (const name of listJson(montanaDir)) {
    if (name === 'citations.json') continue;
    const file = path.join(montanaDir, name);
    if (isToolRule(file)) {
      const tool = readValid<ToolRuleData>(file, 'tool-rule.schema.json');
      if (tool && tool.id !== 'mt/' + name.replace(/\.json$/, '')) problems.push({ file, path: 'id', message: `id '${tool.id}' must be 'mt/${name.replace(/\.json$/, '')}'` });
      else if (tool) toolRules.set(tool.id, tool);
      continue;
    }
    const rule = readValid<RuleData>(file, 'rule.schema.json');
    if (!rule) continue;
    if (rule.id !== 'mt/' + name.replace(/\.json$/, '')) {
      problems.push({ file, path: 'id', message: `id '${rule.id}' must be 'mt/${name.replace(/\.json$/, '')}'` });
      continue;
    }
    const allCitations = [
      ...rule.citations, ...(rule.categoryCitations ?? []).flatMap((c) => c.citations),
      ...Object.values(rule.profiles ?? {}).flatMap((p) => [...p!.citations, ...(p!.categoryCitations ?? []).flatMap((c) => c.citations)]),
      ...Object.values(rule.roleVariants ?? {}).flatMap((v) => v!.citations ?? []),
    ];
    const missing = allCitations.filter((c) => !(c in citations));
    if (missing.length) {
      problems.push({ file, path: 'citations', message: `unknown citation(s) ${missing.join(', ')} (not in citations.json)` });
      continue;
    }
    const explainOnly = allCitations.filter((c) => citations[c].notCitedBecause);
    if (explainOnly.length) {
      problems.push({ file, path: 'citations', message: `${explainOnly.join(', ')} is only explained, never cited (citations.json notCitedBecause)` });
      continue;
    }
    const known = new Set(categories.categories.map((c) => c.id));
    const unknownCats = [
      ...rule.categories, ...(rule.requireAny ?? []), ...(rule.categoryCitations ?? []).flatMap((c) => c.categories),
      ...Object.values(rule.byServiceTier ?? {}).flatMap((t) => t!.categories),
      ...Object.values(rule.profiles ?? {}).flatMap((p) => (p!.categoryCitations ?? []).flatMap((c) => c.categories)),
      ...[...(rule.companions ?? []), ...Object.values(rule.profiles ?? {}).flatMap((p) => p!.companions ?? [])].flatMap((c) => [...c.categories, ...c.with]),
    ].filter((c) => !known.has(c));
    if (unknownCats.length) {
      problems.push({ file, path: 'categories', message: `unknown category id(s) ${unknownCats.join(', ')}` });
      continue;
    }
    rules.push(rule);
  }

  const httpFile = path.join(rulesDir, 'http-clients.json');
  const httpData = fs.existsSync(httpFile) ? readValid<HttpClientsData>(httpFile, 'http-clients.schema.json') : undefined;
  const catalog = compile(rulesDir, categories, sinks, rules, citations, citationsData?.host ?? '', problems, httpData?.clients ?? [], where, httpData?.instances);
  for (const [id, label] of Object.entries(services)) catalog.serviceLabels.set(id, label);
  for (const id of servicesData?.inventoryServices ?? []) catalog.inventoryServices.add(id);
  catalog.toolRules = toolRules;
  catalog.notices = citationsData?.notices;
  catalog.acts = citationsData?.acts ?? {};
  const documentsFile = path.join(rulesDir, 'privacy-documents.json');
  const documents = fs.existsSync(documentsFile) ? readValid<PrivacyDocumentsData>(documentsFile, 'privacy-documents.schema.json') : undefined;
  const unknownDocCitations = documents ? [documents.notice.citation, documents.assessments.citation].filter((c) => !(c in citations)) : [];
  if (unknownDocCitations.length) problems.push({ file: documentsFile, path: 'citation', message: `unknown citation(s) ${unknownDocCitations.join(', ')} (not in citations.json)` });
  else if (documents) catalog.documents = documents;
  const result = { catalog, problems };
  cache.set(cacheKey, result);
  return result;
}

function compile(
  rulesDir: string,
  categories: CategoriesData,
  sinks: SinkData[],
  rules: RuleData[],
  citations: Record<string, CitationData>,
  citationHost: string,
  problems: CatalogProblem[],
  httpClients: HttpClientsData['clients'] = [],
  where: SinkWhere = (sink, at) => ({ file: path.join(rulesDir, 'sinks', sink.id + '.json'), path: at }),
  httpInstances: NonNullable<HttpClientsData['instances']> = [],
): Catalog {
  const catalog: Catalog = {
    rulesDir, categories, sinks, instances: [], handles: new Map(), prefixes: new Set(), calls: new Map(),
    writes: new Map(), jsx: new Map(), modules: new Map(), modulePrefixes: [], globals: new Set(), anchors: new Set(),
    serviceLabels: new Map(), inventoryServices: new Set(), hosts: new Map(), hostRoutes: new Map(), hostInstances: new Map(), http: new Map(), httpBases: new Map(), rules,
    ruleById: new Map(rules.map((r) => [r.id, r])), toolRules: new Map(), citations, citationHost, acts: {},
  };
  const addPrefixes = (root: string, segments: readonly string[]) => {
    for (let i = 0; i < segments.length; i++) catalog.prefixes.add(pathKey(root, segments.slice(0, i)));
  };
  const rootOf = (entry: EntryData): string | undefined => {
    if (entry.global) {
      catalog.globals.add(entry.global);
      return 'g:' + entry.global;
    }
    if (entry.method) {
      catalog.anchors.add(entry.method);
      return 'a:' + entry.method;
    }
    if (entry.module) {
      const root = 'm:' + entry.module;
      if (entry.module.endsWith('/*')) {
        const prefix = entry.module.slice(0, -1);
        if (!catalog.modulePrefixes.some(([p]) => p === prefix)) catalog.modulePrefixes.push([prefix, root]);
      } else {
        catalog.modules.set(entry.module, root);
      }
      return root;
    }
    return undefined;
  };
  const entries: { root: string; segments: string[]; target: HandleTarget }[] = [];
  const addHandle = (at: (p: string) => { file: string; path: string }, entry: EntryData, target: HandleTarget) => {
    const root = rootOf(entry);
    if (!root) {
      problems.push({ ...at(''), message: "an entry needs 'module', 'global' or 'method'" });
      return;
    }
    let segments: string[];
    try {
      segments = parsePath(entry.path);
    } catch (e) {
      problems.push({ ...at('path'), message: (e as Error).message });
      return;
    }
    catalog.handles.set(pathKey(root, segments), target);
    addPrefixes(root, segments);
    entries.push({ root, segments, target });
  };

  // Sinks standing for the unknown host of a re-targeted client (openai-compatible) need no instances or hosts.
  const unknownHosts = new Set(sinks.flatMap((s) => s.instances.flatMap((i) => (i.baseUrl ? [i.baseUrl.unknown] : []))));
  sinks.forEach((sink) => {
    const at = (p: string) => where(sink, p);
    if (!sink.instances.length && !sink.hosts?.length && !unknownHosts.has(sink.id)) problems.push({ ...at('instances'), message: 'a sink needs instances or hosts' });
    (sink.hosts ?? []).forEach((host, hi) => {
      const slash = host.indexOf('/');
      if (slash > 0) {
        // api.example.com/**/events: the host, and a pattern its path must match (* one segment, ** any).
        const h = host.slice(0, slash).toLowerCase();
        catalog.hostRoutes.set(h, [...(catalog.hostRoutes.get(h) ?? []), { path: new HostPathPattern(host.slice(slash)), sink }]);
        return;
      }
      const key = host.toLowerCase();
      const other = catalog.hosts.get(key);
      if (other && other !== sink) problems.push({ ...at(`hosts[${hi}]`), message: `host ${host} is also listed by ${other.id}` });
      else catalog.hosts.set(key, sink);
    });
    sink.instances.forEach((inst, ii) => {
      const id = catalog.instances.length;
      catalog.instances.push({ id, sink, label: inst.label, ...(inst.baseUrl ? { baseUrl: inst.baseUrl } : {}), ...(inst.ignoreKeys?.length ? { ignoreKeys: inst.ignoreKeys } : {}) });
      if (inst.baseUrl && !sinks.some((s) => s.id === inst.baseUrl!.unknown)) problems.push({ ...at(`instances[${ii}].baseUrl.unknown`), message: `no sink ${inst.baseUrl.unknown}` });
      const root = 'h:' + id;
      inst.from.forEach((entry, ei) => addHandle((p) => at(`instances[${ii}].from[${ei}]${p ? `.${p}` : ''}`), entry,
        entry.carriesData ? { instance: id, creation: { profile: !!entry.profile, ...(entry.state ? { state: true } : {}) } } : { instance: id }));
      (inst.calls ?? []).forEach((call, ci) => {
        let segments: string[];
        try {
          segments = parseMethod(call.method);
        } catch (e) {
          problems.push({ ...at(`instances[${ii}].calls[${ci}].method`), message: (e as Error).message });
          return;
        }
        catalog.calls.set(pathKey(root, segments), {
          instance: id, method: call.method, args: call.args, keyArg: call.keyArg, command: call.command,
          profile: call.profile ?? false, returnsInstance: call.returnsInstance, keyFromMethod: call.keyFromMethod,
          ...(call.fires ? { fires: call.fires } : {}), contentKeys: call.contentKeys, modelKey: call.modelKey,
        });
        addPrefixes(root, segments);
        catalog.prefixes.add(pathKey(root, segments));
      });
      if (inst.jsx) catalog.jsx.set(root, { instance: id, props: new Set(inst.jsx.props), profile: !!inst.jsx.profile });
      for (const write of inst.writes ?? []) {
        const segments = write.property === '$' ? [] : [write.property];
        catalog.writes.set(pathKey(root, segments), {
          instance: id, property: write.property, keyFromProperty: !!write.keyFromProperty,
          cookieString: !!write.cookieString, profile: !!write.profile,
        });
        catalog.prefixes.add(root);
      }
    });
  });
  const catFile = path.join(rulesDir, 'categories.json');
  categories.apiSources.forEach((source, i) => addHandle((p) => ({ file: catFile, path: `apiSources[${i}]${p ? `.${p}` : ''}` }), source, { source }));
  // Vendor HTTP APIs: one instance per sink that lists hosts, reached through the generic clients.
  for (const sink of sinks) {
    if (!sink.hosts?.length && !unknownHosts.has(sink.id)) continue;
    const id = catalog.instances.length;
    catalog.instances.push({ id, sink, label: `${sink.vendor} HTTP API` });
    catalog.hostInstances.set(sink.id, id);
  }
  const httpFile = path.join(rulesDir, 'http-clients.json');
  const httpEntry = (where: string, entry: EntryData): string | undefined => {
    const root = rootOf(entry);
    if (!root) {
      problems.push({ file: httpFile, path: where, message: "an entry needs 'module' or 'global'" });
      return undefined;
    }
    let segments: string[];
    try {
      segments = parsePath(entry.path);
    } catch (e) {
      problems.push({ file: httpFile, path: `${where}.path`, message: (e as Error).message });
      return undefined;
    }
    addPrefixes(root, segments);
    catalog.prefixes.add(pathKey(root, segments));
    return pathKey(root, segments);
  };
  httpClients.forEach((client, ci) => client.from.forEach((entry, ei) => {
    const key = httpEntry(`clients[${ci}].from[${ei}]`, entry);
    if (key) catalog.http.set(key, { label: client.label, url: client.url, urlKey: client.urlKey, data: client.data });
  }));
  httpInstances.forEach((maker, mi) => maker.from.forEach((entry, ei) => {
    const key = httpEntry(`instances[${mi}].from[${ei}]`, entry);
    if (key) catalog.httpBases.set(key, { options: maker.options, baseKeys: maker.baseKeys });
  }));
  // An instance reached by a shorter path leads on to the longer ones: mixpanel → mixpanel.init(),
  // Sentry → Sentry.withScope(cb), once the shorter path has been re-rooted at the instance.
  for (const a of entries) {
    if (a.target.instance === undefined) continue;
    for (const b of entries) {
      if (b === a || b.root !== a.root || b.segments.length <= a.segments.length) continue;
      if (!a.segments.every((s, i) => b.segments[i] === s)) continue;
      const rel = b.segments.slice(a.segments.length);
      const root = 'h:' + a.target.instance;
      if (!catalog.handles.has(pathKey(root, rel))) catalog.handles.set(pathKey(root, rel), b.target);
      addPrefixes(root, rel);
    }
  }
  return catalog;
}

/** The tier of a sink's service: 'inventory' for the services.json inventoryServices, else 'finding'. */
export function serviceTierOf(catalog: Catalog, sink: SinkData): Tier {
  return catalog.inventoryServices.has(sink.service) ? 'inventory' : 'finding';
}

/** Words for what a sink's vendor does ('customer-support chat'): its own serviceLabel, else its service's. */
export function serviceLabelOf(catalog: Catalog, sink: SinkData): string {
  return sink.serviceLabel ?? catalog.serviceLabels.get(sink.service) ?? sink.service;
}

/** A rules/montana file that declares the tool-rule schema (a rule about the scan itself). */
function isToolRule(file: string): boolean {
  try {
    return /"\$schema"\s*:\s*"[^"]*tool-rule\.schema\.json"/.test(fs.readFileSync(file, 'utf8').slice(0, 400));
  } catch {
    return false;
  }
}

function listJson(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

function readJson(file: string, problems: CatalogProblem[]): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    problems.push({ file, path: '', message: `invalid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

function emptyCategories(): CategoriesData {
  return {
    categories: [],
    guards: { words: [], prefixes: [], flagPrefixes: [], receiverWords: [], uiWords: [], valueAccessors: [] },
    personObjects: { words: [] },
    getterVerbs: { verbs: [], nouns: [] },
    stringKeyReaders: { methods: [] },
    propagators: { receiverMethods: [], functions: [], calleeWords: [], maskChars: '' },
    sanitizers: { words: [] },
    apiSources: [],
  };
}

