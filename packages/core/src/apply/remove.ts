/**
 * Two schema-aware field-set operations the apply algorithm prunes with:
 *
 * - {@link removeItems} deletes from an object every path that is a member of
 *   a set (with everything below it), as upstream's `TypedValue.RemoveItems`.
 *   A map or list emptied this way stays as `{}`/`[]` rather than becoming
 *   `null` (recent upstream does the same; `null` would fail validation of
 *   required structs).
 * - {@link ensureNamedFieldsAreMembers} makes every declared struct field
 *   that is a prefix in a set also a member, so that removing "all of
 *   `spec.foo`" removes `spec.foo` itself (upstream's
 *   `Set.EnsureNamedFieldsAreMembers`). Map entries and list items are
 *   members already wherever they matter.
 * @module
 */
import { isJsonObject, type JsonObject, type JsonValue, setKey } from "../patch/json.js";
import { childrenAtKey, FieldSet, hasMemberKey, putNode, unorderedNodes } from "./field-set.js";
import { indexList } from "./items.js";
import { cachedField, type PathElement } from "./path.js";
import { isDeclaredField, memberType, shapeOf, type TypeRef, typeInfo, UNTYPED } from "./topology.js";

/** `value` without the members of `set` (and their content). */
export function removeItems(value: JsonValue, set: FieldSet, type: TypeRef): JsonValue {
  return remove(value, set, type, []);
}

function remove(value: JsonValue, set: FieldSet, type: TypeRef, path: PathElement[]): JsonValue {
  const shape = shapeOf(type, value);
  if (shape.kind === "leaf") return value;
  if (shape.kind === "map") {
    if (!isJsonObject(value)) return value;
    const out: JsonObject = {};
    for (const key of Object.keys(value)) {
      const field = cachedField(key);
      if (hasMemberKey(set, field.key)) continue;
      const below = childrenAtKey(set, field.key);
      if (!below) {
        setKey(out, key, value[key]);
        continue;
      }
      path.push(field.element);
      setKey(out, key, remove(value[key], below, memberType(shape.info, key), path));
      path.pop();
    }
    return out;
  }
  if (!Array.isArray(value)) return value;
  const list = indexList(value, shape.identity, shape.items, path);
  if (!list) return value;
  const out: JsonValue[] = [];
  list.items.forEach((item, i) => {
    const key = list.keys[i];
    if (hasMemberKey(set, key)) return;
    const below = childrenAtKey(set, key);
    if (!below) {
      out.push(item);
      return;
    }
    path.push(list.elements[i]);
    out.push(remove(item, below, shape.items, path));
    path.pop();
  });
  return out;
}

/** `set` with every declared struct field that has members below it made a member too. */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: TypeRef): FieldSet {
  const info = typeInfo(type);
  const map = info.kind === "map" ? info : undefined;
  const items = info.kind === "list" ? info.items : UNTYPED;
  const out = new FieldSet();
  // Level by level in the set's own order (the result is a set: order is not observable).
  for (const node of unorderedNodes(set)) {
    if (!node.children) {
      putNode(out, node.key, node.element, node.member, undefined);
      continue;
    }
    const isField = node.element.kind === "field";
    const childType = isField ? memberType(map, (node.element as { name: string }).name) : items;
    const named = isField && isDeclaredField(map, (node.element as { name: string }).name);
    putNode(out, node.key, node.element, node.member || named, ensureNamedFieldsAreMembers(node.children, childType));
  }
  return out;
}
