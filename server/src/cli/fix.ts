// `mt-pii scan --fix`: applies the fixes that change no behaviour (removing suppression directives that
// suppress nothing, the same set as the editor's source.fixAll.mt-pii), writes each file atomically and says what changed.
import * as fs from 'fs';
import { classifierFor } from '../analysis/classify';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from '../analysis/suppressionIds';
import type { Finding } from '../analysis/finding';
import type { Catalog } from '../catalog/load';
import { DEFAULT_CONFIG } from '../config/config';
import { applyEdits, safeFixes } from '../fixes';
import { writeFileAtomic } from '../project/atomicWrite';

export interface FixOutcome {
  /** Findings that remain (the fixed ones taken out). */
  remaining: Finding[];
  /** One line per changed file: what was changed there. */
  notes: string[];
}

/**
 * Applies the safe fixes of every file's findings (no note at all when there was nothing to fix). A file whose text changed since it was read is left
 * alone (and said so); a file that cannot be written keeps its findings.
 *
 * @example
 * applySafeFixes(findings, texts, catalog, (f) => path.relative(cwd, f)).notes
 * // → ['src/a.ts: removed 2 unused suppression directive(s) (lines 3, 9)']
 */
export function applySafeFixes(findings: Finding[], texts: ReadonlyMap<string, string>, catalog: Catalog, show: (file: string) => string): FixOutcome {
  const knownRules = new Set([...catalog.ruleById.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) if (f.ruleId === UNUSED_SUPPRESSION) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const fixed = new Set<Finding>();
  const notes: string[] = [];
  for (const [file, list] of byFile) {
    const text = texts.get(file);
    if (text === undefined) continue;
    const ctx = { file, text, catalog, classifier: classifierFor(catalog), config: DEFAULT_CONFIG, knownRules, readFile: () => undefined };
    const fixes = safeFixes(list, ctx);
    if (!fixes.length) continue;
    let current: string;
    try {
      current = fs.readFileSync(file, 'utf8');
    } catch (e) {
      notes.push(`${show(file)}: not fixed, cannot read it again (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    if (current !== text) {
      notes.push(`${show(file)}: not fixed, it changed while it was scanned`);
      continue;
    }
    const lines = list.map((f) => text.slice(0, f.start).split('\n').length);
    try {
      writeFileAtomic(file, applyEdits(text, fixes.flatMap((f) => f.edits)));
    } catch (e) {
      notes.push(`${show(file)}: not fixed, cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    for (const f of list) fixed.add(f);
    notes.push(`${show(file)}: removed ${list.length} unused suppression directive(s) (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`);
  }
  return { remaining: findings.filter((f) => !fixed.has(f)), notes };
}
