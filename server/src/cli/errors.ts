// The errors a command reports with exit status 2 (usage, rule data, mt-pii.json) and how main prints them;
// anything else is an internal error.
import type { CatalogProblem } from '../catalog/load';
import type { ConfigProblem } from '../config/config';
import { WriteError } from '../project/atomicWrite';
import { displayPath } from './formats/report';

/** A bad command line: the message, then the command's usage. */
export class UsageError extends Error {
  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}

/** Bad input that is not the command line's fault (nothing to scan, a missing baseline): the message alone. */
export class InputError extends Error {}

/** Invalid rule data (rules/): each problem with its file and JSON path. */
export class ConfigError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    super(problems.map((p) => `${p.file}${p.path ? ` (${p.path})` : ''}: ${p.message}`).join('\n'));
  }
}

/** An invalid mt-pii.json: every problem at its file, line and column. */
export class ConfigFileError extends Error {
  constructor(readonly problems: ConfigProblem[], cwd: string) {
    super(problems.map((p) => `${displayPath(p.file, cwd)}:${p.line + 1}:${p.character + 1}: ${p.message}`).join('\n'));
  }
}

/** Prints an error for the user and gives the exit status: 2 for the errors above, 2 for internal errors too. */
export function reportError(e: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (e instanceof UsageError) write(`mt-pii: ${e.message}\n${e.usage ? `\n${e.usage}\n` : ''}`);
  else if (e instanceof InputError || e instanceof WriteError) write(`mt-pii: ${e.message}\n`);
  else if (e instanceof ConfigError) write(`mt-pii: the rule data is invalid:\n${e.message}\n`);
  else if (e instanceof ConfigFileError) write(`mt-pii: invalid configuration (nothing was scanned):\n${e.message}\n`);
  else write(`mt-pii: internal error: ${(e as Error)?.stack ?? e}\n`);
  return 2;
}
