/**
 * Tests of key ordering and prefix bounds.
 * @module
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareKeys, prefixEnd } from "./keys.js";

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("compareKeys", () => {
  it("orders like UTF-8 bytes", () => {
    const keys = ["", "a", "a/", "a0", "B", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "\u{10000}", "\u{1F600}", "\u{10FFFF}", "a\u{1F600}", "a\uFFFD"];
    for (const a of keys) for (const b of keys) assert.equal(Math.sign(compareKeys(a, b)), Math.sign(utf8Order(a, b)), `${a} vs ${b}`);
  });
});

describe("prefixEnd", () => {
  it("is the least key above every key with the prefix", () => {
    assert.equal(prefixEnd("/a/"), "/a0");
    assert.equal(prefixEnd("a\u{10FFFF}"), "b");
    assert.equal(prefixEnd("\ud7ff"), "\ue000");
    assert.equal(prefixEnd("\uffff"), "\u{10000}");
    assert.equal(prefixEnd(""), undefined);
    assert.equal(prefixEnd("\u{10FFFF}"), undefined);
    for (const key of ["/a/", "/a/\u{10FFFF}\u{10FFFF}", "/a/zzz"]) assert.ok(compareKeys(key, prefixEnd("/a/")!) < 0);
  });
});
