// Whether a scan file needs the engine: its text, with the texts of the project files its imports lead to, holds
// a trigger (analysis/triggers.ts). The rest are known to have no finding and are not parsed (the scan's main thread).
import type { ProjectHost } from '../../analysis';
import { ModuleResolver } from '../../analysis/resolve';
import { Found, Triggers, importSpecifiers } from '../../analysis/triggers';
import type { Catalog } from '../../catalog/load';

interface Node {
  file: string;
  found: Found;
  /** Specifiers not yet resolved (resolved when the node is first walked). */
  specifiers?: string[];
  imports: Node[];
  /** Its imports were resolved (or it passed by itself before secondLook asked for them). */
  walked?: boolean;
  /** What the node and everything it imports hold together: PASS once that reaches a sink. */
  union?: Found | typeof PASS;
  /** Tarjan's bookkeeping while the node's component is open. */
  index?: number;
  low?: number;
  open?: boolean;
}

/**
 * What a scan worker checks once a file that passed here is parsed (cli/scan/analyseGroup.ts): whether it still
 * passes when its own roots count only where the engine reads names (code and literals, not comments), with
 * what its imports hold as it was found here. Commented-out `console.log(…)` lines alone no longer make a file
 * worth evaluating.
 */
export interface SecondLook {
  /** The file's own roots, as found in its whole text. */
  roots: string[];
  /** The roots of everything its imports lead to. */
  otherRoots: string[];
  /** The path words of the file and of everything its imports lead to. */
  words: string[];
  /** Resolver notes first met while resolving the file's imports (for the file's result, if it is left out). */
  notes: string[];
}

/** The union of a node that reaches a sink: whatever else its importers hold, they reach one too. */
const PASS = 'pass';

/**
 * Decides, per file of one engine configuration, whether the engine could report anything there. A file is
 * analysed when its text, with the texts of every project file its imports lead to (resolved as the engine
 * resolves them: relative paths, tsconfig `paths`, workspace packages, build aliases; inside the project only;
 * at any depth and through cycles), passes the configuration's triggers. Data moves between files only along
 * imports, so nothing else can end at a sink in it. Each file is read, scanned and resolved once per scan;
 * what a file and its imports hold together is kept per strongly connected component of the import graph.
 */
export class Relevance {
  private readonly triggers: Triggers;
  private readonly resolver: ModuleResolver;
  private readonly nodes = new Map<string, Node | null>();
  private counter = 0;

  constructor(catalog: Catalog, private readonly host: ProjectHost) {
    this.triggers = Triggers.of(catalog);
    this.resolver = new ModuleResolver(host);
  }

  /**
   * Whether `file` (whose text is `text`) can have no finding. Its notes: imports and settings not followed
   * because they lead outside the project, first met while walking its imports.
   */
  quiet(file: string, text: string): { notes: string[] } | undefined {
    // A node made earlier, as someone's import, was made from the same text on disk (and every walk settles its nodes).
    const node = this.nodes.get(file) ?? this.make(file, text);
    const notesBefore = this.resolver.notes.size;
    if (this.unionOf(node) === PASS) return undefined;
    return { notes: this.notesSince(notesBefore) };
  }

  /**
   * For a file that is not quiet, what a worker needs to look again once the file is parsed (SecondLook), or
   * undefined when its imports decide alone: one of them reaches a sink by itself, or imports the file back
   * (a cycle), or the file has no root of its own, or holds the suppression mark.
   */
  secondLook(file: string, text: string): SecondLook | undefined {
    const n = this.nodes.get(file);
    if (!n || n.found.mark || !n.found.roots.size) return undefined;
    // A file that passed by itself was never walked: its imports are resolved now.
    if (!n.walked && !n.specifiers) n.specifiers = importSpecifiers(text);
    const notesBefore = this.resolver.notes.size;
    const otherRoots = new Set<string>();
    const words = new Set(n.found.words);
    for (const d of this.importsOf(n)) {
      const u = this.unionOf(d);
      if (u === PASS) return undefined;
      u.roots.forEach((r) => otherRoots.add(r));
      u.words.forEach((w) => words.add(w));
    }
    return { roots: [...n.found.roots], otherRoots: [...otherRoots], words: [...words], notes: this.notesSince(notesBefore) };
  }

  /** The resolver notes added since it held `before` of them. */
  private notesSince(before: number): string[] {
    return this.resolver.notes.size > before ? [...this.resolver.notes].slice(before) : [];
  }

  private make(file: string, text: string): Node {
    const found = this.triggers.find(text);
    const n: Node = { file, found, imports: [] };
    // A file that reaches a sink by itself needs nothing of its imports.
    if (this.triggers.passes(found)) n.union = PASS;
    else n.specifiers = importSpecifiers(text);
    this.nodes.set(file, n);
    return n;
  }

  private importsOf(n: Node): Node[] {
    n.walked = true;
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

  /** What `start` and everything it imports hold together (Tarjan's algorithm, iterative; each node settled once). */
  private unionOf(start: Node): Found | typeof PASS {
    if (start.union) return start.union;
    const stack: Node[] = [];
    const open = (n: Node) => {
      n.index = n.low = this.counter++;
      n.open = true;
      stack.push(n);
    };
    open(start);
    const frames: { node: Node; next: number }[] = [{ node: start, next: 0 }];
    while (frames.length) {
      const f = frames[frames.length - 1];
      const deps = this.importsOf(f.node);
      if (f.next < deps.length) {
        const d = deps[f.next++];
        if (d.union) continue; // settled: merged when f's component closes
        if (d.index === undefined) {
          open(d);
          frames.push({ node: d, next: 0 });
        } else if (d.open) f.node.low = Math.min(f.node.low!, d.index);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1]?.node;
      if (parent) parent.low = Math.min(parent.low!, f.node.low!);
      if (f.node.low !== f.node.index) continue;
      const members: Node[] = [];
      for (let m = stack.pop()!; ; m = stack.pop()!) {
        m.open = false;
        members.push(m);
        if (m === f.node) break;
      }
      const union = this.close(members);
      for (const m of members) m.union = union;
    }
    return start.union!;
  }

  /** The union of a component whose imports outside it are settled: PASS if any part reaches a sink. */
  private close(members: readonly Node[]): Found | typeof PASS {
    const inside = new Set(members);
    let union: Found | undefined;
    let shared = true;
    // A file holding the suppression mark passes by itself (make), so no union here carries the mark.
    const add = (f: Found) => {
      if (!f.roots.size && !f.words.size) return;
      if (!union) {
        union = f; // shared until something is added to it
        return;
      }
      if ([...f.roots].every((r) => union!.roots.has(r)) && [...f.words].every((w) => union!.words.has(w))) return;
      if (shared) union = { roots: new Set(union.roots), words: new Set(union.words), mark: false };
      shared = false;
      f.roots.forEach((r) => union!.roots.add(r));
      f.words.forEach((w) => union!.words.add(w));
    };
    for (const m of members) {
      if (m.union === PASS) return PASS;
      add(m.found);
      for (const d of m.imports) {
        if (d.union === PASS) return PASS;
        if (d.union && !inside.has(d)) add(d.union);
      }
    }
    if (!union) return { roots: new Set(), words: new Set(), mark: false };
    return this.triggers.passes(union) ? PASS : union;
  }
}
