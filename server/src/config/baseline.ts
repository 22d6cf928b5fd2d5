import * as fs from 'fs';

/** A baseline: findings a team accepted, by fingerprint (stable across line moves). */
export interface BaselineFile {
  tool: 'mt-pii';
  description: string;
  findings: { fingerprint: string; ruleId: string; file: string; message: string }[];
}

export function readBaseline(file: string): { fingerprints: Set<string>; error?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { fingerprints: new Set() }; // not written yet: nothing accepted
  }
  try {
    const data = JSON.parse(text) as BaselineFile;
    if (!Array.isArray(data.findings)) throw new Error('no "findings" list');
    return { fingerprints: new Set(data.findings.map((f) => f.fingerprint).filter((f) => typeof f === 'string')) };
  } catch (e) {
    return { fingerprints: new Set(), error: `${file}: not a baseline file (${(e as Error).message})` };
  }
}

export function writeBaseline(file: string, findings: BaselineFile['findings']): void {
  const data: BaselineFile = {
    tool: 'mt-pii',
    description: 'Findings accepted as they are; new findings are still reported. Written by `mt-pii scan --update-baseline`.',
    findings: [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint)),
  };
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}
