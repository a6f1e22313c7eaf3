/**
 * Unit tests of the wire reader: varint edge cases (1 to 10 bytes, negative
 * int32/int64, overflow), fixed-width values, length prefixes that lie, and
 * tags that cannot be valid.
 * @module
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProtobufDecodeError } from "./errors.js";
import { ProtoWriter } from "./test-helpers.js";
import { Reader, WireType } from "./wire.js";

const reader = (bytes: number[] | Uint8Array) => new Reader(Buffer.from(bytes));
const varintBytes = (v: number | bigint) => new ProtoWriter().rawVarint(v).finish();

function assertWireError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ProtobufDecodeError, `expected ProtobufDecodeError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe("Reader varints", () => {
  it("reads one-byte and multi-byte varints", () => {
    assert.equal(reader([0x00]).int64(), 0);
    assert.equal(reader([0x01]).int64(), 1);
    assert.equal(reader([0x7f]).int64(), 127);
    assert.equal(reader([0xac, 0x02]).int64(), 300);
    assert.equal(reader(varintBytes(2 ** 32 - 1)).int64(), 2 ** 32 - 1);
    assert.equal(reader(varintBytes(2 ** 35 + 5)).int64(), 2 ** 35 + 5);
    assert.equal(reader(varintBytes(Number.MAX_SAFE_INTEGER)).int64(), Number.MAX_SAFE_INTEGER);
  });

  it("reads the 10-byte encoding of -1 as int64 and int32", () => {
    const minusOne = varintBytes(-1);
    assert.equal(minusOne.length, 10);
    assert.deepEqual([...minusOne], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    assert.equal(reader(minusOne).int64(), -1);
    assert.equal(reader(minusOne).int32(), -1);
  });

  it("reads negative int32s, which Go sign-extends to 10 bytes", () => {
    for (const v of [-1, -2, -300, -(2 ** 31)]) {
      const bytes = varintBytes(v);
      assert.equal(bytes.length, 10, `${v}`);
      assert.equal(reader(bytes).int32(), v);
      assert.equal(reader(bytes).int64(), v);
    }
  });

  it("takes the low 32 bits for int32, as Go's decoder does", () => {
    assert.equal(reader(varintBytes(2 ** 32 + 7)).int32(), 7);
    assert.equal(reader(varintBytes(2 ** 31)).int32(), -(2 ** 31));
  });

  it("keeps both halves of 64-bit values", () => {
    const r = reader(varintBytes(0x1234_5678_9abc_def0n));
    r.varint();
    assert.equal(r.hi, 0x1234_5678);
    assert.equal(r.lo, 0x9abc_def0);
    const max = reader(varintBytes(2n ** 63n - 1n));
    max.varint();
    assert.equal(max.hi, 0x7fff_ffff);
    assert.equal(max.lo, 0xffff_ffff);
    const min = reader(varintBytes(-(2n ** 63n)));
    min.varint();
    assert.equal(min.hi, 0x8000_0000);
    assert.equal(min.lo, 0);
    assert.equal(reader(varintBytes(-(2n ** 63n))).int64(), -(2 ** 63));
  });

  it("reads bools from any non-zero varint", () => {
    assert.equal(reader([0x00]).bool(), false);
    assert.equal(reader([0x01]).bool(), true);
    assert.equal(reader([0x80, 0x80, 0x80, 0x80, 0x10]).bool(), true, "only a high bit set");
  });

  it("accepts non-minimal encodings (zero padding)", () => {
    assert.equal(reader([0x81, 0x80, 0x80, 0x00]).int64(), 1);
  });

  it("rejects a 10th byte that overflows 64 bits, and 11-byte varints", () => {
    assertWireError(() => reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]).int64(), /overflows 64 bits/);
    assertWireError(() => reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00]).int64(), /overflows 64 bits/);
  });

  it("rejects truncated varints", () => {
    assertWireError(() => reader([]).int64(), /truncated/);
    assertWireError(() => reader([0x80]).int64(), /truncated/);
    assertWireError(() => reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).int64(), /truncated/);
  });

  it("stops at the range's end, not the buffer's", () => {
    const r = new Reader(Buffer.from([0x96, 0x01]), 0, 1);
    assertWireError(() => r.int64(), /truncated/);
  });

  it("requires tags and lengths to fit in 32 bits", () => {
    assertWireError(() => reader(varintBytes(2 ** 40)).uint32("length"), /length .* does not fit in 32 bits/);
  });
});

describe("Reader fixed-width and length-delimited values", () => {
  it("reads little-endian doubles and floats", () => {
    const d = Buffer.alloc(8);
    d.writeDoubleLE(1.5);
    assert.equal(reader(d).double(), 1.5);
    const f = Buffer.alloc(4);
    f.writeFloatLE(-2.25);
    assert.equal(reader(f).float(), -2.25);
  });

  it("rejects truncated fixed-width values", () => {
    assertWireError(() => reader([1, 2, 3, 4, 5, 6, 7]).double(), /truncated/);
    assertWireError(() => reader([1, 2, 3]).float(), /truncated/);
  });

  it("returns length-delimited payloads as views", () => {
    const buf = Buffer.from([0x03, 0x61, 0x62, 0x63, 0x09]);
    const r = new Reader(buf);
    const view = r.bytes();
    assert.equal(view.toString(), "abc");
    assert.equal(view.buffer, buf.buffer, "a view, not a copy");
    assert.equal(r.pos, 4);
  });

  it("rejects a length that runs past the end, before allocating anything", () => {
    assertWireError(() => reader([0x05, 0x61]).bytes(), /length 5 .* runs past the end/);
    // A 4 GiB claim on a 6-byte body.
    assertWireError(() => reader([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]).bytes(), /length 4294967295 .* runs past the end/);
    // A length that needs more than 32 bits.
    assertWireError(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).bytes(), /does not fit in 32 bits/);
  });
});

describe("Reader tags and skipping", () => {
  it("splits keys into field number and wire type", () => {
    assert.deepEqual(reader([0x08]).tag(), { field: 1, wire: WireType.Varint });
    assert.deepEqual(reader([0x12]).tag(), { field: 2, wire: WireType.LengthDelimited });
    assert.deepEqual(reader([0x8a, 0x01]).tag(), { field: 17, wire: WireType.LengthDelimited });
    assert.deepEqual(reader(new ProtoWriter().tag(2 ** 29 - 1, 5).finish()).tag(), { field: 2 ** 29 - 1, wire: WireType.Fixed32 });
  });

  it("rejects field number 0 and wire types 6 and 7", () => {
    assertWireError(() => reader([0x00]).tag(), /field number 0/);
    assertWireError(() => reader([0x0e]).tag(), /invalid wire type 6/);
    assertWireError(() => reader([0x0f]).tag(), /invalid wire type 7/);
  });

  it("skips every supported wire type", () => {
    const w = new ProtoWriter()
      .varint(1, -5)
      .double(2, 3.5)
      .string(3, "skip me")
      .tag(4, 5)
      .raw([1, 2, 3, 4]);
    const r = new Reader(w.finish());
    for (const expected of [0, 1, 2, 5]) {
      const { wire } = r.tag();
      assert.equal(wire, expected);
      r.skip(wire);
    }
    assert.ok(r.eof());
  });

  it("refuses to skip groups and truncated values", () => {
    assertWireError(() => reader([]).skip(WireType.StartGroup), /unsupported wire type start-group/);
    assertWireError(() => reader([]).skip(WireType.EndGroup), /unsupported wire type end-group/);
    assertWireError(() => reader([1, 2]).skip(WireType.Fixed64), /truncated/);
    assertWireError(() => reader([1]).skip(WireType.Fixed32), /truncated/);
    assertWireError(() => reader([0x02, 0x01]).skip(WireType.LengthDelimited), /runs past the end/);
  });
});
