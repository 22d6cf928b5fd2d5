// The Montana PII Guard language server: wires the LSP connection to the open documents, the background
// workspace index, diagnostics (pushed or pulled), hover, quick fixes, commands and settings.
import {
  CodeAction, CodeActionKind, Connection, DidChangeConfigurationNotification, FileChangeType, Hover, InitializeParams,
  InitializeResult, MarkupKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments, WorkDoneProgressReporter, createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION, classifierFor } from '../analysis';
import { isSourceFile } from '../analysis/parse';
import { Catalog, loadCatalog } from '../catalog/load';
import { productVersion } from '../catalog/docs';
import * as path from 'path';
import { CONFIG_FILE, DEFAULT_CONFIG } from '../config/config';
import { ConfigLoader } from '../config/discover';
import { IndexWorkerClient } from '../worker/indexClient';
import { EditCapabilities, FIX_ALL_KIND, codeActions, fileReader } from './codeActions';
import { registerDataMap } from './dataMap';
import { ConfigProblems } from './configProblems';
import { SOURCE } from './convert';
import { DiagnosticStore } from './diagnosticStore';
import { FileSetups } from './fileSetup';
import { hoverMarkdown } from './hover';
import { OpenFiles } from './openFiles';
import { uriToFile } from './uris';
import { WorkspaceIndex } from './workspaceIndex';

export const SCAN_WORKSPACE_COMMAND = 'mtPii.scanWorkspace';
export const STOP_INDEXING_COMMAND = 'mtPii.stopIndexing';
export const INDEX_STATUS_COMMAND = 'mtPii.indexStatus';

/** Memory the index may hold by default (mtPii.index.memoryMB). */
export const DEFAULT_INDEX_MEMORY_MB = 512;

interface IndexSettings {
  enable: boolean;
  memoryMB: number;
}

/**
 * The language server. Analysis runs in one worker thread that holds the project index (summaries per file
 * content and configuration); this thread only routes messages, so hover and edits keep answering while
 * the workspace is indexed. The same engine as the CLI; nothing here names a vendor or a law.
 */
export class PiiServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly catalog: Catalog;
  private readonly knownRules: Set<string>;
  private readonly worker: IndexWorkerClient;
  private configs: ConfigLoader;
  private readonly configProblems: ConfigProblems;
  private readonly enabled = new Map<string, Promise<boolean>>();
  private canAskSettings = false;
  private folders: string[] = [];
  private indexSettings: IndexSettings = { enable: true, memoryMB: DEFAULT_INDEX_MEMORY_MB };
  private store!: DiagnosticStore;
  private open!: OpenFiles;
  private index!: WorkspaceIndex;
  private editCaps: EditCapabilities = { documentChanges: false, snippets: false, createFiles: false };

  constructor(private readonly connection: Connection) {
    const { catalog, problems } = loadCatalog();
    this.catalog = catalog;
    this.configs = new ConfigLoader(catalog.rulesDir);
    this.configProblems = new ConfigProblems(connection, () => this.configs);
    this.knownRules = new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);
    this.worker = new IndexWorkerClient(catalog.rulesDir, DEFAULT_INDEX_MEMORY_MB * 1024 * 1024, {
      indexed: (results) => this.index.indexed(results),
      idle: () => this.index.idle(),
      invalidated: (files) => this.index.invalidated(files),
      restarted: (reason, stuck) => {
        this.index.restarted(reason, stuck);
        this.open.reanalyse(this.open.uris(), 0, false);
      },
    }, () => this.documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => [uriToFile(d.uri, d.languageId), d.getText()]));
    connection.onShutdown(() => {
      this.index?.cancel();
      return this.worker.close();
    });
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.canAskSettings) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
      if (problems.length) {
        const text = problems.map((p) => `${p.file}${p.path ? ` (${p.path})` : ''}: ${p.message}`).join('\n');
        connection.console.error(`Montana PII Guard: rule data problems; the valid rules still run:\n${text}`);
        void connection.window.showWarningMessage('Montana PII Guard: some rule data is invalid; see the output channel.');
      }
      void this.applyIndexSettings(true);
    });
    // Settings or mt-pii.json files changed: everything open is checked again.
    connection.onDidChangeConfiguration(() => {
      this.enabled.clear();
      this.open.reanalyse(this.open.uris(), 0, false);
      void this.applyIndexSettings(false);
    });
    connection.onDidChangeWatchedFiles((params) => {
      const configChanged = params.changes.some((c) => c.uri.endsWith('/' + CONFIG_FILE) || this.configs.namesFile(uriToFile(c.uri)));
      const sources = params.changes.filter((c) => isSourceFile(c.uri));
      if (sources.length) {
        for (const c of sources) if (c.type === FileChangeType.Deleted && !this.documents.get(c.uri)) this.store.delete(c.uri);
        this.worker.filesChanged(sources.map((c) => uriToFile(c.uri)), sources.some((c) => c.type !== FileChangeType.Changed));
        this.index.created(sources.filter((c) => c.type === FileChangeType.Created).map((c) => uriToFile(c.uri)));
      }
      if (configChanged) {
        this.configs.reset();
        this.open.reanalyse(this.open.uris(), 0, false);
        if (!this.open.uris().length) this.configProblems.publish([]);
        if (this.indexSettings.enable) void this.startIndex();
      }
    });
    connection.onExecuteCommand(async (params, token, workDone) => {
      switch (params.command) {
        case SCAN_WORKSPACE_COMMAND: {
          const outcome = await this.index.run(workDone ?? await connection.window.createWorkDoneProgress(), token);
          const text = `Montana PII Guard: ${outcome.cancelled ? 'indexing cancelled after' : 'indexed'} ${outcome.files} files, ${outcome.findings} finding(s).`;
          void connection.window.showInformationMessage(text);
          return outcome;
        }
        case STOP_INDEXING_COMMAND:
          this.index.cancel();
          return this.index.status();
        case INDEX_STATUS_COMMAND: {
          const status = await this.index.status();
          const w = status.worker;
          connection.console.info(`Montana PII Guard: index ${status.state}, ${status.done}/${status.files} files, ${status.findings} finding(s)`
            + (w ? `, ${w.entries} summaries in ${(w.bytes / 1048576).toFixed(1)} of ${(w.budgetBytes / 1048576).toFixed(0)} MB` : '')
            + (status.failed.length ? `; not analysed: ${status.failed.map((f) => `${f.file} (${f.reason})`).join(', ')}` : '') + '.');
          return status;
        }
      }
      return null;
    });
    this.documents.onDidOpen((e) => this.open.opened(e.document));
    this.documents.onDidChangeContent((e) => this.open.changed(e.document));
    this.documents.onDidSave((e) => this.open.saved(e.document));
    this.documents.onDidClose((e) => {
      this.open.closed(e.document.uri, e.document.languageId);
      this.enabled.delete(e.document.uri);
      // A closed file shows what the index knows of it (the index looks at it again: the buffer may differ from disk).
      this.store.delete(e.document.uri);
      if (e.document.uri.startsWith('file:')) this.index.invalidated([uriToFile(e.document.uri, e.document.languageId)]);
    });
    connection.languages.diagnostics.on((params, token) =>
      this.store.documentReport(params.textDocument.uri, params.previousResultId, this.open.settled(params.textDocument.uri), token));
    connection.languages.diagnostics.onWorkspace((params, token, _workDone, partial) =>
      this.store.workspaceReport(params.previousResultIds, token, () => this.index.running, partial));
    connection.onHover((params): Hover | null => this.guard('hover', () => this.hover(params.textDocument.uri, params.position), null));
    connection.onCodeAction((params): CodeAction[] => this.guard('code action', () => {
      const doc = this.documents.get(params.textDocument.uri);
      const s = this.open.get(params.textDocument.uri);
      // Findings of an older version of the document would put edits in the wrong places: none then.
      if (!doc || !s || s.version !== doc.version) return [];
      const file = uriToFile(doc.uri, doc.languageId);
      const config = s.config ?? DEFAULT_CONFIG;
      return codeActions(params, {
        doc, findings: s.findings, caps: this.editCaps,
        ctx: {
          file, text: doc.getText(), catalog: this.catalog, classifier: classifierFor(this.catalog, config.names), config, knownRules: this.knownRules,
          readFile: fileReader((uri) => this.documents.get(uri)?.getText()),
          workspaceRoot: this.folders.find((f) => !path.relative(f, file).startsWith('..')) ?? this.folders[0], findings: s.findings,
        },
        onError: (e) => this.connection.console.error(`Montana PII Guard: a quick fix failed: ${(e as Error).stack ?? e}`),
      });
    }, []));
    registerDataMap(connection, { folders: () => this.folders, rulesDir: catalog.rulesDir });
    this.documents.listen(connection);
  }

  listen(): void {
    this.connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri));
    if (!folders.length && params.rootUri) folders.push(uriToFile(params.rootUri));
    this.folders = folders;
    this.configs = new ConfigLoader(this.catalog.rulesDir, folders);
    this.canAskSettings = !!params.capabilities.workspace?.configuration;
    const we = params.capabilities.workspace?.workspaceEdit;
    this.editCaps = { documentChanges: !!we?.documentChanges, snippets: !!we?.snippetEditSupport, createFiles: !!we?.resourceOperations?.includes('create') };
    const pull = !!params.capabilities.textDocument?.diagnostic;
    this.store = new DiagnosticStore(this.connection, pull, !!params.capabilities.workspace?.diagnostics?.refreshSupport);
    const setups = new FileSetups(() => this.configs, this.worker, () => this.folders);
    const parts = { connection: this.connection, documents: this.documents, worker: this.worker, setups, store: this.store };
    this.open = new OpenFiles(parts, {
      enabled: (uri) => this.enabledFor(uri),
      configProblems: (problems) => this.configProblems.publish(problems),
      invalidated: (files) => this.index.invalidated(files),
      overBudget: (file, uri, waitFor, space) => this.index.retryAfter(file, uri, waitFor, space),
    });
    this.index = new WorkspaceIndex(parts, this.open, () => this.folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND, STOP_INDEXING_COMMAND, INDEX_STATUS_COMMAND] },
        ...(pull ? { diagnosticProvider: { identifier: SOURCE, interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'mt-pii', version: productVersion() },
    };
  }

  /** Reads mtPii.index.*; starts the index at start-up (or when turned on), stops it when turned off. */
  private async applyIndexSettings(startup: boolean): Promise<void> {
    const before = this.indexSettings;
    if (this.canAskSettings) {
      const v = await this.connection.workspace.getConfiguration({ section: 'mtPii' })
        .then((x: { index?: Partial<IndexSettings> } | null) => x?.index, () => undefined);
      const mb = Number(v?.memoryMB);
      this.indexSettings = { enable: v?.enable !== false, memoryMB: Number.isFinite(mb) && mb > 0 ? Math.max(16, mb) : DEFAULT_INDEX_MEMORY_MB };
    }
    this.worker.setBudget(this.indexSettings.memoryMB * 1024 * 1024);
    this.index.enabled = this.indexSettings.enable;
    if (!this.indexSettings.enable) this.index.cancel();
    else if (startup || !before.enable) await this.startIndex();
  }

  private async startIndex(): Promise<void> {
    const progress: WorkDoneProgressReporter = await this.connection.window.createWorkDoneProgress();
    await this.index.run(progress);
  }

  /** `mtPii.enable` for a document's folder (per resource), cached until settings change. */
  private enabledFor(uri: string): Promise<boolean> {
    if (!this.canAskSettings) return Promise.resolve(true);
    let p = this.enabled.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'mtPii' })
        .then((v: { enable?: boolean } | null) => v?.enable !== false, () => true);
      this.enabled.set(uri, p);
    }
    return p;
  }

  private hover(uri: string, position: { line: number; character: number }): Hover | null {
    const doc = this.documents.get(uri);
    const s = this.open.get(uri);
    if (!doc || !s || !s.findings.length) return null;
    const offset = doc.offsetAt(position);
    const hits = s.findings.filter((f) => f.start <= offset && offset <= f.end);
    if (!hits.length) return null;
    const start = Math.min(...hits.map((f) => f.start));
    const end = Math.max(...hits.map((f) => f.end));
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: hoverMarkdown(hits, this.catalog, classifierFor(this.catalog), (o) => doc.positionAt(o).line + 1, s.config),
      },
      range: { start: doc.positionAt(start), end: doc.positionAt(end) },
    };
  }

  /** Runs a handler; an exception is logged and answered with `fallback`, never a dead server. */
  private guard<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      this.connection.console.error(`Montana PII Guard: ${what} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  }
}

/** Starts the server on the transport named on the command line (--stdio, --node-ipc, --socket=). */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`Montana PII Guard: uncaught ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Montana PII Guard: unhandled rejection ${String(e)}`));
  new PiiServer(connection).listen();
}

if (require.main === module) startServer();
