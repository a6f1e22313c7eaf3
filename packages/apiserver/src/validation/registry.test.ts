import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "../registry/resource.js";
import { builtinValidator, builtinValidators } from "./registry.js";

// Shapes a client can send before schema validation rejects them.
const junk: KubeObject[] = [
  {},
  { spec: null, data: null, metadata: {} },
  { spec: "x", rules: "x", subsets: 1, endpoints: {}, ports: "p", roleRef: [] },
  {
    spec: {
      containers: [null, 1, { name: 5, image: [], ports: "x", env: [null], resources: { limits: { cpu: {} } } }],
      volumes: [null, { name: {} }],
      template: { metadata: null, spec: { containers: "no" } },
      selector: { matchLabels: "x", matchExpressions: [null] },
      jobTemplate: 4,
      schedule: 7,
      ports: [null, { port: "80", targetPort: null }],
      rules: [{ http: { paths: [null] } }],
      taints: [null],
      strategy: { rollingUpdate: { maxSurge: {} } },
    },
    data: { k: 1 },
    stringData: [],
    subjects: [null],
  },
];

describe("builtinValidators", () => {
  it("covers the built-in kinds, keyed group/Kind", () => {
    for (const k of [
      "/Pod",
      "/Service",
      "/ConfigMap",
      "/Secret",
      "/Namespace",
      "/Node",
      "/ServiceAccount",
      "/Endpoints",
      "/Event",
      "apps/Deployment",
      "apps/ReplicaSet",
      "apps/StatefulSet",
      "apps/DaemonSet",
      "batch/Job",
      "batch/CronJob",
      "networking.k8s.io/Ingress",
      "discovery.k8s.io/EndpointSlice",
      "coordination.k8s.io/Lease",
      "events.k8s.io/Event",
      "rbac.authorization.k8s.io/Role",
      "rbac.authorization.k8s.io/ClusterRole",
      "rbac.authorization.k8s.io/RoleBinding",
      "rbac.authorization.k8s.io/ClusterRoleBinding",
    ]) {
      assert.ok(builtinValidators[k], k);
      assert.equal(typeof builtinValidators[k].nameValidator, "function", k);
    }
    assert.equal(builtinValidator("apps", "Deployment"), builtinValidators["apps/Deployment"]);
    assert.equal(builtinValidator("", "Pod"), builtinValidators["/Pod"]);
    assert.equal(builtinValidator("example.com", "Widget"), undefined);
    assert.equal(builtinValidators["/Event"].skipObjectMeta, true);
  });

  it("uses each kind's name rule", () => {
    assert.deepEqual(builtinValidators["/Service"].nameValidator("1svc", false).length, 1);
    assert.deepEqual(builtinValidators["/Pod"].nameValidator("a.b", false), []);
    assert.deepEqual(builtinValidators["/Namespace"].nameValidator("a.b", false), ["must not contain dots"]);
    assert.deepEqual(builtinValidators["rbac.authorization.k8s.io/ClusterRole"].nameValidator("system:node", false), []);
  });

  it("never throws on malformed input", () => {
    for (const [k, v] of Object.entries(builtinValidators)) {
      for (const o of junk) {
        assert.ok(Array.isArray(v.validate(o)), k);
        for (const old of junk) if (v.validateUpdate) assert.ok(Array.isArray(v.validateUpdate(o, old)), k);
      }
    }
  });
});

describe("validateResourceObject", () => {
  it("checks metadata first, then the kind", async () => {
    const { validateResourceObject, invalidStatusParts } = await import("./object.js");
    const deployment = { group: "apps", kind: "Deployment", namespaced: true };
    const errs = validateResourceObject(deployment, { metadata: { name: "Web", namespace: "default" }, spec: { template: {} } });
    assert.deepEqual(
      errs.map((e) => e.field),
      ["metadata.name", "spec.selector", "spec.template.metadata.labels", "spec.template.spec.containers"],
    );
    const parts = invalidStatusParts({ group: "apps", kind: "Deployment" }, "Web", errs);
    assert.ok(parts.message.startsWith('Deployment.apps "Web" is invalid: [metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain'));
    assert.equal(parts.causes.length, 4);
    assert.deepEqual(parts.causes[1], { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" });
  });

  it("validates updates with the update rules", async () => {
    const { validateResourceObject } = await import("./object.js");
    const pod = { group: "", kind: "Pod", namespaced: true };
    const old = { metadata: { name: "p", namespace: "d", uid: "1", resourceVersion: "3" }, spec: { containers: [{ name: "c", image: "a" }] } };
    const next = { metadata: { name: "p", namespace: "d", uid: "1", resourceVersion: "3" }, spec: { containers: [{ name: "c", image: "b" }] } };
    assert.deepEqual(validateResourceObject(pod, next, old), []);
    assert.deepEqual(
      validateResourceObject(pod, { ...next, metadata: { ...next.metadata, name: "q" } }, old).map((e) => e.field),
      ["metadata.name"],
    );
  });

  it("gives custom resources metadata checks only, and skips core Events' metadata", async () => {
    const { validateResourceObject } = await import("./object.js");
    const widget = { group: "example.com", kind: "Widget", namespaced: true };
    assert.deepEqual(validateResourceObject(widget, { metadata: { name: "w", namespace: "d", finalizers: ["cleanup"] }, spec: 1 }), []);
    assert.deepEqual(validateResourceObject(widget, { metadata: { name: "W_1", namespace: "d" } }).map((e) => e.field), ["metadata.name"]);
    const event = { group: "", kind: "Event", namespaced: true };
    assert.deepEqual(validateResourceObject(event, { metadata: { name: "Any:Name.123", namespace: "d" }, involvedObject: { namespace: "d" } }), []);
  });
});
