#!/usr/bin/env node
'use strict';
// `npm test`: runs every Mocha suite of .mocharc.json (unit, meta, fixtures, LSP protocol) with the spec
// reporter, then prints the plain closing line CI reads: `N passed, M failed`. Skipped (pending) tests
// are not allowed: any pending test is reported loudly and counted as failed.
const Mocha = require('mocha');
const path = require('path');
const fs = require('fs');

const root = path.join(__dirname, '..');
const rc = JSON.parse(fs.readFileSync(path.join(root, '.mocharc.json'), 'utf8'));
const mocha = new Mocha({ timeout: rc.timeout, reporter: 'spec', color: !!process.stdout.isTTY });
const { minimatch } = require('minimatch');
function walk(dir) {
  let out = [];
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    out = out.concat(e.isDirectory() ? walk(p) : [path.relative(root, p).split(path.sep).join('/')]);
  }
  return out;
}
const all = walk(path.join(root, 'out', 'test'));
const files = all.filter((f) => rc.spec.some((p) => minimatch(f, p))).map((f) => path.join(root, f)).sort();
if (!files.length) {
  console.log('no test files found: run `npm run compile` first');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
files.forEach((f) => mocha.addFile(f));
const runner = mocha.run();
let passed = 0;
let failed = 0;
const pending = [];
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
runner.on('pending', (t) => pending.push(t.fullTitle()));
runner.on('end', () => {
  if (pending.length) {
    console.log(`\n${pending.length} test(s) were skipped, which this project does not allow:`);
    for (const t of pending) console.log(`  SKIPPED: ${t}`);
  }
  const f = failed + pending.length;
  console.log(`\n${passed} passed, ${f} failed`);
  process.exitCode = f ? 1 : 0;
});
