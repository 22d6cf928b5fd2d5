import { log } from './log';

const BASE = process.env.ACCOUNTS_SERVICE_URL ?? 'http://accounts.internal';

/** Calls the internal accounts service; GET puts its parameters in the query string. */
export async function callAccounts(method: 'GET' | 'POST', path: string, params: Record<string, string>) {
  const url = method === 'GET' ? `${BASE}${path}?${new URLSearchParams(params)}` : `${BASE}${path}`;
  // quiet [pino] the helper's own log line: only GET callers put data into the logged URL, and they are reported at the call
  log.debug(`-> ${method} ${url}`);
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? JSON.stringify(params) : undefined });
  return res.json();
}
