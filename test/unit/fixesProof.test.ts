/**
 * Every quick fix proven on real code: each fix offered for each finding of every fixture is applied, and
 * the result must (1) parse with no new syntax error (an edited mt-pii.json must stay valid), (2) keep its
 * edits inside the finding's statements (imports, directive comments and mt-pii.json aside), (3) on
 * re-analysis show the finding gone — suppressed for ignores, approved for vendor approvals, with fewer
 * categories for a fix that says it is partial — and no new finding, and (4) for TypeScript fixtures,
 * give no new type error from the compiler. Placeholders a user must replace (the reason of a directive)
 * are replaced as the user would.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts = require('typescript');
import { INVALID_SUPPRESSION, Project, UNUSED_SUPPRESSION, classifierFor } from '../../server/src/analysis';
import type { Finding } from '../../server/src/analysis/finding';
import { parseDiagnostics, parseFile } from '../../server/src/analysis/parse';
import { REASON_PLACEHOLDER } from '../../server/src/analysis/suppressions';
import { Catalog, loadCatalog } from '../../server/src/catalog/load';
import { analyzeOptionsOf } from '../../server/src/config/config';
import { ConfigLoader } from '../../server/src/config/discover';
import { Fix, FixContext, applyEdits, fixesFor } from '../../server/src/fixes';
import { findingStatements, parseForFixes } from '../../server/src/fixes/syntax';
import { fsHost } from '../../server/src/project/fsHost';
import { FIXTURES, fixtureFiles } from '../fixtures.test';

const RULES = path.join(FIXTURES, '..', '..', 'rules');
const USER_REASON = 'reviewed: the vendor contract covers it';

function readDisk(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The fixture's workspace: its config case folder, or the fixtures root (where a new mt-pii.json would go). */
function workspaceOf(file: string): string {
  const rel = path.relative(FIXTURES, file).split(path.sep);
  return rel[0] === 'config' ? path.join(FIXTURES, 'config', rel[1]) : FIXTURES;
}

interface Analysis {
  findings: Finding[];
  suppressed: Finding[];
  syntaxErrors: number;
  configProblems: string[];
  ctx: FixContext;
}

const loaders = new Map<string, { loader: ConfigLoader; overlay: Map<string, string> }>();
const catalogs = new Map<string, Catalog>();
export const timing = { analyze: 0, types: 0 };

/** Analyses a fixture as the fixture runner does, with files overlaid in memory (edited or created mt-pii.json). */
function analyze(base: Catalog, file: string, text: string, overlay: Map<string, string>): Analysis {
  const t0 = Date.now();
  const read = (f: string) => overlay.get(f) ?? readDisk(f);
  const root = workspaceOf(file);
  // One loader per workspace (its schemas read once), re-read whenever the overlay differs.
  let entry = loaders.get(root);
  if (!entry) {
    const holder = { overlay: new Map<string, string>() };
    const loader = new ConfigLoader(RULES, [root === FIXTURES ? FIXTURES : path.join(FIXTURES, 'config')], (f) => holder.overlay.get(f) ?? readDisk(f));
    entry = { loader, get overlay() { return holder.overlay; }, set overlay(o) { holder.overlay = o; } };
    loaders.set(root, entry);
  }
  if (entry.overlay.size || overlay.size) {
    entry.overlay = overlay;
    entry.loader.reset();
  }
  const { config, problems } = entry.loader.forFile(file);
  const sinksKey = JSON.stringify(config.sinks);
  let catalog = config.sinks.length ? catalogs.get(sinksKey) : base;
  if (!catalog) {
    catalog = loadCatalog(undefined, config.sinks).catalog;
    catalogs.set(sinksKey, catalog);
  }
  const result = new Project(catalog, fsHost()).analyze(file, text, analyzeOptionsOf(config)) as { findings: Finding[]; suppressed: Finding[]; syntaxErrors: number };
  const knownRules = new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);
  timing.analyze += Date.now() - t0;
  return {
    findings: result.findings, suppressed: result.suppressed, syntaxErrors: result.syntaxErrors,
    configProblems: problems.map((p) => `${path.basename(p.file)}:${p.line + 1}: ${p.message}`),
    ctx: { file, text, catalog, classifier: classifierFor(catalog, config.names), config, knownRules, readFile: read, workspaceRoot: root, findings: result.findings },
  };
}

/** What identifies a finding across edits that move it: rule, destination, categories (meta findings: fingerprint). */
function keyOf(f: Finding): string {
  return f.sink ? `${f.ruleId}|${f.sink.id}|${f.sink.api}|${f.categories.join(',')}` : `${f.ruleId}|${f.fingerprint}`;
}

function counts(list: Finding[], pick: (f: Finding) => boolean = () => true): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of list) if (pick(f)) m.set(keyOf(f), (m.get(keyOf(f)) ?? 0) + 1);
  return m;
}

/**
 * Type errors of many versions of one fixture at once: each version is a module file of its own beside the
 * fixture (so its imports resolve alike), all in one program, so the checker and lib files are set up once.
 */
class TypeCheck {
  private files = new Map<string, string>();
  private version = 0;
  private readonly service: ts.LanguageService;
  constructor() {
    const options: ts.CompilerOptions = {
      strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.Preserve, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true, noEmit: true,
    };
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => [...this.files.keys()],
      getScriptVersion: (f) => (this.files.has(f) && !f.endsWith('.d.ts') ? String(this.version) : '0'),
      getScriptSnapshot: (f) => {
        const text = this.files.get(f) ?? readDisk(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => FIXTURES,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => this.files.has(f) || fs.existsSync(f),
      readFile: (f) => this.files.get(f) ?? readDisk(f),
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** For each text, its type errors (code and message; positions move with edits, so they are left out). */
  errors(file: string, texts: string[]): string[][] {
    this.version++;
    this.files = new Map(stubsFor(file).map((s) => [s, readDisk(s) ?? '']));
    const ext = path.extname(file);
    // `export {}` makes every copy a module, so declarations of a script fixture do not collide between copies.
    const names = texts.map((t, i) => {
      const name = path.join(path.dirname(file), `__fix_proof_${i}__${path.basename(file, ext)}${ext}`);
      this.files.set(name, `${t}\nexport {};\n`);
      return name;
    });
    return names.map((n) => this.service.getSemanticDiagnostics(n).map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`).sort());
  }
}

function stubsFor(file: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(file); dir.startsWith(FIXTURES); dir = path.dirname(dir)) {
    for (const d of [dir, path.join(dir, 'types')]) {
      if (!fs.existsSync(d)) continue;
      for (const e of fs.readdirSync(d)) if (e.endsWith('.d.ts')) out.push(path.join(d, e));
    }
  }
  return out;
}

/** Items of `after` that `before` does not have as many times (a multiset difference). */
function added(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const b of before) left.set(b, (left.get(b) ?? 0) + 1);
  const out: string[] = [];
  for (const a of after) {
    const n = left.get(a) ?? 0;
    if (n > 0) left.set(a, n - 1);
    else out.push(a);
  }
  return out;
}

/** Checks one fix; returns what is wrong with it (nothing when it is proven). */
function prove(base: Catalog, file: string, text: string, before: Analysis, finding: Finding, fix: Fix, toCompile: string[]): string[] {
  const problems: string[] = [];
  const sf = parseForFixes(file, text);
  const overlay = new Map<string, string>();
  // The user replaces the reason placeholder, as the snippet asks.
  const userEdits = fix.edits.map((e) => (e.role === 'directive' ? { ...e, newText: e.newText.split(REASON_PLACEHOLDER).join(USER_REASON) } : e));
  const own = userEdits.filter((e) => e.file === file);
  for (const cfg of new Set(userEdits.filter((e) => e.file !== file).map((e) => e.file))) {
    if (path.basename(cfg) !== 'mt-pii.json') problems.push(`edits ${cfg}, which is neither the file nor an mt-pii.json`);
    const start = fix.creates?.includes(cfg) ? '' : readDisk(cfg);
    if (start === undefined) problems.push(`edits ${cfg}, which does not exist and is not created`);
    overlay.set(cfg, applyEdits(start ?? '', userEdits.filter((e) => e.file === cfg)));
  }
  const edited = applyEdits(text, own);
  // (2) Edits stay where they belong.
  // Statements of the finding next to each other (a pixel's calls wrapped together) count as one region.
  const allowed = findingStatements(sf, finding).sort((x, y) => x.start - y.start).reduce<{ start: number; end: number }[]>((acc, r) => {
    const last = acc[acc.length - 1];
    if (last && !text.slice(last.end, r.start).replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '').trim()) last.end = Math.max(last.end, r.end);
    else acc.push({ ...r });
    return acc;
  }, []);
  const lineStart = text.lastIndexOf('\n', finding.start - 1) + 1;
  let lineEnd = text.indexOf('\n', finding.end);
  if (lineEnd < 0) lineEnd = text.length;
  for (const e of own) {
    const where = `${e.role} edit [${e.start}, ${e.end}) ${JSON.stringify(e.newText.slice(0, 80))}`;
    if (e.role === 'code' && !allowed.some((r) => r.start <= e.start && e.end <= r.end)) problems.push(`${where} is outside the finding's statements`);
    if (e.role === 'config') problems.push(`${where} is a config edit of the source file`);
    if (e.role === 'import') {
      const stmts = ts.createSourceFile('x.ts', e.newText, ts.ScriptTarget.Latest, true).statements;
      const inImport = sf.statements.some((s) => ts.isImportDeclaration(s) && s.getStart(sf) < e.start && e.end < s.end);
      const onlyImports = stmts.length > 0 && stmts.every((s) => ts.isImportDeclaration(s) || (ts.isVariableStatement(s) && /require\(/.test(s.getText())));
      if (!inImport && !onlyImports) problems.push(`${where} adds more than an import`);
    }
    if (e.role === 'directive') {
      const isComment = /^\s*(\/\/|\{?\/\*)[^\n]*mt-pii-ignore-[^\n]*\s*$/.test(e.newText);
      const inDirective = e.start >= lineStart && e.end <= lineEnd + 1;
      const fixId = fix.id === 'ignore-line' || fix.id === 'ignore-file';
      if (fixId ? !(e.start === e.end && isComment) : !inDirective) problems.push(`${where} is not a directive edit where the finding is`);
    }
  }
  // (1) It parses.
  const syntax = parseDiagnostics(parseFile(file, edited)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  const baseSyntax = parseDiagnostics(parseFile(file, text)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  const newSyntax = added(baseSyntax, syntax);
  if (newSyntax.length) problems.push(`new syntax errors: ${newSyntax.join('; ')}`);
  // (3) Re-analysis: the finding is gone (suppressed, approved, reduced) and nothing new appears.
  const after = analyze(base, file, edited, overlay);
  if (after.configProblems.length) problems.push(`mt-pii.json problems after the fix: ${after.configProblems.join('; ')}`);
  const k = keyOf(finding);
  const b = counts(before.findings);
  const a = counts(after.findings);
  const ignore = fix.id === 'ignore-line' || fix.id === 'ignore-file';
  if (fix.id === 'approve-vendor') {
    if (!after.findings.some((f) => keyOf(f) === k && f.approval && f.severity === 'info')) problems.push('the vendor is not approved on re-analysis');
    const loud = (f: Finding) => f.severity !== 'info';
    if (loud(finding) && (counts(after.findings, loud).get(k) ?? 0) >= (counts(before.findings, loud).get(k) ?? 0)) problems.push('the finding still warns after the approval');
  } else {
    if ((a.get(k) ?? 0) >= (b.get(k) ?? 0)) problems.push('the finding is still reported');
    if (ignore && (counts(after.suppressed).get(k) ?? 0) <= (counts(before.suppressed).get(k) ?? 0)) problems.push('the finding is not suppressed');
  }
  for (const [key, n] of a) {
    if (n <= (b.get(key) ?? 0)) continue;
    if (!allowedAfter(base, before.findings, finding, fix, key)) problems.push(`new finding: ${key}`);
  }
  // (4) Type errors are compared for all fixes of the file at once (see the describe below). Comments
  // (directives) cannot add one, so only code edits are compiled.
  if (/\.tsx?$/.test(file) && own.some((e) => e.role === 'code' || e.role === 'import')) toCompile.push(edited);
  return problems;
}

/**
 * A finding after the fix that was not there before is new, except what remains of the same concern at the
 * same call: the same rule with fewer categories (a partial fix; or none left, for a rule about the call
 * firing at all, which no data fix addresses), or a rule that had been leaving that call to the fixed
 * finding's rule, or another rule that had been reporting there (yieldsTo / yieldsSiteTo), and now reports
 * what it was holding back (a guard makes a whole file's pixels checked, so this may be at another call).
 */
function allowedAfter(catalog: Catalog, before: Finding[], finding: Finding, fix: Fix, key: string): boolean {
  if (fix.id === 'approve-vendor' && key === keyOf(finding)) return true;
  const [ruleId, sinkId, api, cats] = key.split('|');
  const rule = catalog.ruleById.get(ruleId);
  const left = cats ? cats.split(',') : [];
  if (finding.sink && sinkId === finding.sink.id && api === finding.sink.api && ruleId === finding.ruleId
    && left.every((c) => finding.categories.includes(c)) && left.length < finding.categories.length) {
    return !!fix.partial || (!left.length && !!rule?.fires);
  }
  const yields = [...(rule?.yieldsTo ?? []), ...(rule?.yieldsSiteTo ?? [])];
  return before.some((m) => m.sink?.id === sinkId && m.sink.api === api && yields.includes(m.ruleId));
}

describe('quick fixes, proven on every fixture', function () {
  this.timeout(600000);
  const { catalog } = loadCatalog();
  const types = new TypeCheck();
  const seen = new Map<string, number>();
  let total = 0;
  for (const file of fixtureFiles()) {
    const rel = path.relative(FIXTURES, file);
    it(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      const before = analyze(catalog, file, text, new Map());
      const failures: string[] = [];
      const typed: { label: string; text: string }[] = [];
      for (const finding of before.findings) {
        const fixes = fixesFor(finding, before.ctx, (e) => failures.push(`a fix builder threw: ${(e as Error).stack}`));
        const preferred = fixes.filter((f) => f.preferred);
        if (preferred.length > 1) failures.push(`${finding.ruleId}: ${preferred.length} preferred fixes`);
        for (const fix of fixes) {
          total++;
          seen.set(fix.id, (seen.get(fix.id) ?? 0) + 1);
          const line = before.ctx.text.slice(0, finding.start).split('\n').length;
          const label = `line ${line} ${finding.ruleId} [${finding.categories}] — "${fix.title}"`;
          const compile: string[] = [];
          for (const p of prove(catalog, file, text, before, finding, fix, compile)) failures.push(`${label}: ${p}`);
          for (const t of compile) typed.push({ label, text: t });
        }
      }
      if (typed.length) {
        const t0 = Date.now();
        const [base, ...afterFix] = types.errors(file, [text, ...typed.map((t) => t.text)]);
        timing.types += Date.now() - t0;
        afterFix.forEach((errs, i) => {
          const extra = added(base, errs);
          if (extra.length) failures.push(`${typed[i].label}: new type errors: ${extra.join('; ')}`);
        });
      }
      assert.deepStrictEqual(failures, [], `${rel}:\n  ${failures.join('\n  ')}`);
    });
  }
  it('the type check itself catches a new type error (the proof can fail)', () => {
    const file = path.join(FIXTURES, 'config', 'quick-fixes', 'send_profile.ts');
    const [base, broken] = types.errors(file, ['export const n: number = 1;', 'export const n: number = "one";']);
    assert.deepStrictEqual(added(base, broken).map((e) => e.split(':')[0]), ['TS2322']);
  });
  it('every kind of fix was offered and proven somewhere', () => {
    const kinds = ['remove-field', 'narrow-spread', 'opaque-id', 'sanitize', 'approve-vendor', 'guard-opt-out', 'secure-store',
      'ignore-line', 'ignore-file', 'add-reason', 'remove-directive', 'fix-rule-id'];
    assert.deepStrictEqual(kinds.filter((k) => !seen.get(k)), [], `offered: ${JSON.stringify(Object.fromEntries(seen))}`);
    console.log(`      ${total} fixes proven: ${[...seen].map(([k, n]) => `${k} ${n}`).join(', ')} (analysis ${timing.analyze} ms, type checks ${timing.types} ms)`);
  });
});
