/**
 * API errors: every failure a client can cause is an {@link ApiError} that
 * renders as a Kubernetes `Status`. Handlers throw these; the HTTP layer
 * writes them. Anything else that escapes is a bug and becomes a 500.
 * @module
 */
import { goQuote, type Status, type StatusCause, type StatusDetails, type StatusReason } from "@kube-ts/core";

/** An error with the HTTP code, reason and details of a Kubernetes Status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The Status object sent to the client. */
  toStatus(): Status {
    const status: Status = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** Group and resource, as upstream's `schema.GroupResource` renders them ("pods", "deployments.apps"). */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** 400 BadRequest. */
export function badRequest(message: string, causes?: StatusCause[]): ApiError {
  return new ApiError(400, "BadRequest", message, causes ? { causes } : undefined);
}

/** 401 Unauthorized. */
export function unauthorized(): ApiError {
  return new ApiError(401, "Unauthorized", "Unauthorized");
}

/** 404 NotFound for an object. */
export function notFound(gr: GroupResource, name: string): ApiError {
  return new ApiError(404, "NotFound", `${qualifiedResource(gr)} "${name}" not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 404 NotFound for a path the server does not serve. */
export function pathNotFound(): ApiError {
  return new ApiError(404, "NotFound", "the server could not find the requested resource", {});
}

/** 409 AlreadyExists. */
export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return new ApiError(409, "AlreadyExists", `${qualifiedResource(gr)} "${name}" already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 409 Conflict, e.g. a stale resourceVersion. */
export function conflict(gr: GroupResource, name: string, why: string): ApiError {
  return new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    { name, group: gr.group, kind: gr.resource },
  );
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(method: string, what: string): ApiError {
  return new ApiError(405, "MethodNotAllowed", `${method} is not supported on ${what}`, {});
}

/** 406 NotAcceptable. */
export function notAcceptable(accept: string): ApiError {
  return new ApiError(
    406,
    "NotAcceptable",
    `the server was unable to respond with a content type that the client supports (${accept})`,
  );
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${contentType})`);
}

/** 413 RequestEntityTooLarge. */
export function requestEntityTooLarge(limit: number): ApiError {
  return new ApiError(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`);
}

/** 410 Gone / Expired for a compacted resourceVersion. */
export function expired(message: string): ApiError {
  return new ApiError(410, "Expired", message);
}

/** 422 Invalid with field causes. */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[], message: string): ApiError {
  return new ApiError(422, "Invalid", message, { name, group, kind, causes });
}

/**
 * 422 Invalid for a patch whose result does not decode, as upstream's patch
 * handler: no kind or name, one cause on the field `patch` whose value is the
 * patch (strategic merge) or the patched object (JSON and merge patches).
 * kubectl prints `The request is invalid: patch: Invalid value: "…": <cause>`.
 */
export function invalidPatch(value: string, cause: string): ApiError {
  const body = `Invalid value: ${goQuote(value)}: ${cause}`;
  return new ApiError(422, "Invalid", ` "" is invalid: patch: ${body}`, {
    causes: [{ reason: "FieldValueInvalid", message: body, field: "patch" }],
  });
}

/** 403 Forbidden (e.g. creating in a terminating namespace). */
export function forbidden(gr: GroupResource, name: string, why: string): ApiError {
  return new ApiError(403, "Forbidden", `${qualifiedResource(gr)} "${name}" is forbidden: ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 500 InternalError: a server-side failure, never caused by client input. */
export function internalError(message: string): ApiError {
  return new ApiError(500, "InternalError", `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}
