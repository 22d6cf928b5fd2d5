// Messages between the language server and its index worker (server/src/worker/indexWorker.ts), and the
// shared counters both threads read without waiting for a message.
import type { Diagnostic } from 'vscode-languageserver';
import type { AnalyzeOptions } from '../analysis';
import type { Finding } from '../analysis/finding';
import type { SinkData } from '../catalog/types';
import type { IndexStats } from '../project/moduleIndex';

/** A team configuration the worker analyses with, registered once under its key. */
export interface SpaceSpec {
  key: string;
  options: Omit<AnalyzeOptions, 'isCancelled' | 'importer' | 'lazyExports'>;
  sinks?: SinkData[];
}

/** A file to analyse in the background (closed files of the workspace, retries, invalidated importers). */
export interface IndexItem {
  file: string;
  uri: string;
  space: string;
  budgetMs: number;
  /** Only to have its summary ready (an import of a file that ran over its budget): findings not wanted. */
  warmOnly?: boolean;
}

export type ToWorker =
  | { kind: 'space'; space: SpaceSpec }
  /** Analyse an open document's text now (it also becomes the file's overlay). */
  | { kind: 'live'; id: number; file: string; uri: string; text: string; space: string; budgetMs: number }
  /** An open document's text (after a restart of the worker), or its closing (`text` absent). */
  | { kind: 'overlay'; file: string; text?: string }
  /** Queue background analyses; `front` puts them before what is queued (retries, importers of an edit). */
  | { kind: 'index'; items: IndexItem[]; front?: boolean }
  | { kind: 'cancelIndex' }
  /** Files changed on disk (created or deleted too: `created`). */
  | { kind: 'changed'; files: string[]; created: boolean }
  | { kind: 'budget'; bytes: number }
  | { kind: 'stats'; id: number };

/** The result of one analysis, live or in the background. */
export interface Outcome {
  findings?: Finding[];
  /** The findings as LSP diagnostics (documentation links, flow as related information). */
  diagnostics?: Diagnostic[];
  truncated?: boolean;
  /** The file could not be analysed (the reason, for a note). */
  error?: string;
  /** The time budget ran out: `error` says so, and `waitFor` lists the imports it was still analysing. */
  overBudget?: boolean;
  waitFor?: string[];
  /** Modules analysed (not found in the index) by this job, the target among them unless it was cached. */
  analysed: string[];
  /** Files whose summaries were dropped before this job because this text differs (the file and its importers). */
  invalidated?: string[];
  ms: number;
}

export interface IndexedFile extends Outcome {
  file: string;
  uri: string;
  warmOnly?: boolean;
}

export interface WorkerStats extends IndexStats {
  queued: number;
  heapUsed: number;
}

export type FromWorker =
  | { kind: 'live'; id: number; outcome: Outcome }
  /** Background results, batched. */
  | { kind: 'indexed'; results: IndexedFile[] }
  /** Summaries dropped after a disk change: the server re-checks the files among them. */
  | { kind: 'invalidated'; files: string[] }
  /** A job is starting: a live one (`id`) or a background file (a worker that hangs is taken to hang on it). */
  | { kind: 'started'; file: string; id?: number }
  /** The background queue ran empty. */
  | { kind: 'idle' }
  | { kind: 'stats'; id: number; stats: WorkerStats };

export interface IndexWorkerInit {
  rulesDir: string;
  budgetBytes: number;
  /** Int32Array over it: [LIVE_WAITING] live jobs posted and not yet started, [CANCEL_LIVE] a live job id to stop. */
  shared: SharedArrayBuffer;
}

export const LIVE_WAITING = 0;
export const CANCEL_LIVE = 1;
