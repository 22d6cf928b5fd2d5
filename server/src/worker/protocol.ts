import type { AnalyzeOptions } from '../analysis';
import type { SinkData } from '../catalog/types';
import type { Finding } from '../analysis/finding';

/** A file to analyse, sent to a worker. */
export interface Job {
  id: number;
  file: string;
  text: string;
  options: Omit<AnalyzeOptions, 'isCancelled' | 'importer'>;
  /** The team's own sinks (mt-pii.json), added to the catalog for this job. */
  sinks?: SinkData[];
  /** Unsaved texts of other open files (path, text): imports read these instead of the disk. */
  overlays?: [string, string][];
}

export interface JobResult {
  id: number;
  findings?: Finding[];
  suppressed?: number;
  syntaxErrors?: number;
  truncated?: boolean;
  error?: string;
}

export interface WorkerInit {
  rulesDir: string;
  /** Set for a worker that builds one data map and exits (worker/dataMapJob.ts) instead of analysing files. */
  dataMap?: { paths: string[]; cwd: string };
}
