import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatFieldError } from "../../validation/field-error.js";
import { toStructural } from "../json-schema.js";
import { compileCelRules } from "./compile.js";
import { type EvaluateOptions, evaluateCelRules } from "./evaluate.js";

/** Compiles `schema` (must compile cleanly) and evaluates it on `obj`/`old`. */
function run(schema: unknown, obj: unknown, old?: unknown, options?: EvaluateOptions): string[] {
  const compiled = compileCelRules(toStructural(schema));
  assert.deepEqual(compiled.errors.map(formatFieldError), []);
  return evaluateCelRules(compiled, obj, old, options).map(formatFieldError);
}

/** A resource schema whose `spec` has `properties` and `rules`. */
const spec = (properties: Record<string, unknown>, ...rules: unknown[]) => ({
  type: "object",
  properties: { spec: { type: "object", properties, "x-kubernetes-validations": rules } },
});

const replicas = { replicas: { type: "integer" }, maxReplicas: { type: "integer" } };

describe("CEL rules: results and messages", () => {
  it("reports a failed rule at its node with the schema type as value", () => {
    const s = spec(replicas, { rule: "self.replicas <= self.maxReplicas" });
    assert.deepEqual(run(s, { spec: { replicas: 5, maxReplicas: 3 } }), ['spec: Invalid value: "object": failed rule: self.replicas <= self.maxReplicas']);
    assert.deepEqual(run(s, { spec: { replicas: 3, maxReplicas: 3 } }), []);
  });

  it("uses message, then messageExpression when it evaluates to a usable string", () => {
    const s = spec(
      replicas,
      { rule: "self.replicas <= self.maxReplicas", message: "replicas must not exceed maxReplicas" },
      { rule: "self.replicas > 0", message: "fallback", messageExpression: "'replicas is ' + string(self.replicas) + ', must be positive'" },
      { rule: "self.maxReplicas < 100", message: "too many", messageExpression: "''" },
    );
    assert.deepEqual(run(s, { spec: { replicas: -1, maxReplicas: -2 } }), [
      'spec: Invalid value: "object": replicas must not exceed maxReplicas',
      'spec: Invalid value: "object": replicas is -1, must be positive',
    ]);
    assert.deepEqual(run(s, { spec: { replicas: 1, maxReplicas: 200 } }), ['spec: Invalid value: "object": too many']);
  });

  it("honours reason and fieldPath", () => {
    const s = spec(
      { a: { type: "integer" }, b: { type: "integer" }, labels: { type: "object", additionalProperties: { type: "string" } } },
      { rule: "self.a < self.b", message: "a must be below b", reason: "FieldValueForbidden", fieldPath: ".a" },
      { rule: "has(self.b)", message: "b is required", reason: "FieldValueRequired", fieldPath: ".b" },
      { rule: "self.a != 7", reason: "FieldValueDuplicate" },
      { rule: "!('x' in self.labels)", message: "no x", fieldPath: ".labels['x']" },
    );
    assert.deepEqual(run(s, { spec: { a: 7, labels: { x: "1" } } }), [
      // `a < b` fails on the missing key: an evaluation error, not a rule failure.
      "spec: Invalid value: \"object\": no such key: b evaluating rule: a must be below b",
      "spec.b: Required value: b is required",
      'spec: Duplicate value: "object"',
      'spec.labels[x]: Invalid value: "object": no x',
    ]);
    assert.deepEqual(run(s, { spec: { a: 2, b: 1, labels: {} } }), ["spec.a: Forbidden: a must be below b"]);
  });

  it("reports evaluation errors as upstream words them", () => {
    const s = spec({ a: { type: "integer" }, xs: { type: "array", items: { type: "integer" } } }, { rule: "self.a / 0 == 1" }, { rule: "self.xs[3] == 1" }, { rule: "self.a + 9223372036854775807 > 0" });
    assert.deepEqual(run(s, { spec: { a: 1, xs: [1] } }), [
      'spec: Invalid value: "object": division by zero evaluating rule: self.a / 0 == 1',
      "spec: Invalid value: \"object\": index '3' out of range in list size '1' evaluating rule: self.xs[3] == 1",
      'spec: Invalid value: "object": integer overflow evaluating rule: self.a + 9223372036854775807 > 0',
    ]);
  });

  it("reports a runtime overload mismatch on dyn values (int-or-string) as upstream does", () => {
    const s = spec({ port: { "x-kubernetes-int-or-string": true } }, { rule: "self.port > 0" });
    assert.deepEqual(run(s, { spec: { port: 8080 } }), []);
    assert.deepEqual(run(s, { spec: { port: "http" } }), [
      "spec: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.port > 0",
    ]);
  });

  it("reports a rule on the resource root at upstream's nil path", () => {
    const s = { type: "object", properties: { spec: { type: "object" } }, "x-kubernetes-validations": [{ rule: "has(self.spec)", message: "spec is required" }] };
    assert.deepEqual(run(s, { apiVersion: "v", kind: "K", metadata: { name: "a" } }), ['<nil>: Invalid value: "object": spec is required']);
    assert.deepEqual(run(s, { metadata: { name: "a" } }, undefined, { path: "obj" }), ['obj: Invalid value: "object": spec is required']);
  });
});

describe("CEL rules: at every depth", () => {
  const s = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          replicas: { type: "integer", "x-kubernetes-validations": [{ rule: "self >= 0", message: "must not be negative" }] },
          ports: {
            type: "array",
            items: { type: "object", properties: { port: { type: "integer" }, name: { type: "string" } }, "x-kubernetes-validations": [{ rule: "self.port < 65536", message: "port out of range" }] },
            "x-kubernetes-validations": [{ rule: "self.all(p, p.name != '')", message: "every port needs a name" }],
          },
          labels: { type: "object", additionalProperties: { type: "string", "x-kubernetes-validations": [{ rule: "self.size() <= 3", message: "label too long" }] } },
          nullable: { type: "string", nullable: true, "x-kubernetes-validations": [{ rule: "self != ''" }] },
        },
      },
    },
  };

  it("runs rules on scalars, lists, list items and map values, with their paths", () => {
    const obj = { spec: { replicas: -1, ports: [{ port: 80, name: "http" }, { port: 70000, name: "" }], labels: { ok: "abc", long: "abcd" }, nullable: null } };
    assert.deepEqual(run(s, obj), [
      'spec.replicas: Invalid value: "integer": must not be negative',
      'spec.ports: Invalid value: "array": every port needs a name',
      'spec.ports[1]: Invalid value: "object": port out of range',
      'spec.labels[long]: Invalid value: "string": label too long',
    ]);
  });

  it("never runs a rule on null or absent values", () => {
    assert.deepEqual(run(s, { spec: {} }), []);
    assert.deepEqual(run(s, { spec: null }), []);
  });
});

describe("CEL rules: transition rules (oldSelf)", () => {
  const s = spec({ replicas: { type: "integer" }, name: { type: "string", "x-kubernetes-validations": [{ rule: "self == oldSelf", message: "name is immutable" }] } }, {
    rule: "self.replicas >= oldSelf.replicas",
    message: "replicas may not decrease",
  });

  it("skips them on create and where there is no old value", () => {
    assert.deepEqual(run(s, { spec: { replicas: 1, name: "a" } }, undefined), []);
    assert.deepEqual(run(s, { spec: { replicas: 1, name: "a" } }, { spec: { replicas: 0 } }), []);
  });

  it("evaluates them against the old value on update", () => {
    assert.deepEqual(run(s, { spec: { replicas: 1, name: "b" } }, { spec: { replicas: 2, name: "a" } }), [
      'spec: Invalid value: "object": replicas may not decrease',
      'spec.name: Invalid value: "string": name is immutable',
    ]);
  });

  it("pairs map-list items by key, not by position", () => {
    const list = {
      type: "object",
      properties: {
        items: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: { type: "object", required: ["name"], properties: { name: { type: "string" }, v: { type: "integer", "x-kubernetes-validations": [{ rule: "self >= oldSelf", message: "v may not decrease" }] } } },
        },
      },
    };
    assert.deepEqual(run(list, { items: [{ name: "a", v: 1 }, { name: "b", v: 5 }, { name: "c", v: 0 }] }, { items: [{ name: "b", v: 3 }, { name: "a", v: 2 }] }), [
      'items[0].v: Invalid value: "integer": v may not decrease',
    ]);
  });

  it("does not pair the fields of an atomic map", () => {
    const atomic = {
      type: "object",
      properties: { m: { type: "object", "x-kubernetes-map-type": "atomic", properties: { v: { type: "integer" } }, "x-kubernetes-validations": [{ rule: "self.v >= oldSelf.v", message: "decreased" }] } },
    };
    assert.deepEqual(run(atomic, { m: { v: 1 } }, { m: { v: 2 } }), ['m: Invalid value: "object": decreased']);
  });
});

describe("CEL rules: values as upstream types them", () => {
  it("types integers as int, numbers as double, int-or-string as either", () => {
    const s = spec(
      { n: { type: "integer" }, r: { type: "number" }, port: { "x-kubernetes-int-or-string": true }, alt: { "x-kubernetes-int-or-string": true } },
      { rule: "self.n + 1 == 3 && type(self.n) == int" },
      { rule: "self.r * 2.0 == 3.0 && type(self.r) == double" },
      { rule: "type(self.port) == int && type(self.alt) == string" },
    );
    assert.deepEqual(run(s, { spec: { n: 2, r: 1.5, port: 80, alt: "http" } }), []);
  });

  it("types date-time, duration and byte strings as timestamp, duration and bytes", () => {
    const s = spec(
      { at: { type: "string", format: "date-time" }, every: { type: "string", format: "duration" }, data: { type: "string", format: "byte" } },
      { rule: "self.at < timestamp('2030-01-01T00:00:00Z') && self.at.getFullYear() == 2024" },
      { rule: "self.every > duration('1m') && self.every < duration('1h')" },
      { rule: "size(self.data) == 5" },
    );
    assert.deepEqual(run(s, { spec: { at: "2024-05-01T10:00:00Z", every: "5m", data: "aGVsbG8=" } }), []);
    assert.deepEqual(run(s, { spec: { at: "2031-05-01T10:00:00Z", every: "5m", data: "aGVsbG8=" } }).length, 1);
  });

  it("shows only apiVersion, kind, metadata.name and metadata.generateName at a resource root", () => {
    const root = {
      type: "object",
      properties: { spec: { type: "object", properties: { template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true } } } },
      "x-kubernetes-validations": [{ rule: "self.metadata.name.startsWith('web-') && self.kind == 'Widget'", message: "bad name" }],
    };
    assert.deepEqual(run(root, { apiVersion: "v", kind: "Widget", metadata: { name: "web-1", labels: { a: "b" } }, spec: {} }), []);
    assert.deepEqual(run(root, { apiVersion: "v", kind: "Widget", metadata: { name: "db-1" }, spec: {} }), ['<nil>: Invalid value: "object": bad name']);
    const labels = compileCelRules(toStructural({ ...root, "x-kubernetes-validations": [{ rule: "has(self.metadata.labels)" }] }));
    assert.match(formatFieldError(labels.errors[0]), /undefined field 'labels'/);
  });

  it("reads preserved (untyped) data as JSON", () => {
    const s = spec({ config: { type: "object", "x-kubernetes-preserve-unknown-fields": true } }, { rule: "self.config.level > 2 && self.config.name == 'x' && self.config.tags[0] == 'a'" });
    assert.deepEqual(run(s, { spec: { config: { level: 3, name: "x", tags: ["a"] } } }), []);
  });

  it("escapes property names that are not CEL identifiers", () => {
    const s = spec({ "foo-bar": { type: "string" }, "a.b": { type: "string" }, namespace: { type: "string" } }, { rule: "self.foo__dash__bar == 'x' && self.a__dot__b == 'y' && self.__namespace__ == 'n'" });
    assert.deepEqual(run(s, { spec: { "foo-bar": "x", "a.b": "y", namespace: "n" } }), []);
  });
});

describe("CEL rules: library", () => {
  it("has the standard macros and string functions", () => {
    const s = spec(
      { name: { type: "string" }, tags: { type: "array", items: { type: "string" } }, labels: { type: "object", additionalProperties: { type: "string" } } },
      { rule: "self.name.startsWith('we') && self.name.endsWith('eb') && self.name.contains('e') && self.name.matches('^[a-z]+$')" },
      { rule: "self.name.upperAscii() == 'WEB' && 'WeB'.lowerAscii() == 'web' && ' x '.trim() == 'x'" },
      { rule: "'a,b'.split(',').join('-') == 'a-b' && 'aXa'.replace('X', 'b') == 'aba' && self.name.indexOf('e') == 1" },
      { rule: "size(self.tags) == 2 && self.tags.exists(t, t == 'a') && self.tags.exists_one(t, t == 'b') && self.tags.map(t, t + '!')[0] == 'a!'" },
      { rule: "self.tags.filter(t, t != 'a') == ['b'] && self.labels.all(k, self.labels[k] != '') && has(self.labels.x) && 'x' in self.labels" },
    );
    assert.deepEqual(run(s, { spec: { name: "web", tags: ["a", "b"], labels: { x: "1" } } }), []);
  });

  it("has the Kubernetes list functions", () => {
    const s = spec(
      { xs: { type: "array", items: { type: "integer" } }, names: { type: "array", items: { type: "string" } } },
      { rule: "self.xs.isSorted() && self.xs.sum() == 6 && self.xs.min() == 1 && self.xs.max() == 3" },
      { rule: "self.names.indexOf('b') == 1 && self.names.lastIndexOf('a') == 2 && self.names.indexOf('z') == -1 && !self.names.isSorted()" },
    );
    assert.deepEqual(run(s, { spec: { xs: [1, 2, 3], names: ["a", "b", "a"] } }), []);
    assert.deepEqual(run(spec({ xs: { type: "array", items: { type: "integer" } } }, { rule: "self.xs.min() > 0" }), { spec: { xs: [] } }), [
      'spec: Invalid value: "object": min called on empty list evaluating rule: self.xs.min() > 0',
    ]);
  });
});

describe("CEL rules: Kubernetes regex library", () => {
  const str = { s: { type: "string" } };

  it("finds the leftmost-first match, or '' when there is none", () => {
    const s = spec(
      str,
      { rule: "self.s.find('[0-9]+') == '123' && self.s.find('x+') == '' && 'ab'.find('a|ab') == 'a' && 'abc'.find('^') == ''" },
      { rule: "'a foo b'.find(r'\\bfoo\\b') == 'foo' && 'xFoO'.find('(?i)foo') == 'FoO' && 'a\\nb'.find('(?m)^b$') == 'b' && '€😀x'.find('.x') == '😀x'" },
    );
    assert.deepEqual(run(s, { spec: { s: "abc 123 def 456" } }), []);
  });

  it("finds all non-overlapping matches, honouring a limit", () => {
    const s = spec(
      str,
      { rule: "self.s.findAll('[0-9]+') == ['123', '456'] && self.s.findAll('[0-9]+', 1) == ['123'] && self.s.findAll('[0-9]+', 0) == []" },
      { rule: "self.s.findAll('[0-9]+', -1) == ['123', '456'] && self.s.findAll('z') == [] && size(self.s.findAll('[a-z]', 2)) == 2" },
      // Go skips an empty match that abuts the previous match.
      { rule: "'baaa'.findAll('a*') == ['', 'aaa'] && 'abc'.findAll('') == ['', '', '', ''] && '€😀x'.findAll('x*') == ['', '', 'x']" },
    );
    assert.deepEqual(run(s, { spec: { s: "abc 123 def 456" } }), []);
  });

  it("fails on an illegal pattern and checks argument types", () => {
    const s = spec(str, { rule: "self.s.find('(') == ''" }, { rule: "self.s.findAll('[', 1) == []" });
    const errs = run(s, { spec: { s: "a" } });
    assert.equal(errs.length, 2);
    assert.match(errs[0], /^spec: Invalid value: "object": Illegal regex: .* evaluating rule: self\.s\.find\('\('\) == ''$/);
    assert.match(errs[1], /Illegal regex: /);
    const compiled = compileCelRules(toStructural(spec(str, { rule: "self.s.find(1) == ''" }, { rule: "self.s.findAll('a', 'b') == []" })));
    const messages = compiled.errors.map(formatFieldError);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /compilation failed: ERROR: <input>:1:12: found no matching overload for 'find' applied to 'string\.\(int\)'/);
    assert.match(messages[1], /compilation failed: ERROR: <input>:1:15: found no matching overload for 'findAll' applied to 'string\.\(string, string\)'/);
  });

  it("charges the budget for long inputs", () => {
    const s = spec(str, { rule: "self.s.findAll('a').size() >= 0" });
    const errs = run(s, { spec: { s: "a".repeat(20_000) } }, undefined, { perCallLimit: 100 });
    assert.equal(errs.length, 1);
    assert.match(errs[0], /cost/);
    // Each match re-scans the rest of the input (the '.*z' thread outlives it): metered per step.
    const quadratic = spec(str, { rule: "self.s.findAll('.*z|a').size() >= 0" });
    const slow = run(quadratic, { spec: { s: "a".repeat(5_000) } }, undefined, { perCallLimit: 100_000 });
    assert.equal(slow.length, 1);
    assert.match(slow[0], /cost/);
    assert.deepEqual(run(quadratic, { spec: { s: "a".repeat(50) } }), []);
  });
});

describe("CEL rules: cost budget", () => {
  const nested = { rule: "self.xs.all(a, self.xs.all(b, self.xs.all(c, a + b + c >= 0)))" };
  const s = spec({ xs: { type: "array", items: { type: "integer" } }, n: { type: "integer" } }, nested, { rule: "self.n > 0" });
  const big = { spec: { xs: Array.from({ length: 300 }, (_, i) => i), n: -1 } };

  it("stops a runaway rule at the per-call limit, and every rule after it", () => {
    const t0 = performance.now();
    const errs = run(s, big, undefined, { perCallLimit: 50_000 });
    assert.deepEqual(errs, [
      `spec: Invalid value: "object": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${nested.rule}`,
    ]);
    assert.ok(performance.now() - t0 < 1000);
  });

  it("stops when the total budget or the time runs out", () => {
    const msg = 'spec: Invalid value: "object": validation failed due to running out of cost budget, no further validation rules will be run';
    assert.deepEqual(run(s, big, undefined, { totalLimit: 10_000 }), [msg]);
    const t0 = performance.now();
    assert.deepEqual(run(s, big, undefined, { timeoutMs: 20 }), [msg]);
    assert.ok(performance.now() - t0 < 500);
  });

  it("lets normal rules through with the default limits", () => {
    assert.deepEqual(run(s, { spec: { xs: [1, 2, 3], n: 1 } }), []);
  });

  it("charges string work too (a quadratic rule over a large string stops)", () => {
    const str = spec({ s: { type: "string" } }, { rule: "self.s.split('').all(a, self.s.split('').all(b, a != 'z'))" });
    const t0 = performance.now();
    const [e] = run(str, { spec: { s: "a".repeat(50_000) } });
    assert.match(e, /call cost exceeds limit/);
    assert.ok(performance.now() - t0 < 2000);
  });
});

describe("CEL rules: compilation", () => {
  it("reports errors with the schema path, and again at run time as upstream does", () => {
    const s = toStructural(spec({ a: { type: "integer" } }, { rule: "self.b > 0" }, { rule: "self.a > 0" }));
    const compiled = compileCelRules(s, { path: "spec.versions[0].schema.openAPIV3Schema" });
    assert.deepEqual(compiled.errors.map(formatFieldError), [
      `spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: apiextensions.ValidationRule{Rule:"self.b > 0", Message:"", MessageExpression:"", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:5: undefined field 'b'\n | self.b > 0\n | ....^`,
    ]);
    assert.deepEqual(evaluateCelRules(compiled, { spec: { a: -1 } }, undefined).map(formatFieldError), [
      `spec: Invalid value: "object": rule compile error: compilation failed: ERROR: <input>:1:5: undefined field 'b'\n | self.b > 0\n | ....^`,
      'spec: Invalid value: "object": failed rule: self.a > 0',
    ]);
  });

  it("positions syntax errors", () => {
    const compiled = compileCelRules(toStructural(spec({}, { rule: "self.a >" })));
    assert.match(formatFieldError(compiled.errors[0]), /compilation failed: ERROR: <input>:1:8: Syntax error: .*\n \| self\.a >\n \| \.{7}\^$/);
  });

  it("reports unknown functions, bad overloads and non-bool results", () => {
    const s = toStructural(spec({ a: { type: "integer" }, s: { type: "string" } }, { rule: "self.s.reverse() == ''" }, { rule: "self.a.startsWith('x')" }, { rule: "self.s + 1" }));
    const details = compileCelRules(s).errors.map((e) => e.detail);
    assert.match(details[0] ?? "", /undeclared reference to 'reverse' \(in container ''\)/);
    assert.match(details[1] ?? "", /found no matching overload for 'startsWith' applied to 'int\.\(string\)'/);
    assert.match(details[2] ?? "", /found no matching overload for '_\+_' applied to '\(string, int\)'/);
  });

  it("returns no rule tree for a schema without rules", () => {
    const compiled = compileCelRules(toStructural(spec({ a: { type: "integer" } })));
    assert.equal(compiled.root, undefined);
    assert.deepEqual(evaluateCelRules(compiled, { spec: { a: 1 } }, undefined), []);
  });
});
