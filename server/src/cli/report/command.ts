/**
 * `mt-pii report [paths…] [--format html|markdown|json] [-o file] [--compare earlier.json]`: the personal
 * data map for the privacy lead, or what a change does to it. Always exits 0 unless the input is wrong.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { UsageError, parseScanArgs, scan } from '../main';
import { writeFileAtomic } from '../../project/writeAtomic';
import { renderHtml } from '../../report/html';
import { renderMarkdown } from '../../report/markdown';
import { diffMaps, entriesOf, entriesOfMap, renderCompare } from '../../report/compare';
import { loadCatalog } from '../../catalog/load';

export type ReportFormat = 'html' | 'markdown' | 'json';

export const REPORT_USAGE = `Usage: mt-pii report [paths...] [options]

The personal data map of the code (default: the current folder): each destination (vendor, device
storage, logs) with the personal data that reaches it, its tier, the code sites and the Montana law
cited; encrypted stores; SDKs in package.json that no personal data was seen reaching; the recorded
disclosure (mt-pii.json "disclosed"); drafts of the privacy-notice sections and of the data protection
assessment checklist. Drafts for review, not legal advice.

Options:
  -f, --format <html|markdown|json>  html: one self-contained page (no script, nothing loaded from the
                                     network); markdown: for a wiki or an issue; json: for --compare and
                                     other tools. Default: from the --output extension, else markdown
  -o, --output <file>                Write to a file (replaced in one step) instead of standard output
  --compare <earlier.json>           Print what changed since an earlier \`report --format json\` (or
                                     \`scan --format json\`): new destinations, new personal data per
                                     destination, what is no longer seen — Markdown for a PR comment
  --max-file-size <size>             Skip larger files (default: 2mb)

Exit status: 0 whatever the map shows; 2 usage or configuration error.`;

export interface ReportOptions {
  paths: string[];
  format?: ReportFormat;
  output?: string;
  compare?: string;
  help?: boolean;
  maxFileSize: number;
  rulesDir: string;
}

export function parseReportArgs(argv: string[]): ReportOptions {
  const scanOnly = argv.map((a) => a.split('=')[0]).find((a) => ['--fail-on', '--baseline', '--update-baseline'].includes(a));
  if (scanOnly) throw new UsageError(`${scanOnly} is a scan option; a report lists every flow and always exits 0`);
  let parsed: ReturnType<typeof parseReportOptions>;
  try {
    parsed = parseReportOptions(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  const format = v.format;
  if (format !== undefined && format !== 'html' && format !== 'markdown' && format !== 'json') {
    throw new UsageError(`report --format must be html, markdown or json (got ${JSON.stringify(format)})`);
  }
  if (v.compare && format && format !== 'markdown') throw new UsageError('--compare prints Markdown (leave out --format, or use --format markdown)');
  // Paths, sizes and the rules folder are read as scan reads them.
  const scanOpts = parseScanArgs([...positionals, ...(v['max-file-size'] ? ['--max-file-size', v['max-file-size']] : []), ...(v['rules-dir'] ? ['--rules-dir', v['rules-dir']] : [])]);
  return { paths: scanOpts.paths, format, output: v.output, compare: v.compare, help: !!v.help, maxFileSize: scanOpts.maxFileSize, rulesDir: scanOpts.rulesDir };
}

function parseReportOptions(args: string[]) {
  return parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, compare: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      'max-file-size': { type: 'string' }, 'rules-dir': { type: 'string' },
    },
  });
}

/** The format asked for, else the one the output file's extension names, else Markdown. */
export function formatOf(opts: Pick<ReportOptions, 'format' | 'output'>): ReportFormat {
  if (opts.format) return opts.format;
  const ext = opts.output ? path.extname(opts.output).toLowerCase() : '';
  return ext === '.html' || ext === '.htm' ? 'html' : ext === '.json' ? 'json' : 'markdown';
}

/** Builds the report text; never throws for what the code contains (bad input files become notes). */
export async function report(opts: ReportOptions, cwd = process.cwd()): Promise<{ text: string; notes: string[] }> {
  // Read the earlier map first: a wrong --compare file is a usage error before any scanning.
  const earlier = opts.compare ? readEarlier(opts.compare, cwd, opts.rulesDir) : undefined;
  const outcome = await scan({ paths: opts.paths, format: 'json', failOn: 'never', maxFileSize: opts.maxFileSize, rulesDir: opts.rulesDir, noBaseline: true }, cwd);
  const map = outcome.dataMap();
  if (earlier) return { text: renderCompare(diffMaps(earlier, entriesOfMap(map)), map, path.basename(opts.compare!)), notes: outcome.notes };
  const format = formatOf(opts);
  const text = format === 'html' ? renderHtml(map) : format === 'json' ? JSON.stringify(map, null, 2) + '\n' : renderMarkdown(map);
  return { text, notes: outcome.notes };
}

export async function reportCommand(argv: string[]): Promise<number> {
  const opts = parseReportArgs(argv);
  if (opts.help) {
    process.stdout.write(REPORT_USAGE + '\n');
    return 0;
  }
  const { text, notes } = await report(opts);
  for (const n of notes) process.stderr.write(`mt-pii: ${n}\n`);
  if (opts.output) writeFileAtomic(path.resolve(opts.output), text);
  else process.stdout.write(text);
  return 0;
}

function readEarlier(file: string, cwd: string, rulesDir: string) {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`--compare: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--compare: ${file} is not JSON (${(e as Error).message}); write it with \`mt-pii report --format json -o ${file}\``);
  }
  const { catalog } = loadCatalog(rulesDir);
  try {
    return entriesOf(json, (id) => !!catalog.ruleById.get(id)?.derived);
  } catch (e) {
    throw new UsageError(`--compare: ${file}: ${(e as Error).message}`);
  }
}
