// Open documents: each edit is analysed (debounced) in the index worker with the unsaved text, its findings
// kept for hover and its diagnostics stored; a file over the time budget is named once and parked.
import * as path from 'path';
import { Connection, Diagnostic, DiagnosticSeverity, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis/finding';
import type { ConfigProblem, ResolvedConfig } from '../config/config';
import type { IndexWorkerClient } from '../worker/indexClient';
import type { Outcome } from '../worker/indexProtocol';
import { SOURCE } from './convert';
import type { DiagnosticStore } from './diagnosticStore';
import type { FileSetups } from './fileSetup';
import { uriToFile } from './uris';

/** Analysis starts this long after the last keystroke (an open, save or retry starts at once). */
export const DEBOUNCE_MS = 200;
/** Open files importing an edited one are analysed again this long after its analysis. */
const DEPENDENTS_DEBOUNCE_MS = 300;
/** Live analysis skips larger documents (a minified bundle opened by mistake); the CLI's default limit too. */
export const MAX_LIVE_SIZE = 2 * 1024 * 1024;
/** One file's analysis (with the imports it needs that are not indexed yet) may take this long. */
export const TIME_BUDGET_MS = 8000;

/** What an edit of a parked document publishes: nothing (the note stays as it was). */
const UNCHANGED: Diagnostic[] = [];

interface DocState {
  /** Version the findings belong to; -1 before the first analysis. */
  version: number;
  findings: Finding[];
  config?: ResolvedConfig;
  timer?: NodeJS.Timeout;
  /** Bumped by every edit and every request to analyse again; an analysis publishes only for the latest. */
  gen: number;
  /** The generation last analysed (published). */
  done: number;
  running?: { gen: number; cancel(): void };
  /** Over the time budget: edits do not analyse it again; a retry (imports indexed, save) does. */
  parked?: { reason: string };
  /** The reason last named in the output for this document (each is named once). */
  named?: string;
  /** Pull requests waiting until nothing is pending. */
  waiters: (() => void)[];
  /** The version the document was opened with. */
  opened: number;
}

/** What the open documents and the workspace index share: the connection, the documents, the worker, configuration, diagnostics. */
export interface ServerParts {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  worker: IndexWorkerClient;
  setups: FileSetups;
  store: DiagnosticStore;
}

export interface OpenFilesHooks {
  enabled(uri: string): Promise<boolean>;
  configProblems(problems: ConfigProblem[]): void;
  /** Summaries of these files were dropped by this document's new text: their findings may change. */
  invalidated(files: string[], by: string): void;
  /** The budget ran out while these imports were being analysed: index them, then retry this file. */
  overBudget(file: string, uri: string, waitFor: string[], space: string): void;
}

/**
 * The open documents' side of the server. Every version is analysed once (newer edits cancel older
 * analyses); findings serve hover and code actions; diagnostics go to the store (pushed or pulled).
 */
export class OpenFiles {
  private readonly state = new Map<string, DocState>();

  private readonly connection: Connection;
  private readonly documents: TextDocuments<TextDocument>;
  private readonly worker: IndexWorkerClient;
  private readonly setups: FileSetups;
  private readonly store: DiagnosticStore;

  constructor(parts: ServerParts, private readonly hooks: OpenFilesHooks) {
    ({ connection: this.connection, documents: this.documents, worker: this.worker, setups: this.setups, store: this.store } = parts);
  }

  opened(doc: TextDocument): void {
    this.schedule(doc, 0);
  }

  changed(doc: TextDocument): void {
    // The document manager reports an open as a change too: the open is analysed at once, not debounced.
    const s = this.state.get(doc.uri);
    if (s && s.done === 0 && s.timer && s.opened === doc.version) return;
    this.schedule(doc, DEBOUNCE_MS);
  }

  /** A save retries a parked file (the user may have removed what made it too slow). */
  saved(doc: TextDocument): void {
    const s = this.state.get(doc.uri);
    if (s?.parked) {
      s.parked = undefined;
      this.schedule(doc, 0);
    }
  }

  closed(uri: string, languageId: string): void {
    const s = this.state.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    s?.running?.cancel();
    s?.waiters.forEach((w) => w());
    this.state.delete(uri);
    if (uri.startsWith('file:')) this.worker.overlay(uriToFile(uri, languageId), undefined);
  }

  /** Findings and configuration of an open document's last analysis. */
  get(uri: string): { version: number; findings: Finding[]; config?: ResolvedConfig } | undefined {
    return this.state.get(uri);
  }

  /**
   * Analyses these open documents again: an import changed, or a parked file's imports are indexed now
   * (`unpark`). Configuration changes leave parked files parked.
   */
  reanalyse(uris: readonly string[], delay = DEPENDENTS_DEBOUNCE_MS, unpark = true): void {
    for (const uri of uris) {
      const doc = this.documents.get(uri);
      const s = this.state.get(uri);
      if (!doc || !s) continue;
      if (unpark) s.parked = undefined;
      this.schedule(doc, delay);
    }
  }

  uris(): string[] {
    return [...this.state.keys()];
  }

  /**
   * Resolves once the document's latest edit (and any request to analyse it again) has been analysed; at
   * once for documents not open. A pull never waits longer than a budget and a half, whatever happens.
   */
  settled(uri: string): Promise<void> {
    const s = this.state.get(uri);
    if (!this.documents.get(uri) || !s || (s.done === s.gen && !s.timer)) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, TIME_BUDGET_MS * 1.5);
      s.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private schedule(doc: TextDocument, delay: number): void {
    const s: DocState = this.state.get(doc.uri) ?? { version: -1, findings: [], waiters: [], opened: doc.version, gen: 0, done: 0 };
    s.gen++;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.validate(doc.uri);
    }, delay);
    this.state.set(doc.uri, s);
  }

  private validate(uri: string): void {
    const doc = this.documents.get(uri);
    const s = this.state.get(uri);
    if (!doc || !s || s.running?.gen === s.gen) return;
    const gen = s.gen;
    s.running?.cancel(); // an older request: its result would be thrown away
    const running = { gen, cancel: () => undefined };
    s.running = running;
    const finish = (): void => {
      if (s.running === running) s.running = undefined;
    };
    void this.analyse(doc, s, running).then((result) => {
      finish();
      // A newer edit or request may have come meanwhile; its own analysis publishes.
      if (!result || s.gen !== gen || this.state.get(uri) !== s || this.documents.get(uri)?.version !== doc.version) return;
      s.version = doc.version;
      s.findings = result.findings;
      s.done = gen;
      if (result.diagnostics !== UNCHANGED) this.store.set(uri, result.diagnostics, doc.version, s.waiters.length > 0);
      if (!s.timer) s.waiters.splice(0).forEach((w) => w());
    }, (e) => {
      finish();
      this.connection.console.error(`Montana PII Guard: analysis failed: ${(e as Error).stack ?? e}`);
    });
  }

  private async analyse(doc: TextDocument, s: DocState, running: { cancel(): void }): Promise<{ findings: Finding[]; diagnostics: Diagnostic[] } | undefined> {
    const version = doc.version;
    const file = uriToFile(doc.uri, doc.languageId);
    const enabled = await this.hooks.enabled(doc.uri);
    if (this.documents.get(doc.uri)?.version !== version) return undefined;
    const done = (findings: Finding[], diagnostics: Diagnostic[]) => ({ findings, diagnostics });
    if (!enabled) return done([], []);
    let setup;
    try {
      setup = this.setups.forFile(file);
    } catch (e) {
      this.connection.console.error(`Montana PII Guard: configuration failed: ${(e as Error).stack ?? e}`);
      return done([], []);
    }
    this.hooks.configProblems(setup.problems);
    s.config = setup.config;
    if (setup.skip) return done([], []);
    const text = doc.getText();
    if (text.length > MAX_LIVE_SIZE) {
      return done([], [note(`Montana PII Guard skipped this file: ${(text.length / 1024 / 1024).toFixed(1)} MB is over the ${MAX_LIVE_SIZE / 1024 / 1024} MB limit for live analysis. Run \`mt-pii scan --max-file-size\` to check it.`)]);
    }
    // Parked (over budget): named once; edits leave it until its imports are indexed or it is saved.
    if (s.parked) {
      this.worker.overlay(file, text); // files importing it still see what the user typed
      return done([], UNCHANGED);
    }
    const job = this.worker.analyse(file, doc.uri, text, setup.space, TIME_BUDGET_MS);
    running.cancel = job.cancel;
    const outcome = await job.result;
    if (outcome.invalidated?.length) this.hooks.invalidated(outcome.invalidated.filter((f) => f !== file), file);
    if (outcome.error === 'superseded' || this.documents.get(doc.uri)?.version !== version) return undefined;
    if (outcome.error === 'restarted') {
      // The worker was replaced because of another file: this one is simply sent again.
      this.schedule(doc, 0);
      return undefined;
    }
    return done(outcome.findings ?? [], this.diagnosticsOf(outcome, doc, s, file, setup.problems, setup.space));
  }

  private diagnosticsOf(outcome: Outcome, doc: TextDocument, s: DocState, file: string, problems: ConfigProblem[], space: string): Diagnostic[] {
    const name = this.setups.relative(file);
    if (outcome.overBudget) {
      s.parked = { reason: `Montana PII Guard could not analyse this file: ${outcome.error}. It is analysed again once the files it imports are indexed, or when you save it.` };
      if (s.named !== outcome.error) this.connection.console.warn(`Montana PII Guard: ${name}: ${outcome.error}; it will be retried once its imports are indexed.`);
      s.named = outcome.error;
      this.hooks.overBudget(file, doc.uri, outcome.waitFor ?? [], space);
      return [note(s.parked.reason)];
    }
    if (outcome.error) return [note(`Montana PII Guard could not analyse this file: ${outcome.error}.`)];
    const diags = [...(outcome.diagnostics ?? [])];
    if (outcome.truncated) diags.push(note('Montana PII Guard: part of this file nests too deeply to follow; findings there may be missing.'));
    if (problems.length) {
      diags.push(note(`Montana PII Guard: ${path.basename(problems[0].file)} has problems (shown in that file); its last valid version is in force.`));
    }
    return diags;
  }
}

export function note(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message,
  };
}
