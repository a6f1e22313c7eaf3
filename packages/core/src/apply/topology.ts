/**
 * What server-side apply needs to know about a schema node: is it a leaf, a
 * map (a struct with named fields, or a map with free keys), or a list, and
 * how are its items identified. This is kube-openapi's `schemaconv`
 * translation of OpenAPI into structured-merge-diff types:
 *
 * - `x-kubernetes-list-type`: `atomic` (a leaf), `set` (items identified by
 *   value), `map` (items identified by `x-kubernetes-list-map-keys`);
 * - without it, a list whose `x-kubernetes-patch-strategy` is `merge` (or
 *   `merge,retainKeys`) is a map list keyed by `x-kubernetes-patch-merge-key`,
 *   or a set without one; every other list is atomic;
 * - `x-kubernetes-map-type: atomic` makes a map or struct a leaf;
 * - a node without a type is an untyped leaf (int-or-string, Quantity, …),
 *   unless it preserves unknown fields: then, like a part of an object the
 *   schema does not describe at all, it is "deduced" from the value — objects
 *   are granular maps, lists are atomic, everything else a leaf.
 *
 * Facts about a schema node are computed once and cached; schemas may be
 * cyclic, so nothing here recurses along the schema.
 * @module
 */
import { isJsonObject, type JsonValue } from "../patch/json.js";
import { itemSchema, patchStrategy } from "../patch/smp-schema.js";
import type { StructuralSchema } from "../schema.js";

/** A part of an object whose schema is unknown: its shape is deduced from its value. */
export const DEDUCED = Symbol("deduced");
/** A part of an object that is one value whatever its shape (an untyped leaf). */
export const UNTYPED = Symbol("untyped");

/** The type of a node: a schema, or one of the two schema-less types. */
export type TypeRef = StructuralSchema | typeof DEDUCED | typeof UNTYPED;

/** How a list identifies its items. */
export type ListIdentity = { readonly kind: "set" } | { readonly kind: "map"; readonly keys: readonly string[] };

/** What a schema node is, independently of any value. */
export type TypeInfo =
  | { readonly kind: "leaf" }
  | { readonly kind: "deduced" }
  | {
      readonly kind: "map";
      readonly atomic: boolean;
      /** Declared fields (struct members). */
      readonly fields: ReadonlyMap<string, StructuralSchema>;
      /** Type of keys that are not declared fields. */
      readonly elements: TypeRef;
      /** The node's schema, for key defaults. */
      readonly schema: StructuralSchema;
    }
  | { readonly kind: "list"; readonly identity: ListIdentity | undefined; readonly items: TypeRef };

const LEAF: TypeInfo = { kind: "leaf" };
const DEDUCED_INFO: TypeInfo = { kind: "deduced" };
const cache = new WeakMap<StructuralSchema, TypeInfo>();
// The container shape of each map or list type, made once with its facts:
// walkers ask for a shape at every node.
const containerShapes = new WeakMap<TypeInfo, Shape>();

// allOf wrappers are one level deep in practice; the bound guards a cycle.
const MAX_ALLOF_DEPTH = 8;

function facets(node: StructuralSchema, depth = 0, out: StructuralSchema[] = []): StructuralSchema[] {
  if (depth > MAX_ALLOF_DEPTH) return out;
  out.push(node);
  for (const inner of node.allOf ?? []) facets(inner, depth + 1, out);
  return out;
}

/** The first value a facet declares for `key`. */
function first<K extends keyof StructuralSchema>(all: StructuralSchema[], key: K): StructuralSchema[K] | undefined {
  for (const facet of all) if (facet[key] !== undefined) return facet[key];
  return undefined;
}

/** What `type` is (a deduced type's shape depends on the value: see {@link shapeOf}). */
export function typeInfo(type: TypeRef): TypeInfo {
  if (type === DEDUCED) return DEDUCED_INFO;
  if (type === UNTYPED) return LEAF;
  let info = cache.get(type);
  if (!info) {
    info = computeInfo(type);
    cache.set(type, info);
    if (info.kind === "map") containerShapes.set(info, { kind: "map", info });
    else if (info.kind === "list" && info.identity) containerShapes.set(info, { kind: "list", identity: info.identity, items: info.items });
  }
  return info;
}

function computeInfo(node: StructuralSchema): TypeInfo {
  const all = facets(node);
  if (first(all, "x-kubernetes-int-or-string")) return LEAF;
  const type = first(all, "type");
  const preserve = first(all, "x-kubernetes-preserve-unknown-fields") === true;
  const properties = all.find((f) => f.properties)?.properties;
  if (type === "object" || (type === undefined && (properties || preserve))) {
    if (type === undefined && !properties) return DEDUCED_INFO;
    const fields = new Map<string, StructuralSchema>();
    for (const facet of all) {
      for (const [name, schema] of Object.entries(facet.properties ?? {})) if (!fields.has(name)) fields.set(name, schema);
    }
    const additional = all.find((f) => typeof f.additionalProperties === "object")?.additionalProperties;
    return {
      kind: "map",
      atomic: first(all, "x-kubernetes-map-type") === "atomic",
      fields,
      // Keys the schema does not describe are deduced, as upstream does for
      // preserved unknown fields (and instead of failing on undeclared ones).
      elements: typeof additional === "object" ? additional : DEDUCED,
      schema: node,
    };
  }
  if (type === "array") {
    return { kind: "list", identity: listIdentity(all, node), items: itemSchema(node) ?? UNTYPED };
  }
  return LEAF;
}

function listIdentity(all: StructuralSchema[], node: StructuralSchema): ListIdentity | undefined {
  const listType = first(all, "x-kubernetes-list-type");
  if (listType === "set") return { kind: "set" };
  if (listType === "map") return { kind: "map", keys: first(all, "x-kubernetes-list-map-keys") ?? [] };
  if (listType !== undefined) return undefined;
  // Built-in types without +listType: the strategic-merge-patch metadata decides.
  const strategy = patchStrategy(node);
  if (!strategy.merge) return undefined;
  return strategy.mergeKey === undefined ? { kind: "set" } : { kind: "map", keys: [strategy.mergeKey] };
}

/** The shape of one value under a type: what the walkers dispatch on. */
export type Shape =
  | { readonly kind: "leaf" }
  | { readonly kind: "map"; readonly info: MapInfo | undefined }
  | { readonly kind: "list"; readonly identity: ListIdentity; readonly items: TypeRef };

/** The map variant of {@link TypeInfo}. */
export type MapInfo = Extract<TypeInfo, { kind: "map" }>;

const LEAF_SHAPE: Shape = { kind: "leaf" };
const DEDUCED_MAP: Shape = { kind: "map", info: undefined };

/**
 * The shape of `value` under `type`. `null` and absent values take the
 * container shape of their type (upstream treats them as an empty map or
 * list); a value of the wrong shape for its schema is a leaf.
 */
export function shapeOf(type: TypeRef, value: JsonValue | undefined): Shape {
  const info = typeInfo(type);
  switch (info.kind) {
    case "leaf":
      return LEAF_SHAPE;
    case "deduced":
      return isJsonObject(value) ? DEDUCED_MAP : LEAF_SHAPE;
    case "map":
      if (info.atomic || !(value === undefined || value === null || isJsonObject(value))) return LEAF_SHAPE;
      return containerShapes.get(info) as Shape;
    case "list":
      if (!info.identity || !(value === undefined || value === null || Array.isArray(value))) return LEAF_SHAPE;
      return containerShapes.get(info) as Shape;
  }
}

/** The type of member `key` of a map shape. */
export function memberType(info: MapInfo | undefined, key: string): TypeRef {
  if (!info) return DEDUCED;
  return info.fields.get(key) ?? info.elements;
}

/** Whether `key` is a declared field (a struct member) of a map type, as upstream's `FindField`. */
export function isDeclaredField(info: MapInfo | undefined, key: string): boolean {
  return info?.fields.has(key) === true;
}
