/**
 * Parses a request path into what it addresses, after kube-apiserver's
 * RequestInfoFactory: API prefix, group, version, namespace, resource,
 * name, subresource and the Kubernetes verb.
 * @module
 */

/** What a request addresses. Non-resource requests (discovery, health) have only `path`. */
export interface RequestInfo {
  path: string;
  /** True for /api/v1/... and /apis/g/v/... paths below a group-version. */
  isResourceRequest: boolean;
  /** "api" (core group) or "apis". */
  apiPrefix?: "api" | "apis";
  group: string;
  version: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  /** get, list, watch, create, update, patch, delete, deletecollection; for non-resource requests the lower-case method. */
  verb: string;
}

const METHOD_VERBS: Record<string, string> = {
  POST: "create",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
  GET: "get",
  HEAD: "get",
};

function isTrue(value: string | null): boolean {
  return value === "true" || value === "1";
}

/** Splits and decodes a path; returns undefined for a malformed percent-encoding. */
function pathParts(path: string): string[] | undefined {
  const parts: string[] = [];
  for (const raw of path.split("/")) {
    if (raw === "") continue;
    try {
      parts.push(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
  }
  return parts;
}

/** Parses `method` + `url`; never throws. */
export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    path,
    isResourceRequest: false,
    group: "",
    version: "",
    namespace: "",
    resource: "",
    name: "",
    subresource: "",
    verb: method.toLowerCase(),
  };
  let parts = pathParts(path);
  if (!parts || parts.length === 0) return info;
  const prefix = parts[0];
  if (prefix !== "api" && prefix !== "apis") return info;
  info.apiPrefix = prefix;
  parts = parts.slice(1);
  if (prefix === "apis") {
    info.group = parts.shift() ?? "";
  }
  info.version = parts.shift() ?? "";
  if (parts.length === 0) return info; // discovery of a group or group-version

  info.isResourceRequest = true;
  info.verb = METHOD_VERBS[method] ?? method.toLowerCase();
  // Deprecated /watch/ prefix: GET /api/v1/watch/pods == GET /api/v1/pods?watch=true
  let legacyWatch = false;
  if (parts[0] === "watch") {
    legacyWatch = true;
    parts = parts.slice(1);
  }
  if (parts[0] === "namespaces" && parts.length >= 3) {
    // /namespaces/{ns}/{resource}/... ; but /namespaces/{name}/status|finalize stays the namespaces resource
    if (parts.length === 3 && (parts[2] === "status" || parts[2] === "finalize")) {
      info.resource = "namespaces";
      info.name = parts[1];
      info.subresource = parts[2];
    } else {
      info.namespace = parts[1];
      info.resource = parts[2];
      info.name = parts[3] ?? "";
      info.subresource = parts.slice(4).join("/");
    }
  } else {
    info.resource = parts[0];
    info.name = parts[1] ?? "";
    info.subresource = parts.slice(2).join("/");
  }
  if (info.verb === "get" && !info.name) info.verb = "list";
  if (info.verb === "delete" && !info.name) info.verb = "deletecollection";
  if ((info.verb === "list" || info.verb === "get") && (legacyWatch || isTrue(query.get("watch")))) info.verb = "watch";
  return info;
}
