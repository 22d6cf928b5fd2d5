#!/usr/bin/env node
'use strict';
/*
 * Measured quality: scans the labelled corpus in test/quality/corpus/ as `mt-pii scan` would and prints
 * precision and recall per tier (finding / inventory), per sink kind (third-party / storage / logging),
 * per service, per app and overall, then every false positive and false negative with its line. Exit
 * status 1 when what is held to the targets today misses them (test/quality/score.ts: TARGETS,
 * TIER_TARGETS, AWAITING_ENGINE) or a label cannot be read. Label syntax: test/quality/corpus/README.md.
 *
 *   npm run bench:quality            (builds first)
 *   node scripts/bench-quality.js [--json]
 */
const path = require('path');
let score;
try {
  score = require(path.join(__dirname, '..', 'out', 'test', 'quality', 'score.js'));
} catch (e) {
  process.stderr.write('bench-quality: the compiled code is missing; run `npx tsc -b` first.\n');
  process.exit(2);
}

score.scoreCorpus().then((report) => {
  if (process.argv.includes('--json')) {
    const plain = { ...report };
    for (const k of ['byTier', 'byKind', 'byService', 'byApp', 'asserted']) plain[k] = Object.fromEntries(report[k]);
    process.stdout.write(JSON.stringify(plain, null, 2) + '\n');
  } else {
    process.stdout.write(score.formatReport(report) + '\n');
  }
  if (score.missedTargets(report).length || report.problems.length) process.exitCode = 1;
}, (e) => {
  process.stderr.write(`bench-quality: ${e && e.stack || e}\n`);
  process.exitCode = 2;
});
