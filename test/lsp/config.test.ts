import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const LEAK = "import * as Sentry from '@sentry/browser';\nexport function f(user: { email: string }) {\n  Sentry.setUser({ email: user.email });\n}\n";

function workspace(config?: string): { dir: string; file: string; uri: string; cfg: string; cfgUri: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-lsp-')));
  const file = path.join(dir, 'src', 'a.ts');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, LEAK);
  const cfg = path.join(dir, 'mt-pii.json');
  if (config !== undefined) fs.writeFileSync(cfg, config);
  return { dir, file, uri: pathToFileURL(file).href, cfg, cfgUri: pathToFileURL(cfg).href };
}

describe('language server: mt-pii.json and settings', function () {
  this.timeout(30000);

  it('applies the mt-pii.json above the file (severity override, approved vendor)', async () => {
    const ws = workspace(JSON.stringify({ rules: { 'mt/personal-data-to-third-party': 'error' } }));
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri, LEAK);
      const [d] = await client.diagnostics(ws.uri, (x) => x.length === 1);
      assert.strictEqual(d.severity, DiagnosticSeverity.Error);
      fs.writeFileSync(ws.cfg, JSON.stringify({ approvedVendors: [{ vendor: 'Sentry', contract: 'DPA 2026-01' }] }));
      client.watchedFilesChanged([ws.cfgUri]);
      const [d2] = await client.diagnostics(ws.uri, (x) => x.length === 1 && x[0].severity === DiagnosticSeverity.Information);
      assert.match(String(d2.message), /approved processor: DPA 2026-01/);
      const hover = await client.hover(ws.uri, 2, 4);
      assert.match(JSON.stringify(hover), /Approved processor/);
    } finally {
      await client.shutdown();
    }
  });

  it('shows a broken mt-pii.json in that file at its line and keeps the last valid configuration', async () => {
    const ws = workspace(JSON.stringify({ rules: { 'mt/personal-data-to-third-party': 'off' } }));
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri, LEAK);
      assert.deepStrictEqual(await client.diagnostics(ws.uri), [], 'rule off');
      fs.writeFileSync(ws.cfg, '{\n  "rules": {\n    "mt/personal-data-to-third-party": "loud"\n  }\n}\n');
      client.watchedFilesChanged([ws.cfgUri]);
      const cfgDiags = await client.diagnostics(ws.cfgUri, (x) => x.length > 0);
      assert.strictEqual(cfgDiags[0].range.start.line, 2);
      assert.match(String(cfgDiags[0].message), /expected one of "error", "warning", "info", "off", found "loud"/);
      assert.ok(cfgDiags.some((x) => /last valid version/.test(String(x.message))));
      // The last valid configuration (rule off) stays in force: no finding, just a note pointing at the file.
      const docDiags = await client.diagnostics(ws.uri, (x) => x.some((y) => /has problems/.test(String(y.message))));
      assert.ok(!docDiags.some((x) => x.code === 'mt/personal-data-to-third-party'));
      fs.writeFileSync(ws.cfg, '{ "rules": { "mt/personal-data-to-third-party": "warning" } }');
      client.watchedFilesChanged([ws.cfgUri]);
      assert.deepStrictEqual(await client.diagnostics(ws.cfgUri, (x) => x.length === 0), []);
      const fixed = await client.diagnostics(ws.uri, (x) => x.length === 1 && x[0].code === 'mt/personal-data-to-third-party');
      assert.strictEqual(fixed[0].severity, DiagnosticSeverity.Warning);
      assert.strictEqual(client.exited, null);
    } finally {
      await client.shutdown();
    }
  });

  it('honours mtPii.enable per folder, asked with the document as scope', async () => {
    const ws = workspace();
    const client = new LspClient();
    let enabled = false;
    const asked: (string | undefined)[] = [];
    client.settings = (scopeUri, section) => {
      asked.push(scopeUri);
      return section === 'mtPii' ? { enable: enabled } : null;
    };
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri, LEAK);
      assert.deepStrictEqual(await client.diagnostics(ws.uri), []);
      assert.ok(asked.includes(ws.uri));
      enabled = true;
      client.configurationChanged();
      const diags = await client.diagnostics(ws.uri, (x) => x.length === 1);
      assert.strictEqual(diags[0].code, 'mt/personal-data-to-third-party');
    } finally {
      await client.shutdown();
    }
  });

  it('checks nothing in files excluded by mt-pii.json', async () => {
    const ws = workspace(JSON.stringify({ exclude: ['src/**'] }));
    const client = new LspClient();
    try {
      await client.initialize(ws.dir);
      client.open(ws.uri, LEAK);
      assert.deepStrictEqual(await client.diagnostics(ws.uri), []);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: workspace scan', function () {
  this.timeout(30000);
  it('checks every file of the workspace in the background and publishes findings for closed files', async () => {
    const ws = workspace(JSON.stringify({ exclude: ['src/skip/**'] }));
    fs.mkdirSync(path.join(ws.dir, 'src', 'skip'));
    fs.writeFileSync(path.join(ws.dir, 'src', 'skip', 'b.ts'), LEAK);
    fs.writeFileSync(path.join(ws.dir, 'src', 'c.js'), "localStorage.setItem('ssn', form.ssn);\n");
    fs.mkdirSync(path.join(ws.dir, 'node_modules'));
    fs.writeFileSync(path.join(ws.dir, 'node_modules', 'dep.js'), LEAK);
    const client = new LspClient();
    try {
      const init = (await client.initialize(ws.dir)) as { capabilities: { executeCommandProvider?: { commands: string[] } } };
      assert.deepStrictEqual(init.capabilities.executeCommandProvider?.commands, ['mtPii.scanWorkspace', 'mtPii.stopIndexing', 'mtPii.indexStatus']);
      const outcome = (await client.conn.sendRequest('workspace/executeCommand', { command: 'mtPii.scanWorkspace', arguments: [] })) as { files: number; findings: number };
      assert.strictEqual(outcome.findings, 2);
      const a = client.last(ws.uri);
      assert.strictEqual(a?.[0].code, 'mt/personal-data-to-third-party');
      const c = client.last(pathToFileURL(path.join(ws.dir, 'src', 'c.js')).href);
      assert.strictEqual(c?.[0].code, 'mt/breach-data-on-device');
      assert.strictEqual(client.last(pathToFileURL(path.join(ws.dir, 'src', 'skip', 'b.ts')).href), undefined, 'excluded by mt-pii.json');
      assert.strictEqual(client.last(pathToFileURL(path.join(ws.dir, 'node_modules', 'dep.js')).href), undefined, 'dependencies are skipped');
    } finally {
      await client.shutdown();
    }
  });
});
