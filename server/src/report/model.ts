/**
 * The data map as data: every destination (vendor, device storage, logs) with the personal data that
 * reaches it, its tier, code sites and citations; safe stores, SDKs present without personal data, the
 * disclosure comparison and the drafts. Built once from a scan; every report format renders this.
 */
import type { Catalog } from '../catalog/load';
import type { Severity, SinkKind } from '../catalog/types';
import { undisclosedOf } from '../analysis/disclosure';
import { ReportFinding, SINK_DETAIL, SinkDetail } from '../cli/formats/report';
import type { DeclaredSdk } from './sdks';
import { Tier, strongerTier, tierOf } from './tier';
import { DraftDocuments, draftDocuments } from './drafts';

export const DATA_MAP_FORMAT = 'mt-pii-data-map';

export interface CategoryRef {
  id: string;
  label: string;
}

/** One place in the code where personal data reaches a destination. */
export interface DataMapSite {
  file: string;
  line: number;
  column: number;
  api: string;
  categories: string[];
  tier: Tier;
  ruleIds: string[];
  severity: Severity;
  /** Hidden in the editor by an mt-pii-ignore directive; still a flow, so still on the map. */
  suppressed?: boolean;
}

export interface CitationRef {
  id: string;
  title: string;
  url: string;
  binds: string;
}

export interface DataMapDestination {
  /** Stable id for comparisons: '<kind>:<vendor>'. */
  key: string;
  vendor: string;
  kind: SinkKind;
  /** Catalog sink id, service id and words for the service ('customer-support chat'). */
  sinkId?: string;
  service?: string;
  serviceLabel?: string;
  /** Third parties: 'processor' (acts for you) or 'own-purposes' (also uses the data itself). */
  role?: string;
  /** Processor contracts named in mt-pii.json approvedVendors. */
  approvals: string[];
  categories: (CategoryRef & { tier: Tier })[];
  sites: DataMapSite[];
  citations: CitationRef[];
  /** Against the recorded disclosure, when there is one. */
  undisclosed?: { vendor: boolean; categories: string[] };
}

/** Personal data written to an encrypted store (a `safe` sink): not a finding, listed so the map is complete. */
export interface SafeStore {
  vendor: string;
  categories: CategoryRef[];
  sites: { file: string; line: number; api: string; categories: string[] }[];
}

/** An SDK declared in package.json that no personal data was seen reaching. */
export interface PresentSdk {
  package: string;
  vendors: string[];
  services: string[];
  declaredIn: string[];
  dev: boolean;
}

export interface DataMap {
  format: typeof DATA_MAP_FORMAT;
  version: 1;
  tool: { name: 'mt-pii'; version: string };
  notice: string;
  summary: { files: number; destinations: number; categories: number; sites: number; presentSdks: number; undisclosed: number };
  /** Every category that reaches a destination or a safe store, most widespread first. */
  categories: CategoryRef[];
  destinations: DataMapDestination[];
  safe: SafeStore[];
  presentSdks: PresentSdk[];
  disclosure?: { file: string; vendors?: string[]; categories?: string[] };
  drafts?: DraftDocuments;
}

export interface SafeInput {
  file: string;
  line: number;
  sink: { vendor: string; api: string };
  categories: string[];
}

export interface DataMapInput {
  tool: { name: 'mt-pii'; version: string };
  files: number;
  findings: readonly ReportFinding[];
  /** Findings hidden by suppression directives: flows all the same. */
  suppressed?: readonly ReportFinding[];
  safe: readonly SafeInput[];
  declared: readonly DeclaredSdk[];
  /** Shows a path as the report prints it (relative to the working directory). */
  display: (file: string) => string;
  catalog: Pick<Catalog, 'rules' | 'ruleById' | 'citations' | 'documents' | 'serviceLabels'>;
  labels: ReadonlyMap<string, string>;
  disclosure?: { file: string; vendors?: string[]; categories?: string[] };
}

export const NOT_LEGAL_ADVICE = 'Draft for review by the privacy lead: found by name and flow analysis of the code, which cannot see '
  + 'everything (server-side databases, other systems, contracts). Not legal advice.';

const KIND_ORDER: Record<string, number> = { 'third-party': 0, storage: 1, logging: 2 };

/**
 * Builds the data map. Findings of derived rules (disclosure drift) are not destinations: the disclosure
 * comparison is made here from the destinations themselves.
 */
export function buildDataMap(input: DataMapInput): DataMap {
  const { catalog, labels } = input;
  const label = (id: string) => labels.get(id) ?? id;
  const dests = new Map<string, DataMapDestination & { catTiers: Map<string, Tier>; siteByPlace: Map<string, DataMapSite> }>();
  const flows = [
    ...input.findings.map((f) => ({ f, suppressed: false })),
    ...(input.suppressed ?? []).map((f) => ({ f, suppressed: true })),
  ];
  for (const { f, suppressed } of flows) {
    if (!f.sink || catalog.ruleById.get(f.ruleId)?.derived) continue;
    const detail = (f as unknown as Record<symbol, SinkDetail | undefined>)[SINK_DETAIL];
    const key = `${f.sink.kind}:${f.sink.vendor}`;
    let d = dests.get(key);
    if (!d) {
      d = {
        key, vendor: f.sink.vendor, kind: f.sink.kind as SinkKind, sinkId: detail?.id, service: detail?.service, serviceLabel: detail?.serviceLabel,
        role: detail?.role, approvals: [], categories: [], sites: [], citations: [], catTiers: new Map(), siteByPlace: new Map(),
      };
      dests.set(key, d);
    }
    const tier = tierOf(f.ruleId, catalog.ruleById);
    if (detail?.approval && !d.approvals.includes(detail.approval)) d.approvals.push(detail.approval);
    for (const c of f.categories) d.catTiers.set(c, strongerTier(d.catTiers.get(c), tier));
    const place = `${f.file}:${f.line}:${f.sink.api}`;
    let site = d.siteByPlace.get(place);
    if (!site) {
      site = { file: f.file, line: f.line, column: f.column, api: f.sink.api, categories: [], tier, ruleIds: [], severity: f.severity, ...(suppressed ? { suppressed } : {}) };
      d.siteByPlace.set(place, site);
      d.sites.push(site);
    }
    site.tier = strongerTier(site.tier, tier);
    if (!suppressed) delete site.suppressed;
    if (!site.ruleIds.includes(f.ruleId)) site.ruleIds.push(f.ruleId);
    for (const c of f.categories) if (!site.categories.includes(c)) site.categories.push(c);
    for (const id of f.citations) {
      const c = catalog.citations[id];
      if (c && !d.citations.some((x) => x.id === id)) d.citations.push({ id, title: c.title, url: c.url, binds: c.binds });
    }
  }
  const destinations: DataMapDestination[] = [...dests.values()].map(({ catTiers, siteByPlace: _places, ...d }) => {
    d.categories = [...catTiers].map(([id, tier]) => ({ id, label: label(id), tier })).sort((a, b) => a.label.localeCompare(b.label));
    d.sites.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    for (const s of d.sites) s.categories.sort();
    d.citations.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    if (input.disclosure) d.undisclosed = undisclosedOf({ sink: { kind: d.kind, id: d.sinkId ?? '', vendor: d.vendor }, categories: d.categories.map((c) => c.id) }, input.disclosure);
    return d;
  }).sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || b.sites.length - a.sites.length || a.vendor.localeCompare(b.vendor));

  const safe = safeStores(input.safe, label);
  const seenVendors = new Set([...destinations.map((d) => d.vendor), ...safe.map((s) => s.vendor)]);
  const presentSdks: PresentSdk[] = input.declared
    .filter((d) => !d.sinks.some((s) => seenVendors.has(s.vendor)))
    .map((d) => ({
      package: d.package,
      vendors: [...new Set(d.sinks.map((s) => s.vendor))],
      services: [...new Set(d.sinks.map((s) => s.serviceLabel ?? catalog.serviceLabels.get(s.service) ?? s.service))],
      declaredIn: d.declaredIn.map(input.display),
      dev: d.dev,
    }));

  const spread = new Map<string, number>();
  for (const d of destinations) for (const c of d.categories) spread.set(c.id, (spread.get(c.id) ?? 0) + 1);
  for (const s of safe) for (const c of s.categories) if (!spread.has(c.id)) spread.set(c.id, 0);
  const categories = [...spread].sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0]))).map(([id]) => ({ id, label: label(id) }));
  const undisclosed = destinations.filter((d) => d.undisclosed && (d.undisclosed.vendor || d.undisclosed.categories.length)).length;
  const map: DataMap = {
    format: DATA_MAP_FORMAT,
    version: 1,
    tool: input.tool,
    notice: NOT_LEGAL_ADVICE,
    summary: {
      files: input.files, destinations: destinations.length, categories: categories.length,
      sites: destinations.reduce((n, d) => n + d.sites.length, 0), presentSdks: presentSdks.length, undisclosed,
    },
    categories,
    destinations,
    safe,
    presentSdks,
    ...(input.disclosure ? { disclosure: input.disclosure } : {}),
  };
  if (catalog.documents) map.drafts = draftDocuments(map, catalog.documents, catalog.citations);
  return map;
}

function safeStores(entries: readonly SafeInput[], label: (id: string) => string): SafeStore[] {
  const byVendor = new Map<string, SafeStore>();
  for (const e of entries) {
    let s = byVendor.get(e.sink.vendor);
    if (!s) byVendor.set(e.sink.vendor, (s = { vendor: e.sink.vendor, categories: [], sites: [] }));
    for (const c of e.categories) if (!s.categories.some((x) => x.id === c)) s.categories.push({ id: c, label: label(c) });
    s.sites.push({ file: e.file, line: e.line, api: e.sink.api, categories: [...e.categories].sort() });
  }
  for (const s of byVendor.values()) {
    s.categories.sort((a, b) => a.label.localeCompare(b.label));
    s.sites.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  }
  return [...byVendor.values()].sort((a, b) => a.vendor.localeCompare(b.vendor));
}
