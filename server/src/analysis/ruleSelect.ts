// Rule selection: which rules apply to the organisation's profiles and how each reads for them.
// Pure data logic over rules/; it sees no code and no hits.
/**
 * Which rules apply to an organisation and how a rule reads for it: the profiles of mt-pii.json
 * (profile.entity plus profile.also) select rules (onlyFor / notFor) and lay their citations, wording and
 * applicability over the rule's defaults; the vendor's role picks a role variant. Pure data logic, shared
 * by the engine (findings), the hover and the CLI, so all three say the same thing.
 */
import type { CitationData, ProfileId, RuleData, Severity, SinkRole } from '../catalog/types';

/** Every profile, in the order their overlays apply (a replacing profile first). */
export const PROFILES: readonly ProfileId[] = [
  'state-agency', 'health-care-provider', 'mental-health-app', 'school-service', 'minors', 'motor-vehicle-records', 'genetic-data', 'business',
];

/** Older names still accepted in mt-pii.json. */
export const PROFILE_ALIASES: Readonly<Record<string, ProfileId>> = { 'school-service-operator': 'school-service' };

/** What mt-pii.json says about the organisation (see AnalyzeOptions.profile). */
export interface ProfileSpec {
  entity?: string;
  also?: readonly string[];
}

/** A profile id from mt-pii.json, aliases resolved; undefined when unknown. */
export function canonicalProfile(id: string): ProfileId | undefined {
  const p = PROFILE_ALIASES[id] ?? id;
  return (PROFILES as readonly string[]).includes(p) ? (p as ProfileId) : undefined;
}

/**
 * The active profiles in overlay order. `business` is active unless the organisation is a state agency
 * (the Consumer Data Privacy Act exempts government bodies); the others combine (a school app for minors).
 * `minors` stands for the Act's minors sections, so it has no effect for a state agency either.
 *
 * @example
 * activeProfiles({ entity: 'school-service-operator', also: ['minors'] }) // → ['school-service', 'minors', 'business']
 */
export function activeProfiles(spec?: ProfileSpec): ProfileId[] {
  const set = new Set<ProfileId>();
  for (const id of [spec?.entity ?? 'business', ...(spec?.also ?? [])]) {
    const p = canonicalProfile(id);
    if (p) set.add(p);
  }
  if (set.has('state-agency')) {
    set.delete('business');
    set.delete('minors');
  }
  else set.add('business');
  return PROFILES.filter((p) => set.has(p));
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
}

/**
 * The rule's citations, wording and severity for the active profiles and the vendor's role: a replacing
 * profile's citations stand instead of the rule's (and the role variant's); other profiles add theirs in
 * profile order; the first profile with its own wording wins over the role variant's, which wins over the
 * rule's.
 */
export function viewOf(rule: RuleData, profiles: readonly ProfileId[], role?: SinkRole): RuleView {
  const overlays = PROFILES.filter((p) => profiles.includes(p) && rule.profiles?.[p]);
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
  return {
    citations, categoryCitations, message, firesMessage, advice, severity: variant?.severity ?? rule.severity, applicability,
    replaced: !!replacing, overlays,
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
