/**
 * Strategic merge patches of kubectl against schemas built at test time from
 * the upstream OpenAPI v2 document (`$ref`s resolved to shared objects, so the
 * JSONSchemaProps schema is cyclic), rather than hand-written fixtures.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { StructuralSchema } from "../schema.js";
import type { JsonObject } from "./json.js";
import { memberSchema, patchStrategy } from "./smp-schema.js";
import { strategicMergePatch } from "./strategic-merge-patch.js";
import { deepFreeze, leakedDirectives } from "./test-helpers.js";

const SPEC_PATH = "/work/shared/kubernetes-api/kubernetes-openapi-v2.json";
const skip = existsSync(SPEC_PATH) ? false : `${SPEC_PATH} is not available`;

type SwaggerNode = {
  $ref?: string;
  properties?: Record<string, SwaggerNode>;
  items?: SwaggerNode;
  additionalProperties?: SwaggerNode | boolean;
  [keyword: string]: unknown;
};

/**
 * Returns a lookup of structural schemas by definition name. A `$ref` becomes
 * the shared definition object; a `$ref` with siblings (such as
 * `x-kubernetes-patch-strategy`) becomes `{allOf: [definition], ...siblings}`,
 * the shape the API server publishes in OpenAPI v3.
 */
function loadDefinitions(): (name: string) => StructuralSchema {
  const { definitions } = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as { definitions: Record<string, SwaggerNode> };
  const done = new Map<string, StructuralSchema>();
  const definition = (name: string): StructuralSchema => {
    let schema = done.get(name);
    if (!schema) {
      const definitionNode = definitions[name];
      assert.ok(definitionNode, `no definition ${name}`);
      // Registered before converting, so a cycle ends at this object.
      schema = {};
      done.set(name, schema);
      Object.assign(schema, convert(definitionNode));
    }
    return schema;
  };
  const convert = (node: SwaggerNode): StructuralSchema => {
    const { $ref, properties, items, additionalProperties, ...rest } = node;
    const out: Record<string, unknown> = { ...rest };
    if (properties) out.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, convert(value)]));
    if (items) out.items = convert(items);
    if (additionalProperties !== undefined) {
      out.additionalProperties = typeof additionalProperties === "object" ? convert(additionalProperties) : additionalProperties;
    }
    if ($ref === undefined) return out as StructuralSchema;
    const target = definition($ref.replace("#/definitions/", ""));
    return Object.keys(out).length === 0 ? target : ({ ...out, allOf: [target] } as StructuralSchema);
  };
  return definition;
}

const definitions = skip ? undefined : loadDefinitions();
const schemaOf = (name: string) => definitions?.(`io.k8s.${name}`);

function get(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

describe("strategic merge patch with schemas from the upstream OpenAPI document", { skip }, () => {
  it("reads the patch metadata of Deployment → PodSpec → containers", () => {
    const podSpec = memberSchema(memberSchema(memberSchema(schemaOf("api.apps.v1.Deployment"), "spec"), "template"), "spec");
    assert.deepEqual(patchStrategy(memberSchema(podSpec, "containers")), { merge: true, replace: false, mergeKey: "name" });
    assert.deepEqual(patchStrategy(memberSchema(podSpec, "volumes")), { merge: true, replace: false, mergeKey: "name" });
    assert.deepEqual(patchStrategy(memberSchema(podSpec, "tolerations")), { merge: false, replace: false, mergeKey: undefined });
  });

  it("applies a kubectl apply patch to a live Deployment", () => {
    const live = deepFreeze({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        namespace: "default",
        uid: "6f1c7a0e-1111-4c3e-9d57-2b0c1d2e3f40",
        resourceVersion: "4711",
        generation: 3,
        labels: { app: "web", tier: "frontend" },
        annotations: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}\n" },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
        revisionHistoryLimit: 10,
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              {
                name: "app",
                image: "nginx:1.25",
                args: ["--port=8080", "--verbose"],
                env: [
                  { name: "A", value: "1" },
                  { name: "B", value: "2" },
                  { name: "C", value: "3" },
                  { name: "INJECTED", value: "by-webhook" },
                ],
                ports: [
                  { containerPort: 8080, name: "http", protocol: "TCP" },
                  { containerPort: 9090, name: "metrics", protocol: "TCP" },
                ],
                volumeMounts: [{ name: "data", mountPath: "/data" }],
                resources: {},
                imagePullPolicy: "IfNotPresent",
                terminationMessagePath: "/dev/termination-log",
                terminationMessagePolicy: "File",
              },
              { name: "sidecar", image: "envoy:1.30", resources: {}, imagePullPolicy: "IfNotPresent" },
            ],
            volumes: [
              { name: "data", emptyDir: {} },
              { name: "config", configMap: { name: "web-config", defaultMode: 420 } },
            ],
            tolerations: [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" }],
            restartPolicy: "Always",
            dnsPolicy: "ClusterFirst",
            schedulerName: "default-scheduler",
          },
        },
      },
      status: { observedGeneration: 3, replicas: 2, readyReplicas: 2 },
    });
    // What kubectl apply sends after the manifest drops a label and a variable,
    // bumps the image, adds a port and a mount, moves a volume to a ConfigMap,
    // replaces the tolerations and switches to the Recreate strategy.
    const patch = deepFreeze({
      metadata: {
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"apps/v1","kind":"Deployment"}\n' },
        labels: { tier: null },
      },
      spec: {
        replicas: 3,
        strategy: { $retainKeys: ["type"], type: "Recreate" },
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }],
            "$setElementOrder/volumes": [{ name: "data" }, { name: "config" }],
            containers: [
              {
                "$setElementOrder/env": [{ name: "A" }, { name: "C" }, { name: "D" }],
                "$setElementOrder/ports": [{ containerPort: 8080 }, { containerPort: 8443 }, { containerPort: 9090 }],
                "$setElementOrder/volumeMounts": [{ mountPath: "/data" }, { mountPath: "/etc/web" }],
                args: ["--port=8080"],
                env: [{ name: "C", value: "30" }, { name: "D", value: "4" }, { $patch: "delete", name: "B" }],
                image: "nginx:1.27",
                name: "app",
                ports: [{ containerPort: 8443, name: "https" }],
                volumeMounts: [{ mountPath: "/etc/web", name: "config" }],
              },
            ],
            tolerations: [{ key: "gpu", operator: "Exists" }],
            volumes: [{ $retainKeys: ["configMap", "name"], configMap: { name: "data-cm" }, emptyDir: null, name: "data" }],
          },
        },
      },
    });

    const result = strategicMergePatch(live, patch, schemaOf("api.apps.v1.Deployment"));
    assert.deepEqual(leakedDirectives(result), []);
    assert.deepEqual(get(result, "metadata.labels"), { app: "web" });
    assert.deepEqual(get(result, "metadata.annotations"), {
      "deployment.kubernetes.io/revision": "3",
      "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"apps/v1","kind":"Deployment"}\n',
    });
    assert.equal(get(result, "spec.replicas"), 3);
    assert.deepEqual(get(result, "spec.strategy"), { type: "Recreate" });
    const spec = get(result, "spec.template.spec") as JsonObject;
    assert.deepEqual(spec.containers, [
      {
        name: "app",
        image: "nginx:1.27",
        args: ["--port=8080"],
        // The variable a webhook injected stays, after the ones the manifest orders.
        env: [
          { name: "A", value: "1" },
          { name: "C", value: "30" },
          { name: "D", value: "4" },
          { name: "INJECTED", value: "by-webhook" },
        ],
        ports: [
          { containerPort: 8080, name: "http", protocol: "TCP" },
          { containerPort: 8443, name: "https" },
          { containerPort: 9090, name: "metrics", protocol: "TCP" },
        ],
        volumeMounts: [
          { name: "data", mountPath: "/data" },
          { mountPath: "/etc/web", name: "config" },
        ],
        resources: {},
        imagePullPolicy: "IfNotPresent",
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
      },
      { name: "sidecar", image: "envoy:1.30", resources: {}, imagePullPolicy: "IfNotPresent" },
    ]);
    assert.deepEqual(spec.volumes, [
      { name: "data", configMap: { name: "data-cm" } },
      { name: "config", configMap: { name: "web-config", defaultMode: 420 } },
    ]);
    assert.deepEqual(spec.tolerations, [{ key: "gpu", operator: "Exists" }]);
    assert.equal(spec.dnsPolicy, "ClusterFirst");
    assert.deepEqual(result.status, live.status);
  });

  it("applies kubectl set image and rollout restart patches", () => {
    const live = deepFreeze({
      metadata: { name: "web" },
      spec: { template: { metadata: {}, spec: { containers: [{ name: "app", image: "nginx:1.25" }, { name: "sidecar", image: "envoy" }] } } },
    });
    const schema = schemaOf("api.apps.v1.Deployment");
    const setImage = strategicMergePatch(live, { spec: { template: { spec: { containers: [{ image: "nginx:1.27", name: "app" }] } } } }, schema);
    assert.deepEqual(get(setImage, "spec.template.spec.containers"), [
      { name: "app", image: "nginx:1.27" },
      { name: "sidecar", image: "envoy" },
    ]);
    const restart = strategicMergePatch(
      live,
      { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2024-05-01T10:00:00Z" } } } } },
      schema,
    );
    assert.deepEqual(get(restart, "spec.template.metadata"), { annotations: { "kubectl.kubernetes.io/restartedAt": "2024-05-01T10:00:00Z" } });
  });

  it("merges Service ports by port and Pod finalizers as a set", () => {
    const service = deepFreeze({
      spec: {
        ports: [
          { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
          { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
        ],
      },
    });
    const patched = strategicMergePatch(
      service,
      { spec: { "$setElementOrder/ports": [{ port: 80 }, { port: 443 }], ports: [{ port: 443, targetPort: 9443 }] } },
      schemaOf("api.core.v1.Service"),
    );
    assert.deepEqual(get(patched, "spec.ports"), [
      { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
      { name: "https", port: 443, targetPort: 9443, protocol: "TCP" },
    ]);
    const pod = deepFreeze({ metadata: { name: "p", finalizers: ["a.example.com/x"] } });
    const withFinalizer = strategicMergePatch(pod, { metadata: { finalizers: ["b.example.com/y", "a.example.com/x"] } }, schemaOf("api.core.v1.Pod"));
    assert.deepEqual(get(withFinalizer, "metadata.finalizers"), ["b.example.com/y", "a.example.com/x"]);
    const removed = strategicMergePatch(withFinalizer, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a.example.com/x"] } }, schemaOf("api.core.v1.Pod"));
    assert.deepEqual(get(removed, "metadata.finalizers"), ["b.example.com/y"]);
  });

  it("patches a CRD through the cyclic JSONSchemaProps schema, keeping $ref and $schema as data", () => {
    const crd = deepFreeze({
      spec: {
        versions: [
          {
            name: "v1",
            schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } } },
          },
        ],
      },
    });
    const patch = {
      spec: {
        versions: [
          {
            name: "v1",
            schema: {
              openAPIV3Schema: {
                $schema: "http://json-schema.org/draft-04/schema#",
                properties: { spec: { properties: { size: { minimum: 1 }, ref: { $ref: "#/definitions/x" } } } },
              },
            },
          },
        ],
      },
    };
    const result = strategicMergePatch(crd, patch, schemaOf("apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"));
    // versions has no patch strategy, so the list is replaced; inside, `$ref` and `$schema` are ordinary fields.
    assert.deepEqual(get(result, "spec.versions"), patch.spec.versions);
  });
});
