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

const isNonNullableNull = (x: unknown, s: StructuralSchema | undefined): s is StructuralSchema => x === null && s !== undefined && !s.nullable;

/**
 * One walk doing both upstream passes. Dropping a disallowed null after the
 * object's defaults were applied is equivalent to dropping it first: a
 * property with a default never gets there null, and defaults hold no such
 * nulls (they are validated with the CRD).
 */
function walk(x: unknown, s: StructuralSchema | undefined): void {
  // Data the schema does not describe (preserved fields) is left alone.
  if (s === undefined) return;
  if (Array.isArray(x)) {
    const items = s.items;
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], items) && items.default !== undefined) x[i] = deepCopyJson(items.default);
      walk(x[i], items);
    }
    return;
  }
  if (!isJsonObject(x)) return;
  const props = s.properties;
  if (props) {
    for (const k in props) {
      const prop = props[k];
      if (prop.default === undefined) continue;
      const v = x[k];
      if ((v === undefined && !Object.hasOwn(x, k)) || isNonNullableNull(v, prop)) setOwn(x, k, deepCopyJson(prop.default));
    }
  }
  const additional = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
  for (const k in x) {
    const sub = props !== undefined && Object.hasOwn(props, k) ? props[k] : additional;
    if (sub === undefined) continue;
    const v = x[k];
    if (isNonNullableNull(v, sub)) {
      if (sub.default === undefined) {
        delete x[k];
        continue;
      }
      x[k] = deepCopyJson(sub.default);
    }
    walk(x[k], sub);
  }
}

/** Sets an own property, even one named `__proto__` (plain assignment would set the prototype). */
function setOwn(o: JsonObject, k: string, v: unknown): void {
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/**
 * Applies the schema's defaults to `obj` **in place** (clone first to keep
 * the original), dropping disallowed nulls first. Idempotent.
 */
export function applyDefaults(obj: unknown, schema: StructuralSchema): void {
  walk(obj, schema);
}
