/**
 * Structural defaulting of custom resources, after apiextensions'
 * `PruneNonNullableNullsWithoutDefaults` followed by `defaulting.Default`,
 * which kube-apiserver runs whenever it decodes a custom resource (from a
 * request body and from storage, so defaults added to a CRD later show up on
 * read):
 *
 * 1. a `null` where the schema is not `nullable` and has no default is
 *    dropped (it would otherwise fail type validation);
 * 2. a property with a `default` that is absent — or `null` while not
 *    `nullable` — gets a deep copy of the default;
 * 3. the same applies to the elements of `items` and the values of
 *    `additionalProperties` that are `null` (absent elements have no key);
 * 4. defaulting recurses into the result, so nested defaults apply inside
 *    defaulted objects too.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { deepCopyJson, isJsonObject, type JsonObject } from "./unstructured.js";

function schemaForField(s: StructuralSchema | undefined, k: string): StructuralSchema | undefined {
  if (s === undefined) return undefined;
  if (s.properties !== undefined && Object.hasOwn(s.properties, k)) return s.properties[k];
  return typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
}

const isNonNullableNull = (x: unknown, s: StructuralSchema | undefined): s is StructuralSchema => x === null && s !== undefined && !s.nullable;

/** Drops `null`s the schema neither allows nor defaults. */
function pruneNulls(x: unknown, s: StructuralSchema | undefined): void {
  if (Array.isArray(x)) {
    for (const v of x) pruneNulls(v, s?.items);
  } else if (isJsonObject(x)) {
    for (const k of Object.keys(x)) {
      const sub = schemaForField(s, k);
      if (isNonNullableNull(x[k], sub) && sub.default === undefined) delete x[k];
      else pruneNulls(x[k], sub);
    }
  }
}

function applyDefaultsTo(x: unknown, s: StructuralSchema | undefined): void {
  if (s === undefined) return;
  if (Array.isArray(x)) {
    const items = s.items;
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], items) && items.default !== undefined) x[i] = deepCopyJson(items.default);
      applyDefaultsTo(x[i], items);
    }
    return;
  }
  if (!isJsonObject(x)) return;
  const props = s.properties;
  if (props) {
    for (const k of Object.keys(props)) {
      const prop = props[k];
      if (prop.default === undefined) continue;
      if (!Object.hasOwn(x, k) || isNonNullableNull(x[k], prop)) setOwn(x, k, deepCopyJson(prop.default));
    }
  }
  const additional = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
  for (const k of Object.keys(x)) {
    if (props !== undefined && Object.hasOwn(props, k)) {
      applyDefaultsTo(x[k], props[k]);
    } else if (additional !== undefined) {
      if (isNonNullableNull(x[k], additional) && additional.default !== undefined) x[k] = deepCopyJson(additional.default);
      applyDefaultsTo(x[k], additional);
    }
  }
}

/** Sets an own property, even one named `__proto__`. */
function setOwn(o: JsonObject, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * Applies the schema's defaults to `obj` **in place** (clone first to keep
 * the original), dropping disallowed nulls first. Idempotent.
 */
export function applyDefaults(obj: unknown, schema: StructuralSchema): void {
  pruneNulls(obj, schema);
  applyDefaultsTo(obj, schema);
}
