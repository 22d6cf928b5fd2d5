// ORM models declared outside code (Prisma's schema.prisma), read as data — never run — so that a row typed
// or returned as `User` has the model's fields. Files are read only through the ProjectHost, inside the project.
import * as path from 'path';
import type { CategoriesData } from '../catalog/types';
import type { ProjectHost } from './resolve';
import type { TypeShape } from './values';

type ModelRules = NonNullable<CategoriesData['dataModels']>;

/** A schema file larger than this is not read (a generated schema of thousands of models says little more). */
const MAX_SCHEMA_CHARS = 1_000_000;
const MAX_MODELS = 2000;

/**
 * The models of the schema file that governs each package (found from its package.json folder up), cached
 * per folder.
 *
 * @example
 * new DataModels(host, rules).modelsFor('/app/src/lib/db.ts')?.get('User') // → Map { 'email' => null, 'name' => null }
 */
export class DataModels {
  private readonly byDir = new Map<string, ReadonlyMap<string, TypeShape> | null>();

  constructor(private readonly host: ProjectHost, private readonly rules: ModelRules | undefined) {}

  /** Whether an import from `spec` is one of the ORM client modules (data: dataModels.modules). */
  isModelModule(spec: string): boolean {
    return !!this.rules?.modules.includes(spec);
  }

  modelsFor(file: string): ReadonlyMap<string, TypeShape> | undefined {
    if (!this.rules) return undefined;
    return this.forDir(path.dirname(file), 0) ?? undefined;
  }

  private forDir(dir: string, depth: number): ReadonlyMap<string, TypeShape> | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const manifest = path.join(dir, 'package.json');
    const isPackage = this.host.fileExists(manifest);
    // Each folder up to the package root (the one with package.json) may hold the schema at the usual places.
    let found = this.readDir(dir, isPackage ? manifest : undefined);
    if (!found && !isPackage) {
      const parent = path.dirname(dir);
      if (parent !== dir && depth < 40 && !this.host.outside?.(parent)) found = this.forDir(parent, depth + 1);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** The schema of a folder: the package.json key (a file, or a folder holding the schema file), else the usual places. */
  private readDir(dir: string, manifest: string | undefined): ReadonlyMap<string, TypeShape> | null {
    const rules = this.rules!;
    const candidates: string[] = [];
    let declared: unknown;
    try {
      declared = manifest ? JSON.parse(this.host.readFile(manifest) ?? '{}') : undefined;
      for (const k of rules.packageKey) declared = declared && typeof declared === 'object' ? (declared as Record<string, unknown>)[k] : undefined;
    } catch {
      declared = undefined;
    }
    if (typeof declared === 'string' && !path.isAbsolute(declared)) {
      const p = path.resolve(dir, declared);
      candidates.push(p, path.join(p, rules.schemaFileName));
    }
    for (const f of rules.schemaFiles) candidates.push(path.join(dir, f));
    for (const f of rules.schemaFolders) candidates.push(path.join(dir, f, rules.schemaFileName));
    for (const c of candidates) {
      // Held inside the project like tsconfig paths: a schema named outside it is not read.
      if (!isInsideDir(c, dir) || this.host.outside?.(c) || !this.host.fileExists(c)) continue;
      const text = this.host.readFile(c);
      if (text === undefined || text.length > MAX_SCHEMA_CHARS) continue;
      return parseModels(text, rules);
    }
    return null;
  }
}

function isInsideDir(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * `model User { id String @id  email String  posts Post[] }` → User: { id, email } — one pass over the lines:
 * a field is the first word of a line inside a `model` (or composite `type`) block; relations to other
 * models, block attributes (`@@index`) and fields of non-data types (Boolean, Int) are left out.
 */
export function parseModels(text: string, rules: Pick<ModelRules, 'nonDataTypes'>): ReadonlyMap<string, TypeShape> {
  const raw = new Map<string, [string, string][]>();
  const composite = new Set<string>();
  let current: [string, string][] | undefined;
  for (const line of text.split('\n')) {
    const slash = line.indexOf('//');
    const t = (slash >= 0 ? line.slice(0, slash) : line).trim();
    if (!t) continue;
    if (!current) {
      const m = /^(model|type)\s+([A-Za-z_]\w*)\s*\{/.exec(t);
      if (m && raw.size < MAX_MODELS) {
        raw.set(m[2], (current = []));
        if (m[1] === 'type') composite.add(m[2]);
      }
      continue;
    }
    if (t.startsWith('}')) {
      current = undefined;
      continue;
    }
    if (t.startsWith('@')) continue;
    const m = /^([A-Za-z_]\w*)\s+([A-Za-z_]\w*)/.exec(t);
    if (m) current.push([m[1], m[2]]);
  }
  const nonData = new Set(rules.nonDataTypes);
  const out = new Map<string, TypeShape>();
  for (const name of raw.keys()) out.set(name, new Map());
  for (const [name, fields] of raw) {
    const shape = out.get(name)!;
    for (const [field, type] of fields) {
      if (nonData.has(type)) continue;
      const other = out.get(type);
      // A relation (owner User) is absent unless the query includes it; a composite type is part of the row.
      if (other && !composite.has(type)) continue;
      shape.set(field, other ?? null);
    }
  }
  return out;
}
