// The scan's analysis threads: files go out in fixed groups, fed as the main thread decides them (the same whatever
// the number of threads, so the output equals --jobs 1), results come back per file; stuck files are skipped.
import * as path from 'path';
import { Worker } from 'worker_threads';
import type * as AnalyseGroup from './analyseGroup';
import type { IncompleteKind } from '../../analysis/incomplete';
import type { Catalog } from '../../catalog/load';
import { DEEP, SIGNAL_UNKNOWN } from './protocol';
import type { EngineConfig, FileJob, FileResult, GroupMessage, ScanWorkerInit, WorkerMessage } from './protocol';

/** The engine, loaded only when this thread analyses (worker threads load their own). */
const engine = () => require('./analyseGroup') as typeof AnalyseGroup;

/** TypeScript's parser recurses once per nesting level (a 10,000-deep expression needs a large stack). */
const STACK_MB = 256;
/** Past the cooperative budget, a worker still busy with the same file (in the parser, say) is stopped: after this much more. */
const hardStopGraceMs = (budgetMs: number) => Math.min(10000, Math.max(2000, budgetMs));
/**
 * Largest file analysed in the main thread (for a scan of one group). The main thread can only check its budget
 * between steps; a larger file goes to a worker thread, which is stopped when it overruns its budget.
 */
export const MAIN_THREAD_MAX_BYTES = 128 * 1024;

/**
 * Files per group: depends only on the number of files, never on the number of threads. Each group starts
 * with no order-dependent results cached (see Project.forgetOrderDependent), so its results are the same
 * in any worker; fewer, larger groups share more of what imports cost.
 */
export function groupSize(files: number): number {
  return Math.max(16, Math.ceil(files / 64));
}

export interface ParallelRun {
  jobs: number;
  init: ScanWorkerInit;
  configs: Record<string, EngineConfig>;
  onResult: (result: FileResult) => void;
  /** Never analyse in this thread (benchmarks of the worker path). */
  workersOnly?: boolean;
  /**
   * Analyse every group in this thread, a file too deep for it skipped with the reason (the language
   * server's data map, already on a worker thread with a large stack, where no scan worker script ships).
   */
  inThread?: boolean;
  /**
   * The rules as this thread compiled them (with no team sinks), handed to each worker with its first group:
   * copying it costs a worker a few milliseconds where compiling the rules again costs it about seventy.
   */
  catalog?: Catalog;
  /** The shared answer to whether the scan reads the opt-out signal, when it comes during analysis (protocol.ts). */
  signal?: Int32Array;
}

interface Slot {
  worker: Worker;
  group?: GroupMessage;
  /** The worker has been given run.catalog and run.signal (with its first group). */
  briefed?: boolean;
  /** The file being analysed and since when. */
  current?: { index: number; since: number };
  /** Results seen for the current group (to re-queue the rest if the worker is stopped). */
  answered: Set<number>;
  everAnswered: boolean;
}

/**
 * The scan's files in groups of groupSize (by their place among all `files`), in order, each keeping only the
 * files `analyse` accepts (so possibly empty): whichever files a prefilter leaves out, the groups that remain are
 * cut where they would be without it, so results that depend on the order of analysis (import cycles) stay the same.
 */
export function* groupsOf(files: readonly FileJob[], analyse: (job: FileJob) => boolean): Generator<FileJob[]> {
  const size = groupSize(files.length);
  for (let i = 0; i < files.length; i += size) yield files.slice(i, i + size).filter(analyse);
}

/**
 * Groups handed to the worker threads as the main thread decides them (which files need the engine); the
 * workers start on the first while the rest are decided. `close` once the last is in, with how many workers
 * the whole calls for.
 */
export class GroupFeed {
  readonly queue: FileJob[][] = [];
  /** Files in the groups pushed so far. */
  files = 0;
  closed = false;
  /** Workers the groups call for (ParallelRun.jobs caps it); one until the feed is closed. */
  workers = 1;
  aborted?: Error;
  private listener?: () => void;

  push(group: FileJob[]): void {
    if (!group.length) return;
    this.queue.push(group);
    this.files += group.length;
    this.listener?.();
  }

  close(workers: number): void {
    this.closed = true;
    this.workers = Math.max(1, workers);
    this.listener?.();
  }

  /** Ends the analysis with `error` (the main thread failed while deciding the groups): the workers are stopped. */
  abort(error: Error): void {
    this.aborted = error;
    this.listener?.();
  }

  listen(listener: () => void): void {
    this.listener = listener;
  }
}

/** A feed of groups known in full. */
function feedOf(groups: readonly (readonly FileJob[])[], workers: number): GroupFeed {
  const feed = new GroupFeed();
  for (const g of groups) feed.push([...g]);
  feed.close(workers);
  return feed;
}

/**
 * Analyses the groups' files (in scan order) with up to `jobs` worker threads; resolves when every file has a
 * result. A feed's groups always go to worker threads. A scan of one group of small files (an editor's --stdin, a hook's staged files) runs in this thread,
 * which saves starting a worker; a file too deep for this thread's stack, or too large to trust to a
 * cooperative budget, is analysed in a worker.
 */
export async function analyseInParallel(groups: readonly (readonly FileJob[])[] | GroupFeed, run: ParallelRun): Promise<void> {
  if (groups instanceof GroupFeed) return inWorkers(groups, run);
  if (run.inThread) {
    const analyser = new (engine().GroupAnalyser)(run.init, run.signal);
    for (const group of groups) {
      analyser.startGroup(); // the same groups as the workers get, so the same results
      for (const job of group) run.onResult(analyser.analyse(job, run.configs[job.config]));
    }
    return;
  }
  if (groups.length === 1 && !run.workersOnly) {
    const analyser = new (engine().GroupAnalyser)(run.init, run.signal);
    analyser.startGroup();
    const elsewhere: FileJob[] = [];
    for (const job of groups[0]) {
      if (job.bytes === undefined || job.bytes > MAIN_THREAD_MAX_BYTES) {
        elsewhere.push(job);
        continue;
      }
      const r = analyser.analyse(job, run.configs[job.config]);
      if (r.skipped === DEEP) elsewhere.push(job);
      else run.onResult(r);
    }
    if (elsewhere.length) await inWorkers(feedOf([elsewhere], 1), run);
    return;
  }
  return inWorkers(feedOf(groups, groups.length), run);
}

const newWorker = (init: ScanWorkerInit) => new Worker(path.join(__dirname, 'scanWorker.js'), { workerData: init, resourceLimits: { stackSizeMb: STACK_MB } });

/** Workers started ahead of a scan, with the init they were given and what became of them while they waited. */
let warm: { init: string; workers: { worker: Worker; failed: boolean }[] } | undefined;

/**
 * Starts `count` analysis workers before the scan has its files ready: each loads the engine (a good part of a
 * second) while this thread reads configuration. analyseInParallel takes them over; releaseWorkers() stops any
 * left (call it however the scan ends).
 */
export function warmUpWorkers(init: ScanWorkerInit, count: number): void {
  releaseWorkers();
  warm = { init: JSON.stringify(init), workers: [] };
  for (let i = 0; i < count; i++) {
    const w = { worker: newWorker(init), failed: false };
    w.worker.on('error', () => (w.failed = true));
    w.worker.on('exit', () => (w.failed = true));
    warm.workers.push(w);
  }
}

/** Stops the workers started ahead that no scan took over. */
export function releaseWorkers(): void {
  for (const w of warm?.workers ?? []) void w.worker.terminate();
  warm = undefined;
}

/** A worker started ahead with the same init, still alive, or undefined. */
function takeWarm(init: ScanWorkerInit): Worker | undefined {
  if (!warm || warm.init !== JSON.stringify(init)) return undefined;
  for (let w = warm.workers.pop(); w; w = warm.workers.pop()) {
    w.worker.removeAllListeners();
    if (!w.failed) return w.worker;
    void w.worker.terminate();
  }
  return undefined;
}

function inWorkers(feed: GroupFeed, run: ParallelRun): Promise<void> {
  const queue = feed.queue;
  let nextGroup = 0;
  let delivered = 0;
  const slots: Slot[] = [];
  /** Workers waiting for the feed's next group. */
  const idle = new Set<Slot>();
  const wanted = () => Math.max(1, Math.min(run.jobs, feed.workers, slots.length + queue.length));
  return new Promise<void>((resolve, reject) => {
    if (feed.closed && !feed.files) return resolve();
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      for (const s of slots) void s.worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const deliver = (slot: Slot | undefined, result: FileResult) => {
      slot?.answered.add(result.index);
      run.onResult(result);
      if (++delivered === feed.files && feed.closed) finish();
    };
    const dispatch = (slot: Slot) => {
      const files = queue.shift();
      if (!files) {
        slot.group = undefined;
        if (!feed.closed) {
          idle.add(slot);
          return;
        }
        void slot.worker.terminate();
        slots.splice(slots.indexOf(slot), 1);
        return;
      }
      const used = new Set(files.map((f) => f.config));
      const configs = Object.fromEntries(Object.entries(run.configs).filter(([k]) => used.has(k)));
      slot.group = { group: nextGroup++, files, configs };
      slot.answered = new Set();
      slot.worker.postMessage(slot.briefed ? slot.group : { ...slot.group, catalog: run.catalog, signal: run.signal });
      slot.briefed = true;
    };
    feed.listen(() => {
      if (finished) return;
      if (feed.aborted) return finish(feed.aborted);
      for (const slot of [...idle]) {
        if (!queue.length && !feed.closed) break;
        idle.delete(slot);
        dispatch(slot);
      }
      while (slots.length < wanted() && queue.length) spawn();
      if (feed.closed && delivered === feed.files) finish();
    });
    /** Stops a worker that is stuck or died: its current file is skipped, the rest of its group re-queued. */
    const replace = (slot: Slot, reason: string, kind: IncompleteKind) => {
      const i = slots.indexOf(slot);
      if (i < 0 || finished) return;
      slots.splice(i, 1);
      idle.delete(slot);
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      if (!slot.everAnswered && !slot.current) return finish(new Error(`the analysis worker could not start: ${reason}`));
      const group = slot.group;
      const stuck = slot.current?.index;
      if (group) {
        const rest = group.files.filter((f) => !slot.answered.has(f.index) && f.index !== stuck);
        if (rest.length) queue.unshift(rest);
        if (stuck !== undefined && !slot.answered.has(stuck)) deliver(undefined, { index: stuck, skipped: reason, incomplete: kind });
      }
      if (!finished) spawn();
    };
    const spawn = () => {
      const worker = takeWarm(run.init) ?? newWorker(run.init);
      const slot: Slot = { worker, answered: new Set(), everAnswered: false };
      slots.push(slot);
      worker.on('message', (m: WorkerMessage) => {
        slot.everAnswered = true;
        if (m.type === 'start') slot.current = { index: m.index, since: Date.now() };
        else if (m.type === 'result') {
          slot.current = undefined;
          deliver(slot, m.result);
        } else if (m.type === 'done') dispatch(slot);
      });
      worker.on('error', (e) => replace(slot, `analysis failed (worker error: ${e.message})`, /stack|heap|memory/i.test(e.message) ? 'too-deep' : 'failed'));
      worker.on('exit', (code) => {
        if (slot.group) replace(slot, `analysis failed (the worker stopped with code ${code})`, 'failed');
      });
      dispatch(slot);
    };
    const limit = run.init.fileTimeoutMs + hardStopGraceMs(run.init.fileTimeoutMs);
    const watchdog = setInterval(() => {
      const now = Date.now();
      // While the main thread has not read every file, a worker may be waiting for the opt-out signal's answer
      // (protocol.ts): that time is no file's, so the clocks start again once it is known.
      if (run.signal && Atomics.load(run.signal, 0) === SIGNAL_UNKNOWN) {
        for (const s of slots) if (s.current) s.current.since = now;
        return;
      }
      for (const s of [...slots]) {
        if (s.current && now - s.current.since > limit) replace(s, `analysis took longer than ${run.init.fileTimeoutMs / 1000} s (--file-timeout) and was stopped`, 'timeout');
      }
    }, 500);
    for (let i = wanted(); i > 0; i--) spawn();
  });
}
