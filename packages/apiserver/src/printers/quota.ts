/**
 * Printers for core/v1 ResourceQuota (NAME AGE REQUEST LIMIT) and
 * LimitRange (NAME CREATED AT), as upstream prints them.
 * @module
 */

import type { ResourceQuota } from "kubernetes-types/core/v1.js";
import { AGE_DOC, NAME_DOC } from "./descriptions.js";
import { column, compareStrings, rfc3339, since } from "./format.js";
import type { Printer } from "./types.js";

const nameColumn = column("Name", "string", NAME_DOC, { format: "name" });

/** `resource: used/hard` for each hard limit, sorted, split into limits.* and the rest. */
function quotaCells(quota: ResourceQuota): [string, string] {
  const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
  const used = quota.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort(compareStrings)) {
    const entry = `${name}: ${String(used[name] ?? "0")}/${String(hard[name])}`;
    (name.startsWith("limits.") ? limits : requests).push(entry);
  }
  return [requests.join(", "), limits.join(", ")];
}

/** core/v1 ResourceQuota. */
export const resourceQuotaPrinter: Printer = {
  columns: [
    nameColumn,
    column("Age", "string", AGE_DOC),
    column("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
    column("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
  ],
  cells(obj, now) {
    const quota = obj as ResourceQuota;
    const [request, limit] = quotaCells(quota);
    return [quota.metadata?.name ?? "", since(quota.metadata?.creationTimestamp, now), request, limit];
  },
};

/** core/v1 LimitRange. */
export const limitRangePrinter: Printer = {
  columns: [nameColumn, column("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created.")],
  cells(obj) {
    const meta = obj.metadata as { name?: string; creationTimestamp?: string } | undefined;
    return [meta?.name ?? "", rfc3339(meta?.creationTimestamp)];
  },
};
