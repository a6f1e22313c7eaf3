/**
 * Validators for the pieces of metadata that also appear elsewhere (labels
 * in selectors and pod templates, annotations, finalizers), after upstream's
 * apimachinery `api/validation` and `apis/meta/v1/validation`.
 * @module
 */
import { type FieldError, forbidden, invalid, tooLong } from "./field-error.js";
import { child, index } from "./field-path.js";
import { goLiteral, goStringSlice } from "./go-format.js";
import { goOwnerReference, goOwnerReferences, type OwnerReferenceInput } from "./go-values.js";
import { byteLength, isQualifiedName, isValidLabelValue } from "./names.js";
import { semanticEqual } from "./equality.js";

/** `field is immutable`: the detail of every immutability error. */
export const FIELD_IMMUTABLE = "field is immutable";

/** Total size of all annotation keys and values: 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** `must be greater than or equal to 0` */
export const IS_NEGATIVE_ERROR = "must be greater than or equal to 0";

// Go iterates maps in random order; sorted keys make our output stable.
function sortedEntries(map: Readonly<Record<string, unknown>> | null | undefined): [string, unknown][] {
  if (!map || typeof map !== "object") return [];
  return Object.keys(map)
    .sort()
    .map((k) => [k, map[k]]);
}

/** A label key (or any qualified name) at `path`; errors carry the key. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

/**
 * Labels (also `nodeSelector`, Service `selector`, `matchLabels`). As
 * upstream, errors are reported at the map's path, not the key's.
 */
export function validateLabels(labels: Readonly<Record<string, unknown>> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of sortedEntries(labels)) {
    errs.push(...validateLabelName(k, path));
    const value = typeof v === "string" ? v : String(v);
    for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

/** Sum of the byte lengths of all keys and values. */
export function annotationsSize(annotations: Readonly<Record<string, unknown>> | null | undefined): number {
  let total = 0;
  for (const [k, v] of sortedEntries(annotations)) total += byteLength(k) + byteLength(typeof v === "string" ? v : String(v));
  return total;
}

/** Annotation keys are qualified names (case-insensitively); everything together at most 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, unknown>> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k] of sortedEntries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
  }
  if (annotationsSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, "", TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

// schema.FromAPIVersionAndKind: "v1" → {"", "v1"}, "apps/v1" → {"apps", "v1"}, more slashes → nothing.
function parseAPIVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === "") return { group: "", version: "" };
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: "", version: "" };
}

/**
 * Owner references: apiVersion (with a version), kind, name and uid set;
 * core Events cannot own; at most one controller. Errors point at
 * `ownerReferences` without an index, as upstream's do.
 */
export function validateOwnerReferences(refs: readonly OwnerReferenceInput[] | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(refs)) return errs;
  let firstController = "";
  for (const ref of refs) {
    const apiVersion = ref.apiVersion ?? "";
    const gv = parseAPIVersion(apiVersion);
    if (gv.version === "") errs.push(invalid(child(path, "apiVersion"), apiVersion, "version must not be empty"));
    if (!ref.kind) errs.push(invalid(child(path, "kind"), ref.kind ?? "", "must not be empty"));
    if (!ref.name) errs.push(invalid(child(path, "name"), ref.name ?? "", "must not be empty"));
    if (!ref.uid) errs.push(invalid(child(path, "uid"), ref.uid ?? "", "must not be empty"));
    if (gv.group === "" && gv.version === "v1" && ref.kind === "Event") {
      errs.push(invalid(path, goLiteral(goOwnerReference(ref)), "/v1, Kind=Event is disallowed from being an owner"));
    }
    if (ref.controller === true) {
      const current = `${ref.kind ?? ""}/${ref.name ?? ""}`;
      if (firstController !== "") {
        errs.push(
          invalid(
            path,
            goOwnerReferences(refs),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
  return errs;
}

/** The finalizer that makes the garbage collector orphan dependents. */
export const FINALIZER_ORPHAN_DEPENDENTS = "orphan";
/** The finalizer of foreground cascading deletion. */
export const FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

/** Finalizer names are qualified names; `orphan` and `foregroundDeletion` exclude each other. */
export function validateFinalizers(finalizers: readonly string[] | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(finalizers)) return errs;
  for (const f of finalizers) errs.push(...validateLabelName(f, path));
  if (finalizers.includes(FINALIZER_ORPHAN_DEPENDENTS) && finalizers.includes(FINALIZER_DELETE_DEPENDENTS)) {
    errs.push(
      invalid(
        path,
        goStringSlice(finalizers),
        `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`,
      ),
    );
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(["kubernetes", FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);

/**
 * The extra rule built-in kinds apply (`validateKubeFinalizerName`): a
 * finalizer without a `/` prefix must be one of Kubernetes' own.
 */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (name.includes("/") || STANDARD_FINALIZERS.has(name)) return [];
  return [invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified")];
}

/** Minimal managedFields checks: operation `Apply`/`Update`, fieldsType `FieldsV1`, manager length. */
export function validateManagedFields(entries: readonly unknown[] | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(entries)) return errs;
  entries.forEach((raw, i) => {
    const e = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const p = index(path, i);
    const op = typeof e.operation === "string" ? e.operation : "";
    if (op !== "Apply" && op !== "Update") errs.push(invalid(child(p, "operation"), op, "must be `Apply` or `Update`"));
    const ft = typeof e.fieldsType === "string" ? e.fieldsType : "";
    if (ft !== "" && ft !== "FieldsV1") errs.push(invalid(child(p, "fieldsType"), ft, "must be `FieldsV1`"));
    const manager = typeof e.manager === "string" ? e.manager : "";
    if (byteLength(manager) > 128) errs.push(tooLong(child(p, "manager"), manager, 128));
  });
  return errs;
}

/** `Invalid ... field is immutable` unless old and new are semantically equal; `value` is what gets printed. */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: string, value: unknown = newValue): FieldError[] {
  return semanticEqual(newValue, oldValue) ? [] : [invalid(path, value, FIELD_IMMUTABLE)];
}

/** `must be greater than or equal to 0` for a negative number. */
export function validateNonnegativeField(value: number, path: string): FieldError[] {
  return value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR)] : [];
}

/** `Forbidden` new finalizers on an object that is being deleted. */
export function validateNoNewFinalizers(
  newFinalizers: readonly string[] | null | undefined,
  oldFinalizers: readonly string[] | null | undefined,
  path: string,
): FieldError[] {
  const old = new Set(oldFinalizers ?? []);
  const extra = [...new Set(newFinalizers ?? [])].filter((f) => !old.has(f)).sort();
  if (extra.length === 0) return [];
  return [
    forbidden(
      path,
      `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).text}`,
    ),
  ];
}
