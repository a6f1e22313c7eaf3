/**
 * The protobuf wire format, read-only: tags, varints (up to 10 bytes),
 * 32/64-bit fixed values and length-delimited payloads, over a byte range.
 *
 * Every read is bounds-checked against the range's end, so truncated or
 * hostile input throws {@link ProtobufDecodeError} instead of reading past the
 * buffer; a length prefix is checked against the bytes actually left before
 * anything is sliced, so a claimed length can never make us allocate. Slices
 * are views (`subarray`), never copies.
 * @module
 */
import { ProtobufDecodeError } from "./errors.js";

/** The six wire types of the protobuf encoding (3 and 4 are the deprecated groups). */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

/** One of {@link WireType}'s values. */
export type WireTypeValue = (typeof WireType)[keyof typeof WireType];

const TWO_32 = 4294967296;

/** Human name of a wire type, for error messages. */
export function wireTypeName(wire: number): string {
  switch (wire) {
    case WireType.Varint:
      return "varint";
    case WireType.Fixed64:
      return "64-bit";
    case WireType.LengthDelimited:
      return "length-delimited";
    case WireType.StartGroup:
      return "start-group";
    case WireType.EndGroup:
      return "end-group";
    case WireType.Fixed32:
      return "32-bit";
    default:
      return `invalid(${wire})`;
  }
}

/**
 * A cursor over `buf[start, end)`. Varints are read as two unsigned 32-bit
 * halves ({@link lo}, {@link hi}) so 64-bit values never lose bits before the
 * caller decides how to interpret them (int32, int64, bool).
 */
export class Reader {
  /** Offset of the next unread byte. */
  pos: number;
  /** Low 32 bits of the last varint read (unsigned). */
  lo = 0;
  /** High 32 bits of the last varint read (unsigned). */
  hi = 0;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** True once every byte of the range has been consumed. */
  eof(): boolean {
    return this.pos >= this.end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw truncated("varint");
    return this.buf[this.pos++];
  }

  /**
   * Reads a varint into {@link lo}/{@link hi}. At most 10 bytes; the 10th may
   * only carry bit 63 (a larger value cannot be a 64-bit integer), so an
   * 11-byte or overflowing varint is rejected rather than silently wrapped.
   */
  varint(): void {
    let b: number;
    let lo = 0;
    let hi = 0;
    // Bytes 0-3: bits 0-27.
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.byte();
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    // Byte 4: bits 28-31 go low, bits 32-34 go high.
    b = this.byte();
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >>> 4;
    if (b < 0x80) {
      this.lo = lo >>> 0;
      this.hi = hi;
      return;
    }
    // Bytes 5-8: bits 35-62.
    for (let shift = 3; shift < 31; shift += 7) {
      b = this.byte();
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    // Byte 9: only bit 63 fits.
    b = this.byte();
    if (b > 1) throw new ProtobufDecodeError("wire", `varint at offset ${this.pos - 10} overflows 64 bits`);
    this.lo = lo >>> 0;
    this.hi = (hi | (b << 31)) >>> 0;
  }

  /** A varint that must fit in 32 unsigned bits (tags, lengths). */
  uint32(what: string): number {
    const at = this.pos;
    this.varint();
    if (this.hi !== 0) throw new ProtobufDecodeError("wire", `${what} at offset ${at} does not fit in 32 bits`);
    return this.lo;
  }

  /** A varint as int32: the low 32 bits, two's complement (negative int32s are sign-extended 10-byte varints). */
  int32(): number {
    this.varint();
    return this.lo | 0;
  }

  /**
   * A varint as int64, as a JS number. Exact within ±2^53 (every realistic
   * Kubernetes value: generations, seconds, byte counts); beyond that the
   * nearest double, as JSON numbers are doubles anyway.
   */
  int64(): number {
    this.varint();
    return (this.hi | 0) * TWO_32 + this.lo;
  }

  /** A varint as bool (any non-zero value is true, as in Go). */
  bool(): boolean {
    this.varint();
    return this.lo !== 0 || this.hi !== 0;
  }

  /** 8 little-endian bytes as an IEEE double. */
  double(): number {
    if (this.end - this.pos < 8) throw truncated("64-bit value");
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** 4 little-endian bytes as an IEEE float. */
  float(): number {
    if (this.end - this.pos < 4) throw truncated("32-bit value");
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }

  /** A length-delimited payload, as a view. The length is checked against the bytes left before slicing. */
  bytes(): Buffer {
    const at = this.pos;
    const len = this.uint32("length");
    if (len > this.end - this.pos) {
      throw new ProtobufDecodeError("wire", `length ${len} at offset ${at} runs past the end of its message (${this.end - this.pos} bytes left)`);
    }
    const view = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return view;
  }

  /** Reads a field key; returns the field number and stores nothing else. Field 0 and wire types 6/7 are invalid. */
  tag(): { field: number; wire: number } {
    const at = this.pos;
    const key = this.uint32("field key");
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 0) throw new ProtobufDecodeError("wire", `field number 0 at offset ${at}`);
    if (wire > 5) throw new ProtobufDecodeError("wire", `invalid wire type ${wire} at offset ${at}`);
    return { field, wire };
  }

  /**
   * Skips one value of the given wire type. Groups (3/4) are rejected:
   * Kubernetes never emits them and skipping them needs unbounded nesting.
   */
  skip(wire: number): void {
    switch (wire) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        if (this.end - this.pos < 8) throw truncated("64-bit value");
        this.pos += 8;
        return;
      case WireType.LengthDelimited:
        this.bytes();
        return;
      case WireType.Fixed32:
        if (this.end - this.pos < 4) throw truncated("32-bit value");
        this.pos += 4;
        return;
      default:
        throw new ProtobufDecodeError("wire", `unsupported wire type ${wireTypeName(wire)} at offset ${this.pos}`);
    }
  }
}

function truncated(what: string): ProtobufDecodeError {
  return new ProtobufDecodeError("wire", `truncated input: ${what} runs past the end of its message`);
}
