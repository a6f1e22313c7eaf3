/**
 * Helpers for custom resources held as parsed JSON, the way upstream holds
 * them as `map[string]interface{}` ("unstructured"): strict JSON equality,
 * deep copies, and Go's `%#v` rendering of such values, which is what
 * kube-apiserver prints when a field error carries a map or a list
 * (`Duplicate value: map[string]interface {}{"name":"http"}`).
 *
 * JSON numbers decode in Go to `int64` when they are integral and `float64`
 * otherwise; JavaScript cannot tell `1` from `1.0`, so an integral number is
 * treated as an `int64` throughout this package.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { type GoLiteral, goLiteral, goNumber, goQuote } from "../validation/go-format.js";

/** A JSON object as parsed (`map[string]interface{}`). */
export type JsonObject = Record<string, unknown>;

/** Whether `v` is a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Strict deep equality of parsed JSON values (object key order is irrelevant). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) {
    if (!Object.hasOwn(b, k) || !jsonEqual((a as JsonObject)[k], (b as JsonObject)[k])) return false;
  }
  return true;
}

/** A deep copy of a JSON value (upstream's `runtime.DeepCopyJSONValue`). */
export function deepCopyJson<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(deepCopyJson) as T;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) out[k] = deepCopyJson((v as JsonObject)[k]);
  return out as T;
}

/** Go's `%#v` of an unstructured value nested in an `interface{}`. */
function sharp(v: unknown): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  switch (typeof v) {
    case "string":
      return goQuote(v);
    case "number":
      return goNumber(v);
    case "boolean":
      return String(v);
  }
  if (Array.isArray(v)) return `[]interface {}{${v.map(sharp).join(", ")}}`;
  const o = v as JsonObject;
  // fmt prints map keys sorted.
  const entries = Object.keys(o)
    .sort()
    .map((k) => `${goQuote(k)}:${sharp(o[k])}`);
  return `map[string]interface {}{${entries.join(", ")}}`;
}

/**
 * A bad value as `field.Error` prints it: scalars as they are (the caller's
 * formatter quotes strings), maps and lists as Go's `%#v` of unstructured
 * data, e.g. `map[string]interface {}{"name":"a"}`.
 */
export function goValue(v: unknown): unknown {
  if (typeof v === "object" && v !== null) return goLiteral(sharp(v));
  return v;
}

/** `%#v` of an unstructured value as a {@link GoLiteral}, whatever its kind. */
export function goSharp(v: unknown): GoLiteral {
  return goLiteral(sharp(v));
}

/**
 * A field path of upstream's `*field.Path`, which may be nil: errors reported
 * at a nil path print as `<nil>` (e.g. a CEL rule on the root of a custom
 * resource), exactly as kube-apiserver shows them.
 */
export type NullablePath = string | null;

/** Renders a possibly-nil path as `field.Path.String()` does. */
export function pathString(p: NullablePath): string {
  return p === null ? "<nil>" : p;
}

/** `fldPath.Child(name)` on a possibly-nil path. */
export function childPath(p: NullablePath, name: string): string {
  return p === null || p === "" ? name : `${p}.${name}`;
}

/** `fldPath.Index(i)` on a possibly-nil path. */
export function indexPath(p: NullablePath, i: number): string {
  return `${p ?? ""}[${i}]`;
}

/** `fldPath.Key(k)` on a possibly-nil path. */
export function keyPath(p: NullablePath, k: string): string {
  return `${p ?? ""}[${k}]`;
}

/**
 * Whether `pred` holds for a schema node or any node below it along the
 * spine (`properties`, `items`, `additionalProperties`); cached per node, so
 * walkers can skip the subtrees where they have nothing to check.
 */
export function subtreeHas(s: StructuralSchema, cache: WeakMap<StructuralSchema, boolean>, pred: (s: StructuralSchema) => boolean, depth = 0): boolean {
  let r = cache.get(s);
  if (r === undefined) {
    r = pred(s);
    if (!r && depth < 1000) {
      const children = [...Object.values(s.properties ?? {}), ...(s.items ? [s.items] : []), ...(typeof s.additionalProperties === "object" ? [s.additionalProperties] : [])];
      r = children.some((c) => subtreeHas(c, cache, pred, depth + 1));
    }
    cache.set(s, r);
  }
  return r;
}
