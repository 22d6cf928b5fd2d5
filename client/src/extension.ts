import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, State } from 'vscode-languageclient/node';
import { serverOptions } from './serverOptions';
import { ServerState, StatusBar } from './statusBar';
import { DataMapState, DataMapView } from './dataMapView';

// The client only starts the server and shows its state: every finding, hover and fix comes from the
// server over LSP, so the editor, `mt-pii scan` and CI agree. Nothing here talks to the network.

const CLIENT_ID = 'mtPii'; // also the settings prefix, so `mtPii.trace.server` works out of the box
const CLIENT_NAME = 'Montana PII Guard';
export const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'svelte'];
const SCHEMES = ['file', 'untitled'];
/** Source files the server reads (server/src/analysis/parse.ts SOURCE_EXTENSIONS, without the dot). */
const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'vue', 'svelte'];
export const COMMANDS = { showOutput: 'mtPii.showOutput', restartServer: 'mtPii.restartServer', showDataMap: 'mtPii.showDataMap' } as const;

/** One work-done progress event of the server (the workspace index), as the client received it. */
export interface ProgressEvent {
  kind: 'begin' | 'report' | 'end';
  title?: string;
  message?: string;
  percentage?: number;
}

/** What activate() returns: enough for the end-to-end tests to wait for the server, nothing more. */
export interface MtPiiApi {
  readonly serverState: ServerState;
  /** Settles once the last start, stop or restart that was asked for has finished. */
  whenIdle(): Promise<void>;
  /** What the data map view shows now, and a promise that settles when it is not refreshing. */
  readonly dataMap: DataMapState;
  whenDataMapIdle(): Promise<void>;
  /** The server's work-done progress since the client started (shown by VS Code in the status bar). */
  readonly progress: readonly ProgressEvent[];
}

let controller: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): MtPiiApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = new StatusBar(COMMANDS.showOutput);
  const ctl = new ServerController(output, status);
  controller = ctl;
  // The map is built by the language server (the engine of `mt-pii report`), never by running workspace code.
  const dataMap = new DataMapView(async () => {
    await ctl.whenIdle();
    return ctl.running();
  });
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => ctl.restart()),
    dataMap,
    vscode.commands.registerCommand(COMMANDS.showDataMap, () => dataMap.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mtPii.enable')) void ctl.sync();
    }),
  );
  void ctl.sync();
  return {
    get serverState() { return status.state; },
    whenIdle: () => ctl.whenIdle(),
    get dataMap() { return dataMap.state; },
    whenDataMapIdle: () => dataMap.whenIdle(),
    get progress() { return ctl.progress; },
  };
}

export function deactivate(): Promise<void> | undefined {
  const ctl = controller;
  controller = undefined;
  return ctl?.stop();
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('mtPii').get<boolean>('enable', true);
}

/** Owns the one LanguageClient. Start, stop and restart run one after another, never interleaved. */
class ServerController {
  private client: LanguageClient | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private sources: vscode.FileSystemWatcher | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Work-done progress seen from the current server (VS Code shows it; the tests read it). */
  progress: ProgressEvent[] = [];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusBar,
  ) {}

  whenIdle(): Promise<void> {
    return this.queue;
  }

  /** The client, when its server is running. */
  running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** Start or stop so that the server runs exactly when `mtPii.enable` is true. */
  sync(): Promise<void> {
    return this.enqueue(async () => {
      if (isEnabled()) {
        if (!this.client) await this.startNow();
      } else {
        await this.stopNow();
        this.status.set('disabled');
        this.output.info('Montana PII Guard is disabled (mtPii.enable is false).');
      }
    });
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopNow();
      if (isEnabled()) await this.startNow();
      else this.status.set('disabled');
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopNow());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((e: unknown) => {
      this.output.error(e instanceof Error ? e.stack ?? e.message : String(e));
    });
    this.queue = next;
    return next;
  }

  private async startNow(): Promise<void> {
    // mt-pii.json and any JSON file one names (the recorded disclosure): the server re-reads what changed.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    // Source files changed outside the editor (a checkout, a formatter): the server's index drops what changed.
    this.sources = vscode.workspace.createFileSystemWatcher(`**/*.{${SOURCE_EXTENSIONS.join(',')}}`);
    this.progress = [];
    const clientOptions: LanguageClientOptions = {
      documentSelector: SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
      synchronize: { fileEvents: [this.watcher, this.sources] },
      outputChannel: this.output,
      diagnosticCollectionName: 'mt-pii',
      // Pull diagnostics (the server announces them): on open, after each edit and save, and the workspace's.
      diagnosticPullOptions: { onChange: true, onSave: true },
      middleware: {
        handleWorkDoneProgress: (token, params, next) => {
          const p = params as ProgressEvent;
          this.progress.push({ kind: p.kind, title: p.title, message: p.message, percentage: p.percentage });
          if (this.progress.length > 1000) this.progress.splice(1, this.progress.length - 1000);
          next(token, params);
        },
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(), clientOptions);
    client.onDidChangeState((e) => this.status.set(toStatus(e.newState)));
    this.client = client;
    this.status.set('starting');
    try {
      await client.start();
      this.status.set('running');
    } catch (e) {
      // Tell the user once, with the cause; the output channel holds the details.
      this.client = undefined;
      this.watcher?.dispose();
      this.watcher = undefined;
      this.sources?.dispose();
      this.sources = undefined;
      await client.dispose(2000).catch(() => undefined);
      this.status.set('failed');
      const cause = e instanceof Error ? e.message : String(e);
      this.output.error(`The language server did not start: ${cause}`);
      void vscode.window.showErrorMessage(`Montana PII Guard: the language server did not start (${cause}).`, 'Show Output')
        .then((choice) => { if (choice) this.output.show(true); });
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.sources?.dispose();
    this.sources = undefined;
    if (!client) return;
    try {
      await client.dispose(2000);
    } finally {
      this.status.set('stopped');
    }
  }
}

function toStatus(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    default:
      return 'stopped';
  }
}
