import * as vscode from 'vscode';
import { ServerOptions, TransportKind } from 'vscode-languageclient/node';

/** Where the compiled language server lives, relative to the extension root (the single out/ tree). */
export const SERVER_MODULE = 'out/server/src/lsp/server.js';

/**
 * The server runs as a Node child process over IPC. The debug variant waits for nothing but listens on
 * port 6009, so "Attach to Server" can connect while the extension runs under F5.
 *
 * @example
 * new LanguageClient('mtPii', 'Montana PII Guard', serverOptions(context), clientOptions)
 */
export function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath(SERVER_MODULE);
  return {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
}
