/**
 * `defineResource`: builds a {@link ResourceDefinition} from the few facts
 * that differ between resources, filling in the conventions (list kind,
 * singular, schema name) the way upstream names them.
 * @module
 */
import type { FieldGetter, ResourceDefinition, ResourceStrategy, ScaleSubresource, SharedStorage } from "./resource.js";

/** The facts of a resource that cannot be derived. */
export interface ResourceFacts {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** OpenAPI package of the kind, e.g. `io.k8s.api.core.v1`; defaults from the group. */
  schemaPackage?: string;
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
  scale?: ScaleSubresource;
  strategy?: ResourceStrategy;
  fieldSelectors?: Record<string, FieldGetter>;
  hasGeneration?: boolean;
  deleteCollection?: boolean;
  storedAs?: SharedStorage;
}

/** Upstream's OpenAPI package for a built-in group: `apps` → `io.k8s.api.apps.v1`. */
function schemaPackageOf(group: string, version: string): string {
  if (group === "") return `io.k8s.api.core.${version}`;
  if (group === "apiextensions.k8s.io") return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  const short = group.replace(/\.k8s\.io$/, "").replace(/\.authorization$/, "");
  // rbac.authorization.k8s.io → rbac; coordination.k8s.io → coordination; apps → apps
  return `io.k8s.api.${short.split(".")[0]}.${version}`;
}

/** Builds a definition with upstream's naming conventions. */
export function defineResource(facts: ResourceFacts): ResourceDefinition {
  return {
    group: facts.group,
    version: facts.version,
    kind: facts.kind,
    listKind: `${facts.kind}List`,
    plural: facts.plural,
    singular: facts.kind.toLowerCase(),
    shortNames: facts.shortNames ?? [],
    categories: facts.categories ?? [],
    namespaced: facts.namespaced,
    subresources: { status: facts.status ?? false, scale: facts.scale },
    schemaName: `${facts.schemaPackage ?? schemaPackageOf(facts.group, facts.version)}.${facts.kind}`,
    strategy: facts.strategy ?? {},
    fieldSelectors: facts.fieldSelectors ?? {},
    hasGeneration: facts.hasGeneration ?? false,
    deleteCollection: facts.deleteCollection ?? true,
    storedAs: facts.storedAs,
  };
}

/** Reads a dotted path (`spec.nodeName`) from an object as a field-selector string. */
export function fieldAt(path: string): FieldGetter {
  const segments = path.split(".");
  return (obj) => {
    let value: unknown = obj;
    for (const s of segments) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[s];
    }
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  };
}

/** Field getters for a list of dotted paths. */
export function fields(...paths: string[]): Record<string, FieldGetter> {
  return Object.fromEntries(paths.map((p) => [p, fieldAt(p)]));
}
