#!/usr/bin/env node
'use strict';
// Montana PII Guard command line: `mt-pii scan`, `mt-pii explain`, `mt-pii lsp --stdio`.
// A scan (and `report`, which scans) is a batch job of seconds. V8's default is tuned for long-lived pages and
// servers: it optimises hot code early, on background threads, and on a two-core machine that compiling competes
// with the scan itself. Asked to optimise later, V8 spends about a fifth less CPU on the benchmark corpus (README,
// Speed) for the same results. Set before anything loads, so that every function of the scan and of its workers
// (V8 flags are per process) has the budget. Not for `lsp`: the server runs for hours, where early optimising pays.
const SCAN_INTERRUPT_BUDGET = 800000; // bytes of bytecode run before a function is looked at for optimising (V8: 67584)
if (['scan', 'report'].includes(process.argv[2])) require('v8').setFlagsFromString(`--interrupt-budget=${SCAN_INTERRUPT_BUDGET}`);
let cli;
try {
  cli = require('../out/server/src/cli/main.js');
} catch (e) {
  process.stderr.write('mt-pii: the compiled code is missing; run `npm run compile` first.\n');
  process.exit(2);
}
cli.main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code;
});
