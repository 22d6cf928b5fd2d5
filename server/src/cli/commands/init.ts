// `mt-pii init`: writes a commented mt-pii.json for a project: the profile chosen by flags, and the SDKs
// its package.json depends on that the rules know, ready for approved vendors.
import * as fs from 'fs';
import * as path from 'path';
import writeFileAtomic = require('write-file-atomic');
import { defaultRulesDir, loadCatalog } from '../../catalog/load';
import type { SinkData } from '../../catalog/types';
import { CONFIG_FILE } from '../../config/config';
import { PROFILES } from '../../analysis/ruleSelect';
import { InputError, UsageError } from '../errors';
import { CommandSpec, helpText, oneOf, parseCommand } from '../options';

/** The profiles a team picks (hipaa-covered comes from profile.hipaaCovered, not from a name). */
const ENTITIES: readonly string[] = ['business', ...PROFILES.filter((p) => p !== 'business' && p !== 'hipaa-covered')];

export const INIT: CommandSpec = {
  name: 'init',
  synopsis: '[folder] [options]',
  summary: 'Writes a commented mt-pii.json in the folder (default: the current one) with the organisation\'s profile and the SDKs its package.json uses.',
  options: {
    entity: { type: 'string', value: '<profile>', help: `Who the organisation is: ${ENTITIES.join(', ')} (default: business)` },
    also: { type: 'string', value: '<profiles>', help: 'Comma-separated profiles that combine with it, e.g. minors' },
    'subject-to-mcdpa': { type: 'string', value: '<yes|no|unknown>', help: 'Whether the Consumer Data Privacy Act thresholds are met (default: unknown)' },
    force: { type: 'boolean', help: 'Replace an existing mt-pii.json' },
  },
};

/** Package names a sink's entries import (`@sentry/react`, `cookies-next` for `cookies-next/client`). */
function packagesOf(sink: SinkData): string[] {
  const out = new Set<string>();
  for (const inst of sink.instances) {
    for (const e of inst.from) {
      if (!e.module || e.module.startsWith('node:')) continue;
      const parts = e.module.split('/');
      out.add(e.module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...out];
}

/** Dependencies of the folder's package.json that a rules/sinks entry knows, as [package, sink]. */
export function knownSdks(folder: string, sinks: readonly SinkData[]): [string, SinkData][] {
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  } catch {
    return [];
  }
  const deps = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  const found: [string, SinkData][] = [];
  for (const sink of sinks) {
    for (const p of packagesOf(sink)) {
      const match = p.endsWith('/*') ? [...deps].filter((d) => d.startsWith(p.slice(0, -1))) : deps.has(p) ? [p] : [];
      for (const m of match) if (!found.some(([d]) => d === m)) found.push([m, sink]);
    }
  }
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

export function initText(profile: { entity: string; also: string[]; subjectToMcdpa: string }, sdks: [string, SinkData][]): string {
  const vendorLines = sdks.length
    ? ['  // SDKs in package.json that the rules know (their calls are checked):',
      ...sdks.map(([p, s]) => `  //   ${p}: ${s.vendor} (vendor id "${s.id}")`),
      '  // A vendor under a processor contract (DPA) can be listed here; its findings become information naming the contract:',
      `  //   { "vendor": "${sdks[0][1].id}", "contract": "DPA signed YYYY-MM-DD", "categories": ["email"] }`]
    : ['  // No SDK the rules know was found in package.json. A vendor under a processor contract (DPA) can be listed here:',
      '  //   { "vendor": "segment", "contract": "DPA signed YYYY-MM-DD" }'];
  return [
    '// Montana PII Guard team configuration. Data only: nothing in it runs. Reference: the README, "Team configuration".',
    '{',
    '  // Paths in reports and baseline fingerprints are relative to this folder.',
    '  "root": true,',
    '  // Who the organisation is and whom its service reaches: decides which Montana laws apply (see the README).',
    `  "profile": { "entity": ${JSON.stringify(profile.entity)}, "also": ${JSON.stringify(profile.also)}, "subjectToMcdpa": ${JSON.stringify(profile.subjectToMcdpa)} },`,
    ...vendorLines,
    '  "approvedVendors": [],',
    '  // Globs of files not to check (relative to this folder); .gitignore and .mt-piiignore are honoured too.',
    '  "exclude": [],',
    '  // Severity per rule id ("error", "warning", "info" or "off"); `mt-pii explain` lists the rules.',
    '  "rules": {},',
    '  // true: also check tests, mocks and stories (they call the app with fake people).',
    '  "checkTests": false',
    '}',
    '',
  ].join('\n');
}

export function runInitCommand(argv: string[]): number {
  const { values, positionals, help } = parseCommand(INIT, argv);
  if (help) {
    process.stdout.write(helpText(INIT) + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('init takes one folder', '`mt-pii init --help` lists the options.');
  const folder = path.resolve(positionals[0] ?? '.');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`init: ${folder} is not a folder`);
  const file = path.join(folder, CONFIG_FILE);
  if (fs.existsSync(file) && !values.force) throw new InputError(`${file} exists; --force replaces it`);
  const entity = oneOf('--entity', (values.entity as string | undefined) ?? 'business', ENTITIES);
  const also = ((values.also as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((p) => oneOf('--also', p, ENTITIES));
  const subjectToMcdpa = oneOf('--subject-to-mcdpa', (values['subject-to-mcdpa'] as string | undefined) ?? 'unknown', ['yes', 'no', 'unknown'] as const);
  const { catalog } = loadCatalog(defaultRulesDir());
  const sdks = knownSdks(folder, catalog.sinks);
  writeFileAtomic.sync(file, initText({ entity, also, subjectToMcdpa }, sdks));
  process.stdout.write(`wrote ${file} (profile ${entity}${also.length ? ` + ${also.join(', ')}` : ''}; ${sdks.length} known SDK(s) in package.json)\n`);
  return 0;
}
