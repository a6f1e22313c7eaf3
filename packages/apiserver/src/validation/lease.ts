/**
 * coordination.k8s.io/v1 Lease validation, after upstream's
 * `ValidateLeaseSpec`: a positive duration and a non-negative transition
 * count.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field } from "./core.js";
import { num, obj } from "./json.js";

const { invalid } = field;

/** Validates a Lease's spec (the same rules on create and update). */
export function validateLease(lease: KubeObject): FieldError[] {
  const spec = obj(lease.spec) ?? {};
  const errs: FieldError[] = [];
  const duration = num(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
  const transitions = num(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0"));
  }
  return errs;
}
