import * as fs from 'fs';
import * as path from 'path';
import { Project, isSourceFile } from '../analysis';
import { fsHost } from '../project/fsHost';
import type { Finding } from '../analysis/finding';
import type { Directive, SafeDestination } from '../analysis';
import { CatalogProblem, defaultRulesDir, loadCatalog } from '../catalog/load';
import type { Severity } from '../catalog/types';
import { isTestPath, listFiles, looksBinary } from '../project/files';
import { productVersion, ruleDocUri } from '../catalog/docs';
import { formatJson } from './formats/json';
import { LineMap, Report, displayPath, toReportFinding } from './formats/report';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { formatDataMap } from './formats/datamap';
import { classifierFor } from '../analysis';
import { AnalysisPool } from '../worker/pool';
import { ConfigLoader } from '../config/discover';
import { ConfigProblem, analyzeOptionsOf, engineKey, isIncluded } from '../config/config';
import { explainCitations, explainMetaRule, explainRule, findCitations, listRules } from './ruleDocs';
import { readBaseline, writeBaseline } from '../config/baseline';
import type { Catalog } from '../catalog/load';
import { applySafeFixes } from './fix';
import { ListedDirective, formatSuppressions, listed } from './listSuppressions';

const USAGE = `Usage:
  mt-pii scan [paths...] [options]   Scan files or folders (default: the current folder)
  mt-pii explain [ruleId|citation]   Show a rule's documentation (the Montana law behind it, examples, what
                                     to do), or a citation (30-14-2812, 38.5.3901) and the rules citing it
  mt-pii lsp --stdio                 Run the language server over stdio (Neovim, Helix, Zed, ...)
  mt-pii --version

Scan options:
  -f, --format <stylish|json|sarif|datamap>
                                     Output format (default: stylish); datamap: which personal data
                                     goes to which vendor, under which Montana sections (Markdown)
  -o, --output <file>                Write the report to a file instead of standard output
  --fail-on <error|warning|info|never>
                                     Lowest severity that makes the exit status 1 (default: warning)
  --max-file-size <size>             Skip larger files, e.g. 2mb, 500kb (default: 2mb)
  --baseline <file>                  Hide findings accepted in this baseline (default: mt-pii.json "baseline")
  --update-baseline                  Write every current finding to the baseline file, then exit 0
  --fix                              Apply the fixes that change no behaviour (remove suppression directives
                                     that suppress nothing), writing files in place; says what it changed
  --list-suppressions                List every mt-pii-ignore directive with its rules, reason, expiry and
                                     whether it still suppresses something (text, or JSON with -f json)

Configuration: the nearest mt-pii.json above each file, merged over those above it (see README).

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.
Montana PII Guard runs no code from the scanned project and sends nothing anywhere.`;

export class UsageError extends Error {}

export interface ScanOptions {
  paths: string[];
  baseline?: string;
  updateBaseline?: boolean;
  format: 'stylish' | 'json' | 'sarif' | 'datamap';
  output?: string;
  failOn: Severity | 'never';
  maxFileSize: number;
  rulesDir: string;
  fix?: boolean;
  listSuppressions?: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export const version = productVersion;

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size: cannot read ${JSON.stringify(text)} (try 2mb or 500kb)`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(m[1]) * mult);
}

export function parseScanArgs(argv: string[]): ScanOptions {
  const opts: ScanOptions = { paths: [], format: 'stylish', failOn: 'warning', maxFileSize: 2 * 1024 * 1024, rulesDir: defaultRulesDir() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-f':
      case '--format': {
        const v = value();
        if (v !== 'stylish' && v !== 'json' && v !== 'sarif' && v !== 'datamap') throw new UsageError(`--format must be stylish, json, sarif or datamap (got ${JSON.stringify(v)})`);
        opts.format = v;
        break;
      }
      case '-o':
      case '--output':
        opts.output = value();
        break;
      case '--fail-on': {
        const v = value();
        if (v !== 'error' && v !== 'warning' && v !== 'info' && v !== 'never') throw new UsageError(`--fail-on must be error, warning, info or never (got ${JSON.stringify(v)})`);
        opts.failOn = v;
        break;
      }
      case '--max-file-size':
        opts.maxFileSize = parseSize(value());
        break;
      case '--rules-dir':
        opts.rulesDir = path.resolve(value());
        break;
      case '--baseline':
        opts.baseline = path.resolve(value());
        break;
      case '--update-baseline':
        opts.updateBaseline = true;
        break;
      case '--fix':
        opts.fix = true;
        break;
      case '--list-suppressions':
        opts.listSuppressions = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        opts.paths.push(a);
    }
  }
  if (!opts.paths.length) opts.paths.push('.');
  return opts;
}

export interface ScanOutcome {
  report: Report;
  text: string;
  exitCode: number;
  /** Messages for standard error: skipped files, unreadable files, syntax errors, data problems. */
  notes: string[];
}

/** Runs a scan and renders it; never throws for bad input files (they become notes). */
export async function scan(opts: ScanOptions, cwd = process.cwd()): Promise<ScanOutcome> {
  const started = Date.now();
  const notes: string[] = [];
  const { catalog, problems } = loadCatalog(opts.rulesDir);
  if (problems.length) throw new ConfigError(problems);
  const listing = listFiles(opts.paths.map((p) => path.resolve(cwd, p)));
  for (const m of listing.missing) notes.push(`${m}: no such file or folder`);
  if (listing.missing.length && !listing.files.length) throw new UsageError(`nothing to scan: ${listing.missing.join(', ')} not found`);
  const texts = new Map<string, string>();
  const findings: Finding[] = [];
  /** Personal data reaching encrypted stores: no finding, listed by the data map. */
  const safe: SafeDestination[] = [];
  // One project per engine configuration: each file is analysed once, and what it exports flows into
  // importers. Teams' own sinks and names (mt-pii.json) give a configuration its own catalog.
  const host = fsHost();
  const projects = new Map<string, { project: Project; catalog: Catalog }>();
  const configs = new ConfigLoader(opts.rulesDir);
  const configProblems = new Map<string, ConfigProblem>();
  const baselines = new Map<string, Set<string>>();
  let hidden = 0;
  let scanned = 0;
  let withSyntaxErrors = 0;
  let deepPool: AnalysisPool | undefined;
  let skippedTests = 0;
  const directives: ListedDirective[] = [];
  for (const file of listing.files) {
    const shown = displayPath(file, cwd);
    let buf: Buffer;
    let version: string;
    try {
      const st = fs.statSync(file);
      const size = st.size;
      version = `${st.mtimeMs}:${st.size}`;
      if (size > opts.maxFileSize) {
        notes.push(`${shown}: skipped, ${formatBytes(size)} is over the ${formatBytes(opts.maxFileSize)} limit (--max-file-size)`);
        continue;
      }
      buf = fs.readFileSync(file);
    } catch (e) {
      notes.push(`${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    if (looksBinary(buf)) {
      notes.push(`${shown}: skipped, looks like a binary file`);
      continue;
    }
    const { config, problems: cfgProblems } = configs.forFile(file);
    for (const p of cfgProblems) configProblems.set(`${p.file}:${p.line}:${p.character}:${p.message}`, p);
    if (!isIncluded(config, file)) continue;
    // Test, mock and story code is skipped unless mt-pii.json says "checkTests" (files named explicitly are checked).
    const root = listing.roots.get(file) ?? cwd;
    if (!config.checkTests && !listing.explicit.has(file) && isTestPath(path.relative(root, file))) {
      skippedTests++;
      continue;
    }
    if (!isSourceFile(file)) notes.push(`${shown}: not a JavaScript/TypeScript file; scanned as JavaScript`);
    const text = buf.toString('utf8');
    const key = engineKey(config);
    let entry = projects.get(key);
    if (!entry) {
      const loaded = config.sinks.length ? loadCatalog(opts.rulesDir, config.sinks) : { catalog, problems: [] };
      if (loaded.problems.length) throw new ConfigError(loaded.problems);
      entry = { catalog: loaded.catalog, project: new Project(loaded.catalog, host, analyzeOptionsOf(config), (f) => displayPath(f, cwd)) };
      projects.set(key, entry);
    }
    const project = entry.project;
    const options = analyzeOptionsOf(config);
    texts.set(file, text);
    let result: { findings: Finding[]; syntaxErrors: number; truncated: boolean; safe?: SafeDestination[]; directives?: Directive[] } | undefined;
    try {
      result = project.cached(file) ?? project.analyze(file, text, options, version);
      if (!result) throw new Error('cannot read');
    } catch (e) {
      if (!(e instanceof RangeError)) {
        notes.push(`${shown}: analysis failed (${(e as Error).message}); no findings reported for this file`);
        continue;
      }
      // Deeper than this thread's stack (TypeScript's parser recurses per nesting level): retry in a
      // worker with a large stack.
      deepPool ??= new AnalysisPool({ rulesDir: opts.rulesDir }, 1);
      const r = await deepPool.run(file, text, { ...options, fingerprintPath: shown }, 60000);
      if (r.error) {
        notes.push(`${shown}: analysis failed (${r.error}); no findings reported for this file`);
        continue;
      }
      result = { findings: r.findings ?? [], syntaxErrors: r.syntaxErrors ?? 0, truncated: !!r.truncated };
    }
    if (result.syntaxErrors) withSyntaxErrors++;
    if (result.truncated) notes.push(`${shown}: part of the file nests too deeply to follow; findings there may be missing`);
    const baselineFile = opts.baseline ?? config.baseline;
    let accepted: Set<string> | undefined;
    if (baselineFile && !opts.updateBaseline) {
      accepted = baselines.get(baselineFile);
      if (!accepted) {
        const b = readBaseline(baselineFile);
        if (b.error) throw new UsageError(b.error);
        accepted = b.fingerprints;
        baselines.set(baselineFile, accepted);
      }
    }
    for (const d of result.safe ?? []) safe.push(d);
    if (opts.listSuppressions) for (const d of result.directives ?? []) directives.push(listed(shown, d, (o) => text.slice(0, o).split('\n').length));
    for (const f of result.findings) {
      if (accepted?.has(f.fingerprint)) hidden++;
      else findings.push(f);
    }
    scanned++;
  }
  for (const cfg of listing.configFiles) {
    for (const p of configs.problemsOf(cfg)) configProblems.set(`${p.file}:${p.line}:${p.character}:${p.message}`, p);
  }
  if (configProblems.size) throw new ConfigFileError([...configProblems.values()], cwd);
  if (hidden) notes.push(`${hidden} finding(s) accepted in the baseline were not reported`);
  if (skippedTests) notes.push(`${skippedTests} test, mock or story file(s) skipped ("checkTests": true in mt-pii.json checks them)`);
  if (deepPool) await deepPool.close();
  if (withSyntaxErrors) notes.push(`${withSyntaxErrors} file(s) have syntax errors; they were analysed as far as they parse`);
  if (opts.fix) {
    const fixed = applySafeFixes(findings, texts, catalog, (f) => displayPath(f, cwd));
    notes.push(...fixed.notes);
    findings.splice(0, findings.length, ...fixed.remaining);
  }
  const maps = new Map<string, LineMap>();
  const lines = (file: string) => {
    let m = maps.get(file);
    if (!m) {
      m = new LineMap(texts.get(file) ?? safeRead(file));
      maps.set(file, m);
    }
    return m;
  };
  const report: Report = {
    tool: { name: 'mt-pii', version: version() },
    findings: findings.map((f) => toReportFinding(f, lines, cwd)),
    summary: { files: scanned, findings: findings.length, durationMs: Date.now() - started },
    ...(catalog.notices ? { notice: catalog.notices.notLegalAdvice } : {}),
  };
  if (opts.updateBaseline) {
    // --baseline, else the baseline named by the mt-pii.json that applies here, else ./mt-pii-baseline.json.
    const file = opts.baseline ?? configs.forFile(path.join(cwd, 'index.ts')).config.baseline ?? path.join(cwd, 'mt-pii-baseline.json');
    writeBaseline(file, report.findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, message: f.message })));
    notes.push(`wrote ${report.findings.length} finding(s) to the baseline ${displayPath(file, cwd)}`);
    return { report, text: '', exitCode: 0, notes };
  }
  if (opts.listSuppressions) return { report, text: formatSuppressions(directives, opts.format === 'json' ? 'json' : 'text'), exitCode: 0, notes };
  const text = opts.format === 'json' ? formatJson(report)
    : opts.format === 'sarif' ? formatSarif(report, catalog.rules, (id) => ruleDocUri(catalog.rulesDir, id))
    : opts.format === 'datamap' ? formatDataMap(report, classifierFor(catalog).labels, catalog.citations,
      safe.map((d) => ({ ...d, file: displayPath(d.file, cwd), line: lines(d.file).position(d.start).line })))
    : formatStylish(report);
  const failing = opts.failOn !== 'never' && findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[opts.failOn as Severity]);
  return { report, text, exitCode: failing ? 1 : 0, notes };
}

/** An invalid mt-pii.json: every problem at its file, line and column. */
export class ConfigFileError extends Error {
  constructor(readonly problems: ConfigProblem[], cwd: string) {
    super(problems.map((p) => `${displayPath(p.file, cwd)}:${p.line + 1}:${p.character + 1}: ${p.message}`).join('\n'));
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    super(problems.map((p) => `${p.file}${p.path ? ` (${p.path})` : ''}: ${p.message}`).join('\n'));
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
}

/**
 * `mt-pii explain [ruleId | citation]`: a rule's documentation page (the same Markdown as
 * rules/montana/<rule>.md, the page the editor links), or a citation with the rules that cite it.
 */
export function explain(query: string | undefined, rulesDir = defaultRulesDir()): string {
  const { catalog } = loadCatalog(rulesDir);
  if (!query) return listRules(catalog);
  const rule = catalog.ruleById.get(query.startsWith('mt/') ? query : 'mt/' + query);
  if (rule) return explainRule(catalog, rule);
  const meta = explainMetaRule(catalog, query);
  if (meta) return meta;
  const ids = findCitations(catalog, query);
  if (ids.length) return explainCitations(catalog, ids);
  throw new UsageError(`unknown rule or citation ${query}; known rules: ${catalog.rules.map((r) => r.id).join(', ')}; citations: ${Object.keys(catalog.citations).join(', ')}`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan': {
        const opts = parseScanArgs(rest);
        const outcome = await scan(opts);
        for (const n of outcome.notes) process.stderr.write(`mt-pii: ${n}\n`);
        if (opts.output) fs.writeFileSync(opts.output, outcome.text);
        else process.stdout.write(outcome.text);
        return outcome.exitCode;
      }
      case 'explain':
        process.stdout.write(explain(rest[0]));
        return 0;
      case 'lsp':
        // The same server as the VS Code extension; vscode-languageserver reads --stdio from argv.
        require('../lsp/server').startServer();
        return -1;
      case '--version':
      case '-v':
      case 'version':
        process.stdout.write(version() + '\n');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mt-pii: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`mt-pii: the rule data is invalid:\n${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigFileError) {
      process.stderr.write(`mt-pii: invalid configuration (nothing was scanned):\n${e.message}\n`);
      return 2;
    }
    process.stderr.write(`mt-pii: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
