/**
 * The uniqueness invariants of `x-kubernetes-list-type: set` (whole items)
 * and `map` (the `x-kubernetes-list-map-keys` tuple), after apiextensions'
 * `listtype.ValidateListSetsAndMaps`. Each repeated item is reported once,
 * at its second appearance, as `Duplicate value: …`; map keys print as the
 * Go map upstream builds from them: `map[string]interface {}{"name":"a"}`.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { duplicate, type FieldError, invalid } from "../validation/field-error.js";
import { childPath, goValue, indexPath, isJsonObject, type JsonObject, keyPath, type NullablePath, subtreeHas } from "./unstructured.js";

const hasListType = new WeakMap<StructuralSchema, boolean>();
const isSetOrMap = (s: StructuralSchema) => s["x-kubernetes-list-type"] === "set" || s["x-kubernetes-list-type"] === "map";

/** Identity of a set member: scalars by Go type and value, compounds by their JSON encoding (sorted keys). */
function identity(x: unknown): string {
  if (x === null || x === undefined) return "nil";
  switch (typeof x) {
    case "string":
      return `s${x}`;
    case "number":
      return `${Number.isInteger(x) ? "i" : "f"}${x}`;
    case "boolean":
      return `b${x}`;
  }
  return `j${canonicalJson(x)}`;
}

function canonicalJson(v: unknown): string {
  if (typeof v !== "object" || v === null) return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as JsonObject)[k])}`)
    .join(",")}}`;
}

/** Indices of the second appearance of every repeated item. */
function nonUnique(items: readonly unknown[], id: (x: unknown) => string = identity): number[] {
  if (items.length <= 1) return [];
  const seen = new Map<string, number>();
  const out: number[] = [];
  items.forEach((x, i) => {
    const k = id(x);
    const times = seen.get(k) ?? 0;
    if (times === 1) out.push(i);
    seen.set(k, times + 1);
  });
  return out;
}

function validateListMap(path: NullablePath, s: StructuralSchema, items: unknown[]): FieldError[] {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x !== null && !isJsonObject(x)) return [invalid(indexPath(path, i), goValue(x), "must be an object for an array of list-type map")];
  }
  const keyFields = s["x-kubernetes-list-map-keys"] ?? [];
  // The tuple of key values present (an absent key differs from a null one).
  const keys = items.map((x) => {
    const key: JsonObject = {};
    if (isJsonObject(x)) for (const f of keyFields) if (Object.hasOwn(x, f)) key[f] = x[f];
    return key;
  });
  const id = (k: unknown) => {
    const key = k as JsonObject;
    return keyFields.map((f) => (Object.hasOwn(key, f) ? identity(key[f]) : "-")).join("\u0000");
  };
  return nonUnique(keys, id).map((i) => duplicate(indexPath(path, i), goValue(keys[i])));
}

function validateArray(path: NullablePath, s: StructuralSchema, items: unknown[], out: FieldError[]): void {
  const listType = s["x-kubernetes-list-type"];
  if (listType === "set") {
    for (const i of nonUnique(items)) out.push(duplicate(indexPath(path, i), goValue(items[i])));
  } else if (listType === "map") {
    out.push(...validateListMap(path, s, items));
  }
  if (s.items) for (let i = 0; i < items.length; i++) validateValue(indexPath(path, i), s.items, items[i], out);
}

function validateValue(path: NullablePath, s: StructuralSchema, x: unknown, out: FieldError[]): void {
  if (!subtreeHas(s, hasListType, isSetOrMap)) return;
  if (Array.isArray(x)) validateArray(path, s, x, out);
  else if (isJsonObject(x)) validateObject(path, s, x, out);
}

function validateObject(path: NullablePath, s: StructuralSchema, obj: JsonObject, out: FieldError[]): void {
  const additional = s.additionalProperties;
  if (typeof additional === "object") for (const k of Object.keys(obj)) validateValue(keyPath(path, k), additional, obj[k], out);
  const props = s.properties;
  if (props) for (const k of Object.keys(obj)) if (Object.hasOwn(props, k)) validateValue(childPath(path, k), props[k], obj[k], out);
}

/** Duplicates in every set and map list of `obj` (a custom resource or a nested object). */
export function listTypeErrors(obj: unknown, schema: StructuralSchema, root: NullablePath = null): FieldError[] {
  const out: FieldError[] = [];
  if (isJsonObject(obj)) validateObject(root, schema, obj, out);
  return out;
}
