/**
 * Kubernetes messages whose JSON form is not "an object of their fields":
 * `metav1.Time` and `MicroTime` (RFC 3339 strings), `metav1.Duration` (Go
 * duration strings), `intstr.IntOrString` (a bare number or string),
 * `resource.Quantity` (a string), and `runtime.RawExtension` / `metav1.FieldsV1`
 * (raw JSON carried as bytes). Each decoder takes the message's bytes and
 * returns exactly what Go's JSON encoder prints for the same value.
 *
 * These messages are tiny and fixed; a field number they do not define is
 * skipped without being reported.
 * @module
 */
import { ProtobufDecodeError } from "./errors.js";
import { Reader, WireType, wireTypeName } from "./wire.js";

/** Decodes one well-known message's payload; `where` names the field path for errors. */
export type WellKnownDecoder = (bytes: Buffer, where: () => string) => unknown;

/** Go's `time.Time` range that marshals to JSON: years 0001 through 9999 (upstream rejects others). */
const MIN_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z

function expectWire(wire: number, want: number, field: number, type: string, where: () => string): void {
  if (wire !== want) {
    throw new ProtobufDecodeError("schema", `${where()}: ${type} field ${field} has wire type ${wireTypeName(wire)}, expected ${wireTypeName(want)}`);
  }
}

/** Reads a `Timestamp`-shaped message (seconds = 1, nanos = 2). Returns undefined when no field is present. */
function readTimestamp(bytes: Buffer, type: string, where: () => string): { seconds: number; nanos: number } | undefined {
  const r = new Reader(bytes);
  let seen = false;
  let seconds = 0;
  let nanos = 0;
  while (!r.eof()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(wire, WireType.Varint, field, type, where);
      seconds = r.int64();
      seen = true;
    } else if (field === 2) {
      expectWire(wire, WireType.Varint, field, type, where);
      nanos = r.int32();
      seen = true;
    } else {
      r.skip(wire);
    }
  }
  if (!seen) return undefined;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new ProtobufDecodeError("schema", `${where()}: ${type} seconds ${seconds} is outside years 0001-9999`);
  }
  if (nanos < 0 || nanos > 999_999_999) throw new ProtobufDecodeError("schema", `${where()}: ${type} nanos ${nanos} is out of range`);
  return { seconds, nanos };
}

/** `YYYY-MM-DDTHH:MM:SS` (UTC) for Unix seconds within the supported range. */
function isoSeconds(seconds: number): string {
  // toISOString pads years 0000-9999 to four digits, which is exactly RFC 3339's form.
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/**
 * `metav1.Time`: Go prints whole seconds in UTC (`2024-01-02T03:04:05Z`),
 * dropping nanoseconds. An empty message is the zero time, which Go prints as
 * `null` (that is the `creationTimestamp: null` every client sends).
 */
export const decodeTime: WellKnownDecoder = (bytes, where) => {
  const ts = readTimestamp(bytes, "Time", where);
  return ts ? `${isoSeconds(ts.seconds)}Z` : null;
};

/** `metav1.MicroTime`: always six fractional digits (`2024-01-02T03:04:05.123456Z`); empty → `null`. */
export const decodeMicroTime: WellKnownDecoder = (bytes, where) => {
  const ts = readTimestamp(bytes, "MicroTime", where);
  if (!ts) return null;
  const micros = String(Math.floor(ts.nanos / 1000)).padStart(6, "0");
  return `${isoSeconds(ts.seconds)}.${micros}Z`;
};

/** Reads field 1 of a single-field message as the given wire type, returning its raw reader state. */
function singleBytesField(bytes: Buffer, type: string, where: () => string): Buffer | undefined {
  const r = new Reader(bytes);
  let value: Buffer | undefined;
  while (!r.eof()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(wire, WireType.LengthDelimited, field, type, where);
      value = r.bytes();
    } else {
      r.skip(wire);
    }
  }
  return value;
}

/**
 * `metav1.Duration` (field 1: int64 nanoseconds) → Go's `time.Duration.String()`,
 * e.g. `"1h0m0s"`, `"1m30s"`, `"1.5s"`, `"100ms"`, `"0s"`.
 */
export const decodeDuration: WellKnownDecoder = (bytes, where) => {
  const r = new Reader(bytes);
  let ns = 0n;
  while (!r.eof()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(wire, WireType.Varint, field, "Duration", where);
      r.varint();
      ns = BigInt.asIntN(64, (BigInt(r.hi) << 32n) | BigInt(r.lo));
    } else {
      r.skip(wire);
    }
  }
  return formatGoDuration(ns);
};

/** Go's `time.Duration.String()` for a signed nanosecond count. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return "0s";
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    // Sub-second: the largest unit that keeps an integer part, with its fraction.
    if (u < 1_000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${fraction(u, 3)}µs`;
    else out = `${fraction(u, 6)}ms`;
  } else {
    const secs = fraction(u, 9);
    u /= 1_000_000_000n;
    const s = secs.includes(".") ? `${u % 60n}${secs.slice(secs.indexOf("."))}` : `${u % 60n}`;
    const minutes = u / 60n;
    if (minutes === 0n) out = `${s}s`;
    else if (minutes < 60n) out = `${minutes}m${s}s`;
    else out = `${minutes / 60n}h${minutes % 60n}m${s}s`;
  }
  return neg ? `-${out}` : out;
}

/** `v / 10^digits` printed with its fraction, trailing zeros (and a bare point) removed. */
function fraction(v: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const whole = v / scale;
  const frac = (v % scale).toString().padStart(digits, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/**
 * `intstr.IntOrString` (type = 1: 0 int / 1 string, intVal = 2, strVal = 3)
 * → a JSON number or string, as Go prints it. Empty → `0` (the zero value is
 * the integer 0).
 */
export const decodeIntOrString: WellKnownDecoder = (bytes, where) => {
  const r = new Reader(bytes);
  let type = 0;
  let intVal = 0;
  let strVal = "";
  while (!r.eof()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(wire, WireType.Varint, field, "IntOrString", where);
      type = r.int64();
    } else if (field === 2) {
      expectWire(wire, WireType.Varint, field, "IntOrString", where);
      intVal = r.int32();
    } else if (field === 3) {
      expectWire(wire, WireType.LengthDelimited, field, "IntOrString", where);
      strVal = r.bytes().toString("utf8");
    } else {
      r.skip(wire);
    }
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new ProtobufDecodeError("schema", `${where()}: IntOrString has invalid type ${type}`);
};

/**
 * `resource.Quantity` (field 1: its string form) → that string. Empty → `"0"`,
 * Go's rendering of the zero quantity. The string is passed through as sent,
 * not canonicalised.
 */
export const decodeQuantity: WellKnownDecoder = (bytes, where) => {
  const raw = singleBytesField(bytes, "Quantity", where);
  return raw === undefined || raw.length === 0 ? "0" : raw.toString("utf8");
};

/** Parses bytes that must hold JSON; a clear error otherwise. */
function parseEmbeddedJson(raw: Buffer, type: string, where: () => string): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (err) {
    throw new ProtobufDecodeError("schema", `${where()}: ${type} does not hold JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * `runtime.RawExtension` (field 1: raw bytes) → the embedded JSON value, as a
 * JSON client would have inlined it. Empty → `null`.
 */
export const decodeRawExtension: WellKnownDecoder = (bytes, where) => {
  const raw = singleBytesField(bytes, "RawExtension", where);
  return raw === undefined || raw.length === 0 ? null : parseEmbeddedJson(raw, "RawExtension", where);
};

/** `metav1.FieldsV1` (field 1: the managed-fields trie as JSON bytes) → that JSON. Empty → `null`. */
export const decodeFieldsV1: WellKnownDecoder = (bytes, where) => {
  const raw = singleBytesField(bytes, "FieldsV1", where);
  return raw === undefined || raw.length === 0 ? null : parseEmbeddedJson(raw, "FieldsV1", where);
};

/** Well-known decoders by qualified message name. */
export const WELL_KNOWN: Readonly<Record<string, WellKnownDecoder>> = {
  "meta.Time": decodeTime,
  "meta.MicroTime": decodeMicroTime,
  "meta.Duration": decodeDuration,
  "meta.FieldsV1": decodeFieldsV1,
  "intstr.IntOrString": decodeIntOrString,
  "resource.Quantity": decodeQuantity,
  "runtime.RawExtension": decodeRawExtension,
};
