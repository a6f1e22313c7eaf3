/**
 * Structural schemas (core's {@link StructuralSchema}) from OpenAPI component
 * schemas: `$ref`s resolved into object references — so graphs may be cyclic
 * (JSONSchemaProps) — and built-in special types rewritten into what the
 * decoder and the patch machinery understand:
 * - IntOrString → `x-kubernetes-int-or-string: true`;
 * - Quantity → `anyOf: [string, number]` with `format: "quantity"` (Go parses it on decode);
 * - RawExtension, FieldsV1, JSON and the JSONSchemaPropsOr* unions → untyped
 *   `x-kubernetes-preserve-unknown-fields` (Go keeps their raw JSON);
 * - `{allOf: [{$ref}], …}` property wrappers → the referenced node, or a copy
 *   of it carrying the wrapper's list/patch extensions (e.g. DeploymentSpec.strategy's
 *   `retainKeys`), so strategic merge patch sees them where it looks.
 *
 * Built-in `default`s are dropped: upstream defaults built-in kinds in Go, and
 * the `{}`/zero defaults the v3 documents publish must not be applied to
 * objects. Custom resource schemas keep theirs.
 * @module
 */

import type { StructuralSchema } from "@kube-ts/core";
import { builtinDefinition, type JsonSchema, REF_PREFIX } from "./definitions.js";
import { goTypeName, INT_OR_STRING } from "./names.js";

/** Keywords copied verbatim from OpenAPI onto structural nodes. */
const COPIED = [
  "type",
  "description",
  "format",
  "required",
  "enum",
  "nullable",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
  "x-kubernetes-int-or-string",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-patch-merge-key",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
  "x-kubernetes-validations",
] as const;

/** Extensions a `$ref` wrapper may add to the referenced node. */
const WRAPPER_EXTENSIONS = [
  "nullable",
  "x-kubernetes-patch-merge-key",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-preserve-unknown-fields",
] as const;

const OPAQUE = new Set([
  "io.k8s.apimachinery.pkg.runtime.RawExtension",
  "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray",
]);
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/** Options of {@link createStructuralResolver}. */
export interface StructuralResolverOptions {
  /** Keep `default` keywords (custom resources); built-ins drop them. */
  keepDefaults?: boolean;
  /** Apply the built-in special types (IntOrString, Quantity, opaque JSON holders). Default true. */
  builtinSpecials?: boolean;
}

/** Resolves definition names to structural schemas, memoised; see {@link createStructuralResolver}. */
export interface StructuralResolver {
  /** The structural schema of a definition, or undefined when `lookup` does not know it. */
  (name: string): StructuralSchema | undefined;
  /** Converts an inline schema (e.g. a CRD's openAPIV3Schema), resolving its `$ref`s through the resolver. */
  convert(schema: JsonSchema): StructuralSchema;
  /** Go type name of a node built from a named definition (`v1.PodSpec`), for decode messages. */
  goTypeName(schema: StructuralSchema): string | undefined;
}

/**
 * Creates a resolver over `lookup` (definition name → OpenAPI schema). Each
 * definition is converted once; the same name always yields the same node.
 */
export function createStructuralResolver(
  lookup: (name: string) => JsonSchema | undefined,
  options: StructuralResolverOptions = {},
): StructuralResolver {
  const keepDefaults = options.keepDefaults === true;
  const specials = options.builtinSpecials !== false;
  const memo = new Map<string, StructuralSchema>();
  const names = new WeakMap<StructuralSchema, string>();
  // Wrapper copies are filled once every definition they copy is complete (cycles).
  let pending: Array<() => void> = [];
  let depth = 0;

  const resolveName = (name: string): StructuralSchema | undefined => {
    const hit = memo.get(name);
    if (hit) return hit;
    const source = lookup(name);
    if (!source) return undefined;
    const node: StructuralSchema = {};
    memo.set(name, node);
    names.set(node, goTypeName(name));
    Object.assign(node, special(name, source) ?? convertNode(source));
    return node;
  };

  const special = (name: string, source: JsonSchema): StructuralSchema | undefined => {
    if (!specials) return undefined;
    const description = typeof source.description === "string" ? { description: source.description } : {};
    if (name === INT_OR_STRING) return { ...description, "x-kubernetes-int-or-string": true };
    if (name === QUANTITY) return { ...description, anyOf: [{ type: "string" }, { type: "number" }], format: "quantity" };
    if (OPAQUE.has(name)) return { ...description, "x-kubernetes-preserve-unknown-fields": true };
    return undefined;
  };

  const refTarget = (s: JsonSchema): string | undefined => {
    if (typeof s.$ref === "string") return s.$ref.startsWith(REF_PREFIX) ? s.$ref.slice(REF_PREFIX.length) : s.$ref;
    const all = s.allOf as JsonSchema[] | undefined;
    if (all?.length === 1 && typeof all[0].$ref === "string" && s.properties === undefined && s.type === undefined) {
      return refTarget(all[0]);
    }
    return undefined;
  };

  const convertNode = (s: JsonSchema): StructuralSchema => {
    depth++;
    try {
      const target = refTarget(s);
      if (target !== undefined) {
        const resolved = resolveName(target);
        if (!resolved) throw new Error(`unresolved $ref ${target}`);
        const extra = WRAPPER_EXTENSIONS.filter((k) => s[k] !== undefined);
        if (extra.length === 0) return resolved;
        const copy: StructuralSchema = {};
        names.set(copy, goTypeName(target));
        pending.push(() => {
          Object.assign(copy, resolved);
          for (const k of extra) (copy as Record<string, unknown>)[k] = s[k];
        });
        return copy;
      }
      const out: Record<string, unknown> = {};
      for (const k of COPIED) if (s[k] !== undefined) out[k] = s[k];
      if (keepDefaults && s.default !== undefined) out.default = s.default;
      if (s.properties !== undefined) {
        const props: Record<string, StructuralSchema> = {};
        for (const [k, v] of Object.entries(s.properties as Record<string, JsonSchema>)) props[k] = convertNode(v);
        out.properties = props;
      }
      if (typeof s.additionalProperties === "boolean") out.additionalProperties = s.additionalProperties;
      else if (s.additionalProperties !== undefined) out.additionalProperties = convertNode(s.additionalProperties as JsonSchema);
      if (s.items !== undefined && !Array.isArray(s.items)) out.items = convertNode(s.items as JsonSchema);
      for (const k of ["allOf", "anyOf", "oneOf"] as const) {
        if (Array.isArray(s[k])) out[k] = (s[k] as JsonSchema[]).map(convertNode);
      }
      if (s.not !== undefined) out.not = convertNode(s.not as JsonSchema);
      return out as StructuralSchema;
    } finally {
      depth--;
      if (depth === 0) flush();
    }
  };

  const flush = () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      for (const fill of batch) fill();
    }
  };

  const resolver = ((name: string) => {
    depth++;
    try {
      return resolveName(name);
    } finally {
      depth--;
      if (depth === 0) flush();
    }
  }) as StructuralResolver;
  resolver.convert = convertNode;
  resolver.goTypeName = (schema) => names.get(schema);
  return resolver;
}

let builtin: StructuralResolver | undefined;

function builtinResolver(): StructuralResolver {
  builtin ??= createStructuralResolver(builtinDefinition);
  return builtin;
}

/**
 * The structural schema of a built-in definition (`io.k8s.api.core.v1.Pod`), or
 * undefined. Built on first use per definition and cached for the process.
 */
export function structuralSchemaFor(name: string): StructuralSchema | undefined {
  return builtinResolver()(name);
}

/** Go type names of built-in structural nodes (pass as `goTypeNames` to decodeAgainstSchema). */
export function builtinGoTypeNames(schema: StructuralSchema): string | undefined {
  return builtinResolver().goTypeName(schema);
}
