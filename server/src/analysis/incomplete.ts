// Findings of mt/analysis-incomplete: a file (or folder) the analysis could not finish, so that a scan never
// reports "no flows" for code it did not read. Pure: the CLI and the server decide when; this says how.
import type { Severity, ToolRuleData } from '../catalog/types';
import { Finding, fingerprint } from './finding';

export const ANALYSIS_INCOMPLETE = 'mt/analysis-incomplete';

/** What stopped the analysis (stable: part of the finding's fingerprint). */
export type IncompleteKind = 'timeout' | 'too-deep' | 'truncated' | 'failed' | 'unreadable' | 'binary' | 'too-large';

export interface IncompleteReason {
  kind: IncompleteKind;
  /** Said in the finding: "it took longer than 120 s (--file-timeout)". */
  text: string;
}

/**
 * The finding for a file not fully analysed, at its first character; undefined when the rule is off.
 *
 * @example
 * incompleteFinding('/app/big.ts', { kind: 'timeout', text: 'it took longer than 120 s' }, { fingerprintPath: 'big.ts' })!.ruleId
 * // → 'mt/analysis-incomplete'
 */
export function incompleteFinding(
  file: string, reason: IncompleteReason,
  options: { rule?: ToolRuleData; severities?: Readonly<Record<string, Severity | 'off'>>; fingerprintPath?: string } = {},
): Finding | undefined {
  const severity = options.severities?.[ANALYSIS_INCOMPLETE] ?? options.rule?.severity ?? 'error';
  if (severity === 'off') return undefined;
  const template = options.rule?.message ?? 'This file was not fully analysed: {reason}. Personal-data flows in it may be missing from the results.';
  return {
    ruleId: ANALYSIS_INCOMPLETE, severity, tier: 'finding', message: template.replace('{reason}', reason.text), file, start: 0, end: 0,
    categories: [], citations: [], flow: [], flowChains: [],
    fingerprint: fingerprint([ANALYSIS_INCOMPLETE, options.fingerprintPath ?? file, reason.kind], 0),
  };
}
