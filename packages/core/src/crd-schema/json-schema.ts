/**
 * The CRD's `openAPIV3Schema` as it arrives in a request
 * (apiextensions.k8s.io/v1 `JSONSchemaProps`), and its conversion into the
 * project's {@link StructuralSchema}. The request body is untrusted JSON, so
 * every reader here tolerates any shape.
 * @module
 */
import type { SchemaType, StructuralSchema } from "../schema.js";
import { isJsonObject, type JsonObject } from "./unstructured.js";

/** One entry of `x-kubernetes-validations`. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  /** `FieldValueInvalid` (default), `FieldValueForbidden`, `FieldValueRequired` or `FieldValueDuplicate`. */
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** The `JSONSchemaProps` keywords (v1); every field is optional and unchecked. */
export interface JSONSchemaProps {
  id?: string;
  $schema?: string;
  $ref?: string;
  description?: string;
  type?: string;
  format?: string;
  title?: string;
  default?: unknown;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  enum?: unknown[];
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: JSONSchemaProps | JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  patternProperties?: Record<string, JSONSchemaProps>;
  dependencies?: Record<string, JSONSchemaProps | string[]>;
  additionalItems?: JSONSchemaProps | boolean;
  definitions?: Record<string, JSONSchemaProps>;
  externalDocs?: unknown;
  example?: unknown;
  nullable?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-map-type"?: string;
  "x-kubernetes-validations"?: ValidationRule[];
}

const TYPES = new Set<string>(["object", "array", "string", "integer", "number", "boolean"]);

/** `props` as a schema node, or undefined when it is not an object. */
export function asProps(v: unknown): JSONSchemaProps | undefined {
  return isJsonObject(v) ? (v as JSONSchemaProps) : undefined;
}

/** The entries of a `properties`-like map whose values are schema objects. */
export function propsEntries(v: unknown): Array<[string, JSONSchemaProps]> {
  if (!isJsonObject(v)) return [];
  const out: Array<[string, JSONSchemaProps]> = [];
  for (const k of Object.keys(v)) {
    const p = asProps(v[k]);
    if (p) out.push([k, p]);
  }
  return out;
}

/** The schemas of an `allOf`/`anyOf`/`oneOf` list. */
export function propsList(v: unknown): JSONSchemaProps[] {
  return Array.isArray(v) ? (v.filter(isJsonObject) as JSONSchemaProps[]) : [];
}

/** A string list keyword (`required`, `x-kubernetes-list-map-keys`). */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The rules of a node, dropping malformed entries (they are reported by {@link structuralSchemaErrors}). */
export function validationRules(v: unknown): ValidationRule[] {
  if (!Array.isArray(v)) return [];
  const out: ValidationRule[] = [];
  for (const r of v) {
    if (!isJsonObject(r)) continue;
    const rule: ValidationRule = { rule: typeof r.rule === "string" ? r.rule : "" };
    if (typeof r.message === "string") rule.message = r.message;
    if (typeof r.messageExpression === "string") rule.messageExpression = r.messageExpression;
    if (typeof r.reason === "string") rule.reason = r.reason;
    if (typeof r.fieldPath === "string") rule.fieldPath = r.fieldPath;
    if (typeof r.optionalOldSelf === "boolean") rule.optionalOldSelf = r.optionalOldSelf;
    out.push(rule);
  }
  return out;
}

/**
 * Converts a CRD's `openAPIV3Schema` into a {@link StructuralSchema}.
 *
 * The keywords map one to one; `x-kubernetes-*` extensions are kept only in
 * their meaningful form (`preserve-unknown-fields: true`), `items` must be a
 * single schema, and `allOf`/`anyOf`/`oneOf`/`not` become value validations
 * (the pruning and decoding walkers only follow `properties`, `items` and
 * `additionalProperties`, which is exactly upstream's structural spine).
 * Keywords CRDs forbid (`$ref`, `patternProperties`, …) are dropped; call
 * {@link structuralSchemaErrors} first to reject them.
 */
export function toStructural(openAPIV3Schema: unknown): StructuralSchema {
  return convert(asProps(openAPIV3Schema) ?? {}, 0);
}

/** Guards against absurdly deep (or hostile) schemas; upstream's JSON decoder has a similar cap. */
const MAX_SCHEMA_DEPTH = 1000;

function convert(p: JSONSchemaProps, depth: number): StructuralSchema {
  const s: StructuralSchema = {};
  if (depth > MAX_SCHEMA_DEPTH) return s;
  const next = depth + 1;
  if (typeof p.type === "string" && TYPES.has(p.type)) s.type = p.type as SchemaType;
  if (typeof p.description === "string") s.description = p.description;
  if (typeof p.format === "string" && p.format !== "") s.format = p.format;
  const props = propsEntries(p.properties);
  if (props.length > 0 || isJsonObject(p.properties)) {
    s.properties = {};
    for (const [k, v] of props) {
      // An own data property even for `__proto__` (plain assignment would set the prototype).
      if (k === "__proto__") Object.defineProperty(s.properties, k, { value: convert(v, next), enumerable: true, writable: true, configurable: true });
      else s.properties[k] = convert(v, next);
    }
  }
  if (typeof p.additionalProperties === "boolean") s.additionalProperties = p.additionalProperties;
  else if (isJsonObject(p.additionalProperties)) s.additionalProperties = convert(p.additionalProperties as JSONSchemaProps, next);
  if (isJsonObject(p.items)) s.items = convert(p.items as JSONSchemaProps, next);
  const required = stringList(p.required);
  if (Array.isArray(p.required)) s.required = required;
  if (Array.isArray(p.enum)) s.enum = p.enum.slice();
  if (p.default !== undefined) s.default = p.default;
  if (p.nullable === true) s.nullable = true;
  for (const k of ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "multipleOf"] as const) {
    const v = num(p[k]);
    if (v !== undefined) s[k] = v;
  }
  if (p.exclusiveMinimum === true) s.exclusiveMinimum = true;
  if (p.exclusiveMaximum === true) s.exclusiveMaximum = true;
  if (typeof p.pattern === "string" && p.pattern !== "") s.pattern = p.pattern;
  if (p.uniqueItems === true) s.uniqueItems = true;
  for (const k of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(p[k])) s[k] = propsList(p[k]).map((x) => convert(x, next));
  }
  if (isJsonObject(p.not)) s.not = convert(p.not as JSONSchemaProps, next);
  if (p["x-kubernetes-int-or-string"] === true) s["x-kubernetes-int-or-string"] = true;
  if (p["x-kubernetes-preserve-unknown-fields"] === true) s["x-kubernetes-preserve-unknown-fields"] = true;
  if (p["x-kubernetes-embedded-resource"] === true) s["x-kubernetes-embedded-resource"] = true;
  const listType = p["x-kubernetes-list-type"];
  if (listType === "atomic" || listType === "set" || listType === "map") s["x-kubernetes-list-type"] = listType;
  if (Array.isArray(p["x-kubernetes-list-map-keys"])) s["x-kubernetes-list-map-keys"] = stringList(p["x-kubernetes-list-map-keys"]);
  const mapType = p["x-kubernetes-map-type"];
  if (mapType === "atomic" || mapType === "granular") s["x-kubernetes-map-type"] = mapType;
  const rules = validationRules(p["x-kubernetes-validations"]);
  if (rules.length > 0) s["x-kubernetes-validations"] = rules;
  return s;
}

/** Own property of a JSON object or undefined (ignores inherited names like `toString`). */
export function own(o: JsonObject | Record<string, StructuralSchema> | undefined, k: string): unknown {
  return o !== undefined && Object.hasOwn(o, k) ? (o as JsonObject)[k] : undefined;
}
