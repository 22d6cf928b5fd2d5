/**
 * The language server's data map request and disclosure-drift quick fixes, over stdio as an editor drives
 * them: the map is the `mt-pii report --format html` page of the workspace; a fix adds the vendor or the
 * category to the disclosure in mt-pii.json, keeps its comments, and the finding goes away.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parse } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, applyEdits } from './lspClient';
import type { DataMapResult } from '../../server/src/lsp/dataMapProtocol';

const APP = [
  "import * as Sentry from '@sentry/browser';",
  "import mixpanel from 'mixpanel-browser';",
  'export function f(user: { email: string; phoneNumber: string }) {',
  '  Sentry.setUser({ email: user.email, phone: user.phoneNumber });',
  '  mixpanel.people.set({ $email: user.email });',
  '}',
  '',
].join('\n');
const CONFIG = '{\n  // What our privacy notice says (reviewed 2026-11).\n  "disclosed": {\n    "vendors": ["sentry"],\n    "categories": ["email"]\n  }\n}\n';

function workspace(): { dir: string; uri: string; cfg: string; cfgUri: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-map-')));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'a.ts'), APP);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', dependencies: { '@amplitude/analytics-browser': '2.0.0', 'mixpanel-browser': '2.0.0' } }));
  const cfg = path.join(dir, 'mt-pii.json');
  fs.writeFileSync(cfg, CONFIG);
  return { dir, uri: pathToFileURL(path.join(dir, 'src', 'a.ts')).href, cfg, cfgUri: pathToFileURL(cfg).href };
}

describe('language server: data map and disclosure drift', function () {
  this.timeout(60000);

  it('answers mt-pii/dataMap with the workspace map as one self-contained HTML page', async () => {
    const ws = workspace();
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      const r = await client.conn.sendRequest<DataMapResult>('mt-pii/dataMap', {});
      assert.ok(r.html, `no html: ${JSON.stringify(r)}`);
      assert.deepStrictEqual(r.destinations, ['Mixpanel', 'Sentry']);
      assert.strictEqual(r.files, 1);
      assert.match(r.html!, /<svg class="flow-chart"/);
      assert.match(r.html!, /Content-Security-Policy" content="default-src 'none'/);
      assert.doesNotMatch(r.html!, /<script/i);
      // Amplitude is declared in package.json but receives nothing.
      assert.match(r.html!, /<code>@amplitude\/analytics-browser<\/code>/);
      assert.match(r.html!, /not in the recorded disclosure/);
    } finally {
      await client.shutdown();
    }
  });

  it('works from the bundle the .vsix ships, with no node_modules anywhere (the worker beside the server)', async () => {
    const ROOT = path.resolve(__dirname, '..', '..', '..');
    const copy = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-bundle-')));
    for (const p of ['dist', 'rules', 'package.json']) fs.cpSync(path.join(ROOT, p), path.join(copy, p), { recursive: true });
    const ws = workspace();
    // More files than one scan group: the map is still built in its own thread (no scan worker script ships).
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(ws.dir, 'src', `util${i}.ts`), `export const n${i} = ${i};\n`);
    const client = new LspClient(['node', path.join(copy, 'dist', 'server', 'src', 'lsp', 'server.js'), '--stdio']);
    try {
      await client.initialize(ws.dir);
      const r = await client.conn.sendRequest<DataMapResult>('mt-pii/dataMap', {});
      assert.deepStrictEqual(r.destinations, ['Mixpanel', 'Sentry'], JSON.stringify(r.error) + client.stderr);
      assert.strictEqual(r.files, 41);
      client.open(ws.uri, APP);
      // The background index may re-analyse the open file meanwhile; ask again as the editor's light bulb would.
      let titles: string[] = [];
      for (const end = Date.now() + 20000; Date.now() < end && !titles.some((t) => /to the disclosed/.test(t)); await new Promise((r) => setTimeout(r, 300))) {
        const diags = await client.diagnostics(ws.uri, (ds) => ds.some((d) => d.code === 'mt/undisclosed-data-flow'), undefined, 20000);
        titles = (await client.codeActions(ws.uri, diags.find((d) => d.code === 'mt/undisclosed-data-flow')!)).map((a) => a.title);
      }
      assert.ok(titles.some((t) => /to the disclosed/.test(t)), `the quick fix (jsonc-parser, bundled) is offered: ${JSON.stringify(titles)}`);
    } finally {
      await client.shutdown();
    }
  });

  it('re-checks open files when the disclosure file mt-pii.json names changes on disk', async () => {
    const ws = workspace();
    const notice = path.join(ws.dir, 'privacy', 'notice.json');
    fs.mkdirSync(path.dirname(notice));
    fs.writeFileSync(notice, '{ "vendors": ["sentry"], "categories": ["email", "phone"] }');
    fs.writeFileSync(ws.cfg, '{ "disclosed": "privacy/notice.json" }');
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri, APP);
      const drift = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'mt/undisclosed-data-flow');
      const [only] = drift(await client.diagnostics(ws.uri, (ds) => drift(ds).length === 1));
      assert.match(String(only.message), /Mixpanel/);
      fs.writeFileSync(notice, '{ "vendors": ["sentry", "mixpanel"], "categories": ["email", "phone"] }');
      client.watchedFilesChanged([pathToFileURL(notice).href]);
      await client.diagnostics(ws.uri, (ds) => drift(ds).length === 0 && ds.length > 0);
    } finally {
      await client.shutdown();
    }
  });

  it('reports flows beyond the disclosure; the quick fixes add them to mt-pii.json, keeping its comments', async () => {
    const ws = workspace();
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri, APP);
      const drift = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'mt/undisclosed-data-flow');
      const diags = await client.diagnostics(ws.uri, (ds) => drift(ds).length === 2);
      const [phone, vendor] = drift(diags).sort((a, b) => a.range.start.line - b.range.start.line);
      assert.strictEqual(phone.range.start.line, 3);
      assert.match(String(phone.message), /Phone number may reach Sentry/);
      assert.strictEqual(vendor.range.start.line, 4);
      assert.match(String(vendor.message), /Mixpanel .*a vendor the disclosure recorded for the privacy notice .* does not list/);

      const phoneFixes = await client.codeActions(ws.uri, phone);
      const addPhone = phoneFixes.find((a) => /Add phone number \(phone\) to the disclosed categories \(mt-pii\.json\)/.test(a.title));
      assert.ok(addPhone, JSON.stringify(phoneFixes.map((a) => a.title)));
      const vendorFixes = await client.codeActions(ws.uri, vendor);
      const addVendor = vendorFixes.find((a) => /Add Mixpanel to the disclosed vendors/.test(a.title));
      assert.ok(addVendor, JSON.stringify(vendorFixes.map((a) => a.title)));

      let text = fs.readFileSync(ws.cfg, 'utf8');
      for (const fix of [addPhone!, addVendor!]) {
        const edits = fix.edit!.changes![ws.cfgUri];
        assert.ok(edits?.length, `the fix edits mt-pii.json: ${JSON.stringify(fix.edit)}`);
        text = applyEdits(text, edits);
        fs.writeFileSync(ws.cfg, text);
      }
      assert.match(text, /\/\/ What our privacy notice says \(reviewed 2026-11\)\./, 'the comment is kept');
      const errors: unknown[] = [];
      const data = parse(text, errors as never) as { disclosed: { vendors: string[]; categories: string[] } };
      assert.deepStrictEqual(errors, []);
      assert.deepStrictEqual(data.disclosed, { vendors: ['sentry', 'Mixpanel'], categories: ['email', 'phone'] });
      client.watchedFilesChanged([ws.cfgUri]);
      await client.diagnostics(ws.uri, (ds) => drift(ds).length === 0 && ds.length > 0);
    } finally {
      await client.shutdown();
    }
  });
});
