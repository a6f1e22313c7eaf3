/**
 * Printer for coordination.k8s.io/v1 Lease.
 * @module
 */

import type { Lease } from "kubernetes-types/coordination/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import { column, since } from "./format.js";
import type { Printer } from "./types.js";

/** Lease: NAME HOLDER AGE (HOLDER is empty when nobody holds the lease). */
export const leasePrinter: Printer = {
  columns: [
    column("Name", "string", NAME_DOC, { format: "name" }),
    column("Holder", "string", FIELD_DOCS["LeaseSpec.holderIdentity"]),
    column("Age", "string", AGE_DOC),
  ],
  cells(obj, now) {
    const lease = obj as Lease;
    return [lease.metadata?.name ?? "", lease.spec?.holderIdentity ?? "", since(lease.metadata?.creationTimestamp, now)];
  },
};
