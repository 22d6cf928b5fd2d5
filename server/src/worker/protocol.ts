import type { AnalyzeOptions } from '../analysis';
import type { Finding } from '../analysis/finding';

/** A file to analyse, sent to a worker. */
export interface Job {
  id: number;
  file: string;
  text: string;
  options: Omit<AnalyzeOptions, 'isCancelled' | 'importer'>;
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
}
