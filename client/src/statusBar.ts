import * as vscode from 'vscode';

export type ServerState = 'disabled' | 'starting' | 'running' | 'stopped' | 'failed';

const LOOK: Record<ServerState, { icon: string; tip: string }> = {
  disabled: { icon: '$(circle-slash)', tip: 'disabled by the setting mtPii.enable' },
  starting: { icon: '$(loading~spin)', tip: 'the language server is starting' },
  running: { icon: '$(shield)', tip: 'the language server is running' },
  stopped: { icon: '$(debug-stop)', tip: 'the language server is stopped' },
  failed: { icon: '$(error)', tip: 'the language server could not start; see the output' },
};

/** One status bar item that shows the server state; clicking it opens the output channel. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: ServerState = 'stopped';

  constructor(showOutputCommand: string) {
    this.item = vscode.window.createStatusBarItem('mtPii.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Montana PII Guard';
    this.item.command = showOutputCommand;
    this.set('stopped');
    this.item.show();
  }

  get state(): ServerState {
    return this.current;
  }

  set(state: ServerState): void {
    this.current = state;
    const look = LOOK[state];
    this.item.text = `${look.icon} MT PII`;
    this.item.tooltip = `Montana PII Guard: ${look.tip}. Click to show the output.`;
    this.item.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
