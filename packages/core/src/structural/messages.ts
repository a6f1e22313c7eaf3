/**
 * Upstream-shaped messages for the outcome of
 * {@link decodeAgainstSchema}: what kube-apiserver puts in a 400 BadRequest
 * Status when a create or update body does not decode, and in the Warning
 * headers of `fieldValidation=Warn`.
 *
 * Upstream wraps every decode error of a create/update body as
 * `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`,
 * where the error is Go's encoding/json message
 * (`json: cannot unmarshal string into Go struct field
 * ContainerPort.spec.containers.ports.containerPort of type int32` — Go
 * prints the field path without list indices) or the strict decoder's
 * `strict decoding error: unknown field "spec.containerz", unknown field "…"`.
 * @module
 */

import type { DecodeResult, DecodeTypeError } from "./decode.js";

/** Go's message for one type error (`json: cannot unmarshal …`), or the format error's own text. */
export function typeErrorMessage(err: DecodeTypeError): string {
  if (err.detail !== undefined) return err.detail;
  const field = err.path.replace(/\[\d+\]/g, "");
  const where = err.goStruct !== undefined ? `Go struct field ${err.goStruct}.${field}` : field === "" ? "Go value" : `Go struct field .${field}`;
  return `json: cannot unmarshal ${err.actual} into ${where} of type ${err.goType}`;
}

/** The strict decoder's message for unknown fields: `strict decoding error: unknown field "a", unknown field "b"`. */
export function strictDecodingError(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`).join(", ")}`;
}

/** One Warning header text per unknown field, as sent for `fieldValidation=Warn`: `unknown field "spec.x"`. */
export function unknownFieldWarnings(unknownFields: readonly string[]): string[] {
  return unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`);
}

/**
 * The message of the 400 BadRequest for a body that cannot be decoded, or
 * undefined when it can. Type errors win (Go stops at them); unknown fields
 * count only when `strict` (fieldValidation=Strict).
 * @param kind the kind decoded into, e.g. `Pod`.
 * @param version its version, e.g. `v1`.
 */
export function decodeErrorMessage(kind: string, version: string, result: DecodeResult, strict: boolean): string | undefined {
  let cause: string | undefined;
  if (result.typeErrors.length > 0) cause = typeErrorMessage(result.typeErrors[0]);
  else if (strict && result.unknownFields.length > 0) cause = strictDecodingError(result.unknownFields);
  return cause === undefined ? undefined : `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${cause}`;
}
