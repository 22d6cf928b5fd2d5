// End-to-end tests in a real VS Code (code-server's extension host): the packaged client starts the real
// language server and VS Code itself turns its answers into diagnostics, hovers and quick fixes.
// The workspace is a scratch copy of test/e2e/workspace made by .ci/e2e/vscode-e2e.sh, so edits are safe.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MtPiiApi } from '../../client/src/extension';

const EXTENSION_ID = 'montana-pii-guard.mt-pii-guard';
const RULE = 'mt/personal-data-to-third-party';
const WAIT_MS = 30000;

function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codeValue(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mt-pii');
}

/** Resolves with our diagnostics for `uri` as soon as `accept` holds; event-driven, no fixed sleeps. */
function diagnosticsWhere(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!accept(ds)) return false;
      cleanup();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${String(codeValue(d))}:${d.message}`);
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what} on ${uri.toString()}; diagnostics now: ${JSON.stringify(now)}`));
    }, WAIT_MS);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

const hasRule = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeValue(d) === RULE);
const noRule = (ds: vscode.Diagnostic[]): boolean => !hasRule(ds);

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function api(): Promise<MtPiiApi> {
  const ext = vscode.extensions.getExtension<MtPiiApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  return ext.activate();
}

/** Polls the client's own state (the extension exposes it for tests); fails with the last state seen. */
async function serverState(want: MtPiiApi['serverState']): Promise<void> {
  const mtPii = await api();
  for (const end = Date.now() + WAIT_MS; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    await mtPii.whenIdle();
    if (mtPii.serverState === want) return;
  }
  assert.strictEqual(mtPii.serverState, want, `server state after ${WAIT_MS} ms`);
}

async function setEnable(value: boolean | undefined): Promise<void> {
  // Global (user) settings live in the run's fresh profile, so the workspace folder stays untouched.
  await vscode.workspace.getConfiguration('mtPii').update('enable', value, vscode.ConfigurationTarget.Global);
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.strictEqual(doc.isDirty, false, 'document reverted');
}

function screenshot(name: string): Promise<void> {
  // run-in-code-server.js captures the workbench when a test logs this line; the directory is optional.
  const dir = process.env.MT_PII_E2E_SHOT_DIR;
  if (!dir) return Promise.resolve();
  console.log(`SCREENSHOT ${path.join(dir, name)}`);
  return new Promise((r) => setTimeout(r, 1500)); // give the driver time to capture before the UI changes
}

suite('Montana PII Guard in a real VS Code', () => {
  const login = (): vscode.Uri => workspaceUri('login.ts');
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    doc = await vscode.workspace.openTextDocument(login());
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    await setEnable(undefined);
  });

  test('activates and the language server reaches the running state', async () => {
    await serverState('running');
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  test('the Segment identify leak is a Warning from mt-pii with the rule code', async () => {
    const ds = await diagnosticsWhere(login(), hasRule, `a ${RULE} diagnostic`);
    const d = ds.find((x) => codeValue(x) === RULE)!;
    assert.strictEqual(d.source, 'mt-pii');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /Segment/);
    assert.strictEqual(d.range.start.line, 5, 'on the analytics.identify line');
    if (typeof d.code === 'object') assert.ok(d.code.target instanceof vscode.Uri, 'codeDescription.href became a link');
    assert.ok((d.relatedInformation ?? []).length >= 1, 'the flow is shown as related information');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('e2e-diagnostic.png');
  });

  test('the hover cites the Montana Code and says it is not legal advice', async () => {
    const [d] = (await diagnosticsWhere(login(), hasRule, 'the finding')).filter((x) => codeValue(x) === RULE);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', login(), d.range.start);
    const text = hoverText(hovers ?? []);
    assert.match(text, /MCA 30-14-/, `hover text: ${text}`);
    assert.match(text, /not legal advice/i, `hover text: ${text}`);
  });

  test('the ignore-next-line quick fix inserts the directive and the finding goes away', async () => {
    const [d] = (await diagnosticsWhere(login(), hasRule, 'the finding')).filter((x) => codeValue(x) === RULE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', login(), d.range, vscode.CodeActionKind.QuickFix.value, 10);
    const titles = (actions ?? []).map((a) => a.title);
    const fix = (actions ?? []).find((a) => a.title.includes('mt-pii-ignore-next-line'));
    assert.ok(fix, `an ignore-next-line quick fix among: ${JSON.stringify(titles)}`);
    assert.ok(fix.edit || fix.command, 'the quick fix carries an edit or a command');
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applied');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.match(doc.getText(), new RegExp(`// mt-pii-ignore-next-line ${RULE} -- \\S`), 'directive with a reason inserted');
    await diagnosticsWhere(login(), noRule, 'the finding to disappear after the fix');
    await revert(doc);
    await diagnosticsWhere(login(), hasRule, 'the finding to return after the revert');
  });

  test('a leak typed into the editor is flagged without saving', async () => {
    const before = ours(login()).filter((x) => codeValue(x) === RULE).length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(login(), doc.lineAt(doc.lineCount - 1).range.end,
      "\nexport function onSignup(account: { email: string }) {\n  analytics.track('Signed Up', { email: account.email });\n}\n");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const ds = await diagnosticsWhere(login(), (x) => x.filter((y) => codeValue(y) === RULE).length > before, 'a second finding');
    assert.ok(ds.some((x) => x.range.start.line >= 8 && /Segment/.test(x.message)), 'the new finding is on the typed line');
    await revert(doc);
    await diagnosticsWhere(login(), (x) => x.filter((y) => codeValue(y) === RULE).length === before, 'the typed finding to go away');
  });

  test('an untitled TypeScript document is analysed too', async () => {
    const untitled = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nexport function f(user: { id: string; email: string }) { analytics.identify(user.id, { email: user.email }); }\n",
    });
    await vscode.window.showTextDocument(untitled);
    assert.strictEqual(untitled.uri.scheme, 'untitled');
    await diagnosticsWhere(untitled.uri, hasRule, 'a finding in the untitled document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(doc);
  });

  test('mtPii.enable=false stops the server and clears the findings; true brings them back', async () => {
    await setEnable(false);
    await serverState('disabled');
    await diagnosticsWhere(login(), (ds) => ds.length === 0, 'no mt-pii diagnostics while disabled');
    await setEnable(true);
    await serverState('running');
    await diagnosticsWhere(login(), hasRule, 'the finding after re-enabling');
  });

  test('the commands are contributed; restart brings the server back with its findings', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['mtPii.showOutput', 'mtPii.restartServer']) assert.ok(all.includes(c), `${c} is registered`);
    await vscode.commands.executeCommand('mtPii.showOutput');
    await vscode.commands.executeCommand('mtPii.restartServer');
    await serverState('running');
    await diagnosticsWhere(login(), hasRule, 'the finding after a restart');
  });
});
