/**
 * Generic validation, after upstream's apimachinery: format checks for
 * names and keys, field errors with upstream's exact wording, and ObjectMeta
 * validation. Kind-specific rules live with the API server.
 * @module
 */
export * from "./equality.js";
export * as field from "./field.js";
export {
  aggregateMessage,
  type FieldError,
  type FieldErrorType,
  fieldErrorBody,
  fieldErrorTypeText,
  formatFieldError,
  type GroupKind,
  invalidMessage,
  omitValue,
  qualifiedKind,
  toStatusCauses,
} from "./field-error.js";
export * from "./go-format.js";
export * from "./go-values.js";
export * from "./label-selector.js";
export * from "./meta-fields.js";
export * from "./name-validators.js";
export * from "./names.js";
export * from "./object-meta.js";
