/**
 * Label and field selectors: parsing the query-string syntax with
 * upstream's grammar and messages, building label selectors from
 * `metav1.LabelSelector` objects, and matching objects.
 * @module
 */
export * from "./errors.js";
export * from "./field-selector.js";
export { type Token, type TokenKind, tokenize } from "./label-lexer.js";
export * from "./label-parser.js";
export {
  binaryLabelOperators,
  isLabelOperator,
  type LabelOperator,
  type LabelRequirement,
  requirementErrors,
  requirementMatches,
  requirementString,
} from "./label-requirement.js";
export * from "./label-selector.js";
export * from "./types.js";
