// The quick fixes for a finding, best first, and the fix-all set; shared by the language server (code
// actions) and the CLI (`mt-pii scan --fix`). Builders re-parse the file; none changes the engine.
import type { Finding } from '../analysis/finding';
import { parseForFixes } from './syntax';
import { approveVendorFixes } from './approveVendor';
import { guardFixes } from './guardOptOut';
import { opaqueIdFixes } from './opaqueId';
import { removeFieldFixes } from './removeField';
import { sanitizeFixes } from './sanitize';
import { secureStoreFixes } from './secureStore';
import { ignoreFixes, mendSuppressionFixes } from './suppressionFixes';
import { addDisclosureFixes } from './addDisclosure';
import type { Fix, FixBuilder, FixContext, FileEdit } from './types';

export type { Fix, FixContext, FileEdit } from './types';

/**
 * In order of preference: fixing the data flow comes first (the encrypted store for breach-listed data,
 * then removing the field, an opaque id, the opt-out guard, the team's sanitizer), then approving the vendor,
 * then mending a bad directive; silencing the finding comes last.
 */
const BUILDERS: FixBuilder[] = [
  mendSuppressionFixes, secureStoreFixes, removeFieldFixes, opaqueIdFixes, guardFixes, sanitizeFixes,
  (f, ctx) => approveVendorFixes(f, ctx), ignoreFixes,
];

/**
 * Every fix that applies to the finding, best first; the first one that fixes the whole finding without
 * silencing it is `preferred`. A builder that fails leaves the others standing.
 *
 * @example
 * fixesFor(finding, ctx).map((f) => f.title)
 * // → ['Remove email from the data sent to Segment', 'Send user.id instead of user.email to Segment', …, 'Ignore … on this line …']
 */
export function fixesFor(finding: Finding, ctx: FixContext, onError?: (e: unknown) => void): Fix[] {
  const sf = parseForFixes(ctx.file, ctx.text);
  const out: Fix[] = [];
  // A disclosure-drift finding is fixed in the disclosure record (or by the fixes of the flow's own finding).
  for (const build of ctx.catalog.ruleById.get(finding.ruleId)?.derived ? [addDisclosureFixes, ignoreFixes] : BUILDERS) {
    try {
      out.push(...build(finding, ctx, sf));
    } catch (e) {
      onError?.(e);
    }
  }
  const best = out.find((f) => !f.partial && f.id !== 'ignore-line' && f.id !== 'ignore-file' && f.id !== 'approve-vendor')
    ?? out.find((f) => !f.partial && f.id === 'approve-vendor');
  if (best) best.preferred = true;
  return out;
}

/**
 * The fixes that change no behaviour (removing directives that suppress nothing), for every finding of
 * one file: what `source.fixAll.mt-pii` and `mt-pii scan --fix` apply.
 */
export function safeFixes(findings: readonly Finding[], ctx: FixContext): Fix[] {
  const sf = parseForFixes(ctx.file, ctx.text);
  return findings.flatMap((f) => mendSuppressionFixes(f, ctx, sf)).filter((f) => f.safe);
}

/**
 * Applies edits to a text (edits of one file, in any order; overlapping edits after the first are dropped).
 *
 * @example
 * applyEdits('a b c', [{ start: 2, end: 3, newText: 'B' }]) // → 'a B c'
 */
export function applyEdits(text: string, edits: readonly Pick<FileEdit, 'start' | 'end' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
