/**
 * The tier of a finding in the data map: a *finding* proper (Montana law may make it matter) or the
 * *inventory* (a flow recorded so the map is complete). The one place that decides it.
 */
import type { RuleData } from '../catalog/types';

export type Tier = 'finding' | 'inventory';

/**
 * A finding's tier, from its rule's data: rules whose default severity is `info` make the inventory,
 * every other rule makes findings. The rule's own severity decides, not the finding's (an approved
 * processor's or a below-threshold finding is shown as information but stays a finding of its rule).
 * When rules carry an explicit tier field, read it here and nowhere else.
 *
 * @example
 * tierOf('mt/personal-data-to-third-party', catalog.ruleById) // → 'finding'
 */
export function tierOf(ruleId: string, rules: ReadonlyMap<string, RuleData>): Tier {
  return rules.get(ruleId)?.severity === 'info' ? 'inventory' : 'finding';
}

/** The stronger of two tiers (a category that is a finding anywhere at a destination is a finding there). */
export function strongerTier(a: Tier | undefined, b: Tier): Tier {
  return a === 'finding' || b === 'finding' ? 'finding' : 'inventory';
}
