/**
 * The schema machinery of CustomResourceDefinitions, as kube-apiserver's
 * apiextensions-apiserver runs it (pure functions, no I/O):
 *
 * - {@link structuralSchemaErrors}: the rules a CRD version's schema must
 *   follow (structural, supported keywords, valid defaults, compiling CEL);
 * - {@link toStructural}: the schema as a {@link StructuralSchema}, for
 *   pruning with `decodeAgainstSchema` and everything below;
 * - {@link applyDefaults}: structural defaulting;
 * - {@link validateCustomResource}: OpenAPI value validation, embedded
 *   resources and list-type uniqueness;
 * - {@link compileCelRules} / {@link evaluateCelRules}: `x-kubernetes-validations`.
 * @module
 */
export { type CompiledCelRules, type CompiledRule, type CompileOptions, compileCelRules, type RuleNode } from "./cel/compile.js";
export { type EvaluateOptions, evaluateCelRules } from "./cel/evaluate.js";
export { applyDefaults } from "./defaults.js";
export { type ValidateCustomResourceOptions, validateCustomResource } from "./custom-resource.js";
export { isSupportedFormat } from "./formats.js";
export { type JSONSchemaProps, toStructural, type ValidationRule } from "./json-schema.js";
export { structuralSchemaErrors } from "./schema-errors.js";
