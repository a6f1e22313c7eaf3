/**
 * The Kubernetes `Status` object and the reasons the API returns, plus
 * constructors for the errors every part of kube-ts reports.
 * @module
 */

/** `metav1.StatusReason`: a machine-readable reason for a failure. */
export type StatusReason =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Expired"
  | "Invalid"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "UnsupportedMediaType"
  | "RequestEntityTooLarge"
  | "TooManyRequests"
  | "InternalError"
  | "Timeout"
  | "ServerTimeout"
  | "ServiceUnavailable"
  | "";

/** `metav1.StatusCause`: one field-level problem. */
export interface StatusCause {
  /** e.g. "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported", "FieldValueDuplicate", "FieldValueForbidden", "FieldValueTooLong". */
  reason?: string;
  message?: string;
  /** Field path, e.g. "metadata.name" or "spec.containers[0].image". */
  field?: string;
}

/** `metav1.StatusDetails`. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** `metav1.Status`, as returned for every failed request. */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: { resourceVersion?: string; continue?: string };
  status: "Success" | "Failure";
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}
