/**
 * The errors of server-side apply, with the `Status` the API server returns:
 *
 * - {@link ApplyConflictError} (409 Conflict): fields another manager owns
 *   with a different value. Message and causes are upstream's:
 *   `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`,
 *   or for several, one block per manager (managers sorted by identifier):
 *   `Apply failed with 2 conflicts: conflicts with "a":\n- .spec.replicas\n- .spec.paused`.
 *   Each cause is `{reason: "FieldManagerConflict", message: "conflict with …", field: ".spec.replicas"}`.
 * - {@link ApplyError} (400 BadRequest): an applied configuration upstream
 *   refuses — wrong apiVersion, managedFields set, list items that cannot be
 *   identified. (Upstream answers the last with 500, a plain Go error; the
 *   request is at fault, so 400 here, as kube-ts does for patches.)
 * @module
 */
import { goQuote } from "../validation/go-format.js";
import type { Status, StatusCause } from "../status.js";
import { parseManagerIdentifier } from "./managers.js";
import { compareStrings, pathText } from "./path.js";
import type { RawConflict } from "./updater.js";

/** One conflicting field. */
export interface ApplyConflict {
  /** The other manager's name, e.g. `kubectl-client-side-apply`. */
  readonly manager: string;
  readonly operation: "Apply" | "Update";
  /** The manager's API version (Update entries only). */
  readonly apiVersion?: string;
  readonly subresource?: string;
  /** The field, as upstream prints it: `.spec.template.spec.containers[name="nginx"].image`. */
  readonly field: string;
  /** The cause message: `conflict with "kubectl" using apps/v1`. */
  readonly message: string;
}

/** Upstream's `printManager`: `"name"`, `with subresource "s"`, `using v` for Update entries. */
export function describeManager(identifier: string): string {
  const info = parseManagerIdentifier(identifier);
  let text = goQuote(info.manager);
  if (info.subresource) text = `${text} with subresource ${goQuote(info.subresource)}`;
  if (info.operation === "Update") text = `${text} using ${info.apiVersion ?? ""}`;
  return text;
}

const BRAND = Symbol.for("kube-ts.ApplyConflictError");
const APPLY_BRAND = Symbol.for("kube-ts.ApplyError");

/** An apply that conflicts with other managers and was not forced. */
export class ApplyConflictError extends Error {
  readonly code = "KUBE_APPLY_CONFLICT";
  readonly status = 409;
  readonly reason = "Conflict";
  /** Conflicts grouped by manager (managers in identifier order), paths in field-set order. */
  readonly conflicts: readonly ApplyConflict[];

  constructor(raw: readonly RawConflict[]) {
    const byManager = new Map<string, RawConflict[]>();
    for (const conflict of raw) {
      const list = byManager.get(conflict.manager) ?? [];
      list.push(conflict);
      byManager.set(conflict.manager, list);
    }
    const managers = [...byManager.keys()].sort(compareStrings);
    const conflicts: ApplyConflict[] = [];
    const lines: string[] = [];
    for (const id of managers) {
      const info = parseManagerIdentifier(id);
      const who = describeManager(id);
      lines.push(`conflicts with ${who}:`);
      for (const { path } of byManager.get(id) ?? []) {
        const field = pathText(path);
        lines.push(`- ${field}`);
        conflicts.push({
          manager: info.manager,
          operation: info.operation,
          ...(info.operation === "Update" ? { apiVersion: info.apiVersion } : {}),
          ...(info.subresource ? { subresource: info.subresource } : {}),
          field,
          message: `conflict with ${who}`,
        });
      }
    }
    super(
      conflicts.length === 1
        ? `Apply failed with 1 conflict: ${conflicts[0].message}: ${conflicts[0].field}`
        : `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`,
    );
    this.name = "ApplyConflictError";
    this.conflicts = conflicts;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The `Status` kube-apiserver returns (`errors.NewApplyConflict`). */
  toStatus(): Status {
    const causes: StatusCause[] = this.conflicts.map((c) => ({ reason: "FieldManagerConflict", message: c.message, field: c.field }));
    return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: "Conflict", details: { causes }, code: 409 };
  }

  /** `instanceof` that also recognizes errors from another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }
}

/** An applied configuration the server refuses (400). */
export class ApplyError extends Error {
  readonly code = "KUBE_APPLY";
  readonly status = 400;
  readonly reason = "BadRequest";

  constructor(message: string) {
    super(message);
    this.name = "ApplyError";
    Object.defineProperty(this, APPLY_BRAND, { value: true });
  }

  /** The `Status` the API server returns. */
  toStatus(): Status {
    return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: "BadRequest", code: 400 };
  }

  /** `instanceof` that also recognizes errors from another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [APPLY_BRAND]?: boolean })[APPLY_BRAND] === true;
  }
}
