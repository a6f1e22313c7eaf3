import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StructuralSchema } from "../schema.js";
import { decodeAgainstSchema } from "./decode.js";
import { decodeErrorMessage, strictDecodingError, typeErrorMessage, unknownFieldWarnings } from "./messages.js";

const str: StructuralSchema = { type: "string" };
const int32: StructuralSchema = { type: "integer", format: "int32" };

const port: StructuralSchema = {
  type: "object",
  properties: { containerPort: int32, name: str, protocol: str },
};
const container: StructuralSchema = {
  type: "object",
  properties: {
    name: str,
    image: str,
    args: { type: "array", items: str },
    ports: { type: "array", items: port },
    env: { type: "array", items: { type: "object", properties: { name: str, value: str } } },
  },
};
const podLike: StructuralSchema = {
  type: "object",
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: "object", properties: { name: str, labels: { type: "object", additionalProperties: str } } },
    spec: {
      type: "object",
      properties: {
        containers: { type: "array", items: container },
        nodeSelector: { type: "object", additionalProperties: str },
        replicas: int32,
        paused: { type: "boolean" },
        port: { "x-kubernetes-int-or-string": true },
        config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        tuned: { type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { level: int32 } },
        anything: { type: "object", additionalProperties: true },
      },
    },
  },
};
const names = new Map<StructuralSchema, string>([
  [port, "v1.ContainerPort"],
  [container, "v1.Container"],
]);
const goTypeNames = (s: StructuralSchema) => names.get(s);

describe("decodeAgainstSchema: unknown fields", () => {
  it("finds unknown fields at every depth, with list indices in paths", () => {
    const obj = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "a", nmae: "typo" },
      spec: { containerz: [], containers: [{ name: "c", image: "i", imagee: "x", ports: [{ containerPort: 80, hostPortt: 1 }] }] },
    };
    const r = decodeAgainstSchema(obj, podLike, { unknownFields: "report" });
    assert.deepEqual(r.unknownFields, ["metadata.nmae", "spec.containerz", "spec.containers[0].imagee", "spec.containers[0].ports[0].hostPortt"]);
    assert.deepEqual(r.typeErrors, []);
  });

  it("report mode leaves the object untouched; prune mode deletes in place", () => {
    const make = () => ({ spec: { containerz: 1, containers: [{ name: "c", imagee: "x" }] } });
    const reported = make();
    decodeAgainstSchema(reported, podLike, { unknownFields: "report" });
    assert.deepEqual(reported, make());
    const pruned = make();
    const r = decodeAgainstSchema(pruned, podLike, { unknownFields: "prune" });
    assert.deepEqual(pruned, { spec: { containers: [{ name: "c" }] } });
    assert.deepEqual(r.unknownFields, ["spec.containerz", "spec.containers[0].imagee"]);
  });

  it("keeps map entries (additionalProperties) and preserve-unknown-fields subtrees", () => {
    const obj = {
      spec: {
        nodeSelector: { "kubernetes.io/os": "linux" },
        config: { anything: { goes: [1, "two"] } },
        tuned: { level: 3, extra: true },
        anything: { x: { y: 1 } },
      },
    };
    const copy = structuredClone(obj);
    const r = decodeAgainstSchema(obj, podLike, { unknownFields: "prune" });
    assert.deepEqual(r, { unknownFields: [], typeErrors: [] });
    assert.deepEqual(obj, copy);
  });

  it("still checks known properties inside a preserve-unknown-fields object", () => {
    const r = decodeAgainstSchema({ spec: { tuned: { level: "high" } } }, podLike, { unknownFields: "prune" });
    assert.equal(r.typeErrors[0]?.path, "spec.tuned.level");
  });

  it("ignores inherited names such as toString and __proto__ as schema properties", () => {
    const obj = JSON.parse('{"spec":{"toString":1,"constructor":2,"__proto__":{"x":1}}}');
    const r = decodeAgainstSchema(obj, podLike, { unknownFields: "prune" });
    assert.deepEqual(r.unknownFields, ["spec.toString", "spec.constructor", "spec.__proto__"]);
    assert.equal(Object.keys(obj.spec).length, 0);
  });

  it("allows apiVersion, kind and metadata at a resource root and in embedded resources", () => {
    const crd: StructuralSchema = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: { template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object" } } } },
        },
      },
    };
    const objectMeta: StructuralSchema = { type: "object", properties: { name: str, labels: { type: "object", additionalProperties: str } } };
    const obj = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w", bogus: 1 },
      spec: { template: { apiVersion: "v1", kind: "Pod", metadata: { labels: { a: "b" }, nope: 2 }, spec: { x: 1 }, other: 3 } },
    };
    const r = decodeAgainstSchema(obj, crd, { unknownFields: "prune", objectMeta });
    assert.deepEqual(r.unknownFields, ["metadata.bogus", "spec.template.metadata.nope", "spec.template.spec.x", "spec.template.other"]);
    assert.deepEqual(obj.spec.template, { apiVersion: "v1", kind: "Pod", metadata: { labels: { a: "b" } }, spec: {} });
  });

  it("treats apiVersion/kind as unknown below the root unless embedded", () => {
    const r = decodeAgainstSchema({ spec: { kind: "x" } }, podLike, { unknownFields: "report" });
    assert.deepEqual(r.unknownFields, ["spec.kind"]);
    const notRoot = decodeAgainstSchema({ kind: "x" }, { type: "object", properties: {} }, { unknownFields: "report", resourceRoot: false });
    assert.deepEqual(notRoot.unknownFields, ["kind"]);
  });

  it("walks cyclic schemas along the data", () => {
    const node: StructuralSchema = { type: "object", properties: { name: str } };
    node.properties!.children = { type: "array", items: node };
    const obj = { name: "a", children: [{ name: "b", children: [{ name: "c", typo: 1 }] }] };
    const r = decodeAgainstSchema(obj, node, { unknownFields: "report", resourceRoot: false });
    assert.deepEqual(r.unknownFields, ["children[0].children[0].typo"]);
  });
});

describe("decodeAgainstSchema: type errors", () => {
  it("reports a string where an int32 is required, with Go's wording", () => {
    const obj = { spec: { containers: [{ name: "c", ports: [{ containerPort: "80" }] }] } };
    const r = decodeAgainstSchema(obj, podLike, { unknownFields: "prune", goTypeNames });
    assert.equal(r.typeErrors.length, 1);
    const e = r.typeErrors[0];
    assert.equal(e.path, "spec.containers[0].ports[0].containerPort");
    assert.equal(e.expected, "int32");
    assert.equal(e.actual, "string");
    assert.equal(
      typeErrorMessage(e),
      "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
    );
    assert.equal(
      decodeErrorMessage("Pod", "v1", r, false),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
  });

  it("rejects non-integers and out-of-range int32 values", () => {
    const r = decodeAgainstSchema({ spec: { replicas: 1.5 } }, podLike, { unknownFields: "report" });
    assert.equal(r.typeErrors[0].actual, "number 1.5");
    const big = decodeAgainstSchema({ spec: { replicas: 2 ** 31 } }, podLike, { unknownFields: "report" });
    assert.equal(big.typeErrors[0].actual, `number ${2 ** 31}`);
    const ok = decodeAgainstSchema({ spec: { replicas: 2 ** 31 - 1 } }, podLike, { unknownFields: "report" });
    assert.deepEqual(ok.typeErrors, []);
  });

  it("reports wrong container types: object for a list, list for an object, number for a string", () => {
    const obj = { metadata: ["x"], spec: { containers: { name: "c" }, nodeSelector: { a: 1 }, paused: "yes" } };
    const r = decodeAgainstSchema(obj, podLike, { unknownFields: "report", goTypeNames });
    assert.deepEqual(
      r.typeErrors.map((e) => [e.path, e.expected, e.actual, e.goType]),
      [
        ["metadata", "object", "array", "struct"],
        ["spec.containers", "array", "object", "[]v1.Container"],
        ["spec.nodeSelector.a", "string", "number", "string"],
        ["spec.paused", "boolean", "string", "bool"],
      ],
    );
  });

  it("accepts null for any field", () => {
    const obj = { metadata: null, spec: { containers: [null, { name: null, ports: null }], replicas: null, port: null } };
    assert.deepEqual(decodeAgainstSchema(obj, podLike, { unknownFields: "prune" }), { unknownFields: [], typeErrors: [] });
  });

  it("accepts an integer or a string for int-or-string, nothing else", () => {
    for (const port of [8080, "http", "50%"]) {
      assert.deepEqual(decodeAgainstSchema({ spec: { port } }, podLike, { unknownFields: "report" }).typeErrors, [], String(port));
    }
    for (const [port, actual] of [
      [true, "bool"],
      [1.5, "number 1.5"],
      [{}, "object"],
      [[80], "array"],
    ] as const) {
      const r = decodeAgainstSchema({ spec: { port } }, podLike, { unknownFields: "report" });
      assert.deepEqual(
        r.typeErrors.map((e) => [e.expected, e.actual, e.goType]),
        [["int-or-string", actual, "intstr.IntOrString"]],
      );
    }
  });

  it("accepts a string or a number for a Quantity-like union and checks the quantity syntax", () => {
    const quantity: StructuralSchema = { anyOf: [{ type: "string" }, { type: "number" }], format: "quantity" };
    const schema: StructuralSchema = { type: "object", properties: { limits: { type: "object", additionalProperties: quantity } } };
    const ok = decodeAgainstSchema({ limits: { cpu: "500m", memory: "1Gi", gpus: 2, frac: 0.5 } }, schema, { unknownFields: "report" });
    assert.deepEqual(ok.typeErrors, []);
    const bad = decodeAgainstSchema({ limits: { cpu: true, memory: "lots" } }, schema, { unknownFields: "report" });
    assert.deepEqual(
      bad.typeErrors.map((e) => [e.path, e.expected]),
      [
        ["limits.cpu", "string or number"],
        ["limits.memory", "quantity"],
      ],
    );
    assert.match(typeErrorMessage(bad.typeErrors[1]), /^quantities must match the regular expression/);
  });

  it("checks date-time and byte formats unless told not to", () => {
    const schema: StructuralSchema = {
      type: "object",
      properties: { at: { type: "string", format: "date-time" }, data: { type: "object", additionalProperties: { type: "string", format: "byte" } } },
    };
    const good = { at: "2024-05-01T10:00:00Z", data: { a: "aGVsbG8=", b: "" } };
    assert.deepEqual(decodeAgainstSchema(good, schema, { unknownFields: "report", resourceRoot: false }).typeErrors, []);
    assert.deepEqual(decodeAgainstSchema({ at: "" }, schema, { unknownFields: "report", resourceRoot: false }).typeErrors, []);
    const bad = { at: "yesterday", data: { a: "not base64!" } };
    const r = decodeAgainstSchema(bad, schema, { unknownFields: "report", resourceRoot: false });
    assert.deepEqual(
      r.typeErrors.map((e) => e.path),
      ["at", "data.a"],
    );
    assert.deepEqual(decodeAgainstSchema(bad, schema, { unknownFields: "report", resourceRoot: false, checkFormats: false }).typeErrors, []);
  });

  it("does not prune inside a value that has a type error", () => {
    const obj = { spec: { containers: "oops" } };
    const r = decodeAgainstSchema(obj, podLike, { unknownFields: "prune" });
    assert.equal(r.typeErrors.length, 1);
    assert.deepEqual(obj, { spec: { containers: "oops" } });
  });
});

describe("decode messages", () => {
  it("words strict decoding errors and warnings like upstream", () => {
    assert.equal(strictDecodingError(["spec.containerz", "spec.containers[0].imagee"]), 'strict decoding error: unknown field "spec.containerz", unknown field "spec.containers[0].imagee"');
    assert.deepEqual(unknownFieldWarnings(["spec.x"]), ['unknown field "spec.x"']);
    assert.equal(
      decodeErrorMessage("Pod", "v1", { unknownFields: ["spec.containerz"], typeErrors: [] }, true),
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containerz"',
    );
    assert.equal(decodeErrorMessage("Pod", "v1", { unknownFields: ["spec.containerz"], typeErrors: [] }, false), undefined);
  });
});
