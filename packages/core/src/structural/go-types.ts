/**
 * Go type names of schema nodes, for error messages that read like
 * upstream's (`... of type v1.PodSpec`). Structural schemas carry no type
 * names, so the caller that built the schema graph from named definitions
 * passes a lookup ({@link GoTypeNames}); unnamed nodes (custom resources) get
 * a generic spelling derived from their shape.
 * @module
 */

import type { StructuralSchema } from "../schema.js";

/** Returns the Go type name a schema node was built from (`v1.PodSpec`), if known. */
export type GoTypeNames = (schema: StructuralSchema) => string | undefined;

const none: GoTypeNames = () => undefined;

/** The struct name Go prints before a field path: `v1.ContainerPort` → `ContainerPort`. */
export function goStructName(schema: StructuralSchema, names: GoTypeNames = none): string | undefined {
  const n = names(schema);
  return n === undefined ? undefined : n.slice(n.lastIndexOf(".") + 1);
}

/** How Go would spell the type a node decodes into (`int32`, `[]v1.Container`, `map[string]string`). */
export function goTypeOf(schema: StructuralSchema, names: GoTypeNames = none, depth = 0): string {
  const named = names(schema);
  if (named !== undefined) return named;
  if (depth > 8) return "interface {}";
  if (schema["x-kubernetes-int-or-string"]) return "intstr.IntOrString";
  switch (schema.type) {
    case "string":
      return schema.format === "byte" ? "[]uint8" : "string";
    case "integer":
      return schema.format === "int32" ? "int32" : "int64";
    case "number":
      return "float64";
    case "boolean":
      return "bool";
    case "array":
      return `[]${schema.items ? goTypeOf(schema.items, names, depth + 1) : "interface {}"}`;
    case "object":
      if (schema.properties === undefined && typeof schema.additionalProperties === "object") {
        return `map[string]${goTypeOf(schema.additionalProperties, names, depth + 1)}`;
      }
      return schema.properties === undefined ? "map[string]interface {}" : "struct";
    default:
      return "interface {}";
  }
}
