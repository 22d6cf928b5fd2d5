// Files of one project analysed together: an imported project module is analysed once and what it exports
// flows into its importers; results are cached per file version. File contents come from the ProjectHost;
// each file is analysed by analyzeFile alone: this file only caches results and hands exports across.
import type * as ts from 'typescript';
import type { Catalog } from '../catalog/load';
import { AnalysisResult, CachedResult, analyzeFile } from './analyzeFile';
import { DataModels } from './dataModels';
import type { AnalyzeOptions } from './options';
import { ModuleResolver, ProjectHost } from './resolve';
import type { ModuleExports } from './values';

interface ModuleEntry {
  state: 'running' | 'done';
  /** Host version of the file when analysed (see ProjectHost.version); undefined for editor text. */
  version?: string;
  result?: CachedResult;
  /** Project modules whose exports this file's analysis read (its direct imports). */
  imports: Set<string>;
  /**
   * The result depends on the order files were analysed in: an import cycle was cut at a module still
   * being analysed, or an import's analysis was cancelled (directly or through an import).
   */
  orderDependent: boolean;
}

/**
 * Files of one project analysed together: an imported project module (relative path or tsconfig
 * alias) is analysed once, and what it exports — wrapper functions with their summaries, SDK instances —
 * flows into the files that import it. Results are cached per file; `invalidate` drops them.
 *
 * @example
 * const project = new Project(catalog, fsHost);
 * project.analyze('/app/src/pages/signup.ts').findings // includes flows into /app/src/lib/analytics.ts
 */
export class Project {
  private resolver: ModuleResolver;
  /** ORM models read from schema files (schema.prisma), per package. */
  private models: DataModels;
  private readonly modules = new Map<string, ModuleEntry>();

  constructor(
    readonly catalog: Catalog,
    readonly host: ProjectHost & { version?(file: string): string | undefined; reset?(): void },
    readonly options: AnalyzeOptions = {},
    /** The path fingerprints use for a file (relative to the project), whichever way it was reached. */
    private readonly fingerprintPathOf: (file: string) => string = (f) => f,
  ) {
    this.resolver = new ModuleResolver(host);
    this.models = new DataModels(host, catalog.categories.dataModels);
  }

  /**
   * Analyses `file` (its text from the host unless given, e.g. an editor buffer). Cached results are
   * reused while the host reports the same version of the file. Give `diskVersion` when `text` was
   * read from disk, so importers may reuse the result.
   */
  analyze(file: string, text?: string, options: AnalyzeOptions = {}, diskVersion?: string, parsed?: ts.SourceFile): AnalysisResult | CachedResult | undefined {
    const entry = this.modules.get(file);
    const version = text === undefined ? this.host.version?.(file) : diskVersion;
    if (text === undefined && entry?.state === 'done' && entry.result) {
      if (entry.version === version) return entry.result;
      // The file changed on disk (or was last analysed from an editor buffer): importers may be stale too.
      if (entry.version !== undefined) this.invalidate();
    }
    const source = text ?? this.host.readFile(file);
    if (source === undefined) return undefined;
    const own: ModuleEntry = { state: 'running', version, imports: new Set(), orderDependent: false };
    this.modules.set(file, own);
    try {
      const result = analyzeFile(file, source, this.catalog, {
        ...this.options,
        fingerprintPath: this.fingerprintPathOf(file),
        ...options,
        importer: (spec) => {
          const target = this.resolver.resolve(file, spec);
          if (!target) return undefined;
          own.imports.add(target);
          const exports = this.exportsOf(target);
          const dep = this.modules.get(target);
          // A cycle cut here (the module is still running), an order-dependent import, or an import whose
          // analysis was cancelled make this result depend on the order of analysis too.
          if (dep?.state === 'running' || dep?.orderDependent || (!dep && this.options.isCancelled?.())) own.orderDependent = true;
          return exports;
        },
        dataModels: (spec) => (this.models.isModelModule(spec) ? this.models.modelsFor(file) : undefined),
        importReadsSignal: (spec) => {
          const target = this.resolver.resolve(file, spec);
          return !!(target && this.modules.get(target)?.result?.readsOptOutSignal);
        },
      }, text === undefined ? undefined : parsed);
      own.result = { ...result, sourceFile: undefined } as CachedResult;
      delete (own.result as Partial<AnalysisResult>).sourceFile;
      own.state = 'done';
      return result;
    } catch (e) {
      this.modules.delete(file);
      throw e;
    }
  }

  /** What import resolution did not follow because it leads outside the project (tsconfig extends, paths). */
  resolverNotes(): string[] {
    return [...this.resolver.notes];
  }

  /** Cached result of a file analysed earlier (as a scan target or as someone's import). */
  cached(file: string): CachedResult | undefined {
    return this.modules.get(file)?.result;
  }

  /**
   * Whether the cached result of `file` depends on the order files were analysed in (an import cycle, a
   * cancelled import). Results that do not are the same whichever files were analysed before them.
   */
  isOrderDependent(file: string): boolean {
    return !!this.modules.get(file)?.orderDependent;
  }

  /** Drops the cached results that depend on analysis order (see isOrderDependent); keeps the rest. */
  forgetOrderDependent(): void {
    for (const [f, e] of this.modules) if (e.state === 'done' && e.orderDependent) this.modules.delete(f);
  }

  /** Every project module the cached result of `file` was computed from, itself excluded (its imports, theirs, …). */
  dependenciesOf(file: string): string[] {
    const seen = new Set<string>([file]);
    const todo = [file];
    while (todo.length) {
      for (const dep of this.modules.get(todo.pop()!)?.imports ?? []) {
        if (!seen.has(dep)) {
          seen.add(dep);
          todo.push(dep);
        }
      }
    }
    seen.delete(file);
    return [...seen].sort();
  }

  /** Drops cached results: of one file, or of all (and what was learnt about the file system). */
  invalidate(file?: string): void {
    if (file) {
      this.modules.delete(file);
      return;
    }
    for (const [f, e] of this.modules) if (e.state === 'done') this.modules.delete(f);
    this.resolver = new ModuleResolver(this.host);
    this.models = new DataModels(this.host, this.catalog.categories.dataModels);
    this.host.reset?.();
  }

  private exportsOf(file: string): ModuleExports | undefined {
    const entry = this.modules.get(file);
    if (entry?.state === 'running') return undefined; // an import cycle: the module is still being analysed
    try {
      return this.analyze(file, undefined, { isCancelled: this.options.isCancelled })?.exports;
    } catch {
      return undefined; // an imported module that cannot be analysed leaves its imports unknown
    }
  }
}
