/**
 * Admission that every create passes before it is stored: namespace
 * lifecycle (no content in a missing or terminating namespace) and the
 * allocation of service cluster IPs and node ports.
 * @module
 */
import { ApiError, notFound } from "./errors.js";
import type { NamespaceCache } from "./namespace-cache.js";
import type { ApiRegistry } from "./registry/api-registry.js";
import type { KubeObject, ResourceDefinition } from "./registry/resource.js";

/** The service CIDR: 10.96.0.0/12, with .1 reserved for the `kubernetes` service. */
const SERVICE_NET_BASE = (10 << 24) | (96 << 16);
const SERVICE_NET_SIZE = 1 << 20;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

function ipString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** Refuses content in namespaces that do not exist or are terminating, as upstream's NamespaceLifecycle. */
export async function admitNamespace(namespaces: NamespaceCache, def: ResourceDefinition, obj: KubeObject): Promise<void> {
  if (!def.namespaced) return;
  const namespace = obj.metadata?.namespace ?? "";
  const state = await namespaces.state(namespace);
  if (!state) throw notFound({ group: "", resource: "namespaces" }, namespace);
  if (state === "terminating") {
    throw new ApiError(
      403,
      "Forbidden",
      `${def.group ? `${def.plural}.${def.group}` : def.plural} "${obj.metadata?.name ?? ""}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      {
        name: obj.metadata?.name,
        group: def.group,
        kind: def.plural,
        causes: [{ reason: "NamespaceTerminating", message: `namespace ${namespace} is terminating`, field: "metadata.namespace" }],
      },
    );
  }
}

/** Namespaces the cluster cannot work without; upstream's NamespaceLifecycle refuses to delete them. */
const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

/** Refuses to delete a system namespace. */
export function admitNamespaceDelete(def: ResourceDefinition, obj: KubeObject): void {
  const name = obj.metadata?.name ?? "";
  if (def.group === "" && def.kind === "Namespace" && IMMORTAL_NAMESPACES.has(name)) {
    throw new ApiError(403, "Forbidden", `namespaces "${name}" is forbidden: this namespace may not be deleted`, {
      name,
      kind: "namespaces",
    });
  }
}

/** Allocates a cluster IP (and node ports) for a new Service that has none. */
export async function allocateServiceAddresses(registry: ApiRegistry, service: KubeObject): Promise<void> {
  const spec = (service.spec ?? {}) as Record<string, unknown>;
  const store = registry.store("", "v1", "services");
  if (!store || spec.type === "ExternalName") return;
  const wantsIp = spec.clusterIP === undefined || spec.clusterIP === "";
  const ports = Array.isArray(spec.ports) ? (spec.ports as Record<string, unknown>[]) : [];
  const wantsNodePorts = (spec.type === "NodePort" || spec.type === "LoadBalancer") && ports.some((p) => p.nodePort === undefined);
  if (!wantsIp && !wantsNodePorts) return;
  const usedIps = new Set<string>(["10.96.0.1"]);
  const usedPorts = new Set<number>();
  for (const item of (await store.list("")).items) {
    const s = (item.object.spec ?? {}) as { clusterIP?: string; ports?: { nodePort?: number }[] };
    if (s.clusterIP) usedIps.add(s.clusterIP);
    for (const p of s.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
  }
  if (wantsIp) {
    let candidate = 2 + Math.floor(Math.random() * (SERVICE_NET_SIZE - 3));
    while (usedIps.has(ipString(SERVICE_NET_BASE + candidate))) candidate = (candidate % (SERVICE_NET_SIZE - 3)) + 2;
    const ip = ipString(SERVICE_NET_BASE + candidate);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  } else if (spec.clusterIP !== "None" && spec.clusterIPs === undefined) {
    spec.clusterIPs = [spec.clusterIP];
  }
  if (wantsNodePorts) {
    for (const port of ports) {
      if (port.nodePort !== undefined) continue;
      let candidate = NODE_PORT_MIN + Math.floor(Math.random() * (NODE_PORT_MAX - NODE_PORT_MIN + 1));
      while (usedPorts.has(candidate)) candidate = candidate >= NODE_PORT_MAX ? NODE_PORT_MIN : candidate + 1;
      usedPorts.add(candidate);
      port.nodePort = candidate;
    }
  }
}
