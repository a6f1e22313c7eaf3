/**
 * Server-side apply and managedFields, without I/O: field sets and their
 * FieldsV1 encoding, the ownership bookkeeping of every write
 * ({@link updateManagedFields}) and server-side apply itself ({@link apply}),
 * with structured-merge-diff's semantics and kube-apiserver's messages.
 * @module
 */
export { ApplyConflictError, type ApplyConflict, ApplyError, describeManager } from "./errors.js";
export {
  apply,
  type ApplyOptions,
  type ApplyResult,
  DEFAULT_MAX_UPDATE_MANAGERS,
  STRIP_PATHS,
  stripManagedFieldsSet,
  type UpdateOptions,
  updateManagedFields,
} from "./field-manager.js";
export { FieldSet, type FieldSetNode } from "./field-set.js";
export { decodeFieldsV1, encodeFieldsV1, type FieldsV1, FieldsV1Error } from "./fields-v1.js";
export { TypedValueError } from "./items.js";
export { LAST_APPLIED_ANNOTATION } from "./last-applied.js";
export {
  decodeManagedFields,
  encodeManagedFields,
  isResetManagedFields,
  type ManagedFieldsEntry,
  ManagedFieldsError,
  type ManagedFieldsOperation,
  managedFieldsForWrite,
  managerIdentifier,
} from "./managers.js";
export {
  compareElements,
  elementKey,
  elementText,
  fieldElement,
  indexElement,
  type KeyField,
  keyElement,
  parseElementKey,
  type Path,
  type PathElement,
  pathText,
  valueElement,
} from "./path.js";
export { resetFieldsFor, STATUS_SUBRESOURCE_RESOURCES } from "./reset-fields.js";
export { type FieldSetOptions, fieldSetOf } from "./to-field-set.js";
