/**
 * Table-driven protobuf → JSON decoding of one message.
 *
 * The decoder walks the wire format with {@link Reader}, looks every field
 * number up in the message's table, and builds the JSON object Go's encoder
 * would print for the same Go value: JSON names, base64 bytes, embedded
 * structs flattened, well-known types in their JSON forms, zero values of
 * `omitempty` fields dropped (see schema.ts for the rules).
 *
 * Protobuf semantics are kept where they matter: a singular message that
 * appears twice is merged, a singular scalar takes its last value, repeated
 * scalars may be packed or not, map entries may list value before key.
 * Unknown field numbers are skipped and reported by path; they are never
 * fatal. Hostile input cannot recurse past {@link DecodeLimits.maxDepth} or
 * grow the unknown-field report past {@link DecodeLimits.maxUnknownFields};
 * everything else allocated is proportional to the input.
 * @module
 */
import { ProtobufDecodeError } from "./errors.js";
import type { FieldShape, MessageTables, ScalarKind } from "./schema.js";
import { WELL_KNOWN } from "./well-known.js";
import { Reader, WireType, wireTypeName } from "./wire.js";

/** Safety limits for one decode. */
export interface DecodeLimits {
  /** Deepest message nesting accepted (Kubernetes objects need ~20; default 100). */
  maxDepth: number;
  /** Unknown-field paths kept in the report (the total is still counted; default 100). */
  maxUnknownFields: number;
}

/** Defaults for {@link DecodeLimits}. */
export const DEFAULT_LIMITS: DecodeLimits = { maxDepth: 100, maxUnknownFields: 100 };

/** What a decode found besides the object. */
export interface DecodeReport {
  /** Paths of skipped unknown fields (`spec.template.spec.containers[0].#99`), at most `maxUnknownFields`. */
  unknownFields: string[];
  /** How many unknown fields were skipped in all (may exceed `unknownFields.length`). */
  unknownFieldCount: number;
}

type JsonObject = Record<string, unknown>;

const EMPTY = Buffer.alloc(0);

/**
 * A field path built lazily: segments are linked, and only rendered when an
 * error or an unknown field needs them, so the happy path allocates nothing.
 */
class Path {
  constructor(
    readonly parent: Path | undefined,
    readonly segment: string,
  ) {}

  render(): string {
    const parts: string[] = [];
    for (let p: Path | undefined = this; p; p = p.parent) if (p.segment) parts.push(p.segment);
    let out = "";
    for (let i = parts.length - 1; i >= 0; i--) {
      const s = parts[i];
      out += out === "" || s.startsWith("[") ? s : `.${s}`;
    }
    return out === "" ? "<root>" : out;
  }

  child(name: string): Path {
    return new Path(this, name);
  }

  index(i: number): Path {
    return new Path(this, `[${i}]`);
  }

  key(k: string): Path {
    return new Path(this, `[${JSON.stringify(k)}]`);
  }
}

/** The root of a decode's paths. */
export const ROOT = new Path(undefined, "");

/** Sets an own enumerable property, even for keys like `__proto__` (map keys are attacker-chosen). */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isZero(v: unknown): boolean {
  return v === "" || v === 0 || v === false;
}

function zeroOf(kind: ScalarKind): unknown {
  switch (kind) {
    case "string":
    case "bytes":
      return "";
    case "bool":
      return false;
    default:
      return 0;
  }
}

/** Expected wire type of a scalar kind when not packed. */
function wireOf(kind: ScalarKind): number {
  switch (kind) {
    case "string":
    case "bytes":
      return WireType.LengthDelimited;
    case "double":
      return WireType.Fixed64;
    case "float":
      return WireType.Fixed32;
    default:
      return WireType.Varint;
  }
}

/** Decodes messages against a set of tables, accumulating an unknown-field report. */
export class MessageDecoder {
  readonly report: DecodeReport = { unknownFields: [], unknownFieldCount: 0 };

  constructor(
    private readonly tables: MessageTables,
    private readonly limits: DecodeLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Decodes `bytes` as message `type` into `target` (merging with what is
   * already there, as protobuf merges repeated occurrences of a message).
   */
  decodeInto(bytes: Buffer, type: string, target: JsonObject, path: Path = ROOT, depth = 0): void {
    if (depth > this.limits.maxDepth) {
      throw new ProtobufDecodeError("limit", `${path.render()}: messages nested deeper than ${this.limits.maxDepth}`);
    }
    const table = Object.hasOwn(this.tables, type) ? this.tables[type] : undefined;
    if (!table) throw new ProtobufDecodeError("schema", `${path.render()}: no field table for message ${type}`);
    const r = new Reader(bytes);
    while (!r.eof()) {
      const { field, wire } = r.tag();
      const def = Object.hasOwn(table, field) ? table[field] : undefined;
      if (!def) {
        this.noteUnknown(path, field);
        r.skip(wire);
        continue;
      }
      const [name, shape] = def;
      if (shape.kind === "map") this.mapEntry(r, wire, name, shape, target, path, depth);
      else if (shape.kind === "message") this.messageField(r, wire, name, shape, target, path, depth);
      else if (shape.repeated) this.repeatedScalar(r, wire, name, shape.kind, target, path);
      else {
        const value = this.scalar(r, wire, shape.kind, path, name);
        // Zero on the wire: a deliberate value for pointer/non-omitempty fields, "unset" otherwise.
        if (shape.keep || !isZero(value)) target[name] = value;
        else delete target[name];
      }
    }
  }

  /** Decodes a message value: a well-known JSON form, or an object (merged into `existing` if one is given). */
  decodeValue(bytes: Buffer, type: string, path: Path, depth: number, existing?: unknown): unknown {
    const wellKnown = Object.hasOwn(WELL_KNOWN, type) ? WELL_KNOWN[type] : undefined;
    if (wellKnown) return wellKnown(bytes, () => path.render());
    const target = isPlainObject(existing) ? existing : {};
    this.decodeInto(bytes, type, target, path, depth);
    return target;
  }

  private noteUnknown(path: Path, field: number): void {
    this.report.unknownFieldCount++;
    if (this.report.unknownFields.length < this.limits.maxUnknownFields) {
      this.report.unknownFields.push(path.child(`#${field}`).render());
    }
  }

  private expectWire(wire: number, want: number, path: Path, name: string): void {
    if (wire !== want) {
      throw new ProtobufDecodeError(
        "schema",
        `${path.child(name).render()}: wire type ${wireTypeName(wire)} does not match the field's type (${wireTypeName(want)})`,
      );
    }
  }

  private messageField(r: Reader, wire: number, name: string, shape: FieldShape, target: JsonObject, path: Path, depth: number): void {
    this.expectWire(wire, WireType.LengthDelimited, path, name);
    const bytes = r.bytes();
    const type = shape.message as string;
    if (shape.inline) {
      // An embedded Go struct: same JSON object, same path.
      this.decodeInto(bytes, type, target, path, depth + 1);
    } else if (shape.repeated) {
      const list = this.list(target, name);
      list.push(this.decodeValue(bytes, type, path.child(name).index(list.length), depth + 1));
    } else {
      target[name] = this.decodeValue(bytes, type, path.child(name), depth + 1, target[name]);
    }
  }

  private list(target: JsonObject, name: string): unknown[] {
    const existing = target[name];
    if (Array.isArray(existing)) return existing;
    const list: unknown[] = [];
    target[name] = list;
    return list;
  }

  private repeatedScalar(r: Reader, wire: number, name: string, kind: ScalarKind, target: JsonObject, path: Path): void {
    const list = this.list(target, name);
    const want = wireOf(kind);
    if (wire === WireType.LengthDelimited && want !== WireType.LengthDelimited) {
      // Packed: a run of values of the element's own encoding, with no tags.
      const packed = new Reader(r.bytes());
      while (!packed.eof()) list.push(this.scalar(packed, want, kind, path, name));
      return;
    }
    list.push(this.scalar(r, wire, kind, path, name));
  }

  private scalar(r: Reader, wire: number, kind: ScalarKind, path: Path, name: string): unknown {
    this.expectWire(wire, wireOf(kind), path, name);
    switch (kind) {
      case "string":
        return r.bytes().toString("utf8");
      case "bytes":
        return r.bytes().toString("base64");
      case "bool":
        return r.bool();
      case "int32":
        return r.int32();
      case "int64":
        return r.int64();
      case "double":
        return r.double();
      case "float":
        return r.float();
    }
  }

  /** One `map<string, V>` entry: a nested message with key = 1 and value = 2, in either order, either optional. */
  private mapEntry(r: Reader, wire: number, name: string, shape: FieldShape, target: JsonObject, path: Path, depth: number): void {
    this.expectWire(wire, WireType.LengthDelimited, path, name);
    const entry = new Reader(r.bytes());
    const valueKind = shape.mapValue as ScalarKind | "message";
    const mapPath = path.child(name);
    let key = "";
    let messageBytes: Buffer = EMPTY;
    let scalarValue: unknown;
    while (!entry.eof()) {
      const { field, wire: w } = entry.tag();
      if (field === 1) {
        this.expectWire(w, WireType.LengthDelimited, mapPath, "key");
        key = entry.bytes().toString("utf8");
      } else if (field === 2) {
        if (valueKind === "message") {
          this.expectWire(w, WireType.LengthDelimited, mapPath, "value");
          messageBytes = entry.bytes();
        } else {
          scalarValue = this.scalar(entry, w, valueKind, mapPath, "value");
        }
      } else {
        this.noteUnknown(mapPath, field);
        entry.skip(w);
      }
    }
    const value =
      valueKind === "message" ? this.decodeValue(messageBytes, shape.message as string, mapPath.key(key), depth + 1) : (scalarValue ?? zeroOf(valueKind));
    let map = target[name];
    if (!isPlainObject(map)) {
      map = {};
      target[name] = map;
    }
    setOwn(map as JsonObject, key, value);
  }
}
