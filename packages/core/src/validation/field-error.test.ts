import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  aggregateMessage,
  duplicate,
  fieldErrorBody,
  forbidden,
  formatFieldError,
  internalError,
  invalid,
  invalidMessage,
  notFound,
  notSupported,
  required,
  toStatusCauses,
  tooLong,
  tooMany,
} from "./field-error.js";
import { child, index, key } from "./field-path.js";
import { formatGoValue, goLiteral, goNumber, goQuote, goStringMap, goStringSlice } from "./go-format.js";
import { goLabelSelector, goTime } from "./go-values.js";
import { isDNS1123Subdomain } from "./names.js";

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("field paths", () => {
  it("build upstream's notation", () => {
    assert.equal(index(child("spec", "containers"), 0), "spec.containers[0]");
    assert.equal(child(index("spec.containers", 2), "ports"), "spec.containers[2].ports");
    assert.equal(key(child("metadata", "labels"), "app"), "metadata.labels[app]");
    assert.equal(child("", "spec", "template"), "spec.template");
  });
});

describe("formatFieldError", () => {
  it("matches upstream's field.Error.Error()", () => {
    assert.equal(
      formatFieldError(invalid("metadata.name", "Foo_bar", isDNS1123Subdomain("Foo_bar")[0])),
      `metadata.name: Invalid value: "Foo_bar": ${SUBDOMAIN_MSG}`,
    );
    assert.equal(formatFieldError(required("spec.containers[0].image")), "spec.containers[0].image: Required value");
    assert.equal(
      formatFieldError(required("metadata.name", "name or generateName is required")),
      "metadata.name: Required value: name or generateName is required",
    );
    assert.equal(
      formatFieldError(notSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"])),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    assert.equal(formatFieldError(notSupported("x", "y", [])), 'x: Unsupported value: "y"');
    assert.equal(formatFieldError(duplicate("spec.containers[1].name", "web")), 'spec.containers[1].name: Duplicate value: "web"');
    assert.equal(formatFieldError(forbidden("spec", "no")), "spec: Forbidden: no");
    assert.equal(formatFieldError(notFound("spec.containers[0].volumeMounts[0].name", "data")), 'spec.containers[0].volumeMounts[0].name: Not found: "data"');
    assert.equal(formatFieldError(tooLong("metadata.annotations", "", 262144)), "metadata.annotations: Too long: must have at most 262144 bytes");
    assert.equal(formatFieldError(tooLong("", "", 1048576)), ": Too long: must have at most 1048576 bytes");
    assert.equal(formatFieldError(tooMany("spec.rules", 25, 20)), "spec.rules: Too many: 25: must have at most 20 items");
    assert.equal(formatFieldError(tooMany("spec.rules", -1, -1)), "spec.rules: Too many: has too many items");
    assert.equal(formatFieldError(internalError("spec", "boom")), "spec: Internal error: boom");
  });

  it("prints bad values as Go does", () => {
    assert.equal(formatFieldError(invalid("spec.replicas", -1, "must be greater than or equal to 0")), "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    assert.equal(formatFieldError(invalid("x", null, "d")), "x: Invalid value: null: d");
    assert.equal(formatFieldError(invalid("x", undefined, "d")), "x: Invalid value: null: d");
    assert.equal(formatFieldError(invalid("x", true, "d")), "x: Invalid value: true: d");
    assert.equal(formatFieldError(invalid("x", 1.5, "d")), "x: Invalid value: 1.5: d");
    assert.equal(
      formatFieldError(invalid("spec.template.metadata.labels", { app: "nginx", tier: "fe" }, "`selector` does not match template `labels`")),
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx", "tier":"fe"}: `selector` does not match template `labels`',
    );
    assert.equal(formatFieldError(invalid("x", ["a", "b"], "d")), 'x: Invalid value: []string{"a", "b"}: d');
    assert.equal(formatFieldError(invalid("x", { a: 1 }, "d")), 'x: Invalid value: {"a":1}: d');
    assert.equal(formatFieldError(invalid("x", goLiteral("core.Thing{}"), "d")), "x: Invalid value: core.Thing{}: d");
    assert.equal(fieldErrorBody(invalid("x", "v", "")), 'Invalid value: "v"');
  });
});

describe("Go formatting", () => {
  it("quotes like strconv.Quote", () => {
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(goQuote("tab\tnl\n\x01\x7f"), '"tab\\tnl\\n\\x01\\x7f"');
    assert.equal(goQuote("é😀 ok"), '"é😀 ok"');
    assert.equal(goQuote("\u200b"), '"\\u200b"');
    assert.equal(goQuote("\u{e0001}"), '"\\U000e0001"');
  });

  it("prints numbers, slices, maps, selectors and times", () => {
    assert.equal(goNumber(1e21), "1e+21");
    assert.equal(goNumber(1e-7), "1e-07");
    assert.equal(goStringSlice(null).text, "[]string(nil)");
    assert.equal(goStringSlice([]).text, "[]string{}");
    assert.equal(goStringMap(undefined).text, "map[string]string(nil)");
    assert.equal(goStringMap({ b: "2", a: "1" }).text, 'map[string]string{"a":"1", "b":"2"}');
    assert.equal(formatGoValue({}), "map[string]string{}");
    assert.equal(
      goLabelSelector({ matchLabels: { app: "web" } })?.text,
      'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
    assert.equal(
      goLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: ["x"] }] })?.text,
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"In", Values:[]string{"x"}}}}',
    );
    assert.equal(goLabelSelector(undefined), null);
    assert.equal(String(goTime("2024-01-02T03:04:05Z")), "2024-01-02 03:04:05 +0000 UTC");
    assert.equal(goTime("not a time"), "not a time");
  });
});

describe("invalidMessage", () => {
  it("formats one error bare", () => {
    assert.equal(
      invalidMessage("Pod", "x", [required("spec.containers[0].image")]),
      'Pod "x" is invalid: spec.containers[0].image: Required value',
    );
  });

  it("brackets several errors, drops duplicates, qualifies the kind", () => {
    const errs = [required("spec.selector"), required("spec.selector"), invalid("spec.replicas", -1, "must be greater than or equal to 0")];
    assert.equal(
      invalidMessage({ group: "apps", kind: "Deployment" }, "web", errs),
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]',
    );
    assert.equal(invalidMessage({ group: "", kind: "Pod" }, "p", []), 'Pod "p" is invalid');
    assert.equal(aggregateMessage([]), "");
  });

  it("yields one cause per error", () => {
    const errs = [required("spec.selector"), required("spec.selector")];
    assert.deepEqual(toStatusCauses(errs), [
      { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" },
      { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" },
    ]);
  });
});
