import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  CodeAction, CodeActionRequest, Diagnostic, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializeRequest, InitializedNotification,
  ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams, ShutdownRequest, StreamMessageReader,
  StreamMessageWriter, createProtocolConnection, Hover, TextEdit, WorkDoneProgress,
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

  /** Messages the server logged (window/logMessage), in order. */
  readonly logs: string[] = [];
  /** Work-done progress the server reported, per token, in order. */
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number; cancellable?: boolean } }[] = [];
  /** Requests the server sent to the client, by method (e.g. workspace/diagnostic/refresh). */
  readonly requests: string[] = [];

  constructor(command: string[] = ['node', path.join(ROOT, 'out/server/src/lsp/server.js'), '--stdio'], env: Record<string, string> = {}) {
    this.proc = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.proc.on('exit', (code) => (this.exited = code));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.requests.push('window/workDoneProgress/create');
      this.conn.onProgress(WorkDoneProgress.type, p.token, (value) => {
        this.progress.push({ token: p.token, value });
        this.wake();
      });
      return null;
    });
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.requests.push('workspace/diagnostic/refresh');
      this.wake();
      return null;
    });
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.listen();
  }

  /** Answers to workspace/configuration requests, by section (set before initialize to announce support). */
  settings?: (scopeUri: string | undefined, section: string | undefined) => unknown;

  /** Client capabilities announced beyond configuration (window.workDoneProgress, textDocument.diagnostic, …). */
  capabilities: Record<string, unknown> = {};

  private wake(): void {
    this.waiters.splice(0).forEach((w) => w());
  }

  /** Waits until `pred` holds, re-checking whenever the server sends something. */
  async until<T>(pred: () => T | undefined | false, what: string, timeoutMs = 20000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = pred();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nlogs: ${this.logs.join('\n')}\nstderr: ${this.stderr}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(200, Math.max(10, deadline - Date.now())));
        this.waiters.push(() => { clearTimeout(t); r(); });
      });
    }
  }

  command<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
    return this.conn.sendRequest('workspace/executeCommand', { command, arguments: args }) as Promise<T>;
  }

  async initialize(rootDir = ROOT): Promise<unknown> {
    if (this.settings) {
      this.conn.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
        params.items.map((i) => this.settings!(i.scopeUri, i.section)));
      this.conn.onRequest('client/registerCapability', () => null);
    }
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(rootDir).href,
      capabilities: merge(this.settings ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } : {}, this.capabilities),
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

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = prev && typeof prev === 'object' && v && typeof v === 'object' ? merge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
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
