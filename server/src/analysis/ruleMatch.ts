// Findings from hits: each rule of rules/ that applies to the organisation and matches a hit's sink and data
// gives one finding per site, with its message, citations, severity and flow. Vendors and laws come only
// from the catalog's data; this file walks no code and knows nothing of how a hit was found.
import type * as ts from 'typescript';
import { serviceLabelOf, serviceTierOf, type Catalog } from '../catalog/load';
import type { RuleData, Severity } from '../catalog/types';
import { splitWords, type Classifier } from './classify';
import { Finding, FlowStep, fingerprint } from './finding';
import { guardKindsOf } from './guardKinds';
import type { AnalyzeOptions } from './options';
import { activeProfiles, guardVerdict, mcdpaStanding, readFinding, ruleApplies, viewOf } from './ruleSelect';
import type { Hit } from './stages';
import { Step, Taint, locOf } from './values';
import { fillMessage } from './wording';

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
export function toFindings(
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
      const verdict = guardVerdict(rule, guardKindsOf(hit.guards), options.optOutSignalRead ?? false);
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
    // Categories inferred from a person object's name (its fields unknown) say so, in the message and the JSON.
    const inferredFrom = [...new Set([...g.taints.values()].map((t) => t.inferred).filter((n): n is string => !!n))];
    if (inferredFrom.length) notes.unshift(`inferred from the name ${inferredFrom.map((n) => `\`${n}\``).join(', ')}; its fields are not known`);
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
      ...(inferredFrom.length ? { inferred: true } : {}),
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
