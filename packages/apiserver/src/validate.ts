/**
 * TEMPORARY validation.
 * @module
 */
import { type ApiError, invalid } from "./errors.js";
import type { FieldError, KubeObject, ResourceDefinition } from "./registry/resource.js";

export function validateObject(_def: ResourceDefinition, obj: KubeObject, _old: KubeObject | undefined): FieldError[] {
  if (!obj.metadata?.name) return [{ type: "FieldValueRequired", field: "metadata.name", detail: "name or generateName is required" }];
  return [];
}

export function invalidError(def: ResourceDefinition, name: string, errors: FieldError[]): ApiError {
  const causes = errors.map((e) => ({ reason: e.type, field: e.field, message: e.detail }));
  return invalid(def.kind, def.group, name, causes, `${def.kind} "${name}" is invalid`);
}
