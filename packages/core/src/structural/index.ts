/**
 * Structural-schema machinery the API server runs on every write: decoding
 * against a schema (unknown fields, type errors) and upstream-shaped messages.
 * @module
 */

export { type DecodeOptions, type DecodeResult, type DecodeTypeError, decodeAgainstSchema, renderPath } from "./decode.js";
export { type GoTypeNames, goStructName, goTypeOf } from "./go-types.js";
export { decodeErrorMessage, strictDecodingError, typeErrorMessage, unknownFieldWarnings } from "./messages.js";
