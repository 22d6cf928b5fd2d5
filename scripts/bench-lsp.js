#!/usr/bin/env node
'use strict';
/*
 * Language-server benchmark (`npm run bench:lsp`, also the second half of `npm run bench`). It drives the
 * built server over stdio with the protocol tests' client (out/test/lsp/lspClient.js), as an editor would,
 * on generated inputs (scripts/bench-lsp-fixtures.js):
 *   long file   one 5,000-line TypeScript file: open → diagnostics once indexed (warm) and for a copy never
 *               seen (cold), one-line edits → diagnostics p50/p95 with the server's debounce subtracted
 *   workspace   5,000 files in chains of imports (a page's email reaches an SDK four imports away):
 *               cold index (start → end of the work-done progress), hover p95 while indexing,
 *               warm open → diagnostics (p50/p95/max over 50 files), edits → diagnostics p50/p95,
 *               server RSS at start, after indexing and after 1,000 edits, the index's bytes against its budget
 * Times are also printed as ratios to the TypeScript parse floor (ts.createSourceFile of the same text).
 * Nothing is asserted: figures are for humans and CI logs.
 *
 *   node scripts/bench-lsp.js [--files N] [--lines N] [--edits N] [--memory-mb N] [--json]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const ts = require('typescript');
const { LspClient } = require('../out/test/lsp/lspClient');
const { DEBOUNCE_MS } = require('../out/server/src/lsp/openFiles');
const { longFile, writeWorkspace } = require('./bench-lsp-fixtures');

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const FILES = opt('--files', 5000);
const LINES = opt('--lines', 5000);
const EDITS = opt('--edits', 1000);
const MEMORY_MB = opt('--memory-mb', 512);
const asJson = args.includes('--json');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-bench-lsp-'));

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
function rss(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}
function parseFloor(texts) {
  const t0 = performance.now();
  for (const [file, text] of texts) ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  return performance.now() - t0;
}
function uriOf(file) {
  return require('url').pathToFileURL(file).href;
}
async function startServer(dir) {
  const client = new LspClient();
  client.capabilities = { window: { workDoneProgress: true } };
  client.settings = (_scope, section) => (section === 'mtPii' ? { enable: true, index: { enable: true, memoryMB: MEMORY_MB } } : null);
  await client.initialize(dir);
  return client;
}
const status = (client) => client.command('mtPii.indexStatus');
const indexEnded = (client) => client.until(() => client.progress.find((p) => p.value.kind === 'end'), 'the end of indexing', 30 * 60 * 1000);

/** Sends one-line edits; every `every`-th waits for its diagnostics and is timed (debounce subtracted). */
async function edits(client, uri, text, count, every, lineOf, from = 1) {
  const lines = text.split('\n');
  const times = [];
  let version = from;
  for (let i = 0; i < count; i++) {
    const at = lineOf(i);
    lines[at] = lines[at].replace(/ \/\* edit \d+ \*\/$/, '') + ` /* edit ${i} */`;
    version++;
    const t0 = performance.now();
    client.change(uri, lines.join('\n'), version);
    if ((i + 1) % every === 0 || i === count - 1) {
      await client.diagnostics(uri, () => true, version, 120000);
      times.push(performance.now() - t0 - DEBOUNCE_MS);
    } else await new Promise((r) => setTimeout(r, 5));
  }
  return times;
}

async function benchLongFile() {
  const dir = path.join(scratch, 'long');
  fs.mkdirSync(dir, { recursive: true });
  const text = longFile(LINES);
  const file = path.join(dir, 'long.ts');
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, 'format.ts'), 'export function formatLabel(label: string, n: number) {\n  return `${label}:${n}`;\n}\n');
  const floor = Math.min(...[0, 1, 2].map(() => parseFloor([[file, text]])));
  const client = await startServer(dir);
  try {
    await indexEnded(client);
    // Warm: the index analysed it at start-up. Cold: a copy made after indexing, opened for the first time.
    const uri = uriOf(file);
    let t0 = performance.now();
    client.open(uri, text);
    const diags = await client.diagnostics(uri, () => true, 1, 120000);
    const warm = performance.now() - t0;
    const copy = path.join(dir, 'long-copy.ts');
    fs.writeFileSync(copy, text);
    t0 = performance.now();
    client.open(uriOf(copy), text);
    await client.diagnostics(uriOf(copy), () => true, 1, 120000);
    const cold = performance.now() - t0;
    client.close(uriOf(copy));
    const count = Math.min(EDITS, 60);
    const lineCount = text.split('\n').length;
    const times = await edits(client, uri, text, count, 1, (i) => 5 + ((i * 97) % (lineCount - 10)));
    return { lines: lineCount, findings: diags.length, parseFloorMs: floor, coldOpenMs: cold, warmOpenMs: warm, edits: times.length, editP50: pct(times, 50), editP95: pct(times, 95) };
  } finally {
    await client.shutdown();
  }
}

async function benchWorkspace() {
  const dir = path.join(scratch, 'ws');
  const files = writeWorkspace(dir, FILES);
  const floor = parseFloor(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const t0 = performance.now();
  const client = await startServer(dir);
  const rssStart = rss(client.proc.pid);
  try {
    // Hover while indexing: a page with a finding is opened at once and hovered until the index ends.
    const page = files.find((f) => f.endsWith('step0.ts'));
    const pageUri = uriOf(page);
    const pageText = fs.readFileSync(page, 'utf8');
    client.open(pageUri, pageText);
    const [finding] = await client.diagnostics(pageUri, (d) => d.length > 0, 1, 120000);
    const hovers = [];
    let ended = false;
    const end = indexEnded(client).then((e) => {
      ended = true;
      return e;
    });
    while (!ended) {
      const h0 = performance.now();
      await client.hover(pageUri, finding.range.start.line, finding.range.start.character + 1);
      hovers.push(performance.now() - h0);
      await new Promise((r) => setTimeout(r, 20));
    }
    await end;
    const coldIndex = performance.now() - t0;
    const indexed = await status(client);
    const rssIndexed = rss(client.proc.pid);
    client.close(pageUri);
    // Warm opens: 50 files across the workspace, each until its diagnostics arrive.
    const opens = [];
    for (let i = 0; i < 50; i++) {
      const f = files[Math.floor((i * files.length) / 50) + 1];
      const uri = uriOf(f);
      const o0 = performance.now();
      client.open(uri, fs.readFileSync(f, 'utf8'));
      await client.diagnostics(uri, () => true, 1, 120000);
      opens.push(performance.now() - o0);
      client.close(uri);
    }
    // Edits: a middle link of a chain (its importers are re-analysed too), 1,000 one-line edits.
    const mid = files.find((f) => f.endsWith('step2.ts'));
    const midUri = uriOf(mid);
    const midText = fs.readFileSync(mid, 'utf8');
    client.open(midUri, midText);
    await client.diagnostics(midUri, () => true, 1, 120000);
    const times = await edits(client, midUri, midText, EDITS, 10, (i) => 5 + (i % 3));
    const after = await status(client);
    const rssEdits = rss(client.proc.pid);
    return {
      files: files.length, parseFloorMs: floor, coldIndexMs: coldIndex, indexedFiles: indexed.done, findings: indexed.findings,
      hoverCount: hovers.length, hoverP50: pct(hovers, 50), hoverP95: pct(hovers, 95),
      warmOpenP50: pct(opens, 50), warmOpenP95: pct(opens, 95), warmOpenMax: Math.max(...opens),
      edits: EDITS, timedEdits: times.length, editP50: pct(times, 50), editP95: pct(times, 95),
      rssStart, rssIndexed, rssEdits, indexBytes: after.worker?.bytes, indexBudget: after.worker?.budgetBytes, evictions: after.worker?.evictions,
      entries: after.worker?.entries, workerHeap: after.worker?.heapUsed,
    };
  } finally {
    await client.shutdown();
  }
}

(async () => {
  const long = await benchLongFile();
  const ws = await benchWorkspace();
  fs.rmSync(scratch, { recursive: true, force: true });
  if (asJson) {
    process.stdout.write(JSON.stringify({ long, workspace: ws, debounceMs: DEBOUNCE_MS, cpus: os.cpus().length, load: os.loadavg()[0] }) + '\n');
    return;
  }
  const x = (t, floor) => `${(t / floor).toFixed(1)}x parse`;
  console.log(`Language server (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}); debounce ${DEBOUNCE_MS} ms, subtracted from edit times`);
  console.log(`long file: ${long.lines} lines, ${long.findings} findings, parse floor ${ms(long.parseFloorMs)}`);
  console.log(`  open → diagnostics, cold:       ${ms(long.coldOpenMs)} (${x(long.coldOpenMs, long.parseFloorMs)})`);
  console.log(`  open → diagnostics, warm:       ${ms(long.warmOpenMs)} (${x(long.warmOpenMs, long.parseFloorMs)})`);
  console.log(`  edit → diagnostics (${long.edits} edits): p50 ${ms(long.editP50)}, p95 ${ms(long.editP95)} (${x(long.editP95, long.parseFloorMs)})`);
  console.log(`workspace: ${ws.files} files, ${ws.findings} findings, parse floor ${ms(ws.parseFloorMs)} for all files`);
  console.log(`  cold index (start → progress end): ${(ws.coldIndexMs / 1000).toFixed(1)} s (${x(ws.coldIndexMs, ws.parseFloorMs)}), ${ws.indexedFiles} files`);
  console.log(`  hover while indexing (${ws.hoverCount}): p50 ${ms(ws.hoverP50)}, p95 ${ms(ws.hoverP95)}`);
  console.log(`  warm open → diagnostics (50 files): p50 ${ms(ws.warmOpenP50)}, p95 ${ms(ws.warmOpenP95)}, max ${ms(ws.warmOpenMax)}`);
  console.log(`  edit → diagnostics (${ws.edits} edits, ${ws.timedEdits} timed): p50 ${ms(ws.editP50)}, p95 ${ms(ws.editP95)}`);
  console.log(`  server RSS: start ${mb(ws.rssStart)}, indexed ${mb(ws.rssIndexed)}, after ${ws.edits} edits ${mb(ws.rssEdits)}`);
  console.log(`  index: ${ws.entries} summaries, ${mb(ws.indexBytes)} of ${mb(ws.indexBudget)} budget, ${ws.evictions} evicted; worker heap ${mb(ws.workerHeap)}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
