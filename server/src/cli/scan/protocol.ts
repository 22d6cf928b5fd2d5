// Messages between the scan's main thread and its analysis worker threads (parallel.ts, scanWorker.ts):
// groups of files in, one result per file out, in plain data.
import type { AnalyzeOptions } from '../../analysis';
import type { IncompleteKind } from '../../analysis/incomplete';
import type { Catalog } from '../../catalog/load';
import type { SinkData } from '../../catalog/types';
import type { WireFinding } from '../formats/report';
import type { ListedDirective } from '../listSuppressions';
import type { SecondLook } from './relevant';

export interface ScanWorkerInit {
  rulesDir: string;
  /** Paths in findings and fingerprints are relative to this folder. */
  root: string;
  /** Per-file budget; the analysis is cancelled past it. */
  fileTimeoutMs: number;
  /** Report each result's project dependencies (for --cache). */
  withDependencies: boolean;
  /** --fix: apply the fixes that change no behaviour to each file, atomically. */
  fix?: boolean;
  /** --list-suppressions: report each file's suppression directives. */
  listSuppressions?: boolean;
}

/** An engine configuration (one per distinct mt-pii.json cascade), sent once per group that uses it. */
export interface EngineConfig {
  options: Omit<AnalyzeOptions, 'isCancelled' | 'importer' | 'fingerprintPath'>;
  sinks: SinkData[];
}

export interface FileJob {
  /** Index in the scan's file list. */
  index: number;
  file: string;
  config: string;
  /** Size in bytes, when known (large files are analysed in a worker thread, which a stuck analysis cannot hold up). */
  bytes?: number;
  /** The text when it does not come from the disk (--stdin). */
  text?: string;
  /** What to check again once the file is parsed, before it is evaluated (relevant.ts). */
  look?: SecondLook;
}

/** A group: files analysed in this order by one worker, after it drops order-dependent results. */
export interface GroupMessage {
  group: number;
  files: FileJob[];
  configs: Record<string, EngineConfig>;
  /** With a worker's first group: the rules compiled by the main thread (no team sinks), used for configurations without sinks of their own. */
  catalog?: Catalog;
  /** With a worker's first group: the shared answer to whether the scan reads the opt-out signal (SIGNAL_…). */
  signal?: Int32Array;
}

export interface SafeWire {
  file: string;
  line: number;
  sink: { vendor: string; api: string };
  categories: string[];
}

export interface FileResult {
  index: number;
  findings?: WireFinding[];
  /** Findings hidden by suppression directives: flows all the same, for the data map. */
  suppressed?: WireFinding[];
  safe?: SafeWire[];
  syntaxErrors?: number;
  truncated?: boolean;
  /** Why the file was not analysed (binary, unreadable, over the time budget, analysis failed). */
  skipped?: string;
  /** What stopped the analysis: skipped, or `truncated` (part of it nests too deeply to follow). */
  incomplete?: IncompleteKind;
  /** Imports and tsconfig settings not followed because they lead outside the project. */
  notes?: string[];
  /** The result depends on analysis order (an import cycle): not cached. */
  orderDependent?: boolean;
  /** Project files the result was computed from (with --cache). */
  dependencies?: string[];
  /** What --fix changed in the file, for standard error. */
  fixNotes?: string[];
  /** The file's suppression directives (with --list-suppressions). */
  directives?: ListedDirective[];
  /** Not evaluated: neither it nor what it imports holds a trigger (relevant.ts), or none where the engine reads names. */
  quiet?: boolean;
  /** Quiet only once parsed (its second look, analyseGroup.ts). */
  parsed?: boolean;
}

export type WorkerMessage =
  | { type: 'start'; index: number }
  | { type: 'result'; result: FileResult }
  | { type: 'done'; group: number };

/**
 * Whether some file of the scan reads the opt-out preference signal, as the main thread learns it while it reads
 * every file (a shared Int32Array of one: unknown, not read, read). Workers analyse meanwhile and wait for it
 * only where a rule's verdict depends on it (analyseGroup.ts).
 */
export const SIGNAL_UNKNOWN = 0;
export const SIGNAL_NOT_READ = 1;
export const SIGNAL_READ = 2;

/** Settles the shared answer (the first settlement stands) and wakes the workers waiting for it. */
export function settleSignal(signal: Int32Array, read: boolean): void {
  Atomics.compareExchange(signal, 0, SIGNAL_UNKNOWN, read ? SIGNAL_READ : SIGNAL_NOT_READ);
  Atomics.notify(signal, 0);
}

/** The reason given for a file deeper than the thread's stack (the main thread's is small: such files go to a worker). */
export const DEEP = 'analysis failed (the file nests too deeply to parse)';
