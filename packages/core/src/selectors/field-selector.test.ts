import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SelectorParseError } from "./errors.js";
import {
  escapeFieldValue,
  fieldSelectorFromSet,
  parseFieldSelector,
  unescapeFieldValue,
  unsupportedFieldMessage,
  unsupportedFieldSelector,
} from "./field-selector.js";

function parseError(selector: string): string {
  try {
    parseFieldSelector(selector);
  } catch (e) {
    assert.ok(e instanceof SelectorParseError);
    assert.equal(e.syntax, "field");
    return e.message;
  }
  assert.fail(`expected ${JSON.stringify(selector)} not to parse`);
}

const pod: Record<string, string> = {
  "metadata.name": "web-1",
  "metadata.namespace": "default",
  "spec.nodeName": "node-a",
  "status.phase": "Running",
};
const get = (f: string) => pod[f];

describe("parseFieldSelector", () => {
  it("parses =, == and != terms", () => {
    const s = parseFieldSelector("status.phase!=Failed,metadata.name==web-1,spec.nodeName=node-a");
    assert.deepEqual(
      s.requirements.map((r) => [r.field, r.operator, r.value]),
      [
        ["metadata.name", "==", "web-1"],
        ["spec.nodeName", "=", "node-a"],
        ["status.phase", "!=", "Failed"],
      ],
    );
    assert.equal(s.matches(get), true);
    assert.equal(s.toString(), "metadata.name=web-1,spec.nodeName=node-a,status.phase!=Failed");
    assert.equal(parseFieldSelector("status.phase=Pending").matches(get), false);
  });

  it("reads absent fields as the empty string", () => {
    assert.equal(parseFieldSelector("spec.missing=").matches(get), true);
    assert.equal(parseFieldSelector("spec.missing!=x").matches(get), true);
    assert.equal(parseFieldSelector("spec.missing=x").matches(get), false);
  });

  it("treats empty input and empty terms as everything", () => {
    assert.equal(parseFieldSelector("").isEmpty(), true);
    assert.equal(parseFieldSelector(",,").isEmpty(), true);
    assert.equal(parseFieldSelector("").matches(() => undefined), true);
  });

  it("unescapes values and re-escapes them when printing", () => {
    const s = parseFieldSelector("metadata.name=a\\,b\\=c\\\\d,spec.x=y");
    assert.equal(s.requirements[0].value, "a,b=c\\d");
    assert.equal(s.requirements.length, 2);
    assert.equal(s.toString(), "metadata.name=a\\,b\\=c\\\\d,spec.x=y");
    assert.equal(parseFieldSelector(s.toString()).requirements[0].value, "a,b=c\\d");
  });

  it("reports errors with upstream's messages", () => {
    assert.equal(parseError("a"), "invalid selector: 'a'; can't understand 'a'");
    assert.equal(parseError("b=1,a"), "invalid selector: 'b=1,a'; can't understand 'a'");
    assert.equal(parseError("a=b=c"), "invalid field selector: unescaped character in value: 61");
    assert.equal(parseError("a=b\\"), "invalid field selector: invalid escape sequence: \\");
    assert.equal(parseError("a=b\\x"), "invalid field selector: invalid escape sequence: \\x");
  });

  it("splits on the first operator, with no escapes in field names", () => {
    const s = parseFieldSelector("a!b=c");
    assert.deepEqual(s.requirements.map((r) => [r.field, r.operator, r.value]), [["a!b", "=", "c"]]);
    assert.equal(parseError("a\\=b=c"), "invalid field selector: unescaped character in value: 61");
  });

  it("answers requiresExactMatch", () => {
    const s = parseFieldSelector("metadata.name=x,spec.nodeName!=y");
    assert.equal(s.requiresExactMatch("metadata.name"), "x");
    assert.equal(s.requiresExactMatch("spec.nodeName"), undefined);
  });
});

describe("escapeFieldValue / unescapeFieldValue", () => {
  it("round-trip", () => {
    for (const v of ["", "plain", "a,b", "x=y", "back\\slash", "\\,=\\"]) {
      assert.equal(unescapeFieldValue(escapeFieldValue(v)), v);
    }
  });
});

describe("fieldSelectorFromSet", () => {
  it("requires every field", () => {
    const s = fieldSelectorFromSet({ "metadata.name": "web-1", "spec.nodeName": "node-a" });
    assert.equal(s.matches(get), true);
    assert.equal(fieldSelectorFromSet({ "metadata.name": "other" }).matches(get), false);
  });
});

describe("unsupportedFieldSelector", () => {
  const metaOnly = ["metadata.name", "metadata.namespace"];

  it("accepts supported fields", () => {
    assert.equal(unsupportedFieldSelector(parseFieldSelector("metadata.name=x"), metaOnly), undefined);
  });

  it("words the default conversion's error", () => {
    assert.equal(
      unsupportedFieldSelector(parseFieldSelector("foo=bar,metadata.name=x"), metaOnly),
      '"foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it("words the per-kind conversions' error", () => {
    assert.equal(
      unsupportedFieldSelector(parseFieldSelector("spec.foo=x"), [...metaOnly, "spec.nodeName"], "label-not-supported"),
      "field label not supported: spec.foo",
    );
    assert.equal(unsupportedFieldMessage("x", "label-not-supported"), "field label not supported: x");
  });
});
