/**
 * Whole-object validation for the store: ObjectMeta by the kind's rules,
 * then the kind's own validator, in upstream's order (metadata errors
 * first) — and the message and causes of the resulting 422 Invalid.
 * @module
 */
import { type GroupKind, invalidMessage, type StatusCause, toStatusCauses, validateObjectMeta, validateObjectMetaUpdate } from "@kube-ts/core";
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, nameIsDNSSubdomain } from "./core.js";
import { builtinValidator } from "./registry.js";

/** What validation needs to know about a resource (a `ResourceDefinition` fits). */
export interface ValidatedResource {
  group: string;
  kind: string;
  namespaced: boolean;
}

/**
 * Validates an object on create (`old` undefined) or update. Built-in kinds
 * get their name rule and spec checks; other kinds (custom resources) get
 * ObjectMeta checks with DNS-subdomain names and no built-in finalizer
 * rule, as upstream validates custom resources' metadata.
 */
export function validateResourceObject(resource: ValidatedResource, obj: KubeObject, old?: KubeObject): FieldError[] {
  const v = builtinValidator(resource.group, resource.kind);
  const errs: FieldError[] = [];
  if (!v?.skipObjectMeta) {
    const kubeFinalizers = v !== undefined;
    if (old) errs.push(...validateObjectMetaUpdate(obj.metadata, old.metadata, { kubeFinalizers }));
    else {
      const nameValidator = v?.nameValidator ?? nameIsDNSSubdomain;
      errs.push(...validateObjectMeta(obj.metadata, { namespaced: resource.namespaced, nameValidator, kubeFinalizers }));
    }
  }
  if (v) errs.push(...(old ? (v.validateUpdate ?? v.validate)(obj, old) : v.validate(obj)));
  return errs;
}

/**
 * The message and causes of the 422 Invalid for these errors, as upstream's
 * `errors.NewInvalid`: `Deployment.apps "web" is invalid: [...]`.
 */
export function invalidStatusParts(resource: GroupKind, name: string, errors: readonly FieldError[]): { message: string; causes: StatusCause[] } {
  return { message: invalidMessage(resource, name, errors), causes: toStatusCauses(errors) };
}
