import { parentPort, workerData } from 'worker_threads';
import { Project } from '../analysis';
import { loadCatalog } from '../catalog/load';
import { fsHost } from '../project/fsHost';
import type { Job, JobResult, WorkerInit } from './protocol';
import { serveDataMap } from './dataMapWorker';

/** Worker thread entry: analyses files sent by the pool, with the large stack the pool gives it. */
const init = workerData as WorkerInit;
if (init.dataMap) void serveDataMap(init.rulesDir, init.dataMap);
// One project per team configuration (sinks, sanitizers, names, profile): imported project modules are
// analysed with the same options as the file that imports them, read from disk and cached until they
// change there.
const disk = fsHost();
// Unsaved editor buffers of other open files, replaced with every job: an import reads the buffer, and a
// buffer's version is its content, so an edit there invalidates what was learnt from the old text.
let overlays = new Map<string, { text: string; version: string }>();
const host: typeof disk = {
  ...disk,
  readFile: (file) => overlays.get(file)?.text ?? disk.readFile(file),
  fileExists: (file) => overlays.has(file) || disk.fileExists(file),
  version: (file) => overlays.get(file)?.version ?? disk.version?.(file),
};
const projects = new Map<string, Project>();

function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
function projectFor(job: Job): Project {
  const { fingerprintPath: _ignored, ...engineOptions } = job.options;
  const key = JSON.stringify([job.sinks ?? [], engineOptions]);
  let p = projects.get(key);
  if (!p) {
    p = new Project(loadCatalog(init.rulesDir, job.sinks ?? []).catalog, host, engineOptions);
    if (projects.size > 8) projects.clear();
    projects.set(key, p);
  }
  return p;
}

parentPort!.on('message', (job: Job) => {
  let reply: JobResult;
  try {
    overlays = new Map((job.overlays ?? []).map(([file, text]) => [file, { text, version: `buffer:${text.length}:${hashText(text)}` }]));
    const r = projectFor(job).analyze(job.file, job.text, job.options)!;
    reply = { id: job.id, findings: r.findings, suppressed: r.suppressed.length, syntaxErrors: r.syntaxErrors, truncated: r.truncated };
  } catch (e) {
    reply = { id: job.id, error: e instanceof RangeError ? 'the file nests too deeply to parse' : (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
