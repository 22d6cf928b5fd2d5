#!/usr/bin/env node
'use strict';
/*
 * Speed and memory benchmark. For the given folders (default: the bundled examples and test fixtures),
 * it measures in one run:
 *   parse floor  raw ts.createSourceFile over every file (the baseline), warm (in this process, after a
 *                warm-up) and cold (one pass in a fresh process, like a CLI run)
 *   engine       analyzeFile over every file (parse + one-pass analysis), in process
 *   cli          a full `mt-pii scan --format json` in a child process (start-up, file walk, I/O, output)
 * and prints each as a ratio to the parse floor, plus peak memory. Each timed pass runs --runs times
 * (default 3) and the median is used. Nothing is asserted here: ratios are for humans and CI logs.
 *
 *   node scripts/bench.js [folders...] [--runs N] [--json]
 */
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');
const ts = require('typescript');
const { listFiles, looksBinary } = require('../out/server/src/project/files');
const { analyzeFile } = require('../out/server/src/analysis');
const { loadCatalog } = require('../out/server/src/catalog/load');
const { parseFile } = require('../out/server/src/analysis/parse');
void parseFile;

const args = process.argv.slice(2);
let runs = 3;
let asJson = false;
const folders = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--json') asJson = true;
  else folders.push(args[i]);
}
if (!folders.length) folders.push(path.join(__dirname, '..', 'examples'), path.join(__dirname, '..', 'test', 'fixtures'));

const MAX = 2 * 1024 * 1024;
const files = [];
for (const f of listFiles(folders).files) {
  const buf = fs.readFileSync(f);
  if (buf.length > MAX || looksBinary(buf)) continue;
  files.push({ file: f, text: buf.toString('utf8') });
}
const bytes = files.reduce((n, f) => n + f.text.length, 0);
const { catalog } = loadCatalog();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn) {
  const out = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(out);
}

// The baseline is raw TypeScript: createSourceFile with its defaults (the engine itself skips JSDoc trees).
const rawParse = (f) => ts.createSourceFile(f.file, f.text, ts.ScriptTarget.Latest);
// Warm up both code paths once (JIT), then measure.
for (const f of files.slice(0, 50)) { rawParse(f); parseFile(f.file, f.text); analyzeFile(f.file, f.text, catalog); }
const parseMs = time(() => { for (const f of files) rawParse(f); });
let findings = 0;
const engineMs = time(() => { findings = 0; for (const f of files) findings += analyzeFile(f.file, f.text, catalog).findings.length; });
const heapMb = process.memoryUsage().rss / 1024 / 1024;

const cliRuns = [];
let cliRss = 0;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'mt-pii.js'), 'scan', ...folders, '--format', 'json', '--fail-on', 'never'], { maxBuffer: 1 << 30 });
  cliRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (res.status !== 0) { process.stderr.write(res.stderr); process.exit(2); }
}
const nodeStart = time(() => spawnSync(process.execPath, ['-e', '0']));
// The cold floor: a fresh process that reads and parses every file once, as `mt-pii scan` must.
const coldScript = `const ts=require(${JSON.stringify(require.resolve('typescript'))});const fs=require('fs');`
  + `const files=JSON.parse(fs.readFileSync(0,'utf8'));for(const f of files)ts.createSourceFile(f,fs.readFileSync(f,'utf8'),ts.ScriptTarget.Latest);`;
const coldRuns = [];
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', coldScript], { input: JSON.stringify(files.map((f) => f.file)), maxBuffer: 1 << 26 });
  coldRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const coldMs = median(coldRuns);
const cliMs = median(cliRuns);

const result = {
  files: files.length, megabytes: +(bytes / 1024 / 1024).toFixed(2), findings, runs,
  parseFloorMs: +parseMs.toFixed(1), engineMs: +engineMs.toFixed(1), cliMs: +cliMs.toFixed(1), nodeStartMs: +nodeStart.toFixed(1),
  engineRatio: +(engineMs / parseMs).toFixed(2), cliRatio: +(cliMs / parseMs).toFixed(2),
  cliRatioWithoutNodeStart: +((cliMs - nodeStart) / parseMs).toFixed(2), rssMb: Math.round(heapMb),
  coldParseProcessMs: +coldMs.toFixed(1), cliRatioToColdParseProcess: +(cliMs / coldMs).toFixed(2),
};
if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
else {
  console.log(`${result.files} files, ${result.megabytes} MB, ${result.findings} findings (median of ${runs} runs)`);
  console.log(`  parse floor (ts.createSourceFile): ${result.parseFloorMs} ms   = 1.00x`);
  console.log(`  engine (parse + analysis):         ${result.engineMs} ms   = ${result.engineRatio}x`);
  console.log(`  CLI scan, whole process:           ${result.cliMs} ms   = ${result.cliRatio}x (${result.cliRatioWithoutNodeStart}x without ${result.nodeStartMs} ms of bare node start-up)`);
  console.log(`  parse-only process, cold:          ${result.coldParseProcessMs} ms   -> CLI = ${result.cliRatioToColdParseProcess}x a process that only reads and parses`);
  console.log(`  memory (benchmark process RSS):    ${result.rssMb} MB`);
}
