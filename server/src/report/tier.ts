/**
 * The tier of a finding in the data map: a *finding* proper (Montana law may make it matter) or the
 * *inventory* (a flow recorded so the map is complete). The one place that decides it.
 */
import type { RuleData, Tier } from '../catalog/types';

export type { Tier };

/**
 * A finding's tier, from its rule's `tier` field (rule.schema.json; default 'finding'). The rule decides,
 * not the finding's severity: an approved processor's or a below-threshold finding is shown as information
 * but stays a finding of its rule, and an inventory rule a team raised to warning stays inventory.
 *
 * @example
 * tierOf('mt/personal-data-to-third-party', catalog.ruleById) // → 'finding'
 */
export function tierOf(ruleId: string, rules: ReadonlyMap<string, RuleData>): Tier {
  return rules.get(ruleId)?.tier ?? 'finding';
}

/** The stronger of two tiers (a category that is a finding anywhere at a destination is a finding there). */
export function strongerTier(a: Tier | undefined, b: Tier): Tier {
  return a === 'finding' || b === 'finding' ? 'finding' : 'inventory';
}
