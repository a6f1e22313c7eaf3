/**
 * Upstream's `field` package in one namespace: error constructors
 * (`field.required`, `field.invalid`, ...) and path builders
 * (`field.child`, `field.index`, `field.key`). Re-exported as `field`.
 * @module
 */
export {
  duplicate,
  forbidden,
  internalError,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
  tooMany,
} from "./field-error.js";
export { child, index, key } from "./field-path.js";
