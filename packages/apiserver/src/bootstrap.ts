/**
 * Objects every cluster starts with: the four system namespaces and the
 * `kubernetes` service (with its endpoints) in `default`. Created when
 * missing, left alone when present, so restarts keep user changes.
 * @module
 */
import type { ApiError } from "./errors.js";
import type { ApiRegistry } from "./registry/api-registry.js";
import type { KubeObject } from "./registry/resource.js";

/** The namespaces upstream creates at start. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

async function ensure(registry: ApiRegistry, resource: string, namespace: string, obj: KubeObject): Promise<void> {
  const store = registry.store("", "v1", resource)!;
  if (await store.getIfExists(namespace, obj.metadata?.name ?? "")) return;
  try {
    await store.create(namespace, obj);
  } catch (err) {
    if ((err as ApiError).code !== 409) throw err;
  }
}

/** Creates the system namespaces and the `kubernetes` service pointing at this server. */
export async function bootstrapCluster(registry: ApiRegistry, address: { host: string; port: number }): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await ensure(registry, "namespaces", "", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }
  await ensure(registry, "services", "default", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", labels: { component: "apiserver", provider: "kubernetes" } },
    spec: {
      clusterIP: "10.96.0.1",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: address.port }],
      type: "ClusterIP",
    },
  });
  // Upstream validation refuses loopback and unspecified endpoint addresses (127.0.0.1,
  // 0.0.0.0); kube-apiserver then logs that it cannot sync the `kubernetes` endpoints and keeps
  // serving. So does kube-ts: a server on such an address starts without those endpoints.
  try {
    await ensure(registry, "endpoints", "default", {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "kubernetes", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } },
      subsets: [{ addresses: [{ ip: address.host }], ports: [{ name: "https", port: address.port, protocol: "TCP" }] }],
    });
  } catch (err) {
    if ((err as ApiError).code !== 422) throw err;
  }
}
