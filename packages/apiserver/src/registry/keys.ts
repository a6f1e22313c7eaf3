/**
 * The storage key layout: `/registry/<group>/<plural>/<namespace>/<name>`,
 * with `core` for the legacy group and no namespace segment for
 * cluster-scoped resources. Sorting keys sorts by namespace, then name,
 * which is the order lists are returned in.
 * @module
 */
import type { ResourceDefinition } from "./resource.js";

/** Prefix of every key of a resource (all namespaces). */
export function resourcePrefix(def: Pick<ResourceDefinition, "group" | "plural" | "storedAs">): string {
  const stored = def.storedAs ?? def;
  return `/registry/${stored.group || "core"}/${stored.plural}/`;
}

/** Prefix of the keys in one namespace, or of all keys when `namespace` is empty. */
export function listPrefix(def: ResourceDefinition, namespace: string): string {
  const prefix = resourcePrefix(def);
  return def.namespaced && namespace ? `${prefix}${namespace}/` : prefix;
}

/** The key of one object. */
export function objectKey(def: ResourceDefinition, namespace: string, name: string): string {
  return def.namespaced ? `${resourcePrefix(def)}${namespace}/${name}` : `${resourcePrefix(def)}${name}`;
}
