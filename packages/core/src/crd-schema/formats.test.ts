import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatChecker, isSupportedFormat } from "./formats.js";

function check(format: string, good: string[], bad: string[]) {
  const f = formatChecker(format);
  assert.ok(f, `${format} is supported`);
  for (const v of good) assert.equal(f(v), true, `${format}: ${JSON.stringify(v)} should pass`);
  for (const v of bad) assert.equal(f(v), false, `${format}: ${JSON.stringify(v)} should fail`);
}

describe("formats: the strfmt registry CRDs support", () => {
  it("ignores the formats CRDs strip", () => {
    for (const f of ["int32", "int64", "float", "double", "quantity", "k8s-short-name", "", "Date-Time"]) assert.equal(isSupportedFormat(f), false, f);
    for (const f of ["date-time", "datetime", "uuid", "byte", "password"]) assert.equal(isSupportedFormat(f), true, f);
  });

  it("uuid, uuid3, uuid4, uuid5 (upper case and missing dashes allowed)", () => {
    check("uuid", ["123e4567-e89b-12d3-a456-426614174000", "123E4567E89B12D3A456426614174000"], ["123e4567-e89b-12d3-a456", "g23e4567-e89b-12d3-a456-426614174000"]);
    check("uuid3", ["a3bb189e-8bf9-3888-9912-ace4e6543002"], ["a3bb189e-8bf9-4888-9912-ace4e6543002"]);
    check("uuid4", ["f47ac10b-58cc-4372-a567-0e02b2c3d479"], ["f47ac10b-58cc-4372-c567-0e02b2c3d479"]);
    check("uuid5", ["886313e1-3b8a-5372-9b90-0c9aee199e5d"], ["886313e1-3b8a-4372-9b90-0c9aee199e5d"]);
  });

  it("date and date-time (strfmt's loose RFC 3339)", () => {
    check("date", ["2024-02-29", "1999-12-31"], ["2023-02-29", "2024-13-01", "2024-1-01", "20240101"]);
    check("date-time", ["2024-05-01T10:00:00Z", "2024-05-01t10:00:00.123+02:00", "2024-05-01T23:59:59z"], ["2024-05-01", "2024-05-01T24:00:00Z", "2024-05-01T10:00:00", "yesterday"]);
  });

  it("duration (Go durations and the loose strfmt form)", () => {
    check("duration", ["1h30m", "300ms", "-1.5h", "0", "3 days", "2w"], ["", "1x", "h", "forever"]);
  });

  it("ipv4, ipv6, cidr and mac", () => {
    check("ipv4", ["10.0.0.1", "010.000.000.001", "::ffff:1.2.3.4"], ["10.0.0", "256.0.0.1", "::1", "a.b.c.d"]);
    check("ipv6", ["::1", "2001:db8::8a2e:370:7334", "fe80::1", "::ffff:10.0.0.1"], ["10.0.0.1", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "gggg::1"]);
    check("cidr", ["10.0.0.0/8", "2001:db8::/32", "0.0.0.0/0"], ["10.0.0.0", "10.0.0.0/33", "::/129", "10.0.0.0/x"]);
    check("mac", ["00:00:5e:00:53:01", "00-00-5E-00-53-01", "0000.5e00.5301", "02:00:5e:10:00:00:00:01"], ["00:00:5e:00:53", "00:00:5e:00:53:zz", "0000.5e00"]);
  });

  it("hostname (RFC 1034 as kube-openapi extends it)", () => {
    check("hostname", ["example.com", "a", "1host", "my-host.example.co.uk", "bücher.de"], ["-bad", "bad-", "a..b", "a.b-", `${"a".repeat(64)}.com`, `${"a.".repeat(130)}com`]);
  });

  it("email and uri", () => {
    check("email", ["a@example.com", "first.last+tag@sub.example.org", "Jane Doe <jane@example.com>", '"quoted name"@example.com'], ["nobody", "a@", "@example.com", "a b@example.com"]);
    check("uri", ["https://example.com/a?b=c", "/relative/path", "mailto:a@example.com", "http://[::1]:8080/"], ["", "relative/path", "http://exa mple.com/", "ht tp://x", "https://x/%zz", ":foo"]);
  });

  it("byte (strict base64, empty rejected as upstream), password and colors", () => {
    check("byte", ["aGVsbG8=", "aGVsbG8h", "YQ=="], ["", "aGVsbG8", "not base64!", "YQ="]);
    check("password", ["", "anything goes"], []);
    check("hexcolor", ["#fff", "FFFFFF", "#A0b1C2"], ["#ffff", "ggg"]);
    check("rgbcolor", ["rgb(0,0,0)", "rgb( 255 , 128 , 0 )"], ["rgb(256,0,0)", "rgb(1,2)"]);
  });

  it("isbn, creditcard, ssn, bsonobjectid", () => {
    check("isbn10", ["0321751043", "0-321-75104-3", "080442957X"], ["0321751044", "12345"]);
    check("isbn13", ["978-0321751041", "9780321751041"], ["9780321751042"]);
    check("isbn", ["0321751043", "9780321751041"], ["123"]);
    check("creditcard", ["4111111111111111", "4111 1111 1111 1111", "5500000000000004"], ["4111111111111112", "1234"]);
    check("ssn", ["123-45-6789", "123456789", "123 45 6789"], ["12-345-6789"]);
    check("bsonobjectid", ["507f1f77bcf86cd799439011"], ["507f1f77bcf86cd79943901", "zz7f1f77bcf86cd799439011"]);
  });
});
