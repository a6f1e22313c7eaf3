/**
 * DER encoding primitives and host normalisation, checked against known
 * encodings (X.690 examples and what OpenSSL/Go produce).
 * @module
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as der from "./der.js";
import { altNames, ipBytes, toAltName } from "./hosts.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("der", () => {
  it("encodes short and long lengths", () => {
    assert.equal(hex(der.octetString(Buffer.alloc(3))), "0403000000");
    assert.equal(hex(der.octetString(Buffer.alloc(200))).slice(0, 6), "0481c8");
    assert.equal(hex(der.octetString(Buffer.alloc(300))).slice(0, 8), "0482012c");
  });

  it("encodes OIDs with multi-byte arcs", () => {
    assert.equal(hex(der.oid("2.5.29.17")), "0603551d11");
    assert.equal(hex(der.oid("1.2.840.10045.4.3.2")), "06082a8648ce3d040302");
  });

  it("encodes integers as minimal, non-negative two's complement", () => {
    assert.equal(hex(der.unsignedInteger(Buffer.from([0, 0, 5]))), "020105");
    assert.equal(hex(der.unsignedInteger(Buffer.from([0x80]))), "02020080");
    assert.equal(hex(der.unsignedInteger(Buffer.alloc(0))), "020100");
    assert.equal(hex(der.smallInteger(2)), "020102");
  });

  it("encodes named bit strings without trailing zero bits", () => {
    // keyCertSign(5) + cRLSign(6): 0b0000_0110, one unused bit, as Go emits.
    assert.equal(hex(der.namedBits([5, 6])), "03020106");
    // digitalSignature(0) alone: 0b1000_0000, seven unused bits.
    assert.equal(hex(der.namedBits([0])), "03020780");
  });

  it("uses UTCTime before 2050 and GeneralizedTime after", () => {
    assert.equal(Buffer.from(der.time(new Date("2035-01-02T03:04:05.678Z"))).subarray(2).toString(), "350102030405Z");
    assert.equal(der.time(new Date("2035-01-02T03:04:05Z"))[0], der.Tag.utcTime);
    assert.equal(Buffer.from(der.time(new Date("2051-01-02T03:04:05Z"))).subarray(2).toString(), "20510102030405Z");
  });

  it("reads back what it writes", () => {
    const buf = der.sequence(der.smallInteger(1), der.sequence(der.boolean(true)), der.octetString(Buffer.alloc(300)));
    const root = der.readElement(buf, 0);
    assert.equal(root.end, buf.length);
    const kids = der.children(buf, root);
    assert.deepEqual(
      kids.map((k) => k.tag),
      [der.Tag.integer, der.Tag.sequence, der.Tag.octetString],
    );
    assert.equal(kids[2]!.end - kids[2]!.contentStart, 300);
    assert.throws(() => der.readElement(buf.subarray(0, 10), 0), /truncated/);
  });
});

describe("hosts", () => {
  it("converts IPv4 and IPv6 literals to octets", () => {
    assert.equal(hex(ipBytes("127.0.0.1")), "7f000001");
    assert.equal(hex(ipBytes("::1")), "00000000000000000000000000000001");
    assert.equal(hex(ipBytes("::")), "0".repeat(32));
    assert.equal(hex(ipBytes("fe80::1:2")), "fe800000000000000000000000010002");
    assert.equal(hex(ipBytes("2001:db8::")), "20010db8000000000000000000000000");
    assert.equal(hex(ipBytes("::ffff:10.0.0.1")), "00000000000000000000ffff0a000001");
    assert.equal(hex(ipBytes("1:2:3:4:5:6:7:8")), "00010002000300040005000600070008");
  });

  it("normalises and de-duplicates hosts", () => {
    assert.deepEqual(toAltName("[::1]"), { type: "ip", value: "::1" });
    assert.deepEqual(toAltName("LocalHost."), { type: "dns", value: "localhost" });
    assert.deepEqual(altNames(["::1", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST", "10.0.0.1"]), [
      { type: "ip", value: "::1" },
      { type: "dns", value: "localhost" },
      { type: "ip", value: "10.0.0.1" },
    ]);
    assert.throws(() => toAltName(""), /invalid certificate host/);
    assert.throws(() => toAltName("http://x/"), /invalid certificate host/);
  });
});
