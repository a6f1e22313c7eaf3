/**
 * Small hand-built structural schemas (a Deployment down to its containers)
 * and a live Deployment, for the strategic-merge-patch tests. The patch
 * metadata mirrors the Kubernetes API: containers and env by `name`, ports by
 * `containerPort`, volumes by `name` with `merge,retainKeys`, finalizers as a
 * merged set, tolerations and args replaced, and `spec.strategy` wrapped in
 * `allOf` the way OpenAPI v3 publishes a `$ref` with siblings.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { deepFreeze } from "./test-helpers.js";

const string: StructuralSchema = { type: "string" };
const integer: StructuralSchema = { type: "integer" };
const stringMap: StructuralSchema = { type: "object", additionalProperties: string };
const intOrString: StructuralSchema = { "x-kubernetes-int-or-string": true };

function object(properties: Record<string, StructuralSchema>): StructuralSchema {
  return { type: "object", properties };
}

function list(items: StructuralSchema, strategy?: string, mergeKey?: string): StructuralSchema {
  const node: StructuralSchema = { type: "array", items };
  if (strategy) node["x-kubernetes-patch-strategy"] = strategy;
  if (mergeKey) node["x-kubernetes-patch-merge-key"] = mergeKey;
  return node;
}

export const objectMetaSchema = object({
  name: string,
  namespace: string,
  labels: stringMap,
  annotations: stringMap,
  finalizers: list(string, "merge"),
  ownerReferences: list(object({ uid: string, kind: string, name: string }), "merge", "uid"),
});

const envVar = object({
  name: string,
  value: string,
  valueFrom: object({ configMapKeyRef: object({ name: string, key: string }), fieldRef: object({ fieldPath: string }) }),
});

export const containerSchema = object({
  name: string,
  image: string,
  command: list(string),
  args: list(string),
  env: list(envVar, "merge", "name"),
  ports: list(object({ containerPort: integer, name: string, protocol: string }), "merge", "containerPort"),
  volumeMounts: list(object({ name: string, mountPath: string }), "merge", "mountPath"),
  resources: object({ limits: stringMap, requests: stringMap }),
});

const volume = object({
  name: string,
  emptyDir: object({ medium: string, sizeLimit: string }),
  configMap: object({ name: string, defaultMode: integer }),
  secret: object({ secretName: string }),
});

export const podSpecSchema = object({
  containers: list(containerSchema, "merge", "name"),
  initContainers: list(containerSchema, "merge", "name"),
  volumes: list(volume, "merge,retainKeys", "name"),
  tolerations: list(object({ key: string, operator: string, value: string, effect: string })),
  nodeSelector: stringMap,
  imagePullSecrets: list(object({ name: string }), "merge", "name"),
});

const deploymentStrategy = object({
  type: string,
  rollingUpdate: object({ maxSurge: intOrString, maxUnavailable: intOrString }),
});

export const deploymentSchema = object({
  apiVersion: string,
  kind: string,
  metadata: objectMetaSchema,
  spec: object({
    replicas: integer,
    selector: object({ matchLabels: stringMap }),
    strategy: { allOf: [deploymentStrategy], "x-kubernetes-patch-strategy": "retainKeys" },
    template: object({ metadata: objectMetaSchema, spec: podSpecSchema }),
  }),
  status: object({ replicas: integer }),
});

/** A frozen live Deployment. */
export function liveDeployment() {
  return deepFreeze({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "default",
      labels: { app: "web", tier: "frontend" },
      annotations: { "deployment.kubernetes.io/revision": "3" },
      finalizers: ["example.com/a", "example.com/b"],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
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
              ],
              ports: [
                { containerPort: 8080, name: "http", protocol: "TCP" },
                { containerPort: 9090, name: "metrics", protocol: "TCP" },
              ],
              volumeMounts: [{ name: "data", mountPath: "/data" }],
              resources: { limits: { cpu: "500m", memory: "128Mi" } },
            },
            { name: "sidecar", image: "envoy:1.30" },
          ],
          volumes: [
            { name: "data", emptyDir: {} },
            { name: "config", configMap: { name: "web-config" } },
          ],
          tolerations: [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" }],
          nodeSelector: { disk: "ssd" },
        },
      },
    },
    status: { replicas: 2 },
  });
}

/** The live Deployment's type, for reading results in tests. */
export type Deployment = ReturnType<typeof liveDeployment>;
