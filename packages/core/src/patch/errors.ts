/**
 * The error every patch function throws, carrying the HTTP status the API
 * server should answer with.
 *
 * Upstream kube-apiserver maps patch failures as follows, and so do we:
 * - 400 BadRequest: the patch body is not of the right shape (a JSON patch
 *   that is not an array of objects; a malformed strategic-merge directive such
 *   as `$retainKeys`, `$setElementOrder/…` or `$deleteFromPrimitiveList/…`).
 * - 413 RequestEntityTooLarge: a JSON patch with more than 10000 operations.
 * - 422 Invalid: a JSON patch that is well-formed JSON but cannot be applied
 *   (unknown op, missing `path`, a path that does not exist, an index out of
 *   range, a failed `test`), and a strategic merge patch of a list of lists.
 *
 * Where upstream answers 500 because its strategic-merge code returns a plain
 * Go error (a list item without its merge key, an unknown `$patch` value, a
 * `$setElementOrder` list that does not match the patch), we answer 400: the
 * request is at fault, not the server.
 * @module
 */
import type { Status, StatusReason } from "../status.js";

const BRAND = Symbol.for("kube-ts.PatchError");

/** HTTP status codes a {@link PatchError} can carry. */
export type PatchErrorStatus = 400 | 413 | 422;

const REASONS: Record<PatchErrorStatus, StatusReason> = {
  400: "BadRequest",
  413: "RequestEntityTooLarge",
  422: "Invalid",
};

/** A patch that is malformed (400), too large (413) or cannot be applied (422). */
export class PatchError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = "KUBE_PATCH";
  /** The HTTP status the API server should return. */
  readonly status: PatchErrorStatus;
  /** The `metav1.StatusReason` that goes with {@link status}. */
  readonly reason: StatusReason;

  constructor(message: string, status: PatchErrorStatus = 400) {
    super(message);
    this.name = "PatchError";
    this.status = status;
    this.reason = REASONS[status];
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The `Status` object the API server returns for this error. */
  toStatus(): Status {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.status,
    };
  }

  /** `instanceof` that also recognizes errors from another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }
}
