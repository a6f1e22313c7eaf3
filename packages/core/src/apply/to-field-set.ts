/**
 * The field set of an object (upstream's `TypedValue.ToFieldSet`): the paths
 * an applier of that object comes to own.
 *
 * - Scalars, atomic lists and atomic maps are single members.
 * - A map list contributes each item (`k:{…}`) and the item's own fields; a
 *   set contributes each value (`v:…`).
 * - Map entries that are not declared struct fields (labels, annotations,
 *   ConfigMap data, …) are members themselves, as well as holding their
 *   content; declared struct fields are members only through their leaves —
 *   except when their value is `null` or `{}`, which would otherwise leave
 *   nothing to own.
 * - An empty list contributes nothing, as upstream.
 * @module
 */
import { isJsonObject, type JsonValue } from "../patch/json.js";
import type { StructuralSchema } from "../schema.js";
import { FieldSet } from "./field-set.js";
import { indexList } from "./items.js";
import { fieldElement, type PathElement } from "./path.js";
import { DEDUCED, isDeclaredField, memberType, shapeOf, type TypeRef } from "./topology.js";

/** Options of {@link fieldSetOf}. */
export interface FieldSetOptions {
  /**
   * Throw a `TypedValueError` for list items that cannot be identified or
   * repeat a key (an applied configuration); by default such a list counts as
   * one leaf (an object from storage).
   */
  strict?: boolean;
}

/** The field set of `object` under `schema` (undefined: every part deduced from the value). */
export function fieldSetOf(object: unknown, schema: StructuralSchema | undefined, options: FieldSetOptions = {}): FieldSet {
  return fieldSetOfType(object, schema ?? DEDUCED, options);
}

/** {@link fieldSetOf} under any type reference. */
export function fieldSetOfType(object: unknown, type: TypeRef, options: FieldSetOptions = {}): FieldSet {
  const set = new FieldSet();
  walk(object as JsonValue, type, [], set, options.strict === true);
  return set;
}

function walk(value: JsonValue, type: TypeRef, path: PathElement[], out: FieldSet, strict: boolean): void {
  const shape = shapeOf(type, value);
  if (shape.kind === "leaf") {
    out.insert(path);
    return;
  }
  if (shape.kind === "map") {
    if (!isJsonObject(value)) return;
    for (const key of Object.keys(value)) {
      const child = value[key];
      path.push(fieldElement(key));
      walk(child, memberType(shape.info, key), path, out, strict);
      if (child === null || (isJsonObject(child) && Object.keys(child).length === 0) || !isDeclaredField(shape.info, key)) out.insert(path);
      path.pop();
    }
    return;
  }
  if (!Array.isArray(value)) return;
  const list = indexList(value, shape.identity, shape.items, path, strict);
  if (!list) {
    out.insert(path);
    return;
  }
  list.items.forEach((item, i) => {
    path.push(list.elements[i]);
    walk(item, shape.items, path, out, strict);
    out.insert(path);
    path.pop();
  });
}
