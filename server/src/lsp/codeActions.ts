import ts = require('typescript');
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver';
import { parseDiagnostics, parseFile } from '../analysis/parse';
import { findDirectives } from '../analysis/suppressions';
import type { DiagnosticData } from './convert';

export const REASON_PLACEHOLDER = 'TODO: say why this data flow is acceptable';

/**
 * Quick fixes for one diagnostic: ignore it on the next line, or in the whole file. Each edit is
 * checked by re-parsing the edited text: it must add no syntax error and must be read back as a
 * directive covering the finding (inside JSX the comment is written as {/* ... *\/}).
 */
export function suppressionActions(doc: TextDocument, file: string, diagnostic: Diagnostic, knownRules: ReadonlySet<string>): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  const ruleId = data?.ruleId ?? (typeof diagnostic.code === 'string' ? diagnostic.code : undefined);
  if (!ruleId || !knownRules.has(ruleId)) return [];
  const text = doc.getText();
  const baseErrors = parseDiagnostics(parseFile(file, text)).length;
  const actions: CodeAction[] = [];

  const line = diagnostic.range.start.line;
  const lineStart = doc.offsetAt({ line, character: 0 });
  const lineText = text.slice(lineStart, doc.offsetAt({ line: line + 1, character: 0 })).replace(/\r?\n$/, '');
  const indent = /^\s*/.exec(lineText)![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const directive = `mt-pii-ignore-next-line ${ruleId} -- ${REASON_PLACEHOLDER}`;
  for (const comment of [`// ${directive}`, `{/* ${directive} */}`]) {
    const insert = `${indent}${comment}${eol}`;
    const edited = text.slice(0, lineStart) + insert + text.slice(lineStart);
    if (isSafe(file, edited, baseErrors, knownRules, (d) => d.kind === 'next-line' && d.line === line + 1 && d.rules.includes(ruleId))) {
      actions.push({
        title: `Ignore ${ruleId} on this line (mt-pii-ignore-next-line, with a reason)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [doc.uri]: [TextEdit.insert({ line, character: 0 }, insert)] } },
      });
      break;
    }
  }

  const at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  if (at >= 0 && (at > 0 || !text.startsWith('#!'))) {
    const insert = `/* mt-pii-ignore-file ${ruleId} -- ${REASON_PLACEHOLDER} */${eol}`;
    const edited = text.slice(0, at) + insert + text.slice(at);
    if (isSafe(file, edited, baseErrors, knownRules, (d) => d.kind === 'file' && d.rules.includes(ruleId))) {
      const pos = doc.positionAt(at);
      actions.push({
        title: `Ignore ${ruleId} in this file (mt-pii-ignore-file, with a reason)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [doc.uri]: [TextEdit.insert(pos, insert)] } },
      });
    }
  }
  return actions;
}

function isSafe(
  file: string, edited: string, baseErrors: number, knownRules: ReadonlySet<string>,
  covers: (d: ReturnType<typeof findDirectives>[number]) => boolean,
): boolean {
  const sf: ts.SourceFile = parseFile(file, edited);
  if (parseDiagnostics(sf).length > baseErrors) return false;
  return findDirectives(sf, edited, knownRules).some((d) => !d.problem && covers(d));
}
