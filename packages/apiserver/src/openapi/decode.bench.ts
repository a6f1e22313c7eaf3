/**
 * Micro-benchmark of decodeAgainstSchema on a realistic ~2 KB Pod with the
 * real built-in schema. Run after `tsc -b`:
 * `node packages/apiserver/dist/openapi/decode.bench.js`.
 * @module
 */

import type { StructuralSchema } from "@kube-ts/core";
import { builtinGoTypeNames, structuralSchemaFor } from "./structural.js";

type Decode = (obj: unknown, schema: StructuralSchema, options: { unknownFields: "prune" | "report"; goTypeNames?: unknown }) => unknown;

const POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web-7d9c5b6f4-abcde",
    namespace: "default",
    labels: { app: "web", "pod-template-hash": "7d9c5b6f4", tier: "frontend" },
    annotations: { "kubectl.kubernetes.io/restartedAt": "2024-01-01T00:00:00Z" },
    ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d9c5b6f4", uid: "0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6", controller: true }],
  },
  spec: {
    containers: [
      {
        name: "web",
        image: "nginx:1.25.3",
        imagePullPolicy: "IfNotPresent",
        ports: [
          { name: "http", containerPort: 80, protocol: "TCP" },
          { name: "metrics", containerPort: 9090, protocol: "TCP" },
        ],
        env: [
          { name: "MODE", value: "production" },
          { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
        ],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        volumeMounts: [{ name: "config", mountPath: "/etc/nginx/conf.d", readOnly: true }],
        livenessProbe: { httpGet: { path: "/healthz", port: "http", scheme: "HTTP" }, initialDelaySeconds: 10, periodSeconds: 10 },
        readinessProbe: { httpGet: { path: "/ready", port: 80, scheme: "HTTP" }, periodSeconds: 5 },
        securityContext: { runAsNonRoot: true, runAsUser: 101, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      },
    ],
    volumes: [{ name: "config", configMap: { name: "web-config", defaultMode: 420 } }],
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    serviceAccountName: "default",
    nodeSelector: { "kubernetes.io/os": "linux" },
    tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
  },
};

const core = (await import(new URL("../../../core/dist/structural/index.js", import.meta.url).href)) as { decodeAgainstSchema: Decode };
const schema = structuralSchemaFor("io.k8s.api.core.v1.Pod")!;
const json = JSON.stringify(POD);
const objects = Array.from({ length: 20_000 }, () => JSON.parse(json));
for (let round = 0; round < 3; round++) {
  const start = process.hrtime.bigint();
  for (const o of objects) core.decodeAgainstSchema(o, schema, { unknownFields: "prune", goTypeNames: builtinGoTypeNames });
  const perPod = Number(process.hrtime.bigint() - start) / objects.length / 1000;
  console.log(`round ${round}: ${perPod.toFixed(2)} µs per ${json.length}-byte Pod`);
  for (let i = 0; i < objects.length; i++) objects[i] = JSON.parse(json);
}
