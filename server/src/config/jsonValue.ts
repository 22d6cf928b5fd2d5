// mt-pii.json text → plain data a repository cannot abuse: objects without a prototype, no key that names a
// built-in property of JavaScript objects, bounded size and nesting; every refusal at the offset of its text.
import type * as TS from 'typescript';
import { typescript } from '../analysis/compiler';

/** Bounds on what an mt-pii.json may hold; the schema sets tighter ones per key (maxItems, maxLength). */
export const JSON_LIMITS = {
  /** Characters of the whole file. */
  fileLength: 1024 * 1024,
  /** Objects and arrays inside one another. */
  depth: 32,
  /** Items of one array. */
  arrayItems: 5000,
  /** Keys of one object. */
  objectKeys: 1000,
  /** Characters of one string or key. */
  stringLength: 4096,
} as const;

/**
 * Keys refused anywhere in a configuration: `__proto__` would set the object's prototype, and the others name
 * built-in properties that lookups on ordinary objects find even when the file does not set them.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export interface JsonRefusal {
  /** Offsets in the text of what is refused. */
  start: number;
  end: number;
  message: string;
}

/** Most prefix operators in a row (`!!!!x`, not JSON, but a parser recurses once per operator). */
const MAX_OPERATOR_RUN = 32;

/**
 * Checks the size and nesting of a JSON (with comments) text before it is parsed: a parser recurses once per
 * level, so 20,000 nested arrays would exhaust the stack — as would 20,000 parentheses or `!` in a broken
 * file, which the parser reads as expressions. One linear pass; strings and comments are skipped.
 *
 * @example
 * checkJsonText('['.repeat(40)) // → { start: 32, end: 33, message: 'nests deeper than 32 levels ...' }
 */
export function checkJsonText(text: string): JsonRefusal | undefined {
  if (text.length > JSON_LIMITS.fileLength) {
    return { start: 0, end: 0, message: `the file is ${text.length} characters long, more than the ${JSON_LIMITS.fileLength} a configuration may have` };
  }
  let depth = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21 /* ! */ || c === 0x2b /* + */ || c === 0x2d /* - */ || c === 0x7e /* ~ */) {
      if (++run > MAX_OPERATOR_RUN) return { start: i, end: i + 1, message: `${run} operators in a row: this is not JSON` };
      continue;
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) run = 0;
    if (c === 0x22 /* " */ || c === 0x27 /* ' */ || c === 0x60 /* ` */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === c || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */ || c === 0x28 /* ( */) {
      if (++depth > JSON_LIMITS.depth) {
        return { start: i, end: i + 1, message: `nests deeper than ${JSON_LIMITS.depth} levels of objects and arrays` };
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */ || c === 0x29 /* ) */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * A parsed JSON node as plain data: objects have no prototype, so no key of the file can reach or shadow
 * Object.prototype; keys that name built-in properties, and oversized strings, arrays and objects, are refused
 * (left out of the value and reported). `nodes` records the node of every JSON path (`sinks[0].id`).
 */
export function jsonValue(node: TS.Node, sf: TS.SourceFile, nodes: Map<string, TS.Node>, refused: JsonRefusal[], p = ''): unknown {
  const ts = typescript();
  nodes.set(p, node);
  const refuse = (n: TS.Node, message: string) => refused.push({ start: n.getStart(sf), end: n.end, message: p ? `${p}: ${message}` : message });
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = Object.create(null);
    if (node.properties.length > JSON_LIMITS.objectKeys) {
      refuse(node, `has ${node.properties.length} keys, more than the ${JSON_LIMITS.objectKeys} allowed`);
      return out;
    }
    for (const prop of node.properties) {
      if (!ts.isPropertyAssignment(prop)) continue;
      const key = ts.isStringLiteral(prop.name) || ts.isIdentifier(prop.name) || ts.isNumericLiteral(prop.name) ? prop.name.text : prop.name.getText(sf);
      if (FORBIDDEN_KEYS.has(key)) {
        refused.push({ start: prop.name.getStart(sf), end: prop.name.end, message: `${p ? `${p}: ` : ''}the key ${JSON.stringify(key)} is not allowed (it names a built-in property of JavaScript objects)` });
        continue;
      }
      if (key.length > JSON_LIMITS.stringLength) {
        refused.push({ start: prop.name.getStart(sf), end: prop.name.end, message: `${p ? `${p}: ` : ''}a key of ${key.length} characters is longer than the ${JSON_LIMITS.stringLength} allowed` });
        continue;
      }
      const child = p ? `${p}.${key}` : key;
      out[key] = jsonValue(prop.initializer, sf, nodes, refused, child);
      nodes.set(child, prop.initializer);
    }
    return out;
  }
  if (ts.isArrayLiteralExpression(node)) {
    if (node.elements.length > JSON_LIMITS.arrayItems) {
      refuse(node, `has ${node.elements.length} items, more than the ${JSON_LIMITS.arrayItems} allowed`);
      return [];
    }
    return node.elements.map((e, i) => jsonValue(e, sf, nodes, refused, `${p}[${i}]`));
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    if (node.text.length > JSON_LIMITS.stringLength) {
      refuse(node, `a string of ${node.text.length} characters is longer than the ${JSON_LIMITS.stringLength} allowed`);
      return '';
    }
    return node.text;
  }
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  return undefined;
}
