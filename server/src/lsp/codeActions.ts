// LSP adapter for the fixes of server/src/fixes: diagnostics → findings → CodeActions (quick fixes, one
// preferred) and the `source.fixAll.mt-pii` action; edits become WorkspaceEdits the client can apply.
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeActionKind, CodeActionParams, CreateFile, Diagnostic, OptionalVersionedTextDocumentIdentifier, SnippetTextEdit,
  TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding } from '../analysis/finding';
import { Fix, FixContext, fixesFor, safeFixes } from '../fixes';
import type { FileEdit } from '../fixes/types';
import { SOURCE, type DiagnosticData } from './convert';
import { fileToUri } from './uris';

/** The fix-all kind: only fixes that change no behaviour (see fixes/index.ts safeFixes). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.mt-pii`;

/** What the client can apply (from its initialize capabilities). */
export interface EditCapabilities {
  documentChanges: boolean;
  snippets: boolean;
  createFiles: boolean;
}

/** The open document a request is about, its findings (current version only) and the fix context. */
export interface CodeActionInput {
  doc: TextDocument;
  findings: readonly Finding[];
  ctx: FixContext;
  caps: EditCapabilities;
  onError?: (e: unknown) => void;
}

/**
 * Answers textDocument/codeAction: quick fixes for each of our diagnostics in the request, and the fix-all
 * action when the client asks for source actions.
 */
export function codeActions(params: CodeActionParams, input: CodeActionInput): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE) continue;
      const finding = findingOf(d, input);
      if (!finding) continue;
      for (const fix of fixesFor(finding, input.ctx, input.onError)) {
        const edit = toWorkspaceEdit(fix, input);
        if (edit) out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit, ...(fix.preferred ? { isPreferred: true } : {}) });
      }
    }
  }
  if (only && wants(FIX_ALL_KIND)) {
    const fixes = safeFixes(input.findings, input.ctx);
    if (fixes.length) {
      const merged: Fix = { id: 'remove-directive', title: 'Montana PII Guard: remove unused suppression directives', edits: fixes.flatMap((f) => f.edits), safe: true };
      const edit = toWorkspaceEdit(merged, input);
      if (edit) out.push({ title: merged.title, kind: FIX_ALL_KIND, edit });
    }
  }
  return out;
}

/** The finding a diagnostic was made from (by fingerprint and range), if the document has not changed since. */
function findingOf(d: Diagnostic, input: CodeActionInput): Finding | undefined {
  const data = d.data as DiagnosticData | undefined;
  const start = input.doc.offsetAt(d.range.start);
  return input.findings.find((f) => (data?.fingerprint ? f.fingerprint === data.fingerprint : f.ruleId === d.code) && f.start === start);
}

/** A fix as a WorkspaceEdit: document changes (with snippets and file creation) where the client supports them. */
function toWorkspaceEdit(fix: Fix, input: CodeActionInput): WorkspaceEdit | undefined {
  const { doc, ctx, caps } = input;
  if (fix.creates?.length && !(caps.documentChanges && caps.createFiles)) return undefined;
  const byFile = new Map<string, FileEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const docs = new Map<string, TextDocument>();
  const docOf = (file: string): TextDocument => {
    if (file === ctx.file) return doc;
    let d = docs.get(file);
    if (!d) {
      d = TextDocument.create(fileToUri(file), languageOf(file), 0, fix.creates?.includes(file) ? '' : ctx.readFile(file) ?? '');
      docs.set(file, d);
    }
    return d;
  };
  const toEdit = (d: TextDocument, e: FileEdit): TextEdit | SnippetTextEdit => {
    const range = { start: d.positionAt(e.start), end: d.positionAt(e.end) };
    // Snippets only in the document being edited: the editor puts the cursor on the placeholder there.
    if (caps.snippets && caps.documentChanges && e.snippet && e.file === ctx.file) return { range, snippet: { kind: 'snippet', value: e.snippet } };
    return { range, newText: e.newText };
  };
  if (!caps.documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const [file, edits] of byFile) changes[file === ctx.file ? doc.uri : fileToUri(file)] = edits.map((e) => toEdit(docOf(file), e) as TextEdit);
    return { changes };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const file of fix.creates ?? []) documentChanges.push(CreateFile.create(fileToUri(file), { ignoreIfExists: true }));
  for (const [file, edits] of byFile) {
    const d = docOf(file);
    const id: OptionalVersionedTextDocumentIdentifier = { uri: file === ctx.file ? doc.uri : d.uri, version: file === ctx.file ? doc.version : null };
    documentChanges.push(TextDocumentEdit.create(id, edits.map((e) => toEdit(d, e))));
  }
  return { documentChanges };
}

function languageOf(file: string): string {
  return path.extname(file) === '.json' ? 'json' : 'typescript';
}

/** Reads a file for fixes: the editor's unsaved text when it is open, else the disk. */
export function fileReader(openText: (uri: string) => string | undefined): (file: string) => string | undefined {
  return (file) => {
    const open = openText(fileToUri(file));
    if (open !== undefined) return open;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
}
