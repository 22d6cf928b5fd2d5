#!/usr/bin/env node
'use strict';
// Montana PII Guard command line: `mt-pii scan`, `mt-pii explain`, `mt-pii lsp --stdio`.
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
