// Command-line option parsing shared by every command: Node's util.parseArgs with each command's option
// table, `-h/--help` everywhere, generated help text, and usage errors that suggest the option meant.
import { parseArgs } from 'util';
import { didYouMean } from '../config/didYouMean';
import { UsageError } from './errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder of the value in the help text: `<file>`. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** `scan`, `explain`, … */
  name: string;
  /** The usage line after `mt-pii <name>`: `[paths or globs...] [options]`. */
  synopsis: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Text after the options (exit status, notes). */
  footer?: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'Show this help' };

/** The help text of a command. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.help] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)) + 2);
  const lines = rows.map(([flag, help]) => {
    const [first, ...rest] = wrap(help, 110 - width - 2);
    return [`  ${flag.padEnd(width)}${flag.length >= width ? `\n  ${' '.repeat(width)}` : ''}${first}`, ...rest.map((r) => `  ${' '.repeat(width)}${r}`)].join('\n');
  });
  return [`Usage: mt-pii ${spec.name} ${spec.synopsis}`, '', spec.summary, '', 'Options:', ...lines, ...(spec.footer ? ['', spec.footer] : [])].join('\n');
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return out.concat(line);
}

/**
 * Parses a command's arguments. Unknown options and missing values are usage errors naming the closest
 * known option; `-h/--help` comes back as `help: true`.
 */
export function parseCommand(spec: CommandSpec, argv: string[]): { values: OptionValues; positionals: string[]; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(spec.options)) options[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as OptionValues, positionals, help: !!values.help };
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      const known = Object.keys(options).map((n) => `--${n}`);
      throw new UsageError(`unknown option ${unknown} for \`mt-pii ${spec.name}\`${didYouMean(unknown.replace(/=.*$/, ''), known, (s) => s)}`, hint(spec));
    }
    const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message)?.[1];
    if (missing) throw new UsageError(`${missing} needs a value`, hint(spec));
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''), hint(spec));
  }
}

/** What a usage error adds after its message. */
const hint = (spec: CommandSpec) => `\`mt-pii ${spec.name} --help\` lists the options.`;

/** A value that must be one of `allowed`. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]} (got ${JSON.stringify(value)})${didYouMean(value, allowed)}`);
}

/** A whole number within bounds. */
export function wholeNumber(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''} (got ${JSON.stringify(value)})`);
  return n;
}
