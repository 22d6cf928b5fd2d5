import * as fs from 'fs';
import { CancellationToken, Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis/finding';
import { analyzeOptionsOf, isIncluded } from '../config/config';
import type { ConfigLoader } from '../config/discover';
import * as path from 'path';
import { isTestPath, listFiles, looksBinary } from '../project/files';
import type { AnalysisPool } from '../worker/pool';
import { fileToUri } from './uris';

const MAX_SIZE = 2 * 1024 * 1024;

export interface ScanTarget {
  pool: AnalysisPool;
  configs: ConfigLoader;
  /** Open documents are checked live; the scan leaves them alone. */
  isOpen(uri: string): boolean;
  toDiagnostics(findings: Finding[], doc: TextDocument): Diagnostic[];
}

/**
 * Checks every file of the workspace folders in the background, one at a time in the analysis worker,
 * with work-done progress and cancellation, and publishes diagnostics for files that are not open.
 * Results are kept so a closed file shows its findings again.
 */
export class WorkspaceScan {
  /** uri → diagnostics of the last workspace scan. */
  readonly results = new Map<string, Diagnostic[]>();
  private running?: { cancelled: boolean };

  constructor(private readonly connection: Connection, private readonly target: ScanTarget) {}

  async run(folders: readonly string[], progress: WorkDoneProgressReporter, token?: CancellationToken): Promise<{ files: number; findings: number; cancelled: boolean }> {
    if (this.running) this.running.cancelled = true;
    const run = { cancelled: false };
    this.running = run;
    token?.onCancellationRequested(() => (run.cancelled = true));
    const { files, roots } = listFiles(folders);
    progress.begin('Montana PII Guard: scanning the workspace', 0, `${files.length} files`, true);
    let findings = 0;
    let done = 0;
    for (const file of files) {
      if (run.cancelled) break;
      done++;
      if (done % 10 === 0 || done === files.length) progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
      const uri = fileToUri(file);
      const { config } = this.target.configs.forFile(file);
      if (!isIncluded(config, file)) continue;
      if (!config.checkTests && isTestPath(path.relative(roots.get(file) ?? path.dirname(file), file))) continue;
      let text: string;
      try {
        const buf = fs.readFileSync(file);
        if (buf.length > MAX_SIZE || looksBinary(buf)) continue;
        text = buf.toString('utf8');
      } catch {
        continue;
      }
      const result = await this.target.pool.run(file, text, analyzeOptionsOf(config), 10000, config.sinks.length ? config.sinks : undefined);
      if (run.cancelled) break;
      const list = result.findings ?? [];
      findings += list.length;
      const diags = this.target.toDiagnostics(list, TextDocument.create(uri, 'typescript', 0, text));
      if (diags.length || this.results.has(uri)) {
        this.results.set(uri, diags);
        if (!this.target.isOpen(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: diags });
      }
    }
    progress.done();
    if (this.running === run) this.running = undefined;
    return { files: done, findings, cancelled: run.cancelled };
  }

  cancel(): void {
    if (this.running) this.running.cancelled = true;
  }
}
