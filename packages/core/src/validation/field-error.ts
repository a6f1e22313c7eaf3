/**
 * Field-level validation errors, after upstream's `field.Error`: a type, a
 * field path, the offending value and a detail. {@link formatFieldError}
 * renders one exactly as `field.Error.Error()` does, and
 * {@link invalidMessage} builds the message of a 422 Invalid Status the way
 * `errors.NewInvalid` does, so kubectl users read the same text they would
 * from kube-apiserver.
 * @module
 */
import type { StatusCause } from "../status.js";
import { formatGoValue, goQuote } from "./go-format.js";

/** `field.ErrorType`: the machine-readable reason, sent as `StatusCause.reason`. */
export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid";

/**
 * A field-level validation problem. Same shape as the API server's
 * `FieldError`, plus the two types upstream also uses (`FieldValueNotFound`
 * for e.g. a volumeMount naming no volume, `InternalError`).
 */
export interface FieldError {
  type: FieldErrorType;
  /** Path with indices and keys, e.g. `spec.containers[0].image`. */
  field: string;
  /** The offending value, printed where upstream prints it; {@link omitValue} to print none. */
  badValue?: unknown;
  detail?: string;
}

/** A bad value that is never printed (upstream's `omitValue`, e.g. TooMany with an unknown count). */
export const omitValue: unique symbol = Symbol.for("kube-ts.field.omitValue");

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

/** The human-readable name of a type, e.g. "Required value". */
export function fieldErrorTypeText(type: FieldErrorType): string {
  return TYPE_TEXT[type];
}

/** `Required` value; the detail says what is required or why. */
export function required(field: string, detail = ""): FieldError {
  return { type: "FieldValueRequired", field, badValue: "", detail };
}

/** `Invalid` value: malformed, out of range, does not match a format. */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: "FieldValueInvalid", field, badValue: value, detail };
}

/** `Unsupported` value of an enum; `supported` is listed, quoted, in the order given. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(", ")}` : "";
  return { type: "FieldValueNotSupported", field, badValue: value, detail };
}

/** `Duplicate` value of something that must be unique. */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: "FieldValueDuplicate", field, badValue: value, detail: "" };
}

/** `Forbidden`: valid in form, but not allowed here. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: "FieldValueForbidden", field, badValue: "", detail };
}

/** `Not found`: a reference to something that does not exist. */
export function notFound(field: string, value: unknown): FieldError {
  return { type: "FieldValueNotFound", field, badValue: value, detail: "" };
}

/** `Too long`, in bytes (upstream's `field.TooLong`); the value is never printed. */
export function tooLong(field: string, value: unknown, maxLength: number): FieldError {
  return { type: "FieldValueTooLong", field, badValue: value, detail: `must have at most ${maxLength} bytes` };
}

/** `Too many` items in a list; a negative `actual` omits the count. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : "has too many items";
  return { type: "FieldValueTooMany", field, badValue: actual >= 0 ? actual : omitValue, detail };
}

/** `Internal error`: a problem not caused by the input. */
export function internalError(field: string, message: string): FieldError {
  return { type: "InternalError", field, badValue: null, detail: message };
}

/**
 * The message without the field, as upstream's `ErrorBody` (sent as a
 * StatusCause message): `Invalid value: "Foo": a lowercase RFC 1123 ...`.
 * Required, Forbidden, TooLong and Internal never print the value.
 */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case "FieldValueRequired":
    case "FieldValueForbidden":
    case "FieldValueTooLong":
    case "InternalError":
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = e.badValue === omitValue ? TYPE_TEXT[e.type] : `${TYPE_TEXT[e.type]}: ${formatGoValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/**
 * Upstream's `field.Error.Error()`: `<field>: <body>`, e.g.
 * `spec.containers[0].image: Required value`.
 */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * The errors joined as upstream's `ErrorList.ToAggregate().Error()`:
 * duplicates (by message) dropped, one message bare, several as `[a, b]`.
 * Returns "" for an empty list.
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const e of errors) {
    const msg = formatFieldError(e);
    if (seen.has(msg)) continue;
    seen.add(msg);
    messages.push(msg);
  }
  if (messages.length === 0) return "";
  if (messages.length === 1) return messages[0];
  return `[${messages.join(", ")}]`;
}

/** A kind, optionally qualified by its API group ("" for the core group). */
export interface GroupKind {
  group: string;
  kind: string;
}

/** `schema.GroupKind.String()`: `Pod`, `Deployment.apps`. */
export function qualifiedKind(kind: string | GroupKind): string {
  if (typeof kind === "string") return kind;
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
}

/**
 * The message of a 422 Invalid, as `errors.NewInvalid`:
 * `Pod "x" is invalid: spec.containers[0].image: Required value`, or with
 * several errors `Deployment.apps "x" is invalid: [a, b]`. Pass a
 * {@link GroupKind} to get the group-qualified kind upstream prints.
 */
export function invalidMessage(kind: string | GroupKind, name: string, errors: readonly FieldError[]): string {
  const agg = aggregateMessage(errors);
  const head = `${qualifiedKind(kind)} ${goQuote(name)} is invalid`;
  return agg ? `${head}: ${agg}` : head;
}

/** The StatusCauses of a 422 Invalid: one per error (not deduplicated), as `errors.NewInvalid`. */
export function toStatusCauses(errors: readonly FieldError[]): StatusCause[] {
  return errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
}
