/**
 * Inside a worker thread: builds the data map of the workspace folders with the CLI's own scan and
 * posts the HTML page back, then the thread ends. The language server's main thread stays responsive.
 */
import { parentPort } from 'worker_threads';
import { scan } from '../cli/main';
import { renderHtml } from '../report/html';
import type { DataMapResult } from '../lsp/dataMapProtocol';

const MAX_FILE_SIZE = 2 * 1024 * 1024;

export async function serveDataMap(rulesDir: string, req: { paths: string[]; cwd: string }): Promise<void> {
  let reply: DataMapResult;
  try {
    const outcome = await scan({ paths: req.paths, format: 'json', failOn: 'never', maxFileSize: MAX_FILE_SIZE, rulesDir, noBaseline: true }, req.cwd);
    const map = outcome.dataMap();
    reply = { html: renderHtml(map), destinations: map.destinations.map((d) => d.vendor), files: map.summary.files, notes: outcome.notes };
  } catch (e) {
    reply = { error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
}
