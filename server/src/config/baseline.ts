// Baseline files: findings a team accepted, by fingerprint (stable across line moves). Reading tells a
// missing file from an invalid one; writing prunes what no longer occurs and replaces the file atomically.
import * as fs from 'fs';
import { WriteIo, writeFileAtomic } from '../project/atomicWrite';

/** Largest baseline file read (a baseline of a very large project is a few MB). */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Path relative to the project root. */
  file: string;
  message: string;
}

export interface BaselineFile {
  tool: 'mt-pii';
  description: string;
  findings: BaselineEntry[];
}

export interface BaselineRead {
  fingerprints: Set<string>;
  entries: BaselineEntry[];
  /** The file does not exist (yet). */
  missing?: boolean;
  error?: string;
}

/**
 * Reads a baseline. Problems are described, never quoted: the file may be anything a path led to, and no byte
 * of it is printed.
 */
export function readBaseline(file: string): BaselineRead {
  const none = { fingerprints: new Set<string>(), entries: [] };
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...none, missing: true };
    return { ...none, error: `${file}: cannot read the baseline (${code ?? 'error'})` };
  }
  if (!st.isFile()) return { ...none, error: `${file}: the baseline is not a regular file` };
  if (st.size > MAX_BASELINE_BYTES) return { ...none, error: `${file}: the baseline is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MB` };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { ...none, error: `${file}: cannot read the baseline (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ...none, error: `${file}: not a baseline file (it is not valid JSON)` };
  }
  const findings = data && typeof data === 'object' ? (data as Partial<BaselineFile>).findings : undefined;
  if (!Array.isArray(findings)) return { ...none, error: `${file}: not a baseline file (no "findings" list)` };
  const entries = findings.filter((f): f is BaselineEntry => !!f && typeof f === 'object' && typeof f.fingerprint === 'string' && typeof f.file === 'string')
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: String(f.ruleId ?? ''), file: f.file, message: String(f.message ?? '') }));
  return { fingerprints: new Set(entries.map((f) => f.fingerprint)), entries };
}

/**
 * The next baseline: the current findings, plus the old entries of files this scan did not look at
 * (a scan of one folder keeps the rest of the baseline); entries of scanned files that no longer occur
 * are pruned.
 */
export function nextBaseline(previous: readonly BaselineEntry[], current: readonly BaselineEntry[], scannedFiles: ReadonlySet<string>): { entries: BaselineEntry[]; pruned: number } {
  const kept = previous.filter((e) => !scannedFiles.has(e.file));
  const now = new Set(current.map((c) => c.fingerprint));
  const pruned = previous.filter((e) => scannedFiles.has(e.file) && !now.has(e.fingerprint)).length;
  const seen = new Set<string>();
  const entries = [...current, ...kept].filter((e) => !seen.has(e.fingerprint) && seen.add(e.fingerprint));
  return { entries, pruned };
}

/** Writes a baseline file atomically (a temporary file beside it, then a rename); throws a one-line WriteError. */
export function writeBaseline(file: string, findings: readonly BaselineEntry[], io?: WriteIo): void {
  const data: BaselineFile = {
    tool: 'mt-pii',
    description: 'Findings accepted as they are; new findings are still reported. Written by `mt-pii scan --update-baseline`.',
    findings: [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint)),
  };
  writeFileAtomic(file, JSON.stringify(data, null, 2) + '\n', io);
}
