/**
 * Schemas and objects for the server-side apply tests: a Deployment and a
 * ConfigMap described as kube-ts's built-in OpenAPI describes them (list
 * types and map keys from the project's extension table, strategic-merge
 * keys alongside), and a custom resource whose schema uses every list type.
 * @module
 */
import type { StructuralSchema } from "../schema.js";

const string: StructuralSchema = { type: "string" };
const integer: StructuralSchema = { type: "integer" };
const boolean: StructuralSchema = { type: "boolean" };
const stringMap: StructuralSchema = { type: "object", additionalProperties: string };
const intOrString: StructuralSchema = { "x-kubernetes-int-or-string": true };
const quantity: StructuralSchema = { anyOf: [{ type: "string" }, { type: "number" }], format: "quantity" };

function object(properties: Record<string, StructuralSchema>, extra: Partial<StructuralSchema> = {}): StructuralSchema {
  return { type: "object", properties, ...extra };
}

const atomic = (items: StructuralSchema): StructuralSchema => ({ type: "array", items, "x-kubernetes-list-type": "atomic" });
const set = (items: StructuralSchema): StructuralSchema => ({ type: "array", items, "x-kubernetes-list-type": "set" });
/** `+listType=map` with the first key also the strategic merge key, as the built-in table's `keyed`. */
const keyed = (items: StructuralSchema, ...keys: string[]): StructuralSchema => ({
  type: "array",
  items,
  "x-kubernetes-list-type": "map",
  "x-kubernetes-list-map-keys": keys,
  "x-kubernetes-patch-merge-key": keys[0],
  "x-kubernetes-patch-strategy": "merge",
});

const ownerReference = object(
  { apiVersion: string, kind: string, name: string, uid: string, controller: boolean },
  { "x-kubernetes-map-type": "atomic" },
);

export const objectMetaSchema = object({
  name: string,
  namespace: string,
  uid: string,
  resourceVersion: string,
  generation: integer,
  creationTimestamp: string,
  labels: stringMap,
  annotations: stringMap,
  finalizers: { ...set(string), "x-kubernetes-patch-strategy": "merge" },
  ownerReferences: keyed(ownerReference, "uid"),
  managedFields: atomic(object({ manager: string, operation: string })),
});

const envVar = object({
  name: string,
  value: string,
  valueFrom: object({ fieldRef: object({ fieldPath: string }, { "x-kubernetes-map-type": "atomic" }) }),
});

const containerPort = object({ containerPort: integer, name: string, protocol: string, hostPort: integer });

export const containerSchema = object({
  name: string,
  image: string,
  imagePullPolicy: string,
  command: atomic(string),
  args: atomic(string),
  env: keyed(envVar, "name"),
  ports: {
    type: "array",
    items: containerPort,
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
    "x-kubernetes-patch-merge-key": "containerPort",
    "x-kubernetes-patch-strategy": "merge",
  },
  resources: object({ limits: { type: "object", additionalProperties: quantity }, requests: { type: "object", additionalProperties: quantity } }),
});

const podSpec = object({
  containers: keyed(containerSchema, "name"),
  initContainers: keyed(containerSchema, "name"),
  nodeSelector: { ...stringMap, "x-kubernetes-map-type": "atomic" },
  tolerations: atomic(object({ key: string, operator: string, value: string, effect: string })),
  serviceAccountName: string,
  terminationGracePeriodSeconds: integer,
});

const strategy = object({ type: string, rollingUpdate: object({ maxSurge: intOrString, maxUnavailable: intOrString }) });

const labelSelector = object({ matchLabels: stringMap }, { "x-kubernetes-map-type": "atomic" });

export const deploymentSchema = object({
  apiVersion: string,
  kind: string,
  metadata: objectMetaSchema,
  spec: object({
    replicas: integer,
    paused: boolean,
    revisionHistoryLimit: integer,
    selector: labelSelector,
    // OpenAPI v3 wraps a $ref that has siblings in allOf.
    strategy: { allOf: [strategy], "x-kubernetes-patch-strategy": "retainKeys" },
    template: object({ metadata: objectMetaSchema, spec: podSpec }),
  }),
  status: object({ replicas: integer, readyReplicas: integer, observedGeneration: integer }),
});

/** A Pod; parts of the spec it does not describe (volumes, probes, …) are deduced. */
export const podSchema = object({
  apiVersion: string,
  kind: string,
  metadata: objectMetaSchema,
  spec: podSpec,
  status: object({ phase: string, qosClass: string }),
});

export const configMapSchema = object({
  apiVersion: string,
  kind: string,
  metadata: objectMetaSchema,
  data: stringMap,
  binaryData: stringMap,
  immutable: boolean,
});

/** A custom resource: a map list with two keys, a set, an atomic list, preserved unknown fields. */
export const widgetSchema = object({
  apiVersion: string,
  kind: string,
  metadata: objectMetaSchema,
  spec: object({
    size: intOrString,
    routes: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["host", "port"],
      items: object({ host: string, port: { type: "integer", default: 80 }, backend: string, weight: integer }),
    },
    tags: set(string),
    command: atomic(string),
    extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  }),
  status: object({ phase: string }),
});

/** The configuration `kubectl apply --server-side` sends for the nginx Deployment. */
export function nginxConfig(overrides: { replicas?: number; image?: string } = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "nginx", namespace: "default", labels: { app: "nginx" } },
    spec: {
      replicas: overrides.replicas ?? 3,
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [{ name: "nginx", image: overrides.image ?? "nginx:1.25", ports: [{ containerPort: 80 }] }],
        },
      },
    },
  };
}

function container(name: string, image: string) {
  return {
    name,
    image,
    imagePullPolicy: "IfNotPresent",
    args: ["--port=8080", "--log-level=info"],
    env: [
      ...Array.from({ length: 8 }, (_, i) => ({ name: `VAR_${i}`, value: `value-${i}` })),
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    ],
    ports: [
      { name: "http", containerPort: 8080 },
      { name: "metrics", containerPort: 9090 },
    ],
    resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
    readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
  };
}

/** A Deployment for the benchmarks: two containers with env, ports, probes and resources. */
export function benchDeployment(image = "app:1") {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web", tier: "frontend", team: "payments" } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "web", tier: "frontend" } },
        spec: {
          containers: [container("app", image), container("sidecar", "envoy:1.30")],
          tolerations: [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" }],
          nodeSelector: { disk: "ssd" },
        },
      },
    },
  };
}
