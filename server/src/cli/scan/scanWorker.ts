// Worker thread of `mt-pii scan`: analyses the groups of files the main thread sends, one project per
// engine configuration, and answers each file with its findings as report data (positions, paths).
import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { Cancelled, Project } from '../../analysis';
import { loadCatalog } from '../../catalog/load';
import { fsHost } from '../../project/fsHost';
import { looksBinary } from '../../project/files';
import { LineMap, displayPath, toReportFinding, toWire } from '../formats/report';
import type { EngineConfig, FileJob, FileResult, GroupMessage, ScanWorkerInit, WorkerMessage } from './protocol';

const init = workerData as ScanWorkerInit;
const host = fsHost();
const projects = new Map<string, Project>();
/** End of the current file's time budget; imports analysed for it share the budget. */
let deadline = Infinity;
const isCancelled = () => Date.now() > deadline;
const show = (file: string) => displayPath(file, init.root);

function projectFor(key: string, config: EngineConfig): Project {
  let p = projects.get(key);
  if (!p) {
    const { catalog, problems } = loadCatalog(init.rulesDir, config.sinks);
    if (problems.length) throw new Error(problems.map((x) => `${x.file}: ${x.message}`).join('; '));
    p = new Project(catalog, host, { ...config.options, isCancelled }, show);
    projects.set(key, p);
  }
  return p;
}

function analyse(job: FileJob, config: EngineConfig): FileResult {
  let text = job.text;
  let version: string | undefined;
  if (text === undefined) {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(job.file);
    } catch (e) {
      return { index: job.index, skipped: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    if (looksBinary(buf)) return { index: job.index, skipped: 'looks like a binary file' };
    text = buf.toString('utf8');
    version = host.version(job.file);
  }
  const project = projectFor(job.config, config);
  deadline = Date.now() + init.fileTimeoutMs;
  try {
    const r = (job.text === undefined ? project.cached(job.file) : undefined) ?? project.analyze(job.file, text, { ...config.options, isCancelled }, version);
    if (!r) return { index: job.index, skipped: 'cannot read' };
    const lines = new LineMap(text);
    return {
      index: job.index,
      findings: r.findings.map((f) => toWire(toReportFinding(f, () => lines, init.root))),
      safe: r.safe.map((d) => ({ file: show(d.file), line: lines.position(d.start).line, sink: { vendor: d.sink.vendor, api: d.sink.api }, categories: d.categories })),
      syntaxErrors: r.syntaxErrors,
      truncated: r.truncated,
      orderDependent: project.isOrderDependent(job.file) || undefined,
      ...(init.withDependencies ? { dependencies: project.dependenciesOf(job.file) } : {}),
    };
  } catch (e) {
    if (e instanceof Cancelled) return { index: job.index, skipped: `analysis took longer than ${init.fileTimeoutMs / 1000} s (--file-timeout)` };
    if (e instanceof RangeError) return { index: job.index, skipped: 'analysis failed (the file nests too deeply to parse)' };
    return { index: job.index, skipped: `analysis failed (${(e as Error).message})` };
  } finally {
    deadline = Infinity;
  }
}

const post = (m: WorkerMessage) => parentPort!.postMessage(m);

parentPort!.on('message', (msg: GroupMessage) => {
  // Results that depend on analysis order (import cycles) are dropped at each group's start, so a group's
  // results are the same whichever worker runs it and whatever it ran before.
  for (const p of projects.values()) p.forgetOrderDependent();
  for (const job of msg.files) {
    post({ type: 'start', index: job.index });
    post({ type: 'result', result: analyse(job, msg.configs[job.config]) });
  }
  post({ type: 'done', group: msg.group });
});
