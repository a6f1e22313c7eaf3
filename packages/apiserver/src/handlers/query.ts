/**
 * Query parameters of resource requests, parsed and checked once: a bad
 * value is a 400 with upstream's wording, never a silent default.
 * @module
 */
import { badRequest } from "../errors.js";
import type { DeleteOptions, FieldValidation } from "../registry/store.js";

function integer(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(raw)}: must be an integer`);
  return Number(raw);
}

function boolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw badRequest(`invalid value for ${name}: ${JSON.stringify(raw)}: must be a boolean`);
}

/** `?dryRun=All` (the only value upstream accepts). */
export function parseDryRun(query: URLSearchParams): boolean {
  const values = query.getAll("dryRun");
  for (const v of values) {
    if (v !== "All") throw badRequest(`Invalid dry run value: ${JSON.stringify(v)}: supported values: "All"`);
  }
  return values.length > 0;
}

/** `?fieldValidation=`; the server default is Warn, as upstream. */
export function parseFieldValidation(query: URLSearchParams): FieldValidation {
  const raw = query.get("fieldValidation");
  if (raw === null || raw === "") return "Warn";
  if (raw === "Strict" || raw === "Warn" || raw === "Ignore") return raw;
  throw badRequest(`fieldValidation: Unsupported value: "${raw}": supported values: "Ignore", "Strict", "Warn"`);
}

/** The list/watch parameters. */
export interface ListQuery {
  labelSelector: string;
  fieldSelector: string;
  limit: number | undefined;
  continueToken: string | undefined;
  resourceVersion: string;
  resourceVersionMatch: "Exact" | "NotOlderThan" | "";
  timeoutSeconds: number | undefined;
  allowWatchBookmarks: boolean;
  sendInitialEvents: boolean | undefined;
}

/** Parses and cross-checks list/watch parameters as upstream's validation does. */
export function parseListQuery(query: URLSearchParams, isWatch: boolean): ListQuery {
  const limit = integer(query, "limit");
  if (limit !== undefined && limit < 0) throw badRequest("limit: Invalid value: must be non-negative");
  const match = query.get("resourceVersionMatch") ?? "";
  if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  const resourceVersion = query.get("resourceVersion") ?? "";
  if (resourceVersion !== "" && !/^\d+$/.test(resourceVersion)) {
    throw badRequest(`resourceVersion: Invalid value: ${JSON.stringify(resourceVersion)}: must be a non-negative integer`);
  }
  if (match === "Exact" && (resourceVersion === "" || resourceVersion === "0")) {
    throw badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\" or unset");
  }
  if (match && !isWatch && resourceVersion === "") {
    throw badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
  }
  const continueToken = query.get("continue") || undefined;
  if (continueToken && resourceVersion !== "" && resourceVersion !== "0") {
    throw badRequest("specifying resource version is not allowed when using continue");
  }
  const sendInitialEvents = boolean(query, "sendInitialEvents");
  const allowWatchBookmarks = boolean(query, "allowWatchBookmarks") ?? false;
  if (sendInitialEvents !== undefined) {
    if (!isWatch) throw badRequest("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
    if (match !== "NotOlderThan") {
      throw badRequest("resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    }
    if (sendInitialEvents && !allowWatchBookmarks) {
      throw badRequest("allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true");
    }
  } else if (isWatch && match) {
    throw badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
  }
  const timeoutSeconds = integer(query, "timeoutSeconds");
  return {
    labelSelector: query.get("labelSelector") ?? "",
    fieldSelector: query.get("fieldSelector") ?? "",
    limit,
    continueToken,
    resourceVersion,
    resourceVersionMatch: match,
    timeoutSeconds: timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds : undefined,
    allowWatchBookmarks,
    sendInitialEvents,
  };
}

/** DeleteOptions from the query string merged over a body (the query wins, as upstream). */
export function parseDeleteOptions(query: URLSearchParams, body: Record<string, unknown> | undefined): DeleteOptions {
  const options: DeleteOptions = {};
  const source = body ?? {};
  if (source.kind !== undefined && source.kind !== "DeleteOptions") {
    throw badRequest(`the body of a delete must be DeleteOptions, got kind ${JSON.stringify(source.kind)}`);
  }
  const grace = integer(query, "gracePeriodSeconds") ?? source.gracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    if (typeof grace !== "number" || !Number.isInteger(grace)) throw badRequest("gracePeriodSeconds must be an integer");
    options.gracePeriodSeconds = grace;
  }
  const policy = query.get("propagationPolicy") ?? source.propagationPolicy;
  if (policy !== undefined && policy !== null && policy !== "") {
    if (policy !== "Orphan" && policy !== "Background" && policy !== "Foreground") {
      throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`);
    }
    options.propagationPolicy = policy;
  }
  const orphan = boolean(query, "orphanDependents") ?? source.orphanDependents;
  if (typeof orphan === "boolean") {
    if (options.propagationPolicy) {
      throw badRequest("propagationPolicy: Invalid value: orphanDependents and deletionPropagation cannot be both set");
    }
    options.orphanDependents = orphan;
  }
  const pre = source.preconditions as { uid?: unknown; resourceVersion?: unknown } | undefined;
  if (pre && typeof pre === "object") {
    options.preconditions = {
      uid: typeof pre.uid === "string" ? pre.uid : undefined,
      resourceVersion: typeof pre.resourceVersion === "string" ? pre.resourceVersion : undefined,
    };
  }
  const bodyDryRun = Array.isArray(source.dryRun) && source.dryRun.includes("All");
  options.dryRun = parseDryRun(query) || bodyDryRun;
  return options;
}
