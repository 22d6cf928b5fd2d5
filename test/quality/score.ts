/**
 * Measured quality: scores the engine against the labelled corpus in test/quality/corpus/.
 *
 * The corpus is scanned exactly as `mt-pii scan <corpus>` would scan it (same file walk, same test-file
 * skipping, imports followed across its files), and every finding is matched against labels written on
 * the line before the code they describe (the fixture convention, plus a sink id and a `quiet` form):
 *
 *   // expect: mt/<rule> <cat>,<cat> [@severity] [<sink-id>] optional note
 *   // quiet [<sink-id>] why this look-alike must stay quiet
 *
 * (`{/* ... *\/}` in JSX, `/* ... *\/` anywhere). A label applies to the next line that is not itself a
 * label; several may stack. `<sink-id>` is a file name of rules/sinks/ without `.json`: it gives the
 * site's sink kind and service even when the engine finds nothing there.
 *
 * Scoring, per (file, line, rule):
 *   TP  a finding where an `expect:` label names that rule
 *   FN  an `expect:` label with no finding of its rule on its line
 *   FP  any other finding (on a `quiet` line: a look-alike flagged; elsewhere: an unlabelled finding)
 *   TN  a `quiet` line with no finding
 * Categories of true positives are compared separately (category precision/recall), so a site found
 * with the wrong categories still shows up.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scan, parseScanArgs } from '../../server/src/cli/main';
import { loadCatalog } from '../../server/src/catalog/load';
import { isTestPath, listFiles } from '../../server/src/project/files';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CORPUS = path.join(ROOT, 'test', 'quality', 'corpus');
export const TARGETS = { precision: 0.95, recall: 0.9 };

export interface Label {
  file: string;
  line: number;
  kind: 'expect' | 'quiet';
  rule?: string;
  categories: string[];
  sink: string;
  note: string;
}

export interface SiteResult {
  file: string;
  line: number;
  outcome: 'TP' | 'FP' | 'FN' | 'TN';
  rule?: string;
  sink: string;
  sinkKind: string;
  service: string;
  expected: string[];
  found: string[];
  /** The source line, trimmed. */
  code: string;
  note: string;
  /** For FP: whether the line carries a `quiet` label (a look-alike) or no label at all. */
  labelled?: boolean;
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface QualityReport {
  files: number;
  sites: number;
  positives: number;
  lookalikes: number;
  results: SiteResult[];
  overall: Tally;
  byKind: Map<string, Tally>;
  byService: Map<string, Tally>;
  categories: { tp: number; fp: number; fn: number };
  problems: string[];
}

const LABEL = /^\s*(?:\/\/|\{?\/\*)\s*(expect:|quiet\b)(.*?)(?:\*\/\}?)?\s*$/;

/** Parses the labels of one corpus file. */
export function parseLabels(file: string, text: string, knownSinks: ReadonlySet<string>, knownRules: ReadonlySet<string>, knownCats: ReadonlySet<string>): { labels: Label[]; problems: string[] } {
  const labels: Label[] = [];
  const problems: string[] = [];
  const pending: Omit<Label, 'line'>[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = LABEL.exec(raw);
    if (m) {
      const rest = m[2].trim();
      const sinkMatch = /\[([a-z0-9-]+)\]/.exec(rest);
      const where = `${file}:${i + 1}`;
      if (!sinkMatch) problems.push(`${where}: label without a [sink-id]`);
      const sink = sinkMatch?.[1] ?? '?';
      if (sinkMatch && !knownSinks.has(sink)) problems.push(`${where}: unknown sink '${sink}'`);
      const note = rest.slice(sinkMatch ? rest.indexOf(sinkMatch[0]) + sinkMatch[0].length : 0).trim();
      if (m[1] === 'expect:') {
        const e = /^(\S+)(?:\s+([\w,-]+))?/.exec(rest); // a rule about the call itself (a pixel firing) names no category
        if (!e) {
          problems.push(`${where}: cannot read the expect: label`);
          return;
        }
        if (!knownRules.has(e[1])) problems.push(`${where}: unknown rule '${e[1]}'`);
        const cats = (e[2] ?? '').split(',').filter(Boolean).sort();
        for (const c of cats) if (!knownCats.has(c)) problems.push(`${where}: unknown category '${c}'`);
        pending.push({ file, kind: 'expect', rule: e[1], categories: cats, sink, note });
      } else {
        pending.push({ file, kind: 'quiet', categories: [], sink, note });
      }
      return;
    }
    for (const p of pending) labels.push({ ...p, line: i + 1 });
    pending.length = 0;
  });
  if (pending.length) problems.push(`${file}: a label at the end of the file applies to no line`);
  return { labels, problems };
}

function tally(): Tally {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

export function precision(t: Tally): number {
  return t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
}

export function recall(t: Tally): number {
  return t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
}

/** Scans the corpus as the CLI does and scores every finding against the labels. */
export async function scoreCorpus(corpus = CORPUS): Promise<QualityReport> {
  const { catalog, problems: catalogProblems } = loadCatalog();
  const problems = catalogProblems.map((p) => `rules: ${p.file}: ${p.message}`);
  const sinkById = new Map(catalog.sinks.map((s) => [s.id, s]));
  const sinkByVendor = new Map<string, (typeof catalog.sinks)[number]>();
  for (const s of catalog.sinks) if (!sinkByVendor.has(s.vendor)) sinkByVendor.set(s.vendor, s);
  const knownRules = new Set(catalog.rules.map((r) => r.id));
  const knownCats = new Set(catalog.categories.categories.map((c) => c.id));

  // The files the CLI would analyse, with their labels.
  const listing = listFiles([corpus]);
  const labels: Label[] = [];
  const texts = new Map<string, string[]>();
  for (const f of listing.files) {
    const rel = path.relative(corpus, f).split(path.sep).join('/');
    const text = fs.readFileSync(f, 'utf8');
    texts.set(rel, text.split('\n'));
    const parsed = parseLabels(rel, text, new Set(sinkById.keys()), knownRules, knownCats);
    if (isTestPath(rel)) {
      // Test and story code is skipped by the scanner: its look-alikes count, positives cannot be labelled there.
      if (parsed.labels.some((l) => l.kind === 'expect')) problems.push(`${rel}: test/story files are not scanned; they may only hold quiet labels`);
    }
    labels.push(...parsed.labels);
    problems.push(...parsed.problems);
  }

  const outcome = await scan({ ...parseScanArgs([corpus]), format: 'json', failOn: 'never' }, corpus);
  // Report paths are relative to the project root (this repository); labels are keyed relative to the corpus.
  const findings = outcome.report.findings.filter((f) => f.sink).map((f) => ({ ...f, file: path.relative(corpus, path.join(outcome.root, f.file)).split(path.sep).join('/') }));

  const key = (file: string, line: number, rule: string) => `${file}\u0000${line}\u0000${rule}`;
  const found = new Map<string, (typeof findings)[number][]>();
  for (const f of findings) {
    const k = key(f.file, f.line, f.ruleId);
    found.set(k, [...(found.get(k) ?? []), f]);
  }
  const labelAt = new Map<string, Label[]>();
  for (const l of labels) {
    const k = `${l.file}\u0000${l.line}`;
    labelAt.set(k, [...(labelAt.get(k) ?? []), l]);
  }

  const results: SiteResult[] = [];
  const codeOf = (file: string, line: number) => (texts.get(file)?.[line - 1] ?? '').trim();
  const meta = (sinkId: string) => {
    const s = sinkById.get(sinkId);
    return { sinkKind: s?.kind ?? '?', service: s?.service ?? '?' };
  };
  const matched = new Set<string>();
  for (const l of labels) {
    if (l.kind === 'quiet') {
      const any = findings.filter((f) => f.file === l.file && f.line === l.line);
      if (!any.length) results.push({ file: l.file, line: l.line, outcome: 'TN', sink: l.sink, ...meta(l.sink), expected: [], found: [], code: codeOf(l.file, l.line), note: l.note });
      continue;
    }
    const k = key(l.file, l.line, l.rule!);
    const hits = found.get(k);
    if (hits) {
      matched.add(k);
      const cats = [...new Set(hits.flatMap((h) => h.categories))].sort();
      results.push({ file: l.file, line: l.line, outcome: 'TP', rule: l.rule, sink: l.sink, ...meta(l.sink), expected: l.categories, found: cats, code: codeOf(l.file, l.line), note: l.note });
    } else {
      results.push({ file: l.file, line: l.line, outcome: 'FN', rule: l.rule, sink: l.sink, ...meta(l.sink), expected: l.categories, found: [], code: codeOf(l.file, l.line), note: l.note });
    }
  }
  for (const [k, hits] of found) {
    if (matched.has(k)) continue;
    const f = hits[0];
    const here = labelAt.get(`${f.file}\u0000${f.line}`) ?? [];
    const quiet = here.find((l) => l.kind === 'quiet');
    const sinkId = quiet?.sink ?? here[0]?.sink ?? sinkByVendor.get(f.sink!.vendor)?.id ?? '?';
    const m = sinkById.has(sinkId) ? meta(sinkId) : { sinkKind: f.sink!.kind, service: '?' };
    results.push({
      file: f.file, line: f.line, outcome: 'FP', rule: f.ruleId, sink: sinkId, ...m, expected: [],
      found: [...new Set(hits.flatMap((h) => h.categories))].sort(), code: codeOf(f.file, f.line),
      note: quiet?.note ?? (here.length ? 'labelled for another rule' : 'no label on this line'), labelled: here.length > 0,
    });
  }
  results.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  const overall = tally();
  const byKind = new Map<string, Tally>();
  const byService = new Map<string, Tally>();
  const categories = { tp: 0, fp: 0, fn: 0 };
  for (const r of results) {
    const field = r.outcome.toLowerCase() as keyof Tally;
    for (const [map, k] of [[byKind, r.sinkKind], [byService, r.service]] as const) {
      if (!map.has(k)) map.set(k, tally());
      map.get(k)![field]++;
    }
    overall[field]++;
    if (r.outcome === 'TP') {
      categories.tp += r.found.filter((c) => r.expected.includes(c)).length;
      categories.fp += r.found.filter((c) => !r.expected.includes(c)).length;
      categories.fn += r.expected.filter((c) => !r.found.includes(c)).length;
    } else if (r.outcome === 'FN') categories.fn += r.expected.length;
    else if (r.outcome === 'FP') categories.fp += r.found.length;
  }
  const sites = new Set(labels.map((l) => `${l.file}:${l.line}:${l.kind}:${l.rule ?? ''}`));
  return {
    files: listing.files.length,
    sites: sites.size,
    positives: labels.filter((l) => l.kind === 'expect').length,
    lookalikes: labels.filter((l) => l.kind === 'quiet').length,
    results, overall, byKind, byService, categories, problems,
  };
}

const pct = (x: number) => x.toFixed(3);

/** The human report printed by `npm run bench:quality`. */
export function formatReport(r: QualityReport): string {
  const out: string[] = [];
  out.push(`Quality corpus: ${r.files} files, ${r.sites} labelled sites (${r.positives} expected findings, ${r.lookalikes} look-alikes that must stay quiet)`);
  out.push('');
  const row = (name: string, t: Tally) => `  ${name.padEnd(26)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.tn).padStart(4)}   ${pct(precision(t))}   ${pct(recall(t))}`;
  const header = `  ${''.padEnd(26)}   TP   FP   FN   TN   precision  recall`;
  out.push('By sink kind:', header);
  for (const [k, t] of [...r.byKind].sort()) out.push(row(k, t));
  out.push('', 'By service:', header);
  for (const [k, t] of [...r.byService].sort()) out.push(row(k, t));
  out.push('', header, row('OVERALL', r.overall));
  const c = r.categories;
  out.push(`  categories (per site and category): precision ${pct(c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1)}, recall ${pct(c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1)}`);
  out.push(`  targets: precision >= ${TARGETS.precision}, recall >= ${TARGETS.recall}`);
  const fps = r.results.filter((x) => x.outcome === 'FP');
  const fns = r.results.filter((x) => x.outcome === 'FN');
  const catDiff = r.results.filter((x) => x.outcome === 'TP' && x.found.join() !== x.expected.join());
  out.push('', `False positives (${fps.length}):`);
  for (const x of fps) out.push(`  ${x.file}:${x.line}  ${x.rule} ${x.found.join(',')} [${x.sink}]  ${x.labelled ? 'quiet: ' : ''}${x.note}\n      ${x.code}`);
  out.push('', `False negatives (${fns.length}):`);
  for (const x of fns) out.push(`  ${x.file}:${x.line}  ${x.rule} ${x.expected.join(',')} [${x.sink}]  ${x.note}\n      ${x.code}`);
  out.push('', `Found with other categories (${catDiff.length}):`);
  for (const x of catDiff) out.push(`  ${x.file}:${x.line}  expected ${x.expected.join(',')}, found ${x.found.join(',')} [${x.sink}]\n      ${x.code}`);
  if (r.problems.length) out.push('', `Label problems (${r.problems.length}):`, ...r.problems.map((p) => '  ' + p));
  return out.join('\n');
}
