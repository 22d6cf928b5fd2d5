/**
 * What a change does to the data map (`mt-pii report --compare earlier.json`): new destinations, new
 * personal data at existing ones, and what is no longer seen, as Markdown fit for a pull-request comment.
 * The earlier map is a `report --format json` file (or a `scan --format json` one).
 */
import { DATA_MAP_FORMAT, DataMap } from './model';
import { kindName } from './markdown';

/** A destination and the categories reaching it, as both sides of a comparison see it. */
export interface MapEntry {
  key: string;
  vendor: string;
  kind: string;
  categories: Map<string, { label: string; tier?: string }>;
}

export interface MapDiff {
  added: MapEntry[];
  /** Existing destinations with categories they did not receive before. */
  widened: { entry: MapEntry; categories: string[] }[];
  removed: MapEntry[];
  /** Existing destinations that no longer receive some categories. */
  narrowed: { entry: MapEntry; categories: string[] }[];
}

/** Marker that lets a workflow find and update its own comment. */
export const COMPARE_MARKER = '<!-- mt-pii:data-map-diff -->';

/**
 * Reads an earlier map: a data map (`report --format json`) or a scan (`scan --format json`, whose
 * findings give destinations and categories). Throws an Error saying what is wrong otherwise.
 */
export function entriesOf(json: unknown, isDerivedRule: (ruleId: string) => boolean = () => false): MapEntry[] {
  if (!json || typeof json !== 'object') throw new Error('expected a JSON object from `mt-pii report --format json`');
  const o = json as Record<string, unknown>;
  const out = new Map<string, MapEntry>();
  const entry = (kind: string, vendor: string) => {
    const key = `${kind}:${vendor}`;
    let e = out.get(key);
    if (!e) out.set(key, (e = { key, vendor, kind, categories: new Map() }));
    return e;
  };
  if (o.format === DATA_MAP_FORMAT) {
    if (!Array.isArray(o.destinations)) throw new Error('a data map without "destinations"');
    for (const d of o.destinations as unknown[]) {
      const x = d as { vendor?: unknown; kind?: unknown; categories?: unknown };
      if (typeof x.vendor !== 'string' || typeof x.kind !== 'string' || !Array.isArray(x.categories)) throw new Error('a destination without vendor, kind or categories');
      const e = entry(x.kind, x.vendor);
      for (const c of x.categories as { id?: unknown; label?: unknown; tier?: unknown }[]) {
        if (typeof c?.id === 'string') e.categories.set(c.id, { label: typeof c.label === 'string' ? c.label : c.id, ...(typeof c.tier === 'string' ? { tier: c.tier } : {}) });
      }
    }
    return [...out.values()];
  }
  if (Array.isArray(o.findings)) {
    for (const f of o.findings as { ruleId?: unknown; sink?: { kind?: unknown; vendor?: unknown } | null; categories?: unknown }[]) {
      if (!f?.sink || typeof f.sink.kind !== 'string' || typeof f.sink.vendor !== 'string') continue;
      if (typeof f.ruleId === 'string' && isDerivedRule(f.ruleId)) continue;
      const e = entry(f.sink.kind, f.sink.vendor);
      for (const c of Array.isArray(f.categories) ? f.categories : []) if (typeof c === 'string' && !e.categories.has(c)) e.categories.set(c, { label: c });
    }
    return [...out.values()];
  }
  throw new Error(`not a data map (no "format": "${DATA_MAP_FORMAT}") and not a scan (no "findings")`);
}

export function entriesOfMap(map: DataMap): MapEntry[] {
  return map.destinations.map((d) => ({
    key: d.key, vendor: d.vendor, kind: d.kind, categories: new Map(d.categories.map((c) => [c.id, { label: c.label, tier: c.tier }])),
  }));
}

export function diffMaps(before: readonly MapEntry[], after: readonly MapEntry[]): MapDiff {
  const was = new Map(before.map((e) => [e.key, e]));
  const now = new Map(after.map((e) => [e.key, e]));
  const diff: MapDiff = { added: [], widened: [], removed: [], narrowed: [] };
  for (const e of after) {
    const old = was.get(e.key);
    if (!old) diff.added.push(e);
    else {
      const more = [...e.categories.keys()].filter((c) => !old.categories.has(c));
      if (more.length) diff.widened.push({ entry: e, categories: more });
      const less = [...old.categories.keys()].filter((c) => !e.categories.has(c));
      if (less.length) diff.narrowed.push({ entry: old, categories: less });
    }
  }
  for (const e of before) if (!now.has(e.key)) diff.removed.push(e);
  return diff;
}

/** The comparison as Markdown for a pull-request comment. */
export function renderCompare(diff: MapDiff, after: DataMap, earlierName: string): string {
  const out = [COMPARE_MARKER, '### Montana PII Guard: personal data map changes', ''];
  const label = (e: MapEntry, id: string) => {
    const c = e.categories.get(id);
    return `${c?.label ?? id}${c?.tier ? ` (${c.tier})` : ''}`;
  };
  const cell = (t: string) => t.replace(/\|/g, '\\|');
  const changed = diff.added.length + diff.widened.length + diff.removed.length + diff.narrowed.length;
  if (!changed) out.push(`No change in where personal data goes (${after.destinations.length} destination(s), compared with ${cell(earlierName)}).`, '');
  else out.push(`Compared with ${cell(earlierName)}: ${after.destinations.length} destination(s) now receive personal data.`, '');
  if (diff.added.length) {
    out.push('**New destinations**', '', '| Destination | Kind | Personal data |', '|---|---|---|');
    for (const e of diff.added) out.push(`| ${cell(e.vendor)} | ${kindName(e.kind)} | ${cell([...e.categories.keys()].map((id) => label(e, id)).join(', ') || '(no category named)')} |`);
    out.push('');
  }
  if (diff.widened.length) {
    out.push('**New personal data sent to existing destinations**', '', '| Destination | Kind | New personal data |', '|---|---|---|');
    for (const w of diff.widened) out.push(`| ${cell(w.entry.vendor)} | ${kindName(w.entry.kind)} | ${cell(w.categories.map((id) => label(w.entry, id)).join(', '))} |`);
    out.push('');
  }
  if (diff.removed.length || diff.narrowed.length) {
    out.push('**No longer seen**', '', '| Destination | Kind | Personal data no longer seen |', '|---|---|---|');
    for (const e of diff.removed) out.push(`| ${cell(e.vendor)} | ${kindName(e.kind)} | all: ${cell([...e.categories.keys()].map((id) => label(e, id)).join(', '))} |`);
    for (const n of diff.narrowed) out.push(`| ${cell(n.entry.vendor)} | ${kindName(n.entry.kind)} | ${cell(n.categories.map((id) => label(n.entry, id)).join(', '))} |`);
    out.push('');
  }
  const gaps = after.destinations.filter((d) => d.undisclosed && (d.undisclosed.vendor || d.undisclosed.categories.length));
  if (gaps.length) {
    out.push(`**Not in the recorded disclosure** (${cell(after.disclosure?.file ?? 'mt-pii.json')}): `
      + gaps.map((g) => `${cell(g.vendor)}${g.undisclosed!.vendor ? ' (vendor)' : ''}${g.undisclosed!.categories.length ? `: ${g.undisclosed!.categories.map((id) => g.categories.find((c) => c.id === id)?.label ?? id).join(', ')}` : ''}`).join('; '), '');
  }
  out.push(`_Generated by mt-pii ${after.tool.version} from the code alone (name and flow analysis); review before updating the privacy notice. Not legal advice._`, '');
  return out.join('\n');
}
