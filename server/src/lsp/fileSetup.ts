// How a file is to be analysed: the mt-pii.json that applies to it, whether it is checked at all (excluded,
// test code), and the key of its configuration in the index worker.
import * as path from 'path';
import { ConfigProblem, ResolvedConfig, analyzeOptionsOf, isIncluded } from '../config/config';
import type { ConfigLoader } from '../config/discover';
import { isTestPath } from '../project/files';
import type { IndexWorkerClient } from '../worker/indexClient';

export interface FileSetup {
  config: ResolvedConfig;
  problems: ConfigProblem[];
  /** The configuration's key in the worker (registered there). */
  space: string;
  /** Not checked: excluded by mt-pii.json, or test code without "checkTests". */
  skip?: 'excluded' | 'test';
}

/** Per-file configuration for the open documents and the workspace index alike. */
export class FileSetups {
  constructor(
    private readonly configs: () => ConfigLoader,
    private readonly worker: IndexWorkerClient,
    private readonly folders: () => readonly string[],
  ) {}

  forFile(file: string): FileSetup {
    const { config, problems } = this.configs().forFile(file);
    const options = analyzeOptionsOf(config);
    const sinks = config.sinks.length ? config.sinks : undefined;
    const space = this.worker.space({ key: JSON.stringify([sinks ?? [], options]), options, sinks });
    const skip = !isIncluded(config, file) ? 'excluded' : !config.checkTests && isTestPath(this.relative(file)) ? 'test' : undefined;
    return { config, problems, space, ...(skip ? { skip } : {}) };
  }

  /** The path of a file relative to the workspace folder holding it (its base name if none does). */
  relative(file: string): string {
    for (const f of this.folders()) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
    }
    return path.basename(file);
  }
}
