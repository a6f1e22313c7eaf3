/**
 * ObjectMeta validation on create and update, after upstream's
 * `ValidateObjectMeta` / `ValidateObjectMetaUpdate` (apimachinery, plus the
 * finalizer rule built-in kinds add). Every resource runs these on
 * `metadata`; kind-specific validators only look at spec and status.
 * @module
 */
import { type FieldError, forbidden, invalid, required } from "./field-error.js";
import { child, index } from "./field-path.js";
import { goTime, type OwnerReferenceInput } from "./go-values.js";
import { validateNamespaceName, type NameValidator } from "./name-validators.js";
import {
  IS_NEGATIVE_ERROR,
  validateAnnotations,
  validateFinalizers,
  validateImmutableField,
  validateKubeFinalizerName,
  validateLabels,
  validateManagedFields,
  validateNoNewFinalizers,
  validateOwnerReferences,
} from "./meta-fields.js";

/** The metadata fields validation reads, as parsed JSON (the API server's `ObjectMeta` fits). */
export interface ObjectMetaInput {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReferenceInput[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** How a resource's metadata is validated. */
export interface ObjectMetaOptions {
  /** Namespaced resources require `metadata.namespace`; cluster-scoped ones forbid it. */
  namespaced: boolean;
  /** The resource's rule for `metadata.name` (and `generateName`). */
  nameValidator: NameValidator;
  /**
   * Apply built-in kinds' rule that unprefixed finalizers must be standard
   * ones (`kubernetes`, `orphan`, `foregroundDeletion`). Default true; custom
   * resources pass false.
   */
  kubeFinalizers?: boolean;
  /** Path of the metadata; default `metadata`. */
  path?: string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

// `update`: upstream re-checks finalizer names on update only through the built-in kinds' rule.
function commonChecks(meta: ObjectMetaInput, path: string, kubeFinalizers: boolean, update: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta.labels, child(path, "labels")));
  errs.push(...validateAnnotations(meta.annotations, child(path, "annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, "ownerReferences")));
  const finalizers = Array.isArray(meta.finalizers) ? meta.finalizers.map(String) : undefined;
  if (!update) errs.push(...validateFinalizers(finalizers, child(path, "finalizers")));
  errs.push(...validateManagedFields(meta.managedFields, child(path, "managedFields")));
  if (kubeFinalizers && finalizers) {
    finalizers.forEach((f, i) => {
      errs.push(...validateKubeFinalizerName(f, index(child(path, "finalizers"), i)));
    });
  }
  return errs;
}

/**
 * Validates metadata of an object being created: name (or generateName)
 * by the resource's rule, namespace required iff namespaced, labels,
 * annotations (256 KiB total), owner references and finalizers. Name
 * generation is expected to have run already, so a generateName-only object
 * reaching here is reported as missing its name, as upstream does.
 */
export function validateObjectMeta(meta: ObjectMetaInput | undefined, options: ObjectMetaOptions): FieldError[] {
  const m = meta ?? {};
  const path = options.path ?? "metadata";
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  if (generateName) {
    for (const msg of options.nameValidator(generateName, true)) errs.push(invalid(child(path, "generateName"), generateName, msg));
  }
  const name = str(m.name);
  if (!name) errs.push(required(child(path, "name"), "name or generateName is required"));
  else for (const msg of options.nameValidator(name, false)) errs.push(invalid(child(path, "name"), name, msg));

  const namespace = str(m.namespace);
  if (options.namespaced) {
    if (!namespace) errs.push(required(child(path, "namespace")));
    else for (const msg of validateNamespaceName(namespace, false)) errs.push(invalid(child(path, "namespace"), namespace, msg));
  } else if (namespace) {
    errs.push(forbidden(child(path, "namespace"), "not allowed on this type"));
  }
  if (typeof m.generation === "number" && m.generation < 0) {
    errs.push(invalid(child(path, "generation"), m.generation, IS_NEGATIVE_ERROR));
  }
  errs.push(...commonChecks(m, path, options.kubeFinalizers ?? true, false));
  return errs;
}

/** Options of {@link validateObjectMetaUpdate}. */
export interface ObjectMetaUpdateOptions {
  /** See {@link ObjectMetaOptions.kubeFinalizers}; default true. */
  kubeFinalizers?: boolean;
  /** Path of the metadata; default `metadata`. */
  path?: string;
}

/**
 * Validates metadata on update: name, namespace, uid, creationTimestamp,
 * deletionTimestamp and deletionGracePeriodSeconds are immutable; a
 * resourceVersion is required (the store fills it in for unconditional
 * updates before validating); generation never decreases; no finalizers may
 * be added once deletion started; labels, annotations and owners are
 * checked again, and (for built-in kinds) unprefixed finalizers must be
 * standard ones.
 */
export function validateObjectMetaUpdate(
  meta: ObjectMetaInput | undefined,
  old: ObjectMetaInput | undefined,
  options: ObjectMetaUpdateOptions = {},
): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const path = options.path ?? "metadata";
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    errs.push(...validateNoNewFinalizers(m.finalizers, o.finalizers, child(path, "finalizers")));
  }
  if (!str(m.resourceVersion)) {
    errs.push(invalid(child(path, "resourceVersion"), "", "must be specified for an update"));
  }
  const gen = typeof m.generation === "number" ? m.generation : 0;
  const oldGen = typeof o.generation === "number" ? o.generation : 0;
  if (gen < oldGen) errs.push(invalid(child(path, "generation"), gen, "must not be decremented"));

  errs.push(...validateImmutableField(str(m.name), str(o.name), child(path, "name")));
  errs.push(...validateImmutableField(str(m.namespace), str(o.namespace), child(path, "namespace")));
  errs.push(...validateImmutableField(str(m.uid), str(o.uid), child(path, "uid")));
  errs.push(
    ...validateImmutableField(m.creationTimestamp, o.creationTimestamp, child(path, "creationTimestamp"), goTime(m.creationTimestamp)),
  );
  errs.push(
    ...validateImmutableField(m.deletionTimestamp, o.deletionTimestamp, child(path, "deletionTimestamp"), goTime(m.deletionTimestamp)),
  );
  errs.push(
    ...validateImmutableField(
      m.deletionGracePeriodSeconds ?? null,
      o.deletionGracePeriodSeconds ?? null,
      child(path, "deletionGracePeriodSeconds"),
    ),
  );
  errs.push(...commonChecks(m, path, options.kubeFinalizers ?? true, true));
  return errs;
}
