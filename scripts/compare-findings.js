#!/usr/bin/env node
'use strict';
/*
 * Compares what two builds of mt-pii report: runs `mt-pii scan --format json` of each build over the same
 * folders (the bundled examples/ unless told otherwise) and says, per folder, whether the findings are
 * identical (the summary's durationMs is ignored). Meant for refactors that must not change behaviour.
 *
 *   node scripts/compare-findings.js <before> <after> [folders...] [--datamap] [--keep]
 *
 * <before> and <after> are each a built checkout (a folder holding bin/mt-pii.js and out/) or a git ref
 * of this repository (a commit, branch or tag): a ref is exported with `git archive` into a temporary
 * folder, given this checkout's node_modules and compiled with `tsc -b` (--keep leaves it there).
 * `.` is this checkout as it stands (build it first). --datamap compares the Markdown data map too.
 * Each folder is scanned with itself as the working directory, so paths in both reports are the same.
 * Exit status: 0 identical, 1 a difference, 2 usage or build error.
 *
 *   node scripts/compare-findings.js a45a254 . examples /tmp/apps/outline /tmp/apps/formbricks
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a) => !a.startsWith('--'));
const unknown = [...flags].filter((f) => f !== '--datamap' && f !== '--keep');
if (positional.length < 2 || unknown.length) {
  process.stderr.write(`${unknown.length ? `unknown option ${unknown.join(', ')}\n` : ''}usage: node scripts/compare-findings.js <before> <after> [folders...] [--datamap] [--keep]\n`);
  process.exit(2);
}
const [beforeArg, afterArg, ...folderArgs] = positional;
const folders = (folderArgs.length ? folderArgs : [path.join(ROOT, 'examples')]).map((f) => path.resolve(f));
const missing = folders.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isDirectory());
if (missing.length) {
  process.stderr.write(`compare-findings: not a folder: ${missing.join(', ')}\n`);
  process.exit(2);
}

class Failure extends Error {}
function fail(message) {
  throw new Failure(message);
}

const made = [];
/** A built checkout for `arg`: the folder itself, or a git ref exported and compiled in a temporary folder. */
function checkout(arg) {
  const dir = path.resolve(arg);
  if (fs.existsSync(path.join(dir, 'bin', 'mt-pii.js'))) {
    if (!fs.existsSync(path.join(dir, 'out', 'server', 'src', 'cli', 'main.js'))) fail(`${dir} is not built: run \`npx tsc -b\` there`);
    return { dir, label: arg };
  }
  const rev = spawnSync('git', ['rev-parse', '--verify', `${arg}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
  if (rev.status !== 0) fail(`${arg} is neither a built checkout nor a git ref of ${ROOT}`);
  const commit = rev.stdout.trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `mt-pii-${commit.slice(0, 8)}-`));
  made.push(tmp);
  process.stderr.write(`building ${arg} (${commit.slice(0, 10)}) in ${tmp} ...\n`);
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 1 << 30 });
  if (archive.status !== 0) fail(`git archive ${commit} failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', tmp], { input: archive.stdout });
  if (untar.status !== 0) fail(`unpacking ${commit} failed: ${untar.stderr}`);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: tmp, encoding: 'utf8' });
  if (tsc.status !== 0) fail(`compiling ${arg} failed:\n${tsc.stdout}${tsc.stderr}`);
  return { dir: tmp, label: `${arg} (${commit.slice(0, 10)})` };
}

function scan(build, folder, format) {
  const res = spawnSync(process.execPath, [path.join(build.dir, 'bin', 'mt-pii.js'), 'scan', '.', '--format', format, '--fail-on', 'never'], {
    cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (res.status !== 0) fail(`${build.label} failed on ${folder} (exit ${res.status}):\n${res.stderr}`);
  return res.stdout;
}

function findingsOf(text) {
  const report = JSON.parse(text);
  if (report.summary) delete report.summary.durationMs;
  return report;
}

/** A short line per finding, for listing what one side has and the other lacks. */
function describe(f) {
  return `${f.file}:${f.line}:${f.column} ${f.ruleId} [${(f.categories || []).join(',')}] ${f.sink ? f.sink.api : ''} ${f.fingerprint}`;
}

/** The findings of `a` that `b` lacks (compared whole, counting repeats). */
function missingFrom(a, b) {
  const left = new Map();
  for (const f of b) left.set(JSON.stringify(f), (left.get(JSON.stringify(f)) || 0) + 1);
  return a.filter((f) => {
    const n = left.get(JSON.stringify(f)) || 0;
    if (n) left.set(JSON.stringify(f), n - 1);
    return !n;
  });
}

let status = 0;
try {
  const before = checkout(beforeArg);
  const after = checkout(afterArg);
  process.stdout.write(`before: ${before.label}\nafter:  ${after.label}\n\n`);
  for (const folder of folders) {
    const a = findingsOf(scan(before, folder, 'json'));
    const b = findingsOf(scan(after, folder, 'json'));
    const same = JSON.stringify(a) === JSON.stringify(b);
    const counts = `${a.summary.files} files, findings ${a.findings.length} → ${b.findings.length}`;
    let line = `${same ? 'identical ' : 'DIFFERENT '} ${folder}: ${counts}`;
    if (flags.has('--datamap')) {
      const sameMap = scan(before, folder, 'datamap') === scan(after, folder, 'datamap');
      line += `; data map ${sameMap ? 'identical' : 'DIFFERENT'}`;
      if (!sameMap) status = 1;
    }
    process.stdout.write(line + '\n');
    if (same) continue;
    status = 1;
    const onlyA = missingFrom(a.findings, b.findings);
    const onlyB = missingFrom(b.findings, a.findings);
    for (const f of onlyA.slice(0, 20)) process.stdout.write(`  - only before: ${describe(f)}\n`);
    for (const f of onlyB.slice(0, 20)) process.stdout.write(`  + only after:  ${describe(f)}\n`);
    if (!onlyA.length && !onlyB.length) process.stdout.write('  the same findings in another order, or another summary\n');
  }
  process.stdout.write(status ? '\nThe builds report differently.\n' : '\nThe builds report the same findings.\n');
} catch (e) {
  if (!(e instanceof Failure)) throw e;
  process.stderr.write(`compare-findings: ${e.message}\n`);
  status = 2;
} finally {
  if (!flags.has('--keep')) for (const d of made) fs.rmSync(d, { recursive: true, force: true });
}
process.exitCode = status;
