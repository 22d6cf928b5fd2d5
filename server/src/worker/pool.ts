import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Job, JobResult, WorkerInit } from './protocol';

/** Stack for workers: TypeScript's parser recurses once per nesting level (a 10,000-deep expression). */
const STACK_MB = 256;

interface Pending {
  job: Job;
  resolve: (r: JobResult) => void;
  timeoutMs: number;
}

interface Slot {
  worker: Worker;
  busy?: { pending: Pending; timer?: NodeJS.Timeout };
}

/**
 * A small pool of analysis workers. Each job runs with a large stack and a time budget; a worker that
 * overruns its budget or dies is replaced, and the job is answered with an error instead of hanging.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly init: WorkerInit, private readonly size = 1) {}

  run(file: string, text: string, options: Job['options'] = {}, timeoutMs = 10000, sinks?: Job['sinks'], overlays?: Job['overlays']): Promise<JobResult> {
    if (this.closed) return Promise.resolve({ id: 0, error: 'analysis pool closed' });
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, file, text, options, sinks, ...(overlays?.length ? { overlays } : {}) }, resolve, timeoutMs });
      this.pump();
    });
  }

  /** Drops queued jobs whose file is `file` (a newer version is coming), answering them as superseded. */
  cancelQueued(file: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].job.file === file) {
        const [p] = this.queue.splice(i, 1);
        p.resolve({ id: p.job.id, error: 'superseded' });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve({ id: p.job.id, error: 'analysis pool closed' });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      const busy: Slot['busy'] = { pending };
      slot.busy = busy;
      const s = slot;
      busy.timer = setTimeout(() => this.fail(s, `analysis took longer than ${pending.timeoutMs / 1000} s and was stopped`), pending.timeoutMs);
      slot.worker.postMessage(pending.job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(path.join(__dirname, 'analysisWorker.js'), {
      workerData: this.init,
      resourceLimits: { stackSizeMb: STACK_MB },
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (r: JobResult) => {
      const busy = slot.busy;
      if (!busy || busy.pending.job.id !== r.id) return;
      if (busy.timer) clearTimeout(busy.timer);
      slot.busy = undefined;
      busy.pending.resolve(r);
      this.pump();
    });
    worker.on('error', (e) => this.fail(slot, `analysis worker failed: ${e.message}`));
    worker.on('exit', () => this.fail(slot, 'analysis worker stopped'));
    this.slots.push(slot);
    return slot;
  }

  /** Answers the slot's job with an error and replaces the worker. */
  private fail(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy?.timer) clearTimeout(busy.timer);
    void slot.worker.terminate();
    if (busy) busy.pending.resolve({ id: busy.pending.job.id, error: message });
    if (!this.closed) this.pump();
  }
}
