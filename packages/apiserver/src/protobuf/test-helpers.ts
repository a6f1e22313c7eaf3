/**
 * Test-only protobuf writer: just enough encoding to build hand-made
 * messages and envelopes for the decoder's tests (the product has no encode
 * direction). Values are appended as fields; nested messages are built with
 * a nested writer and embedded as bytes.
 * @module
 */

/** Builds a protobuf message field by field. */
export class ProtoWriter {
  private readonly chunks: number[] = [];

  /** Appends a raw varint (accepts negative numbers and bigints as 64-bit two's complement). */
  rawVarint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      this.chunks.push(byte);
    } while (v !== 0n);
    return this;
  }

  /** Appends raw bytes. */
  raw(bytes: Uint8Array | number[]): this {
    for (const b of bytes) this.chunks.push(b);
    return this;
  }

  /** A field key. */
  tag(field: number, wire: number): this {
    return this.rawVarint(field * 8 + wire);
  }

  /** A varint field (int32, int64, bool, enum). Negative numbers become 10-byte varints, as Go writes them. */
  varint(field: number, value: number | bigint | boolean): this {
    return this.tag(field, 0).rawVarint(typeof value === "boolean" ? (value ? 1 : 0) : value);
  }

  /** A length-delimited field. */
  bytes(field: number, value: Uint8Array | ProtoWriter): this {
    const payload = value instanceof ProtoWriter ? value.finish() : value;
    return this.tag(field, 2).rawVarint(payload.length).raw(payload);
  }

  /** A string field. */
  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, "utf8"));
  }

  /** A nested message field. */
  message(field: number, build: (w: ProtoWriter) => unknown): this {
    const w = new ProtoWriter();
    build(w);
    return this.bytes(field, w);
  }

  /** A `map<string, string>` entry. */
  mapEntry(field: number, key: string, value: string): this {
    return this.message(field, (e) => e.string(1, key).string(2, value));
  }

  /** A 64-bit double field. */
  double(field: number, value: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    return this.tag(field, 1).raw(b);
  }

  /** The encoded bytes. */
  finish(): Buffer {
    return Buffer.from(this.chunks);
  }
}

/** Wraps an object's bytes in the `k8s\0` + runtime.Unknown envelope. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array | ProtoWriter, extra?: (w: ProtoWriter) => unknown): Buffer {
  const w = new ProtoWriter()
    .raw([0x6b, 0x38, 0x73, 0x00])
    .message(1, (tm) => tm.string(1, apiVersion).string(2, kind))
    .bytes(2, raw);
  extra?.(w);
  return w.finish();
}

/** A `metav1.Time`/`MicroTime` payload. */
export function timestamp(seconds: number, nanos = 0): ProtoWriter {
  return new ProtoWriter().varint(1, seconds).varint(2, nanos);
}
