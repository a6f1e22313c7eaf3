/**
 * Validation of embedded resources (`x-kubernetes-embedded-resource: true`),
 * after apiextensions' `objectmeta.Validate`: such an object must carry a
 * string `apiVersion` and `kind`, and its `metadata` is validated as any
 * ObjectMeta (with a stand-in name when none is given, and the namespace
 * allowed but not required).
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { type FieldError, invalid, required } from "../validation/field-error.js";
import { nameIsPathSegment } from "../validation/name-validators.js";
import { isDNS1035Label } from "../validation/names.js";
import { type ObjectMetaInput, validateObjectMeta } from "../validation/object-meta.js";
import { childPath, goValue, indexPath, isJsonObject, type JsonObject, keyPath, type NullablePath, subtreeHas } from "./unstructured.js";

const hasEmbedded = new WeakMap<StructuralSchema, boolean>();
const isEmbedded = (s: StructuralSchema) => s["x-kubernetes-embedded-resource"] === true;

/** Go's `%T` of an unstructured value, for "expected object" messages. */
function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return "[]interface {}";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "int64" : "float64";
    default:
      return "map[string]interface {}";
  }
}

function validateEmbeddedResource(path: NullablePath, x: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!Object.hasOwn(x, "apiVersion")) errs.push(required(childPath(path, "apiVersion"), ""));
  if (!Object.hasOwn(x, "kind")) errs.push(required(childPath(path, "kind"), ""));
  for (const k of Object.keys(x)) {
    const v = x[k];
    const field = childPath(path, k);
    if (k === "apiVersion") {
      if (typeof v !== "string") errs.push(invalid(field, goValue(v), "must be a string"));
      else if (v === "") errs.push(invalid(field, v, "must not be empty"));
      else if (v !== "/" && v.split("/").length > 2) errs.push(invalid(field, v, `unexpected GroupVersion string: ${v}`));
    } else if (k === "kind") {
      if (typeof v !== "string") errs.push(invalid(field, goValue(v), "must be a string"));
      else if (v === "") errs.push(invalid(field, v, "must not be empty"));
      else {
        const msgs = isDNS1035Label(v.toLowerCase());
        if (msgs.length > 0) errs.push(invalid(field, v, `may have mixed case, but should otherwise match: ${msgs.join(",")}`));
      }
    } else if (k === "metadata") {
      if (!isJsonObject(v)) {
        errs.push(invalid(field, goValue(v), `invalid metadata: expected object, got ${goTypeName(v)}`));
        continue;
      }
      const meta = { ...v } as ObjectMetaInput;
      // Upstream sets a stand-in name: an embedded object need not be named.
      if (typeof meta.name !== "string" || meta.name === "") meta.name = "fakename";
      const namespaced = typeof meta.namespace === "string" && meta.namespace !== "";
      errs.push(...validateObjectMeta(meta, { namespaced, nameValidator: nameIsPathSegment, kubeFinalizers: false, path: field }));
    }
  }
  return errs;
}

function walk(path: NullablePath, x: unknown, s: StructuralSchema | undefined, out: FieldError[]): void {
  if (s === undefined || !subtreeHas(s, hasEmbedded, isEmbedded)) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) walk(indexPath(path, i), x[i], s.items, out);
    return;
  }
  if (!isJsonObject(x)) return;
  if (s["x-kubernetes-embedded-resource"]) out.push(...validateEmbeddedResource(path, x));
  const props = s.properties;
  const additional = s.additionalProperties;
  for (const k of Object.keys(x)) {
    if (props !== undefined && Object.hasOwn(props, k)) walk(childPath(path, k), x[k], props[k], out);
    else if (typeof additional === "object") walk(keyPath(path, k), x[k], additional, out);
  }
}

/**
 * Validates the `apiVersion`, `kind` and `metadata` of every embedded
 * resource in `obj`. With `resourceRoot` the root object is checked too
 * (upstream does so for default values, not for the custom resource itself,
 * whose metadata the generic ObjectMeta validation covers).
 */
export function embeddedResourceErrors(obj: unknown, schema: StructuralSchema, root: NullablePath = null, resourceRoot = false): FieldError[] {
  const out: FieldError[] = [];
  const s = resourceRoot && !schema["x-kubernetes-embedded-resource"] ? { ...schema, "x-kubernetes-embedded-resource": true } : schema;
  walk(root, obj, s, out);
  return out;
}
