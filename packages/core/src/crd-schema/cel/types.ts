/**
 * The static types the rule checker reasons with, and the type of each
 * schema node as apiextensions declares it to CEL (`SchemaDeclType`):
 * objects with properties are records whose unknown fields are compile
 * errors, `additionalProperties` are maps, `int-or-string` and untyped
 * preserved values are `dyn`, and strings with format `date-time`,
 * `duration` or `byte` are `timestamp`, `duration` and `bytes`. A resource
 * root (the custom resource itself or an embedded resource) also declares
 * `apiVersion`, `kind` and `metadata.name`/`metadata.generateName`.
 * @module
 */
import type { CelType } from "@bufbuild/cel";
import type { StructuralSchema } from "../../schema.js";
import { escapeName } from "./escape.js";

/** A CEL type as far as the checker needs it. */
export type CelT =
  | { kind: "dyn" }
  | { kind: "prim"; name: "int" | "uint" | "double" | "bool" | "string" | "bytes" | "null_type" | "type" }
  | { kind: "timestamp" }
  | { kind: "duration" }
  | { kind: "list"; elem: CelT }
  | { kind: "map"; key: CelT; value: CelT }
  /** A schema object; `fields` is keyed by the CEL spelling of each property. */
  | { kind: "object"; fields: () => ReadonlyMap<string, CelT>; open: boolean };

export const DYN: CelT = { kind: "dyn" };
const prim = (name: Extract<CelT, { kind: "prim" }>["name"]): CelT => ({ kind: "prim", name });
export const INT = prim("int");
export const UINT = prim("uint");
export const DOUBLE = prim("double");
export const BOOL = prim("bool");
export const STRING = prim("string");
export const BYTES = prim("bytes");
export const NULL = prim("null_type");
export const TYPE = prim("type");
export const TIMESTAMP: CelT = { kind: "timestamp" };
export const DURATION: CelT = { kind: "duration" };
export const listOf = (elem: CelT): CelT => ({ kind: "list", elem });
export const mapOf = (key: CelT, value: CelT): CelT => ({ kind: "map", key, value });

/** cel-go's spelling of a type in messages (`list(int)`, `map(string, dyn)`, `google.protobuf.Timestamp`). */
export function typeName(t: CelT): string {
  switch (t.kind) {
    case "dyn":
      return "dyn";
    case "prim":
      return t.name;
    case "timestamp":
      return "google.protobuf.Timestamp";
    case "duration":
      return "google.protobuf.Duration";
    case "list":
      return `list(${typeName(t.elem)})`;
    case "map":
      return `map(${typeName(t.key)}, ${typeName(t.value)})`;
    case "object":
      return "object";
  }
}

/** The checker type of a function signature type from @bufbuild/cel. */
export function fromCelType(t: CelType | undefined): CelT {
  if (t === undefined) return DYN;
  switch (t.kind) {
    case "scalar":
      return t.scalar === "dyn" ? DYN : prim(t.scalar);
    case "list":
      return listOf(fromCelType(t.element));
    case "map":
      return mapOf(fromCelType(t.key), fromCelType(t.value));
    default:
      return t.name === "google.protobuf.Timestamp" ? TIMESTAMP : t.name === "google.protobuf.Duration" ? DURATION : DYN;
  }
}

const META_FIELDS: ReadonlyMap<string, CelT> = new Map([
  ["name", STRING],
  ["generateName", STRING],
]);

const declTypes = new WeakMap<StructuralSchema, CelT>();
const rootDeclTypes = new WeakMap<StructuralSchema, CelT>();

/** The CEL type of values of a schema node (`resourceRoot` for a custom resource or embedded resource). */
export function declType(s: StructuralSchema | undefined, resourceRoot = false): CelT {
  if (s === undefined) return DYN;
  const cache = resourceRoot || s["x-kubernetes-embedded-resource"] ? rootDeclTypes : declTypes;
  let t = cache.get(s);
  if (t === undefined) {
    t = computeDeclType(s, resourceRoot || s["x-kubernetes-embedded-resource"] === true);
    cache.set(s, t);
  }
  return t;
}

function computeDeclType(s: StructuralSchema, resourceRoot: boolean): CelT {
  if (s["x-kubernetes-int-or-string"]) return DYN;
  if (resourceRoot) return objectType(s, true);
  switch (s.type) {
    case "array":
      return listOf(declType(s.items));
    case "object":
      if (typeof s.additionalProperties === "object") return mapOf(STRING, declType(s.additionalProperties));
      if (s.properties !== undefined) return objectType(s, false);
      return mapOf(STRING, DYN);
    case "string":
      switch (s.format) {
        case "date-time":
          return TIMESTAMP;
        case "duration":
          return DURATION;
        case "byte":
          return BYTES;
        default:
          return STRING;
      }
    case "integer":
      return INT;
    case "number":
      return DOUBLE;
    case "boolean":
      return BOOL;
    default:
      return DYN;
  }
}

function objectType(s: StructuralSchema, resourceRoot: boolean): CelT {
  let fields: Map<string, CelT> | undefined;
  return {
    kind: "object",
    open: s["x-kubernetes-preserve-unknown-fields"] === true || (s.properties === undefined && !resourceRoot),
    fields: () => {
      if (fields === undefined) {
        fields = new Map();
        if (resourceRoot) {
          fields.set("apiVersion", STRING);
          fields.set("kind", STRING);
          fields.set("metadata", { kind: "object", open: false, fields: () => META_FIELDS });
        }
        for (const [k, v] of Object.entries(s.properties ?? {})) {
          const e = escapeName(k);
          if (e !== undefined && !(resourceRoot && k === "metadata")) fields.set(e, declType(v));
        }
      }
      return fields;
    },
  };
}

/** Whether a value of type `arg` may be passed where `param` is expected. */
export function assignable(arg: CelT, param: CelT): boolean {
  if (arg.kind === "dyn" || param.kind === "dyn") return true;
  switch (param.kind) {
    case "prim":
      return arg.kind === "prim" && arg.name === param.name;
    case "list":
      return arg.kind === "list" && assignable(arg.elem, param.elem);
    case "map":
      // Schema objects are maps at run time; passing one where a map is taken is accepted.
      if (arg.kind === "object") return true;
      return arg.kind === "map" && assignable(arg.key, param.key) && assignable(arg.value, param.value);
    case "object":
      return arg.kind === "object";
    default:
      return arg.kind === param.kind;
  }
}

/** The common type of two branches (conditional, list literals): equal types, else `dyn`. */
export function join(a: CelT, b: CelT): CelT {
  if (a.kind === "dyn") return b;
  if (b.kind === "dyn") return a;
  if (a.kind === "list" && b.kind === "list") return listOf(join(a.elem, b.elem));
  if (a.kind === "map" && b.kind === "map") return mapOf(join(a.key, b.key), join(a.value, b.value));
  if (a.kind === "prim" && b.kind === "prim") return a.name === b.name ? a : DYN;
  return a.kind === b.kind ? a : DYN;
}
