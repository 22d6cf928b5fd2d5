import * as path from 'path';
import {
  CodeAction, CodeActionKind, Connection, Diagnostic, DiagnosticSeverity, DidChangeConfigurationNotification, Hover,
  InitializeParams, InitializeResult, MarkupKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION, classifierFor } from '../analysis';
import type { Finding } from '../analysis/finding';
import { Catalog, loadCatalog } from '../catalog/load';
import { productVersion, ruleDocUri } from '../catalog/docs';
import { CONFIG_FILE, ConfigProblem, DEFAULT_CONFIG, ResolvedConfig, analyzeOptionsOf, isIncluded } from '../config/config';
import { ConfigLoader } from '../config/discover';
import { EditCapabilities, FIX_ALL_KIND, codeActions, fileReader } from './codeActions';
import { SOURCE, toDiagnostic } from './convert';
import { hoverMarkdown } from './hover';
import { fileToUri, uriToFile } from './uris';
import { AnalysisPool } from '../worker/pool';
import { isTestPath } from '../project/files';
import { WorkspaceScan } from './workspaceScan';

export const SCAN_WORKSPACE_COMMAND = 'mtPii.scanWorkspace';

/** Live analysis skips larger documents (a minified bundle opened by mistake). */
const MAX_LIVE_SIZE = 2 * 1024 * 1024;
/** A single analysis may take this long before its worker is stopped and the file gets a note. */
const TIME_BUDGET_MS = 8000;
const DEBOUNCE_MS = 200;
/** Other open files are re-analysed this long after an edit (they may import the edited file). */
const DEPENDENTS_DEBOUNCE_MS = 600;
/** Unsaved buffers of other open files sent with each analysis: at most this many, this many bytes. */
const MAX_OVERLAYS = 50;
const MAX_OVERLAY_BYTES = 8 * 1024 * 1024;

interface DocState {
  /** Version the findings belong to; -1 before the first analysis. */
  version: number;
  findings: Finding[];
  timer?: NodeJS.Timeout;
  /** Version being analysed now, if any. */
  running?: number;
  config?: ResolvedConfig;
}

interface Settings {
  enable: boolean;
}

/**
 * The Montana PII Guard language server: push diagnostics on open and (debounced) on change, hover
 * with the law behind a finding, quick fixes that add suppression directives, and the team's
 * mt-pii.json (problems shown in that file, the last valid version kept). The same engine as the CLI;
 * nothing here names a vendor or a law.
 */
export class PiiServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly state = new Map<string, DocState>();
  private readonly catalog: Catalog;
  private readonly knownRules: Set<string>;
  /** Analysis runs in a worker thread: the server keeps answering, deep files get a big stack, overruns are stopped. */
  private readonly pool: AnalysisPool;
  private configs: ConfigLoader;
  /** mt-pii.json files that currently have problems published on them. */
  private readonly configDiagnostics = new Set<string>();
  private readonly settings = new Map<string, Promise<Settings>>();
  private canAskSettings = false;
  private folders: string[] = [];
  private readonly scan: WorkspaceScan;
  private editCaps: EditCapabilities = { documentChanges: false, snippets: false, createFiles: false };

  constructor(private readonly connection: Connection) {
    const { catalog, problems } = loadCatalog();
    this.catalog = catalog;
    this.configs = new ConfigLoader(catalog.rulesDir);
    this.pool = new AnalysisPool({ rulesDir: catalog.rulesDir }, 1);
    connection.onShutdown(() => {
      this.scan?.cancel();
      return this.pool.close();
    });
    this.knownRules = new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);
    connection.onInitialize((params: InitializeParams): InitializeResult => {
      const folders = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri));
      if (!folders.length && params.rootUri) folders.push(uriToFile(params.rootUri));
      this.folders = folders;
      this.configs = new ConfigLoader(catalog.rulesDir, folders);
      this.canAskSettings = !!params.capabilities.workspace?.configuration;
      const we = params.capabilities.workspace?.workspaceEdit;
      this.editCaps = { documentChanges: !!we?.documentChanges, snippets: !!we?.snippetEditSupport, createFiles: !!we?.resourceOperations?.includes('create') };
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
          executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND] },
        },
        serverInfo: { name: 'mt-pii', version: productVersion() },
      };
    });
    connection.onInitialized(() => {
      if (this.canAskSettings) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
      if (problems.length) {
        const text = problems.map((p) => `${p.file}${p.path ? ` (${p.path})` : ''}: ${p.message}`).join('\n');
        connection.console.error(`Montana PII Guard: rule data problems; the valid rules still run:\n${text}`);
        void connection.window.showWarningMessage('Montana PII Guard: some rule data is invalid; see the output channel.');
      }
    });
    // Settings or mt-pii.json files changed: everything open is checked again.
    connection.onDidChangeConfiguration(() => {
      this.settings.clear();
      this.revalidateAll();
    });
    connection.onDidChangeWatchedFiles(() => {
      this.configs.reset();
      this.revalidateAll();
    });
    const self = this;
    this.scan = new WorkspaceScan(connection, {
      pool: this.pool,
      get configs() {
        return self.configs;
      },
      isOpen: (uri) => !!this.documents.get(uri),
      toDiagnostics: (findings, doc) => findings.map((f) => toDiagnostic(f, doc, (id) => this.catalog.ruleById.has(id) ? ruleDocUri(this.catalog.rulesDir, id) : undefined)),
    });
    connection.onExecuteCommand(async (params, token, workDone) => {
      if (params.command !== SCAN_WORKSPACE_COMMAND) return null;
      const progress = workDone ?? await connection.window.createWorkDoneProgress();
      const outcome = await this.scan.run(this.folders, progress, token);
      const text = `Montana PII Guard: ${outcome.cancelled ? 'scan cancelled after' : 'scanned'} ${outcome.files} files, ${outcome.findings} finding(s).`;
      void connection.window.showInformationMessage(text);
      return outcome;
    });
    this.documents.onDidOpen((e) => this.schedule(e.document, 0));
    this.documents.onDidChangeContent((e) => {
      this.schedule(e.document, DEBOUNCE_MS);
      // Other open files may import this one: their flows are recomputed once typing pauses.
      for (const other of this.documents.all()) {
        if (other.uri === e.document.uri) continue;
        const s = this.state.get(other.uri);
        if (s) s.version = -1;
        this.schedule(other, DEPENDENTS_DEBOUNCE_MS);
      }
    });
    this.documents.onDidClose((e) => {
      const s = this.state.get(e.document.uri);
      if (s?.timer) clearTimeout(s.timer);
      this.state.delete(e.document.uri);
      this.settings.delete(e.document.uri);
      // A closed file shows what the last workspace scan found in it, or nothing.
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: this.scan.results.get(e.document.uri) ?? [] });
    });
    connection.onHover((params): Hover | null => this.guard('hover', () => this.hover(params.textDocument.uri, params.position), null));
    connection.onCodeAction((params): CodeAction[] => this.guard('code action', () => {
      const doc = this.documents.get(params.textDocument.uri);
      const s = this.state.get(params.textDocument.uri);
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
    this.documents.listen(connection);
  }

  listen(): void {
    this.connection.listen();
  }

  private revalidateAll(): void {
    for (const doc of this.documents.all()) {
      const s = this.state.get(doc.uri);
      if (s) s.version = -1;
      this.schedule(doc, 0);
    }
    if (!this.documents.all().length) this.publishConfigProblems([]);
  }

  private schedule(doc: TextDocument, delay: number): void {
    const s = this.state.get(doc.uri) ?? { version: -1, findings: [] };
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
    if (!doc || !s || s.version === doc.version || s.running === doc.version) return;
    void this.analyze(doc, s).then((diagnostics) => {
      // A newer version may have arrived meanwhile; its own analysis will publish.
      if (diagnostics && this.documents.get(uri)?.version === doc.version) {
        void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
      }
    }, (e) => this.connection.console.error(`Montana PII Guard: analysis failed: ${(e as Error).stack ?? e}`));
  }

  private async analyze(doc: TextDocument, s: DocState): Promise<Diagnostic[] | undefined> {
    const version = doc.version;
    const file = uriToFile(doc.uri, doc.languageId);
    const settings = await this.settingsFor(doc.uri);
    if (this.documents.get(doc.uri)?.version !== version) return undefined;
    const done = (findings: Finding[], diagnostics: Diagnostic[]) => {
      s.version = version;
      s.findings = findings;
      return diagnostics;
    };
    if (!settings.enable) return done([], []);
    const { config, problems } = this.guard<{ config?: ResolvedConfig; problems: ConfigProblem[] }>('configuration', () => this.configs.forFile(file), { problems: [] });
    this.publishConfigProblems(problems);
    s.config = config;
    if (config && !isIncluded(config, file)) return done([], []);
    if (!config?.checkTests && isTestPath(this.relativeToWorkspace(file))) return done([], []);
    const text = doc.getText();
    if (text.length > MAX_LIVE_SIZE) {
      return done([], [note(`Montana PII Guard skipped this file: ${(text.length / 1024 / 1024).toFixed(1)} MB is over the ${MAX_LIVE_SIZE / 1024 / 1024} MB limit for live analysis. Run \`mt-pii scan --max-file-size\` to check it.`)]);
    }
    s.running = version;
    this.pool.cancelQueued(file);
    const options = config ? analyzeOptionsOf(config) : {};
    const result = await this.pool.run(file, text, options, TIME_BUDGET_MS, config?.sinks.length ? config.sinks : undefined, this.overlays(doc.uri));
    if (s.running === version) s.running = undefined;
    if (result.error === 'superseded' || this.documents.get(doc.uri)?.version !== version) return undefined;
    if (result.error) return done([], [note(`Montana PII Guard could not analyse this file: ${result.error}.`)]);
    const findings = result.findings ?? [];
    const diags = findings.map((f) => toDiagnostic(f, doc, (id) => this.catalog.ruleById.has(id) ? ruleDocUri(this.catalog.rulesDir, id) : undefined));
    if (result.truncated) diags.push(note('Montana PII Guard: part of this file nests too deeply to follow; findings there may be missing.'));
    if (problems.length) {
      diags.push(note(`Montana PII Guard: ${path.basename(problems[0].file)} has problems (shown in that file); its last valid version is in force.`));
    }
    return done(findings, diags);
  }

  /** The unsaved texts of the other open files on disk, for imports (bounded in count and size). */
  private overlays(except: string): [string, string][] {
    const out: [string, string][] = [];
    let total = 0;
    for (const d of this.documents.all()) {
      if (d.uri === except || !d.uri.startsWith('file:') || out.length >= MAX_OVERLAYS) continue;
      const text = d.getText();
      if (text.length > MAX_LIVE_SIZE || total + text.length > MAX_OVERLAY_BYTES) continue;
      total += text.length;
      out.push([uriToFile(d.uri, d.languageId), text]);
    }
    return out;
  }

  /** The path of a file relative to the workspace folder holding it (its base name if none does). */
  private relativeToWorkspace(file: string): string {
    for (const f of this.folders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
    }
    return path.basename(file);
  }

  /** Shows each mt-pii.json's problems in that file; clears files whose problems are gone. */
  private publishConfigProblems(problems: ConfigProblem[]): void {
    const byFile = new Map<string, ConfigProblem[]>();
    for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const file of this.configDiagnostics) {
      if (!byFile.has(file) && this.configs.problemsOf(file).length === 0) {
        void this.connection.sendDiagnostics({ uri: fileToUri(file), diagnostics: [] });
        this.configDiagnostics.delete(file);
      }
    }
    for (const [file, list] of byFile) {
      this.configDiagnostics.add(file);
      void this.connection.sendDiagnostics({
        uri: fileToUri(file),
        diagnostics: list.map((p) => ({
          range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: Math.max(p.endCharacter, p.character + 1) } },
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          message: `${CONFIG_FILE}: ${p.message}`,
        })),
      });
    }
  }

  /** `mtPii.enable` for a document's folder (per resource), cached until settings change. */
  private settingsFor(uri: string): Promise<Settings> {
    if (!this.canAskSettings) return Promise.resolve({ enable: true });
    let p = this.settings.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'mtPii' })
        .then((v: { enable?: boolean } | null) => ({ enable: v?.enable !== false }), () => ({ enable: true }));
      this.settings.set(uri, p);
    }
    return p;
  }

  private hover(uri: string, position: { line: number; character: number }): Hover | null {
    const doc = this.documents.get(uri);
    const s = this.state.get(uri);
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

function note(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message,
  };
}

/** Starts the server on the transport named on the command line (--stdio, --node-ipc, --socket=). */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`Montana PII Guard: uncaught ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Montana PII Guard: unhandled rejection ${String(e)}`));
  new PiiServer(connection).listen();
}

if (require.main === module) startServer();
