import { parentPort, workerData } from 'worker_threads';
import { Project } from '../analysis';
import { loadCatalog } from '../catalog/load';
import { fsHost } from '../project/fsHost';
import type { Job, JobResult, WorkerInit } from './protocol';

/** Worker thread entry: analyses files sent by the pool, with the large stack the pool gives it. */
const init = workerData as WorkerInit;
const { catalog } = loadCatalog(init.rulesDir);
// Imported project modules are read from disk and cached until they change there.
const project = new Project(catalog, fsHost());

parentPort!.on('message', (job: Job) => {
  let reply: JobResult;
  try {
    const r = project.analyze(job.file, job.text, job.options)!;
    reply = { id: job.id, findings: r.findings, suppressed: r.suppressed.length, syntaxErrors: r.syntaxErrors, truncated: r.truncated };
  } catch (e) {
    reply = { id: job.id, error: e instanceof RangeError ? 'the file nests too deeply to parse' : (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
