/** Tests of {@link fieldSetOf}: what an applier of an object comes to own. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StructuralSchema } from "../schema.js";
import type { FieldSet } from "./field-set.js";
import { encodeFieldsV1 } from "./fields-v1.js";
import { TypedValueError } from "./items.js";
import { pathText } from "./path.js";
import { configMapSchema, deploymentSchema, nginxConfig, widgetSchema } from "./test-fixtures.js";
import { fieldSetOf } from "./to-field-set.js";

const texts = (set: FieldSet) => [...set.paths()].map(pathText);

describe("fieldSetOf", () => {
  it("owns a Deployment's leaves, container items by name and ports by containerPort+protocol", () => {
    const set = fieldSetOf(nginxConfig(), deploymentSchema);
    assert.deepEqual(texts(set), [
      ".apiVersion",
      ".kind",
      ".metadata.name",
      ".metadata.namespace",
      ".metadata.labels.app",
      ".spec.replicas",
      ".spec.selector",
      ".spec.template.metadata.labels.app",
      '.spec.template.spec.containers[name="nginx"]',
      '.spec.template.spec.containers[name="nginx"].image',
      '.spec.template.spec.containers[name="nginx"].name',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"]',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].containerPort',
    ]);
  });

  it("treats atomic lists and maps as single leaves", () => {
    const set = fieldSetOf(
      {
        spec: {
          selector: { matchLabels: { a: "b" } },
          template: { spec: { nodeSelector: { disk: "ssd" }, tolerations: [{ key: "k" }], containers: [{ name: "c", args: ["-v"], command: [] }] } },
        },
      },
      deploymentSchema,
    );
    assert.deepEqual(texts(set), [
      ".spec.selector",
      ".spec.template.spec.nodeSelector",
      ".spec.template.spec.tolerations",
      '.spec.template.spec.containers[name="c"]',
      '.spec.template.spec.containers[name="c"].args',
      '.spec.template.spec.containers[name="c"].command',
      '.spec.template.spec.containers[name="c"].name',
    ]);
  });

  it("owns map entries (labels, ConfigMap data) as members holding their value", () => {
    const set = fieldSetOf({ metadata: { annotations: { a: "1" } }, data: { "app.properties": "x=1", empty: "" } }, configMapSchema);
    assert.deepEqual(texts(set), [".data.app.properties", ".data.empty", ".metadata.annotations.a"]);
  });

  it("owns an empty or null struct, but not an empty list (upstream's rules)", () => {
    const set = fieldSetOf({ spec: { strategy: {}, template: { spec: { containers: [] } } }, status: null }, deploymentSchema);
    assert.deepEqual(texts(set), [".status", ".spec.strategy"]);
  });

  it("identifies sets by value and map lists by several keys, with schema defaults", () => {
    const set = fieldSetOf(
      {
        spec: {
          tags: ["b", "a"],
          command: ["run", "--fast"],
          routes: [{ host: "a.example", port: 8080, backend: "x" }, { host: "a.example" }],
          size: "10%",
          extra: { free: { form: [1, 2] } },
        },
      },
      widgetSchema,
    );
    assert.deepEqual(texts(set), [
      ".spec.command",
      ".spec.size",
      ".spec.extra.free",
      ".spec.extra.free.form",
      '.spec.routes[host="a.example",port=80]',
      '.spec.routes[host="a.example",port=8080]',
      '.spec.routes[host="a.example",port=80].host',
      '.spec.routes[host="a.example",port=8080].backend',
      '.spec.routes[host="a.example",port=8080].host',
      '.spec.routes[host="a.example",port=8080].port',
      '.spec.tags[="a"]',
      '.spec.tags[="b"]',
    ]);
  });

  it("keys built-in lists that only carry a strategic merge key by that key", () => {
    const schema: StructuralSchema = {
      type: "object",
      properties: {
        volumes: {
          type: "array",
          "x-kubernetes-patch-strategy": "merge,retainKeys",
          "x-kubernetes-patch-merge-key": "name",
          items: { type: "object", properties: { name: { type: "string" }, emptyDir: { type: "object", properties: {} } } },
        },
        finalizers: { type: "array", "x-kubernetes-patch-strategy": "merge", items: { type: "string" } },
        hosts: { type: "array", items: { type: "string" } },
      },
    };
    const set = fieldSetOf({ volumes: [{ name: "data", emptyDir: {} }], finalizers: ["x"], hosts: ["a"] }, schema);
    assert.equal(JSON.stringify(encodeFieldsV1(set)), '{"f:finalizers":{"v:\\"x\\"":{}},"f:hosts":{},"f:volumes":{"k:{\\"name\\":\\"data\\"}":{".":{},"f:emptyDir":{},"f:name":{}}}}');
  });

  it("deduces the shape of objects without a schema: maps granular, lists atomic", () => {
    const set = fieldSetOf({ spec: { a: 1, list: [1, 2], nested: { b: true } } }, undefined);
    assert.deepEqual(texts(set), [".spec", ".spec.a", ".spec.list", ".spec.nested", ".spec.nested.b"]);
  });

  it("rejects, when strict, list items that cannot be identified, with upstream's messages", () => {
    const config = { spec: { template: { spec: { containers: [{ image: "x" }] } } } };
    assert.throws(
      () => fieldSetOf(config, deploymentSchema, { strict: true }),
      (e: unknown) =>
        e instanceof TypedValueError &&
        e.message === '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
    assert.throws(() => fieldSetOf({ spec: { tags: [{ a: 1 }] } }, widgetSchema, { strict: true }), /element 0: associative list without keys has an element that's a map type/);
    assert.throws(
      () => fieldSetOf({ spec: { routes: [{ host: "a" }, { host: "a", port: 80 }] } }, widgetSchema, { strict: true }),
      /^TypedValueError: \.spec\.routes: duplicate entries for key \[host="a",port=80\]$/,
    );
    // Lenient (objects from storage): the list is one value.
    assert.deepEqual(texts(fieldSetOf(config, deploymentSchema)), [".spec.template.spec.containers"]);
  });
});
