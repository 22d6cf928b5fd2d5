/**
 * A small JSON Schema (draft-07 subset) validator, enough for the schemas in rules/schema:
 * type, enum, const, properties, required, additionalProperties, items, minItems, minLength,
 * pattern, minimum, oneOf, $ref to #/definitions/*. Messages name the JSON path of the problem.
 */

export interface SchemaProblem {
  /** JSON path, e.g. `instances[0].calls[2].args` ('' for the root). */
  path: string;
  message: string;
}

type Schema = { [key: string]: unknown };

/**
 * Validates `value` against `schema` and returns every problem found.
 *
 * @example
 * validate({ type: 'object', required: ['id'] }, {}) // → [{ path: '', message: "missing required property 'id'" }]
 */
export function validate(schema: Schema, value: unknown, root: Schema = schema, path = '', external?: (name: string) => Schema | undefined): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    if (!ref.startsWith('#')) {
      // Another schema file of the same folder, e.g. "sink.schema.json".
      const other = external?.(ref);
      if (!other) return [{ path, message: `schema error: unresolved $ref ${ref}` }];
      return validate(other, value, other, path, external);
    }
    const target = resolveRef(root, ref);
    if (!target) return [{ path, message: `schema error: unresolved $ref ${ref}` }];
    return validate(target, value, root, path, external);
  }
  const type = schema['type'];
  if (typeof type === 'string' && !hasType(value, type)) {
    return [{ path, message: `expected ${type}, found ${describe(value)}` }];
  }
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).some((e) => e === value)) {
    return [{ path, message: `expected one of ${(schema['enum'] as unknown[]).map((e) => JSON.stringify(e)).join(', ')}, found ${JSON.stringify(value)}` }];
  }
  if ('const' in schema && schema['const'] !== value) {
    return [{ path, message: `expected ${JSON.stringify(schema['const'])}` }];
  }
  if (Array.isArray(schema['oneOf'])) {
    const options = schema['oneOf'] as Schema[];
    const results = options.map((s) => validate(s, value, root, path, external));
    const passing = results.filter((r) => r.length === 0).length;
    // One form of the right type that fails on details: its own problems say more than "no form matches".
    const sameType = results.filter((r) => !(r.length === 1 && r[0].path === path && r[0].message.startsWith('expected ')));
    if (passing === 0 && sameType.length === 1) problems.push(...sameType[0]);
    else if (passing !== 1) {
      problems.push({ path, message: passing === 0 ? `does not match any allowed form (found ${describe(value)})` : 'matches more than one allowed form' });
    }
  }
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) {
      problems.push({ path, message: `must not be shorter than ${schema['minLength']} characters` });
    }
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
      problems.push({ path, message: `${JSON.stringify(value)} does not match ${schema['pattern']}` });
    }
  }
  if (typeof value === 'number' && typeof schema['minimum'] === 'number' && value < schema['minimum']) {
    problems.push({ path, message: `must be at least ${schema['minimum']}` });
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) {
      problems.push({ path, message: `must have at least ${schema['minItems']} item(s)` });
    }
    const items = schema['items'];
    if (items && typeof items === 'object') {
      value.forEach((item, i) => problems.push(...validate(items as Schema, item, root, `${path}[${i}]`, external)));
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const req of (schema['required'] as string[] | undefined) ?? []) {
      if (!(req in obj)) problems.push({ path, message: `missing required property '${req}'` });
    }
    for (const [key, child] of Object.entries(obj)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key in props) {
        problems.push(...validate(props[key], child, root, childPath, external));
      } else if (schema['additionalProperties'] === false) {
        problems.push({ path: childPath, message: `unknown property '${key}'` });
      } else if (schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object') {
        problems.push(...validate(schema['additionalProperties'] as Schema, child, root, childPath, external));
      }
    }
  }
  return problems;
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node && typeof node === 'object' ? (node as Schema) : undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'null': return value === null;
    default: return true;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
