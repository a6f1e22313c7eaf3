import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toStructural } from "./json-schema.js";

describe("toStructural", () => {
  it("keeps the structural keywords and value validations", () => {
    const s = toStructural({
      type: "object",
      description: "a widget",
      required: ["spec"],
      properties: {
        spec: {
          type: "object",
          properties: {
            replicas: { type: "integer", format: "int32", minimum: 1, maximum: 10, default: 1, multipleOf: 1 },
            name: { type: "string", minLength: 1, maxLength: 63, pattern: "^[a-z]+$", enum: ["a", "b"] },
            tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 5, "x-kubernetes-list-type": "set" },
            labels: { type: "object", additionalProperties: { type: "string" }, maxProperties: 3 },
          },
          anyOf: [{ required: ["replicas"] }, { required: ["name"] }],
          not: { required: ["legacy"] },
        },
      },
    });
    assert.equal(s.type, "object");
    assert.deepEqual(s.required, ["spec"]);
    const spec = s.properties!.spec;
    assert.deepEqual(spec.properties!.replicas, { type: "integer", format: "int32", minimum: 1, maximum: 10, default: 1, multipleOf: 1 });
    assert.deepEqual(spec.properties!.name, { type: "string", minLength: 1, maxLength: 63, pattern: "^[a-z]+$", enum: ["a", "b"] });
    assert.deepEqual(spec.properties!.tags, { type: "array", items: { type: "string" }, minItems: 1, maxItems: 5, "x-kubernetes-list-type": "set" });
    assert.deepEqual(spec.properties!.labels, { type: "object", additionalProperties: { type: "string" }, maxProperties: 3 });
    assert.deepEqual(spec.anyOf, [{ required: ["replicas"] }, { required: ["name"] }]);
    assert.deepEqual(spec.not, { required: ["legacy"] });
  });

  it("keeps x-kubernetes extensions in their meaningful form only", () => {
    const s = toStructural({
      type: "object",
      properties: {
        port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
        config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        strict: { type: "object", "x-kubernetes-preserve-unknown-fields": false },
        template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
        ports: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: { type: "object", "x-kubernetes-map-type": "atomic", properties: { name: { type: "string" } } },
        },
        bogus: { type: "array", "x-kubernetes-list-type": "bag", items: { type: "string" } },
      },
      "x-kubernetes-validations": [{ rule: "has(self.spec)", message: "spec is required", reason: "FieldValueRequired", fieldPath: ".spec" }, "junk"],
    });
    const p = s.properties!;
    assert.equal(p.port["x-kubernetes-int-or-string"], true);
    assert.equal(p.port.type, undefined);
    assert.equal(p.config["x-kubernetes-preserve-unknown-fields"], true);
    assert.equal("x-kubernetes-preserve-unknown-fields" in p.strict, false);
    assert.equal(p.template["x-kubernetes-embedded-resource"], true);
    assert.deepEqual(p.ports["x-kubernetes-list-map-keys"], ["name"]);
    assert.equal(p.ports.items!["x-kubernetes-map-type"], "atomic");
    assert.equal(p.bogus["x-kubernetes-list-type"], undefined);
    assert.deepEqual(s["x-kubernetes-validations"], [{ rule: "has(self.spec)", message: "spec is required", reason: "FieldValueRequired", fieldPath: ".spec" }]);
  });

  it("keeps nullable and defaults, and property names like __proto__ as own properties", () => {
    const s = toStructural(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string","nullable":true,"default":"x"}}}'));
    assert.ok(Object.hasOwn(s.properties!, "__proto__"));
    assert.deepEqual(Object.getOwnPropertyDescriptor(s.properties!, "__proto__")?.value, { type: "string", default: "x", nullable: true });
  });

  it("tolerates malformed input", () => {
    assert.deepEqual(toStructural(null), {});
    assert.deepEqual(toStructural("schema"), {});
    const s = toStructural({ type: 5, properties: { a: "nope", b: { type: "string" } }, items: [{ type: "string" }], required: "spec", minimum: "1" });
    assert.deepEqual(s, { properties: { b: { type: "string" } } });
  });
});
