// Declared types: the members an interface, type alias or type literal gives a value (`user: User`,
// `req.body as OrderInput`), read from the scopes' type declarations. Types only say what a value holds:
// nothing here evaluates code or decides categories (members are read through ExpressionStage.member).
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import type { CategoriesData } from '../catalog/types';
import { NEW } from '../catalog/paths';
import { extendRef } from './refs';
import type { Scope } from './scope';
import type { ExpressionStage } from './stages';
import { isNonDataType, literalComparison, propertyNameText } from './syntax';
import { EMPTY, ShapeVariant, TypeShape, Value, dataOf, union } from './values';
import { addData } from './shapes';

/** Generic types that hold their argument's members. */
const TYPE_WRAPPERS = new Set(['Partial', 'Required', 'Readonly', 'NonNullable', 'Awaited', 'Promise']);

/** The members of a declared type, when the file (or a file it imports) declares it as an object. */
export function typeShape(type: ts.TypeNode, scope: Scope, depth: number): TypeShape | undefined {
  if (depth > 3) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return typeShape(type.type, scope, depth);
  if (ts.isTypeLiteralNode(type)) return membersShape(type.members, scope, depth);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    let out: TypeShape | undefined;
    const variants: ShapeVariant[] = [];
    for (const t of type.types) {
      // Members of a union or intersection are read at the same depth: only references and nesting count.
      const sh = typeShape(t, scope, depth);
      if (sh) for (const [k, v] of sh) (out ??= new Map()).set(k, v);
      const tags = ts.isUnionTypeNode(type) && sh ? literalTags(t, scope, depth) : undefined;
      if (tags?.size) variants.push({ tags, shape: sh! });
    }
    // A discriminated union: every member carries a literal tag, so a check of the tag can tell them apart.
    if (out && variants.length > 1 && variants.length === type.types.length) out.variants = variants;
    return out;
  }
  if (ts.isTypeReferenceNode(type)) {
    // z.infer<typeof schema>, InferOutput<typeof Schema>: a generic over a validation schema holds its fields.
    const q = type.typeArguments?.[0];
    if (q && ts.isTypeQueryNode(q) && ts.isIdentifier(q.exprName)) {
      const sh = scope.lookup(q.exprName.text)?.value.shape;
      if (sh) return sh;
    }
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    const arg = type.typeArguments?.[0];
    if (arg && TYPE_WRAPPERS.has(name)) return typeShape(arg, scope, depth + 1);
    if (arg && name === 'Pick' && type.typeArguments!.length === 2) {
      const sh = typeShape(arg, scope, depth + 1);
      const keys = literalKeys(type.typeArguments![1]);
      return sh && keys ? new Map([...sh].filter(([k]) => keys.has(k))) : undefined;
    }
    if (arg && name === 'Omit' && type.typeArguments!.length === 2) {
      const sh = typeShape(arg, scope, depth + 1);
      const keys = literalKeys(type.typeArguments![1]);
      return sh && keys ? new Map([...sh].filter(([k]) => !keys.has(k))) : sh;
    }
    const decl = scope.lookupType(name);
    if (decl) return declShape(decl, scope, depth + 1);
    return scope.lookup(name)?.value.shape;
  }
  return undefined;
}

export function declShape(decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration, scope: Scope, depth: number): TypeShape | undefined {
  if (depth > 3) return undefined;
  if (ts.isTypeAliasDeclaration(decl)) return typeShape(decl.type, scope, depth);
  let out = membersShape(decl.members, scope, depth);
  for (const h of decl.heritageClauses ?? []) {
    for (const t of h.types) {
      if (!ts.isIdentifier(t.expression)) continue;
      const base = scope.lookupType(t.expression.text);
      const sh = base ? declShape(base, scope, depth + 1) : scope.lookup(t.expression.text)?.value.shape;
      if (sh) for (const [k, v] of sh) if (!out?.has(k)) (out ??= new Map()).set(k, v);
    }
  }
  return out;
}

function membersShape(members: ts.NodeArray<ts.TypeElement>, scope: Scope, depth: number): TypeShape | undefined {
  let out: TypeShape | undefined;
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.name) continue;
    const key = propertyNameText(m.name);
    if (key === undefined || isNonDataType(m.type) || (m.type && ts.isFunctionTypeNode(m.type))) continue;
    (out ??= new Map()).set(key, m.type ? typeShape(m.type, scope, depth + 1) ?? null : null);
  }
  return out;
}

/** The members of a union member typed with a string literal (`kind: 'customer'`), as tag → values. */
function literalTags(t: ts.TypeNode, scope: Scope, depth: number): Map<string, string[]> | undefined {
  let members: ts.NodeArray<ts.TypeElement> | undefined;
  if (ts.isTypeLiteralNode(t)) members = t.members;
  else if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && depth < 3) {
    const decl = scope.lookupType(t.typeName.text);
    if (decl && ts.isInterfaceDeclaration(decl)) members = decl.members;
    else if (decl && ts.isTypeAliasDeclaration(decl)) return literalTags(decl.type, scope, depth + 1);
  }
  let out: Map<string, string[]> | undefined;
  for (const m of members ?? []) {
    if (!ts.isPropertySignature(m) || !m.type || !m.name) continue;
    const key = propertyNameText(m.name);
    const values = key !== undefined ? literalKeys(m.type) : undefined;
    if (values?.size) (out ??= new Map()).set(key!, [...values]);
  }
  return out;
}

/**
 * `author.kind === 'customer'` (or `!==`) on a value of a discriminated union: the members whose tag fits and
 * the others, as the value `author` holds in each branch. Members without that tag stay on both sides.
 */
export function narrowing(cond: ts.Expression, scope: Scope): { name: string; yes: Value; no: Value } | undefined {
  while (ts.isParenthesizedExpression(cond)) cond = cond.expression;
  const c = ts.isBinaryExpression(cond) ? literalComparison(cond) : undefined;
  if (!c || !ts.isPropertyAccessExpression(c.subject) || !ts.isIdentifier(c.subject.expression)) return undefined;
  const n = narrowTag(c.subject, [c.literal], scope);
  return n && (c.equal ? n : { name: n.name, yes: n.no, no: n.yes });
}

/** `switch (author.kind) { case 'customer': … }`: the value `author` holds where the tag is one of `tags`. */
export function narrowTag(access: ts.Expression, tags: readonly string[], scope: Scope): { name: string; yes: Value; no: Value } | undefined {
  while (ts.isParenthesizedExpression(access)) access = access.expression;
  if (!ts.isPropertyAccessExpression(access) || !ts.isIdentifier(access.expression)) return undefined;
  const name = access.expression.text;
  const variants = scope.lookup(name)?.value.variants;
  if (!variants) return undefined;
  const key = access.name.text;
  const has = (vr: (typeof variants)[number]) => !!vr.tags.get(key)?.some((t) => tags.includes(t));
  const fits = variants.filter((vr) => !vr.tags.has(key) || has(vr));
  const rest = variants.filter((vr) => !has(vr));
  if (!fits.length || !rest.length || fits.length === variants.length) return undefined;
  const of = (list: typeof variants): Value => list.reduce<Value>((acc, vr) => (acc === EMPTY ? vr.value : union(acc, vr.value)), EMPTY);
  return { name, yes: of(fits), no: of(rest) };
}

/** A value of a declared type: its members become known properties, named by their keys. */
export function withShape(x: Pick<ExpressionStage, 'member'>, v: Value, shape: TypeShape, node: ts.Node, receiver: string, depth: number): Value {
  const props = new Map<string, Value>();
  const out: Value = { ...v, props, open: true };
  if (shape.variants && depth === 0) {
    out.variants = shape.variants.map((vr) => ({ tags: vr.tags, value: withShape(x, v, vr.shape, node, receiver, depth + 1) }));
  }
  const bare: Value = { ...v, props: undefined, open: undefined };
  for (const [k, sub] of shape) {
    let mv = x.member(bare, k, node, receiver, []);
    if (sub && depth < 2 && !mv.clean) mv = withShape(x, mv, sub, node, k, depth + 1);
    props.set(k, mv);
    addData(out, mv);
  }
  return out;
}

/** What a type name refers to in value space (an imported SDK type: express's Response). */
export function typeRef(name: ts.EntityName, scope: Scope): Value | undefined {
  if (ts.isIdentifier(name)) return scope.lookup(name.text)?.value;
  return undefined;
}

/**
 * What a declared type says a value IS, when it names a class: an instance of a class of the project (in
 * any file: its fields and methods, an SDK client among them) or of an SDK class (`client: PostHog`,
 * `@Inject(STRIPE) stripe: Stripe`), `typeof sdk`, or the first such member of a union (`PostHog | null`).
 */
export function typeInstance(type: ts.TypeNode | undefined, scope: Scope, catalog: Catalog, depth = 0): Value | undefined {
  if (!type || depth > 3) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return typeInstance(type.type, scope, catalog, depth + 1);
  if (ts.isUnionTypeNode(type)) {
    for (const t of type.types) {
      const v = typeInstance(t, scope, catalog, depth + 1);
      if (v) return v;
    }
    return undefined;
  }
  if (ts.isTypeQueryNode(type) && ts.isIdentifier(type.exprName)) {
    const v = scope.lookup(type.exprName.text)?.value;
    return v?.ref || v?.provides ? v : undefined; // typeof datadogRum
  }
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const arg = type.typeArguments?.[0];
  if (arg && ts.isIdentifier(type.typeName) && TYPE_WRAPPERS.has(type.typeName.text)) return typeInstance(arg, scope, catalog, depth + 1);
  const named = typeRef(type.typeName, scope);
  return named ? instanceOf(named, catalog) : undefined;
}

/** An instance of a class value: a project class's fields and methods, or what constructing an SDK class makes. */
export function instanceOf(v: Value, catalog: Catalog): Value | undefined {
  if (v.cls) {
    const inst: Value = { props: v.cls.fields.props, cls: v.cls };
    const sdk = v.ref ? extendRef(catalog, v.ref, NEW) : undefined; // class AppDB extends Dexie
    return sdk?.ref ? { ...inst, ref: sdk.ref } : inst;
  }
  if (!v.ref) return undefined;
  if (v.ref.root.startsWith('h:')) return v.ref.path.length ? undefined : { ref: v.ref };
  const made = extendRef(catalog, v.ref, NEW);
  return made.ref?.root.startsWith('h:') ? made : undefined;
}

/** 'email' | 'phone' as a set of keys. */
function literalKeys(t: ts.TypeNode): Set<string> | undefined {
  const parts = ts.isUnionTypeNode(t) ? t.types : [t];
  const keys = new Set<string>();
  for (const p of parts) {
    if (!ts.isLiteralTypeNode(p) || !ts.isStringLiteral(p.literal)) return undefined;
    keys.add(p.literal.text);
  }
  return keys;
}

type SchemaRules = NonNullable<CategoriesData['schemas']>;

/**
 * A validation schema's fields, read from its syntax (never run): `z.object({ email: z.string().email() })`
 * and what derives from it (`.extend({...})`, `.pick({ email: true })`, `.partial()`), kept on the value as
 * its `shape`; `schema.parse(body)` is then an object of those fields, `safeParse` one under `data`.
 */
export function schemaCall(
  rules: SchemaRules | undefined, x: Pick<ExpressionStage, 'member'>, full: string | undefined, method: string | undefined,
  recv: Value | undefined, values: Value[], args: ts.NodeArray<ts.Expression>, node: ts.Node,
): Value | undefined {
  if (!rules) return undefined;
  if (full !== undefined && rules.makers.includes(full)) {
    const shape = args[0] && ts.isObjectLiteralExpression(args[0]) ? fieldsOf(rules, args[0], values[0]) : undefined;
    return shape ? { shape } : undefined;
  }
  const base = recv?.shape;
  if (!base || method === undefined) return undefined;
  if (rules.keepShape.includes(method)) return { shape: base };
  if (rules.addFields.includes(method)) {
    const arg = args[0];
    const more = arg && ts.isObjectLiteralExpression(arg) ? fieldsOf(rules, arg, values[0]) : values[0]?.shape;
    return { shape: more ? new Map([...base, ...more]) : base };
  }
  const keep = rules.pickFields.includes(method), drop = rules.omitFields.includes(method);
  if (keep || drop) {
    const arg = args[0];
    if (!arg || !ts.isObjectLiteralExpression(arg)) return { shape: base };
    const keys = new Set(arg.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined)).filter((k): k is string => k !== undefined));
    return { shape: new Map([...base].filter(([k]) => keys.has(k) === keep)) };
  }
  // Validating an object the code builds (schema.parse({ ip: '127.0.0.1', … })) yields that object's own values
  // for the schema's keys (the others are stripped), not what the field names suggest. Only input of unknown
  // shape takes the schema's fields.
  const input = values[0];
  const parsed = (): Value => (input?.props && !input.open ? keysOf(input, base) : withShape(x, dataOf(input ?? {}), base, node, method, 0));
  if (rules.parseMethods.includes(method)) return parsed();
  if (rules.safeParseMethods.includes(method)) return { props: new Map([[rules.resultKey, parsed()]]), open: true };
  return undefined;
}

/** The fields of `{ email: z.string(), age: z.number(), address: addressSchema }` (numbers and booleans left out). */
function fieldsOf(rules: SchemaRules, obj: ts.ObjectLiteralExpression, v: Value | undefined): TypeShape | undefined {
  const out: TypeShape = new Map();
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const key = propertyNameText(p.name);
    if (key === undefined) continue;
    if (ts.isPropertyAssignment(p) && rules.nonDataFields.includes(innermostCallName(p.initializer) ?? '')) continue;
    out.set(key, v?.props?.get(key)?.shape ?? null);
  }
  return out.size ? out : undefined;
}

/** `z.coerce.number().int().positive()` → 'number': the call a field schema's chain starts with. */
function innermostCallName(e: ts.Expression): string | undefined {
  let name: string | undefined;
  for (let i = 0; i < 20 && ts.isCallExpression(e); i++) {
    const c = e.expression;
    if (ts.isPropertyAccessExpression(c)) {
      name = c.name.text;
      e = c.expression;
    } else {
      name = ts.isIdentifier(c) ? c.text : undefined;
      break;
    }
  }
  return name;
}

/** The properties of a known object that a schema keeps (zod strips the others), with their data. */
function keysOf(input: Value, shape: TypeShape): Value {
  const props = new Map<string, Value>();
  const out: Value = { props };
  for (const [k, v] of input.props!) {
    if (!shape.has(k)) continue;
    props.set(k, v);
    addData(out, v);
  }
  return out;
}
