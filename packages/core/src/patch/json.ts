/**
 * JSON value types and the small helpers the three patch algorithms share:
 * type tests, deep copy, deep equality and a canonical key for lookups.
 *
 * All helpers read own properties only, so keys such as `constructor` or
 * `__proto__` in a document are plain data, never inherited behaviour.
 * @module
 */

/** A JSON scalar. */
export type JsonPrimitive = null | boolean | number | string;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}
/** Any JSON value, as `JSON.parse` returns it. */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

/** Whether `value` is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `object` has `key` as its own property. */
export function hasKey(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/**
 * Sets `object[key]`. A plain assignment to `__proto__` would change the
 * object's prototype instead of storing a member, so that key is defined.
 */
export function setKey(object: JsonObject, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** A deep copy of a JSON value, so results never share structure with inputs. */
export function cloneJson(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) setKey(copy, key, cloneJson(value[key]));
    return copy;
  }
  return value as JsonValue;
}

/** Structural equality of two JSON values; member order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => hasKey(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/**
 * A string equal for deep-equal values (object members sorted), used as a
 * `Map` key to find list items by value in linear time.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(",")}]`;
  if (isJsonObject(value)) {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalKey(value[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}
