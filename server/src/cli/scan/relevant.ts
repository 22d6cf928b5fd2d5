// Whether a scan file needs the engine: its text, with the texts of the project files its imports lead to, holds
// a trigger (analysis/triggers.ts). The rest are known to have no finding and are not parsed. One per thread.
import type { ProjectHost } from '../../analysis';
import { ModuleResolver } from '../../analysis/resolve';
import { Triggers, importSpecifiers } from '../../analysis/triggers';
import type { Catalog } from '../../catalog/load';

interface Node {
  file: string;
  /** Catalog roots in its text. */
  roots: Set<string>;
  /** It reaches a sink by itself (or holds a suppression directive). */
  alone: boolean;
  /** Path words looked for in its text, and whether each is there. */
  words: Map<string, boolean>;
  /** Specifiers not yet resolved (resolved on the first walk through the node). */
  specifiers?: string[];
  imports: Node[];
}

/** What a quiet file's verdict rests on. */
export interface Quiet {
  /** Project files its imports lead to (for --cache: a change to any of them can change the verdict). */
  dependencies: string[];
  /** Imports and settings not followed because they lead outside the project. */
  notes: string[];
}

/**
 * Decides, per file of one engine configuration, whether the engine could report anything there. A file is
 * analysed when its text, with the texts of every project file its imports lead to (resolved as the engine
 * resolves them: relative paths, tsconfig `paths`, workspace packages, build aliases; inside the project only;
 * at any depth and through cycles), passes the configuration's triggers. Data moves between files only along
 * imports, so nothing else can end at a sink in it. Texts are not kept: a word looked for later is read again.
 */
export class Relevance {
  private readonly triggers: Triggers;
  private readonly resolver: ModuleResolver;
  private readonly nodes = new Map<string, Node | null>();

  constructor(catalog: Catalog, private readonly host: ProjectHost) {
    this.triggers = new Triggers(catalog);
    this.resolver = new ModuleResolver(host);
  }

  /** Undefined when `file` (whose text is `text`) needs analysis; else what its quiet verdict rests on. */
  quiet(file: string, text: string): Quiet | undefined {
    const start = this.make(file, text);
    this.nodes.set(file, start);
    if (start.alone) return undefined;
    const notesBefore = this.resolver.notes.size;
    const closure = [start];
    const seen = new Set(closure);
    const roots = new Set(start.roots);
    for (let i = 0; i < closure.length; i++) {
      const n = closure[i];
      if (n.alone) return undefined;
      n.roots.forEach((r) => roots.add(r));
      for (const d of this.importsOf(n)) if (!seen.has(d)) seen.add(d), closure.push(d);
    }
    // A root in one file and the words of its path in others (`new PostHog()` exported, `client.capture(…)` here).
    if (roots.size && closure.length > 1) {
      const words = [...this.triggers.wordsFor(roots)];
      for (const n of closure) this.lookFor(n, words, n === start ? text : undefined);
      if (this.triggers.passes(roots, (w) => closure.some((n) => n.words.get(w)))) return undefined;
    }
    return {
      dependencies: closure.slice(1).map((n) => n.file),
      notes: this.resolver.notes.size > notesBefore ? [...this.resolver.notes].slice(notesBefore) : [],
    };
  }

  private make(file: string, text: string): Node {
    const roots = this.triggers.roots(text);
    const n: Node = { file, roots: roots === 'mark' ? new Set() : roots, alone: roots === 'mark', words: new Map(), specifiers: importSpecifiers(text), imports: [] };
    if (!n.alone && n.roots.size) {
      this.lookFor(n, [...this.triggers.wordsFor(n.roots)], text);
      n.alone = this.triggers.passes(n.roots, (w) => !!n.words.get(w));
    }
    return n;
  }

  /** Records which of `words` the node's text holds (read again when not given). */
  private lookFor(n: Node, words: readonly string[], text?: string): void {
    const missing = words.filter((w) => !n.words.has(w));
    if (!missing.length) return;
    const source = text ?? this.host.readFile(n.file) ?? '';
    for (const w of missing) n.words.set(w, this.triggers.hasWord(source, w));
  }

  private importsOf(n: Node): Node[] {
    if (n.specifiers) {
      for (const spec of new Set(n.specifiers)) {
        const target = this.resolver.resolve(n.file, spec);
        const node = target && target !== n.file ? this.node(target) : undefined;
        if (node) n.imports.push(node);
      }
      n.specifiers = undefined;
    }
    return n.imports;
  }

  private node(file: string): Node | undefined {
    let n = this.nodes.get(file);
    if (n === undefined) {
      const text = this.host.readFile(file);
      n = text === undefined ? null : this.make(file, text);
      this.nodes.set(file, n);
    }
    return n ?? undefined;
  }
}
