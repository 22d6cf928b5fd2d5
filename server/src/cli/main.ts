// The `mt-pii` command: picks the command (scan, report, init, explain, lsp), runs it and turns errors into exit
// status 2 with a message. Each command lives in commands/<name>.ts with its own options and help.
import { productVersion } from '../catalog/docs';
import { didYouMean } from '../config/didYouMean';
import { UsageError, reportError } from './errors';
import type * as ExplainCommand from './commands/explain';
import type * as ScanCommand from './commands/scan';
import type * as ScanRun from './scan/run';

export { UsageError, InputError, ConfigError, ConfigFileError } from './errors';
export type { ScanOptions, ScanOutcome } from './scan/run';

// Each command's modules load when it runs: a scan's main thread never loads the engine (or TypeScript), which
// only its worker threads run.
export const parseScanArgs: typeof ScanCommand.parseScanArgs = (...a) => (require('./commands/scan') as typeof ScanCommand).parseScanArgs(...a);
export const explain: typeof ExplainCommand.explain = (...a) => (require('./commands/explain') as typeof ExplainCommand).explain(...a);
export const scan: typeof ScanRun.scan = (...a) => (require('./scan/run') as typeof ScanRun).scan(...a);

export const version = productVersion;

/** Commands by name: each returns an exit status (-1: the process lives on, as the language server does). */
const COMMANDS: Record<string, (argv: string[]) => number | Promise<number>> = {
  scan: (argv) => require('./commands/scan').runScanCommand(argv),
  report: (argv) => require('./report/command').runReportCommand(argv),
  init: (argv) => require('./commands/init').runInitCommand(argv),
  explain: (argv) => require('./commands/explain').runExplainCommand(argv),
  lsp: (argv) => require('./commands/lsp').runLspCommand(argv),
};

export const USAGE = `Usage:
  mt-pii scan [paths or globs...] [options]   Scan files, folders or globs (default: the current folder)
  mt-pii report [paths...] [options]          The personal data map for the privacy lead (html, markdown, json;
                                              --compare for pull requests); exits 0 whatever it shows
  mt-pii init [folder] [options]              Write a commented mt-pii.json for the project
  mt-pii explain [ruleId | citation]          A rule's documentation (the Montana law behind it, examples, what
                                              to do), or a citation (30-14-2812, 38.5.3901) and the rules citing it
  mt-pii lsp --stdio                          Run the language server over stdio (Neovim, Helix, Zed, ...)
  mt-pii --version

\`mt-pii <command> --help\` lists a command's options.
Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.
Montana PII Guard runs no code from the scanned project and sends nothing anywhere.`;

/**
 * Output piped into a reader that stops early (`mt-pii scan | head`): the rest is dropped without a word, and
 * the exit status stays the command's own.
 */
function quietOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error')) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      throw e;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'lsp') quietOnClosedOutput();
  try {
    if (command !== undefined && COMMANDS[command]) return await COMMANDS[command](rest);
    switch (command) {
      case '--version':
      case '-v':
      case 'version':
        process.stdout.write(productVersion() + '\n');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}${didYouMean(command, Object.keys(COMMANDS))}`, USAGE);
    }
  } catch (e) {
    return reportError(e);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
