// The scan's files analysed group by group, the same in a worker and in the main thread: a project per engine
// configuration, a second look at each parsed file's triggers, a time budget per file, results as report data.
import * as fs from 'fs';
import { isMainThread } from 'worker_threads';
import type * as ts from 'typescript';
import { Cancelled, Project, type AnalyzeOptions } from '../../analysis';
import { namedAt, specifierAt } from '../../analysis/namedAt';
import { parseDiagnostics, parseFile } from '../../analysis/parse';
import { Triggers } from '../../analysis/triggers';
import { Catalog, loadCatalog } from '../../catalog/load';
import { reviveCatalog } from '../../catalog/transfer';
import { decodeSource } from '../../project/decode';
import { fsHost } from '../../project/fsHost';
import { LineMap, displayPath, toReportFinding, toWire } from '../formats/report';
import { applySafeFixes } from '../fix';
import { listed } from '../listSuppressions';
import { DEEP, SIGNAL_READ, SIGNAL_UNKNOWN } from './protocol';
import type { EngineConfig, FileJob, FileResult, ScanWorkerInit } from './protocol';

export class GroupAnalyser {
  /** Imports are followed inside the project root only. */
  private readonly host: ReturnType<typeof fsHost>;
  /** Notes already reported (each resolver note once per thread). */
  private readonly noted = new Set<string>();
  private readonly projects = new Map<string, Project>();
  /** The main thread's compiled rules, revived (useCatalog). */
  private catalog?: Catalog;
  /** End of the current file's time budget; imports analysed for it share the budget. */
  private deadline = Infinity;
  private readonly isCancelled = () => Date.now() > this.deadline;
  private readonly show = (file: string) => displayPath(file, this.init.root);

  constructor(private readonly init: ScanWorkerInit, private signal?: Int32Array) {
    this.host = fsHost(init.root);
  }

  /** The shared answer to whether the scan reads the opt-out signal (protocol.ts), when it comes during analysis. */
  useSignal(signal: Int32Array): void {
    this.signal = signal;
  }

  /**
   * Whether the scan reads the opt-out signal, waiting until the main thread knows (it has read every file). Asked
   * only where a verdict depends on it (ruleSelect.ts guardVerdict); the main thread settles it before it analyses.
   */
  private readonly signalRead = (): boolean => {
    const s = this.signal!;
    const since = Date.now();
    while (Atomics.load(s, 0) === SIGNAL_UNKNOWN) {
      if (isMainThread) throw new Error('the opt-out signal was asked for before every file was read');
      Atomics.wait(s, 0, SIGNAL_UNKNOWN, 1000);
    }
    this.deadline += Date.now() - since; // the wait is not the file's time
    return Atomics.load(s, 0) === SIGNAL_READ;
  };

  /** A configuration's options for the engine: this file's budget, and the signal's answer when it comes later. */
  private optionsOf(config: EngineConfig): AnalyzeOptions {
    const later = config.options.optOutSignalRead === undefined && this.signal;
    return { ...config.options, isCancelled: this.isCancelled, ...(later ? { optOutSignalRead: this.signalRead } : {}) };
  }

  /**
   * Starts a group: results that depend on analysis order (import cycles) are dropped, so a group's results
   * are the same whichever thread runs it and whatever it ran before.
   */
  startGroup(): void {
    for (const p of this.projects.values()) p.forgetOrderDependent();
  }

  /** The rules as the main thread compiled them (a structured clone), for configurations that add no sinks. */
  useCatalog(clone: Catalog): void {
    this.catalog = reviveCatalog(clone);
  }

  private projectFor(key: string, config: EngineConfig): Project {
    let p = this.projects.get(key);
    if (!p) {
      const { catalog, problems } = !config.sinks.length && this.catalog ? { catalog: this.catalog, problems: [] }
        : loadCatalog(this.init.rulesDir, config.sinks, !isMainThread); // the scan's main thread has checked the rules
      if (problems.length) throw new Error(problems.map((x) => `${x.file}: ${x.message}`).join('; '));
      p = new Project(catalog, this.host, this.optionsOf(config), this.show);
      this.projects.set(key, p);
    }
    return p;
  }

  /**
   * Whether a file the main thread found worth analysing still is once parsed (relevant.ts SecondLook): with its
   * own roots counted only where the engine reads names, not in comments. A file that is not is left out as
   * the main thread leaves out a quiet one; its findings could only have come from what it no longer holds.
   */
  private stillPasses(job: FileJob, project: Project, sf: ts.SourceFile): boolean {
    const look = job.look!;
    const triggers = Triggers.of(project.catalog);
    const roots = triggers.rootsNamed(sf.text, look.roots, (offset) => namedAt(sf, offset), (offset) => specifierAt(sf, offset));
    if (roots.size === look.roots.length) return true;
    look.otherRoots.forEach((r) => roots.add(r));
    return triggers.passes({ roots, words: new Set(look.words), mark: false });
  }

  analyse(job: FileJob, config: EngineConfig): FileResult {
    let text = job.text;
    let version: string | undefined;
    if (text === undefined) {
      let buf: Buffer;
      try {
        buf = fs.readFileSync(job.file);
      } catch (e) {
        return { index: job.index, skipped: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, incomplete: 'unreadable' };
      }
      const decoded = decodeSource(buf);
      if (!('text' in decoded)) return { index: job.index, skipped: 'looks like a binary file (a NUL byte near its start, and no UTF-16 byte-order mark)', incomplete: 'binary' };
      text = decoded.text;
      version = this.host.version(job.file);
    }
    const project = this.projectFor(job.config, config);
    this.deadline = Date.now() + this.init.fileTimeoutMs;
    try {
      const cached = job.text === undefined ? project.cached(job.file) : undefined;
      let parsed: ts.SourceFile | undefined;
      if (!cached && job.look) {
        parsed = parseFile(job.file, text);
        if (!this.stillPasses(job, project, parsed)) {
          return {
            index: job.index, findings: [], safe: [], truncated: false, quiet: true, parsed: true, syntaxErrors: parseDiagnostics(parsed).length,
            ...(job.look.notes.length ? { notes: job.look.notes } : {}), ...(this.init.listSuppressions ? { directives: [] } : {}),
          };
        }
      }
      const r = cached ?? project.analyze(job.file, text, this.optionsOf(config), version, parsed);
      if (!r) return { index: job.index, skipped: 'cannot read', incomplete: 'unreadable' };
      const notes = project.resolverNotes().filter((n) => !this.noted.has(n) && this.noted.add(n));
      const lines = new LineMap(text);
      const fixed = this.init.fix && job.text === undefined ? applySafeFixes(r.findings, new Map([[job.file, text]]), project.catalog, this.show) : undefined;
      const directives = this.init.listSuppressions ? r.directives.map((d) => listed(this.show(job.file), d, (o) => lines.position(o).line)) : undefined;
      return {
        index: job.index,
        ...(fixed?.notes.length ? { fixNotes: fixed.notes } : {}),
        ...(directives ? { directives } : {}),
        findings: (fixed?.remaining ?? r.findings).map((f) => toWire(toReportFinding(f, () => lines, this.init.root))),
        ...(r.suppressed.length ? { suppressed: r.suppressed.map((f) => toWire(toReportFinding(f, () => lines, this.init.root))) } : {}),
        safe: r.safe.map((d) => ({ file: this.show(d.file), line: lines.position(d.start).line, sink: { vendor: d.sink.vendor, api: d.sink.api }, categories: d.categories })),
        syntaxErrors: r.syntaxErrors,
        truncated: r.truncated,
        ...(r.truncated ? { incomplete: 'truncated' as const } : {}),
        ...(notes.length ? { notes } : {}),
        orderDependent: project.isOrderDependent(job.file) || undefined,
        ...(this.init.withDependencies ? { dependencies: project.dependenciesOf(job.file) } : {}),
      };
    } catch (e) {
      if (e instanceof Cancelled) return { index: job.index, skipped: `analysis took longer than ${this.init.fileTimeoutMs / 1000} s (--file-timeout)`, incomplete: 'timeout' };
      if (e instanceof RangeError) return { index: job.index, skipped: DEEP, incomplete: 'too-deep' };
      return { index: job.index, skipped: `analysis failed (${String((e as Error)?.message ?? e).split('\n')[0]})`, incomplete: 'failed' };
    } finally {
      this.deadline = Infinity;
    }
  }
}
