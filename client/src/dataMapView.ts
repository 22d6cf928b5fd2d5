/**
 * "Montana PII Guard: Show Data Map": a webview with the page the language server builds for the workspace
 * (`mt-pii report --format html`), refreshed when a file is saved. No script runs in it; nothing loads.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DataMapMethod, DataMapResult } from '../../server/src/lsp/dataMapProtocol';

const METHOD = 'mt-pii/dataMap' satisfies DataMapMethod;
const REFRESH_DELAY_MS = 400;

/** What the view shows now (the end-to-end tests read it through the extension's API). */
export interface DataMapState {
  readonly html?: string;
  readonly destinations?: readonly string[];
  readonly error?: string;
  /** Pages shown so far, counting refreshes. */
  readonly shown: number;
}

export class DataMapView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private current: DataMapState = { shown: 0 };

  constructor(private readonly client: () => Promise<LanguageClient | undefined>) {
    this.subscriptions.push(vscode.workspace.onDidSaveTextDocument(() => this.scheduleRefresh()));
  }

  get state(): DataMapState {
    return this.current;
  }

  /** Opens (or brings forward) the view and builds the map. */
  async show(): Promise<void> {
    if (this.panel) this.panel.reveal(undefined, true);
    else {
      this.panel = vscode.window.createWebviewPanel('mtPii.dataMap', 'Personal data map', vscode.ViewColumn.Beside, {
        enableScripts: false,
        enableCommandUris: false,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      }, null, this.subscriptions);
      this.panel.webview.html = messagePage('Building the data map of this workspace…');
    }
    await this.refresh();
  }

  /** Settles when no refresh is running or waiting. */
  async whenIdle(): Promise<void> {
    while (this.running || this.timer) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, REFRESH_DELAY_MS));
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  private scheduleRefresh(): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** One build at a time; a save during a build asks for one more afterwards. */
  private refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.build().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async build(): Promise<void> {
    const client = await this.client();
    let result: DataMapResult;
    if (!client) result = { error: 'the language server is not running (see the Montana PII Guard output)' };
    else {
      try {
        result = await client.sendRequest<DataMapResult>(METHOD, {});
      } catch (e) {
        result = { error: e instanceof Error ? e.message : String(e) };
      }
    }
    if (!this.panel) return;
    this.panel.webview.html = result.html ?? messagePage(`No data map: ${result.error ?? 'no answer from the language server'}.`);
    this.current = { html: result.html, destinations: result.destinations, error: result.error, shown: this.current.shown + 1 };
  }
}

/** A plain page for messages, under the same policy as the map: nothing may load. */
function messagePage(text: string): string {
  const safe = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>Personal data map</title></head><body><p>${safe}</p></body></html>`;
}
