/**
 * Runs one data map build in its own worker thread (the index worker's script in data-map mode), with
 * a time limit and cancellation: the thread is stopped, never left running.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { DataMapResult } from '../lsp/dataMapProtocol';

const STACK_MB = 256;

/** What the worker is started with in data-map mode. */
export interface DataMapInit {
  rulesDir: string;
  dataMap: { paths: string[]; cwd: string };
}

export function runDataMapJob(
  rulesDir: string, req: { paths: string[]; cwd: string }, timeoutMs: number, onCancel: (stop: () => void) => void,
): Promise<DataMapResult> {
  return new Promise((resolve) => {
    const init: DataMapInit = { rulesDir, dataMap: req };
    // Beside this file: out/server/src/worker/ in development, the server bundle's folder in the .vsix.
    const worker = new Worker(path.join(__dirname, 'indexWorker.js'), { workerData: init, resourceLimits: { stackSizeMb: STACK_MB } });
    let settled = false;
    const finish = (r: DataMapResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ error: `the data map took longer than ${Math.round(timeoutMs / 1000)} s and was stopped` }), timeoutMs);
    onCancel(() => finish({ error: 'cancelled' }));
    worker.on('message', (r: DataMapResult) => finish(r));
    worker.on('error', (e) => finish({ error: `the data map worker failed: ${e.message}` }));
    worker.on('exit', () => finish({ error: 'the data map worker stopped' }));
  });
}
