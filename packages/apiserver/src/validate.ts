/**
 * Validation as the store runs it: ObjectMeta and the kind's own rules
 * (`validation/`), and the 422 Invalid Status built from the errors with
 * upstream's message and one cause per field.
 * @module
 */
import { type ApiError, invalid } from "./errors.js";
import type { FieldError, KubeObject, ResourceDefinition } from "./registry/resource.js";
import { invalidStatusParts, validateResourceObject } from "./validation/index.js";

/** Validates a create (`old` undefined) or an update. */
export function validateObject(def: ResourceDefinition, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errors = validateResourceObject(def, obj, old);
  // Resources defined at run time (custom resources, CRDs) carry their own rules.
  const own = old ? (def.strategy.validateUpdate?.(obj, old) ?? def.strategy.validate?.(obj)) : def.strategy.validate?.(obj);
  return own ? [...errors, ...own] : errors;
}

/** The 422 Invalid for validation errors. */
export function invalidError(def: ResourceDefinition, name: string, errors: FieldError[]): ApiError {
  const { message, causes } = invalidStatusParts({ group: def.group, kind: def.kind }, name, errors);
  return invalid(def.kind, def.group, name, causes, message);
}
