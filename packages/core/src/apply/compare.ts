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
import { FieldSet } from "./field-set.js";
import { indexList } from "./items.js";
import { fieldElement, type PathElement } from "./path.js";
import { memberType, shapeOf, type Shape, type TypeRef } from "./topology.js";

/** The result of {@link compareObjects}. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Compares `before` and `after` (either may be absent) under `type`. */
export function compareObjects(before: unknown, after: unknown, type: TypeRef): Comparison {
  const result = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(before as JsonValue | undefined, after as JsonValue | undefined, type, [], result);
  return result;
}

/** Whether a container value holds nothing (absent, null, `{}` or `[]`). */
function isEmptyContainer(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
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

function leaf(before: JsonValue | undefined, after: JsonValue | undefined, path: PathElement[], out: Comparison): void {
  if (before === undefined) out.added.insert(path);
  else if (after === undefined) out.removed.insert(path);
  else if (!deepEqual(before, after)) out.modified.insert(path);
}

function compare(before: JsonValue | undefined, after: JsonValue | undefined, type: TypeRef, path: PathElement[], out: Comparison): void {
  const shape = commonShape(type, before, after);
  if (shape.kind === "leaf" || (isEmptyContainer(before) && isEmptyContainer(after))) {
    leaf(before, after, path, out);
    return;
  }
  if (shape.kind === "map") {
    const a = isJsonObject(before) ? before : undefined;
    const b = isJsonObject(after) ? after : undefined;
    for (const key of Object.keys(a ?? {})) {
      path.push(fieldElement(key));
      compare(a?.[key], b && Object.hasOwn(b, key) ? b[key] : undefined, memberType(shape.info, key), path, out);
      path.pop();
    }
    for (const key of Object.keys(b ?? {})) {
      if (a && Object.hasOwn(a, key)) continue;
      path.push(fieldElement(key));
      compare(undefined, b?.[key], memberType(shape.info, key), path, out);
      path.pop();
    }
  } else {
    const a = indexList(Array.isArray(before) ? before : null, shape.identity, shape.items, path);
    const b = indexList(Array.isArray(after) ? after : null, shape.identity, shape.items, path);
    if (!a || !b) {
      // An item that cannot be identified: the whole list is one value.
      leaf(before, after, path, out);
      return;
    }
    for (const [key, i] of a.first) {
      const j = b.first.get(key);
      path.push(a.elements[i]);
      compare(a.items[i], j === undefined ? undefined : b.items[j], shape.items, path, out);
      path.pop();
    }
    for (const [key, j] of b.first) {
      if (a.first.has(key)) continue;
      path.push(b.elements[j]);
      compare(undefined, b.items[j], shape.items, path, out);
      path.pop();
    }
  }
  // The container itself appeared or disappeared.
  if (before === undefined) out.added.insert(path);
  else if (after === undefined) out.removed.insert(path);
}
