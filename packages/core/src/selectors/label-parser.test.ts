import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SelectorParseError } from "./errors.js";
import { tokenize } from "./label-lexer.js";
import { parseLabelSelector } from "./label-parser.js";

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function parseError(selector: string): string {
  try {
    parseLabelSelector(selector);
  } catch (e) {
    assert.ok(e instanceof SelectorParseError, `not a SelectorParseError: ${e}`);
    assert.equal(e.syntax, "label");
    assert.equal(e.code, "KUBE_SELECTOR_PARSE");
    return e.message;
  }
  assert.fail(`expected ${JSON.stringify(selector)} not to parse`);
}

describe("tokenize", () => {
  it("splits symbols greedily and recognizes keywords", () => {
    const kinds = tokenize("a!=b,c in (d),!e,f==g,h>1").map((t) => `${t.kind}:${t.literal}`);
    assert.deepEqual(kinds, [
      "identifier:a",
      "notEquals:!=",
      "identifier:b",
      "comma:,",
      "identifier:c",
      "in:in",
      "openPar:(",
      "identifier:d",
      "closedPar:)",
      "comma:,",
      "doesNotExist:!",
      "identifier:e",
      "comma:,",
      "identifier:f",
      "doubleEquals:==",
      "identifier:g",
      "comma:,",
      "identifier:h",
      "greaterThan:>",
      "identifier:1",
      "end:",
    ]);
  });

  it("stops a symbol run where it stops naming a token", () => {
    assert.deepEqual(
      tokenize("a=(").map((t) => t.literal),
      ["a", "=", "(", ""],
    );
    assert.deepEqual(
      tokenize("a!==b").map((t) => t.literal),
      ["a", "!=", "=", "b", ""],
    );
  });
});

describe("parseLabelSelector", () => {
  it("parses what kubectl -l sends", () => {
    const s = parseLabelSelector("app=nginx,tier in (web, api),!canary");
    assert.equal(s.toString(), "app=nginx,!canary,tier in (api,web)");
    assert.deepEqual(
      s.requirements.map((r) => [r.key, r.operator, [...r.values]]),
      [
        ["app", "=", ["nginx"]],
        ["canary", "!", []],
        ["tier", "in", ["api", "web"]],
      ],
    );
    assert.equal(s.matches({ app: "nginx", tier: "web" }), true);
    assert.equal(s.matches({ app: "nginx", tier: "api", other: "x" }), true);
    assert.equal(s.matches({ app: "nginx", tier: "db" }), false);
    assert.equal(s.matches({ app: "nginx", tier: "web", canary: "" }), false);
    assert.equal(s.matches({ tier: "web" }), false);
    assert.equal(s.matches(undefined), false);
  });

  it("treats the empty string (and blanks) as everything", () => {
    for (const input of ["", "   "]) {
      const s = parseLabelSelector(input);
      assert.equal(s.isEmpty(), true);
      assert.equal(s.matches({}), true);
      assert.equal(s.matches(undefined), true);
      assert.equal(s.toString(), "");
    }
  });

  it("supports every operator", () => {
    const cases: [string, Record<string, string>, boolean][] = [
      ["a=b", { a: "b" }, true],
      ["a==b", { a: "b" }, true],
      ["a=b", { a: "c" }, false],
      ["a!=b", { a: "c" }, true],
      ["a!=b", {}, true],
      ["a!=b", { a: "b" }, false],
      ["a in (b,c)", { a: "c" }, true],
      ["a in (b,c)", {}, false],
      ["a notin (b,c)", { a: "d" }, true],
      ["a notin (b,c)", {}, true],
      ["a notin (b,c)", { a: "b" }, false],
      ["a", { a: "" }, true],
      ["a", { b: "" }, false],
      ["!a", { b: "x" }, true],
      ["!a", { a: "x" }, false],
      ["a>1", { a: "2" }, true],
      ["a>1", { a: "1" }, false],
      ["a>1", { a: "x" }, false],
      ["a>1", {}, false],
      ["a<10", { a: "-5" }, true],
      ["a<10", { a: "10" }, false],
      ["a=", { a: "" }, true],
      ["a=", { a: "x" }, false],
    ];
    for (const [sel, labels, want] of cases) {
      assert.equal(parseLabelSelector(sel).matches(labels), want, `${sel} on ${JSON.stringify(labels)}`);
    }
  });

  it("prints canonical forms", () => {
    assert.equal(parseLabelSelector("b==1, a>3").toString(), "a>3,b==1");
    assert.equal(parseLabelSelector("x in (foo,,baz),y,z notin ()").toString(), "x in (,baz,foo),y,z notin ()");
    assert.equal(parseLabelSelector("a in (c,b,c)").toString(), "a in (b,c)");
    assert.equal(parseLabelSelector("a<5").toString(), "a<5");
    assert.equal(parseLabelSelector("example.com/app=web").toString(), "example.com/app=web");
  });

  it("accepts upstream's odd but valid value lists", () => {
    const s = parseLabelSelector("x in (foo,,baz),y,z notin ()");
    assert.deepEqual(
      s.requirements.map((r) => [r.key, r.operator, [...r.values]]),
      [
        ["x", "in", ["", "baz", "foo"]],
        ["y", "exists", []],
        ["z", "notin", [""]],
      ],
    );
    assert.deepEqual([...parseLabelSelector("a in (,b)").requirements[0].values], ["", "b"]);
    assert.deepEqual([...parseLabelSelector("a in (b,)").requirements[0].values], ["", "b"]);
  });

  it("reads the keywords as plain words where a value or key is expected", () => {
    const s = parseLabelSelector("in in (in,notin)");
    assert.equal(s.toString(), "in in (in,notin)");
    assert.equal(s.matches({ in: "notin" }), true);
  });

  it("reports syntax errors as upstream does", () => {
    assert.equal(parseError("a,"), "found '', expected: identifier after ','");
    assert.equal(parseError("a=b c"), "found 'c', expected: ',' or 'end of string'");
    assert.equal(parseError("a=b=c"), "found '=', expected: ',' or 'end of string'");
    assert.equal(parseError("!a=b"), "found '=', expected: ',' or 'end of string'");
    assert.equal(parseError("=a"), "found '=', expected: !, identifier, or 'end of string'");
    assert.equal(parseError(",a"), "found ',', expected: !, identifier, or 'end of string'");
    assert.equal(parseError("a b"), "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    assert.equal(parseError("a in b"), "unable to parse requirement: found 'b' expected: '('");
    assert.equal(parseError("a in (b"), "unable to parse requirement: found '', expected: ',' or ')'");
    assert.equal(parseError("a in (b c)"), "unable to parse requirement: found 'c', expected: ',' or ')'");
    assert.equal(parseError("a in (="), "unable to parse requirement: found '=', expected: ',', ')' or identifier");
    assert.equal(parseError("a in (b,=)"), "unable to parse requirement: found '=', expected: ',', or identifier");
    assert.equal(parseError("a=("), "unable to parse requirement: found '(', expected: identifier");
    assert.equal(parseError("!"), "unable to parse requirement: found '', expected: identifier");
  });

  it("validates keys and values as upstream does", () => {
    assert.equal(parseError("foo_/bar=x"), `unable to parse requirement: <nil>: Invalid value: "foo_/bar": prefix part ${SUBDOMAIN_MSG}`);
    assert.equal(parseError("app=a/b"), `unable to parse requirement: values[0][app]: Invalid value: "a/b": ${LABEL_VALUE_MSG}`);
    assert.equal(
      parseError("a>b"),
      "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
    assert.equal(
      parseError(`${"k".repeat(64)}=v`),
      `unable to parse requirement: <nil>: Invalid value: "${"k".repeat(64)}": name part must be no more than 63 characters`,
    );
  });

  it("reports the requirement's field errors as causes", () => {
    try {
      parseLabelSelector("app=a/b");
      assert.fail("should throw");
    } catch (e) {
      assert.ok(e instanceof SelectorParseError);
      assert.equal(e.causes.length, 1);
      assert.equal(e.causes[0].field, "values[0][app]");
    }
  });

  it("answers requiresExactMatch", () => {
    const s = parseLabelSelector("a=1,b in (2),c in (3,4),d!=5");
    assert.equal(s.requiresExactMatch("a"), "1");
    assert.equal(s.requiresExactMatch("b"), "2");
    assert.equal(s.requiresExactMatch("c"), undefined);
    assert.equal(s.requiresExactMatch("d"), undefined);
    assert.equal(s.requiresExactMatch("e"), undefined);
  });
});
