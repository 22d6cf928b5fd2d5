// The project index: module summaries (exports, function summaries, SDK instances, findings) computed once
// per file content and configuration, shared by every analysis, invalidated along imports, bounded by bytes.
import { createHash } from 'crypto';
import type * as ts from 'typescript';
import { AnalysisResult, AnalyzeOptions, Cancelled, CachedResult, ProjectHost, analyzeFile } from '../analysis';
import { isBuildConfig } from '../analysis/buildAliases';
import { ModuleResolver } from '../analysis/resolve';
import type { ModuleExports } from '../analysis/values';
import type { Catalog } from '../catalog/load';

/** The files the index reads: overlays (unsaved editor buffers) over the disk, with a cheap change stamp. */
export interface IndexHost extends ProjectHost {
  /** A stamp that changes when the file changes on disk (mtime and size); undefined when it is gone. */
  version(file: string): string | undefined;
  /** Forget cached directory listings (files were created or deleted). */
  reset(): void;
}

/** One team configuration (mt-pii.json options and sinks): summaries depend on it. */
export interface Space {
  readonly key: string;
  readonly catalog: Catalog;
  readonly options: AnalyzeOptions;
}

/** The work of one top-level analysis: its budget, and what it did (for stats, retries and tests). */
export interface IndexJob {
  isCancelled?: () => boolean;
  /** Modules analysed (cache misses), in order. */
  readonly analysed: string[];
  /** Modules whose analysis the budget stopped (the target last). */
  readonly incomplete: string[];
  /** Files whose content was checked in this job (each at most once). */
  readonly checked: Set<string>;
}

export function newJob(isCancelled?: () => boolean): IndexJob {
  return { isCancelled, analysed: [], incomplete: [], checked: new Set() };
}

interface Entry {
  readonly file: string;
  readonly space: Space;
  /** Content hash of the text analysed. */
  hash: string;
  /** Disk stamp when the text came from disk (lets a later look-up skip reading the file). */
  stamp?: string;
  state: 'running' | 'done';
  /** Undefined when the module could not be analysed (cached too, so it is not retried per importer). */
  result?: CachedResult;
  bytes: number;
  /** An import of a project path did not resolve: a file created later may change this module. */
  unresolved?: boolean;
}

export interface IndexStats {
  entries: number;
  bytes: number;
  budgetBytes: number;
  hits: number;
  misses: number;
  evictions: number;
  /** The last modules analysed (most recent last), for the status command and tests. */
  recent: string[];
}

/**
 * Bytes an entry is taken to hold: a fixed part (maps, findings, summaries) plus a multiple of its text (the
 * syntax subtrees its function summaries and flow steps keep). Measured on generated workspaces with
 * `--expose-gc` (scripts/bench-lsp.js prints the estimate beside the worker's heap).
 */
const ENTRY_OVERHEAD = 8 * 1024;
const BYTES_PER_CHAR = 16;
const RECENT = 200;

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * Module summaries of a workspace, for every configuration in use. An entry is valid while its file has
 * the same content (editor buffer or disk); when a file changes, its entry and those of every module that
 * imports it (transitively) are dropped — nothing else. Entries beyond the byte budget are evicted least
 * recently used first; an evicted module is analysed again when next needed (its importers stay valid).
 */
export class ModuleIndex {
  private readonly spaces = new Map<string, { space: Space; entries: Map<string, Entry>; resolver: ModuleResolver }>();
  /** Least recently used first: `${space}\u0000${file}` → entry. */
  private readonly lru = new Map<string, Entry>();
  /** file → files that import it (any configuration); kept across eviction so invalidation stays complete. */
  private readonly importers = new Map<string, Set<string>>();
  private readonly overlays = new Map<string, { text: string; hash: string }>();
  private totalBytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private readonly recent: string[] = [];

  constructor(private readonly host: IndexHost, public budgetBytes: number) {}

  /** A configuration to analyse with; the same key returns the same space. */
  space(key: string, make: () => Omit<Space, 'key'>): Space {
    let s = this.spaces.get(key);
    if (!s) {
      const space = { key, ...make() };
      s = { space, entries: new Map(), resolver: new ModuleResolver(this.readHost) };
      this.spaces.set(key, s);
    }
    return s.space;
  }

  /**
   * Sets (or, with undefined, removes) the unsaved text of an open file. Returns the files whose
   * summaries were dropped because of it: the file and its importers, or none when the content is the same.
   */
  setOverlay(file: string, text: string | undefined): string[] {
    const before = this.contentHash(file);
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, { text, hash: contentHash(text) });
    return this.contentHash(file) === before ? [] : this.invalidate(file);
  }

  hasOverlay(file: string): boolean {
    return this.overlays.has(file);
  }

  /**
   * Files changed on disk (or were created or deleted). Returns the files whose summaries were dropped:
   * changed files whose content differs, their importers, and modules whose imports may now resolve.
   */
  filesChanged(files: readonly string[], created: boolean): string[] {
    this.host.reset();
    const dropped = new Set<string>();
    // A build config (vite.config.ts, svelte.config.js…) declares import aliases: any import may resolve anew.
    const aliases = files.some(isBuildConfig);
    if (created || aliases) {
      // Resolutions may change: fresh resolvers, and modules with unresolved imports are analysed again.
      for (const s of this.spaces.values()) {
        s.resolver = new ModuleResolver(this.readHost);
        for (const e of [...s.entries.values()]) if (e.unresolved || aliases) for (const f of this.invalidate(e.file)) dropped.add(f);
      }
    }
    for (const file of files) {
      const known = [...this.spaces.values()].map((s) => s.entries.get(file)).filter((e): e is Entry => !!e && e.state === 'done');
      if (!known.length) {
        if (this.importers.has(file)) for (const f of this.invalidate(file)) dropped.add(f);
        continue;
      }
      const now = this.overlays.get(file)?.hash ?? this.diskHash(file);
      if (known.some((e) => e.hash !== now)) for (const f of this.invalidate(file)) dropped.add(f);
    }
    return [...dropped];
  }

  /**
   * Analyses `file` in `space`: from the cache when its content is unchanged, else from `text` (an
   * editor buffer, parsed with `parse` if given, e.g. incrementally) or the overlay or the disk. Throws `Cancelled` when the job's
   * budget runs out (modules finished before that stay cached); other errors propagate too.
   */
  analyze(
    file: string, space: Space, job: IndexJob, text?: string, parse?: (text: string) => ts.SourceFile, lazyExports = false,
  ): AnalysisResult | CachedResult | undefined {
    const s = this.spaces.get(space.key)!;
    const key = `${space.key}\u0000${file}`;
    let hash: string;
    let stamp: string | undefined;
    let source = text;
    const entry = s.entries.get(file);
    if (text !== undefined) {
      const overlay = this.overlays.get(file);
      hash = overlay?.text === text ? overlay.hash : contentHash(text); // the live text is usually the overlay just set
    }
    else {
      const c = this.content(file, entry, job);
      if (!c) {
        if (entry) this.invalidate(file);
        return undefined;
      }
      ({ hash, stamp } = c);
      source = c.text;
    }
    if (entry?.state === 'done' && entry.hash === hash) {
      if (stamp) entry.stamp = stamp;
      this.touch(key, entry);
      this.hits++;
      if (!entry.result) throw new Error('this module could not be analysed before');
      return entry.result;
    }
    if (entry?.state === 'running') return undefined; // an import cycle: the module is being analysed
    if (entry) this.invalidate(file); // its content changed: so may what its importers learnt from it
    source ??= this.readHost.readFile(file);
    if (source === undefined) return undefined;
    this.misses++;
    const own: Entry = { file, space, hash, stamp, state: 'running', bytes: 0 };
    s.entries.set(file, own);
    job.analysed.push(file);
    this.recent.push(file);
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
    let result: AnalysisResult;
    try {
      // A spent budget stops before another module starts, not only inside the engine's walk.
      if (job.isCancelled?.()) throw new Cancelled();
      result = analyzeFile(file, source, space.catalog, {
        ...space.options,
        lazyExports,
        isCancelled: job.isCancelled,
        importer: (spec) => {
          const target = s.resolver.resolve(file, spec);
          if (!target) {
            if (spec.startsWith('.')) own.unresolved = true;
            return undefined;
          }
          this.addImport(file, target);
          return this.exportsOf(target, space, job);
        },
        // The editor's view of whether the opt-out preference signal is read: this module or what it imports.
        importReadsSignal: (spec) => {
          const target = s.resolver.resolve(file, spec);
          return !!(target && s.entries.get(target)?.result?.readsOptOutSignal);
        },
      }, text !== undefined ? parse?.(text) : undefined);
    } catch (e) {
      if (e instanceof Cancelled) {
        s.entries.delete(file);
        job.incomplete.push(file);
      } else this.store(key, own, undefined, source.length);
      throw e;
    }
    // Copied by descriptor: a lazy `exports` (AnalyzeOptions.lazyExports) stays lazy.
    const cached = Object.defineProperties({}, Object.getOwnPropertyDescriptors(result)) as Partial<AnalysisResult>;
    delete cached.sourceFile;
    this.store(key, own, cached as CachedResult, source.length);
    return result;
  }

  /** The current text of a file: its overlay, else the disk. */
  text(file: string): string | undefined {
    return this.readHost.readFile(file);
  }

  /** What the index holds, for the status command, the benchmark and tests. */
  stats(): IndexStats {
    return {
      entries: this.lru.size, bytes: this.totalBytes, budgetBytes: this.budgetBytes, hits: this.hits, misses: this.misses,
      evictions: this.evictions, recent: [...this.recent],
    };
  }

  /** Evicts least recently used entries until the total fits the budget. */
  trim(): void {
    for (const [key, e] of this.lru) {
      if (this.totalBytes <= this.budgetBytes) break;
      this.drop(key, e);
      this.evictions++;
    }
  }

  /** Drops the entries of `file` and of every module importing it, transitively; returns those files. */
  invalidate(file: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>([file]);
    const queue = [file];
    for (let i = 0; i < queue.length; i++) {
      const f = queue[i];
      out.push(f);
      for (const s of this.spaces.values()) {
        const e = s.entries.get(f);
        if (e && e.state === 'done') this.drop(`${s.space.key}\u0000${f}`, e);
      }
      for (const imp of this.importers.get(f) ?? []) {
        if (!seen.has(imp)) {
          seen.add(imp);
          queue.push(imp);
        }
      }
    }
    return out;
  }

  /** The host as the engine's resolver and readers see it: overlays first. */
  private readonly readHost: ProjectHost = {
    readFile: (file) => this.overlays.get(file)?.text ?? this.host.readFile(file),
    fileExists: (file) => this.overlays.has(file) || this.host.fileExists(file),
    listDirs: (dir) => this.host.listDirs?.(dir) ?? [],
  };

  private exportsOf(file: string, space: Space, job: IndexJob): ModuleExports | undefined {
    try {
      return this.analyze(file, space, job)?.exports;
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return undefined; // an imported module that cannot be analysed leaves its imports unknown
    }
  }

  /** The content identity of a file now (overlay or disk); the text only when it had to be read. */
  private content(file: string, entry: Entry | undefined, job: IndexJob): { hash: string; stamp?: string; text?: string } | undefined {
    const overlay = this.overlays.get(file);
    if (overlay) return { hash: overlay.hash, text: overlay.text };
    if (entry?.state === 'done' && entry.stamp && job.checked.has(file)) return { hash: entry.hash, stamp: entry.stamp };
    job.checked.add(file);
    const stamp = this.host.version(file);
    if (stamp === undefined) return undefined;
    if (entry?.state === 'done' && entry.stamp === stamp) return { hash: entry.hash, stamp };
    const text = this.host.readFile(file);
    if (text === undefined) return undefined;
    return { hash: contentHash(text), stamp, text };
  }

  private contentHash(file: string): string | undefined {
    return this.overlays.get(file)?.hash ?? this.diskHash(file);
  }

  private diskHash(file: string): string | undefined {
    const text = this.host.readFile(file);
    return text === undefined ? undefined : contentHash(text);
  }

  private addImport(from: string, to: string): void {
    let set = this.importers.get(to);
    if (!set) this.importers.set(to, (set = new Set()));
    set.add(from);
  }

  private store(key: string, entry: Entry, result: CachedResult | undefined, chars: number): void {
    entry.result = result;
    entry.state = 'done';
    entry.bytes = ENTRY_OVERHEAD + BYTES_PER_CHAR * chars;
    this.lru.set(key, entry);
    this.totalBytes += entry.bytes;
    this.trim();
  }

  private touch(key: string, entry: Entry): void {
    this.lru.delete(key);
    this.lru.set(key, entry);
  }

  private drop(key: string, entry: Entry): void {
    if (!this.lru.delete(key)) return;
    this.totalBytes -= entry.bytes;
    const s = this.spaces.get(entry.space.key);
    if (s?.entries.get(entry.file) === entry) s.entries.delete(entry.file);
  }
}
