/**
 * Discovery documents: the legacy ones (`/api`, `/apis`, `/apis/<group>`,
 * per group-version APIResourceLists) and aggregated discovery v2
 * (APIGroupDiscoveryList), all derived from the {@link ApiRegistry}.
 * @module
 */
import { createHash } from "node:crypto";
import type { ApiRegistry, GroupVersion } from "../registry/api-registry.js";
import type { ResourceDefinition } from "../registry/resource.js";

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const VERBS_WITHOUT_DELETECOLLECTION = VERBS.filter((v) => v !== "deletecollection");

function verbsOf(def: ResourceDefinition): string[] {
  return def.deleteCollection ? VERBS : VERBS_WITHOUT_DELETECOLLECTION;
}
const SUBRESOURCE_VERBS = ["get", "patch", "update"];

/** Upstream's storageVersionHash: a short digest of the stored group/version/kind. */
function storageVersionHash(def: ResourceDefinition): string {
  const digest = createHash("sha256").update(`${def.group}/${def.version}/${def.kind}`).digest();
  return digest.subarray(0, 8).toString("base64");
}

/**
 * The resources of a group version sorted by name, as kube-apiserver lists
 * them (its API installer registers paths in sorted order). kubectl expands a
 * category in discovery order: `kubectl get all` prints daemonsets before
 * deployments and cronjobs before jobs, as against a real cluster.
 */
function sortedResources(gv: GroupVersion): ResourceDefinition[] {
  return [...gv.resources].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}

function groupVersionString(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** `/api`: the versions of the core group. */
export function apiVersions(serverAddress: string): unknown {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function apiGroup(group: string, versions: GroupVersion[]): Record<string, unknown> {
  const list = versions.map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

function namedGroups(registry: ApiRegistry): Map<string, GroupVersion[]> {
  const groups = new Map<string, GroupVersion[]>();
  for (const gv of registry.groupVersions()) {
    if (gv.group === "") continue;
    const list = groups.get(gv.group) ?? [];
    list.push(gv);
    groups.set(gv.group, list);
  }
  return groups;
}

/** `/apis`: every named group. */
export function apiGroupList(registry: ApiRegistry): unknown {
  const groups = [...namedGroups(registry)].map(([name, versions]) => apiGroup(name, versions));
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

/** `/apis/<group>`, or undefined when the group is not served. */
export function apiGroupDocument(registry: ApiRegistry, group: string): unknown {
  const versions = namedGroups(registry).get(group);
  if (!versions) return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, versions) };
}

/** `/api/v1` or `/apis/<group>/<version>`: the APIResourceList. */
export function apiResourceList(gv: GroupVersion): unknown {
  const resources: unknown[] = [];
  for (const def of sortedResources(gv)) {
    resources.push({
      name: def.plural,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: verbsOf(def),
      ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
      ...(def.categories.length ? { categories: def.categories } : {}),
      storageVersionHash: storageVersionHash(def),
    });
    if (def.subresources.status) {
      resources.push({ name: `${def.plural}/status`, singularName: "", namespaced: def.namespaced, kind: def.kind, verbs: SUBRESOURCE_VERBS });
    }
    if (def.subresources.scale) {
      resources.push({
        name: `${def.plural}/scale`,
        singularName: "",
        namespaced: def.namespaced,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: SUBRESOURCE_VERBS,
      });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: groupVersionString(gv.group, gv.version), resources };
}

function discoveryResource(def: ResourceDefinition): Record<string, unknown> {
  const subresources: unknown[] = [];
  if (def.subresources.status) {
    subresources.push({
      subresource: "status",
      responseKind: { group: def.group, version: def.version, kind: def.kind },
      verbs: SUBRESOURCE_VERBS,
    });
  }
  if (def.subresources.scale) {
    subresources.push({ subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: SUBRESOURCE_VERBS });
  }
  return {
    resource: def.plural,
    responseKind: { group: def.group, version: def.version, kind: def.kind },
    scope: def.namespaced ? "Namespaced" : "Cluster",
    singularResource: def.singular,
    verbs: verbsOf(def),
    ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
    ...(def.categories.length ? { categories: def.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/** Aggregated discovery (`/api` with core=true, `/apis` otherwise). */
export function aggregatedDiscovery(registry: ApiRegistry, core: boolean, version: "v2" | "v2beta1"): unknown {
  const items: unknown[] = [];
  if (core) {
    const versions = registry.groupVersions().filter((gv) => gv.group === "");
    items.push({
      metadata: { creationTimestamp: null },
      versions: versions.map((gv) => ({ version: gv.version, resources: sortedResources(gv).map(discoveryResource), freshness: "Current" })),
    });
  } else {
    for (const [name, versions] of namedGroups(registry)) {
      items.push({
        metadata: { name, creationTimestamp: null },
        versions: versions.map((gv) => ({ version: gv.version, resources: sortedResources(gv).map(discoveryResource), freshness: "Current" })),
      });
    }
  }
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
