/**
 * Pod validation on create and update, after upstream's `ValidatePodCreate`
 * and `ValidatePodUpdate`. A running pod's spec is immutable except for
 * container images, a shorter `activeDeadlineSeconds`, added tolerations,
 * removed scheduling gates and a `terminationGracePeriodSeconds` fix-up;
 * anything else is refused with upstream's message.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field, inclusiveRangeError, semanticEqual } from "./core.js";
import { validateContainersOnlyForPod } from "./container.js";
import { type Json, num, obj, objs, str } from "./json.js";
import { describeDiff } from "./diff.js";
import { validatePodSpec } from "./pod-spec.js";

const { child, index, invalid, required, forbidden } = field;
const MAX_INT32 = 2147483647;

/** The fields a pod update may change, as upstream lists them in its message. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

function specAndPodOnly(pod: KubeObject): FieldError[] {
  const spec = obj(pod.spec);
  const errs = validatePodSpec(spec, "spec", { isPod: true });
  errs.push(...validateContainersOnlyForPod(spec?.containers, "spec.containers"));
  errs.push(...validateContainersOnlyForPod(spec?.initContainers, "spec.initContainers"));
  return errs;
}

/** Validates a new Pod's spec. */
export function validatePod(pod: KubeObject): FieldError[] {
  const errs = specAndPodOnly(pod);
  const spec = obj(pod.spec) ?? {};
  // Ephemeral containers are only added later, through their subresource.
  if (objs(spec.ephemeralContainers).length > 0) errs.push(forbidden("spec.ephemeralContainers", "cannot be set on create"));
  if (str(spec.nodeName) && objs(spec.schedulingGates).length > 0) {
    errs.push(forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
  }
  return errs;
}

function validateContainerUpdates(next: Json[], prev: Json[], path: string): { errors: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errors: [forbidden(path, "pod updates may not add or remove containers")], stop: true };
  const errors: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(c.image);
    if (!image) errors.push(required(child(index(path, i), "image")));
    if (image !== image.trim()) errors.push(invalid(child(index(path, i), "image"), image, "must not have leading or trailing whitespace"));
  });
  return { errors, stop: false };
}

// Only additions: every old toleration must still be there (tolerationSeconds may change).
function validateOnlyAddedTolerations(next: Json[], prev: Json[], path: string): FieldError[] {
  for (const old of prev) {
    const found = next.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return [];
}

function validateOnlyDeletedSchedulingGates(next: Json[], prev: Json[], path: string): FieldError[] {
  const old = new Set(prev.map((g) => str(g.name)));
  const errs: FieldError[] = [];
  next.forEach((g, i) => {
    const name = str(g.name);
    if (!old.has(name)) {
      errs.push(forbidden(child(index(path, i), "name"), `only deletion is allowed, but found new scheduling gate '${name}'`));
    }
  });
  return errs;
}

/** Validates a Pod update: the new spec, then what may change. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = specAndPodOnly(pod);
  const spec = obj(pod.spec) ?? {};
  const oldSpec = obj(old.spec) ?? {};
  for (const list of ["containers", "initContainers"]) {
    const r = validateContainerUpdates(objs(spec[list]), objs(oldSpec[list]), child("spec", list));
    errs.push(...r.errors);
    if (r.stop) return errs;
  }
  const deadline = num(spec.activeDeadlineSeconds);
  const oldDeadline = num(oldSpec.activeDeadlineSeconds);
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > MAX_INT32) {
      errs.push(invalid("spec.activeDeadlineSeconds", deadline, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldDeadline !== undefined && oldDeadline < deadline) {
      errs.push(invalid("spec.activeDeadlineSeconds", deadline, "must be less than or equal to previous value"));
      return errs;
    }
  } else if (oldDeadline !== undefined) {
    errs.push(invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  errs.push(...validateOnlyAddedTolerations(objs(spec.tolerations), objs(oldSpec.tolerations), "spec.tolerations"));
  errs.push(...validateOnlyDeletedSchedulingGates(objs(spec.schedulingGates), objs(oldSpec.schedulingGates), "spec.schedulingGates"));
  if (semanticEqual(spec, oldSpec)) return errs;

  // Copy the updatable fields from the old spec; whatever still differs may not change.
  const munged: Json = structuredClone(spec);
  for (const list of ["containers", "initContainers"]) {
    const oldList = objs(oldSpec[list]);
    if (Array.isArray(munged[list])) {
      munged[list] = objs(munged[list]).map((c, i) => ({ ...c, image: oldList[i]?.image }));
    }
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = num(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && num(munged.terminationGracePeriodSeconds) === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  if (!semanticEqual(munged, oldSpec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${describeDiff(oldSpec, munged, "spec")}`;
    errs.push(forbidden("spec", detail));
  }
  return errs;
}
