// Fixes about suppression directives: ignore a finding on its line or in its file (with a placeholder
// reason to replace), and mend a bad directive (add its reason, remove it when unused, correct a rule id).
import ts = require('typescript');
import type { Finding } from '../analysis/finding';
import { parseDiagnostics, parseFile } from '../analysis/parse';
import { Directive, REASON_PLACEHOLDER, findDirectives } from '../analysis/suppressions';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from '../analysis';
import { eolOf } from './syntax';
import type { Fix, FileEdit, FixContext } from './types';

/**
 * Ignore the finding on its line or in its file. Each edit is checked by re-parsing the edited text: it must
 * add no syntax error and must be read back as a directive for the finding (inside JSX the comment is
 * written as {/* ... *\/}). The reason is a placeholder the user must replace (a snippet where the editor
 * supports them): until then the directive counts as having no reason.
 */
export function ignoreFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  const ruleId = finding.ruleId;
  // A bad directive is mended (mendSuppressionFixes), not silenced by another one.
  if (!ctx.knownRules.has(ruleId) || ruleId === INVALID_SUPPRESSION || ruleId === UNUSED_SUPPRESSION) return [];
  const text = ctx.text;
  const baseErrors = parseDiagnostics(sf).length;
  const fixes: Fix[] = [];
  const line = sf.getLineAndCharacterOfPosition(finding.start).line;
  const lineStart = sf.getPositionOfLineAndCharacter(line, 0);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = eolOf(text);
  const directive = `mt-pii-ignore-next-line ${ruleId} -- `;
  for (const [open, close] of [['// ', ''], ['{/* ', ' */}']]) {
    const insert = `${indent}${open}${directive}${REASON_PLACEHOLDER}${close}${eol}`;
    const edited = text.slice(0, lineStart) + insert + text.slice(lineStart);
    if (readsBack(ctx, edited, baseErrors, (d) => d.kind === 'next-line' && d.line === line + 1 && d.rules.includes(ruleId))) {
      fixes.push({
        id: 'ignore-line',
        title: `Ignore ${ruleId} on this line (mt-pii-ignore-next-line, with a reason)`,
        edits: [directiveEdit(ctx.file, lineStart, lineStart, insert, `${indent}${open}${directive}`, `${close}${eol}`)],
      });
      break;
    }
  }
  const at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  if (!text.startsWith('#!') || at > 0) {
    const head = `/* mt-pii-ignore-file ${ruleId} -- `;
    const insert = `${head}${REASON_PLACEHOLDER} */${eol}`;
    const edited = text.slice(0, at) + insert + text.slice(at);
    if (readsBack(ctx, edited, baseErrors, (d) => d.kind === 'file' && d.rules.includes(ruleId))) {
      fixes.push({
        id: 'ignore-file',
        title: `Ignore ${ruleId} in this file (mt-pii-ignore-file, with a reason)`,
        edits: [directiveEdit(ctx.file, at, at, insert, head, ` */${eol}`)],
      });
    }
  }
  return fixes;
}

/** An insertion whose reason is the placeholder, also given as a snippet that selects it. */
function directiveEdit(file: string, start: number, end: number, newText: string, before: string, after: string): FileEdit {
  const esc = (s: string) => s.replace(/[$}\\]/g, '\\$&');
  return { file, start, end, newText, snippet: `${esc(before)}\${1:${esc(REASON_PLACEHOLDER)}}${esc(after)}`, role: 'directive' };
}

/** The edited text parses with no new syntax error and holds a directive that `covers` says is the one added. */
function readsBack(ctx: FixContext, edited: string, baseErrors: number, covers: (d: Directive) => boolean): boolean {
  const sf = parseFile(ctx.file, edited);
  if (parseDiagnostics(sf).length > baseErrors) return false;
  // Read back as the user will leave it: with a reason in place of the placeholder.
  const withReason = edited.replace(REASON_PLACEHOLDER, 'reviewed');
  return findDirectives(parseFile(ctx.file, withReason), withReason, ctx.knownRules).some((d) => !d.problem && covers(d));
}

/**
 * Mending a directive reported by mt/unused-suppression or mt/invalid-suppression: remove an unused one
 * (safe: it changes nothing, so fix-all applies it), add a missing reason, correct an unknown rule id.
 */
export function mendSuppressionFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  if (finding.ruleId !== UNUSED_SUPPRESSION && finding.ruleId !== INVALID_SUPPRESSION) return [];
  const d = findDirectives(sf, ctx.text, ctx.knownRules).find((x) => x.start === finding.start && x.end === finding.end);
  if (!d) return [];
  const fixes: Fix[] = [];
  if (finding.ruleId === UNUSED_SUPPRESSION) {
    fixes.push({ id: 'remove-directive', title: 'Remove this unused suppression directive', edits: [removeDirectiveEdit(ctx.text, d, ctx.file)], safe: true });
    return fixes;
  }
  // Mending makes the directive suppress what it covers; one that would cover nothing is better removed.
  const line = d.kind === 'file' ? -1 : d.line;
  const covered = (rules: readonly string[]) => (ctx.findings ?? []).some((f) => (rules.length === 0 || rules.includes(f.ruleId))
    && f.ruleId !== INVALID_SUPPRESSION && f.ruleId !== UNUSED_SUPPRESSION && (line < 0 || sf.getLineAndCharacterOfPosition(f.start).line === line));
  const removal = (title: string): Fix => ({ id: 'remove-directive', title, edits: [removeDirectiveEdit(ctx.text, d, ctx.file)] });
  const unknown = d.rules.filter((r) => !ctx.knownRules.has(r));
  if (unknown.length) {
    const edits: FileEdit[] = [];
    const fixed = d.rules.map((r) => (ctx.knownRules.has(r) ? r : closestRule(r, ctx.knownRules) ?? r));
    const names: string[] = [];
    for (const bad of unknown) {
      const good = closestRule(bad, ctx.knownRules);
      if (!good) continue;
      const at = ctx.text.indexOf(bad, d.rulesSpan.start);
      if (at < 0 || at + bad.length > d.rulesSpan.end) continue;
      edits.push({ file: ctx.file, start: at, end: at + bad.length, newText: good, role: 'directive' });
      names.push(`${bad} → ${good}`);
    }
    if (edits.length === unknown.length && d.reason && covered(fixed)) {
      fixes.push({ id: 'fix-rule-id', title: `Did you mean ${names.map((n) => n.split(' → ')[1]).join(', ')}? (${names.join(', ')})`, edits });
    } else fixes.push(removal('Remove this suppression directive (it names no known rule and would suppress nothing)'));
  } else if (/reason is required/.test(finding.message)) {
    if (!covered(d.rules)) fixes.push(removal('Remove this suppression directive (there is nothing for it to suppress)'));
    else fixes.push(addReason(ctx, d));
  } else if (d.until) {
    fixes.push(removal(`Remove this suppression directive (it expired after ${d.until} and suppresses nothing)`));
  }
  return fixes;
}

/** The reason goes after `--` (replacing the placeholder if it is there), or `-- reason` after the rule list. */
function addReason(ctx: FixContext, d: Directive): Fix {
  const esc = (s: string) => s.replace(/[$}\\]/g, '\\$&');
  if (d.reasonSpan) {
    const raw = ctx.text.slice(d.reasonSpan.start, d.reasonSpan.end);
    const lead = raw.length - raw.trimStart().length;
    const until = /\(\s*until\s+[^)]*\)\s*$/i.exec(raw);
    const start = d.reasonSpan.start + lead;
    const end = until ? d.reasonSpan.start + until.index : d.reasonSpan.start + raw.trimEnd().length;
    const sep = lead ? '' : ' ';
    const tail = until ? ' ' : '';
    return {
      id: 'add-reason', title: 'Write the reason for this suppression',
      edits: [{ file: ctx.file, start, end, newText: `${sep}${REASON_PLACEHOLDER}${tail}`, snippet: `${sep}\${1:${esc(REASON_PLACEHOLDER)}}${tail}`, role: 'directive' }],
    };
  }
  const at = d.rulesSpan.end;
  return {
    id: 'add-reason', title: 'Add the reason this suppression needs (-- reason)',
    edits: [{ file: ctx.file, start: at, end: at, newText: ` -- ${REASON_PLACEHOLDER}`, snippet: ` -- \${1:${esc(REASON_PLACEHOLDER)}}`, role: 'directive' }],
  };
}

/** Removes a directive's comment: its whole line when nothing else is on it, else the comment and the blanks before it. */
export function removeDirectiveEdit(text: string, d: Directive, file: string): FileEdit {
  let start = d.start;
  let end = d.end;
  // {/* directive */} inside JSX goes with its braces.
  const before = /\{\s*$/.exec(text.slice(Math.max(0, start - 8), start));
  const after = /^\s*\}/.exec(text.slice(end, end + 8));
  if (before && after) {
    start -= before[0].length;
    end += after[0].length;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const lead = text.slice(lineStart, start);
  const trail = text.slice(end, lineEnd);
  if (!lead.trim() && !trail.trim()) return { file, start: lineStart, end: Math.min(text.length, lineEnd + 1), newText: '', role: 'directive' };
  const blanks = /[ \t]*$/.exec(lead)![0].length;
  return { file, start: start - blanks, end, newText: '', role: 'directive' };
}

/** The known rule id nearest to a mistyped one (a missing `mt/` prefix, a typo), if close enough. */
export function closestRule(bad: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(`mt/${bad}`)) return `mt/${bad}`;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = editDistance(bad.replace(/^mt\//, ''), k.replace(/^mt\//, ''));
    if (dist < bestD) [best, bestD] = [k, dist];
  }
  return best && bestD <= Math.max(2, Math.floor(bad.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
