#!/usr/bin/env node
'use strict';
/*
 * `npm run bench`: whole-process speed and peak memory of `mt-pii scan` on real code, against the floor of
 * reading and parsing the same files and against ESLint's parse-only pass, in one run on one corpus.
 *
 * Corpus: about 3,000 JavaScript/TypeScript files of this project's own node_modules (no .d.ts, no
 * minified files, each under 512 KB, spread evenly over the sorted list), copied flat into a temporary folder
 * as f0001.js, f0002.ts, ... so that none is skipped as build output, tests or node_modules.
 *
 * Measured, each as a separate process (median of --runs, default 3, run in rounds over the four commands so
 * that a machine slowing down weighs on all alike), wall time and peak RSS (the process's own maxRSS, all
 * threads, reported at exit):
 *   floor          one thread reads and parses every file with ts.createSourceFile (nothing else)
 *   scan -j1       mt-pii scan --jobs 1 --format json
 *   scan -jN       mt-pii scan as by default: up to all available cores (one worker per 400 files to analyse)
 *   eslint         ESLint with @typescript-eslint/parser and no rules (parse only), one thread
 * Printed as ratios: time to the floor, RSS to the floor's, ESLint's time to the scan's. Targets (2 cores):
 * scan -jN <= 1.0x the floor, RSS <= 2x the floor's, >= 5x faster than ESLint. Nothing is asserted.
 *
 *   node scripts/bench-cli.js [--runs N] [--files N] [--keep]
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const RUNS = flag('--runs', 3);
const FILES = flag('--files', 3000);
const MAX_SIZE = 512 * 1024;

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/.test(e.name) && !/\.d\.[cm]?ts$|\.min\.js$/.test(e.name)) out.push(p);
  }
  return out;
}

function buildCorpus() {
  const all = walk(path.join(ROOT, 'node_modules'), []).filter((f) => {
    const size = fs.statSync(f).size;
    return size > 0 && size <= MAX_SIZE;
  });
  const step = all.length / Math.min(FILES, all.length);
  const picked = [];
  for (let i = 0; picked.length < Math.min(FILES, all.length); i++) picked.push(all[Math.floor(i * step)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-bench-'));
  let bytes = 0;
  picked.forEach((f, i) => {
    const ext = path.extname(f);
    const text = fs.readFileSync(f);
    bytes += text.length;
    fs.writeFileSync(path.join(dir, `f${String(i + 1).padStart(4, '0')}${ext}`), text);
  });
  return { dir, files: picked.length, bytes };
}

// Every measured process reports its own peak RSS (kilobytes, all threads) at exit through this preload.
const RSS_MARK = 'MT_PII_BENCH_MAXRSS=';
const preload = path.join(os.tmpdir(), `mt-pii-bench-rss-${process.pid}.js`);
fs.writeFileSync(preload, `process.on('exit', () => { try { require('fs').writeSync(2, '\\n${RSS_MARK}' + process.resourceUsage().maxRSS + '\\n'); } catch {} });\n`);

/** One run of one measured command: wall milliseconds, peak RSS in MB, exit status. */
function runOnce(argv, cwd) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['--require', preload, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = new RegExp(`${RSS_MARK}(\\d+)`).exec(res.stderr ?? '');
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: res.status, stderr: res.stderr ?? '' };
}

/**
 * Each command run RUNS times, in rounds (floor, scan -j1, scan -jN, eslint, then again), so that a machine that
 * slows down or speeds up during the benchmark weighs on every command alike; the median of each is reported.
 */
function measureAll(commands) {
  const runs = commands.map(() => []);
  const failed = new Set();
  for (let r = 0; r < RUNS; r++) {
    commands.forEach((c, i) => {
      if (failed.has(i)) return;
      const run = runOnce(c.argv, c.cwd);
      runs[i].push(run);
      if (run.status !== 0 && run.status !== 1) {
        process.stderr.write(`${c.label} failed (exit ${run.status}):\n${run.stderr.slice(-2000)}\n`);
        failed.add(i);
      }
    });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return commands.map((c, i) => ({ label: c.label, ms: median(runs[i].map((x) => x.ms)), rssMb: median(runs[i].map((x) => x.rssMb)) }));
}

const corpus = buildCorpus();
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
console.log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB from node_modules, flattened into ${corpus.dir}; ${cores} cores; median of ${RUNS} run(s)`);

const floorScript = path.join(corpus.dir, '..', `mt-pii-bench-floor-${process.pid}.js`);
fs.writeFileSync(floorScript, `const ts = require(${JSON.stringify(require.resolve('typescript'))});\nconst fs = require('fs');\nconst path = require('path');\n`
  + `const dir = process.argv[2];\nfor (const name of fs.readdirSync(dir).sort()) { const f = path.join(dir, name); ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, false); }\n`);
const eslintConfig = path.join(corpus.dir, '..', `mt-pii-bench-eslint-${process.pid}.config.js`);
fs.writeFileSync(eslintConfig, `module.exports = [{ files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx', '**/*.jsx'],\n`
  + `  languageOptions: { parser: require(${JSON.stringify(require.resolve('@typescript-eslint/parser'))}) }, rules: {} }];\n`);

const bin = path.join(ROOT, 'bin', 'mt-pii.js');
const scanArgs = ['scan', '.', '--format', 'json', '--fail-on', 'never', '--max-file-size', '1mb'];
const results = measureAll([
  { label: 'floor: read + parse, 1 thread', argv: [floorScript, corpus.dir], cwd: corpus.dir },
  { label: 'mt-pii scan --jobs 1', argv: [bin, ...scanArgs, '--jobs', '1'], cwd: corpus.dir },
  { label: `mt-pii scan (default: up to ${cores} cores)`, argv: [bin, ...scanArgs], cwd: corpus.dir },
  { label: 'ESLint + @typescript-eslint/parser, no rules', argv: [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--config', eslintConfig, '--no-inline-config', '--no-warn-ignored', '--format', 'json', '.'], cwd: corpus.dir },
]);
const [floor, one, all, eslint] = results;
const pad = (s, n) => String(s).padEnd(n);
for (const r of results) {
  console.log(`  ${pad(r.label, 48)} ${pad(`${(r.ms / 1000).toFixed(2)} s`, 9)} = ${pad(`${(r.ms / floor.ms).toFixed(2)}x floor`, 13)} peak RSS ${pad(`${Math.round(r.rssMb)} MB`, 8)} = ${(r.rssMb / floor.rssMb).toFixed(2)}x floor's`);
}
const verdict = (ok) => (ok ? 'met' : 'NOT met');
console.log(`targets: scan (all cores) <= 1.0x floor: ${(all.ms / floor.ms).toFixed(2)}x, ${verdict(all.ms <= floor.ms)}; `
  + `peak RSS <= 2x floor's: ${(all.rssMb / floor.rssMb).toFixed(2)}x, ${verdict(all.rssMb <= 2 * floor.rssMb)}; `
  + `>= 5x faster than ESLint parse-only: ${(eslint.ms / all.ms).toFixed(2)}x, ${verdict(eslint.ms >= 5 * all.ms)}`);
if (!args.includes('--keep')) {
  fs.rmSync(corpus.dir, { recursive: true, force: true });
  for (const f of [floorScript, eslintConfig, preload]) fs.rmSync(f, { force: true });
}
