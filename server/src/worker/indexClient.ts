// The server's side of the index worker: starts it with a large stack, sends it jobs, answers each live job
// once, and replaces the worker (with the open buffers and configurations it had) if it dies or stops answering.
import * as path from 'path';
import { Worker } from 'worker_threads';
import {
  CANCEL_LIVE, FromWorker, IndexItem, IndexWorkerInit, IndexedFile, LIVE_WAITING, Outcome, SpaceSpec, ToWorker, WorkerStats,
} from './indexProtocol';

/** Stack for the worker: TypeScript's parser recurses once per nesting level (a 10,000-deep expression). */
const STACK_MB = 256;
/** A larger young generation: an analysis makes much short-lived garbage (fewer scavenges; measured -15% CPU). */
const YOUNG_MB = 96;
/** A worker silent this much longer than the largest budget it was given is taken to hang, and replaced. */
const GRACE_MS = 10000;

export interface IndexWorkerEvents {
  indexed(results: IndexedFile[]): void;
  /** The background queue ran empty. */
  idle(): void;
  /** Summaries dropped after a disk change or a closed buffer: these files may have other findings now. */
  invalidated(files: string[]): void;
  /** The worker was replaced; `stuck` is the background file it was analysing, if any (not queued again). */
  restarted(reason: string, stuck: string | undefined): void;
}

/**
 * One worker thread holding the project index. Live jobs (open documents) resolve with their outcome;
 * background items report through `events`. Counters in shared memory tell the worker that an edit is
 * waiting (so a background file yields) and which live job a newer edit made pointless.
 */
export class IndexWorkerClient {
  private worker?: Worker;
  private readonly shared = new SharedArrayBuffer(8);
  private readonly counters = new Int32Array(this.shared);
  private readonly live = new Map<number, { resolve: (o: Outcome) => void; budgetMs: number }>();
  private readonly statsWaiters = new Map<number, (s: WorkerStats | undefined) => void>();
  private readonly spaces = new Map<string, SpaceSpec>();
  private nextId = 1;
  private backgroundBudgetMs = 0;
  private lastHeard = Date.now();
  private watchdog?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly rulesDir: string,
    private budgetBytes: number,
    private readonly events: IndexWorkerEvents,
    /** The open documents' texts, re-sent to a replacement worker. */
    private readonly overlays: () => [string, string][],
  ) {}

  /** Registers a configuration (once per key) and returns its key. */
  space(spec: SpaceSpec): string {
    if (!this.spaces.has(spec.key)) {
      this.spaces.set(spec.key, spec);
      if (this.worker) this.send({ kind: 'space', space: spec });
    }
    return spec.key;
  }

  /** Analyses an open document's text. `cancel()` stops it early (a newer edit made it pointless). */
  analyse(file: string, uri: string, text: string, space: string, budgetMs: number): { result: Promise<Outcome>; cancel(): void } {
    const id = this.nextId++;
    if (this.closed) return { result: Promise.resolve({ error: 'the server is shutting down', analysed: [], ms: 0 }), cancel: () => undefined };
    const result = new Promise<Outcome>((resolve) => this.live.set(id, { resolve, budgetMs }));
    Atomics.add(this.counters, LIVE_WAITING, 1);
    this.send({ kind: 'live', id, file, uri, text, space, budgetMs });
    return { result, cancel: () => Atomics.store(this.counters, CANCEL_LIVE, id) };
  }

  /** Queues background analyses. */
  index(items: IndexItem[], front = false): void {
    if (!items.length) return;
    this.backgroundBudgetMs = Math.max(this.backgroundBudgetMs, ...items.map((i) => i.budgetMs));
    this.send({ kind: 'index', items, front });
  }

  cancelIndex(): void {
    this.send({ kind: 'cancelIndex' });
  }

  overlay(file: string, text: string | undefined): void {
    this.send({ kind: 'overlay', file, text });
  }

  filesChanged(files: string[], created: boolean): void {
    this.send({ kind: 'changed', files, created });
  }

  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
    if (this.worker) this.send({ kind: 'budget', bytes });
  }

  stats(): Promise<WorkerStats | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.statsWaiters.set(id, resolve);
      this.send({ kind: 'stats', id });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.answerAll('superseded');
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private send(message: ToWorker): void {
    if (this.closed) return;
    if (!this.worker) this.start();
    this.worker!.postMessage(message);
  }

  private start(): void {
    const init: IndexWorkerInit = { rulesDir: this.rulesDir, budgetBytes: this.budgetBytes, shared: this.shared };
    Atomics.store(this.counters, LIVE_WAITING, 0);
    const worker = new Worker(path.join(__dirname, 'indexWorker.js'), { workerData: init, resourceLimits: { stackSizeMb: STACK_MB, maxYoungGenerationSizeMb: YOUNG_MB } });
    worker.unref();
    this.worker = worker;
    this.lastHeard = Date.now();
    worker.on('message', (m: FromWorker) => this.receive(m));
    worker.on('error', (e) => this.replace(worker, `the analysis worker failed: ${e.message}`));
    worker.on('exit', () => this.replace(worker, 'the analysis worker stopped'));
    for (const spec of this.spaces.values()) worker.postMessage({ kind: 'space', space: spec } satisfies ToWorker);
    for (const [file, text] of this.overlays()) worker.postMessage({ kind: 'overlay', file, text } satisfies ToWorker);
    this.watchdog ??= setInterval(() => this.checkAlive(), 1000);
    this.watchdog.unref();
  }

  /** What the worker said it started last: a live job or a background file. */
  private current?: { file: string; id?: number };

  private receive(m: FromWorker): void {
    this.lastHeard = Date.now();
    switch (m.kind) {
      case 'live': {
        const p = this.live.get(m.id);
        this.live.delete(m.id);
        p?.resolve(m.outcome);
        break;
      }
      case 'indexed':
        this.events.indexed(m.results);
        break;
      case 'idle':
        this.backgroundBudgetMs = 0;
        this.events.idle();
        break;
      case 'invalidated':
        if (m.files.length) this.events.invalidated(m.files);
        break;
      case 'started':
        this.current = { file: m.file, id: m.id };
        break;
      case 'stats': {
        const w = this.statsWaiters.get(m.id);
        this.statsWaiters.delete(m.id);
        w?.(m.stats);
        break;
      }
    }
  }

  /** Replaces a worker that has been silent far longer than any budget it was given while it had work. */
  private checkAlive(): void {
    const busy = this.live.size > 0 || this.backgroundBudgetMs > 0;
    if (!this.worker || !busy) return;
    const budget = Math.max(this.backgroundBudgetMs, ...[...this.live.values()].map((l) => l.budgetMs));
    if (Date.now() - this.lastHeard > budget + GRACE_MS) this.replace(this.worker, `the analysis worker did not answer for ${Math.round((Date.now() - this.lastHeard) / 1000)} s and was restarted`);
  }

  /**
   * Replaces a dead or hung worker. The job it was running is answered as over budget (a live document is
   * parked, a background file named); other live jobs are answered `restarted`, to be sent again.
   */
  private replace(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    const culprit = this.current;
    const liveCulprit = culprit?.id !== undefined && this.live.has(culprit.id) ? culprit.id : undefined;
    if (liveCulprit !== undefined) {
      this.live.get(liveCulprit)!.resolve({ error: reason, overBudget: true, waitFor: [], analysed: [], ms: 0 });
      this.live.delete(liveCulprit);
    }
    this.answerAll('restarted');
    const stuck = liveCulprit === undefined && culprit?.id === undefined && this.backgroundBudgetMs > 0 ? culprit?.file : undefined;
    this.backgroundBudgetMs = 0;
    this.current = undefined;
    if (!this.closed) this.events.restarted(reason, stuck);
  }

  private answerAll(error: string): void {
    for (const p of this.live.values()) p.resolve({ error, analysed: [], ms: 0 });
    this.live.clear();
    for (const w of this.statsWaiters.values()) w(undefined);
    this.statsWaiters.clear();
  }
}
