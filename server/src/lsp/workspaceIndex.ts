// The background index of the workspace: every source file analysed in the index worker at start-up (and on
// Scan Workspace), with cancellable work-done progress; closed files' findings; retries of files over budget.
import { CancellationToken, Connection, TextDocuments, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { listSourceFilesAsync } from '../project/walkAsync';
import type { IndexWorkerClient } from '../worker/indexClient';
import type { IndexItem, IndexedFile, WorkerStats } from '../worker/indexProtocol';
import type { DiagnosticStore } from './diagnosticStore';
import type { FileSetups } from './fileSetup';
import { TIME_BUDGET_MS, type OpenFiles, type ServerParts } from './openFiles';
import { fileToUri, uriToFile } from './uris';

export const INDEX_TITLE = 'Montana PII Guard: indexing';
/** Progress is reported at most this often. */
const REPORT_MS = 200;
/** A file over budget is retried at most this many times per pass (each retry needs its imports indexed first). */
const MAX_RETRIES = 3;

export interface PassOutcome {
  files: number;
  findings: number;
  cancelled: boolean;
  ms: number;
}

interface Pass {
  cancelled: boolean;
  total: number;
  done: number;
  findings: number;
  started: number;
  pending: Map<string, IndexItem>;
  progress: WorkDoneProgressReporter;
  reportedAt: number;
  finish(outcome: PassOutcome): void;
}

interface Retry {
  uri: string;
  space: string;
  warmOnly: boolean;
  /** Imports (analysed on their own first) before the retry. */
  waitFor: Set<string>;
  attempts: number;
}

export interface IndexStatus {
  state: 'indexing' | 'idle' | 'cancelled' | 'never';
  files: number;
  done: number;
  findings: number;
  /** Files that could not be analysed, with the reason (each named once in the output). */
  failed: { file: string; reason: string }[];
  worker?: WorkerStats;
}

/**
 * Runs passes over the workspace (one at a time; a new one cancels the old), keeps closed files'
 * diagnostics in the store, re-analyses the files whose summaries an edit dropped, and retries files over
 * their budget once the imports they were stopped in are indexed.
 */
export class WorkspaceIndex {
  private pass?: Pass;
  private last?: PassOutcome & { cancelled: boolean };
  /** Workspace files of the last listing. */
  private known = new Set<string>();
  private readonly retries = new Map<string, Retry>();
  private readonly failed = new Map<string, string>();
  /** Background work is allowed (mtPii.index.enable). */
  enabled = true;

  private readonly connection: Connection;
  private readonly documents: TextDocuments<TextDocument>;
  private readonly worker: IndexWorkerClient;
  private readonly setups: FileSetups;
  private readonly store: DiagnosticStore;

  constructor(parts: ServerParts, private readonly open: OpenFiles, private readonly folders: () => readonly string[]) {
    ({ connection: this.connection, documents: this.documents, worker: this.worker, setups: this.setups, store: this.store } = parts);
  }

  get running(): boolean {
    return !!this.pass;
  }

  /** Indexes every file of the workspace folders; resolves when done or cancelled. */
  async run(progress: WorkDoneProgressReporter, token?: CancellationToken): Promise<PassOutcome> {
    this.cancel();
    let finish!: (o: PassOutcome) => void;
    const done = new Promise<PassOutcome>((r) => (finish = r));
    const pass: Pass = { cancelled: false, total: 0, done: 0, findings: 0, started: Date.now(), pending: new Map(), progress, reportedAt: 0, finish };
    this.pass = pass;
    progress.begin(INDEX_TITLE, 0, 'listing files', true);
    token?.onCancellationRequested(() => this.cancel());
    (progress as Partial<{ token: CancellationToken }>).token?.onCancellationRequested(() => this.cancel());
    const files = await listSourceFilesAsync(this.folders(), () => pass.cancelled);
    if (pass.cancelled) return done;
    this.known = new Set(files);
    const items: IndexItem[] = [];
    for (const file of files) {
      const uri = fileToUri(file);
      let setup;
      try {
        setup = this.setups.forFile(file);
      } catch {
        continue;
      }
      if (setup.skip) {
        if (!this.documents.get(uri)) this.store.delete(uri);
        continue;
      }
      const item = { file, uri, space: setup.space, budgetMs: TIME_BUDGET_MS };
      items.push(item);
      pass.pending.set(file, item);
      if (items.length % 500 === 0) await new Promise((r) => setImmediate(r)); // keep answering while configurations load
      if (pass.cancelled) return done;
    }
    for (const r of this.retries.values()) r.attempts = 0;
    pass.total = items.length;
    progress.report(0, `0/${items.length} files`);
    this.worker.index(items);
    if (!items.length) this.complete(pass);
    return done;
  }

  /** Stops the running pass (what was indexed stays). */
  cancel(): void {
    const pass = this.pass;
    if (!pass) return;
    pass.cancelled = true;
    this.worker.cancelIndex();
    this.complete(pass);
  }

  async status(): Promise<IndexStatus> {
    const p = this.pass ?? this.last;
    const state = this.pass ? 'indexing' : this.last ? (this.last.cancelled ? 'cancelled' : 'idle') : 'never';
    return {
      state, files: this.pass?.total ?? this.last?.files ?? 0, done: this.pass?.done ?? this.last?.files ?? 0, findings: p?.findings ?? 0,
      failed: [...this.failed].map(([file, reason]) => ({ file, reason })), worker: await this.worker.stats(),
    };
  }

  /** Background results from the worker. */
  indexed(results: IndexedFile[]): void {
    const pass = this.pass;
    for (const r of results) {
      const counted = !r.warmOnly && !!pass?.pending.delete(r.file);
      if (counted) pass!.done++;
      if (!r.warmOnly && this.documents.get(r.uri)) {
        // An open document is analysed (and named, retried) from its own unsaved text.
        if (counted) pass!.findings += r.diagnostics?.length ?? 0;
        this.importIndexed(r.file);
        continue;
      }
      if (r.overBudget) {
        this.name(r.file, r.error!);
        const retry = this.retries.get(r.file);
        this.retryAfter(r.file, r.uri, r.waitFor ?? [], retry?.space ?? this.spaceOf(r), !!r.warmOnly);
      } else {
        if (r.error) this.name(r.file, r.error);
        else this.failed.delete(r.file);
        if (!r.warmOnly) {
          this.store.set(r.uri, r.diagnostics ?? []);
          if (counted) pass!.findings += r.diagnostics?.length ?? 0;
          const retry = this.retries.get(r.file);
          if (retry && !retry.warmOnly) this.retries.delete(r.file);
        } else this.retries.delete(r.file);
        this.importIndexed(r.file);
      }
    }
    if (pass && !pass.cancelled) {
      const now = Date.now();
      if (now - pass.reportedAt >= REPORT_MS) {
        pass.reportedAt = now;
        pass.progress.report(pass.total ? Math.floor((pass.done / pass.total) * 100) : 100, `${pass.done}/${pass.total} files`);
      }
      if (!pass.pending.size) this.complete(pass);
    }
  }

  /** The worker's queue ran empty: files over budget whose imports are all indexed now are retried. */
  idle(): void {
    for (const [file, r] of this.retries) if (!r.waitFor.size) this.retryNow(file, r);
  }

  /** Summaries of these files were dropped (an edit, a disk change): open ones are analysed again, closed ones re-indexed. */
  invalidated(files: string[]): void {
    const openByFile = new Map(this.documents.all().map((d) => [uriToFile(d.uri, d.languageId), d.uri]));
    const reopen: string[] = [];
    const items: IndexItem[] = [];
    for (const file of files) {
      const uri = openByFile.get(file);
      if (uri) reopen.push(uri);
      else if (this.enabled && this.known.has(file)) {
        const setup = this.setups.forFile(file);
        if (!setup.skip) items.push({ file, uri: fileToUri(file), space: setup.space, budgetMs: TIME_BUDGET_MS });
      }
    }
    // A parked document stays parked: its retry comes when its imports are indexed.
    this.open.reanalyse(reopen, undefined, false);
    this.worker.index(items, true);
  }

  /** New source files on disk: indexed (when indexing is on), and re-indexed later when they change. */
  created(files: string[]): void {
    for (const f of files) this.known.add(f);
    this.invalidated(files);
  }

  /** A file ran over budget while analysing `waitFor`: those are indexed on their own, then it is retried. */
  retryAfter(file: string, uri: string, waitFor: string[], space: string, warmOnly = false): void {
    const r = this.retries.get(file) ?? { uri, space, warmOnly, waitFor: new Set<string>(), attempts: 0 };
    r.attempts++;
    r.waitFor = new Set(waitFor);
    this.retries.set(file, r);
    if (r.attempts > MAX_RETRIES || !this.enabled) return; // until the next pass, or a save
    this.worker.index(waitFor.map((f) => ({ file: f, uri: fileToUri(f), space, budgetMs: TIME_BUDGET_MS, warmOnly: true })), true);
  }

  /** A worker that died or hung was replaced: its queue is sent again, without the file it hung on. */
  restarted(reason: string, stuck: string | undefined): void {
    this.connection.console.warn(`Montana PII Guard: ${reason}.`);
    if (stuck) {
      this.name(stuck, reason);
      this.pass?.pending.delete(stuck);
    }
    if (this.pass) this.worker.index([...this.pass.pending.values()]);
    if (this.pass && !this.pass.pending.size) this.complete(this.pass);
  }

  private importIndexed(file: string): void {
    for (const [f, r] of this.retries) {
      if (r.waitFor.delete(file) && !r.waitFor.size) this.retryNow(f, r);
    }
  }

  private retryNow(file: string, r: Retry): void {
    if (r.attempts > MAX_RETRIES || !this.enabled) return;
    if (this.documents.get(r.uri)) {
      this.retries.delete(file);
      this.open.reanalyse([r.uri], 0);
    } else this.worker.index([{ file, uri: r.uri, space: r.space, budgetMs: TIME_BUDGET_MS, ...(r.warmOnly ? { warmOnly: true } : {}) }], true);
  }

  private spaceOf(r: IndexedFile): string {
    return this.pass?.pending.get(r.file)?.space ?? this.setups.forFile(r.file).space;
  }

  /** Names a file that could not be analysed in the output, once per reason. */
  private name(file: string, reason: string): void {
    if (this.failed.get(file) === reason) return;
    this.failed.set(file, reason);
    this.connection.console.warn(`Montana PII Guard: ${this.setups.relative(file)}: ${reason}${/budget|longer/.test(reason) ? '; it is retried once its imports are indexed' : ''}.`);
  }

  private complete(pass: Pass): void {
    if (this.pass !== pass) return;
    this.pass = undefined;
    const outcome = { files: pass.done, findings: pass.findings, cancelled: pass.cancelled, ms: Date.now() - pass.started };
    this.last = outcome;
    pass.progress.done();
    const secs = (outcome.ms / 1000).toFixed(1);
    this.connection.console.info(`Montana PII Guard: ${pass.cancelled ? 'indexing cancelled after' : 'indexed'} ${pass.done} of ${pass.total} files in ${secs} s, ${pass.findings} finding(s).`);
    // Files still over budget get one more try each, their imports now indexed.
    if (!pass.cancelled) this.idle();
    pass.finish(outcome);
  }
}
