/** Tests of {@link strategicMergePatch} against the hand-built Deployment schema of `smp-fixtures.ts`. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StructuralSchema } from "../schema.js";
import type { JsonObject } from "./json.js";
import { deploymentSchema, liveDeployment } from "./smp-fixtures.js";
import { strategicMergePatch } from "./strategic-merge-patch.js";
import { deepFreeze, leakedDirectives, patchError } from "./test-helpers.js";

/** Reads a dotted path ("spec.template.spec.containers.0.env") from a value. */
function get(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

/** Applies a patch to the live Deployment with the fixture schema. */
function patchDeployment(patch: unknown): JsonObject {
  const result = strategicMergePatch(liveDeployment(), deepFreeze(patch), deploymentSchema);
  assert.deepEqual(leakedDirectives(result), [], "no directive may reach the result");
  return result;
}

const podSpec = (spec: unknown) => ({ spec: { template: { spec } } });
const names = (list: unknown) => (list as Array<{ name: string }>).map((item) => item.name);

describe("strategicMergePatch: maps and scalars", () => {
  it("merges maps, replaces scalars, and deletes members set to null", () => {
    const result = patchDeployment({
      metadata: { labels: { tier: null, version: "v2", absent: null }, annotations: { "example.com/note": "hi" } },
      spec: { replicas: 5 },
    });
    assert.deepEqual(get(result, "metadata.labels"), { app: "web", version: "v2" });
    assert.deepEqual(get(result, "metadata.annotations"), { "deployment.kubernetes.io/revision": "3", "example.com/note": "hi" });
    assert.equal(get(result, "spec.replicas"), 5);
    assert.deepEqual(result.status, { replicas: 2 });
  });

  it("replaces a value of another type", () => {
    const result = patchDeployment(podSpec({ nodeSelector: "none", tolerations: { key: "x" } }));
    assert.equal(get(result, "spec.template.spec.nodeSelector"), "none");
    assert.deepEqual(get(result, "spec.template.spec.tolerations"), { key: "x" });
  });

  it("treats keys such as __proto__ and constructor as plain data", () => {
    const result = patchDeployment(JSON.parse('{"metadata":{"labels":{"__proto__":"x","constructor":"y"}}}'));
    const labels = get(result, "metadata.labels") as object;
    assert.equal(Object.getPrototypeOf(labels), Object.prototype);
    assert.equal(JSON.stringify(labels), '{"app":"web","tier":"frontend","__proto__":"x","constructor":"y"}');
  });

  it("returns a copy sharing nothing with its inputs", () => {
    const original = liveDeployment();
    const patch = deepFreeze({ metadata: { labels: { extra: "1" } }, spec: { template: { spec: { affinity: { zone: ["a"] } } } } });
    const result = strategicMergePatch(original, patch, deploymentSchema);
    (result.status as JsonObject).replicas = 7;
    assert.equal(original.status.replicas, 2);
    assert.notEqual(get(result, "spec.template.spec.affinity"), patch.spec.template.spec.affinity);
    assert.notEqual(get(result, "spec.template.spec.affinity.zone"), patch.spec.template.spec.affinity.zone);
  });
});

describe("strategicMergePatch: lists of objects by merge key", () => {
  it("merges the matching container and keeps the others", () => {
    const result = patchDeployment(podSpec({ containers: [{ name: "app", image: "nginx:1.27" }] }));
    const containers = get(result, "spec.template.spec.containers") as JsonObject[];
    assert.deepEqual(names(containers), ["app", "sidecar"]);
    assert.equal(containers[0].image, "nginx:1.27");
    assert.deepEqual(containers[0].args, ["--port=8080", "--verbose"]);
    assert.deepEqual(containers[1], { name: "sidecar", image: "envoy:1.30" });
  });

  it("merges env by name: updates, adds and $patch: delete", () => {
    const result = patchDeployment(
      podSpec({
        containers: [
          {
            name: "app",
            env: [{ name: "B", value: "20" }, { name: "D", value: "4" }, { $patch: "delete", name: "C" }],
          },
        ],
      }),
    );
    assert.deepEqual(get(result, "spec.template.spec.containers.0.env"), [
      { name: "A", value: "1" },
      { name: "B", value: "20" },
      { name: "D", value: "4" },
    ]);
  });

  it("merges ports by the numeric containerPort", () => {
    const result = patchDeployment(
      podSpec({
        containers: [
          {
            name: "app",
            "$setElementOrder/ports": [{ containerPort: 8080 }, { containerPort: 8443 }, { containerPort: 9090 }],
            ports: [
              { containerPort: 8443, name: "https", protocol: "TCP" },
              { containerPort: 9090, name: "prom" },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(get(result, "spec.template.spec.containers.0.ports"), [
      { containerPort: 8080, name: "http", protocol: "TCP" },
      { containerPort: 8443, name: "https", protocol: "TCP" },
      { containerPort: 9090, name: "prom", protocol: "TCP" },
    ]);
  });

  it("deletes every item with the merge key of a $patch: delete item", () => {
    const original = { spec: { template: { spec: { containers: [{ name: "a" }, { name: "b", image: "1" }, { name: "a", image: "2" }] } } } };
    const result = strategicMergePatch(original, podSpec({ containers: [{ name: "a", $patch: "delete" }] }), deploymentSchema);
    assert.deepEqual(get(result, "spec.template.spec.containers"), [{ name: "b", image: "1" }]);
    // Deleting what is not there is not an error.
    const unchanged = patchDeployment(podSpec({ containers: [{ name: "ghost", $patch: "delete" }] }));
    assert.deepEqual(names(get(unchanged, "spec.template.spec.containers")), ["app", "sidecar"]);
  });

  it("replaces the whole list for a $patch: replace item", () => {
    const result = patchDeployment(podSpec({ containers: [{ name: "only", image: "busybox", env: [{ name: "X", $patch: "delete" }] }, { $patch: "replace" }] }));
    assert.deepEqual(get(result, "spec.template.spec.containers"), [{ name: "only", image: "busybox", env: [] }]);
    const emptied = patchDeployment(podSpec({ volumes: [{ $patch: "replace" }] }));
    assert.deepEqual(get(emptied, "spec.template.spec.volumes"), []);
  });

  it("adds a new item (without $setElementOrder, new items go first, as upstream)", () => {
    const result = patchDeployment(podSpec({ containers: [{ name: "debug", image: "busybox" }] }));
    assert.deepEqual(names(get(result, "spec.template.spec.containers")), ["debug", "app", "sidecar"]);
  });

  it("orders by $setElementOrder, which kubectl always sends with a changed list", () => {
    const result = patchDeployment(
      podSpec({
        "$setElementOrder/containers": [{ name: "app" }, { name: "debug" }, { name: "sidecar" }],
        containers: [{ name: "debug", image: "busybox" }],
      }),
    );
    assert.deepEqual(names(get(result, "spec.template.spec.containers")), ["app", "debug", "sidecar"]);
  });

  it("without $setElementOrder, keeps the patch's relative order and the server's for the rest", () => {
    const original = { spec: { template: { spec: { containers: [{ name: "a" }, { name: "b", image: "b" }, { name: "c" }] } } } };
    const patch = podSpec({ containers: [{ name: "c", image: "c" }, { name: "a", image: "a" }] });
    const result = strategicMergePatch(original, patch, deploymentSchema);
    assert.deepEqual(get(result, "spec.template.spec.containers"), [
      { name: "b", image: "b" },
      { name: "c", image: "c" },
      { name: "a", image: "a" },
    ]);
  });

  it("reorders a list with $setElementOrder alone; unnamed server items keep their live position", () => {
    const result = patchDeployment(podSpec({ containers: [{ name: "app", "$setElementOrder/env": [{ name: "C" }, { name: "A" }] }] }));
    // B came before C in the live list, so it stays ahead of it.
    assert.deepEqual(names(get(result, "spec.template.spec.containers.0.env")), ["B", "C", "A"]);
  });

  it("orders a list the original lacks", () => {
    const result = patchDeployment(
      podSpec({
        "$setElementOrder/initContainers": [{ name: "b" }, { name: "a" }],
        initContainers: [{ name: "b" }, { name: "x", $patch: "delete" }, { name: "a" }],
      }),
    );
    assert.deepEqual(get(result, "spec.template.spec.initContainers"), [{ name: "b" }, { name: "a" }]);
  });
});

describe("strategicMergePatch: lists of primitives and replaced lists", () => {
  it("merges a primitive list with strategy merge as a set", () => {
    const result = patchDeployment({ metadata: { finalizers: ["example.com/c", "example.com/a"] } });
    // Patch items keep their order; the new one lands ahead of the server-only one.
    assert.deepEqual(get(result, "metadata.finalizers"), ["example.com/c", "example.com/a", "example.com/b"]);
    const ordered = patchDeployment({
      metadata: {
        "$setElementOrder/finalizers": ["example.com/a", "example.com/b", "example.com/c"],
        finalizers: ["example.com/c"],
      },
    });
    assert.deepEqual(get(ordered, "metadata.finalizers"), ["example.com/a", "example.com/b", "example.com/c"]);
  });

  it("collapses duplicates, including the server's", () => {
    const original = { metadata: { finalizers: ["a", "b", "a"] } };
    const result = strategicMergePatch(original, { metadata: { finalizers: ["b", "c", "c"] } }, deploymentSchema);
    assert.deepEqual(get(result, "metadata.finalizers"), ["a", "b", "c"]);
  });

  it("deletes values with $deleteFromPrimitiveList, from merged and replaced lists alike", () => {
    const result = patchDeployment({
      metadata: { "$setElementOrder/finalizers": ["example.com/b"], "$deleteFromPrimitiveList/finalizers": ["example.com/a"] },
      spec: { template: { spec: { containers: [{ name: "app", "$deleteFromPrimitiveList/args": ["--verbose", "--absent"] }] } } },
    });
    assert.deepEqual(get(result, "metadata.finalizers"), ["example.com/b"]);
    assert.deepEqual(get(result, "spec.template.spec.containers.0.args"), ["--port=8080"]);
    const duplicates = strategicMergePatch({ f: ["x", "y", "x"] }, { "$deleteFromPrimitiveList/f": ["x"] }, undefined);
    assert.deepEqual(duplicates, { f: ["y"] });
  });

  it("does not create a list to delete from", () => {
    const result = patchDeployment({ metadata: { "$deleteFromPrimitiveList/missing": ["x"] } });
    assert.equal(get(result, "metadata.missing"), undefined);
    assert.deepEqual(Object.keys(result.metadata as object), ["name", "namespace", "labels", "annotations", "finalizers"]);
  });

  it("replaces lists without a merge strategy (args, tolerations)", () => {
    const result = patchDeployment(
      podSpec({
        containers: [{ name: "app", args: ["--port=9090"] }],
        tolerations: [{ key: "gpu", operator: "Exists" }, { key: "dedicated", $patch: "delete" }],
      }),
    );
    assert.deepEqual(get(result, "spec.template.spec.containers.0.args"), ["--port=9090"]);
    assert.deepEqual(get(result, "spec.template.spec.tolerations"), [{ key: "gpu", operator: "Exists" }]);
  });
});

describe("strategicMergePatch: map directives", () => {
  it("$patch: replace replaces a map", () => {
    const result = patchDeployment(podSpec({ nodeSelector: { $patch: "replace", zone: "a" } }));
    assert.deepEqual(get(result, "spec.template.spec.nodeSelector"), { zone: "a" });
  });

  it("$patch: delete empties an existing map and leaves a missing one missing", () => {
    const result = patchDeployment(podSpec({ containers: [{ name: "app", resources: { $patch: "delete" } }], affinity: { $patch: "delete" } }));
    assert.deepEqual(get(result, "spec.template.spec.containers.0.resources"), {});
    assert.equal(Object.hasOwn(get(result, "spec.template.spec") as object, "affinity"), false);
  });

  it("$patch: merge in a map is the default merge", () => {
    const result = patchDeployment({ metadata: { labels: { $patch: "merge", version: "v2" } } });
    assert.deepEqual(get(result, "metadata.labels"), { app: "web", tier: "frontend", version: "v2" });
  });

  it("$patch at the top level replaces or empties the whole object", () => {
    assert.deepEqual(patchDeployment({ $patch: "replace", kind: "Deployment" }), { kind: "Deployment" });
    assert.deepEqual(patchDeployment({ $patch: "delete" }), {});
  });

  it("honours the replace strategy of a map field", () => {
    const schema: StructuralSchema = {
      type: "object",
      properties: { config: { type: "object", "x-kubernetes-patch-strategy": "replace", additionalProperties: { type: "string" } } },
    };
    assert.deepEqual(strategicMergePatch({ config: { a: "1", b: "2" } }, { config: { b: "3" } }, schema), { config: { b: "3" } });
  });
});

describe("strategicMergePatch: $retainKeys", () => {
  it("switches a volume's source with $retainKeys (merge,retainKeys)", () => {
    const result = patchDeployment(
      podSpec({
        "$setElementOrder/volumes": [{ name: "data" }, { name: "config" }],
        volumes: [{ $retainKeys: ["configMap", "name"], configMap: { name: "data-cm" }, emptyDir: null, name: "data" }],
      }),
    );
    assert.deepEqual(get(result, "spec.template.spec.volumes"), [
      { name: "data", configMap: { name: "data-cm" } },
      { name: "config", configMap: { name: "web-config" } },
    ]);
  });

  it("switches the deployment strategy to Recreate (an allOf-wrapped field)", () => {
    const result = patchDeployment({ spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } } });
    assert.deepEqual(get(result, "spec.strategy"), { type: "Recreate" });
  });

  it("rejects a patch that sets a field its $retainKeys does not list", () => {
    patchError(
      () => patchDeployment({ spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: { maxSurge: 1 } } } }),
      400,
      /spec\.strategy: "rollingUpdate" is set by the patch but missing from \$retainKeys/,
    );
    patchError(() => patchDeployment({ spec: { strategy: { $retainKeys: "type" } } }), 400, /\$retainKeys must be a list/);
  });
});

describe("strategicMergePatch: directives never reach the result", () => {
  it("processes directives inside values the original lacks", () => {
    const original = { metadata: { name: "p" }, spec: { template: { spec: { containers: [{ name: "app" }] } } } };
    const patch = {
      metadata: { ownerReferences: [{ uid: "u1", kind: "ReplicaSet", name: "rs", $retainKeys: ["uid", "kind", "name"] }] },
      spec: {
        template: {
          spec: {
            initContainers: [
              {
                name: "init",
                "$setElementOrder/env": [{ name: "Y" }, { name: "X" }],
                env: [{ name: "Y", value: "2" }, { name: "Z", $patch: "delete" }, { name: "X", value: "1" }],
              },
              { name: "gone", $patch: "delete" },
            ],
            affinity: { $patch: "replace", nodeAffinity: { required: true, dropped: null } },
            securityContext: { $patch: "delete" },
            tolerations: [{ $patch: "replace" }, { key: "a" }],
            nodeSelector: { disk: "ssd", "$deleteFromPrimitiveList/zones": ["a"] },
          },
        },
      },
    };
    const result = strategicMergePatch(original, deepFreeze(patch), deploymentSchema);
    assert.deepEqual(leakedDirectives(result), []);
    assert.deepEqual(result, {
      metadata: { name: "p", ownerReferences: [{ uid: "u1", kind: "ReplicaSet", name: "rs" }] },
      spec: {
        template: {
          spec: {
            containers: [{ name: "app" }],
            initContainers: [{ name: "init", env: [{ name: "Y", value: "2" }, { name: "X", value: "1" }] }],
            affinity: { nodeAffinity: { required: true } },
            tolerations: [{ key: "a" }],
            nodeSelector: { disk: "ssd" },
          },
        },
      },
    });
  });

  it("processes directives inside an item appended to a merged list", () => {
    const result = patchDeployment(
      podSpec({
        "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }, { name: "new" }],
        containers: [
          {
            name: "new",
            env: [{ name: "E", value: "1" }, { name: "F", $patch: "delete" }],
            resources: { $patch: "replace", limits: { cpu: "1" } },
            command: null,
          },
        ],
      }),
    );
    assert.deepEqual(get(result, "spec.template.spec.containers.2"), { name: "new", env: [{ name: "E", value: "1" }], resources: { limits: { cpu: "1" } } });
  });
});

describe("strategicMergePatch: unknown schema", () => {
  it("merges maps and replaces lists when there is no schema", () => {
    const result = strategicMergePatch(liveDeployment(), podSpec({ containers: [{ name: "app", image: "x" }], nodeSelector: { zone: "a" } }), undefined);
    assert.deepEqual(get(result, "spec.template.spec.containers"), [{ name: "app", image: "x" }]);
    assert.deepEqual(get(result, "spec.template.spec.nodeSelector"), { disk: "ssd", zone: "a" });
  });

  it("treats fields the schema does not describe the same way", () => {
    const original = { spec: { template: { spec: { extra: { list: [{ name: "a", v: 1 }], map: { a: 1 } } } } } };
    const patch = podSpec({ extra: { list: [{ name: "a", w: 2 }], map: { b: 2 } } });
    assert.deepEqual(get(strategicMergePatch(original, patch, deploymentSchema), "spec.template.spec.extra"), {
      list: [{ name: "a", w: 2 }],
      map: { a: 1, b: 2 },
    });
  });
});

describe("strategicMergePatch: malformed patches", () => {
  it("rejects a patch that is not an object", () => {
    patchError(() => strategicMergePatch({}, [], undefined), 400, /must be a JSON object/);
    patchError(() => strategicMergePatch({}, null, undefined), 400);
  });

  it("rejects unknown $patch values", () => {
    patchError(() => patchDeployment({ metadata: { labels: { $patch: "remove" } } }), 400, /metadata\.labels: unknown "\$patch" value "remove"/);
    patchError(() => patchDeployment(podSpec({ containers: [{ name: "app", $patch: "drop" }] })), 400, /unknown "\$patch" value "drop"/);
    patchError(() => patchDeployment(podSpec({ affinity: { $patch: 1 } })), 400, /unknown "\$patch" value 1/);
    patchError(() => patchDeployment(podSpec({ tolerations: [{ $patch: "merge" }] })), 400, /not supported in a list/);
  });

  it("rejects list items without their merge key", () => {
    patchError(
      () => patchDeployment(podSpec({ containers: [{ image: "x" }] })),
      400,
      /spec\.template\.spec\.containers: item \{"image":"x"\} has no "name", the merge key of this list/,
    );
    patchError(() => patchDeployment(podSpec({ containers: [{ $patch: "delete" }] })), 400, /has no "name"/);
    patchError(() => patchDeployment(podSpec({ "$setElementOrder/containers": ["app"] })), 400, /has no "name"/);
  });

  it("rejects a patch list out of the order of its $setElementOrder", () => {
    patchError(
      () =>
        patchDeployment(
          podSpec({ "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }], containers: [{ name: "sidecar" }, { name: "app" }] }),
        ),
      400,
      /containers: the items of the patch list are not in the order/,
    );
    patchError(() => patchDeployment(podSpec({ "$setElementOrder/containers": [{ name: "app" }], containers: [{ name: "new" }] })), 400, /not in the order/);
  });

  it("rejects malformed directive keys and values", () => {
    patchError(() => patchDeployment({ metadata: { $setElementOrder: [] } }), 400, /expected "\$setElementOrder\/<field>"/);
    patchError(() => patchDeployment({ metadata: { "$setElementOrder/finalizers": "a" } }), 400, /must be a list/);
    patchError(() => patchDeployment({ metadata: { $deleteFromPrimitiveListfinalizers: ["a"] } }), 400, /expected "\$deleteFromPrimitiveList\/<field>"/);
    patchError(() => patchDeployment({ metadata: { "$deleteFromPrimitiveList/finalizers": "a" } }), 400, /must be a list/);
  });

  it("rejects merging lists of lists (422) and lists of mixed types (400)", () => {
    patchError(() => patchDeployment({ metadata: { finalizers: [["x"]] } }), 422, /metadata\.finalizers: lists of lists cannot be merged/);
    patchError(() => patchDeployment({ metadata: { finalizers: [1] } }), 400, /different types \(string, number\)/);
  });

  it("rejects merging a list of objects without a merge key", () => {
    const schema: StructuralSchema = { type: "object", properties: { items: { type: "array", "x-kubernetes-patch-strategy": "merge" } } };
    patchError(() => strategicMergePatch({ items: [{ a: 1 }] }, { items: [{ a: 2 }] }, schema), 400, /declares no merge key/);
  });
});
