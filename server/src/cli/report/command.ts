// `mt-pii report [paths…] [--format html|markdown|json] [-o file] [--compare earlier.json]`: the personal
// data map for the privacy lead, or what a change does to it. Exits 0 whatever the map shows.
import * as fs from 'fs';
import * as path from 'path';
import writeFileAtomic = require('write-file-atomic');
import { loadCatalog } from '../../catalog/load';
import { diffMaps, entriesOf, entriesOfMap, renderCompare } from '../../report/compare';
import { renderHtml } from '../../report/html';
import { renderMarkdown } from '../../report/markdown';
import { checkOutput, parseScanArgs } from '../commands/scan';
import { UsageError } from '../errors';
import { CommandSpec, helpText, oneOf, parseCommand } from '../options';
import { ScanOptions, scan } from '../scan/run';

const FORMATS = ['html', 'markdown', 'json'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export const REPORT: CommandSpec = {
  name: 'report',
  synopsis: '[paths or globs...] [options]',
  summary: 'The personal data map of the code (default: the current folder): each destination (vendor, device storage, logs) with the personal data that reaches it, its tier, the code sites and the Montana law cited; encrypted stores; SDKs in package.json that no personal data was seen reaching; the recorded disclosure (mt-pii.json "disclosed"); drafts of the privacy-notice sections and of the data protection assessment checklist. Drafts for review, not legal advice. Flows suppressed in the code or accepted in a baseline are on the map too.',
  options: {
    format: { type: 'string', short: 'f', value: '<format>', help: 'html (one self-contained page: no script, nothing loaded), markdown or json (for --compare and other tools). Default: from the --output extension, else markdown' },
    output: { type: 'string', short: 'o', value: '<file>', help: 'Write to a file (atomically) instead of standard output' },
    compare: { type: 'string', value: '<earlier.json>', help: 'Print what changed since an earlier `report --format json` (or `scan --format json`): new destinations, new personal data per destination, what is no longer seen; Markdown for a pull-request comment' },
    'max-file-size': { type: 'string', value: '<size>', help: 'Skip larger files, e.g. 2mb, 500kb (default: 2mb)' },
    'rules-dir': { type: 'string', value: '<folder>', help: 'Use another rules/ folder (for rule authors)' },
  },
  footer: 'Exit status: 0 whatever the map shows; 2 usage or configuration error.\nMontana PII Guard runs no code from the scanned project and sends nothing anywhere.',
};

const HINT = '`mt-pii report --help` lists the options.';

export interface ReportOptions {
  scan: ScanOptions;
  format?: ReportFormat;
  output?: string;
  compare?: string;
  help?: boolean;
}

export function parseReportArgs(argv: string[]): ReportOptions {
  const { values: v, positionals, help } = parseCommand(REPORT, argv);
  const str = (k: string) => v[k] as string | undefined;
  const format = str('format') !== undefined ? oneOf('--format', str('format')!, FORMATS) : undefined;
  if (str('compare') && format && format !== 'markdown') throw new UsageError('--compare prints Markdown (leave out --format, or use --format markdown)', HINT);
  // Paths, sizes and the rules folder are read as scan reads them; a report keeps every flow and never fails.
  const scanArgs = [...positionals, ...(['max-file-size', 'rules-dir'] as const).flatMap((k) => (str(k) !== undefined ? [`--${k}`, str(k)!] : []))];
  const scanOpts: ScanOptions = { ...parseScanArgs(scanArgs), format: 'json', failOn: 'never', noBaseline: true, progress: false };
  return { scan: scanOpts, format, output: str('output') !== undefined ? path.resolve(str('output')!) : undefined, compare: str('compare'), ...(help ? { help } : {}) };
}

/** The format asked for, else the one the output file's extension names, else Markdown. */
export function formatOf(opts: Pick<ReportOptions, 'format' | 'output'>): ReportFormat {
  if (opts.format) return opts.format;
  const ext = opts.output ? path.extname(opts.output).toLowerCase() : '';
  return ext === '.html' || ext === '.htm' ? 'html' : ext === '.json' ? 'json' : 'markdown';
}

/** Builds the report text; what the code contains never makes it fail (bad input files become notes). */
export async function report(opts: ReportOptions, cwd = process.cwd()): Promise<{ text: string; notes: string[] }> {
  // Read the earlier map first: a wrong --compare file is a usage error before any scanning.
  const earlier = opts.compare ? readEarlier(opts.compare, cwd, opts.scan.rulesDir) : undefined;
  const outcome = await scan(opts.scan, cwd);
  const map = outcome.dataMap();
  if (earlier) return { text: renderCompare(diffMaps(earlier, entriesOfMap(map)), map, path.basename(opts.compare!)), notes: outcome.notes };
  const format = formatOf(opts);
  const text = format === 'html' ? renderHtml(map) : format === 'json' ? JSON.stringify(map, null, 2) + '\n' : renderMarkdown(map);
  return { text, notes: outcome.notes };
}

export async function runReportCommand(argv: string[]): Promise<number> {
  const opts = parseReportArgs(argv);
  if (opts.help) {
    process.stdout.write(helpText(REPORT) + '\n');
    return 0;
  }
  if (opts.output) checkOutput(opts.output);
  const { text, notes } = await report(opts);
  for (const n of notes) process.stderr.write(`mt-pii: ${n}\n`);
  if (opts.output) writeFileAtomic.sync(opts.output, text);
  else process.stdout.write(text);
  return 0;
}

function readEarlier(file: string, cwd: string, rulesDir: string) {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`--compare: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, HINT);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--compare: ${file} is not JSON (${(e as Error).message}); write it with \`mt-pii report --format json -o ${file}\``, HINT);
  }
  const { catalog } = loadCatalog(rulesDir);
  try {
    return entriesOf(json, (id) => !!catalog.ruleById.get(id)?.derived);
  } catch (e) {
    throw new UsageError(`--compare: ${file}: ${(e as Error).message}`, HINT);
  }
}
