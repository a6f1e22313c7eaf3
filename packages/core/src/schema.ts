/**
 * Structural schemas: the subset of OpenAPI v3 that the API machinery reads to
 * prune, validate, default and patch objects.
 *
 * `$ref`s are resolved into plain object references, so a schema graph may be
 * cyclic (e.g. JSONSchemaProps); walkers must recurse along the data, never
 * along the schema alone.
 * @module
 */

/** Primitive and container types a schema node can declare. */
export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

/** One node of a structural schema. */
export interface StructuralSchema {
  type?: SchemaType;
  description?: string;
  format?: string;
  properties?: Record<string, StructuralSchema>;
  /** Schema of map values; `true` allows any value. */
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  /** Validation keywords, as in OpenAPI v3. */
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  multipleOf?: number;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  not?: StructuralSchema;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  /** Strategic-merge-patch merge key of a list of objects (built-in types). */
  "x-kubernetes-patch-merge-key"?: string;
  /** Strategic-merge-patch strategy: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  "x-kubernetes-patch-strategy"?: string;
  /** "atomic", "set" or "map" (server-side apply and CRDs). */
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  /** "atomic" or "granular". */
  "x-kubernetes-map-type"?: "atomic" | "granular";
  "x-kubernetes-validations"?: Array<{ rule: string; message?: string; messageExpression?: string; reason?: string; fieldPath?: string }>;
}
