import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, ConfigData, ConfigProblem, DEFAULT_CONFIG, KnownIds, ResolvedConfig, mergeConfigs, parseConfig } from './config';
import { Disclosure, loadDisclosure } from './disclosure';
import { customSinkProblems, loadCatalog } from '../catalog/load';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from '../analysis/suppressionIds';
import { configPathProblem } from '../project/insideProject';
import { projectRootOf } from '../project/root';

interface Entry {
  /** The text last read, to notice changes. */
  text?: string;
  /** The last valid content: it stays in force while the file is invalid. */
  valid?: ConfigData;
  problems: ConfigProblem[];
  /** The disclosure in force (inline or from the file it names; the last valid one while that file is invalid). */
  disclosure?: Disclosure;
  /** The file the configuration names for its disclosure, and the text last read from it. */
  disclosureSource?: { file: string; text?: string };
}

/**
 * Finds and loads the mt-pii.json files that apply to a file: the nearest one above it, merged over
 * those above that, up to one marked "root" (or the file system root / the stop folder). Files are
 * re-read when their text changes; an invalid file keeps its last valid content in force and reports
 * its problems.
 *
 * @example
 * const configs = new ConfigLoader(rulesDir);
 * configs.forFile('/app/src/a.ts').config.severities // merged rule severities
 */
export class ConfigLoader {
  private readonly entries = new Map<string, Entry>();
  private readonly schemas = new Map<string, Record<string, unknown> | undefined>();
  private readonly dirs = new Map<string, string | null>();

  constructor(
    private readonly rulesDir: string,
    /** Folders above which no mt-pii.json is looked for (workspace folders); none: up to the file system root. */
    private readonly stopAt: readonly string[] = [],
    /** A file's text; undefined when it does not exist; throws when it exists but cannot be read. */
    private readonly read: (file: string) => string | undefined = readText,
    /** `mt-pii scan -c <file>`: this file alone configures every file (no discovery). */
    private readonly only?: string,
    /** Folders that are projects (the scanned folder, workspace folders): see projectRootOf. */
    private readonly roots: readonly string[] = stopAt,
  ) {}

  /** The configuration for `file`, and the problems of every mt-pii.json in its chain. */
  forFile(file: string): { config: ResolvedConfig; problems: ConfigProblem[] } {
    const chain: { file: string; data: ConfigData; disclosure?: Disclosure }[] = [];
    const problems: ConfigProblem[] = [];
    for (const cfgFile of this.chainFiles(path.dirname(file))) {
      const entry = this.load(cfgFile);
      problems.push(...entry.problems);
      if (entry.valid) {
        chain.unshift({ file: cfgFile, data: entry.valid, disclosure: entry.disclosure });
        if (entry.valid.root) break;
      }
    }
    return { config: chain.length ? mergeConfigs(chain) : DEFAULT_CONFIG, problems };
  }

  /** Problems of one mt-pii.json (for showing them in that file). */
  problemsOf(cfgFile: string, text?: string): ConfigProblem[] {
    return this.load(cfgFile, text).problems;
  }

  /** Whether a configuration names this file (its recorded disclosure): a change there is a configuration change. */
  namesFile(file: string): boolean {
    for (const e of this.entries.values()) if (e.disclosureSource?.file === file) return true;
    return false;
  }

  /** Forget what is known (after mt-pii.json files were created, changed or deleted). */
  reset(): void {
    this.dirs.clear();
    for (const [file, e] of this.entries) {
      const text = this.readOrError(file);
      if (text === undefined) this.entries.delete(file);
      else if (typeof text === 'object') this.entries.set(file, unreadable(file, text.error, e));
      else if (text !== e.text || (e.disclosureSource && this.readOrError(e.disclosureSource.file) !== e.disclosureSource.text)) this.load(file, text, true);
    }
  }

  /** The mt-pii.json files above `dir`, nearest first. */
  private chainFiles(dir: string): string[] {
    if (this.only) return [this.only];
    const out: string[] = [];
    for (let d = dir; ; d = path.dirname(d)) {
      let found = this.dirs.get(d);
      if (found === undefined) {
        const candidate = path.join(d, CONFIG_FILE);
        found = this.readOrError(candidate) !== undefined ? candidate : null;
        this.dirs.set(d, found);
      }
      if (found) out.push(found);
      if (this.stopAt.includes(d) || path.dirname(d) === d) break;
    }
    return out;
  }

  /** Loads a file once; later calls reuse it until reset() (the server calls it when files change). */
  private load(file: string, given?: string, force = false): Entry {
    const prev = this.entries.get(file);
    if (prev && given === undefined) return prev;
    const read = given ?? this.readOrError(file);
    if (typeof read === 'object') {
      const entry = unreadable(file, read.error, prev);
      this.entries.set(file, entry);
      return entry;
    }
    const text = read;
    if (prev && prev.text === text && !force) return prev;
    if (text === undefined) {
      const gone: Entry = { problems: [] };
      this.entries.set(file, gone);
      return gone;
    }
    const root = projectRootOf(file, this.roots);
    const { data, problems } = parseConfig(file, text, (name) => this.schema(name), this.knownIds(), {
      pathProblem: (value) => configPathProblem(value, path.dirname(file), root),
    });
    const entry: Entry = { text, valid: data ?? prev?.valid, problems, disclosure: prev?.disclosure, disclosureSource: prev?.disclosureSource };
    if (data) {
      // The disclosure named by a valid file; while the named file is invalid, the last valid one stays.
      const loaded = loadDisclosure(file, text, data.disclosed, (f) => { const t = this.readOrError(f); return typeof t === 'string' ? t : undefined; }, this.schema('disclosure.schema.json'));
      problems.push(...loaded.problems);
      entry.disclosure = loaded.disclosure ?? (loaded.problems.length && typeof data.disclosed === 'string' ? prev?.disclosure : undefined);
      entry.disclosureSource = loaded.source;
    }
    if (!data && prev?.valid) {
      problems.push({ ...problems[0], message: 'the last valid version of this file stays in force until the problems above are fixed' });
    }
    this.entries.set(file, entry);
    return entry;
  }

  /** The text, undefined when there is no such file, or the reason it exists but cannot be read. */
  private readOrError(file: string): string | undefined | { error: string } {
    try {
      return this.read(file);
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
    }
  }

  private known?: KnownIds | null;

  /** Rule and category ids of the rules/ data, so a misspelt id in mt-pii.json is an error (none if it cannot load). */
  private knownIds(): KnownIds | undefined {
    if (this.known === undefined) {
      const { catalog, problems } = loadCatalog(this.rulesDir);
      this.known = problems.length && !catalog.rules.length ? null : {
        rules: new Set([...catalog.ruleById.keys(), ...catalog.toolRules.keys(), UNUSED_SUPPRESSION, INVALID_SUPPRESSION]),
        categories: new Set(catalog.categories.categories.map((c) => c.id)),
        sinkProblems: (sinks) => customSinkProblems(this.rulesDir, sinks),
      };
    }
    return this.known ?? undefined;
  }

  private schema(name: string): Record<string, unknown> | undefined {
    if (!this.schemas.has(name)) {
      try {
        this.schemas.set(name, JSON.parse(fs.readFileSync(path.join(this.rulesDir, 'schema', name), 'utf8')));
      } catch {
        this.schemas.set(name, undefined);
      }
    }
    return this.schemas.get(name);
  }
}

/** An mt-pii.json that exists but cannot be read: said in the file; its last valid version (if any) stays in force. */
function unreadable(file: string, error: string, prev: Entry | undefined): Entry {
  return { valid: prev?.valid, problems: [{ file, line: 0, character: 0, endLine: 0, endCharacter: 0, message: `cannot read this file (${error})` }] };
}

/** A file's text; undefined when there is none; throws when it exists but cannot be read (a folder, no permission). */
function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}
