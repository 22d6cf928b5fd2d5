/**
 * Hostile repositories, item 6: the language server survives a bad client. Every notification's (and
 * request's) params are checked; malformed ones are dropped with a log line, and later work goes on (a didOpen
 * without `text` once broke every later analysis). Broken message framing ends the server with a non-zero exit,
 * so the editor's restart logic works, instead of leaving it alive and mute.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient } from '../lsp/lspClient';
import { LEAK } from '../unit/cliHarness';
import { HANG_LIMIT_MS, SERVER, repo } from './harness';

/** Starts the server on stdio, writes raw bytes, and resolves with its exit status and standard error. */
function rawSession(bytes: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d.toString()));
    proc.stdout.resume();
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`the server stayed alive after broken framing; stderr: ${stderr}`));
    }, HANG_LIMIT_MS / 3);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    proc.stdin.write(bytes);
  });
}

describe('hostile: the language server survives a bad client', () => {
  it('malformed notifications and requests are dropped with a log line; later analyses still work', async () => {
    const dir = repo({ 'a.ts': LEAK, 'b.ts': LEAK });
    const client = new LspClient();
    const logs: string[] = [];
    client.conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
    try {
      await client.initialize(dir);
      const a = pathToFileURL(path.join(dir, 'a.ts')).href;
      const b = pathToFileURL(path.join(dir, 'b.ts')).href;
      // A didOpen without text, then with a text that is not a string, a change without contentChanges, bad ranges.
      void client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'typescript', version: 1 } });
      void client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'typescript', version: 1, text: 42 } });
      void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: a, version: 2 } });
      void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: b, version: 2 }, contentChanges: [{ range: { start: { line: -1 } }, text: 'x' }] });
      void client.conn.sendNotification('textDocument/didClose', {});
      void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 7, type: 9 }] });
      assert.strictEqual(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: a }, position: { line: 'x' } }), null);
      assert.strictEqual(await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: a }, range: {}, context: {} }), null);
      // The server goes on: both files, opened properly, are analysed; an edit of the first is analysed again.
      client.open(a, LEAK);
      client.open(b, LEAK);
      await client.diagnostics(a, (d) => d.some((x) => x.code === 'mt/personal-data-to-third-party'), undefined, 60000);
      await client.diagnostics(b, (d) => d.some((x) => x.code === 'mt/personal-data-to-third-party'), undefined, 60000);
      client.change(a, 'export const nothing = 1;\n', 3);
      await client.diagnostics(a, (d) => d.length === 0, 3, 60000);
      assert.ok(client.exited === null, 'the server is alive');
      for (const what of ['textDocument/didOpen from the client: textDocument.text is not a string', 'textDocument/didChange from the client: contentChanges is not a list',
        'textDocument/didChange from the client: contentChanges[0].range.start is not a position', 'textDocument/didClose from the client: textDocument is missing',
        'workspace/didChangeWatchedFiles from the client: changes[0] is not a file event', 'textDocument/hover from the client: position is not a position',
        'textDocument/codeAction from the client: range.start is not a position']) {
        assert.ok(logs.some((l) => l.includes(`dropped a malformed ${what}`)), `no log line for: ${what}\n${logs.join('\n')}`);
      }
    } finally {
      await client.shutdown();
    }
  });

  it('a header without Content-Length ends the server with status 1', async () => {
    const r = await rawSession('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /the client sent a message that cannot be read \(Header must provide a Content-Length property\.\); the server stops/);
  });

  it('a Content-Length that is not a number ends the server with status 1', async () => {
    const r = await rawSession('Content-Length: lots\r\n\r\n{"jsonrpc":"2.0"}');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /Content-Length value must be a number/);
  });

  it('a body that is not JSON ends the server with status 1', async () => {
    const r = await rawSession('Content-Length: 5\r\n\r\n{{{{{');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /cannot be read/);
  });
});
