// The scan's analysis threads: files go out in fixed groups (the same whatever the number of threads, so the
// output equals --jobs 1; one group runs in the main thread), results come back per file; stuck files are skipped.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { DEEP, GroupAnalyser } from './analyseGroup';
import type { EngineConfig, FileJob, FileResult, GroupMessage, ScanWorkerInit, WorkerMessage } from './protocol';

/** TypeScript's parser recurses once per nesting level (a 10,000-deep expression needs a large stack). */
const STACK_MB = 256;
/** Past the cooperative budget, a worker still busy with the same file (in the parser, say) is stopped. */
const HARD_STOP_GRACE_MS = 10000;

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
}

interface Slot {
  worker: Worker;
  group?: GroupMessage;
  /** The file being analysed and since when. */
  current?: { index: number; since: number };
  /** Results seen for the current group (to re-queue the rest if the worker is stopped). */
  answered: Set<number>;
  everAnswered: boolean;
}

/**
 * Analyses `files` (in scan order) with up to `jobs` worker threads; resolves when every file has a result.
 * A scan of one group (a few files: an editor's --stdin, a hook's staged files) runs in this thread, which
 * saves starting a worker; a file too deep for this thread's stack is then analysed in a worker.
 */
export async function analyseInParallel(files: readonly FileJob[], run: ParallelRun): Promise<void> {
  if (run.inThread) {
    const analyser = new GroupAnalyser(run.init);
    const size = groupSize(files.length);
    files.forEach((job, i) => {
      if (i % size === 0) analyser.startGroup(); // the same groups as the workers get, so the same results
      run.onResult(analyser.analyse(job, run.configs[job.config]));
    });
    return;
  }
  if (files.length && files.length <= groupSize(files.length) && !run.workersOnly) {
    const analyser = new GroupAnalyser(run.init);
    analyser.startGroup();
    const deep: FileJob[] = [];
    for (const job of files) {
      const r = analyser.analyse(job, run.configs[job.config]);
      if (r.skipped === DEEP) deep.push(job);
      else run.onResult(r);
    }
    if (deep.length) await inWorkers(deep, run);
    return;
  }
  return inWorkers(files, run);
}

function inWorkers(files: readonly FileJob[], run: ParallelRun): Promise<void> {
  const size = groupSize(files.length);
  const queue: FileJob[][] = [];
  for (let i = 0; i < files.length; i += size) queue.push(files.slice(i, i + size));
  let nextGroup = 0;
  let remaining = files.length;
  const slots: Slot[] = [];
  return new Promise<void>((resolve, reject) => {
    if (!remaining) return resolve();
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
      if (--remaining === 0) finish();
    };
    const dispatch = (slot: Slot) => {
      const files = queue.shift();
      if (!files) {
        slot.group = undefined;
        void slot.worker.terminate();
        slots.splice(slots.indexOf(slot), 1);
        return;
      }
      const used = new Set(files.map((f) => f.config));
      const configs = Object.fromEntries(Object.entries(run.configs).filter(([k]) => used.has(k)));
      slot.group = { group: nextGroup++, files, configs };
      slot.answered = new Set();
      slot.worker.postMessage(slot.group);
    };
    /** Stops a worker that is stuck or died: its current file is skipped, the rest of its group re-queued. */
    const replace = (slot: Slot, reason: string) => {
      const i = slots.indexOf(slot);
      if (i < 0 || finished) return;
      slots.splice(i, 1);
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      if (!slot.everAnswered && !slot.current) return finish(new Error(`the analysis worker could not start: ${reason}`));
      const group = slot.group;
      const stuck = slot.current?.index;
      if (group) {
        const rest = group.files.filter((f) => !slot.answered.has(f.index) && f.index !== stuck);
        if (rest.length) queue.unshift(rest);
        if (stuck !== undefined && !slot.answered.has(stuck)) deliver(undefined, { index: stuck, skipped: reason });
      }
      if (!finished) spawn();
    };
    const spawn = () => {
      const worker = new Worker(path.join(__dirname, 'scanWorker.js'), { workerData: run.init, resourceLimits: { stackSizeMb: STACK_MB } });
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
      worker.on('error', (e) => replace(slot, `analysis failed (worker error: ${e.message})`));
      worker.on('exit', (code) => {
        if (slot.group) replace(slot, `analysis failed (the worker stopped with code ${code})`);
      });
      dispatch(slot);
    };
    const limit = run.init.fileTimeoutMs + HARD_STOP_GRACE_MS;
    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const s of [...slots]) {
        if (s.current && now - s.current.since > limit) replace(s, `analysis took longer than ${run.init.fileTimeoutMs / 1000} s (--file-timeout) and was stopped`);
      }
    }, 500);
    const n = Math.max(1, Math.min(run.jobs, queue.length));
    for (let i = 0; i < n; i++) spawn();
  });
}
