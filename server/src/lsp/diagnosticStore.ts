// The current diagnostics of every file, open or closed, and how the client gets them: pushed
// (textDocument/publishDiagnostics) or pulled (textDocument/diagnostic, workspace/diagnostic) when it can.
import {
  CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport, LSPErrorCodes, ResponseError,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';

interface Current {
  resultId: string;
  diagnostics: Diagnostic[];
  /** The document version they belong to (open files only). */
  version?: number;
  /** JSON of `diagnostics`, to tell a change from a repeat. */
  json: string;
}

/**
 * Holds what each file's diagnostics are now. In push mode each change is published; in pull mode the
 * client asks: a document pull waits until the server has analysed the document's current version, a
 * workspace pull returns what changed since the result ids the client holds (waiting for a change when
 * nothing has), and the client is asked to pull again when open files change for another file's reason.
 */
export class DiagnosticStore {
  private readonly current = new Map<string, Current>();
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private refreshTimer?: NodeJS.Timeout;

  constructor(
    private readonly connection: Connection,
    /** The client pulls (it announced textDocument.diagnostic). */
    readonly pull: boolean,
    private readonly canRefresh: boolean,
  ) {}

  /**
   * Sets a file's diagnostics. Open files are published on every analysis (with their version); closed
   * files only when their diagnostics change. `fromPull` marks results a pending document pull will carry.
   */
  set(uri: string, diagnostics: Diagnostic[], version?: number, fromPull = false): void {
    // A closed file without findings is not kept: thousands of empty reports would say nothing.
    if (version === undefined && !diagnostics.length) return this.delete(uri);
    const json = JSON.stringify(diagnostics);
    const old = this.current.get(uri);
    const changed = !old || old.json !== json;
    if (changed || old?.version !== version) {
      this.current.set(uri, { resultId: changed || !old ? String(this.nextId++) : old.resultId, diagnostics, version, json });
    }
    if (!this.pull) {
      if (changed || version !== undefined) void this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
    } else if (changed) {
      this.waiters.splice(0).forEach((w) => w());
      if (version !== undefined && !fromPull) this.refreshSoon();
    }
  }

  /** Forgets a file (deleted, excluded): its diagnostics are cleared in the client. */
  delete(uri: string): void {
    if (!this.current.delete(uri)) return;
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    else this.waiters.splice(0).forEach((w) => w());
  }

  get(uri: string): Diagnostic[] | undefined {
    return this.current.get(uri)?.diagnostics;
  }

  has(uri: string): boolean {
    return this.current.has(uri);
  }

  /** Answers a document pull once `settled` (the document's current version analysed) resolves. */
  async documentReport(uri: string, previousResultId: string | undefined, settled: Promise<void>, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    await Promise.race([settled, new Promise<void>((r) => token.onCancellationRequested(() => r()))]);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version is being analysed', { retriggerRequest: true });
    const cur = this.current.get(uri);
    if (!cur) return { kind: 'full', items: [] };
    if (previousResultId === cur.resultId) return { kind: 'unchanged', resultId: cur.resultId };
    return { kind: 'full', resultId: cur.resultId, items: cur.diagnostics };
  }

  /**
   * Answers a workspace pull: full reports for files whose result id differs from the client's, and empty
   * ones for files it holds that have none now. With nothing to report it waits for the next change; with
   * `partial`, batches found while waiting are streamed until the index is idle.
   */
  async workspaceReport(
    previous: { uri: string; value: string }[], token: CancellationToken, indexing: () => boolean,
    partial?: { report(data: { items: WorkspaceDocumentDiagnosticReport[] }): void },
  ): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    for (;;) {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [uri, cur] of this.current) {
        if (known.get(uri) === cur.resultId) continue;
        known.set(uri, cur.resultId);
        items.push({ kind: 'full', uri, version: cur.version ?? null, resultId: cur.resultId, items: cur.diagnostics });
      }
      for (const uri of [...known.keys()]) {
        if (this.current.has(uri)) continue;
        known.delete(uri);
        items.push({ kind: 'full', uri, version: null, items: [] });
      }
      if (items.length && (!partial || !indexing())) return { items };
      if (items.length) partial!.report({ items });
      if (token.isCancellationRequested) return { items: [] };
      await this.nextChange(token);
      if (token.isCancellationRequested) return { items: [] };
    }
  }

  /** Resolves at the next change of any file's diagnostics (batched a little), or on cancellation. */
  private nextChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const done = () => setTimeout(resolve, 100);
      this.waiters.push(done);
      token.onCancellationRequested(() => resolve());
    });
  }

  /** Asks the client to pull open documents again (their diagnostics changed without an edit of theirs). */
  refreshSoon(): void {
    if (!this.pull || !this.canRefresh || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, 50);
  }
}
