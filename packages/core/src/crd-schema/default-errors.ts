/**
 * Validation of the `default` values of a structural schema, after
 * apiextensions' `defaulting.ValidateDefaults`: every default on the spine
 * (not under `additionalProperties`, where defaults are ambiguous) must
 * already be pruned (`must not have unknown fields`), give valid embedded
 * resource metadata, pass the OpenAPI validation of its own schema node —
 * errors are reported under `….default`, with names relative to the default
 * (`…properties[spec].default.replicas: Invalid value: 0: replicas in body
 * should be greater than or equal to 1`) — and satisfy the node's CEL rules.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { decodeAgainstSchema } from "../structural/decode.js";
import { type FieldError, invalid } from "../validation/field-error.js";
import type { CompiledCelRules } from "./cel/compile.js";
import { evaluateRuleNode } from "./cel/evaluate.js";
import { embeddedResourceErrors } from "./embedded.js";
import { openAPIErrors } from "./openapi-validate.js";
import { deepCopyJson, goValue } from "./unstructured.js";

function validateDefault(s: StructuralSchema, path: string, insideMeta: boolean, cel: CompiledCelRules | undefined, out: FieldError[]): void {
  const at = `${path}.default`;
  const value = s.default;
  if (insideMeta) {
    out.push(...openAPIErrors(value, s, at));
    return;
  }
  const embedded = s["x-kubernetes-embedded-resource"] === true;
  const pruned = decodeAgainstSchema(deepCopyJson(value), s, { unknownFields: "report", resourceRoot: embedded, checkFormats: false });
  if (pruned.unknownFields.length > 0) out.push(invalid(at, goValue(value), "must not have unknown fields"));
  const meta = embeddedResourceErrors(value, s, at, embedded);
  if (meta.length > 0) {
    out.push(...meta);
    return;
  }
  const errs = openAPIErrors(value, s, at);
  if (errs.length > 0) {
    out.push(...errs);
    return;
  }
  const node = cel?.nodes.get(s);
  if (node) out.push(...evaluateRuleNode(node, at, value, value));
}

function walk(s: StructuralSchema, path: string, insideMeta: boolean, cel: CompiledCelRules | undefined, out: FieldError[], depth: number): void {
  if (depth > 1000) return;
  if (s["x-kubernetes-embedded-resource"]) insideMeta = false;
  if (s.default !== undefined) validateDefault(s, path, insideMeta, cel, out);
  if (s.items) walk(s.items, `${path}.items`, insideMeta, cel, out, depth + 1);
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const meta = insideMeta || (s["x-kubernetes-embedded-resource"] === true && (k === "metadata" || k === "apiVersion" || k === "kind"));
    walk(p, `${path}.properties[${k}]`, meta, cel, out, depth + 1);
  }
}

/**
 * The problems of the defaults in a CRD version's (structural) schema at
 * `path`. `cel` are the schema's compiled rules, so defaults are checked
 * against them too.
 */
export function defaultErrors(schema: StructuralSchema, path: string, cel?: CompiledCelRules): FieldError[] {
  const out: FieldError[] = [];
  // The schema root is a resource root: treated as an embedded resource.
  const root = schema["x-kubernetes-embedded-resource"] ? schema : { ...schema, "x-kubernetes-embedded-resource": true as const };
  walk(root, path, false, cel, out, 0);
  return out;
}
