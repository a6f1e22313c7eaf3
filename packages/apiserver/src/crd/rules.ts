/**
 * The schema behaviour of one custom resource version: structural
 * conversion, defaulting, OpenAPI value validation and CEL rules, compiled
 * once per CRD version from `@kube-ts/core`'s CRD schema machinery.
 * @module
 */
import { type StructuralSchema, applyDefaults, compileCelRules, evaluateCelRules, toStructural, validateCustomResource } from "@kube-ts/core";
import type { RulesFactory, VersionRules } from "./custom-resource.js";

/**
 * A CRD's root `metadata` schema (controller-gen always writes
 * `metadata: {type: object}`) never governs the object's metadata: it is
 * always ObjectMeta, so the root entry is dropped before pruning would
 * empty it.
 */
function withoutRootMetadata(schema: StructuralSchema): StructuralSchema {
  if (!schema.properties?.metadata) return schema;
  const { metadata: _ignored, ...properties } = schema.properties;
  return { ...schema, properties };
}

/** Compiles a version's openAPIV3Schema into the rules the store applies on every write. */
export const compileVersionRules: RulesFactory = (schema): VersionRules => {
  const structural = withoutRootMetadata(toStructural(schema));
  const cel = compileCelRules(structural);
  return {
    structural,
    applyDefaults: (obj) => applyDefaults(obj, structural),
    validate: (obj, old) => [...validateCustomResource(obj, structural), ...evaluateCelRules(cel, obj, old)],
  };
};
