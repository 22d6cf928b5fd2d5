// An open document the server could not analyse in full (over its budget, too large, too deep, failed) as a
// diagnostic of mt/analysis-incomplete, with the severity mt-pii.json gives the rule: never an easy-to-miss note.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_INCOMPLETE, IncompleteKind, incompleteFinding } from '../analysis/incomplete';
import { ruleDocUri } from '../catalog/docs';
import { loadCatalog } from '../catalog/load';
import type { ResolvedConfig } from '../config/config';
import { toDiagnostic } from './convert';

/** The diagnostic for a document not fully analysed; none when mt-pii.json turns the rule off. */
export function incompleteDiagnostics(doc: TextDocument, file: string, config: ResolvedConfig | undefined, kind: IncompleteKind, why: string): Diagnostic[] {
  const { catalog } = loadCatalog();
  const f = incompleteFinding(file, { kind, text: why }, { rule: catalog.toolRules.get(ANALYSIS_INCOMPLETE), severities: config?.severities });
  return f ? [toDiagnostic(f, doc, (id) => ruleDocUri(catalog.rulesDir, id))] : [];
}
