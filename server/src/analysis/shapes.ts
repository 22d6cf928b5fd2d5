// Object shapes: what an object, array or form state is known to hold, and how data is added to one.
// Pure functions over values.ts (the classifier is passed in where a key names data); no syntax walking.
import type * as ts from 'typescript';
import type { Classifier } from './classify';
import { EMPTY, Value, dataOf, sameDep, withCategories } from './values';

/** The property under which an array literal keeps the shape of its elements. */
export const ELEMENT = '[]';

/** An element of a collection: the collection's data, and personhood (users[i] is a user). */
export function elementOf(v: Value): Value {
  const shape = v.props?.get(ELEMENT);
  if (shape) {
    // Data added later (rows.push(x)) is not in the literal's shape: keep what the shape lacks.
    const extra = (v.taints ?? []).filter((t) => !shape.taints?.some((x) => x.cat === t.cat));
    const out: Value = { ...shape, open: true };
    if (extra.length) out.taints = [...(shape.taints ?? []), ...extra];
    if (v.person) out.person = true;
    return out;
  }
  const d = dataOf(v);
  return v.person ? { ...d, person: true } : d;
}

/** An initial form state: `{ cardNumber: '', cvc: '' }` holds a card number and a security code. */
export function emptyShape(cls: Classifier, v: Value, node: ts.Node, depth: number): Value {
  if (!v.props || depth > 2) return v;
  const props = new Map<string, Value>();
  const out: Value = { props };
  if (v.open) out.open = true;
  if (v.person) out.person = true;
  addData(out, v);
  for (const [k, pv] of v.props) {
    let nv = pv;
    if (pv.literal && !pv.fn) nv = withCategories(EMPTY, cls.key(k, { person: v.person }), node, k);
    else if (pv.props) nv = emptyShape(cls, pv, node, depth + 1);
    props.set(k, nv);
    addData(out, nv);
  }
  return out;
}

/** Adds `v`'s data (taints, deps) to an object that holds it; frozen constants stay as they are. */
export function addData(target: Value, v: Value): void {
  if (Object.isFrozen(target)) return;
  if (v.taints?.length) {
    for (const t of v.taints) if (!target.taints?.some((x) => x.cat === t.cat)) (target.taints ??= []).push(t);
  }
  if (v.deps?.length) target.deps = [...(target.deps ?? []), ...v.deps];
}

/** Object.assign(target, src): src's properties and data are now the target's. */
export function mergeInto(target: Value, src: Value): void {
  if (Object.isFrozen(target)) return;
  if (src.props) {
    target.props ??= new Map();
    for (const [k, v] of src.props) target.props.set(k, v);
  }
  addData(target, src);
}

/**
 * An object argument without the keys a sink does not count as data (`from` of an email: the sender).
 * What the object carries beyond its known keys (an unknown spread) stays, unless only a dropped key
 * brought that category or dependency; a kept key's own flow replaces the object's for its categories.
 */
export function withoutKeys(v: Value, keys: readonly string[], depth = 0): Value {
  if (!v.props || depth > 2) return v;
  const props = new Map<string, Value>();
  const kept: Value = {};
  const dropped: Value = {};
  let changed = false;
  for (const [k, pv] of v.props) {
    if (keys.includes(k)) {
      addData(dropped, pv);
      changed = true;
      continue;
    }
    const nv = k === ELEMENT ? withoutKeys(pv, keys, depth + 1) : pv; // batch sends: [{ from, to }, …]
    if (nv !== pv) {
      addData(dropped, pv);
      changed = true;
    }
    props.set(k, nv);
    addData(kept, nv);
  }
  if (!changed) return v;
  const has = (w: Value, cat: string) => !!w.taints?.some((t) => t.cat === cat);
  const taints = [...(kept.taints ?? []), ...(v.taints ?? []).filter((t) => !has(kept, t.cat) && !has(dropped, t.cat))];
  const deps = [...(kept.deps ?? []), ...(v.deps ?? []).filter((d) => !kept.deps?.some((x) => sameDep(x, d)) && !dropped.deps?.some((x) => sameDep(x, d)))];
  const out: Value = { ...v, props, taints: taints.length ? taints : undefined, deps: deps.length ? deps : undefined };
  return out;
}
