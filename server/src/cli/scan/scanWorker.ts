// Worker thread of `mt-pii scan`: runs the groups of files the main thread sends through a GroupAnalyser
// and answers each file as it is done (a start message first, for the stuck-file watchdog).
import { parentPort, workerData } from 'worker_threads';
import type * as AnalyseGroup from './analyseGroup';
import { preloadCompiler } from './compilerCache';
import type { GroupMessage, ScanWorkerInit, WorkerMessage } from './protocol';

preloadCompiler(); // before the engine requires TypeScript
const { GroupAnalyser } = require('./analyseGroup') as typeof AnalyseGroup;

const analyser = new GroupAnalyser(workerData as ScanWorkerInit);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

parentPort!.on('message', (msg: GroupMessage) => {
  if (msg.catalog) analyser.useCatalog(msg.catalog);
  if (msg.signal) analyser.useSignal(msg.signal);
  analyser.startGroup();
  for (const job of msg.files) {
    post({ type: 'start', index: job.index });
    post({ type: 'result', result: analyser.analyse(job, msg.configs[job.config]) });
  }
  post({ type: 'done', group: msg.group });
});
