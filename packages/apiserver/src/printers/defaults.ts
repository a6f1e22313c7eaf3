/**
 * The default table for kinds without a dedicated printer (upstream's
 * DefaultTableConvertor): NAME and CREATED AT, the creation time as an
 * RFC 3339 UTC date. Role, ClusterRole and CustomResourceDefinition use it
 * upstream too.
 * @module
 */

import { AGE_DOC, NAME_DOC } from "./descriptions.js";
import { column, rfc3339 } from "./format.js";
import type { Printer } from "./types.js";

/** NAME and CREATED AT (type `date`). */
export const defaultPrinter: Printer = {
  columns: [column("Name", "string", NAME_DOC, { format: "name" }), column("Created At", "date", AGE_DOC)],
  cells(obj) {
    const metadata = (obj.metadata ?? {}) as { name?: string; creationTimestamp?: string };
    return [metadata.name ?? "", rfc3339(metadata.creationTimestamp)];
  },
};
