// `mt-pii scan` from options to a finished report: what to scan, the project root, configuration, the
// parallel analysis (with --cache), baselines, --quiet/--max-warnings/--fail-on, and the rendered text.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isSourceFile } from '../../analysis/sourceFiles';
import { ANALYSIS_INCOMPLETE, IncompleteReason, incompleteFinding } from '../../analysis/incomplete';
import { CONFIG_SINKS, loadCatalog } from '../../catalog/load';
import { productVersion } from '../../catalog/docs';
import type { Severity } from '../../catalog/types';
import { ConfigLoader } from '../../config/discover';
import { ConfigProblem, ResolvedConfig, analyzeOptionsOf, engineKey, isIncluded } from '../../config/config';
import { IgnoreFiles } from '../../project/ignoreFiles';
import { isTestPath } from '../../project/files';
import { projectReadsOptOutSignal } from '../../project/signalRead';
import { GuardWords } from '../../analysis/guardKinds';
import type { Catalog } from '../../catalog/load';
import { commonFolder, findProjectRoot, ProjectRoot } from '../../project/root';
import { ConfigError, ConfigFileError, InputError, UsageError } from '../errors';
import type { DataMap, SafeInput } from '../../report/model';
import { dataMapOf } from '../../report/build';
import { LineMap, Report, ReportFinding, SkippedFile, displayPath, fromWire, severityCounts, toReportFinding } from '../formats/report';
import { Baselines } from './baselines';
import { ScanCache, rulesHash } from './cache';
import { expandInputs, globBase, isGlob } from './inputs';
import { GroupFeed, ParallelRun, analyseInParallel, groupSize, groupsOf, releaseWorkers, warmUpWorkers } from './parallel';
import { Relevance } from './relevant';
import { fsHost } from '../../project/fsHost';
import { readSource } from '../../project/decode';
import { Progress } from './progress';
import { SIGNAL_UNKNOWN, settleSignal } from './protocol';
import type { EngineConfig, FileJob, FileResult, ScanWorkerInit } from './protocol';
import { Format, render } from './render';
import { ListedDirective, formatSuppressions } from '../listSuppressions';

export interface ScanOptions {
  paths: string[];
  format: Format;
  output?: string;
  failOn: Severity | 'never';
  /** Exit 1 when more warnings than this are found. */
  maxWarnings?: number;
  /** Report errors only. */
  quiet: boolean;
  /** -c: this mt-pii.json alone configures every file. */
  config?: string;
  maxFileSize: number;
  fileTimeoutMs: number;
  jobs: number;
  baseline?: string;
  updateBaseline: boolean;
  /** --stdin: the text to scan, as the file `stdinFilename`. */
  stdin: boolean;
  stdinFilename?: string;
  stdinText?: string;
  cache: boolean;
  /** Honour .gitignore and .mt-piiignore (--no-ignore turns it off). */
  ignore: boolean;
  rulesDir: string;
  /** Draw the progress line on standard error (only ever on a terminal). */
  progress: boolean;
  /** --fix: remove directives that suppress nothing (the editor's fix-all set), writing files atomically. */
  fix?: boolean;
  /** --list-suppressions: the report is the list of suppression directives instead of the findings. */
  listSuppressions?: boolean;
  /** --inventory: the stylish output lists each inventory entry instead of summarising them in one line. */
  inventory?: boolean;
  /** Keep every flow, those accepted in a baseline too (the data map of `mt-pii report`). */
  noBaseline?: boolean;
  /** Analyse in this thread only (see ParallelRun.inThread). */
  inThread?: boolean;
  /**
   * Analyse every file, even those whose text and imports hold nothing the catalog knows (relevant.ts);
   * for tests and comparisons only: the results are the same.
   */
  analyseAll?: boolean;
}

export interface ScanOutcome {
  report: Report;
  text: string;
  exitCode: number;
  /** Messages for standard error: skipped files, syntax errors, baselines. */
  notes: string[];
  /** The project root the report's paths are relative to. */
  root: string;
  skipped: SkippedFile[];
  /** The data map of what was scanned (built when asked for). */
  dataMap: () => DataMap;
  /** Files read but not parsed: neither they nor what they import hold anything the catalog knows (relevant.ts). */
  unparsed: number;
  /** Files parsed but not evaluated: their own roots were only in comments, or in strings no import names (SecondLook). */
  unevaluated: number;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A skipped file's reason as the finding words it: "analysis took longer than 120 s" → "it took longer than 120 s". */
function skippedReason(reason: string): string {
  return reason.replace(/^analysis (took|failed)/, (_m, verb: string) => (verb === 'took' ? 'its analysis took' : 'its analysis failed'))
    .replace(/^cannot read/, 'it could not be read').replace(/^looks like/, 'it looks like');
}

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
}

const shortHash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);

/**
 * Files to analyse per worker thread: about 4 s of one worker's time (10 ms a file, measured on apps and on
 * packages alike), past which another worker's start-up and warm-up (about a second of CPU) pay off.
 */
const FILES_PER_WORKER = 400;

/** Resolver notes (imports and settings leading outside the project) printed by name; the rest are counted. */
const MAX_RESOLVER_NOTES = 10;

/** Runs a scan and renders it; bad input files become notes, bad arguments and configuration throw. */
export async function scan(opts: ScanOptions, cwd = process.cwd()): Promise<ScanOutcome> {
  try {
    return await scanFiles(opts, cwd);
  } finally {
    releaseWorkers();
  }
}

async function scanFiles(opts: ScanOptions, cwd: string): Promise<ScanOutcome> {
  const started = Date.now();
  const notes: string[] = [];
  if (opts.config && !fs.existsSync(opts.config)) throw new UsageError(`--config ${displayPath(opts.config, cwd)}: no such file`);

  // What to scan, and the project root its paths and fingerprints are relative to.
  const stdinFile = opts.stdin ? path.resolve(cwd, opts.stdinFilename ?? 'stdin.ts') : undefined;
  const starts = stdinFile ? [path.dirname(stdinFile)] : opts.paths.map((p) => path.resolve(cwd, isGlob(p, cwd) ? globBase(p) : p));
  const where: ProjectRoot = findProjectRoot(commonFolder(starts));
  const root = where.root;
  const show = (f: string) => displayPath(f, root);
  const ignoreFiles = opts.ignore ? new IgnoreFiles(where.gitRoot ?? root) : undefined;
  const ignored = (abs: string, isDir: boolean) => !!ignoreFiles?.ignores(abs, isDir);
  const inputs = stdinFile
    ? { files: [stdinFile], roots: new Map([[stdinFile, path.dirname(stdinFile)]]), explicit: new Set([stdinFile]), configFiles: [], missing: [], unreadable: [], emptyGlobs: [] }
    : expandInputs(opts.paths, cwd, ignored);
  const useCache = opts.cache && !stdinFile && !opts.fix && !opts.listSuppressions;
  /** Imports are followed inside the project root only, as in the workers. */
  const projectHost = fsHost(root);
  const init: ScanWorkerInit = {
    rulesDir: opts.rulesDir, root, fileTimeoutMs: opts.fileTimeoutMs, withDependencies: useCache, fix: opts.fix, listSuppressions: opts.listSuppressions,
  };
  // The first worker thread loads the engine while this thread reads the rules and configuration and decides which
  // files need it (a scan of one group of files runs in this thread instead).
  const files = inputs.files.length;
  const warmed = !stdinFile && !opts.inThread && files > groupSize(files);
  if (warmed) warmUpWorkers(init, 1);
  const { catalog, problems } = loadCatalog(opts.rulesDir);
  if (problems.length) throw new ConfigError(problems);
  for (const m of inputs.missing) notes.push(`${m}: no such file or folder`);
  for (const g of inputs.emptyGlobs) notes.push(`${g}: no file matches`);
  if (inputs.missing.length && !inputs.files.length) throw new UsageError(`nothing to scan: ${inputs.missing.join(', ')} not found`);

  // Configuration of each file, and which files are checked.
  const configs = new ConfigLoader(opts.rulesDir, [], undefined, opts.config, [root]);
  const configProblems = new Map<string, ConfigProblem>();
  const addProblems = (list: ConfigProblem[]) => list.forEach((p) => configProblems.set(`${p.file}:${p.line}:${p.character}:${p.message}`, p));
  if (opts.config) addProblems(configs.problemsOf(opts.config));
  else for (const cfg of inputs.configFiles) addProblems(configs.problemsOf(cfg));
  const engineConfigs: Record<string, EngineConfig> = {};
  const jobs: FileJob[] = [];
  const baselineOf: (string | undefined)[] = [];
  /** Rule severities of each job's configuration (for mt/analysis-incomplete). */
  const severitiesOf: ResolvedConfig['severities'][] = [];
  const skipped: SkippedFile[] = [];
  /** Files and folders not (fully) analysed, each a finding of mt/analysis-incomplete. */
  const incomplete: { file: string; reason: IncompleteReason; severities: ResolvedConfig['severities'] }[] = [];
  let skippedTests = 0;
  let excluded = 0;
  for (const file of inputs.files) {
    const shown = show(file);
    const { config, problems: cfgProblems } = configs.forFile(file);
    addProblems(cfgProblems);
    if (!isIncluded(config, file)) {
      excluded++;
      continue;
    }
    // Test, mock and story code is skipped unless mt-pii.json says "checkTests" (files named explicitly are checked).
    if (!config.checkTests && !inputs.explicit.has(file) && isTestPath(path.relative(inputs.roots.get(file) ?? cwd, file))) {
      skippedTests++;
      continue;
    }
    let size = stdinFile ? Buffer.byteLength(opts.stdinText ?? '') : 0;
    if (!stdinFile) {
      try {
        size = fs.statSync(file).size;
      } catch (e) {
        const reason = `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
        skipped.push({ file: shown, reason });
        incomplete.push({ file, reason: { kind: 'unreadable', text: `it ${reason.replace(/^cannot/, 'could not be')}` }, severities: config.severities });
        continue;
      }
      if (size > opts.maxFileSize) {
        const reason = `${formatBytes(size)} is over the ${formatBytes(opts.maxFileSize)} limit (--max-file-size)`;
        skipped.push({ file: shown, reason });
        incomplete.push({ file, reason: { kind: 'too-large', text: `its ${reason}` }, severities: config.severities });
        continue;
      }
    }
    if (!isSourceFile(file)) notes.push(`${shown}: not a JavaScript/TypeScript file; scanned as JavaScript`);
    const key = shortHash(engineKey(config));
    engineConfigs[key] ??= { options: analyzeOptionsOf(config), sinks: config.sinks };
    baselineOf[jobs.length] = config.baseline;
    severitiesOf[jobs.length] = config.severities;
    jobs.push({ index: jobs.length, file, config: key, bytes: size, ...(stdinFile ? { text: opts.stdinText ?? '' } : {}) });
  }
  for (const u of inputs.unreadable) {
    const { config } = configs.forFile(path.join(u.dir, '_'));
    incomplete.push({ file: u.dir, reason: { kind: 'unreadable', text: `this folder could not be listed (${u.reason}), so the files in it were not scanned` }, severities: config.severities });
  }
  if (configProblems.size) throw new ConfigFileError([...configProblems.values()], cwd);
  // A pixel behind only the app's own consent or opt-out flag passes where some file of the project reads the
  // opt-out preference signal (mt/ad-tracking-without-opt-out-check). The prefilter, which reads every file, learns
  // it on the way while workers analyse, and a worker that needs it waits (protocol.ts). With --cache, whose key
  // holds the answer, or with no prefilter, one text scan before analysis tells.
  const checks = catalog.categories.optOutChecks;
  const signal = checks && !useCache && !opts.analyseAll ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const signalWords = signal && checks ? GuardWords.of(checks) : undefined;
  const optOutSignalRead = signal ? undefined : readsSignalAnywhere(catalog, jobs);
  for (const c of Object.values(engineConfigs)) c.options = { ...c.options, optOutSignalRead };
  /** The catalog each engine configuration analyses with (the team's own sinks added). */
  const catalogOf = new Map<string, Catalog>();
  for (const key of Object.keys(engineConfigs)) {
    const sinks = engineConfigs[key].sinks;
    catalogOf.set(key, catalog);
    if (sinks.length) {
      // Each mt-pii.json's own sinks were checked with it; what is left is a clash between two files of a cascade.
      const loaded = loadCatalog(opts.rulesDir, sinks);
      catalogOf.set(key, loaded.catalog);
      if (loaded.problems.length) throw new ConfigError(loaded.problems.map((p) => (p.file === CONFIG_SINKS ? { ...p, message: `${p.message} (the sinks of the mt-pii.json files that apply, merged)` } : p)));
    }
  }
  const what = stdinFile ? `--stdin-filename ${displayPath(stdinFile, cwd)}` : opts.paths.join(' ');
  if (!jobs.length && !skipped.length && !incomplete.length && !(stdinFile && excluded)) {
    const why = [...inputs.emptyGlobs.map((g) => `${g}: no file matches`), excluded && `${excluded} excluded by mt-pii.json`,
      skippedTests && `${skippedTests} test, mock, story or seed file(s) skipped ("checkTests": true checks them)`].filter(Boolean).join('; ');
    throw new InputError(`no JavaScript or TypeScript files to scan in ${what}${why ? ` (${why})` : ''}`);
  }
  const baselines = new Baselines(root, cwd, opts.baseline, opts.updateBaseline);

  // Analysis: cached results first, the rest in worker threads; results kept in scan order.
  const results: (FileResult | undefined)[] = new Array(jobs.length);
  const cache = useCache
    ? new ScanCache(ScanCache.defaultFile(root), shortHash(JSON.stringify([productVersion(), rulesHash(opts.rulesDir), root, opts.fileTimeoutMs, optOutSignalRead])))
    : undefined;
  const todo: FileJob[] = [];
  for (const job of jobs) {
    const hit = cache?.get(job.file, job.config);
    if (hit) results[job.index] = { ...hit, index: job.index };
    else todo.push(job);
  }
  if (cache && todo.length < jobs.length) notes.push(`${jobs.length - todo.length} unchanged file(s) taken from the cache (--cache)`);
  const progress = new Progress(jobs.length, opts.progress && Progress.enabled() ? process.stderr : undefined);
  let done = jobs.length - todo.length;
  // Files that neither hold nor import anything the catalog knows have no finding: read here, never parsed. The
  // groups are cut over all files, so results that depend on analysis order stay those of a scan without this.
  const relevance = new Map<string, Relevance>();
  const isQuiet = (job: FileJob): boolean => {
    if (opts.analyseAll) return false;
    let r = relevance.get(job.config);
    if (!r) relevance.set(job.config, (r = new Relevance(catalogOf.get(job.config)!, projectHost)));
    const text = job.text ?? readSource(job.file);
    if (signal && signalWords && text !== undefined && Atomics.load(signal, 0) === SIGNAL_UNKNOWN && signalWords.readsSignal(text)) settleSignal(signal, true);
    const quiet = text !== undefined ? r.quiet(job.file, text) : undefined;
    if (!quiet) {
      const look = text !== undefined ? r.secondLook(job.file, text) : undefined;
      if (look) job.look = look;
      return false;
    }
    results[job.index] = { index: job.index, findings: [], safe: [], truncated: false, quiet: true, ...(quiet.notes.length ? { notes: quiet.notes } : {}), ...(opts.listSuppressions ? { directives: [] } : {}) };
    progress.update(++done);
    return true;
  };
  const run: ParallelRun = {
    jobs: opts.jobs, workersOnly: warmed, inThread: opts.inThread, init, configs: engineConfigs, catalog, signal,
    onResult: (r) => {
      results[r.index] = r;
      if (!r.quiet) cache?.set(jobs[r.index].file, jobs[r.index].config, r); // a quiet result depends on its imports' texts
      progress.update(++done);
    },
  };
  const workersFor = (files: number) => Math.ceil(files / FILES_PER_WORKER);
  if (warmed) {
    // The worker started ahead takes each group as soon as it is decided; more join for a long list.
    const feed = new GroupFeed();
    const analysing = analyseInParallel(feed, run);
    analysing.catch(() => undefined); // awaited below; a worker that cannot start must not end the process first
    let toAnalyse = 0;
    try {
      for (const group of groupsOf(todo, (job) => !isQuiet(job))) {
        toAnalyse += group.length;
        feed.push(group);
        await new Promise((resolve) => setImmediate(resolve)); // let the workers' messages in
      }
    } catch (e) {
      feed.abort(e as Error); // the workers stop (one may be waiting for the signal's answer)
      throw e;
    }
    if (signal) settleSignal(signal, false); // every file has been read (a file that reads it settled it earlier)
    feed.close(workersFor(toAnalyse));
    await analysing;
  } else {
    const groups = [...groupsOf(todo, (job) => !isQuiet(job))].filter((g) => g.length);
    if (signal) settleSignal(signal, false);
    await analyseInParallel(groups, { ...run, jobs: Math.min(opts.jobs, workersFor(groups.reduce((n, g) => n + g.length, 0))) });
  }
  progress.end();
  const cacheProblem = cache?.save();
  if (cacheProblem) notes.push(cacheProblem);

  // Findings, baselines and the summary.
  const findings: ReportFinding[] = [];
  const safe: SafeInput[] = [];
  /** Flows hidden by suppression directives, and the files analysed: for the data map. */
  const suppressed: ReportFinding[] = [];
  const analysed: { file: string; root: string }[] = [];
  let scanned = 0;
  let withSyntaxErrors = 0;
  let unparsed = 0;
  let unevaluated = 0;
  let baselined = 0;
  const directives: ListedDirective[] = [];
  const fixNotes: string[] = [];
  const resolverNotes = new Set<string>();
  for (const job of jobs) {
    const r = results[job.index]!;
    const shown = show(job.file);
    for (const n of r.notes ?? []) resolverNotes.add(n);
    if (r.skipped) {
      skipped.push({ file: shown, reason: r.skipped });
      incomplete.push({ file: job.file, reason: { kind: r.incomplete ?? 'failed', text: skippedReason(r.skipped) }, severities: severitiesOf[job.index] });
      continue;
    }
    scanned++;
    if (r.quiet && !r.parsed) unparsed++;
    if (r.quiet && r.parsed) unevaluated++;
    if (r.syntaxErrors) withSyntaxErrors++;
    if (r.truncated) {
      notes.push(`${shown}: part of the file nests too deeply to follow; findings there may be missing`);
      incomplete.push({ file: job.file, reason: { kind: 'truncated', text: 'part of it nests too deeply to follow' }, severities: severitiesOf[job.index] });
    }
    safe.push(...(r.safe ?? []));
    suppressed.push(...(r.suppressed ?? []).map(fromWire));
    analysed.push({ file: job.file, root: inputs.roots.get(job.file) ?? root });
    directives.push(...(r.directives ?? []));
    fixNotes.push(...(r.fixNotes ?? []));
    // A file analysed only in part keeps its accepted baseline entries (what was not analysed cannot be pruned).
    const { reported, accepted } = opts.noBaseline
      ? { reported: (r.findings ?? []).map(fromWire), accepted: 0 }
      : baselines.apply(shown, baselineOf[job.index], (r.findings ?? []).map(fromWire), notes, !r.truncated);
    baselined += accepted;
    findings.push(...reported);
  }
  // Imports that lead outside the project: the first few by name, the rest counted (a folder scanned alone can
  // have hundreds, and a screenful of them hides what matters).
  const outside = [...resolverNotes];
  notes.push(...outside.slice(0, MAX_RESOLVER_NOTES));
  if (outside.length > MAX_RESOLVER_NOTES) notes.push(`${outside.length - MAX_RESOLVER_NOTES} more import(s) or settings lead outside the project and were not followed (the project root is ${root}; a "root": true mt-pii.json or the repository's .git sets it)`);
  // Files not (fully) analysed are findings of their own: a scan never says "no flows" for code it did not read.
  // A baseline never accepts them.
  const incompleteRule = catalog.toolRules.get(ANALYSIS_INCOMPLETE);
  for (const u of incomplete) {
    const f = incompleteFinding(u.file, u.reason, { rule: incompleteRule, severities: u.severities, fingerprintPath: show(u.file) });
    if (f) findings.push(toReportFinding(f, () => new LineMap(''), root));
  }
  for (const s of skipped) notes.push(`${s.file}: skipped, ${s.reason}`);
  if (baselined) notes.push(`${baselined} finding(s) accepted in the baseline were not reported`);
  if (skippedTests) notes.push(`${skippedTests} test, mock, story or seed file(s) skipped ("checkTests": true in mt-pii.json checks them)`);
  if (withSyntaxErrors) notes.push(`${withSyntaxErrors} file(s) have syntax errors; they were analysed as far as they parse`);
  if (opts.fix) notes.push(...(fixNotes.length ? fixNotes : ['--fix: nothing to fix (only directives that suppress nothing are removed automatically)']));
  const counts = severityCounts(findings);
  const shownFindings = opts.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const shownCounts = severityCounts(shownFindings);
  const report: Report = {
    tool: { name: 'mt-pii', version: productVersion() },
    findings: shownFindings,
    summary: { files: scanned, findings: shownFindings.length, durationMs: Date.now() - started, ...shownCounts, skipped: skipped.length, baselined },
    ...(catalog.notices ? { notice: catalog.notices.notLegalAdvice } : {}),
  };
  const dataMap = () => dataMapOf({ report, suppressed, safe, scanned: analysed, catalog, configs, root });
  if (opts.updateBaseline) {
    baselines.update(notes);
    return { report, text: '', exitCode: 0, notes, root, skipped, dataMap, unparsed, unevaluated };
  }
  if (opts.listSuppressions) return { report, text: formatSuppressions(directives, opts.format === 'json' ? 'json' : 'text'), exitCode: 0, notes, root, skipped, dataMap, unparsed, unevaluated };
  const text = render(opts.format, report, { catalog, where, skipped, dataMap, inventory: opts.inventory });
  let exitCode = opts.failOn !== 'never' && shownFindings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[opts.failOn as Severity]) ? 1 : 0;
  if (opts.maxWarnings !== undefined && counts.warnings > opts.maxWarnings) {
    notes.push(`${counts.warnings} warning(s) found, more than --max-warnings ${opts.maxWarnings}`);
    exitCode = 1;
  }
  return { report, text, exitCode, notes, root, skipped, dataMap, unparsed, unevaluated };
}

/** Whether a file to be analysed (from disk, or --stdin text) reads the opt-out preference signal. */
function readsSignalAnywhere(catalog: Catalog, jobs: readonly FileJob[]): boolean {
  const checks = catalog.categories.optOutChecks;
  if (!checks) return false;
  const words = GuardWords.of(checks);
  const reads = (text: string) => words.readsSignal(text);
  return jobs.some((j) => j.text !== undefined && reads(j.text)) || projectReadsOptOutSignal(jobs.filter((j) => j.text === undefined).map((j) => j.file), reads);
}
