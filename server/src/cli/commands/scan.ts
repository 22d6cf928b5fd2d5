// `mt-pii scan`: its options and help, reading --stdin, checking -o before the scan, and writing the report
// (atomically to a file, or to standard output) with the notes on standard error.
import * as fs from 'fs';
import * as path from 'path';
import { defaultRulesDir } from '../../catalog/load';
import { writeFileAtomic } from '../../project/atomicWrite';
import { decodeSource } from '../../project/decode';
import { UsageError } from '../errors';
import { CommandSpec, helpText, oneOf, parseCommand, wholeNumber } from '../options';
import { FORMATS } from '../scan/render';
import { ScanOptions, defaultJobs, scan } from '../scan/run';

const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const DEFAULT_FILE_TIMEOUT_S = 120;

export const SCAN: CommandSpec = {
  name: 'scan',
  synopsis: '[paths or globs...] [options]',
  summary: 'Scans files, folders and globs (default: the current folder) for personal data sent to third parties, stored on the device or logged. Paths in the output and fingerprints are relative to the project root: the nearest mt-pii.json with "root": true, else the git repository root, else the scanned folder.',
  options: {
    format: { type: 'string', short: 'f', value: '<format>', help: 'stylish (default), json, sarif, datamap (Markdown: which personal data goes to which vendor), github (workflow annotations) or junit' },
    output: { type: 'string', short: 'o', value: '<file>', help: 'Write the report to a file (atomically) instead of standard output' },
    'fail-on': { type: 'string', value: '<severity>', help: 'Lowest severity that makes the exit status 1: error, warning (default), info or never' },
    'max-warnings': { type: 'string', value: '<n>', help: 'Exit status 1 when more than n warnings are found' },
    quiet: { type: 'boolean', help: 'Report errors only' },
    inventory: { type: 'boolean', help: 'Stylish output: list every inventory entry (personal data to payment, email, SMS, storage and search vendors, on the device, in logs; info unless raised in mt-pii.json) instead of one summary line. JSON, SARIF and the data map always hold them' },
    config: { type: 'string', short: 'c', value: '<file>', help: 'Use this mt-pii.json for every file instead of the ones found above each file' },
    jobs: { type: 'string', short: 'j', value: '<n>', help: 'Most analysis threads (default: the available cores; one per 400 files to analyse); the output is the same for any n' },
    'file-timeout': { type: 'string', value: '<seconds>', help: `Time budget per file; a file over it is skipped with the reason (default: ${DEFAULT_FILE_TIMEOUT_S})` },
    'max-file-size': { type: 'string', value: '<size>', help: 'Skip larger files, e.g. 2mb, 500kb (default: 2mb)' },
    baseline: { type: 'string', value: '<file>', help: 'Hide findings accepted in this baseline (default: the one mt-pii.json names, else mt-pii-baseline.json in the project root)' },
    'update-baseline': { type: 'boolean', help: 'Write the current findings to the baseline (entries no longer found are removed), then exit 0' },
    stdin: { type: 'boolean', help: 'Scan the text on standard input (for editors and hooks)' },
    'stdin-filename': { type: 'string', value: '<path>', help: 'With --stdin: the path the text has (configuration, imports and output use it)' },
    cache: { type: 'boolean', help: 'Reuse results of unchanged files (node_modules/.cache/mt-pii; any change of configuration, rules or version clears it)' },
    'no-ignore': { type: 'boolean', help: 'Do not honour .gitignore and .mt-piiignore' },
    fix: { type: 'boolean', help: 'Apply the fixes that change no behaviour (remove suppression directives that suppress nothing), writing files in place; says what it changed' },
    'list-suppressions': { type: 'boolean', help: 'List every mt-pii-ignore directive with its rules, reason, expiry and whether it still suppresses something (text, or JSON with -f json)' },
    'rules-dir': { type: 'string', value: '<folder>', help: 'Use another rules/ folder (for rule authors)' },
  },
  footer: `Configuration: the nearest mt-pii.json above each file, merged over those above it (see README).
Skipped: node_modules, build output, minified files, files listed in .gitignore or .mt-piiignore, and test,
mock and story code unless mt-pii.json sets "checkTests": true or the file is named.

Exit status: 0 no finding at or above --fail-on, 1 findings (or more warnings than --max-warnings),
2 usage or configuration error, or nothing to scan.
Montana PII Guard runs no code from the scanned project and sends nothing anywhere.`,
};

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size: cannot read ${JSON.stringify(text)} (try 2mb or 500kb)`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(m[1]) * mult);
}

function parseSeconds(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0)) throw new UsageError(`--file-timeout must be a number of seconds above 0 (got ${JSON.stringify(text)})`);
  return Math.round(n * 1000);
}

/** Command-line arguments → scan options (no I/O; --stdin is read by runScanCommand). */
export function parseScanArgs(argv: string[]): ScanOptions & { help?: boolean } {
  const { values: v, positionals, help } = parseCommand(SCAN, argv);
  const str = (k: string) => v[k] as string | undefined;
  const opts: ScanOptions & { help?: boolean } = {
    paths: positionals.length ? positionals : ['.'],
    format: oneOf('--format', str('format') ?? 'stylish', FORMATS),
    output: str('output') !== undefined ? path.resolve(str('output')!) : undefined,
    failOn: oneOf('--fail-on', str('fail-on') ?? 'warning', FAIL_ON),
    maxWarnings: str('max-warnings') !== undefined ? wholeNumber('--max-warnings', str('max-warnings')!, 0) : undefined,
    quiet: !!v.quiet,
    config: str('config') !== undefined ? path.resolve(str('config')!) : undefined,
    maxFileSize: str('max-file-size') !== undefined ? parseSize(str('max-file-size')!) : 2 * 1024 * 1024,
    fileTimeoutMs: str('file-timeout') !== undefined ? parseSeconds(str('file-timeout')!) : DEFAULT_FILE_TIMEOUT_S * 1000,
    jobs: str('jobs') !== undefined ? wholeNumber('--jobs', str('jobs')!, 1, 256) : defaultJobs(),
    baseline: str('baseline') !== undefined ? path.resolve(str('baseline')!) : undefined,
    updateBaseline: !!v['update-baseline'],
    stdin: !!v.stdin,
    stdinFilename: str('stdin-filename'),
    cache: !!v.cache,
    ignore: !v['no-ignore'],
    rulesDir: str('rules-dir') !== undefined ? path.resolve(str('rules-dir')!) : defaultRulesDir(),
    progress: true,
    fix: !!v.fix,
    listSuppressions: !!v['list-suppressions'],
    inventory: !!v.inventory,
    ...(help ? { help } : {}),
  };
  if (opts.stdinFilename !== undefined && !opts.stdin) throw new UsageError('--stdin-filename goes with --stdin', '`mt-pii scan --help` lists the options.');
  if (opts.stdin && positionals.length) throw new UsageError('--stdin scans standard input: give no paths (name the file with --stdin-filename)', '`mt-pii scan --help` lists the options.');
  if (opts.stdin && opts.updateBaseline) throw new UsageError('--update-baseline needs a scan of files, not --stdin', '`mt-pii scan --help` lists the options.');
  return opts;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => {
      const buf = Buffer.concat(chunks);
      const decoded = decodeSource(buf);
      resolve('text' in decoded ? decoded.text : buf.toString('utf8'));
    });
    process.stdin.on('error', reject);
  });
}

/** Checks that -o can be written before the scan starts. */
export function checkOutput(file: string): void {
  const dir = path.dirname(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new UsageError(`--output ${file}: the folder ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new UsageError(`--output ${file}: ${dir} is not a folder`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--output ${file}: the folder ${dir} is not writable`);
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--output ${file} is a folder`);
}

export async function runScanCommand(argv: string[]): Promise<number> {
  const opts = parseScanArgs(argv);
  if (opts.help) {
    process.stdout.write(helpText(SCAN) + '\n');
    return 0;
  }
  if (opts.output) checkOutput(opts.output);
  if (opts.stdin) opts.stdinText = await readStdin();
  // The progress line is for a person at a terminal: not when the report itself streams to standard output as data.
  opts.progress = !!opts.output || !['json', 'sarif', 'junit', 'github'].includes(opts.format);
  const outcome = await scan(opts);
  for (const n of outcome.notes) process.stderr.write(`mt-pii: ${n}\n`);
  if (opts.output) writeFileAtomic(opts.output, outcome.text);
  else process.stdout.write(outcome.text);
  return outcome.exitCode;
}
