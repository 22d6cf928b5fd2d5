// The engine's output contract: a finding, its spans and flow steps, and its stable fingerprint.
// Types and the fingerprint only; how findings are made is ruleMatch.ts's and suppressions.ts's.
import { createHash } from 'crypto';
import type { Severity, SinkKind, SinkRole, Tier } from '../catalog/types';

/** A span of a file: 0-based offsets, and 0-based lines and UTF-16 characters of both ends. */
export interface SourceSpan {
  /** Absolute path of the file (the analysed file unless a flow crossed files). */
  file: string;
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** A step of a flow: where it is and what it shows (`user.email`, `parameter of trackEvent`). */
export interface FlowStep extends SourceSpan {
  note: string;
}

export interface SinkInfo {
  kind: SinkKind;
  vendor: string;
  api: string;
  /** rules/sinks/<id>.json */
  id: string;
  service: string;
  /** Words for the service ('customer-support chat'), from rules/services.json or the sink's serviceLabel. */
  serviceLabel: string;
  /** Third parties: 'processor' (acts for the app) or 'own-purposes' (also uses the data itself, ad networks). */
  role?: SinkRole;
}

/** An edit that a quick fix applies, as 0-based offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * One problem found in a file. Offsets are 0-based; the CLI and the language server convert them to
 * 1-based lines and LSP positions.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The rule's tier: a finding proper, or an inventory entry (info unless the team raised the rule). */
  tier: Tier;
  message: string;
  file: string;
  start: number;
  end: number;
  sink?: SinkInfo;
  categories: string[];
  citations: string[];
  /** Source-to-sink steps, every category's chain in turn (the CLI's `flow`). */
  flow: FlowStep[];
  /** The same steps split into one chain per source, for display. */
  flowChains: FlowStep[][];
  fingerprint: string;
  /** The processor contract named in mt-pii.json that covers this vendor, when approved. */
  approval?: string;
  /** Some categories are inferred from a person object's name (`user`), its fields unknown. */
  inferred?: boolean;
}

/**
 * A fingerprint for baselines that survives unrelated edits: it hashes the rule, the file's path, the
 * sink, the categories and the whitespace-free text of the flagged code, plus the occurrence number of
 * that combination in the file. Line numbers are not part of it.
 *
 * @example
 * fingerprint(['mt/personal-data-to-third-party', 'src/a.ts', 'analytics.identify', 'email', 'analytics.identify'], 0)
 */
export function fingerprint(parts: readonly string[], occurrence: number): string {
  return createHash('sha256').update(parts.join('\u0000') + '\u0000' + occurrence).digest('hex').slice(0, 20);
}
