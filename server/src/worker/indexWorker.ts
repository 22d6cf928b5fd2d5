// Worker thread of the language server: holds the project index and runs every analysis, open documents
// first, the background index between them; each job has a time budget and yields to waiting edits.
import { parentPort, workerData } from 'worker_threads';
import { getHeapStatistics } from 'v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Cancelled } from '../analysis';
import { loadCatalog } from '../catalog/load';
import { ruleDocUri } from '../catalog/docs';
import { toDiagnostic } from '../lsp/convert';
import { fsHost } from '../project/fsHost';
import { IndexJob, ModuleIndex, Space, newJob } from '../project/moduleIndex';
import {
  CANCEL_LIVE, FromWorker, IndexItem, IndexWorkerInit, IndexedFile, LIVE_WAITING, Outcome, SpaceSpec, ToWorker,
} from './indexProtocol';
import { Reparser } from './reparse';
import type { DataMapInit } from './dataMapJob';
import { serveDataMap } from './dataMapWorker';

type LiveJob = Extract<ToWorker, { kind: 'live' }>;

const init = workerData as IndexWorkerInit;
// The same script builds one data map in a thread of its own (worker/dataMapJob.ts), then ends.
const dataMapRequest = (workerData as Partial<DataMapInit>).dataMap;
if (dataMapRequest) void serveDataMap(init.rulesDir, dataMapRequest);
const shared = new Int32Array(init.shared);
const index = new ModuleIndex(fsHost(), init.budgetBytes);
const reparser = new Reparser();
const specs = new Map<string, SpaceSpec>();
const live: LiveJob[] = [];
/** Background work; an item preempted by an edit goes back to the front, and runs unpreempted after 3 tries. */
let background: (IndexItem & { tries?: number })[] = [];
let results: IndexedFile[] = [];
let flushAt = 0;
let scheduled = false;
let wasBusy = false;
const docHrefs = new Map<string, string | undefined>();
/**
 * Test hook (never set by the extension): `MT_PII_TEST_MODULE_BUDGET=N` replaces each job's time budget
 * by "at most N modules analysed", so protocol tests of the budget and retries do not depend on timing.
 */
const moduleBudget = Number(process.env.MT_PII_TEST_MODULE_BUDGET) || 0;

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

function spaceOf(key: string): Space {
  return index.space(key, () => {
    const spec = specs.get(key);
    const { fingerprintPath: _ignored, ...options } = spec?.options ?? {};
    return { catalog: loadCatalog(init.rulesDir, spec?.sinks ?? []).catalog, options };
  });
}

/** Runs one file: the job is stopped when `stop` says so (budget, or a newer edit waiting). */
function analyse(file: string, uri: string, space: string, budgetMs: number, text: string | undefined, stop: () => boolean): Outcome {
  const t0 = performance.now();
  const deadline = t0 + budgetMs;
  let overBudget = false;
  const job: IndexJob = newJob(() => {
    overBudget = moduleBudget ? job.analysed.length > moduleBudget : performance.now() > deadline;
    return overBudget || stop();
  });
  const sp = spaceOf(space);
  try {
    // An open document's exports are computed only if another file asks (its entry is dropped before its tree is re-used).
    const r = index.analyze(file, sp, job, text, (t) => reparser.parse(file, t), text !== undefined);
    const findings = r?.findings ?? [];
    const doc = findings.length ? TextDocument.create(uri, '', 0, text ?? index.text(file) ?? '') : undefined;
    const diagnostics = doc ? findings.map((f) => toDiagnostic(f, doc, (id) => docHref(sp, id))) : [];
    return { findings, diagnostics, truncated: r?.truncated, analysed: job.analysed, ms: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof Cancelled) {
      if (!overBudget) throw e; // preempted: the caller queues it again
      const waitFor = job.incomplete.filter((f) => f !== file);
      const error = moduleBudget ? `analysis needed more than ${moduleBudget} modules and was stopped` : `analysis took longer than ${budgetMs / 1000} s and was stopped`;
      return { error, overBudget: true, waitFor, analysed: job.analysed, ms };
    }
    return { error: e instanceof RangeError ? 'the file nests too deeply to analyse' : (e as Error).message, analysed: job.analysed, ms };
  }
}

function docHref(space: Space, ruleId: string): string | undefined {
  if (!docHrefs.has(ruleId)) docHrefs.set(ruleId, space.catalog.ruleById.has(ruleId) ? ruleDocUri(init.rulesDir, ruleId) : undefined);
  return docHrefs.get(ruleId);
}

function runLive(job: LiveJob): void {
  post({ kind: 'started', file: job.file, id: job.id });
  const invalidated = index.setOverlay(job.file, job.text);
  let outcome: Outcome;
  try {
    outcome = analyse(job.file, job.uri, job.space, job.budgetMs, job.text, () => Atomics.load(shared, CANCEL_LIVE) === job.id);
  } catch {
    outcome = { error: 'superseded', analysed: [], ms: 0 };
  }
  outcome.invalidated = invalidated;
  post({ kind: 'live', id: job.id, outcome });
}

function runBackground(item: IndexItem & { tries?: number }): void {
  const tries = item.tries ?? 0;
  const preemptible = tries < 3;
  post({ kind: 'started', file: item.file });
  try {
    const outcome = analyse(item.file, item.uri, item.space, item.budgetMs, undefined, () => preemptible && Atomics.load(shared, LIVE_WAITING) > 0);
    // Findings only: the file's text is needed again only when it is opened.
    delete outcome.findings;
    results.push({ ...outcome, file: item.file, uri: item.uri, ...(item.warmOnly ? { warmOnly: true } : {}) });
  } catch {
    background.unshift({ ...item, tries: tries + 1 }); // an edit is waiting: this file runs again after it
  }
}

function flush(force: boolean): void {
  if (!results.length || (!force && performance.now() < flushAt)) return;
  post({ kind: 'indexed', results });
  results = [];
  flushAt = performance.now() + 50;
}

/** One unit of work per turn of the event loop, so new messages (edits) are seen between files. */
function step(): void {
  scheduled = false;
  const job = live.shift();
  if (job) {
    Atomics.sub(shared, LIVE_WAITING, 1);
    flush(true);
    runLive(job);
  } else {
    const item = background.shift();
    if (item) runBackground(item);
    flush(!background.length);
  }
  if (live.length || background.length) schedule();
  else if (wasBusy) {
    wasBusy = false;
    flush(true);
    post({ kind: 'idle' });
  }
}

function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    setImmediate(step);
  }
}

parentPort!.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'space':
      specs.set(m.space.key, m.space);
      break;
    case 'live':
      // A newer text of the same document replaces a queued one.
      for (let i = live.length - 1; i >= 0; i--) {
        if (live[i].file === m.file) {
          Atomics.sub(shared, LIVE_WAITING, 1);
          post({ kind: 'live', id: live[i].id, outcome: { error: 'superseded', analysed: [], ms: 0 } });
          live.splice(i, 1);
        }
      }
      live.push(m);
      break;
    case 'overlay':
      if (m.text === undefined) reparser.forget(m.file);
      post({ kind: 'invalidated', files: index.setOverlay(m.file, m.text) });
      break;
    case 'index':
      background = m.front ? [...m.items, ...background] : [...background, ...m.items];
      wasBusy ||= m.items.length > 0;
      break;
    case 'cancelIndex':
      background = [];
      break;
    case 'changed':
      post({ kind: 'invalidated', files: index.filesChanged(m.files, m.created) });
      break;
    case 'budget':
      index.budgetBytes = m.bytes;
      index.trim();
      break;
    case 'stats':
      post({ kind: 'stats', id: m.id, stats: { ...index.stats(), queued: background.length, heapUsed: getHeapStatistics().used_heap_size } });
      break;
  }
  schedule();
});
