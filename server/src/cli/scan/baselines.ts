// Baselines during a scan: which baseline file applies to each scanned file (--baseline, else the one
// mt-pii.json names, else mt-pii-baseline.json in the project root), hiding accepted findings, rewriting them.
import * as fs from 'fs';
import * as path from 'path';
import { BaselineEntry, BaselineRead, nextBaseline, readBaseline, writeBaseline } from '../../config/baseline';
import { staysInside } from '../../project/insideProject';
import { InputError } from '../errors';
import { displayPath, ReportFinding } from '../formats/report';

export const DEFAULT_BASELINE = 'mt-pii-baseline.json';

export class Baselines {
  private readonly read = new Map<string, BaselineRead>();
  /** Baseline file → root-relative paths of the files scanned under it. */
  private readonly scanned = new Map<string, Set<string>>();
  /** Baseline file → current findings of those files. */
  private readonly current = new Map<string, BaselineEntry[]>();
  /** Baseline files already checked to stay inside the project during this scan (a check resolves links: once each). */
  private readonly checked = new Set<string>();

  constructor(private readonly root: string, private readonly cwd: string, private readonly given: string | undefined, private readonly updating: boolean) {
    if (given && !updating) {
      const b = readBaseline(given);
      if (b.missing) throw new InputError(`--baseline ${displayPath(given, cwd)}: no such file (\`mt-pii scan --update-baseline --baseline ${displayPath(given, cwd)}\` writes it)`);
    }
  }

  /**
   * The baseline file for a file whose mt-pii.json names `configured` (absolute, checked to stay inside the
   * project when the configuration was read), if any. Only --baseline may point anywhere.
   */
  fileFor(configured: string | undefined): string {
    if (this.given) return this.given;
    const file = configured ?? path.join(this.root, DEFAULT_BASELINE);
    // Checked again here, once per scan: a symbolic link may have appeared since, and the default file is the repository's too.
    if (this.checked.has(file)) return file;
    if (!staysInside(file, this.root)) {
      throw new InputError(`the baseline ${displayPath(file, this.cwd)} is a symbolic link that leads outside the project; it is neither read nor written (--baseline <file> names a baseline anywhere)`);
    }
    this.checked.add(file);
    return file;
  }

  private load(file: string, named: boolean, notes: string[]): BaselineRead {
    let b = this.read.get(file);
    if (!b) {
      b = readBaseline(file);
      if (b.error) throw new InputError(b.error);
      if (b.missing && named && !this.updating && !this.given) {
        notes.push(`the baseline ${displayPath(file, this.cwd)} named in mt-pii.json does not exist yet (\`mt-pii scan --update-baseline\` writes it)`);
      }
      this.read.set(file, b);
    }
    return b;
  }

  /**
   * Splits one file's findings into reported and accepted-by-the-baseline. With --update-baseline, a file
   * analysed only in part (`complete` false) adds its findings but keeps its old entries.
   */
  apply(file: string, configured: string | undefined, findings: ReportFinding[], notes: string[], complete = true): { reported: ReportFinding[]; accepted: number } {
    const baseline = this.fileFor(configured);
    const b = this.load(baseline, !!configured, notes);
    if (this.updating) {
      let s = this.scanned.get(baseline);
      if (!s) this.scanned.set(baseline, (s = new Set()));
      if (complete) s.add(file);
      const list = this.current.get(baseline) ?? [];
      for (const f of findings) list.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, message: f.message });
      this.current.set(baseline, list);
      return { reported: findings, accepted: 0 };
    }
    const reported = findings.filter((f) => !b.fingerprints.has(f.fingerprint));
    return { reported, accepted: findings.length - reported.length };
  }

  /** Writes every baseline the scan touched (atomically), pruning entries of scanned files that no longer occur. */
  update(notes: string[]): void {
    for (const [file, scanned] of this.scanned) {
      const prev = this.read.get(file)?.entries ?? [];
      const { entries, pruned } = nextBaseline(prev, this.current.get(file) ?? [], scanned);
      if (!fs.existsSync(path.dirname(file))) throw new InputError(`cannot write the baseline ${displayPath(file, this.cwd)}: its folder does not exist`);
      writeBaseline(file, entries);
      notes.push(`wrote ${entries.length} finding(s) to the baseline ${displayPath(file, this.cwd)}${pruned ? ` (${pruned} no longer found, removed)` : ''}`);
    }
  }
}
