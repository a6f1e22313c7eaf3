import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StructuralSchema } from "../schema.js";
import { formatFieldError } from "../validation/field-error.js";
import { validateCustomResource } from "./custom-resource.js";
import { toStructural } from "./json-schema.js";

const errs = (obj: unknown, schema: StructuralSchema) => validateCustomResource(obj, schema).map(formatFieldError);
const spec = (properties: Record<string, unknown>, extra: object = {}) => toStructural({ type: "object", properties: { spec: { type: "object", properties, ...extra } } });
const cr = (s: unknown) => ({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: s });

describe("validateCustomResource: types", () => {
  const schema = spec({ replicas: { type: "integer" }, ratio: { type: "number" }, name: { type: "string" }, on: { type: "boolean" }, tags: { type: "array", items: { type: "string" } }, sub: { type: "object" } });

  it("prints the JSON type found, as kube-openapi does", () => {
    assert.deepEqual(errs(cr({ replicas: "3", ratio: "x", name: 5, on: "yes", tags: "a", sub: [] }), schema), [
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.ratio: Invalid value: "string": spec.ratio in body must be of type number: "string"',
      'spec.name: Invalid value: "integer": spec.name in body must be of type string: "integer"',
      'spec.on: Invalid value: "string": spec.on in body must be of type boolean: "string"',
      'spec.tags: Invalid value: "string": spec.tags in body must be of type array: "string"',
      'spec.sub: Invalid value: "array": spec.sub in body must be of type object: "array"',
    ]);
  });

  it("accepts an integer for a number, not a fraction for an integer", () => {
    assert.deepEqual(errs(cr({ ratio: 3, replicas: 1.5 }), schema), ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"']);
  });

  it("rejects null unless nullable", () => {
    assert.deepEqual(errs(cr({ name: null }), schema), ['spec.name: Invalid value: "null": spec.name in body must be of type string: "null"']);
    assert.deepEqual(errs(cr({ name: null }), spec({ name: { type: "string", nullable: true } })), []);
  });

  it("accepts an integer or a string for int-or-string", () => {
    const s = spec({ port: { "x-kubernetes-int-or-string": true } });
    assert.deepEqual(errs(cr({ port: 80 }), s), []);
    assert.deepEqual(errs(cr({ port: "http" }), s), []);
    assert.deepEqual(errs(cr({ port: true }), s), ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']);
  });

  it("does not check int32/int64 ranges (CRDs strip those formats)", () => {
    assert.deepEqual(errs(cr({ n: 2 ** 40 }), spec({ n: { type: "integer", format: "int32" } })), []);
  });
});

describe("validateCustomResource: value validations", () => {
  it("words numeric bounds like upstream", () => {
    const s = spec({
      replicas: { type: "integer", minimum: 1, maximum: 10 },
      low: { type: "integer", minimum: 0, exclusiveMinimum: true },
      ratio: { type: "number", maximum: 0.5, exclusiveMaximum: true },
      step: { type: "integer", multipleOf: 5 },
      frac: { type: "number", multipleOf: 0.25 },
    });
    assert.deepEqual(errs(cr({ replicas: 0, low: 0, ratio: 0.5, step: 7, frac: 0.3 }), s), [
      "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
      "spec.low: Invalid value: 0: spec.low in body should be greater than 0",
      "spec.ratio: Invalid value: 0.5: spec.ratio in body should be less than 0.5",
      "spec.step: Invalid value: 7: spec.step in body should be a multiple of 5",
      "spec.frac: Invalid value: 0.3: spec.frac in body should be a multiple of 0.25",
    ]);
    assert.deepEqual(errs(cr({ replicas: 11 }), s), ["spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10"]);
  });

  it("reports only the first string failure: maxLength, then minLength, then pattern", () => {
    const s = spec({ name: { type: "string", minLength: 2, maxLength: 5, pattern: "^[a-z]+$" } });
    assert.deepEqual(errs(cr({ name: "ABCDEFG" }), s), ["spec.name: Too long: may not be more than 5 bytes"]);
    assert.deepEqual(errs(cr({ name: "A" }), s), ['spec.name: Invalid value: "A": spec.name in body should be at least 2 chars long']);
    assert.deepEqual(errs(cr({ name: "ABC" }), s), ["spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'"]);
    // Lengths count characters (runes), not bytes.
    assert.deepEqual(errs(cr({ name: "ééééé" }), spec({ name: { type: "string", maxLength: 5 } })), []);
    assert.deepEqual(errs(cr({ name: "ab" }), spec({ name: { type: "string", maxLength: 1 } })), ["spec.name: Too long: may not be more than 1 byte"]);
  });

  it("matches patterns with RE2 semantics", () => {
    const s = spec({ v: { type: "string", pattern: "^v\\d+(\\.\\d+)*$" }, any: { type: "string", pattern: "ab" } });
    assert.deepEqual(errs(cr({ v: "v1.2.3", any: "xxabyy" }), s), []);
    assert.deepEqual(errs(cr({ v: "v1.", any: "a" }), s).length, 2);
  });

  it("lists enum values as upstream: strings bare, others as JSON", () => {
    assert.deepEqual(errs(cr({ mode: "c" }), spec({ mode: { type: "string", enum: ["a", "b"] } })), ['spec.mode: Unsupported value: "c": supported values: "a", "b"']);
    assert.deepEqual(errs(cr({ n: 3 }), spec({ n: { type: "integer", enum: [1, 2] } })), ['spec.n: Unsupported value: 3: supported values: "1", "2"']);
  });

  it("reports every missing required field", () => {
    const s = toStructural({ type: "object", required: ["spec"], properties: { spec: { type: "object", required: ["a", "b"], properties: { a: { type: "string" }, b: { type: "string" } } } } });
    assert.deepEqual(errs({ apiVersion: "v", kind: "K" }, s), ["spec: Required value"]);
    assert.deepEqual(errs(cr({}), s), ["spec.a: Required value", "spec.b: Required value"]);
  });

  it("checks item and property counts, with items validated first", () => {
    const s = spec({
      tags: { type: "array", minItems: 2, maxItems: 3, items: { type: "string", maxLength: 2 } },
      labels: { type: "object", maxProperties: 1, additionalProperties: { type: "string" } },
      opts: { type: "object", minProperties: 2, additionalProperties: { type: "integer" } },
    });
    assert.deepEqual(errs(cr({ tags: ["abc"], labels: { a: "1", b: "2" }, opts: { a: "x" } }), s), [
      "spec.tags[0]: Too long: may not be more than 2 bytes",
      "spec.tags: Invalid value: 1: spec.tags in body should have at least 2 items",
      "spec.labels: Too many: 2: must have at most 1 items",
      // An object failing min/maxProperties is not looked into.
      "spec.opts: Invalid value: 1: spec.opts in body should have at least 2 properties",
    ]);
    assert.deepEqual(errs(cr({ tags: ["a", "b", "c", "d"] }), s), ["spec.tags: Too many: 4: must have at most 3 items"]);
  });

  it("validates additionalProperties values with their keys in the path", () => {
    const s = spec({ limits: { type: "object", additionalProperties: { type: "integer", minimum: 0 } } });
    assert.deepEqual(errs(cr({ limits: { cpu: -1, mem: 2 } }), s), ["spec.limits.cpu: Invalid value: -1: spec.limits.cpu in body should be greater than or equal to 0"]);
  });

  it("reports every violation at once, with list indices in paths", () => {
    const s = spec({ items: { type: "array", items: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 }, size: { type: "integer", minimum: 1 } } } } });
    assert.deepEqual(errs(cr({ items: [{ name: "a", size: 1 }, { size: 0 }, { name: "" }] }), s), [
      "spec.items[1].size: Invalid value: 0: spec.items[1].size in body should be greater than or equal to 1",
      "spec.items[1].name: Required value",
      'spec.items[2].name: Invalid value: "": spec.items[2].name in body should be at least 1 chars long',
    ]);
  });
});

describe("validateCustomResource: formats", () => {
  const s = spec({
    id: { type: "string", format: "uuid" },
    at: { type: "string", format: "date-time" },
    day: { type: "string", format: "date" },
    ip: { type: "string", format: "ipv4" },
    mail: { type: "string", format: "email" },
    host: { type: "string", format: "hostname" },
    data: { type: "string", format: "byte" },
  });

  it("accepts valid values", () => {
    const ok = { id: "123e4567-e89b-12d3-a456-426614174000", at: "2024-05-01T10:00:00Z", day: "2024-02-29", ip: "10.0.0.1", mail: "a@example.com", host: "example.com", data: "aGVsbG8=" };
    assert.deepEqual(errs(cr(ok), s), []);
  });

  it("reports invalid values as type errors, naming the format", () => {
    const bad = { id: "nope", at: "yesterday", day: "2023-02-29", ip: "10.0.0", mail: "nobody", host: "-bad-", data: "not base64!" };
    assert.deepEqual(errs(cr(bad), s), [
      'spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"',
      'spec.at: Invalid value: "yesterday": spec.at in body must be of type date-time: "yesterday"',
      'spec.day: Invalid value: "2023-02-29": spec.day in body must be of type date: "2023-02-29"',
      'spec.ip: Invalid value: "10.0.0": spec.ip in body must be of type ipv4: "10.0.0"',
      'spec.mail: Invalid value: "nobody": spec.mail in body must be of type email: "nobody"',
      'spec.host: Invalid value: "-bad-": spec.host in body must be of type hostname: "-bad-"',
      'spec.data: Invalid value: "not base64!": spec.data in body must be of type byte: "not base64!"',
    ]);
  });
});

describe("validateCustomResource: composition", () => {
  it("reports anyOf/oneOf/allOf/not failures at the root path (<nil>), then the best alternative's errors", () => {
    const s = spec(
      { a: { type: "string" }, b: { type: "string" } },
      { oneOf: [{ required: ["a"] }, { required: ["b"] }], not: { required: ["c"] }, anyOf: [{ properties: { a: { minLength: 3 } } }, { properties: { a: { maxLength: 1 } } }] },
    );
    assert.deepEqual(errs(cr({ a: "xy" }), s), [
      '<nil>: Invalid value: "": "spec" must validate at least one schema (anyOf)',
      'spec.a: Invalid value: "xy": spec.a in body should be at least 3 chars long',
    ]);
    assert.deepEqual(errs(cr({ a: "xyz", b: "q" }), s), ['<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives']);
    assert.deepEqual(errs(cr({}), spec({}, { oneOf: [{ required: ["a"] }, { required: ["b"] }] })), [
      '<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid',
      "spec.a: Required value",
    ]);
    assert.deepEqual(errs(cr({ a: "xyz", c: 1 }), spec({ a: { type: "string" }, c: { type: "integer" } }, { not: { required: ["c"] } })), [
      '<nil>: Invalid value: "": "spec" must not validate the schema (not)',
    ]);
    assert.deepEqual(errs(cr({ a: "" }), spec({ a: { type: "string" } }, { allOf: [{ properties: { a: { minLength: 1 } } }] })), [
      'spec.a: Invalid value: "": spec.a in body should be at least 1 chars long',
      '<nil>: Invalid value: "": "spec" must validate all the schemas (allOf). None validated',
    ]);
  });

  it("prints a path for composition failures when given one", () => {
    const s = spec({}, { oneOf: [{ required: ["a"] }] });
    assert.deepEqual(
      validateCustomResource(cr({}), s, { path: "obj" }).map(formatFieldError),
      ['obj: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid', "obj.spec.a: Required value"],
    );
  });
});

describe("validateCustomResource: embedded resources", () => {
  const s = spec({ template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true } });

  it("requires apiVersion and kind, and validates metadata (names as path segments)", () => {
    assert.deepEqual(errs(cr({ template: { metadata: { name: "a/b", namespace: "Bad", labels: { "a b": "x" } } } }), s), [
      "spec.template.apiVersion: Required value",
      "spec.template.kind: Required value",
      `spec.template.metadata.name: Invalid value: "a/b": may not contain '/'`,
      `spec.template.metadata.namespace: Invalid value: "Bad": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      `spec.template.metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
    // An embedded object need not be named.
    assert.deepEqual(errs(cr({ template: { apiVersion: "v1", kind: "Pod", metadata: { labels: { app: "x" } } } }), s), []);
  });

  it("checks apiVersion and kind values", () => {
    assert.deepEqual(errs(cr({ template: { apiVersion: "a/b/c", kind: "" } }), s), [
      'spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
      'spec.template.kind: Invalid value: "": must not be empty',
    ]);
    assert.deepEqual(errs(cr({ template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } } }), s), []);
  });
});

describe("validateCustomResource: list types", () => {
  const s = spec({
    tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
    ports: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name", "protocol"],
      items: { type: "object", properties: { name: { type: "string" }, protocol: { type: "string" }, port: { type: "integer" } } },
    },
    routes: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"], items: { type: "object", properties: { name: { type: "string" } } } },
  });

  it("reports each repeated set member and map key once, at its second appearance", () => {
    assert.deepEqual(errs(cr({ tags: ["a", "b", "a", "a"], routes: [{ name: "x" }, { name: "x" }], ports: [{ name: "h", protocol: "TCP", port: 1 }, { name: "h", protocol: "UDP" }, { name: "h", protocol: "TCP", port: 2 }] }), s), [
      'spec.tags[2]: Duplicate value: "a"',
      'spec.routes[1]: Duplicate value: map[string]interface {}{"name":"x"}',
      'spec.ports[2]: Duplicate value: map[string]interface {}{"name":"h", "protocol":"TCP"}',
    ]);
  });

  it("treats absent keys as a key of their own and requires objects", () => {
    assert.deepEqual(errs(cr({ routes: [{}, {}] }), s), ["spec.routes[1]: Duplicate value: map[string]interface {}{}"]);
    assert.deepEqual(errs(cr({ routes: [{ name: "a" }, "b"] }), s).at(-1), 'spec.routes[1]: Invalid value: "b": must be an object for an array of list-type map');
  });
});

describe("validateCustomResource: string lengths count runes", () => {
  it("counts astral characters once", () => {
    const s = spec({ a: { type: "string", maxLength: 2, minLength: 2 }, b: { type: "string", minLength: 3 } });
    assert.deepEqual(errs(cr({ a: "😀😀", b: "😀😀😀" }), s), []);
    assert.equal(errs(cr({ a: "😀😀😀" }), s).length, 1);
    assert.equal(errs(cr({ a: "😀" }), s).length, 1);
    assert.equal(errs(cr({ b: "😀😀" }), s).length, 1);
    assert.equal(errs(cr({ b: "ab" }), s).length, 1);
  });
});
