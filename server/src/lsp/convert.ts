import * as path from 'path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { fileToUri } from './uris';
import type { Finding } from '../analysis/finding';
import type { Severity } from '../catalog/types';

export const SOURCE = 'mt-pii';

/** What a diagnostic carries back to the server for code actions (and its tier, for the inventory setting). */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  /** 'inventory' for an inventory entry left at info: shown as the mtPii.inventory setting says. */
  tier?: 'inventory';
}

/** How inventory entries at info are shown (the mtPii.inventory setting): a hint (default), information, or not at all. */
export type InventoryDisplay = 'hint' | 'information' | 'off';
export const INVENTORY_DISPLAYS: readonly InventoryDisplay[] = ['hint', 'information', 'off'];

/**
 * Applies the inventory setting to diagnostics made by toDiagnostic (inventory entries at info come as hints):
 * 'information' shows them as information, 'off' drops them; everything else is left as it is.
 */
export function showInventory(diagnostics: Diagnostic[], display: InventoryDisplay): Diagnostic[] {
  if (display === 'hint' || !diagnostics.some(isInventoryHint)) return diagnostics;
  if (display === 'off') return diagnostics.filter((d) => !isInventoryHint(d));
  return diagnostics.map((d) => (isInventoryHint(d) ? { ...d, severity: DiagnosticSeverity.Information } : d));
}

function isInventoryHint(d: Diagnostic): boolean {
  return (d.data as DiagnosticData | undefined)?.tier === 'inventory';
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** Finding → LSP diagnostic: rule code with a documentation link, the flow as related information. */
export function toDiagnostic(f: Finding, doc: TextDocument, docHref: (ruleId: string) => string | undefined): Diagnostic {
  const href = docHref(f.ruleId);
  const related: DiagnosticRelatedInformation[] = f.flow.map((step) => ({
    location: {
      uri: step.file === f.file ? doc.uri : fileToUri(step.file),
      range: { start: { line: step.line, character: step.character }, end: { line: step.endLine, character: step.endCharacter } },
    },
    message: step.file === f.file ? step.note : `${step.note} (${path.basename(step.file)})`,
  }));
  if (f.citations.length) {
    related.push({ location: { uri: doc.uri, range: rangeOf(doc, f.start, f.end) }, message: `Montana law: ${f.citations.join(', ')} (not legal advice)` });
  }
  // An inventory entry at info draws no squiggle: a hint, unless mtPii.inventory says otherwise (showInventory).
  const inventory = f.tier === 'inventory' && f.severity === 'info';
  const data: DiagnosticData = { ruleId: f.ruleId, fingerprint: f.fingerprint, ...(inventory ? { tier: 'inventory' as const } : {}) };
  return {
    range: rangeOf(doc, f.start, f.end),
    severity: inventory ? DiagnosticSeverity.Hint : SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: f.message,
    relatedInformation: related,
    data,
  };
}

