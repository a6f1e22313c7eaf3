/**
 * Reading strategic-merge-patch metadata from a structural schema: the schema
 * of a member, the schema of list items, and a field's patch strategy and merge
 * key (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`).
 *
 * A node may wrap its real schema in `allOf` (OpenAPI v3 cannot put siblings
 * next to a `$ref`, so `{allOf: [{$ref}], description, x-kubernetes-…}` is how
 * the API server publishes such fields); lookups look through those wrappers.
 * An unknown schema (`undefined`) answers "unknown" everywhere, which the
 * patch code treats like upstream treats unstructured data: maps merge, lists
 * are replaced.
 * @module
 */
import type { StructuralSchema } from "../schema.js";

/** How a field's value is patched, from its `x-kubernetes-patch-strategy`. */
export interface PatchStrategy {
  /** Lists: merge items (by merge key, or as a set of primitives) instead of replacing the list. */
  merge: boolean;
  /** Maps: replace the whole map instead of merging it. */
  replace: boolean;
  /** `x-kubernetes-patch-merge-key`: the member identifying items of a list of objects. */
  mergeKey: string | undefined;
}

// allOf wrappers are one level deep in practice; the bound only guards against
// a pathological cycle of allOf references.
const MAX_ALLOF_DEPTH = 8;

/** The node and the nodes its `allOf` wraps, outermost first. */
function* facets(node: StructuralSchema | undefined, depth = 0): Generator<StructuralSchema> {
  if (!node || depth > MAX_ALLOF_DEPTH) return;
  yield node;
  for (const inner of node.allOf ?? []) yield* facets(inner, depth + 1);
}

/** The schema of member `key` of an object or map node, or undefined if unknown. */
export function memberSchema(node: StructuralSchema | undefined, key: string): StructuralSchema | undefined {
  for (const facet of facets(node)) {
    if (facet.properties && Object.hasOwn(facet.properties, key)) return facet.properties[key];
  }
  for (const facet of facets(node)) {
    if (typeof facet.additionalProperties === "object") return facet.additionalProperties;
  }
  return undefined;
}

/** The schema of the items of an array node, or undefined if unknown. */
export function itemSchema(node: StructuralSchema | undefined): StructuralSchema | undefined {
  for (const facet of facets(node)) if (facet.items) return facet.items;
  return undefined;
}

/**
 * The patch strategy of a field. `retainKeys` needs no handling here: the
 * `$retainKeys` directive is honoured wherever it appears, as upstream does.
 */
export function patchStrategy(node: StructuralSchema | undefined): PatchStrategy {
  let strategies: string[] = [];
  let mergeKey: string | undefined;
  for (const facet of facets(node)) {
    const declared = facet["x-kubernetes-patch-strategy"];
    if (declared !== undefined && strategies.length === 0) strategies = declared.split(",").map((s) => s.trim());
    mergeKey ??= facet["x-kubernetes-patch-merge-key"];
  }
  return { merge: strategies.includes("merge"), replace: strategies.includes("replace"), mergeKey };
}
