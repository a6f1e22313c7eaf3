import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyDefaults } from "./defaults.js";
import { toStructural } from "./json-schema.js";

const schema = toStructural({
  type: "object",
  properties: {
    spec: {
      type: "object",
      default: {},
      properties: {
        replicas: { type: "integer", default: 1 },
        paused: { type: "boolean", default: false },
        mode: { type: "string", nullable: true, default: "auto" },
        note: { type: "string" },
        strategy: {
          type: "object",
          default: { type: "Rolling" },
          properties: { type: { type: "string" }, maxSurge: { "x-kubernetes-int-or-string": true, default: "25%" } },
        },
        ports: {
          type: "array",
          items: { type: "object", default: { name: "default" }, properties: { name: { type: "string" }, protocol: { type: "string", default: "TCP" } } },
        },
        limits: { type: "object", additionalProperties: { type: "object", default: { max: 10 }, properties: { max: { type: "integer" }, unit: { type: "string", default: "Mi" } } } },
        tags: { type: "array", items: { type: "string" }, default: ["a"] },
      },
    },
  },
});

describe("applyDefaults", () => {
  it("defaults absent fields, nested objects created by defaults included", () => {
    const obj: Record<string, unknown> = { apiVersion: "v", kind: "K", metadata: { name: "x" } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj.spec, { replicas: 1, paused: false, mode: "auto", strategy: { type: "Rolling", maxSurge: "25%" }, tags: ["a"] });
  });

  it("never overrides a value that is set, and is idempotent", () => {
    const obj = { spec: { replicas: 3, paused: true, mode: "manual", strategy: { type: "Recreate", maxSurge: 2 }, tags: [] } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj.spec, { replicas: 3, paused: true, mode: "manual", strategy: { type: "Recreate", maxSurge: 2 }, tags: [] });
    const again = structuredClone(obj);
    applyDefaults(again, schema);
    assert.deepEqual(again, obj);
  });

  it("applies defaults to each list item and map value", () => {
    const obj = { spec: { ports: [{ name: "http" }, { name: "dns", protocol: "UDP" }, null], limits: { cpu: { max: 2 }, mem: null } } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj.spec.ports, [{ name: "http", protocol: "TCP" }, { name: "dns", protocol: "UDP" }, { name: "default", protocol: "TCP" }]);
    assert.deepEqual(obj.spec.limits, { cpu: { max: 2, unit: "Mi" }, mem: { max: 10, unit: "Mi" } });
  });

  it("replaces null with the default unless nullable, and drops other non-nullable nulls", () => {
    const obj = { spec: { replicas: null, mode: null, note: null } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj.spec, { replicas: 1, mode: null, paused: false, strategy: { type: "Rolling", maxSurge: "25%" }, tags: ["a"] });
    assert.equal("note" in obj.spec, false);
  });

  it("copies defaults, so objects never share them", () => {
    const a = { spec: {} as Record<string, unknown> };
    const b = { spec: {} as Record<string, unknown> };
    applyDefaults(a, schema);
    applyDefaults(b, schema);
    (a.spec.strategy as Record<string, unknown>).type = "changed";
    assert.equal((b.spec.strategy as Record<string, unknown>).type, "Rolling");
    assert.equal(schema.properties!.spec.properties!.strategy.default && (schema.properties!.spec.properties!.strategy.default as Record<string, unknown>).type, "Rolling");
  });

  it("leaves values of the wrong shape and preserved fields alone", () => {
    const obj = { spec: { ports: "nope", strategy: 5, extra: { replicas: null } } };
    applyDefaults(obj, schema);
    assert.equal(obj.spec.ports, "nope");
    assert.equal(obj.spec.strategy, 5);
  });
});
