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
import { FieldSet, SetWriter } from "./field-set.js";
import { indexList } from "./items.js";
import { cachedField, type PathElement } from "./path.js";
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
  walk(object as JsonValue, type, { keys: [], elements: [], out: new SetWriter(set), strict: options.strict === true });
  return set;
}

/** The walk's current path (keys and elements side by side) and where its paths go. */
interface Walk {
  readonly keys: string[];
  readonly elements: PathElement[];
  readonly out: SetWriter;
  readonly strict: boolean;
}

function insert(walk: Walk): void {
  walk.out.insert(walk.keys, walk.elements, walk.keys.length);
}

function walk(value: JsonValue, type: TypeRef, state: Walk): void {
  const shape = shapeOf(type, value);
  if (shape.kind === "leaf") {
    insert(state);
    return;
  }
  if (shape.kind === "map") {
    if (!isJsonObject(value)) return;
    for (const key of Object.keys(value)) {
      const child = value[key];
      const field = cachedField(key);
      state.keys.push(field.key);
      state.elements.push(field.element);
      walk(child, memberType(shape.info, key), state);
      if (child === null || (isJsonObject(child) && Object.keys(child).length === 0) || !isDeclaredField(shape.info, key)) insert(state);
      state.keys.pop();
      state.elements.pop();
    }
    return;
  }
  if (!Array.isArray(value)) return;
  const list = indexList(value, shape.identity, shape.items, state.elements, state.strict);
  if (!list) {
    insert(state);
    return;
  }
  for (let i = 0; i < list.items.length; i++) {
    state.keys.push(list.keys[i]);
    state.elements.push(list.elements[i]);
    walk(list.items[i], shape.items, state);
    insert(state);
    state.keys.pop();
    state.elements.pop();
  }
}
