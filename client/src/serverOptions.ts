import * as path from 'path';
import { ServerOptions, TransportKind } from 'vscode-languageclient/node';

/**
 * The language server's file, found from this file's own folder: `out/client/src` → `out/server/src/lsp`
 * when built by `tsc -b`, `dist/client/src` → `dist/server/src/lsp` in the bundle that the .vsix ships
 * (scripts/build.js keeps the two layouts alike).
 */
export const SERVER_MODULE = path.join(__dirname, '..', '..', 'server', 'src', 'lsp', 'server.js');

/**
 * The server runs as a Node child process over IPC. The debug variant waits for nothing but listens on
 * port 6009, so "Attach to Server" can connect while the extension runs under F5.
 *
 * @example
 * new LanguageClient('mtPii', 'Montana PII Guard', serverOptions(), clientOptions)
 */
export function serverOptions(): ServerOptions {
  const module = SERVER_MODULE;
  return {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
}
