/**
 * Fixtures shared by the openapi tests: the kinds kube-ts serves and minimal
 * {@link ResourceDefinition}s for them. Not used by the server itself.
 * @module
 */

import { builtinResources } from "../registry/builtin/index.js";
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

/**
 * The server's own definition of a served kind, checked against the
 * upstream facts above (scope, schema, status and scale subresources), so
 * the documents under test are the ones the server publishes.
 */
export function resourceFor(s: ServedKind): ResourceDefinition {
  const def = builtinResources.find((d) => d.group === s.group && d.version === s.version && d.kind === s.kind);
  if (!def) throw new Error(`kube-ts does not serve ${s.group}/${s.version} ${s.kind}`);
  const facts = [def.plural === s.plural, def.namespaced === s.namespaced, def.schemaName === s.schemaName];
  facts.push(Boolean(def.subresources.status) === Boolean(s.status), Boolean(def.subresources.scale) === Boolean(s.scale));
  if (facts.includes(false)) throw new Error(`the built-in definition of ${s.kind} differs from upstream's`);
  return def;
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
