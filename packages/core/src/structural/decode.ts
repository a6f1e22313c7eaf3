/**
 * Decoding an object against its structural schema, as the API server does
 * on every create, update and patch: find (and optionally drop) the fields
 * the schema does not know, and the values whose JSON type cannot decode into
 * the declared one.
 *
 * This emulates what upstream gets from decoding JSON into Go structs (for
 * built-in kinds) and from structural pruning (for custom resources):
 * - an unknown field is dropped; with `fieldValidation=Strict` the server
 *   rejects the request (`strict decoding error: unknown field "spec.x"`),
 *   with `Warn` it answers a `Warning` header per field;
 * - `x-kubernetes-preserve-unknown-fields` and `additionalProperties` keep
 *   fields; embedded resources (`x-kubernetes-embedded-resource`) and the
 *   resource root always allow `apiVersion`, `kind` and `metadata`;
 * - a value of the wrong JSON type (a string for an int32, an object for a
 *   list) is a decode error: upstream answers 400 BadRequest
 *   `json: cannot unmarshal string into Go struct field ... of type int32`.
 *   IntOrString takes an integer or a string, Quantity a string or a
 *   number, and `null` is accepted everywhere (Go leaves the zero value).
 *
 * The walk follows the data, never the schema alone, so cyclic schema graphs
 * (JSONSchemaProps) are fine. It allocates nothing on the happy path: paths
 * are kept as a segment stack and only rendered when a problem is found.
 * @module
 */

import type { StructuralSchema } from "../schema.js";
import { type GoTypeNames, goStructName, goTypeOf } from "./go-types.js";

/** Options of {@link decodeAgainstSchema}. */
export interface DecodeOptions {
  /**
   * `prune`: delete unknown fields from the object **in place** (and report them);
   * `report`: only report them, leaving the object untouched.
   */
  unknownFields: "prune" | "report";
  /**
   * Whether the root is a resource (a served kind or custom resource), which always
   * allows `apiVersion`, `kind` and `metadata`, like `x-kubernetes-embedded-resource`. Default true.
   */
  resourceRoot?: boolean;
  /**
   * Schema of ObjectMeta, applied to `metadata` of the root and of embedded resources
   * when their own schema does not describe `metadata` (custom resources). Without it
   * such `metadata` is kept as is.
   */
  objectMeta?: StructuralSchema;
  /**
   * Check the string formats that fail Go decoding: `date-time` (metav1.Time),
   * `byte` (base64 []byte) and `quantity` (resource.Quantity). Default true.
   */
  checkFormats?: boolean;
  /** Go type names of named schema nodes, used only to word type errors like upstream. */
  goTypeNames?: GoTypeNames;
}

/** A value whose JSON type (or format) cannot decode into the schema's type. */
export interface DecodeTypeError {
  /** Dotted path with indices, e.g. `spec.containers[0].ports[0].containerPort`. */
  path: string;
  /** The expected type: `int32`, `int64`, `string`, `boolean`, `object`, `array`, `int-or-string`, … */
  expected: string;
  /** What was found: `string`, `number`, `number 1.5`, `bool`, `array`, `object`, or for format errors the offending string. */
  actual: string;
  /** Go spelling of the expected type (`int32`, `[]v1.Container`, `v1.PodSpec`), for upstream-shaped messages. */
  goType: string;
  /** Go struct name owning the field (`ContainerPort`), when the schema graph registered one. */
  goStruct?: string;
  /** For format errors: upstream's explanation (e.g. the Quantity regular expression message). */
  detail?: string;
}

/** Outcome of {@link decodeAgainstSchema}. */
export interface DecodeResult {
  /** Paths of unknown fields in document order, e.g. `spec.containerz`, `spec.containers[0].imagee`. */
  unknownFields: string[];
  typeErrors: DecodeTypeError[];
}

/** Nesting beyond this is reported instead of walked (upstream's JSON decoder caps depth similarly). */
const MAX_DEPTH = 5000;

// Go's time.Parse(time.RFC3339, …), which metav1.Time uses: upper-case T and Z only.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 2 ** 63;

interface Ctx {
  prune: boolean;
  formats: boolean;
  objectMeta: StructuralSchema | undefined;
  names: GoTypeNames | undefined;
  /** Path segments from the root: strings for fields, numbers for indices. */
  path: Array<string | number>;
  result: DecodeResult;
}

/**
 * Checks `obj` against `schema`: unknown fields and type errors.
 *
 * With `unknownFields: "prune"` the unknown fields are deleted from `obj` in
 * place (clone first if the caller needs the original). Values with type
 * errors are left as they are. Never throws for any JSON input.
 */
export function decodeAgainstSchema(obj: unknown, schema: StructuralSchema, options: DecodeOptions): DecodeResult {
  const result: DecodeResult = { unknownFields: [], typeErrors: [] };
  const ctx: Ctx = {
    prune: options.unknownFields === "prune",
    formats: options.checkFormats !== false,
    objectMeta: options.objectMeta,
    names: options.goTypeNames,
    path: [],
    result,
  };
  walk(obj, schema, ctx, options.resourceRoot !== false, 0, undefined);
  return result;
}

/** Renders a segment stack: `spec`, `containers`, 0, `image` → `spec.containers[0].image`. */
export function renderPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}

function typeError(ctx: Ctx, schema: StructuralSchema, parent: StructuralSchema | undefined, expected: string, actual: string, detail?: string) {
  const err: DecodeTypeError = { path: renderPath(ctx.path), expected, actual, goType: goTypeOf(schema, ctx.names) };
  const struct = parent === undefined ? undefined : goStructName(parent, ctx.names);
  if (struct !== undefined) err.goStruct = struct;
  if (detail !== undefined) err.detail = detail;
  ctx.result.typeErrors.push(err);
}

/**
 * Walks one value. `embedded` marks a resource root / embedded resource; `parent` is
 * the schema of the object holding this value (for Go struct names in messages).
 */
function walk(value: unknown, schema: StructuralSchema, ctx: Ctx, embedded: boolean, depth: number, parent: StructuralSchema | undefined): void {
  if (value === null || value === undefined) return;
  if (depth > MAX_DEPTH) {
    typeError(ctx, schema, parent, "shallower nesting", "exceeded max depth");
    return;
  }
  if (schema["x-kubernetes-int-or-string"] === true) {
    if (typeof value === "string") return;
    if (typeof value === "number") {
      if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) typeError(ctx, schema, parent, "int-or-string", `number ${value}`);
      return;
    }
    typeError(ctx, schema, parent, "int-or-string", jsonKind(value));
    return;
  }
  switch (schema.type) {
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) {
        typeError(ctx, schema, parent, "object", jsonKind(value));
        return;
      }
      walkObject(value as Record<string, unknown>, schema, ctx, embedded || schema["x-kubernetes-embedded-resource"] === true, depth, parent);
      return;
    case "array": {
      if (!Array.isArray(value)) {
        typeError(ctx, schema, parent, "array", jsonKind(value));
        return;
      }
      const items = schema.items;
      if (items === undefined) return;
      const path = ctx.path;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], items, ctx, false, depth + 1, parent);
        path.pop();
      }
      return;
    }
    case "string":
      if (typeof value !== "string") typeError(ctx, schema, parent, "string", jsonKind(value));
      else if (ctx.formats && schema.format !== undefined) checkFormat(value, schema, ctx, parent);
      return;
    case "integer":
      if (typeof value !== "number") typeError(ctx, schema, parent, schema.format ?? "integer", jsonKind(value));
      else if (!Number.isInteger(value)) typeError(ctx, schema, parent, schema.format ?? "integer", `number ${value}`);
      else if (schema.format === "int32" ? value < INT32_MIN || value > INT32_MAX : Math.abs(value) >= INT64_LIMIT) {
        typeError(ctx, schema, parent, schema.format ?? "integer", `number ${value}`);
      }
      return;
    case "number":
      if (typeof value !== "number") typeError(ctx, schema, parent, "number", jsonKind(value));
      return;
    case "boolean":
      if (typeof value !== "boolean") typeError(ctx, schema, parent, "boolean", jsonKind(value));
      return;
    default:
      walkUntyped(value, schema, ctx, embedded, depth, parent);
  }
}

/** Nodes without `type`: unions of scalar types (Quantity), preserved values, or objects described only by properties. */
function walkUntyped(value: unknown, schema: StructuralSchema, ctx: Ctx, embedded: boolean, depth: number, parent: StructuralSchema | undefined) {
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined && schema.properties === undefined && union.every((u) => u.type !== undefined && u.properties === undefined)) {
    const kind = typeof value;
    const ok = union.some((u) =>
      u.type === "string" ? kind === "string" : u.type === "number" ? kind === "number" : u.type === "integer" ? Number.isInteger(value) : u.type === "boolean" ? kind === "boolean" : false,
    );
    if (!ok) typeError(ctx, schema, parent, union.map((u) => u.type).join(" or "), jsonKind(value));
    else if (kind === "string" && ctx.formats && schema.format !== undefined) checkFormat(value as string, schema, ctx, parent);
    return;
  }
  if (schema.properties !== undefined && typeof value === "object" && !Array.isArray(value)) {
    walkObject(value as Record<string, unknown>, schema, ctx, embedded || schema["x-kubernetes-embedded-resource"] === true, depth, parent);
  }
  // Anything else without a type (preserve-unknown-fields, opaque JSON) is accepted as is.
}

/** Walks an object's fields; map values report `parent` (the struct holding the map) as their Go struct, as Go does. */
function walkObject(
  value: Record<string, unknown>,
  schema: StructuralSchema,
  ctx: Ctx,
  embedded: boolean,
  depth: number,
  parent: StructuralSchema | undefined,
): void {
  const props = schema.properties;
  const additional = schema.additionalProperties;
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  const path = ctx.path;
  for (const key in value) {
    // `in` on a plain object also sees inherited names (`toString`): only own properties count.
    const child = props !== undefined && Object.hasOwn(props, key) ? props[key] : undefined;
    path.push(key);
    if (child !== undefined) {
      walk(value[key], child, ctx, false, depth + 1, schema);
    } else if (typeof additional === "object") {
      walk(value[key], additional, ctx, false, depth + 1, parent);
    } else if (embedded && (key === "apiVersion" || key === "kind" || key === "metadata")) {
      if (key === "metadata" && ctx.objectMeta !== undefined) walk(value[key], ctx.objectMeta, ctx, false, depth + 1, schema);
      else if (key !== "metadata" && value[key] !== null && typeof value[key] !== "string") typeError(ctx, { type: "string" }, schema, "string", jsonKind(value[key]));
    } else if (additional !== true && !preserve) {
      ctx.result.unknownFields.push(renderPath(path));
      if (ctx.prune) delete value[key];
    }
    path.pop();
  }
}

function checkFormat(value: string, schema: StructuralSchema, ctx: Ctx, parent: StructuralSchema | undefined): void {
  switch (schema.format) {
    case "date-time":
      // metav1.Time decodes "" as the zero time.
      if (value !== "" && !RFC3339.test(value)) {
        typeError(ctx, schema, parent, "date-time", value, `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": not RFC 3339`);
      }
      return;
    case "byte":
      if (!BASE64.test(value.replace(/[\r\n]/g, ""))) typeError(ctx, schema, parent, "byte", value, "illegal base64 data");
      return;
    case "quantity":
      if (!QUANTITY.test(value)) {
        typeError(ctx, schema, parent, "quantity", value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
      }
      return;
  }
}
