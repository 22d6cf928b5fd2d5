// End-to-end tests in a real VS Code: the extension (normally the installed .vsix) starts its bundled language
// server and VS Code itself turns the answers into diagnostics, hovers and quick fixes. One suite, two
// launchers: code-server's extension host (.ci/e2e/vscode-e2e.sh) and @vscode/test-electron
// (.ci/e2e/run-electron.js). The workspace is a scratch copy of test/e2e/workspace, so edits are safe.
// Expectations rest on rule codes, severities and the citation link pattern, not on message wording.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MtPiiApi } from '../../client/src/extension';

const EXTENSION_ID = 'montana-pii-guard.mt-pii-guard';
const THIRD_PARTY = 'mt/personal-data-to-third-party';
const ON_DEVICE = 'mt/breach-data-on-device';
const CITATION_LINK = /\]\((https:\/\/mca\.legmt\.gov\/[^)\s]+)\)/;
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
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${String(codeValue(d))}:${d.severity}:${d.message}`);
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what} on ${uri.toString()}; diagnostics now: ${JSON.stringify(now)}`));
    }, WAIT_MS);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

const withRule = (rule: string) => (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => codeValue(d) === rule);
const hasRule = (rule: string) => (ds: vscode.Diagnostic[]): boolean => withRule(rule)(ds).length > 0;
const noRule = (rule: string) => (ds: vscode.Diagnostic[]): boolean => withRule(rule)(ds).length === 0;

async function finding(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> {
  return withRule(rule)(await diagnosticsWhere(uri, hasRule(rule), `a ${rule} diagnostic`))[0];
}

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

/** Each document's text on disk before the suite changed anything (what a revert must bring back). */
const originals = new Map<string, string>();

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  // code-server sometimes clears the dirty flag without reloading the text (on a loaded machine, also on
  // main): the original text is then put back by an edit and saved, so the server sees the revert either way.
  const original = originals.get(doc.uri.toString()) ?? fs.readFileSync(doc.uri.fsPath, 'utf8');
  if (doc.getText() !== original) {
    console.log(`revert: ${doc.uri.path} was not reloaded by the revert command; putting its original text back`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the original text put back');
    assert.ok(await doc.save(), 'saved');
  }
  assert.strictEqual(doc.isDirty, false, 'document reverted');
  assert.strictEqual(doc.getText(), original, 'the text is the original text');
}

/** Replaces the whole text of a workspace file in its editor and saves it, as a user would. */
async function editAndSave(uri: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `edit of ${uri.path} applied`);
  assert.ok(await doc.save(), `${uri.path} saved`);
}

const PLACEHOLDER = 'TODO: say why this data flow is acceptable';

/** Our quick fixes for a diagnostic, as VS Code's lightbulb gets them. */
async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 20);
  // Actions that name their diagnostics must name ours (VS Code's own TypeScript fixes are left out).
  return (actions ?? []).filter((a) => !a.diagnostics?.length || a.diagnostics.some((x) => x.source === 'mt-pii'));
}

/**
 * Applies a code action's edit. `refactoring`: as a refactoring, whose other files VS Code may save
 * (files.refactoring.autoSave); the code fixes are applied plainly so that the test can revert them.
 */
async function apply(action: vscode.CodeAction, refactoring = false): Promise<void> {
  assert.ok(action.edit || action.command, `${action.title} carries an edit or a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit, { isRefactoring: refactoring }), `${action.title}: the edit applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
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
  const storage = (): vscode.Uri => workspaceUri('storage.ts');
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    originals.set(login().toString(), fs.readFileSync(login().fsPath, 'utf8'));
    doc = await vscode.workspace.openTextDocument(login());
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    await setEnable(undefined);
  });

  test('activates and the language server reaches the running state', async () => {
    await serverState('running');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.strictEqual(ext?.isActive, true);
    console.log(`extension ${ext.packageJSON.version} from ${ext.extensionPath} in ${vscode.env.appName} ${vscode.version}`);
  });

  test('the extension runs its esbuild bundle; installed from the .vsix, it ships no node_modules', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.match(ext.packageJSON.main, /^(\.\/)?dist\//, 'main is the esbuild bundle');
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server', 'src', 'lsp', 'server.js')), 'the bundled server is there');
    // Set by the launchers when they run the installed .vsix (always, in CI); unset for a development folder.
    const expected = process.env.MT_PII_E2E_EXTENSION_PATH;
    if (!expected) return;
    assert.strictEqual(fs.realpathSync(ext.extensionPath), fs.realpathSync(expected), 'loaded from the installed .vsix');
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'the package ships no node_modules');
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'out')), 'the package ships no unbundled out/ tree');
    for (const dir of ['rules', 'syntaxes']) assert.ok(fs.existsSync(path.join(ext.extensionPath, dir)), `${dir}/ is in the package`);
  });

  test('indexing shows its progress, and a leak three imports away appears in a file nobody opened', async () => {
    const signup = workspaceUri('chain/signup.ts');
    const d = await finding(signup, THIRD_PARTY);
    assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === signup.toString()), 'chain/signup.ts was never opened');
    assert.strictEqual(d.range.start.line, 4, 'on the submitForm(account.email) line');
    const flow = (d.relatedInformation ?? []).map((r) => r.location.uri.path);
    assert.ok(flow.some((p) => p.endsWith('/chain/track.ts')), `the flow ends in track.ts (three imports away): ${JSON.stringify(flow)}`);
    // The server's work-done progress, as the language client received it (VS Code shows it in the status bar).
    const progress = (await api()).progress;
    const begin = progress.findIndex((p) => p.kind === 'begin' && p.title === 'Montana PII Guard: indexing');
    assert.ok(begin >= 0, `an indexing progress began: ${JSON.stringify(progress)}`);
    assert.ok(progress.slice(begin).some((p) => p.kind === 'report' && /^\d+\/\d+ files$/.test(p.message ?? '')), `files done of total reported: ${JSON.stringify(progress)}`);
    assert.ok(progress.slice(begin).some((p) => p.kind === 'end'), `the progress ended: ${JSON.stringify(progress)}`);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('e2e-index.png');
  });

  test('a Segment identify call with an email is a Warning with the rule code and a documentation link', async () => {
    const d = await finding(login(), THIRD_PARTY);
    assert.strictEqual(d.source, 'mt-pii');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.range.start.line, 5, 'on the analytics.identify line');
    assert.ok(typeof d.code === 'object', 'the rule code carries a documentation link');
    if (typeof d.code === 'object') {
      assert.ok(d.code.target instanceof vscode.Uri, 'codeDescription.href became a link');
      // The rule's page shipped in the installed extension, found at run time: it opens on any machine.
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const page = d.code.target.fsPath;
      assert.ok(fs.existsSync(page), `${page} exists`);
      assert.strictEqual(path.relative(fs.realpathSync(ext.extensionPath), fs.realpathSync(page)).split(path.sep).join('/'), 'rules/montana/personal-data-to-third-party.md');
    }
    assert.ok((d.relatedInformation ?? []).length >= 1, 'the flow is shown as related information');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('e2e-diagnostic.png');
  });

  test('a Social Security number written to localStorage is an Error with its rule code', async () => {
    const storageDoc = await vscode.workspace.openTextDocument(storage());
    await vscode.window.showTextDocument(storageDoc);
    const d = await finding(storage(), ON_DEVICE);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, 2, 'on the localStorage.setItem line');
    await vscode.window.showTextDocument(doc);
  });

  test('the hover cites the Montana Code with a link to mca.legmt.gov and says it is not legal advice', async () => {
    const d = await finding(login(), THIRD_PARTY);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', login(), d.range.start);
    const text = hoverText(hovers ?? []);
    assert.match(text, /MCA 30-14-/, `hover text: ${text.slice(0, 600)}`);
    const link = CITATION_LINK.exec(text);
    assert.ok(link, `a markdown link to https://mca.legmt.gov/... in the hover: ${text.slice(0, 600)}`);
    assert.doesNotThrow(() => vscode.Uri.parse(link[1], true), 'the citation link is a valid URI');
    assert.match(text, /not legal advice/i, `hover text: ${text.slice(0, 600)}`);
    const away = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', login(), new vscode.Position(0, 1));
    assert.ok(!/mca\.legmt\.gov/.test(hoverText(away ?? [])), 'no citation hover away from the finding');
  });

  test('the ignore-next-line quick fix inserts the directive; once its placeholder reason is replaced, the finding goes away', async () => {
    const d = await finding(login(), THIRD_PARTY);
    const actions = await quickFixes(login(), d);
    const fix = actions.find((a) => a.title.includes('mt-pii-ignore-next-line'));
    assert.ok(fix, `an ignore-next-line quick fix among: ${JSON.stringify(actions.map((a) => a.title))}`);
    await apply(fix);
    assert.match(doc.getText(), new RegExp(`// mt-pii-ignore-next-line ${THIRD_PARTY} -- ${PLACEHOLDER}`), 'directive with the placeholder reason inserted');
    // The placeholder is no reason: the directive is reported and the finding stays until the user writes one.
    await diagnosticsWhere(login(), hasRule('mt/invalid-suppression'), 'the placeholder reason to be reported');
    const at = doc.getText().indexOf(PLACEHOLDER);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(login(), new vscode.Range(doc.positionAt(at), doc.positionAt(at + PLACEHOLDER.length)), 'Segment DPA 2026-03 covers the email');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the reason typed in');
    await diagnosticsWhere(login(), (ds) => noRule(THIRD_PARTY)(ds) && noRule('mt/invalid-suppression')(ds), 'the finding to disappear once the reason is written');
    const onDisk = fs.readFileSync(login().fsPath, 'utf8');
    assert.doesNotMatch(onDisk, /mt-pii-ignore-next-line/, 'applying the fix saved nothing');
    await revert(doc);
    await diagnosticsWhere(login(), hasRule(THIRD_PARTY), 'the finding to return after the revert');
  });

  test('the preferred quick fix removes the personal field from the object sent, and the finding goes away', async () => {
    const d = await finding(login(), THIRD_PARTY);
    const actions = await quickFixes(login(), d);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1, `one preferred fix among: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(preferred[0].title, /^Remove email from the data sent to Segment/);
    await apply(preferred[0]);
    assert.match(doc.getText(), /analytics\.identify\(user\.id, \{\}\);/, 'the email property is gone from the object sent');
    await diagnosticsWhere(login(), noRule(THIRD_PARTY), 'the finding to disappear after removing the field');
    await screenshot('e2e-quick-fix-removed.png');
    await revert(doc);
    await diagnosticsWhere(login(), hasRule(THIRD_PARTY), 'the finding to return after the revert');
  });

  test('approving the vendor adds it to mt-pii.json with a contract placeholder; once saved, the warning goes', async () => {
    const config = workspaceUri('mt-pii.json');
    const d = await finding(login(), THIRD_PARTY);
    const actions = await quickFixes(login(), d);
    const approve = actions.find((a) => /^Approve Segment as a processor in mt-pii\.json/.test(a.title));
    assert.ok(approve, `an approve-vendor quick fix among: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(approve.edit?.has(config), 'the fix edits mt-pii.json');
    await apply(approve, true);
    const cfgDoc = await vscode.workspace.openTextDocument(config);
    const saved = !cfgDoc.isDirty;
    if (cfgDoc.isDirty) assert.ok(await cfgDoc.save(), 'mt-pii.json saved');
    console.log(`mt-pii.json ${saved ? 'was saved by the refactoring' : 'saved by the test'}:\n${cfgDoc.getText()}`);
    const json = JSON.parse(fs.readFileSync(config.fsPath, 'utf8'));
    assert.deepStrictEqual(json.approvedVendors, [{ vendor: 'segment', contract: 'TODO: name the processor contract (DPA, date, what it covers)', categories: ['email'] }]);
    assert.strictEqual(json.root, true, 'the rest of mt-pii.json is kept');
    await diagnosticsWhere(login(), (ds) => withRule(THIRD_PARTY)(ds).every((x) => x.severity === vscode.DiagnosticSeverity.Information) && hasRule(THIRD_PARTY)(ds),
      'the finding to become information about an approved processor');
    await editAndSave(config, '{ "root": true }\n');
    await diagnosticsWhere(login(), (ds) => withRule(THIRD_PARTY)(ds).some((x) => x.severity === vscode.DiagnosticSeverity.Warning), 'the warning to return');
    await vscode.window.showTextDocument(doc);
  });

  test('editing mt-pii.json takes effect: a rule raised to error, then turned off, then back to the default', async () => {
    const config = workspaceUri('mt-pii.json');
    await editAndSave(config, JSON.stringify({ root: true, rules: { [THIRD_PARTY]: 'error' } }, null, 2) + '\n');
    await diagnosticsWhere(login(), (ds) => withRule(THIRD_PARTY)(ds).some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      'the finding to become an Error after mt-pii.json raised the rule');
    await editAndSave(config, JSON.stringify({ root: true, rules: { [THIRD_PARTY]: 'off' } }, null, 2) + '\n');
    await diagnosticsWhere(login(), noRule(THIRD_PARTY), 'the finding to go away after mt-pii.json turned the rule off');
    assert.ok(hasRule(ON_DEVICE)(ours(storage())), 'the other rule still reports in storage.ts');
    await editAndSave(config, '{ "root": true }\n');
    await diagnosticsWhere(login(), (ds) => withRule(THIRD_PARTY)(ds).some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
      'the finding to return as a Warning with the rule back at its default');
    await vscode.window.showTextDocument(doc);
  });

  test('a leak typed into the editor is flagged without saving', async () => {
    const before = withRule(THIRD_PARTY)(ours(login())).length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(login(), doc.lineAt(doc.lineCount - 1).range.end,
      "\nexport function onSignup(account: { email: string }) {\n  analytics.track('Signed Up', { email: account.email });\n}\n");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const ds = await diagnosticsWhere(login(), (x) => withRule(THIRD_PARTY)(x).length > before, 'a second finding');
    assert.ok(withRule(THIRD_PARTY)(ds).some((x) => x.range.start.line >= 8), 'the new finding is on the typed line');
    await revert(doc);
    await diagnosticsWhere(login(), (x) => withRule(THIRD_PARTY)(x).length === before, 'the typed finding to go away');
  });

  test('an untitled TypeScript document is analysed too', async () => {
    const untitled = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nexport function f(user: { id: string; email: string }) { analytics.identify(user.id, { email: user.email }); }\n",
    });
    await vscode.window.showTextDocument(untitled);
    assert.strictEqual(untitled.uri.scheme, 'untitled');
    await diagnosticsWhere(untitled.uri, hasRule(THIRD_PARTY), 'a finding in the untitled document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(doc);
  });

  test('mtPii.enable=false stops the server and clears the findings; true brings them back', async () => {
    await setEnable(false);
    await serverState('disabled');
    await diagnosticsWhere(login(), (ds) => ds.length === 0, 'no mt-pii diagnostics while disabled');
    await setEnable(true);
    await serverState('running');
    await diagnosticsWhere(login(), hasRule(THIRD_PARTY), 'the finding after re-enabling');
  });

  test('Show Data Map opens the map the server builds: the vendors render, and a save refreshes it', async () => {
    const mtPii = await api();
    await serverState('running');
    await vscode.commands.executeCommand('mtPii.showDataMap');
    await mtPii.whenDataMapIdle();
    const first = mtPii.dataMap;
    assert.ok(first.html, `a data map page (error: ${first.error})`);
    for (const v of ['Segment', 'Web Storage']) assert.ok((first.destinations ?? []).includes(v), `${v} among ${JSON.stringify(first.destinations)}`);
    assert.match(first.html!, /<svg class="flow-chart"/, 'the flow chart is in the page');
    assert.match(first.html!, /<th scope="row">Segment<\/th>/, 'Segment is a row of the matrix');
    assert.match(first.html!, /Content-Security-Policy" content="default-src 'none'/, 'the page loads nothing');
    assert.doesNotMatch(first.html!, /<script/i);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await screenshot('e2e-data-map.png');
    // A save anywhere refreshes the open map: a cookie write adds a destination, and reverting removes it.
    const storageDoc = await vscode.workspace.openTextDocument(storage());
    const original = storageDoc.getText();
    await editAndSave(storage(), original + "\nexport function keep(applicant: { ssn: string }) {\n  document.cookie = `ssn=${applicant.ssn}`;\n}\n");
    for (const end = Date.now() + WAIT_MS; Date.now() < end && !(mtPii.dataMap.destinations ?? []).includes('Browser cookie'); await new Promise((r) => setTimeout(r, 200))) {
      await mtPii.whenDataMapIdle();
    }
    assert.ok(mtPii.dataMap.shown > first.shown, 'the map was rebuilt after the save');
    assert.ok((mtPii.dataMap.destinations ?? []).includes('Browser cookie'), `destinations after the save: ${JSON.stringify(mtPii.dataMap.destinations)}`);
    await editAndSave(storage(), original);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(doc);
  });

  test('the commands are contributed; restart brings the server back with its findings', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['mtPii.showOutput', 'mtPii.restartServer', 'mtPii.scanWorkspace', 'mtPii.showDataMap']) assert.ok(all.includes(c), `${c} is registered`);
    await vscode.commands.executeCommand('mtPii.showOutput');
    await vscode.commands.executeCommand('mtPii.restartServer');
    await serverState('running');
    await diagnosticsWhere(login(), hasRule(THIRD_PARTY), 'the finding after a restart');
  });
});
