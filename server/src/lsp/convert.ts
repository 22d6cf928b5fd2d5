import * as path from 'path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { fileToUri } from './uris';
import type { Finding } from '../analysis/finding';
import type { Severity } from '../catalog/types';

export const SOURCE = 'mt-pii';

/** What a diagnostic carries back to the server for code actions. */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
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
  const data: DiagnosticData = { ruleId: f.ruleId, fingerprint: f.fingerprint };
  return {
    range: rangeOf(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: f.message,
    relatedInformation: related,
    data,
  };
}

