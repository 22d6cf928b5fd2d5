// Rule selection: which rules apply to the organisation's profiles and how each reads for them.
// Pure data logic over rules/; it sees no code and no hits.
/**
 * Which rules apply to an organisation and how a rule reads for it: the profiles of mt-pii.json
 * (profile.entity plus profile.also, and hipaaCovered) select rules (onlyFor / notFor) and lay their citations,
 * wording and applicability over the rule's defaults; the vendor's role picks a role variant; where the
 * organisation stands under the Consumer Data Privacy Act (a government body, an entity it exempts, below its
 * thresholds) decides which of its citations a finding keeps and whether it stays a warning. Pure data logic,
 * shared by the engine (findings), the hover and the CLI, so all three say the same thing.
 */
import type { CitationData, CompanionData, GuardKind, NoticesData, ProfileId, RuleData, Severity, SinkRole } from '../catalog/types';
import { containsRun } from './classify';

/** Every profile, in the order their overlays apply (a replacing profile first). */
export const PROFILES: readonly ProfileId[] = [
  'state-agency', 'local-government', 'insurer', 'hipaa-covered', 'health-care-provider', 'mental-health-app', 'school-service', 'minors',
  'motor-vehicle-records', 'genetic-data', 'business',
];

/** Older names still accepted in mt-pii.json. */
export const PROFILE_ALIASES: Readonly<Record<string, ProfileId>> = { 'school-service-operator': 'school-service' };

/** Government bodies: the Consumer Data Privacy Act exempts them (MCA 30-14-2804); their own laws replace it. */
export const GOVERNMENT_PROFILES: readonly ProfileId[] = ['state-agency', 'local-government'];
/** Entities the Consumer Data Privacy Act exempts as a whole (since 2025 insurers; HIPAA covered entities). */
export const MCDPA_EXEMPT_PROFILES: readonly ProfileId[] = ['insurer', 'hipaa-covered'];

/** What mt-pii.json says about the organisation (see AnalyzeOptions.profile). */
export interface ProfileSpec {
  entity?: string;
  also?: readonly string[];
  /** A HIPAA covered entity or business associate: adds the derived profile 'hipaa-covered' when 'yes'. */
  hipaaCovered?: 'yes' | 'no' | 'unknown';
  subjectToMcdpa?: 'yes' | 'no' | 'unknown';
}

/** A profile id from mt-pii.json, aliases resolved; undefined when unknown (or derived, like 'hipaa-covered'). */
export function canonicalProfile(id: string): ProfileId | undefined {
  const p = PROFILE_ALIASES[id] ?? id;
  return p !== 'hipaa-covered' && (PROFILES as readonly string[]).includes(p) ? (p as ProfileId) : undefined;
}

/**
 * The active profiles in overlay order. `business` (the Consumer Data Privacy Act) is active unless the
 * organisation is a government body (a state agency or a local government) or an entity the Act exempts
 * (an insurer, a HIPAA covered entity: hipaaCovered "yes" adds 'hipaa-covered'); `minors` stands for the
 * Act's minors sections, so it has no effect for those either. The others combine (a school app for minors).
 *
 * @example
 * activeProfiles({ entity: 'school-service-operator', also: ['minors'] }) // → ['school-service', 'minors', 'business']
 * activeProfiles({ entity: 'health-care-provider', hipaaCovered: 'yes' }) // → ['hipaa-covered', 'health-care-provider']
 */
export function activeProfiles(spec?: ProfileSpec): ProfileId[] {
  const set = new Set<ProfileId>();
  for (const id of [spec?.entity ?? 'business', ...(spec?.also ?? [])]) {
    const p = canonicalProfile(id);
    if (p) set.add(p);
  }
  if (spec?.hipaaCovered === 'yes') set.add('hipaa-covered');
  if ([...GOVERNMENT_PROFILES, ...MCDPA_EXEMPT_PROFILES].some((p) => set.has(p))) {
    set.delete('business');
    set.delete('minors');
  }
  else set.add('business');
  return PROFILES.filter((p) => set.has(p));
}

/**
 * Where the organisation stands under the Consumer Data Privacy Act: a government body (its own laws replace
 * the Act, through the rules' profile overlays), an entity the Act exempts, below the Act's thresholds (as
 * mt-pii.json says), or covered (or not stated).
 */
export type McdpaStanding = 'government' | 'exempt' | 'below-thresholds' | 'covered';

export function mcdpaStanding(profiles: readonly ProfileId[], subjectToMcdpa?: string): McdpaStanding {
  if (profiles.some((p) => GOVERNMENT_PROFILES.includes(p))) return 'government';
  if (profiles.some((p) => MCDPA_EXEMPT_PROFILES.includes(p))) return 'exempt';
  return subjectToMcdpa === 'no' ? 'below-thresholds' : 'covered';
}

/** Whether a rule applies under these profiles (its onlyFor / notFor). */
export function ruleApplies(rule: RuleData, profiles: readonly ProfileId[]): boolean {
  if (rule.onlyFor && !rule.onlyFor.some((p) => profiles.includes(p))) return false;
  if (rule.notFor && rule.notFor.some((p) => profiles.includes(p))) return false;
  return true;
}

/** A rule as it reads for one organisation and one vendor role. */
export interface RuleView {
  /** Citations always shown, in order. */
  citations: string[];
  /** Citations shown when one of the categories reaches the sink. */
  categoryCitations: { categories: string[]; citations: string[] }[];
  message: string;
  /** For a `fires` call that carries no personal data. */
  firesMessage: string;
  advice: string;
  severity: Severity;
  /** When it applies: the rule's sentence (or a replacing profile's), then each added profile's. */
  applicability: string[];
  /** A profile replaced the rule's citations (the MCDPA does not bind state agencies). */
  replaced: boolean;
  /** Profiles whose overlay was applied. */
  overlays: ProfileId[];
  /** Listed elements that count only with a companion (a card number with its code), first match wins. */
  companions: CompanionData[];
}

/** Whether a profile overlay of a rule applies to a vendor of this role (an overlay may be for processors only). */
function overlayApplies(o: NonNullable<RuleData['profiles']>[ProfileId], role?: SinkRole): boolean {
  return !!o && (!o.roles || !role || o.roles.includes(role));
}

/**
 * The rule's citations, wording and severity for the active profiles and the vendor's role: a replacing
 * profile's citations stand instead of the rule's (and the role variant's); other profiles add theirs in
 * profile order; the first profile with its own wording wins over the role variant's, which wins over the
 * rule's (so does its severity). An overlay limited to some vendor roles (`roles`) is left out for the others.
 */
export function viewOf(rule: RuleData, profiles: readonly ProfileId[], role?: SinkRole): RuleView {
  const overlays = PROFILES.filter((p) => profiles.includes(p) && overlayApplies(rule.profiles?.[p], role));
  const parts = overlays.map((p) => rule.profiles![p]!);
  const replacing = parts.find((o) => o.replace);
  const variant = !replacing && role ? rule.roleVariants?.[role] : undefined;
  const citations = [...(replacing ? replacing.citations : variant?.citations ?? rule.citations)];
  for (const o of parts) if (o !== replacing) for (const c of o.citations) if (!citations.includes(c)) citations.push(c);
  const categoryCitations = [...(replacing ? [] : rule.categoryCitations ?? []), ...parts.flatMap((o) => o.categoryCitations ?? [])];
  const message = parts.find((o) => o.message)?.message ?? variant?.message ?? rule.message;
  const firesMessage = parts.find((o) => o.firesMessage)?.firesMessage ?? variant?.firesMessage ?? rule.firesMessage ?? message;
  const advice = parts.find((o) => o.advice)?.advice ?? variant?.advice ?? rule.advice;
  const applicability: string[] = [];
  if (replacing?.applicability) applicability.push(replacing.applicability);
  else if (rule.applicability) applicability.push(rule.applicability);
  for (const o of parts) if (o !== replacing && o.applicability) applicability.push(o.applicability);
  const companions = [...parts.flatMap((o) => o.companions ?? []), ...(replacing ? [] : rule.companions ?? [])];
  return {
    citations, categoryCitations, message, firesMessage, advice, severity: parts.find((o) => o.severity)?.severity ?? variant?.severity ?? rule.severity, applicability,
    replaced: !!replacing, overlays, companions,
  };
}

/**
 * Whether a finding rests only on Consumer Data Privacy Act duties that bind controllers over its
 * thresholds: then a project below the thresholds sees it as information.
 */
export function restsOnlyOnMcdpaThresholds(rule: RuleData, view: RuleView, citations: readonly string[], data: Readonly<Record<string, CitationData>>): boolean {
  if (!rule.dependsOnMcdpa || view.replaced) return false;
  return citations.every((c) => data[c]?.needsMcdpaThresholds && !rule.nonMcdpaCitations?.includes(c));
}

/** Whether a finding rests only on the Consumer Data Privacy Act (any of its sections). */
function restsOnlyOnMcdpa(rule: RuleData, view: RuleView, citations: readonly string[], data: Readonly<Record<string, CitationData>>): boolean {
  if (!rule.dependsOnMcdpa || view.replaced) return false;
  return citations.every((c) => data[c]?.mcdpa && !rule.nonMcdpaCitations?.includes(c));
}

/**
 * How a rule treats the checks a call sits behind (guardKinds.ts): 'quiet' when one is of a kind the rule
 * accepts (unlessGuard); 'unread-signal' when the rule also asks that the project read the opt-out preference
 * signal (appGuardNeedsSignalRead), the check is only the app's own (consent or flag) and no code reads the
 * signal, since the signal wins over the app's setting; else 'report'.
 *
 * @example
 * guardVerdict(adTrackingRule, ['flag'], false) // → 'unread-signal'
 * guardVerdict(minorsAdsRule, ['signal'], true) // → 'report' (an opt-out check is not consent)
 */
export function guardVerdict(rule: RuleData, guards: readonly GuardKind[], signalRead: boolean | (() => boolean)): 'quiet' | 'unread-signal' | 'report' {
  const accepted = guards.filter((k) => rule.unlessGuard?.includes(k));
  if (!accepted.length) return 'report';
  // The project-wide answer is asked for only here, where it decides (a scan may learn it after analysis began).
  if (!rule.appGuardNeedsSignalRead || accepted.includes('signal') || (typeof signalRead === 'function' ? signalRead() : signalRead)) return 'quiet';
  return 'unread-signal';
}

/** What one finding says: the citations it keeps, its severity, the message template and notes to append. */
export interface Reading {
  citations: string[];
  severity: Severity;
  /** Message template (placeholders not yet filled). */
  template: string;
  /** Short notes appended to the message in parentheses. */
  notes: string[];
}

/** The facts of one finding that its reading depends on. */
export interface FindingFacts {
  /** Categories the finding reports (empty for a data-free `fires` call). */
  categories: readonly string[];
  /** Every category that reaches the call, reported by this rule or not (a card's code, a name beside a location). */
  reaching: ReadonlySet<string>;
  /** The words of the names the reported data came from (card.cvv → ['card', 'cvv']); read only when needed. */
  sourceWords: () => string[][];
  /** Severity set in mt-pii.json "rules", which wins over the rule's own and a companion's. */
  configured?: Severity;
  /** A data-free call behind only the app's own check where no code reads the signal (guardVerdict). */
  unreadSignal?: boolean;
  standing: McdpaStanding;
}

/**
 * How a finding reads: the view's citations plus those of the categories that reach the call; a companion's
 * severity and words when a listed element is seen without its companion; then, outside the Consumer Data
 * Privacy Act (below its thresholds, or an entity it exempts), the Act's citations that do not bind the
 * organisation are dropped — and a finding that rests on nothing else becomes information, worded by the
 * rule's `outsideMcdpa` (no processor-contract or opt-out duty), citing the exemptions for an exempt entity.
 */
export function readFinding(
  rule: RuleData, view: RuleView, facts: FindingFacts, data: Readonly<Record<string, CitationData>>, notices?: NoticesData,
): Reading {
  const citations = [...view.citations];
  for (const cc of view.categoryCitations) {
    if (cc.categories.some((c) => facts.categories.includes(c))) for (const c of cc.citations) if (!citations.includes(c)) citations.push(c);
  }
  let severity = view.severity;
  let template = facts.categories.length ? view.message : facts.unreadSignal && rule.unreadSignalMessage ? rule.unreadSignalMessage : view.firesMessage;
  const companion = facts.categories.length ? view.companions.find((c) => alone(c, facts)) : undefined;
  if (companion) {
    severity = companion.severity;
    template = companion.message;
  }
  if (facts.configured) severity = facts.configured;
  const notes: string[] = [];
  let kept = citations;
  if (facts.standing === 'below-thresholds') {
    if (restsOnlyOnMcdpaThresholds(rule, view, citations, data)) {
      severity = 'info';
      template = outsideTemplate(rule, facts) ?? template;
      if (notices) notes.push(notices.belowThresholds);
    } else kept = citations.filter((c) => !data[c]?.needsMcdpaThresholds || rule.nonMcdpaCitations?.includes(c));
  } else if (facts.standing === 'exempt') {
    if (restsOnlyOnMcdpa(rule, view, citations, data)) {
      severity = 'info';
      template = outsideTemplate(rule, facts) ?? template;
      kept = [...(notices?.exemptionCitations ?? citations)];
      if (notices) notes.push(notices.exemptEntity);
    } else kept = citations.filter((c) => !data[c]?.mcdpa);
  }
  return { citations: kept, severity, template, notes };
}

function outsideTemplate(rule: RuleData, facts: FindingFacts): string | undefined {
  const o = rule.outsideMcdpa;
  return o && (facts.categories.length ? o.message : o.firesMessage ?? o.message);
}

/** Every reported category needs a companion, and none is seen (neither its category nor its words). */
function alone(c: CompanionData, facts: FindingFacts): boolean {
  if (!facts.categories.every((x) => c.categories.includes(x))) return false;
  if (c.with.some((x) => facts.reaching.has(x))) return false;
  if (c.withWords?.length) {
    const names = facts.sourceWords();
    if (c.withWords.some((run) => names.some((words) => containsRun(words, run)))) return false;
  }
  return true;
}
