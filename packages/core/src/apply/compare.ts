/**
 * What changed between two versions of an object (upstream's
 * `TypedValue.Compare`), as three field sets:
 *
 * - `modified`: leaves present in both with different values;
 * - `added`: paths present only in the new object — leaves and also the
 *   maps, list items and lists that appeared (which is where FieldsV1's
 *   `".": {}` markers of update managers come from);
 * - `removed`: paths present only in the old object, likewise.
 *
 * Atomic values and containers that are empty on both sides compare as
 * leaves, so `[]` → `null` is a modification, not nothing.
 * @module
 */
import { deepEqual, isJsonObject, type JsonValue } from "../patch/json.js";
import { FieldSet, SetWriter } from "./field-set.js";
import { indexList } from "./items.js";
import { cachedField, type PathElement } from "./path.js";
import { memberType, shapeOf, type Shape, type TypeRef } from "./topology.js";

/** The result of {@link compareObjects}. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** The walk's current path (keys and elements side by side) and the three sets it fills. */
interface Walk {
  readonly keys: string[];
  readonly elements: PathElement[];
  readonly added: SetWriter;
  readonly modified: SetWriter;
  readonly removed: SetWriter;
}

/** Compares `before` and `after` (either may be absent) under `type`. */
export function compareObjects(before: unknown, after: unknown, type: TypeRef): Comparison {
  const result = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const walk: Walk = {
    keys: [],
    elements: [],
    added: new SetWriter(result.added),
    modified: new SetWriter(result.modified),
    removed: new SetWriter(result.removed),
  };
  compare(before as JsonValue | undefined, after as JsonValue | undefined, type, walk);
  return result;
}

/** Whether a container value holds nothing (absent, null, `{}` or `[]`). */
function isEmptyContainer(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/**
 * Whether two values are equal JSON — deep-equal, and with no `undefined`
 * anywhere (a member whose value is `undefined` compares as added even
 * against itself, so such values take the full walk).
 *
 * Two such values compare to nothing: every leaf pair is equal, every map
 * and list has the same members or items on both sides, and no container
 * appears or disappears. So the walk skips them — on an update, most of the
 * object is unchanged, and skipping it spares the walk indexing its lists.
 */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (typeof a !== "object" || a === null) return a === b && a !== undefined;
  if (typeof b !== "object" || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !sameJson(a[key], b[key])) return false;
  return true;
}

/**
 * The shape both sides share (an absent side takes the other's), or a leaf
 * when they disagree, e.g. a deduced map against a string.
 */
function commonShape(type: TypeRef, before: JsonValue | undefined, after: JsonValue | undefined): Shape {
  const a = shapeOf(type, before);
  const b = shapeOf(type, after);
  if (before === undefined) return b;
  if (after === undefined) return a;
  return a.kind === b.kind ? a : { kind: "leaf" };
}

function leaf(before: JsonValue | undefined, after: JsonValue | undefined, walk: Walk): void {
  const depth = walk.keys.length;
  if (before === undefined) walk.added.insert(walk.keys, walk.elements, depth);
  else if (after === undefined) walk.removed.insert(walk.keys, walk.elements, depth);
  else if (!deepEqual(before, after)) walk.modified.insert(walk.keys, walk.elements, depth);
}

function step(walk: Walk, key: string, element: PathElement): void {
  walk.keys.push(key);
  walk.elements.push(element);
}

function back(walk: Walk): void {
  walk.keys.pop();
  walk.elements.pop();
}

function compare(before: JsonValue | undefined, after: JsonValue | undefined, type: TypeRef, walk: Walk): void {
  if (before !== undefined && after !== undefined && sameJson(before, after)) return;
  const shape = commonShape(type, before, after);
  if (shape.kind === "leaf" || (isEmptyContainer(before) && isEmptyContainer(after))) {
    leaf(before, after, walk);
    return;
  }
  if (shape.kind === "map") {
    const a = isJsonObject(before) ? before : undefined;
    const b = isJsonObject(after) ? after : undefined;
    for (const key of Object.keys(a ?? {})) {
      const field = cachedField(key);
      step(walk, field.key, field.element);
      compare(a?.[key], b && Object.hasOwn(b, key) ? b[key] : undefined, memberType(shape.info, key), walk);
      back(walk);
    }
    for (const key of Object.keys(b ?? {})) {
      if (a && Object.hasOwn(a, key)) continue;
      const field = cachedField(key);
      step(walk, field.key, field.element);
      compare(undefined, b?.[key], memberType(shape.info, key), walk);
      back(walk);
    }
  } else {
    const a = indexList(Array.isArray(before) ? before : null, shape.identity, shape.items, walk.elements);
    const b = indexList(Array.isArray(after) ? after : null, shape.identity, shape.items, walk.elements);
    if (!a || !b) {
      // An item that cannot be identified: the whole list is one value.
      leaf(before, after, walk);
      return;
    }
    for (const [key, i] of a.first) {
      const j = b.first.get(key);
      step(walk, key, a.elements[i]);
      compare(a.items[i], j === undefined ? undefined : b.items[j], shape.items, walk);
      back(walk);
    }
    for (const [key, j] of b.first) {
      if (a.first.has(key)) continue;
      step(walk, key, b.elements[j]);
      compare(undefined, b.items[j], shape.items, walk);
      back(walk);
    }
  }
  // The container itself appeared or disappeared.
  const depth = walk.keys.length;
  if (before === undefined) walk.added.insert(walk.keys, walk.elements, depth);
  else if (after === undefined) walk.removed.insert(walk.keys, walk.elements, depth);
}
