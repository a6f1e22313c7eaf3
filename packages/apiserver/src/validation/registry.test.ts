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
