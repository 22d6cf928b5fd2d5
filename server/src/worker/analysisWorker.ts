import { parentPort, workerData } from 'worker_threads';
import { analyzeFile } from '../analysis';
import { loadCatalog } from '../catalog/load';
import type { Job, JobResult, WorkerInit } from './protocol';

/** Worker thread entry: analyses files sent by the pool, with the large stack the pool gives it. */
const init = workerData as WorkerInit;
const { catalog } = loadCatalog(init.rulesDir);

parentPort!.on('message', (job: Job) => {
  let reply: JobResult;
  try {
    const r = analyzeFile(job.file, job.text, catalog, job.options);
    reply = { id: job.id, findings: r.findings, suppressed: r.suppressed.length, syntaxErrors: r.syntaxErrors, truncated: r.truncated };
  } catch (e) {
    reply = { id: job.id, error: e instanceof RangeError ? 'the file nests too deeply to parse' : (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
