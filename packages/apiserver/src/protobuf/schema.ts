/**
 * The shape of the decoder's field tables, and the small vocabulary used to
 * write them compactly (`str`, `i32`, `ptr(bool)`, `rep(msg("core.Container"))`,
 * `mapOf(str)` ...).
 *
 * A table maps a message name to its fields by protobuf field number; each
 * field names its JSON key and how to read it. The tables are this project's
 * own data: field numbers are facts of the Kubernetes wire protocol, taken
 * from upstream's `generated.proto` files.
 *
 * ## Zero values: `ptr` (keep) versus plain (omit)
 *
 * Upstream's protobuf marshaller (gogo, proto2) writes every non-pointer
 * scalar field, even when it is "" / 0 / false, and writes pointer fields
 * only when set. Go's JSON encoder, which produced the JSON we mirror, drops
 * zero values of `omitempty` fields. So a zero on the wire means "unset" for
 * an ordinary `omitempty` field (dropped), but a deliberate value for a
 * pointer field (`replicas: 0`, `automountServiceAccountToken: false`) or a
 * field without `omitempty` (`containerPort`, `Subject.kind`). Fields of the
 * latter two sorts are marked {@link ptr} ("keep the zero").
 *
 * Messages, maps and lists need no mark: a message is emitted whenever it is
 * on the wire (Go emits non-pointer structs as `{}` too), lists and maps
 * whenever they have an element (Go omits empty ones).
 * @module
 */

/** Scalar protobuf types the tables use, with their JSON rendering. */
export type ScalarKind =
  /** UTF-8 string → JSON string. */
  | "string"
  /** Raw bytes → base64 JSON string (as Go encodes `[]byte`). */
  | "bytes"
  /** Varint → boolean. */
  | "bool"
  /** Varint → number (two's complement 32-bit). */
  | "int32"
  /** Varint → number (int64, exact within ±2^53). */
  | "int64"
  /** 64-bit → number. */
  | "double"
  /** 32-bit → number. */
  | "float";

/** How one field is read and rendered. */
export interface FieldShape {
  /** A scalar kind, a nested message, or a map. */
  readonly kind: ScalarKind | "message" | "map";
  /** For messages: the qualified message name (`"core.Container"`). For maps with message values: the value's message name. */
  readonly message?: string;
  /** For maps: the value kind (keys are always strings in Kubernetes). */
  readonly mapValue?: ScalarKind | "message";
  /** A repeated field: JSON array (packed scalars are accepted too). */
  readonly repeated?: boolean;
  /** Keep zero values on the wire (pointer fields and fields without `omitempty`). */
  readonly keep?: boolean;
  /** A Go embedded struct: its fields are merged into the parent's JSON object rather than nested. */
  readonly inline?: boolean;
}

/** A field: its JSON key and its shape. */
export type FieldDef = readonly [jsonName: string, shape: FieldShape];

/** A message's fields by protobuf field number. */
export type MessageTable = Readonly<Record<number, FieldDef>>;

/** Message tables by qualified name (`"apps.Deployment"`). */
export type MessageTables = Readonly<Record<string, MessageTable>>;

/** UTF-8 string; "" dropped. */
export const str: FieldShape = { kind: "string" };
/** Bytes rendered as base64; empty dropped. */
export const bytes: FieldShape = { kind: "bytes" };
/** Boolean; false dropped. */
export const bool: FieldShape = { kind: "bool" };
/** int32; 0 dropped. */
export const i32: FieldShape = { kind: "int32" };
/** int64 as a JSON number; 0 dropped. */
export const i64: FieldShape = { kind: "int64" };
/** double; 0 dropped. */
export const f64: FieldShape = { kind: "double" };

/** Keep the field's zero value when it is on the wire: a Go pointer field, or one without `omitempty`. */
export function ptr(shape: FieldShape): FieldShape {
  return { ...shape, keep: true };
}

/** A repeated field (JSON array). */
export function rep(shape: FieldShape): FieldShape {
  return { ...shape, repeated: true };
}

/** A nested message, by qualified name. */
export function msg(name: string): FieldShape {
  return { kind: "message", message: name };
}

/** An embedded Go struct whose fields appear directly in the parent's JSON. */
export function inline(name: string): FieldShape {
  return { kind: "message", message: name, inline: true };
}

/** `map<string, V>`: V is a scalar shape or a {@link msg}. */
export function mapOf(value: FieldShape): FieldShape {
  if (value.kind === "message") return { kind: "map", mapValue: "message", message: value.message };
  if (value.kind === "map") throw new Error("map of map is not a protobuf type");
  return { kind: "map", mapValue: value.kind };
}

/** A message constructor bound to one API group's prefix: `const m = scoped("core"); m("Container")`. */
export function scoped(prefix: string): (name: string) => FieldShape {
  return (name) => msg(`${prefix}.${name}`);
}

/** Prefixes every key of a group's tables (`ConfigMap` → `core.ConfigMap`). */
export function qualify(prefix: string, tables: Record<string, MessageTable>): MessageTables {
  const out: Record<string, MessageTable> = {};
  for (const [name, table] of Object.entries(tables)) out[`${prefix}.${name}`] = table;
  return out;
}

// Shapes of messages every group references. The last six have custom JSON
// forms rather than field tables (see well-known.ts).

/** `metav1.ObjectMeta`. */
export const ObjectMeta = msg("meta.ObjectMeta");
/** `metav1.ListMeta`. */
export const ListMeta = msg("meta.ListMeta");
/** `metav1.LabelSelector`. */
export const LabelSelector = msg("meta.LabelSelector");
/** `metav1.Time` → RFC 3339 string (seconds precision), or null when zero. */
export const Time = msg("meta.Time");
/** `metav1.MicroTime` → RFC 3339 string with microseconds, or null when zero. */
export const MicroTime = msg("meta.MicroTime");
/** `metav1.Duration` → Go duration string (`"1h0m0s"`). */
export const Duration = msg("meta.Duration");
/** `intstr.IntOrString` → number or string. */
export const IntOrString = msg("intstr.IntOrString");
/** `resource.Quantity` → string. */
export const Quantity = msg("resource.Quantity");
/** `runtime.RawExtension` → the embedded JSON value. */
export const RawExtension = msg("runtime.RawExtension");
