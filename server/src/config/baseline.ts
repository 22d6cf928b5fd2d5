// Baseline files: findings a team accepted, by fingerprint (stable across line moves). Reading tells a
// missing file from an invalid one; writing prunes what no longer occurs and replaces the file atomically.
import * as fs from 'fs';
import writeFileAtomic = require('write-file-atomic');

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

export function readBaseline(file: string): BaselineRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { fingerprints: new Set(), entries: [], missing: true };
  }
  try {
    const data = JSON.parse(text) as BaselineFile;
    if (!data || !Array.isArray(data.findings)) throw new Error('no "findings" list');
    const entries = data.findings.filter((f) => f && typeof f.fingerprint === 'string');
    return { fingerprints: new Set(entries.map((f) => f.fingerprint)), entries };
  } catch (e) {
    return { fingerprints: new Set(), entries: [], error: `${file}: not a baseline file (${(e as Error).message})` };
  }
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

/** Writes a baseline file atomically (a temporary file beside it, then a rename). */
export function writeBaseline(file: string, findings: readonly BaselineEntry[]): void {
  const data: BaselineFile = {
    tool: 'mt-pii',
    description: 'Findings accepted as they are; new findings are still reported. Written by `mt-pii scan --update-baseline`.',
    findings: [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint)),
  };
  writeFileAtomic.sync(file, JSON.stringify(data, null, 2) + '\n');
}
