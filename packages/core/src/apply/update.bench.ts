/**
 * Micro-benchmark of the managedFields bookkeeping the API server does on
 * every write — `updateManagedFields(managedFieldsForWrite(old, obj, …), old,
 * obj, …)` — and of server-side apply, on a ~1.6 KB Pod and a Deployment with
 * the real built-in schemas (the apiserver's compiled OpenAPI when it is
 * built, else the test fixtures' schemas). Run after `tsc -b`:
 * `node packages/core/dist/apply/update.bench.js [filter]`.
 * @module
 */
import type { JsonObject } from "../patch/json.js";
import type { StructuralSchema } from "../schema.js";
import { apply, updateManagedFields } from "./field-manager.js";
import { type ManagedFieldsEntry, managedFieldsForWrite } from "./managers.js";
import { resetFieldsFor } from "./reset-fields.js";
import { benchDeployment, deploymentSchema as fixtureDeployment, podSchema as fixturePod } from "./test-fixtures.js";

interface Schemas {
  pod: StructuralSchema;
  deployment: StructuralSchema;
  source: string;
}

/** The built-in schemas from the apiserver's build output, when there is one. */
async function schemas(): Promise<Schemas> {
  try {
    const url = new URL("../../../apiserver/dist/openapi/index.js", import.meta.url).href;
    const openapi = (await import(url)) as { structuralSchemaFor(name: string): StructuralSchema | undefined };
    const pod = openapi.structuralSchemaFor("io.k8s.api.core.v1.Pod");
    const deployment = openapi.structuralSchemaFor("io.k8s.api.apps.v1.Deployment");
    if (pod && deployment) return { pod, deployment, source: "apiserver OpenAPI" };
  } catch {
    // Not built: fall back to the fixtures.
  }
  return { pod: fixturePod, deployment: fixtureDeployment, source: "test fixtures" };
}

/** A Pod as the API server stores it after defaulting (~1.6 KB of JSON). */
export function benchPod(name = "web-7d4b9c8f5-x2k9p"): JsonObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: "0b6c4d1e-5f3a-4e7b-9c2d-1a2b3c4d5e6f",
      resourceVersion: "12345",
      creationTimestamp: "2024-05-01T10:00:00Z",
      labels: { app: "web", tier: "frontend", "pod-template-hash": "7d4b9c8f5" },
      annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "9090" },
    },
    spec: {
      containers: [
        {
          name: "app",
          image: "registry.example.com/web:1.4.2",
          args: ["--port=8080", "--log-level=info"],
          ports: [
            { name: "http", containerPort: 8080, protocol: "TCP" },
            { name: "metrics", containerPort: 9090, protocol: "TCP" },
          ],
          env: [
            { name: "MODE", value: "production" },
            { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
          ],
          resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
          volumeMounts: [{ name: "config", mountPath: "/etc/web", readOnly: true }],
          readinessProbe: { httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "IfNotPresent",
        },
      ],
      volumes: [{ name: "config", configMap: { name: "web-config", defaultMode: 420 } }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      securityContext: {},
      schedulerName: "default-scheduler",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
    },
    status: { phase: "Pending", qosClass: "Burstable" },
  };
}

function bench(name: string, fn: () => unknown, iterations = 2000): number {
  for (let i = 0; i < 500; i++) fn();
  // Median of seven rounds (the machine is shared); the minimum alongside.
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[3];
  console.log(`${name.padEnd(48)} ${median.toFixed(1).padStart(7)} µs  (min ${rounds[0].toFixed(1)})`);
  return median;
}

const T0 = "2024-05-01T10:00:00Z";
const T1 = "2024-05-01T10:05:00Z";
const T2 = "2024-05-01T10:10:00Z";

/** One write as the API server's store does it. */
function write(old: JsonObject | undefined, obj: JsonObject, manager: string, apiVersion: string, time: string, schema: StructuralSchema, resource: string) {
  return updateManagedFields(
    managedFieldsForWrite(old, obj, {}),
    old,
    obj,
    { manager, apiVersion, time, resetFields: resetFieldsFor(resource) },
    schema,
  );
}

function withManagedFields(obj: JsonObject, entries: ManagedFieldsEntry[]): JsonObject {
  const out = structuredClone(obj);
  (out.metadata as JsonObject).managedFields = entries as unknown as JsonObject[];
  return out;
}

const { pod: podSchema, deployment: deploymentSchema, source } = await schemas();
const filter = process.argv[2] ?? "";
const run = (name: string, fn: () => unknown) => (name.includes(filter) ? bench(name, fn) : undefined);

const pod = benchPod();
console.log(`schemas: ${source}; pod ${JSON.stringify(pod).length} bytes`);
run("create pod", () => write(undefined, pod, "kubectl-create", "v1", T0, podSchema, "pods"));

// A Pod with two managers (creator, scheduler-ish binder), then a label change.
const podV1 = withManagedFields(pod, write(undefined, pod, "kubectl-create", "v1", T0, podSchema, "pods"));
const podV2 = structuredClone(podV1);
(podV2.spec as JsonObject).nodeName = "node-1";
const podV2Stored = withManagedFields(podV2, write(podV1, podV2, "kube-scheduler", "v1", T1, podSchema, "pods"));
const podV3 = structuredClone(podV2Stored);
((podV3.metadata as JsonObject).labels as JsonObject).release = "canary";
run("update pod label (2 managers)", () => write(podV2Stored, podV3, "kubectl-label", "v1", T2, podSchema, "pods"));

const dep = benchDeployment() as unknown as JsonObject;
console.log(`deployment ${JSON.stringify(dep).length} bytes`);
run("create deployment", () => write(undefined, dep, "kubectl-create", "apps/v1", T0, deploymentSchema, "deployments.apps"));
const depV1 = withManagedFields(dep, write(undefined, dep, "kubectl-create", "apps/v1", T0, deploymentSchema, "deployments.apps"));
const depScaled = structuredClone(depV1);
(depScaled.spec as JsonObject).replicas = 5;
run("update deployment replicas (1 manager)", () => write(depV1, depScaled, "kube-controller-manager", "apps/v1", T1, deploymentSchema, "deployments.apps"));
const depV2 = withManagedFields(depScaled, write(depV1, depScaled, "kube-controller-manager", "apps/v1", T1, deploymentSchema, "deployments.apps"));
const depLabelled = structuredClone(depV2);
((depLabelled.metadata as JsonObject).labels as JsonObject).release = "canary";
run("update deployment label (2 managers)", () => write(depV2, depLabelled, "kubectl-label", "apps/v1", T2, deploymentSchema, "deployments.apps"));
const depRescaled = structuredClone(depV2);
(depRescaled.spec as JsonObject).replicas = 7;
run("update deployment replicas (2 managers)", () => write(depV2, depRescaled, "kube-controller-manager", "apps/v1", T2, deploymentSchema, "deployments.apps"));

const applyOptions = { manager: "kubectl", apiVersion: "apps/v1", kind: "Deployment", time: T0 };
const live = apply(undefined, benchDeployment(), applyOptions, undefined, deploymentSchema).object;
const applied = (live.metadata as JsonObject).managedFields as unknown as ManagedFieldsEntry[];
run("apply deployment (create)", () => apply(undefined, benchDeployment(), applyOptions, undefined, deploymentSchema));
run("apply deployment (re-apply, no change)", () => apply(live, benchDeployment(), applyOptions, applied, deploymentSchema));
run("apply deployment (new image)", () => apply(live, benchDeployment("app:2"), applyOptions, applied, deploymentSchema));
run("apply deployment (drop a container, prune)", () => {
  const smaller = benchDeployment();
  smaller.spec.template.spec.containers.pop();
  return apply(live, smaller, applyOptions, applied, deploymentSchema);
});
