/**
 * The small subset of ASN.1 DER that X.509 certificates need: encoding the
 * handful of universal types a certificate is built from, and walking an
 * encoded structure to pull out raw elements (an issuer's subject name).
 *
 * Why hand-rolled: `@peculiar/x509` needs a global Reflect-metadata polyfill
 * (through tsyringe) that is not a dependency here, and the certificates we
 * issue have one fixed, simple shape. Signing and parsing stay with
 * `node:crypto`; this module only arranges bytes.
 * @module
 */

/** Universal and context-specific tags used by X.509. */
export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Encodes one tag-length-value element (definite length, as DER requires). */
export function tlv(tag: number, content: Uint8Array): Buffer {
  const len = content.length;
  let header: Buffer;
  if (len < 0x80) {
    header = Buffer.from([tag, len]);
  } else {
    // Long form: 0x80 | number of length bytes, then the length big-endian.
    const bytes: number[] = [];
    for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

/** SEQUENCE of already-encoded elements. */
export const sequence = (...items: Uint8Array[]): Buffer => tlv(Tag.sequence, Buffer.concat(items));

/** SET of already-encoded elements (callers pass at most one, so no DER sorting is needed). */
export const set = (...items: Uint8Array[]): Buffer => tlv(Tag.set, Buffer.concat(items));

/** Context-specific constructed tag `[n] EXPLICIT`. */
export const explicit = (n: number, content: Uint8Array): Buffer => tlv(0xa0 | n, content);

/** Context-specific primitive tag `[n] IMPLICIT` over raw content bytes. */
export const implicit = (n: number, content: Uint8Array): Buffer => tlv(0x80 | n, content);

export const boolean = (value: boolean): Buffer => tlv(Tag.boolean, Buffer.from([value ? 0xff : 0x00]));

export const nullValue = (): Buffer => tlv(Tag.null, Buffer.alloc(0));

export const octetString = (bytes: Uint8Array): Buffer => tlv(Tag.octetString, bytes);

export const utf8String = (text: string): Buffer => tlv(Tag.utf8String, Buffer.from(text, "utf8"));

/**
 * Non-negative INTEGER from big-endian magnitude bytes. Strips redundant
 * leading zeros and adds one back when the top bit is set, because DER
 * integers are two's complement and a negative serial number is rejected by
 * Go's crypto/x509.
 */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let bytes = Buffer.from(magnitude.subarray(start));
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(Tag.integer, bytes);
}

/** Small non-negative INTEGER (versions, path lengths). */
export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value & 0xff]));

/** OBJECT IDENTIFIER from dotted notation, e.g. "2.5.29.17". */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new Error(`bad OID ${dotted}`);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    // Base-128, most significant group first, continuation bit on all but the last.
    const groups: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) groups.unshift((n & 0x7f) | 0x80);
    out.push(...groups);
  }
  return tlv(Tag.oid, Buffer.from(out));
}

/**
 * BIT STRING of a KeyUsage-style named-bit list (bit 0 = most significant bit
 * of the first byte). DER requires trailing zero bits to be dropped and the
 * count of unused bits in the last byte to be stated.
 */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return tlv(Tag.bitString, Buffer.from([0]));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  const unused = 7 - (highest & 7);
  return tlv(Tag.bitString, Buffer.concat([Buffer.from([unused]), bytes]));
}

/** BIT STRING holding whole bytes (signatures, public keys). */
export const bitString = (bytes: Uint8Array): Buffer => tlv(Tag.bitString, Buffer.concat([Buffer.from([0]), bytes]));

/**
 * X.509 Time: UTCTime through 2049, GeneralizedTime from 2050, as RFC 5280
 * §4.1.2.5 mandates (verifiers reject the other choice). Seconds precision.
 */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ, always UTC
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(Tag.utcTime, Buffer.from(`${digits.slice(2)}Z`, "ascii"));
  return tlv(Tag.generalizedTime, Buffer.from(`${digits}Z`, "ascii"));
}

/** One decoded element header: where its content lies within the buffer. */
export interface Element {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

/** Reads the element starting at `offset`; throws on truncated input. */
export function readElement(buf: Uint8Array, offset: number): Element {
  if (offset + 2 > buf.length) throw new Error("DER: truncated element");
  const tag = buf[offset]!;
  let len = buf[offset + 1]!;
  let pos = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || pos + count > buf.length) throw new Error("DER: unsupported length");
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[pos++]!;
  }
  if (pos + len > buf.length) throw new Error("DER: truncated content");
  return { tag, start: offset, contentStart: pos, end: pos + len };
}

/** The direct children of a constructed element. */
export function children(buf: Uint8Array, parent: Element): Element[] {
  const out: Element[] = [];
  for (let pos = parent.contentStart; pos < parent.end; ) {
    const child = readElement(buf, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}
