import * as assert from 'assert';
import { DiagnosticSeverity, MarkupContent, TextEdit } from 'vscode-languageserver-protocol/node';
import { parseDiagnostics, parseFile } from '../../server/src/analysis/parse';
import * as path from 'path';
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { LspClient, ROOT, applyEdits } from './lspClient';

const LEAK = `import { AnalyticsBrowser } from '@segment/analytics-next';

const analytics = AnalyticsBrowser.load({ writeKey: 'wk' });

export function onLogin(user: { id: string; email: string }) {
  const traits = { email: user.email };
  analytics.identify(user.id, traits);
}
`;

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    const init = (await client.initialize()) as { capabilities: Record<string, unknown> };
    assert.ok(init.capabilities.hoverProvider, 'hover capability');
    assert.ok(init.capabilities.codeActionProvider, 'code action capability');
  });
  after(async () => client.shutdown());

  it('publishes a diagnostic on open, with rule code, documentation link and the flow', async () => {
    const uri = 'file:///work/app/src/login.ts';
    client.open(uri, LEAK);
    const diags = await client.diagnostics(uri, (d) => d.length > 0);
    assert.strictEqual(diags.length, 1);
    const d = diags[0];
    assert.strictEqual(d.source, 'mt-pii');
    assert.strictEqual(d.code, 'mt/personal-data-to-third-party');
    assert.strictEqual(d.severity, DiagnosticSeverity.Warning);
    assert.match(String(d.message), /Segment/);
    assert.match(String(d.codeDescription!.href), /^file:\/\/.*personal-data-to-third-party\.md$/);
    // The page the running server ships (found from its own location at run time), a proper file URI.
    const page = fileURLToPath(String(d.codeDescription!.href));
    assert.ok(fs.existsSync(page), page);
    assert.strictEqual(path.relative(ROOT, page).split(path.sep).join('/'), 'rules/montana/personal-data-to-third-party.md');
    assert.deepStrictEqual(d.range.start, { line: 6, character: 2 });
    const notes = d.relatedInformation!.map((r) => r.message);
    assert.ok(notes.includes('user.email'), notes.join(' | '));
    assert.ok(notes.includes('traits'), notes.join(' | '));
    assert.ok(notes.some((n) => /MCA 30-14-2813\(2\)/.test(n)), notes.join(' | '));
  });

  it('answers hover on a finding with categories, vendor, flow, linked citations and a not-legal-advice note', async () => {
    const uri = 'file:///work/app/src/login.ts';
    const hover = await client.hover(uri, 6, 5);
    assert.ok(hover, 'hover result');
    const md = (hover!.contents as MarkupContent).value;
    assert.match(md, /email address/);
    assert.match(md, /Segment/);
    assert.match(md, /\[MCA 30-14-2813\(2\)\]\(https:\/\/mca\.legmt\.gov\/bills\/mca\/title_0300\/chapter_0140\/part_0280\/section_0130\/0300-0140-0280-0130\.html\)/);
    assert.match(md, /Binds:/);
    assert.match(md, /What to do/);
    assert.match(md, /Not legal advice/i);
    assert.strictEqual(await client.hover(uri, 0, 3), null, 'no hover away from findings');
  });

  it('offers fixes for the data (the preferred one removes the field) and an ignore whose placeholder must be replaced', async () => {
    const uri = 'file:///work/app/src/login.ts';
    const [d] = await client.diagnostics(uri, (x) => x.length > 0);
    const actions = await client.codeActions(uri, d);
    const titles = actions.map((a) => a.title);
    assert.ok(actions.every((a) => a.kind === 'quickfix'), titles.join(', '));
    const preferred = actions.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1, titles.join(', '));
    assert.match(preferred[0].title, /^Remove email from the data sent to Segment/);
    assert.ok(titles.some((t) => /^Send user\.id instead of user\.email/.test(t)), titles.join(', '));
    const fix = actions.find((a) => /mt-pii-ignore-next-line/.test(a.title));
    assert.ok(fix, `actions: ${titles.join(', ')}`);
    const edited = applyEdits(LEAK, fix!.edit!.changes![uri]);
    assert.match(edited, /\n  \/\/ mt-pii-ignore-next-line mt\/personal-data-to-third-party -- TODO: say why this data flow is acceptable\n  analytics\.identify/);
    assert.strictEqual(parseDiagnostics(parseFile('login.ts', edited)).length, 0);
    // The placeholder left in place is no reason: the finding stays and the directive is reported.
    client.change(uri, edited, 2);
    const still = await client.diagnostics(uri, () => true, 2);
    assert.deepStrictEqual(still.map((x) => x.code).sort(), ['mt/invalid-suppression', 'mt/personal-data-to-third-party']);
    client.change(uri, edited.replace('TODO: say why this data flow is acceptable', 'Segment DPA 2026-03 covers the email'), 3);
    assert.deepStrictEqual(await client.diagnostics(uri, () => true, 3), []);
    // The preferred fix, applied to the original text, removes the finding without a directive.
    client.change(uri, LEAK, 4);
    const [again] = await client.diagnostics(uri, (x) => x.length > 0, 4);
    const remove = (await client.codeActions(uri, again)).find((a) => a.isPreferred)!;
    client.change(uri, applyEdits(LEAK, remove.edit!.changes![uri]), 5);
    assert.deepStrictEqual(await client.diagnostics(uri, () => true, 5), []);
    client.change(uri, LEAK, 6);
    await client.diagnostics(uri, (x) => x.length > 0, 6);
  });

  it('source.fixAll.mt-pii removes only directives that suppress nothing', async () => {
    const uri = 'file:///work/app/src/fixall.ts';
    const text = `${LEAK}// mt-pii-ignore-next-line mt/personal-data-to-third-party -- nothing below any more
export const plan = 'pro';
`;
    client.open(uri, text);
    await client.diagnostics(uri, (x) => x.some((d) => d.code === 'mt/unused-suppression'));
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    })) as { title: string; kind: string; edit: { changes: Record<string, TextEdit[]> } }[];
    assert.deepStrictEqual(actions.map((a) => a.kind), ['source.fixAll.mt-pii']);
    assert.strictEqual(applyEdits(text, actions[0].edit.changes[uri]), LEAK + "export const plan = 'pro';\n");
    client.close(uri);
  });

  it('re-analyses on change (debounced)', async () => {
    const uri = 'file:///work/app/src/change.ts';
    client.open(uri, "import * as Sentry from '@sentry/browser';\n", 'typescript', 1);
    assert.deepStrictEqual(await client.diagnostics(uri, () => true, 1), []);
    for (let v = 2; v <= 5; v++) client.change(uri, `import * as Sentry from '@sentry/browser';\nSentry.setUser({ email: account${'x'.repeat(v)}.email });\n`, v);
    const diags = await client.diagnostics(uri, (d) => d.length === 1, 5);
    assert.strictEqual(diags[0].range.start.line, 1);
  });

  it('follows imports into unsaved buffers of other open files, and re-analyses importers when they change', async () => {
    const helper = 'file:///tmp/mt-pii-overlay-test/src/track.ts';
    const page = 'file:///tmp/mt-pii-overlay-test/src/page.ts';
    const sending = "import posthog from 'posthog-js';\nexport function remember(value: string) {\n  posthog.capture('remembered', { value });\n}\n";
    const quiet = "export function remember(value: string) {\n  return value.length;\n}\n";
    // Neither file exists on disk: the import is resolved and read from the open buffer.
    client.open(helper, sending, 'typescript', 1);
    client.open(page, "import { remember } from './track';\nexport function save(user: { email: string }) {\n  remember(user.email);\n}\n", 'typescript', 1);
    const flagged = await client.diagnostics(page, (d) => d.length === 1);
    assert.strictEqual(flagged[0].code, 'mt/personal-data-to-third-party');
    assert.strictEqual(flagged[0].range.start.line, 2);
    // The helper stops sending (unsaved): the importer's finding goes away without touching it.
    client.change(helper, quiet, 2);
    assert.deepStrictEqual(await client.diagnostics(page, (d) => d.length === 0), []);
    client.change(helper, sending, 3);
    assert.strictEqual((await client.diagnostics(page, (d) => d.length === 1))[0].code, 'mt/personal-data-to-third-party');
    client.close(helper);
    client.close(page);
  });

  it('writes the ignore comment as {/* */} inside JSX children, and the result parses', async () => {
    const uri = 'file:///work/app/src/Profile.tsx';
    const text = `import * as Sentry from '@sentry/react';
export function Profile({ user }: { user: { email: string } }) {
  return (
    <div>
      <button onClick={() => Sentry.setUser({ email: user.email })}>Save</button>
    </div>
  );
}
`;
    client.open(uri, text, 'typescriptreact');
    const [d] = await client.diagnostics(uri, (x) => x.length > 0);
    const fix = (await client.codeActions(uri, d)).find((a) => /next-line/.test(a.title));
    assert.ok(fix);
    const edited = applyEdits(text, fix!.edit!.changes![uri]).replace('TODO: say why this data flow is acceptable', 'reviewed');
    assert.match(edited, /\{\/\* mt-pii-ignore-next-line mt\/personal-data-to-third-party -- .+ \*\/\}/);
    assert.strictEqual(parseDiagnostics(parseFile('Profile.tsx', edited)).length, 0);
    client.change(uri, edited, 2);
    assert.deepStrictEqual(await client.diagnostics(uri, () => true, 2), []);
  });

  it('survives bad input: broken syntax, a huge file, deep nesting, binary-looking text', async () => {
    const broken = 'file:///work/app/src/broken.ts';
    client.open(broken, "import * as Sentry from '@sentry/node';\nfunction ( {\nSentry.setUser({ email: u.email })\n");
    const d1 = await client.diagnostics(broken);
    assert.ok(Array.isArray(d1));
    const huge = 'file:///work/app/src/huge.js';
    client.open(huge, 'var a = 1;\n'.repeat(300000), 'javascript');
    const d2 = await client.diagnostics(huge);
    assert.strictEqual(d2.length, 1);
    assert.match(String(d2[0].message), /over the 2 MB limit/);
    const deep = 'file:///work/app/src/deep.js';
    client.open(deep, 'x = ' + '('.repeat(10000) + '1' + ')'.repeat(10000) + ';\nlet y = ' + 'a+'.repeat(20000) + 'a;\n', 'javascript');
    await client.diagnostics(deep);
    const bin = 'file:///work/app/src/bin.js';
    client.open(bin, '\u0000\u0001\u0002garbage\u0000'.repeat(1000), 'javascript');
    await client.diagnostics(bin);
    // Still alive and answering.
    const hover = await client.hover('file:///work/app/src/login.ts', 0, 0);
    assert.strictEqual(hover, null);
    assert.strictEqual(client.exited, null, client.stderr);
  });
});

describe('mt-pii lsp --stdio', function () {
  this.timeout(30000);
  it('runs the same server through the CLI', async () => {
    const client = new LspClient(['node', path.join(ROOT, 'bin/mt-pii.js'), 'lsp', '--stdio']);
    try {
      await client.initialize();
      const uri = 'file:///work/app/src/cli.ts';
      client.open(uri, LEAK);
      const diags = await client.diagnostics(uri, (d) => d.length > 0);
      assert.strictEqual(diags[0].code, 'mt/personal-data-to-third-party');
    } finally {
      await client.shutdown();
    }
  });
});
