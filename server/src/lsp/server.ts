import {
  CodeAction, CodeActionKind, Connection, Diagnostic, DiagnosticSeverity, Hover, InitializeResult, MarkupKind,
  ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION, classifierFor } from '../analysis';
import type { Finding } from '../analysis/finding';
import { Catalog, loadCatalog } from '../catalog/load';
import { ruleDocUri } from '../cli/main';
import { suppressionActions } from './codeActions';
import { SOURCE, toDiagnostic } from './convert';
import { hoverMarkdown } from './hover';
import { uriToFile } from './uris';
import { AnalysisPool } from '../worker/pool';

/** Live analysis skips larger documents (a minified bundle opened by mistake). */
const MAX_LIVE_SIZE = 2 * 1024 * 1024;
/** A single analysis may take this long before its worker is stopped and the file gets a note. */
const TIME_BUDGET_MS = 8000;
const DEBOUNCE_MS = 200;

interface DocState {
  /** Version the findings belong to; -1 before the first analysis. */
  version: number;
  findings: Finding[];
  timer?: NodeJS.Timeout;
  /** Version being analysed now, if any. */
  running?: number;
}

/**
 * The Montana PII Guard language server: push diagnostics on open and (debounced) on change, hover
 * with the law behind a finding, quick fixes that add suppression directives. The same engine as the
 * CLI; nothing here names a vendor or a law.
 */
export class PiiServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly state = new Map<string, DocState>();
  private catalog: Catalog;
  private knownRules: Set<string>;
  /** Analysis runs in a worker thread: the server keeps answering, deep files get a big stack, overruns are stopped. */
  private readonly pool: AnalysisPool;

  constructor(private readonly connection: Connection) {
    const { catalog, problems } = loadCatalog();
    this.catalog = catalog;
    this.pool = new AnalysisPool({ rulesDir: catalog.rulesDir }, 1);
    connection.onShutdown(() => this.pool.close());
    this.knownRules = new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);
    connection.onInitialize((): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'mt-pii', version: require('../cli/main').version() },
    }));
    connection.onInitialized(() => {
      if (problems.length) {
        const text = problems.map((p) => `${p.file}${p.path ? ` (${p.path})` : ''}: ${p.message}`).join('\n');
        connection.console.error(`Montana PII Guard: rule data problems; the valid rules still run:\n${text}`);
        void connection.window.showWarningMessage('Montana PII Guard: some rule data is invalid; see the output channel.');
      }
    });
    this.documents.onDidOpen((e) => this.schedule(e.document, 0));
    this.documents.onDidChangeContent((e) => this.schedule(e.document, DEBOUNCE_MS));
    this.documents.onDidClose((e) => {
      const s = this.state.get(e.document.uri);
      if (s?.timer) clearTimeout(s.timer);
      this.state.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    connection.onHover((params): Hover | null => this.guard('hover', () => this.hover(params.textDocument.uri, params.position), null));
    connection.onCodeAction((params): CodeAction[] => this.guard('code action', () => {
      const doc = this.documents.get(params.textDocument.uri);
      if (!doc) return [];
      const file = uriToFile(doc.uri, doc.languageId);
      return params.context.diagnostics
        .filter((d) => d.source === SOURCE)
        .flatMap((d) => suppressionActions(doc, file, d, this.knownRules));
    }, []));
    this.documents.listen(connection);
  }

  listen(): void {
    this.connection.listen();
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
    const text = doc.getText();
    const version = doc.version;
    if (text.length > MAX_LIVE_SIZE) {
      s.version = version;
      s.findings = [];
      return [note(`Montana PII Guard skipped this file: ${(text.length / 1024 / 1024).toFixed(1)} MB is over the ${MAX_LIVE_SIZE / 1024 / 1024} MB limit for live analysis. Run \`mt-pii scan --max-file-size\` to check it.`)];
    }
    const file = uriToFile(doc.uri, doc.languageId);
    s.running = version;
    this.pool.cancelQueued(file);
    const result = await this.pool.run(file, text, {}, TIME_BUDGET_MS);
    if (s.running === version) s.running = undefined;
    if (result.error === 'superseded' || this.documents.get(doc.uri)?.version !== version) return undefined;
    s.version = version;
    s.findings = result.findings ?? [];
    if (result.error) return [note(`Montana PII Guard could not analyse this file: ${result.error}.`)];
    const diags = s.findings.map((f) => toDiagnostic(f, doc, (id) => this.catalog.ruleById.has(id) ? ruleDocUri(this.catalog.rulesDir, id) : undefined));
    if (result.truncated) diags.push(note('Montana PII Guard: part of this file nests too deeply to follow; findings there may be missing.'));
    return diags;
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
      contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(hits, this.catalog, classifierFor(this.catalog), (o) => doc.positionAt(o).line + 1) },
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
