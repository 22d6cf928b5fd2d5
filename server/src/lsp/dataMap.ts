/**
 * The data map request (`mt-pii/dataMap`): the workspace folders scanned in a worker thread, answered
 * with the HTML page `mt-pii report --format html` would write. No workspace code runs.
 */
import type { Connection } from 'vscode-languageserver/node';
import { runDataMapJob } from '../worker/dataMapJob';
import { DATA_MAP_METHOD, DataMapParams, DataMapResult } from './dataMapProtocol';

const TIME_LIMIT_MS = 5 * 60 * 1000;

export function registerDataMap(connection: Connection, deps: { folders(): readonly string[]; rulesDir: string }): void {
  connection.onRequest(DATA_MAP_METHOD, (_params: DataMapParams, token): Promise<DataMapResult> => {
    const folders = deps.folders();
    if (!folders.length) return Promise.resolve({ error: 'open a folder to see its data map' });
    return runDataMapJob(deps.rulesDir, { paths: [...folders], cwd: folders[0] }, TIME_LIMIT_MS, (stop) => token.onCancellationRequested(stop));
  });
}
