/**
 * Validation of a custom resource against its version's schema, as
 * kube-apiserver's custom resource strategy runs it after pruning and
 * defaulting: OpenAPI value validation, embedded resources, then the
 * uniqueness of set and map lists. CEL rules are separate
 * ({@link evaluateCelRules}), since they need the old object too.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import type { FieldError } from "../validation/field-error.js";
import { embeddedResourceErrors } from "./embedded.js";
import { listTypeErrors } from "./list-type.js";
import { openAPIErrors } from "./openapi-validate.js";

/** Options of {@link validateCustomResource}. */
export interface ValidateCustomResourceOptions {
  /**
   * Path of the validated value. Default none: upstream validates a custom
   * resource at a nil path, so the few errors that concern the root itself
   * (`anyOf` failures, root `minProperties`) read `<nil>: …`.
   */
  path?: string;
}

/**
 * Every schema violation of `obj`, with upstream's field paths and messages
 * (all of them, as kube-apiserver lists them in one 422):
 * `spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1`.
 * Expects `obj` already pruned and defaulted.
 */
export function validateCustomResource(obj: unknown, schema: StructuralSchema, options: ValidateCustomResourceOptions = {}): FieldError[] {
  const root = options.path ?? null;
  return [...openAPIErrors(obj, schema, root), ...embeddedResourceErrors(obj, schema, root), ...listTypeErrors(obj, schema, root)];
}
