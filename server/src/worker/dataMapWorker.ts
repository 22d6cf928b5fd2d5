/**
 * Inside a worker thread: builds the data map of the workspace folders with the CLI's own scan and
 * posts the HTML page back, then the thread ends. The language server's main thread stays responsive.
 */
import { parentPort } from 'worker_threads';
import { parseScanArgs } from '../cli/commands/scan';
import { scan } from '../cli/scan/run';
import { renderHtml } from '../report/html';
import type { DataMapResult } from '../lsp/dataMapProtocol';

export async function serveDataMap(rulesDir: string, req: { paths: string[]; cwd: string }): Promise<void> {
  let reply: DataMapResult;
  try {
    // What `mt-pii report` scans, in this thread (a large stack; the editor keeps its other cores).
    const opts = { ...parseScanArgs(req.paths), format: 'json' as const, failOn: 'never' as const, noBaseline: true, progress: false, inThread: true, rulesDir };
    const outcome = await scan(opts, req.cwd);
    const map = outcome.dataMap();
    reply = { html: renderHtml(map), destinations: map.destinations.map((d) => d.vendor), files: map.summary.files, notes: outcome.notes };
  } catch (e) {
    reply = { error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
}
