/**
 * Disclosure drift: the findings of a file compared with what the team says its privacy notice discloses
 * (AnalyzeOptions.disclosed). A flow to an undisclosed vendor, or of an undisclosed category, becomes a
 * finding of the derived rule (`derived: "disclosure"` in rules/). Runs after the sink rules, on their findings
 * alone: it walks no code and names no vendor (those come from the findings and the configuration).
 */
import type { Catalog } from '../catalog/load';
import type { SinkRole } from '../catalog/types';
import { Finding, fingerprint } from './finding';
import { activeProfiles, mcdpaStanding, readFinding, ruleApplies, viewOf } from './ruleSelect';
import { fillMessage } from './wording';
import type { AnalyzeOptions } from './options';

/** Whether a disclosure's vendor entry names this sink: its id ('segment') or vendor name, any case. */
export function vendorListed(vendors: readonly string[], sink: { id: string; vendor: string }): boolean {
  return vendors.some((v) => {
    const name = v.trim().toLowerCase();
    return name === sink.id || name === sink.vendor.toLowerCase();
  });
}

/** What a flow's finding leaves undisclosed: the vendor (third parties only) and categories not listed. */
export function undisclosedOf(
  f: { sink?: { kind: string; id: string; vendor: string }; categories: readonly string[] }, disclosed: NonNullable<AnalyzeOptions['disclosed']>,
): { vendor: boolean; categories: string[] } {
  const vendor = !!(f.sink && f.sink.kind === 'third-party' && disclosed.vendors && !vendorListed(disclosed.vendors, f.sink));
  const categories = disclosed.categories ? f.categories.filter((c) => !disclosed.categories!.includes(c)) : [];
  return { vendor, categories };
}

/**
 * One finding per site whose flows the disclosure does not cover, at the site of the flow, with its path.
 * None when the team records no disclosure, when the derived rule is off or does not apply to the
 * organisation's profiles.
 */
export function disclosureFindings(
  findings: readonly Finding[], catalog: Catalog, labels: ReadonlyMap<string, string>, options: AnalyzeOptions,
): Finding[] {
  const disclosed = options.disclosed;
  if (!disclosed || (!disclosed.vendors && !disclosed.categories)) return [];
  const profiles = activeProfiles(options.profile);
  const rule = catalog.rules.find((r) => r.derived === 'disclosure');
  const setting = rule && options.severities?.[rule.id];
  if (!rule || setting === 'off' || !ruleApplies(rule, profiles)) return [];
  interface Site { base: Finding; vendor: boolean; categories: Set<string>; fingerprints: string[] }
  const sites = new Map<string, Site>();
  for (const f of findings) {
    if (!f.sink || f.ruleId === rule.id) continue;
    const gap = undisclosedOf(f, disclosed);
    if (!gap.vendor && !gap.categories.length) continue;
    const key = `${f.start}\u0000${f.end}\u0000${f.sink.id}\u0000${f.sink.api}`;
    let s = sites.get(key);
    if (!s) sites.set(key, (s = { base: f, vendor: false, categories: new Set(), fingerprints: [] }));
    s.vendor ||= gap.vendor;
    // A vendor the notice does not name receives everything the flow carries; otherwise only the gap counts.
    for (const c of gap.vendor ? f.categories : gap.categories) s.categories.add(c);
    s.fingerprints.push(f.fingerprint);
  }
  const standing = mcdpaStanding(profiles, options.profile?.subjectToMcdpa);
  const out: Finding[] = [];
  for (const s of sites.values()) {
    const sink = s.base.sink!;
    const view = viewOf(rule, profiles, sink.role as SinkRole | undefined);
    const categories = [...s.categories].sort();
    const names = categories.length ? categories.map((c) => labels.get(c) ?? c) : ['data tied to the browser or device'];
    // Where the organisation stands under the Act decides severity, citations and wording, as for every rule.
    const reading = readFinding(rule, view, {
      categories, reaching: new Set(s.base.categories), sourceWords: () => [], configured: setting, standing,
    }, catalog.citations, catalog.notices);
    const template = s.vendor && reading.template === view.message ? rule.vendorMessage ?? view.message : reading.template;
    const note = reading.notes.length ? ` (${reading.notes.join('; ')})` : '';
    out.push({
      ruleId: rule.id,
      severity: reading.severity,
      message: fillMessage(template, { categories: names, vendor: sink.vendor, service: sink.serviceLabel, api: sink.api, sinkKind: sink.kind }) + note,
      file: s.base.file,
      start: s.base.start,
      end: s.base.end,
      sink,
      categories,
      citations: reading.citations,
      flow: s.base.flow,
      flowChains: s.base.flowChains,
      fingerprint: fingerprint([rule.id, ...s.fingerprints.sort()], 0),
    });
  }
  return out;
}
