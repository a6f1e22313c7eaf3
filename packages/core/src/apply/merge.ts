/**
 * Merging an applied configuration into the live object (upstream's
 * `TypedValue.Merge`): the configuration wins on every leaf it sets, maps
 * merge key by key, associative lists merge item by item (map lists by key,
 * sets by value) and atomic values are replaced whole.
 *
 * Order of a merged list, as upstream: items only the live list has keep
 * their place; items the configuration names follow the configuration's
 * order, each new one placed after the configuration item before it. Map
 * members keep the live order, new ones appended.
 *
 * `null` where the configuration has a map or list merges nothing (the live
 * content stays); `null` for a leaf sets it to null — both as upstream.
 * The result shares no structure with either input.
 * @module
 */
import { cloneJson, isJsonObject, type JsonObject, type JsonValue, setKey } from "../patch/json.js";
import { indexList } from "./items.js";
import { fieldElement, type PathElement } from "./path.js";
import { memberType, shapeOf, type Shape, type TypeRef } from "./topology.js";

/** Merges `config` into `live` under `type` and returns the merged copy. */
export function mergeObjects(live: unknown, config: unknown, type: TypeRef): JsonValue | undefined {
  return merge(live as JsonValue | undefined, config as JsonValue | undefined, type, []);
}

function isEmptyContainer(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

function sharedShape(type: TypeRef, live: JsonValue | undefined, config: JsonValue | undefined): Shape {
  const a = shapeOf(type, live);
  const b = shapeOf(type, config);
  if (live === undefined) return b;
  return a.kind === b.kind ? b : { kind: "leaf" };
}

function merge(live: JsonValue | undefined, config: JsonValue | undefined, type: TypeRef, path: PathElement[]): JsonValue | undefined {
  if (config === undefined) return live === undefined ? undefined : cloneJson(live);
  const shape = sharedShape(type, live, config);
  if (shape.kind === "leaf" || (isEmptyContainer(live) && isEmptyContainer(config))) return cloneJson(config);
  if (shape.kind === "map") {
    const out: JsonObject = {};
    const a = isJsonObject(live) ? live : {};
    const b = isJsonObject(config) ? config : {};
    for (const key of Object.keys(a)) {
      path.push(fieldElement(key));
      const merged = merge(a[key], Object.hasOwn(b, key) ? b[key] : undefined, memberType(shape.info, key), path);
      path.pop();
      if (merged !== undefined) setKey(out, key, merged);
    }
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key)) continue;
      path.push(fieldElement(key));
      const merged = merge(undefined, b[key], memberType(shape.info, key), path);
      path.pop();
      if (merged !== undefined) setKey(out, key, merged);
    }
    return out;
  }
  return mergeList(Array.isArray(live) ? live : [], Array.isArray(config) ? config : [], shape, path);
}

function mergeList(live: JsonValue[], config: JsonValue[], shape: Extract<Shape, { kind: "list" }>, path: PathElement[]): JsonValue[] {
  // The configuration was validated (strictly indexed) before merging.
  const rhs = indexList(config, shape.identity, shape.items, path, true)!;
  const lhs = indexList(live, shape.identity, shape.items, path);
  if (!lhs) return cloneJson(config) as JsonValue[];

  const out: JsonValue[] = [];
  const item = (key: string, l: JsonValue | undefined, r: JsonValue | undefined, element: PathElement) => {
    path.push(element);
    const merged = merge(l, r, shape.items, path);
    path.pop();
    if (merged !== undefined) out.push(merged);
    emitted.add(key);
  };
  const emitted = new Set<string>();
  const liveOf = (key: string) => {
    const i = lhs.first.get(key);
    return i === undefined ? undefined : lhs.items[i];
  };
  // Shared items, in configuration order: each is emitted when the walk of
  // the configuration reaches it, so live-only items around it keep their place.
  const shared = rhs.keys.filter((key, j) => rhs.first.get(key) === j && lhs.first.has(key));
  let nextShared = 0;
  let l = 0;
  let r = 0;
  while (l < lhs.items.length || r < rhs.items.length) {
    if (l < lhs.items.length) {
      const key = lhs.keys[l];
      if (emitted.has(key) && lhs.first.get(key) === l) {
        l++;
        continue;
      }
      if (lhs.first.get(key) !== l) {
        // A duplicate in the live list: kept as it is.
        out.push(cloneJson(lhs.items[l]));
        l++;
        continue;
      }
      if (!rhs.first.has(key)) {
        item(key, lhs.items[l], undefined, lhs.elements[l]);
        l++;
        continue;
      }
      if (r < rhs.items.length && rhs.keys[r] !== key && shared[nextShared] !== key) {
        // A shared item the configuration puts later: emitted when it comes.
        l++;
        continue;
      }
    }
    if (r >= rhs.items.length) break;
    const key = rhs.keys[r];
    item(key, liveOf(key), rhs.items[r], rhs.elements[r]);
    if (shared[nextShared] === key) nextShared++;
    if (l < lhs.items.length && lhs.keys[l] === key) l++;
    r++;
  }
  return out;
}
