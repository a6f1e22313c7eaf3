/**
 * The schema behaviour of one custom resource version: structural
 * conversion, defaulting, OpenAPI value validation and CEL rules, compiled
 * once per CRD version from `@kube-ts/core`'s CRD schema machinery.
 * @module
 */
import { applyDefaults, compileCelRules, evaluateCelRules, toStructural, validateCustomResource } from "@kube-ts/core";
import type { RulesFactory, VersionRules } from "./custom-resource.js";

/** Compiles a version's openAPIV3Schema into the rules the store applies on every write. */
export const compileVersionRules: RulesFactory = (schema): VersionRules => {
  const structural = toStructural(schema);
  const cel = compileCelRules(structural);
  return {
    structural,
    applyDefaults: (obj) => applyDefaults(obj, structural),
    validate: (obj, old) => [...validateCustomResource(obj, structural), ...evaluateCelRules(cel, obj, old)],
  };
};
