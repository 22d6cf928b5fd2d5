// `mt-pii lsp --stdio`: the same language server as the VS Code extension, for any LSP editor.
import { CommandSpec, helpText, parseCommand } from '../options';

export const LSP: CommandSpec = {
  name: 'lsp',
  synopsis: '--stdio',
  summary: 'Runs the language server over standard input and output (Neovim, Helix, Zed, ...). It runs until the editor shuts it down.',
  options: { stdio: { type: 'boolean', help: 'Talk LSP over standard input and output (the only transport offered)' } },
};

/** Starts the server and returns -1 (the process lives on), or prints help. */
export function runLspCommand(argv: string[]): number {
  // vscode-languageserver reads its transport from process.argv; only --help is ours to answer.
  if (argv.includes('--help') || argv.includes('-h')) {
    parseCommand(LSP, argv);
    process.stdout.write(helpText(LSP) + '\n');
    return 0;
  }
  require('../../lsp/server').startServer();
  return -1;
}
