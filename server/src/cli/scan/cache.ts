// `mt-pii scan --cache`: results kept under node_modules/.cache/mt-pii, reused while the file and every
// project file its result was computed from hash the same, under the same configuration, rules and version.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../../project/atomicWrite';
import type { FileResult } from './protocol';

interface Entry {
  /** sha1 of the file, then of each dependency (by absolute path). */
  hashes: Record<string, string>;
  result: Omit<FileResult, 'index'>;
}

interface CacheFile {
  key: string;
  entries: Record<string, Entry>;
}

const hashOf = (buf: Buffer | string) => createHash('sha1').update(buf).digest('hex');

/** A hash of every rules/ file: a change of rule data invalidates the cache. */
export function rulesHash(rulesDir: string): string {
  const h = createHash('sha1');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) h.update(e.name).update(fs.readFileSync(p));
    }
  };
  walk(rulesDir);
  return h.digest('hex');
}

export class ScanCache {
  private data: CacheFile;
  private readonly fileHashes = new Map<string, string | null>();
  private changed = false;

  /**
   * @param key tool version, rules hash and everything of the command line and configuration that changes
   *   results; a different key starts an empty cache.
   */
  constructor(readonly file: string, key: string) {
    let data: CacheFile | undefined;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
    } catch {
      data = undefined;
    }
    this.data = data && data.key === key && data.entries && typeof data.entries === 'object' ? data : { key, entries: {} };
  }

  /** Default location: node_modules/.cache/mt-pii in the project root. */
  static defaultFile(root: string): string {
    return path.join(root, 'node_modules', '.cache', 'mt-pii', 'cache.json');
  }

  private hash(file: string): string | null {
    let h = this.fileHashes.get(file);
    if (h === undefined) {
      try {
        h = hashOf(fs.readFileSync(file));
      } catch {
        h = null;
      }
      this.fileHashes.set(file, h);
    }
    return h;
  }

  /** The cached result of `file` (scanned under configuration `config`) if nothing it depends on changed. */
  get(file: string, config: string): Omit<FileResult, 'index'> | undefined {
    const e = this.data.entries[`${config}\u0000${file}`];
    if (!e) return undefined;
    for (const [f, h] of Object.entries(e.hashes)) if (this.hash(f) !== h) return undefined;
    return e.result;
  }

  set(file: string, config: string, result: FileResult): void {
    if (result.orderDependent || result.skipped?.startsWith('analysis took longer')) return;
    const hashes: Record<string, string> = {};
    for (const f of [file, ...(result.dependencies ?? [])]) {
      const h = this.hash(f);
      if (h === null) return;
      hashes[f] = h;
    }
    const { index: _index, dependencies: _deps, ...rest } = result;
    this.data.entries[`${config}\u0000${file}`] = { hashes, result: rest };
    this.changed = true;
  }

  /** Writes the cache (atomically); a cache that cannot be written is only a lost speed-up. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify(this.data));
      return undefined;
    } catch (e) {
      return `cannot write the cache ${this.file} (${(e as Error).message})`;
    }
  }
}
