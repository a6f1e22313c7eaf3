/**
 * Fixtures shared by the openapi tests: the kinds kube-ts serves and minimal
 * {@link ResourceDefinition}s for them. Not used by the server itself.
 * @module
 */

import type { ResourceDefinition } from "../registry/resource.js";

/** One served kind: enough to build a ResourceDefinition. */
interface ServedKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  status?: boolean;
  scale?: boolean;
  schemaName: string;
}

const k = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  pkg: string,
  opts: { status?: boolean; scale?: boolean } = {},
): ServedKind => ({ group, version, kind, plural, namespaced, schemaName: `io.k8s.api.${pkg}.${kind}`, ...opts });

/** The kinds of the fidelity brief, with upstream's status/scale subresources. */
export const SERVED_KINDS: ServedKind[] = [
  k("", "v1", "Namespace", "namespaces", false, "core.v1", { status: true }),
  k("", "v1", "Pod", "pods", true, "core.v1", { status: true }),
  k("", "v1", "Node", "nodes", false, "core.v1", { status: true }),
  k("", "v1", "Service", "services", true, "core.v1", { status: true }),
  k("", "v1", "Endpoints", "endpoints", true, "core.v1"),
  k("", "v1", "ConfigMap", "configmaps", true, "core.v1"),
  k("", "v1", "Secret", "secrets", true, "core.v1"),
  k("", "v1", "ServiceAccount", "serviceaccounts", true, "core.v1"),
  k("", "v1", "Event", "events", true, "core.v1"),
  k("apps", "v1", "Deployment", "deployments", true, "apps.v1", { status: true, scale: true }),
  k("apps", "v1", "ReplicaSet", "replicasets", true, "apps.v1", { status: true, scale: true }),
  k("apps", "v1", "StatefulSet", "statefulsets", true, "apps.v1", { status: true, scale: true }),
  k("apps", "v1", "DaemonSet", "daemonsets", true, "apps.v1", { status: true }),
  k("batch", "v1", "Job", "jobs", true, "batch.v1", { status: true }),
  k("batch", "v1", "CronJob", "cronjobs", true, "batch.v1", { status: true }),
  k("coordination.k8s.io", "v1", "Lease", "leases", true, "coordination.v1"),
  k("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, "discovery.v1"),
  k("events.k8s.io", "v1", "Event", "events", true, "events.v1"),
  k("networking.k8s.io", "v1", "Ingress", "ingresses", true, "networking.v1", { status: true }),
  k("rbac.authorization.k8s.io", "v1", "Role", "roles", true, "rbac.v1"),
  k("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, "rbac.v1"),
  k("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, "rbac.v1"),
  k("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, "rbac.v1"),
];

/** A minimal ResourceDefinition for a served kind. */
export function resourceFor(s: ServedKind): ResourceDefinition {
  return {
    group: s.group,
    version: s.version,
    kind: s.kind,
    listKind: `${s.kind}List`,
    plural: s.plural,
    singular: s.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    namespaced: s.namespaced,
    subresources: {
      ...(s.status ? { status: true } : {}),
      ...(s.scale ? { scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" } } : {}),
    },
    schemaName: s.schemaName,
    strategy: {},
    fieldSelectors: {},
    hasGeneration: true,
    deleteCollection: !(s.group === "" && s.plural === "namespaces"),
  };
}

/** ResourceDefinitions of the served kinds, grouped by `group/version` (core: `v1`). */
export function servedResourcesByGroupVersion(): Map<string, ResourceDefinition[]> {
  const out = new Map<string, ResourceDefinition[]>();
  for (const s of SERVED_KINDS) {
    const gv = s.group ? `${s.group}/${s.version}` : s.version;
    out.set(gv, [...(out.get(gv) ?? []), resourceFor(s)]);
  }
  return out;
}

/** Where the upstream OpenAPI spec lives in this workspace (tests skip when it is absent). */
export const UPSTREAM_SPEC_PATH = "/work/shared/kubernetes-api/kubernetes-openapi-v2.json";
