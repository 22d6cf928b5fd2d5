#!/usr/bin/env node
'use strict';
// `npm run scan [-- paths/options]`: scans the bundled examples/ when no path is given.
// On the examples, findings are the point, so the exit status is 0; with your own paths it is the CLI's.
const path = require('path');
const cli = require('../out/server/src/cli/main.js');
const args = process.argv.slice(2);
// Options that take a value (the value is not a path), from the scan command's own option table.
const { SCAN } = require('../out/server/src/cli/commands/scan.js');
const TAKES_VALUE = Object.entries(SCAN.options).filter(([, o]) => o.type === 'string').flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
const hasPath = args.includes('--stdin') || args.some((a, i) => !a.startsWith('-') && !TAKES_VALUE.includes(args[i - 1]));
if (hasPath) {
  cli.main(['scan', ...args]).then((code) => (process.exitCode = code));
} else {
  const examples = path.relative(process.cwd(), path.join(__dirname, '..', 'examples')) || 'examples';
  process.stdout.write(`Scanning the bundled examples (${examples}/); pass a folder to scan your own code: npm run scan -- path/to/app\n\n`);
  cli.main(['scan', examples, ...args]).then((code) => (process.exitCode = code === 1 ? 0 : code));
}
