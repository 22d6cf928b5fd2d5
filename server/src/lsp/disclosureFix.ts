/**
 * Quick fixes for disclosure drift (rules with `derived: "disclosure"`): add the vendor, a category, or
 * both to the disclosure recorded in mt-pii.json or in the file it names, keeping that file's comments.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis/finding';
import { undisclosedOf } from '../analysis/disclosure';
import type { Catalog } from '../catalog/load';
import type { ResolvedConfig } from '../config/config';
import { appendToArray, changedSpan } from '../config/jsoncEdit';
import type { DiagnosticData } from './convert';
import { fileToUri } from './uris';

/**
 * The fixes for one diagnostic of a derived disclosure rule: one per missing item, and one for all of them
 * when several are missing. Offered only when the disclosure file reads and the edit parses.
 */
export function disclosureActions(
  diagnostic: Diagnostic, state: { findings: readonly Finding[]; config?: ResolvedConfig } | undefined, catalog: Catalog,
  read: (file: string) => string | undefined = readText,
): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  if (!data || catalog.ruleById.get(data.ruleId)?.derived !== 'disclosure') return [];
  const finding = state?.findings.find((f) => f.fingerprint === data.fingerprint);
  const disclosure = state?.config?.disclosure;
  if (!finding?.sink || !disclosure) return [];
  const text = read(disclosure.file);
  if (text === undefined) return [];
  const gap = undisclosedOf(finding, disclosure);
  const labels = new Map(catalog.categories.categories.map((c) => [c.id, c.label]));
  const where = path.basename(disclosure.file);
  const additions: { title: string; vendors: string[]; categories: string[] }[] = [];
  if (gap.vendor) additions.push({ title: `Add ${finding.sink.vendor} to the disclosed vendors (${where})`, vendors: [finding.sink.vendor], categories: [] });
  for (const c of gap.categories) additions.push({ title: `Add ${labels.get(c) ?? c} (${c}) to the disclosed categories (${where})`, vendors: [], categories: [c] });
  if (additions.length > 1) {
    additions.push({ title: `Add everything this flow needs to the disclosure (${where})`, vendors: gap.vendor ? [finding.sink.vendor] : [], categories: gap.categories });
  }
  const doc = TextDocument.create(fileToUri(disclosure.file), 'json', 0, text);
  const actions: CodeAction[] = [];
  for (const a of additions) {
    let next = text;
    if (a.vendors.length) next = appendToArray(next, [...disclosure.path, 'vendors'], a.vendors)?.text ?? '';
    if (next && a.categories.length) next = appendToArray(next, [...disclosure.path, 'categories'], a.categories)?.text ?? '';
    if (!next) continue;
    const edit = changedSpan(text, next);
    actions.push({
      title: a.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [doc.uri]: [TextEdit.replace({ start: doc.positionAt(edit.offset), end: doc.positionAt(edit.offset + edit.length) }, edit.content)] } },
    });
  }
  return actions;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
