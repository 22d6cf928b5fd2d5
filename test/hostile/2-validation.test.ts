/**
 * Hostile repositories, item 2: validation of mt-pii.json cannot be bypassed. Keys that name built-in
 * properties of JavaScript objects (`__proto__`, `constructor`, `toString`) and absurd sizes (20,000-deep
 * nesting, 130,000-item arrays) are configuration errors at their line and column, never a stack trace; the
 * configuration is read into objects without a prototype; in the editor the problems show in mt-pii.json and
 * the last valid configuration stays in force.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parseConfig } from '../../server/src/config/config';
import { LspClient } from '../lsp/lspClient';
import { LEAK } from '../unit/cliHarness';
import { ROOT, noStack, repo, run } from './harness';

const schemas = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'rules', 'schema', name), 'utf8'));

describe('hostile: mt-pii.json validation cannot be bypassed', () => {
  it('a root "__proto__" that would switch rules off or scope the scan to nothing is an error at its line:col', () => {
    for (const body of [
      '{\n  "__proto__": { "rules": { "mt/personal-data-to-third-party": "off" } }\n}\n',
      '{\n  "__proto__": { "include": ["nothing/**"] }\n}\n',
    ]) {
      const dir = repo({ 'a.ts': LEAK, 'mt-pii.json': body });
      const r = run(['scan', '.'], dir);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /mt-pii\.json:2:3: the key "__proto__" is not allowed/);
      assert.ok(noStack(r.stderr), r.stderr);
    }
  });

  it('categories.constructor, categories.toString and rules.hasOwnProperty are errors, not crashes', () => {
    for (const [body, key] of [
      ['{ "categories": { "constructor": { "names": ["x"] } } }', 'constructor'],
      ['{ "categories": { "toString": { "names": ["x"] } } }', 'toString'],
      ['{ "rules": { "hasOwnProperty": "off" } }', 'hasOwnProperty'],
      ['{ "approvedVendors": [{ "vendor": "segment", "contract": "c", "prototype": 1 }] }', 'prototype'],
    ] as const) {
      const col = body.indexOf(`"${key}"`) + 1;
      const dir = repo({ 'a.ts': LEAK, 'mt-pii.json': body });
      const r = run(['scan', '.'], dir);
      assert.strictEqual(r.code, 2, `${body}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`mt-pii\\.json:1:${col}: .*is not allowed \\(it names a built-in property`), body);
      assert.ok(noStack(r.stderr), r.stderr);
    }
  });

  it('20,000-deep JSON and a 130,000-item array are errors at their line:col', () => {
    const deep = repo({ 'a.ts': LEAK, 'mt-pii.json': '{ "x":\n' + '['.repeat(20000) + ']'.repeat(20000) + '}' });
    let r = run(['scan', '.'], deep);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:2:32: nests deeper than 32 levels/);
    assert.ok(noStack(r.stderr), r.stderr);
    const wide = repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify({ exclude: new Array(130000).fill('x') }) });
    r = run(['scan', '.'], wide);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /mt-pii\.json:1:12: exclude: has 130000 items, more than the 5000 allowed/);
    const many = repo({ 'a.ts': LEAK, 'mt-pii.json': JSON.stringify({ exclude: new Array(300).fill('x') }) });
    r = run(['scan', '.'], many);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /exclude: must have at most 200 items \(found 300\)/);
  });

  it('parses into objects without a prototype: no key of the file can reach Object.prototype', () => {
    const { data, problems } = parseConfig('/r/mt-pii.json', '{ "rules": { "mt/personal-data-to-third-party": "error" }, "categories": { "email": { "names": ["mail"] } } }', schemas);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(Object.getPrototypeOf(data), null);
    assert.strictEqual(Object.getPrototypeOf(data!.rules), null);
    assert.strictEqual(Object.getPrototypeOf(data!.categories!.email), null);
    assert.strictEqual((data!.rules as Record<string, unknown>).toString, undefined);
  });

  it('in the editor: the problem shows in mt-pii.json and the last valid configuration stays in force', async function () {
    const dir = repo({ 'mt-pii.json': '{ "rules": { "mt/personal-data-to-third-party": "error" } }\n', 'a.ts': LEAK });
    const client = new LspClient();
    try {
      await client.initialize(dir);
      const uri = pathToFileURL(path.join(dir, 'a.ts')).href;
      const cfgUri = pathToFileURL(path.join(dir, 'mt-pii.json')).href;
      client.open(uri, LEAK);
      const before = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'mt/personal-data-to-third-party'), undefined, 60000);
      assert.strictEqual(before.find((x) => x.code === 'mt/personal-data-to-third-party')!.severity, 1);
      fs.writeFileSync(path.join(dir, 'mt-pii.json'), '{\n  "__proto__": { "rules": { "mt/personal-data-to-third-party": "off" } },\n  "categories": { "constructor": {} }\n}\n');
      client.watchedFilesChanged([cfgUri]);
      const cfg = await client.diagnostics(cfgUri, (d) => d.length >= 2);
      assert.deepStrictEqual(cfg.map((d) => [d.range.start.line, d.range.start.character]).slice(0, 2), [[1, 2], [2, 18]]);
      assert.match(String(cfg[0].message), /"__proto__" is not allowed/);
      // Re-analysed under the last valid configuration: the finding is still there, still an error.
      const after = await client.diagnostics(uri, (d) => d.some((x) => /has problems/.test(String(x.message))));
      assert.strictEqual(after.find((x) => x.code === 'mt/personal-data-to-third-party')?.severity, 1);
    } finally {
      await client.shutdown();
    }
  });
});
