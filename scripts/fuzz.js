#!/usr/bin/env node
'use strict';
// `npm run fuzz`: the hostile-repository fuzzers, bounded. Mutated mt-pii.json files go through parseConfig, the
// merge and the include/exclude matchers; mutated source files (and tsconfig.json, pnpm-workspace.yaml) go through
// the real `mt-pii scan` in batches. A fixed seed, a time cap, and each phase in a child process with a hard
// limit: a crash, a hang or invalid output fails the run, and the input that caused it is kept for replay.
//
//   node scripts/fuzz.js [--seed 18] [--seconds 120] [--out <folder>]
//   node scripts/fuzz.js --replay <folder>/config-17.json    (or a kept source batch folder)
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mt-pii.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const SEED = Number(opt('seed', '18'));
const SECONDS = Number(opt('seconds', '120'));
const OUT = path.resolve(opt('out', path.join(os.tmpdir(), `mt-pii-fuzz-${SEED}`)));
/** A single case slower than this counts as a hang. */
const CASE_LIMIT_MS = 10000;
/** A CLI batch slower than this counts as a hang (its files have a 3 s budget each, on 2 threads). */
const BATCH_LIMIT_MS = 180000;

/** mulberry32: a small seeded generator, so a run can be repeated exactly. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

function walk(dir, keep) {
  let out = [];
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(walk(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

// ─────────────────────────────── mutations ───────────────────────────────

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const GLOB_BITS = ['[', '{', '}', '+(', '*(', '@(', '!(', ')', '*', '**/', '?', '\\', '{1..1000}', '{a,b}', ',', '[!a-z]', '/'];
const PATH_BITS = ['../', '../../../../etc/passwd', '/etc/passwd', 'C:\\Windows\\x', 'a/../../b', 'link/x.json', '\u0000', '%2e%2e/'];

function longString(r) {
  const bit = r.pick(GLOB_BITS);
  return bit.repeat(r.pick([1, 5, 17, 100, 300, 2000, 6000]));
}

function randomValue(r, depth = 0) {
  switch (r.int(depth > 3 ? 4 : 7)) {
    case 0: return JSON.stringify(longString(r));
    case 1: return String(r.pick([0, -1, 1e308, 3.5]));
    case 2: return r.pick(['true', 'false', 'null']);
    case 3: return JSON.stringify(r.pick(PATH_BITS) + r.pick(['', 'b.json', 'x']));
    case 4: return `[${Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1)).join(', ')}]`;
    case 5: return `{ ${Array.from({ length: r.int(3) }, () => `${JSON.stringify(r.pick([...PROTO_KEYS, 'rules', 'include', 'names', 'mt/personal-data-to-third-party', 'email']))}: ${randomValue(r, depth + 1)}`).join(', ')} }`;
    default: return '"off"';
  }
}

const CONFIG_SNIPPETS = [
  (r) => `"__proto__": ${randomValue(r)}`,
  (r) => `"categories": { ${JSON.stringify(r.pick(PROTO_KEYS))}: { "names": ["x"] } }`,
  (r) => `"rules": { ${JSON.stringify(r.pick(PROTO_KEYS))}: "off" }`,
  (r) => `"exclude": [${JSON.stringify(longString(r))}]`,
  (r) => `"include": [${JSON.stringify(longString(r))}, "src/**"]`,
  (r) => `"baseline": ${JSON.stringify(r.pick(PATH_BITS) + 'baseline.json')}`,
  (r) => `"exclude": [${Array.from({ length: r.pick([10, 250, 6000]) }, () => '"x"').join(',')}]`,
  (r) => `"x": ${'['.repeat(r.pick([10, 40, 5000]))}${']'.repeat(r.pick([0, 10, 40, 5000]))}`,
  (r) => `"sinks": [{ "id": ${JSON.stringify(r.pick(['segment', 'acme', 'sentry', '__proto__', 'a'.repeat(100)]))}, "vendor": "V", "kind": "third-party", "service": "analytics", "hosts": [${JSON.stringify('api.acme.example/' + longString(r).replace(/[^A-Za-z0-9*._~-]/g, 'a'))}], "instances": [{ "label": "l", "from": [{ "module": "m", "path": ${JSON.stringify('$' + r.pick(['', '.a()', longString(r)]))} }], "calls": [{ "method": ${JSON.stringify(r.pick(['x', 'a..b', longString(r)]))} }] }] }`,
  (r) => `"approvedVendors": [{ "vendor": "segment", "contract": ${JSON.stringify(longString(r))}, "categories": [${JSON.stringify(r.pick(PROTO_KEYS))}] }]`,
  (r) => `"profile": { "entity": ${JSON.stringify(r.pick(['business', 'constructor', 'school', '']))}, "also": [${randomValue(r)}] }`,
];

function mutateConfig(r, text) {
  let t = text;
  for (let n = 1 + r.int(3); n > 0; n--) {
    const op = r.int(8);
    if (op <= 2) {
      const at = t.indexOf('{');
      const snippet = r.pick(CONFIG_SNIPPETS)(r);
      t = at < 0 ? `{ ${snippet} }` : t.slice(0, at + 1) + ` ${snippet}${/^\s*}/.test(t.slice(at + 1)) ? '' : ','} ` + t.slice(at + 1);
    } else if (op === 3 && t.length) {
      const i = r.int(t.length);
      t = t.slice(0, i) + t.slice(i + 1 + r.int(20));
    } else if (op === 4 && t.length) {
      const i = r.int(t.length);
      t = t.slice(0, i) + r.pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\0', '\u2028', '/*', '//', '\r']) + t.slice(i);
    } else if (op === 5) {
      t = r.chance(0.5) ? t.replace(/\n/g, '\r') : t.replace(/\n/g, '\r\n');
    } else if (op === 6) {
      t = '\ufeff' + t;
    } else if (t.length) {
      const i = r.int(t.length);
      const j = Math.min(t.length, i + r.int(200));
      t = t.slice(0, j) + t.slice(i, j).repeat(r.pick([2, 10, 100])) + t.slice(j);
    }
  }
  return t;
}

const SOURCE_BITS = ['&&', '(', ')', '{', '}', '`${', '/**', '/** @pii email ', '*/', '<script>', '</script>', '\0', '\r', '\u2028', 'function(){', '=>',
  '...', 'analytics.identify(user.email);', 'new ', 'import x from "../../../../etc/passwd";', 'import y from "@/../../outside";', '//', '"', "'", '/', ';', '\n'];

function mutateSource(r, text) {
  let t = text;
  const op = r.int(10);
  if (op === 0) {
    const k = r.pick([100, 1000, 20000]);
    t = 'f(function(){\n'.repeat(k) + t + '});\n'.repeat(r.chance(0.5) ? k : r.int(k));
  } else if (op === 1) {
    t = t + '\nconst z = ' + Array.from({ length: r.pick([100, 10000, 100000]) }, (_, i) => `a${i % 9}`).join(r.pick([' && ', ' || ', ' + ', ', '])) + ';\n';
  } else if (op === 2) {
    t = t.replace(/\r?\n/g, '\r');
  } else if (op === 3) {
    const k = r.pick([10, 500, 3000]);
    t = r.pick(['(', '[', '{ a: ', '+(', 'x ? ']).repeat(k) + t;
  } else {
    for (let n = 1 + r.int(8); n > 0; n--) {
      const i = r.int(t.length + 1);
      if (r.chance(0.3)) t = t.slice(0, i) + t.slice(i + r.int(40));
      else t = t.slice(0, i) + r.pick(SOURCE_BITS).repeat(r.chance(0.1) ? r.pick([50, 2000]) : 1) + t.slice(i);
    }
  }
  return t;
}

// ─────────────────────────────── phase: configurations (in-process) ───────────────────────────────

function configPhase(seed, seconds) {
  const { parseConfig, mergeConfigs, isIncluded, engineKey } = require(path.join(ROOT, 'out/server/src/config/config.js'));
  const { loadCatalog, customSinkProblems } = require(path.join(ROOT, 'out/server/src/catalog/load.js'));
  const { configPathProblem } = require(path.join(ROOT, 'out/server/src/project/insideProject.js'));
  const { catalog } = loadCatalog();
  const rulesDir = catalog.rulesDir;
  const known = {
    rules: new Set([...catalog.ruleById.keys(), ...catalog.toolRules.keys(), 'mt/unused-suppression', 'mt/invalid-suppression']),
    categories: new Set(catalog.categories.categories.map((c) => c.id)),
    sinkProblems: (sinks) => customSinkProblems(rulesDir, sinks),
  };
  const schemas = (name) => JSON.parse(fs.readFileSync(path.join(rulesDir, 'schema', name), 'utf8'));
  const corpus = [...walk(path.join(ROOT, 'test', 'fixtures'), (p) => path.basename(p) === 'mt-pii.json'), ...walk(path.join(ROOT, 'examples'), (p) => path.basename(p) === 'mt-pii.json')]
    .map((f) => fs.readFileSync(f, 'utf8'));
  corpus.push('{}', '{ "root": true, "include": ["src/**"], "exclude": ["**/*.test.ts"], "rules": { "mt/personal-data-to-third-party": "error" } }');
  const r = rng(seed);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-fuzz-cfg-'));
  const file = path.join(root, 'mt-pii.json');
  const samples = ['src/a.ts', 'a.ts', '.hidden/x.ts', 'src/deep/' + 'd/'.repeat(30) + 'x.tsx', 'node_modules/x.js', '[x].ts'];
  const stats = { cases: 0, valid: 0, refused: 0, maxMs: 0 };
  const failures = [];
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const text = mutateConfig(r, r.pick(corpus));
    const n = stats.cases++;
    fs.writeFileSync(path.join(OUT, 'current-config.json'), text); // left behind if the process hangs or dies
    const t0 = Date.now();
    try {
      const { data, problems } = parseConfig(file, text, schemas, known, { pathProblem: (v) => configPathProblem(v, root, root) });
      const lines = text.split(/\r\n|\r|\n/).length;
      for (const p of problems) {
        if (![p.line, p.character, p.endLine, p.endCharacter].every((x) => Number.isInteger(x) && x >= 0)) throw new Error(`problem without a position: ${JSON.stringify(p)}`);
        if (p.line >= lines + 1) throw new Error(`problem past the end of the file: ${JSON.stringify(p)}`);
        if (typeof p.message !== 'string' || !p.message || p.message.includes('\n')) throw new Error(`bad message: ${JSON.stringify(p.message)}`);
        if (/rules[\\/]sinks|rules[\\/]montana/.test(p.message)) throw new Error(`names a rules/ file: ${p.message}`);
      }
      if (data) {
        if (problems.length) throw new Error('data and problems at once');
        const config = mergeConfigs([{ file, data }]);
        for (const s of samples) isIncluded(config, path.join(root, s));
        engineKey(config);
        stats.valid++;
      } else {
        if (!problems.length) throw new Error('refused without a problem');
        stats.refused++;
      }
    } catch (e) {
      const keep = path.join(OUT, `config-${n}.json`);
      fs.writeFileSync(keep, text);
      failures.push(`config case ${n} (${keep}): ${String(e && e.stack || e).split('\n').slice(0, 3).join(' | ')}`);
    }
    const ms = Date.now() - t0;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > CASE_LIMIT_MS) {
      const keep = path.join(OUT, `config-${n}-slow.json`);
      fs.writeFileSync(keep, text);
      failures.push(`config case ${n} took ${ms} ms (${keep})`);
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
  return { stats, failures };
}

// ─────────────────────────────── phase: source files (the real CLI) ───────────────────────────────

function sourcePhase(seed, seconds) {
  const corpus = [...walk(path.join(ROOT, 'test', 'fixtures'), (p) => /\.(ts|tsx|js)$/.test(p)), ...walk(path.join(ROOT, 'examples'), (p) => /\.(ts|tsx|js)$/.test(p) && !p.includes('node_modules'))]
    .map((f) => fs.readFileSync(f, 'utf8'));
  const r = rng(seed);
  const stats = { batches: 0, files: 0, findings: 0, incomplete: 0, maxBatchMs: 0, reasons: {} };
  const failures = [];
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const b = stats.batches++;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-fuzz-src-'));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'src'));
    const names = [];
    for (let i = 0; i < 12; i++) {
      let text = mutateSource(r, r.pick(corpus));
      let ext = r.pick(['.ts', '.tsx', '.js', '.ts', '.vue', '.svelte']);
      if (ext === '.vue' || ext === '.svelte') text = `<template><div/></template>\n<script lang="ts">\n${text}\n</script>\n`;
      const name = `src/f${i}${ext}`;
      const enc = r.int(12);
      const buf = enc === 0 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : enc === 1 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : Buffer.from(text);
      fs.writeFileSync(path.join(dir, name), buf);
      names.push(name);
    }
    if (r.chance(0.3)) fs.writeFileSync(path.join(dir, 'tsconfig.json'), mutateConfig(r, JSON.stringify({ extends: r.pick(['../../x/tsconfig.json', './base']), compilerOptions: { baseUrl: '.', paths: { '@/*': [r.pick(['src/*', '../../*', '*'])] } } })));
    if (r.chance(0.2)) fs.writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'packages:\n  - ' + ' '.repeat(r.pick([10, 100000])) + r.pick(['"packages/*"', "'*a*a*a*a*a*a*a*a*c'", '../../..']) + '\n');
    const t0 = Date.now();
    const run = spawnSync(process.execPath, [BIN, 'scan', '.', '-f', 'json', '--file-timeout', '3', '--jobs', '2', '--max-file-size', '4mb'],
      { cwd: dir, encoding: 'utf8', timeout: BATCH_LIMIT_MS, maxBuffer: 1 << 28 });
    const ms = Date.now() - t0;
    stats.maxBatchMs = Math.max(stats.maxBatchMs, ms);
    const problem = checkRun(run, names, dir);
    if (problem) {
      const keep = path.join(OUT, `source-batch-${b}`);
      fs.cpSync(dir, keep, { recursive: true });
      failures.push(`source batch ${b} (${keep}): ${problem}`);
    } else {
      const report = JSON.parse(run.stdout);
      stats.files += names.length;
      stats.findings += report.findings.length;
      for (const f of report.findings.filter((x) => x.ruleId === 'mt/analysis-incomplete')) {
        stats.incomplete++;
        const why = /not fully analysed: (.*?)(?: \(|\.|;|$)/.exec(f.message)?.[1] ?? f.message;
        stats.reasons[why] = (stats.reasons[why] ?? 0) + 1;
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { stats, failures };
}

/** What is wrong with one CLI run over a batch, or undefined. */
function checkRun(run, names, dir) {
  if (run.error || run.signal) return `hung or killed (${run.error ? run.error.message : run.signal})`;
  if (![0, 1].includes(run.status)) return `exit status ${run.status}: ${run.stderr.slice(0, 500)}`;
  if (/internal error|\n\s+at .+:\d+:\d+\)?\n|node:internal|Unhandled/.test(run.stderr)) return `a stack trace on standard error: ${run.stderr.slice(0, 800)}`;
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch (e) {
    return `standard output is not JSON: ${e.message}`;
  }
  if (!Array.isArray(report.findings) || !report.summary) return 'the report has no findings or summary';
  const { files, skipped } = report.summary;
  if (files + skipped !== names.length) return `files ${files} + skipped ${skipped} != ${names.length} written`;
  const unanalysed = new Set(report.findings.filter((f) => f.ruleId === 'mt/analysis-incomplete').map((f) => f.file));
  if (skipped > unanalysed.size) return `${skipped} files skipped but only ${unanalysed.size} reported as mt/analysis-incomplete`;
  for (const f of report.findings) {
    // An exception inside the analysis is a bug, even though the scan reports it instead of losing the file.
    if (f.ruleId === 'mt/analysis-incomplete' && /its analysis failed/.test(f.message)) return `the analysis of ${f.file} threw: ${f.message}`;
    if (!names.includes(f.file) && !fs.existsSync(path.join(dir, f.file))) return `a finding in an unknown file ${f.file}`;
    for (const k of ['line', 'column', 'endLine', 'endColumn']) if (!Number.isInteger(f[k]) || f[k] < 1) return `a finding with ${k} ${f[k]}`;
    if (typeof f.ruleId !== 'string' || typeof f.message !== 'string' || typeof f.fingerprint !== 'string') return 'a finding without ruleId, message or fingerprint';
  }
  return undefined;
}

// ─────────────────────────────── driver ───────────────────────────────

function child(phase, seconds) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [__filename, '--phase', phase, '--seed', String(SEED), '--seconds', String(seconds), '--out', OUT],
    { encoding: 'utf8', timeout: (seconds + 60) * 1000 + (phase === 'sources' ? BATCH_LIMIT_MS : 0), maxBuffer: 1 << 26 });
  if (r.error || r.signal) {
    return { failures: [`the ${phase} phase hung or was killed after ${Date.now() - t0} ms (${r.error ? r.error.message : r.signal}); last input: ${path.join(OUT, 'current-config.json')}`] };
  }
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { failures: [`the ${phase} phase crashed (exit ${r.status}): ${r.stderr.slice(0, 1500)}`] };
  }
}

function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const phase = opt('phase', undefined);
  if (phase) {
    const result = phase === 'config' ? configPhase(SEED, SECONDS) : sourcePhase(SEED + 1, SECONDS);
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const replay = opt('replay', undefined);
  if (replay) {
    const { parseConfig } = require(path.join(ROOT, 'out/server/src/config/config.js'));
    if (fs.statSync(replay).isDirectory()) {
      const r = spawnSync(process.execPath, [BIN, 'scan', '.', '-f', 'json', '--file-timeout', '3', '--jobs', '2', '--max-file-size', '4mb'], { cwd: replay, stdio: 'inherit', timeout: BATCH_LIMIT_MS });
      process.exitCode = r.status ?? 1;
    } else {
      const text = fs.readFileSync(replay, 'utf8');
      const schemas = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'rules', 'schema', name), 'utf8'));
      console.log(JSON.stringify(parseConfig(path.join(os.tmpdir(), 'mt-pii.json'), text, schemas).problems, null, 2));
    }
    return;
  }
  console.log(`mt-pii fuzz: seed ${SEED}, ${SECONDS} s (a third for configurations, the rest for source files), inputs kept in ${OUT}`);
  const cfg = child('config', Math.max(5, Math.round(SECONDS / 3)));
  if (cfg.stats) console.log(`configurations: ${cfg.stats.cases} cases (${cfg.stats.valid} valid, ${cfg.stats.refused} refused with problems), slowest ${cfg.stats.maxMs} ms`);
  const src = child('sources', Math.max(5, SECONDS - Math.round(SECONDS / 3)));
  if (src.stats) {
    console.log(`source files: ${src.stats.files} files in ${src.stats.batches} scans, ${src.stats.findings} findings (${src.stats.incomplete} mt/analysis-incomplete), slowest scan ${src.stats.maxBatchMs} ms`);
    for (const [why, n] of Object.entries(src.stats.reasons)) console.log(`  not fully analysed, ${n}×: ${why}`);
  }
  const failures = [...(cfg.failures ?? []), ...(src.failures ?? [])];
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(failures.length ? `${failures.length} failure(s); replay with: node scripts/fuzz.js --replay <kept input>` : 'no crash, no hang, no invalid output');
  if (!failures.length) fs.rmSync(path.join(OUT, 'current-config.json'), { force: true });
  process.exitCode = failures.length ? 1 : 0;
}

main();
