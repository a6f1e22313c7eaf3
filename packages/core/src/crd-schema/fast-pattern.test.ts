import assert from "node:assert/strict";
import { test } from "node:test";
import { RE2JS } from "@bufbuild/re2";
import { anchoredBody, fastRegExp } from "./fast-pattern.js";

const ACCEPTED = [
  "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
  "^[a-z][a-z0-9.-]*@[a-z0-9.-]+$",
  "^[0-9]+(m|\\.[0-9]+)?$",
  "^[0-9]+(Ki|Mi|Gi)$",
  "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$",
  "^/[A-Za-z0-9/._-]*$",
  "^a.b$",
  "^\\d{2,4}\\w\\s$",
  "^[^a-c]x",
  "^x{3}",
  "^[\\d_]+$",
  "^[\\s]?a$",
  "^(ab|cd)?x{1,}$",
];
const REJECTED = [
  "a+",
  "^(a+)+$",
  "^(a|b)*$",
  "^(?i)abc$",
  "^a\\b",
  "^\\pL+$",
  "^[[:alpha:]]+$",
  "^[]a]$",
  "^a*?$",
  "^a*b*c*$",
  "^a|b$",
  "^a$|^b$",
  "^[\\d-z]$",
  "^ä$",
  "^a{2$",
  "^((a))$",
];

test("simple patterns get a fast path, others do not", () => {
  for (const p of ACCEPTED) assert.ok(fastRegExp(p), p);
  for (const p of REJECTED) assert.equal(fastRegExp(p), undefined, p);
});

test("the fast path matches exactly as RE2 does", () => {
  const alphabet = ["a", "b", "c", "d", "m", "x", "z", "A", "K", "i", "M", "G", "0", "1", "9", "-", ".", "/", "_", "@", " ", "\t", "\n", "\r", "\u2028", "\u00a0", "é", "😀", "\ud800"];
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (const p of ACCEPTED) {
    const fast = fastRegExp(p);
    assert.ok(fast);
    const re2 = RE2JS.compile(p);
    for (let k = 0; k < 3000; k++) {
      let s = "";
      const len = rand(10);
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      assert.equal(fast.test(s), re2.test(s), `${p} on ${JSON.stringify(s)}`);
    }
  }
});

test("anchoredBody strips only top-level anchors", () => {
  assert.equal(anchoredBody("^a(b|c)+$"), "a(b|c)+");
  assert.equal(anchoredBody("^[|$]x\\\\$"), "[|$]x\\\\");
  assert.equal(anchoredBody("^[]|]$"), "[]|]");
  assert.equal(anchoredBody("^[[:alpha:]|]$"), "[[:alpha:]|]");
  for (const p of ["^a|b$", "a$", "^a", "^a\\$", "^\\Qa|b\\E$", "^(a))|((b)$"]) assert.equal(anchoredBody(p), undefined, p);
  assert.equal(anchoredBody("^$"), "");
});

test("the anchored body matches whole strings exactly as the pattern searches", () => {
  const patterns = ["^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?$", "^(a|b)*c?$", "^(?i)ab+$", "^a\\\\$", "^[^x]*$", "^(a$|b)$", "^a*(^b)?$", "^$"];
  const alphabet = ["a", "b", "c", "A", "B", "x", "/", ":", ".", "1", "\\", "\n", "é", "😀"];
  let seed = 11;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (const p of patterns) {
    const body = anchoredBody(p);
    assert.notEqual(body, undefined, p);
    const whole = RE2JS.compile(`(?:${body})`);
    const re2 = RE2JS.compile(p);
    const samples = ["", "registry.example.com/team-1/svc-00001:1.2.3", "a:1/b", "ab", "aB", "a\\"];
    for (let k = 0; k < 2000; k++) {
      let s = "";
      const len = rand(8);
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      samples.push(s);
    }
    for (const s of samples) assert.equal(whole.matches(s), re2.test(s), `${p} on ${JSON.stringify(s)}`);
  }
});
