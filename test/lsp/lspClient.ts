import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  CodeAction, CodeActionRequest, Diagnostic, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializeRequest, InitializedNotification,
  ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams, ShutdownRequest, StreamMessageReader,
  StreamMessageWriter, createProtocolConnection, Hover, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'url';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A minimal LSP client over the server's stdio, the way an editor drives it. */
export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  stderr = '';
  exited: number | null = null;

  constructor(command: string[] = ['node', path.join(ROOT, 'out/server/src/lsp/server.js'), '--stdio']) {
    this.proc = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.proc.on('exit', (code) => (this.exited = code));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  /** Answers to workspace/configuration requests, by section (set before initialize to announce support). */
  settings?: (scopeUri: string | undefined, section: string | undefined) => unknown;

  async initialize(rootDir = ROOT): Promise<unknown> {
    if (this.settings) {
      this.conn.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
        params.items.map((i) => this.settings!(i.scopeUri, i.section)));
      this.conn.onRequest('client/registerCapability', () => null);
    }
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(rootDir).href,
      capabilities: this.settings ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } : {},
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'ws' }],
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, text: string, languageId = 'typescript', version = 1): void {
    void this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, text: string, version: number): void {
    void this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  watchedFilesChanged(uris: string[]): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: uris.map((uri) => ({ uri, type: 2 })) });
  }

  configurationChanged(): void {
    void this.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** The last diagnostics published for `uri`, if any. */
  last(uri: string): Diagnostic[] | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1]?.diagnostics;
  }

  close(uri: string): void {
    void this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Waits for a publishDiagnostics for `uri` (for `version`, if given) that satisfies `pred`. */
  async diagnostics(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, version?: number, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.published.get(uri) ?? [];
      const last = list[list.length - 1];
      if (last && (version === undefined || last.version === version) && pred(last.diagnostics)) return last.diagnostics;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(last)}\nstderr: ${this.stderr}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(10, deadline - Date.now()));
        this.waiters.push(() => { clearTimeout(t); r(); });
      });
    }
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async codeActions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const res = await this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    return (res ?? []) as CodeAction[];
  }

  async shutdown(): Promise<void> {
    if (this.exited === null) {
      await this.conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await this.conn.sendNotification(ExitNotification.type).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 50));
    this.conn.dispose();
    if (this.exited === null) this.proc.kill();
  }
}

/** Applies LSP text edits (in any order) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
