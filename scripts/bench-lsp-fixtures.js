'use strict';
// Generated inputs for the language-server benchmark (scripts/bench-lsp.js): one long file and a workspace
// of many files joined by chains of imports. Deterministic (no randomness), so runs compare.
const fs = require('fs');
const path = require('path');

/** A TypeScript file of `lines` lines: typed handlers, analytics events and, every 50th, a user's email to an error tracker. */
function longFile(lines) {
  const out = ["import * as Sentry from '@sentry/node';", "import posthog from 'posthog-js';", "import { formatLabel } from './format';", ''];
  for (let i = 0; out.length < lines - 13; i++) {
    out.push(
      `export interface Account${i} { id: string; email: string; plan: string; count: number }`,
      `export function handle${i}(account: Account${i}, opts: { retries: number }) {`,
      `  const total = opts.retries * ${i} + account.count;`,
      `  const label = formatLabel(\`plan-\${account.plan}\`, total);`,
      `  if (total > ${i % 7}) {`,
      `    posthog.capture('step_${i}', { plan: account.plan, total });`,
      '  }',
      '  const items = [1, 2, 3].map((n) => n * total);',
      '  for (const item of items) console.debug(label, item);',
      i % 50 === 0 ? '  Sentry.setUser({ email: account.email });' : '  Sentry.addBreadcrumb({ message: label });',
      '  return { label, items };',
      '}',
      '',
    );
  }
  while (out.length < lines) out.push('// end of file');
  return out.join('\n') + '\n';
}

/**
 * A workspace of `count` source files: `src/lib/track.ts` wraps an SDK; features are chains of modules
 * (`f<i>/step0.ts` imports `step1.ts` … imports `src/lib/track.ts`), so a page's email reaches the SDK
 * several imports away. Every chain's page leaks; the other steps are quiet. Returns the file list.
 */
function writeWorkspace(dir, count, chain = 5) {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = [];
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    files.push(abs);
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-workspace', private: true }) + '\n');
  write('src/lib/track.ts', [
    "import posthog from 'posthog-js';",
    'export function report(value: string, err: unknown) {',
    "  posthog.capture('failure', { value, err: String(err) });",
    '}',
    'export function count(name: string, n: number) {',
    "  console.debug('count', name, n);",
    '}',
    '',
  ].join('\n'));
  for (let f = 0; files.length < count; f++) {
    for (let s = 0; s < chain && files.length < count; s++) {
      const last = s === chain - 1 || files.length === count - 1;
      const next = last ? "import { report, count } from '../lib/track';" : `import { step${s + 1} } from './step${s + 1}';`;
      const call = last ? 'report(value, err);' : `step${s + 1}(value, err, n + 1);`;
      const lines = [
        next,
        '',
        `export interface Input${s} { id: string; email: string; items: number[] }`,
        '',
        `export function step${s}(value: string, err: unknown, n: number) {`,
        `  const total = [n, ${s}, ${f}].reduce((a, b) => a + b, 0);`,
        last ? "  count('steps', total);" : '  if (total < 0) return;',
        `  ${call}`,
        '}',
        '',
        `export function summarise${s}(input: Input${s}) {`,
        '  const sum = input.items.reduce((a, b) => a + b, 0);',
        '  const label = `#${input.id}: ${sum}`;',
        '  return { label, size: input.items.length };',
        '}',
        '',
      ];
      if (s === 0) {
        lines.push(
          `export function onFailure${f}(account: { id: string; email: string }, err: Error) {`,
          '  step0(account.email, err, 0);',
          '}',
          '',
        );
      }
      write(`src/f${String(f).padStart(4, '0')}/step${s}.ts`, lines.join('\n'));
    }
  }
  return files;
}

module.exports = { longFile, writeWorkspace };
