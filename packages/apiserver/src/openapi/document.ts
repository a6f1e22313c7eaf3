/**
 * OpenAPI v3 documents per group-version, as kube-apiserver serves them at
 * `/openapi/v3/apis/<group>/<version>`, and the `/openapi/v3` index.
 *
 * What clients rely on (see docs on the kubectl protocol):
 * - kubectl finds the PATCH operation whose `x-kubernetes-group-version-kind`
 *   (a single object on operations) matches the object, and when it has a
 *   `fieldValidation` query parameter it leaves unknown-field detection to the
 *   server (`?fieldValidation=Strict`) instead of validating client-side;
 * - `kubectl explain` and client-side apply resolve the kind's schema in
 *   `components.schemas` through its `x-kubernetes-group-version-kind` list;
 * - the index names each document with `?hash=<content hash>`, so clients may
 *   cache a document forever under that URL: the hash must change whenever
 *   the content does, and only then.
 * @module
 */

import { createHash } from "node:crypto";
import type { ResourceDefinition } from "../registry/resource.js";
import { builtinDefinition, type GroupVersionKind, type JsonSchema, REF_PREFIX, reachableDefinitions } from "./definitions.js";
import { groupVersionPath, parseApiVersion } from "./names.js";

/** An OpenAPI 3.0 document as JSON. */
export interface OpenApiDocument {
  openapi: "3.0.0";
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, JsonSchema> };
}

/** One path of a document: its operations and shared parameters. */
export type PathItem = { parameters?: Parameter[] } & Partial<Record<"get" | "put" | "post" | "patch" | "delete", Operation>>;

/** An operation, with the Kubernetes extensions clients read. */
export interface Operation {
  description: string;
  operationId: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }>; required?: boolean };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  "x-kubernetes-action": "get" | "list" | "post" | "put" | "patch" | "delete" | "deletecollection";
  "x-kubernetes-group-version-kind": GroupVersionKind;
}

/** A parameter object. */
export interface Parameter {
  name: string;
  in: "query" | "path";
  description: string;
  required?: boolean;
  schema: { type: "string" | "integer" | "boolean"; uniqueItems: true };
}

/** The `/openapi/v3` index. */
export interface OpenApiIndex {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** The Kubernetes version the documents claim. */
export const OPENAPI_INFO = { title: "Kubernetes", version: "v1.32.0" } as const;

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const STATUS = `${META}.Status`;
const DELETE_OPTIONS = `${META}.DeleteOptions`;
const PATCH = `${META}.Patch`;
const LIST_META = `${META}.ListMeta`;
const SCALE = "io.k8s.api.autoscaling.v1.Scale";
const SCALE_GVK: GroupVersionKind = { group: "autoscaling", version: "v1", kind: "Scale" };

const RESPONSE_TYPES = ["application/json", "application/yaml"];
const LIST_RESPONSE_TYPES = [...RESPONSE_TYPES, "application/json;stream=watch"];
/** Patch content types the server accepts (the order upstream lists them in is alphabetical after sorting). */
export const PATCH_CONTENT_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
];

// --- parameters: our own wording of the standard query parameters ---

const q = (name: string, type: Parameter["schema"]["type"], description: string): Parameter => ({
  description,
  in: "query",
  name,
  schema: { type, uniqueItems: true },
});

const P = {
  pretty: q("pretty", "string", "If 'true', the output is pretty printed."),
  dryRun: q("dryRun", "string", "When present, the request is processed but nothing is persisted. The only valid value is 'All'."),
  fieldManagerWrite: q("fieldManager", "string", "Name of the actor making the change, recorded in managedFields. At most 128 printable characters."),
  fieldManagerPatch: q(
    "fieldManager",
    "string",
    "Name of the actor making the change, recorded in managedFields. At most 128 printable characters. Required for apply patches (application/apply-patch+yaml), optional for other patch types.",
  ),
  fieldValidation: q(
    "fieldValidation",
    "string",
    "How the server treats unknown and duplicate fields in the request body. Ignore: drop them silently. Warn (default): drop them and send a Warning header for each. Strict: reject the request with 400 BadRequest listing every unknown and duplicate field.",
  ),
  force: q("force", "boolean", "Force an apply request: take ownership of fields other managers own. Must be unset for other patch types."),
  gracePeriodSeconds: q("gracePeriodSeconds", "integer", "Seconds to wait before deleting the object; 0 means immediately. Unset uses the kind's default."),
  orphanDependents: q("orphanDependents", "boolean", "Deprecated: use propagationPolicy. Whether dependents are orphaned instead of garbage collected."),
  propagationPolicy: q("propagationPolicy", "string", "Garbage collection of dependents: 'Orphan', 'Background' or 'Foreground'."),
  allowWatchBookmarks: q("allowWatchBookmarks", "boolean", "For watches: request BOOKMARK events. Servers may ignore it."),
  continue: q("continue", "string", "The continue token of a previous, paginated list response."),
  fieldSelector: q("fieldSelector", "string", "Restrict the returned objects by their fields, e.g. 'metadata.name=x'."),
  labelSelector: q("labelSelector", "string", "Restrict the returned objects by their labels."),
  limit: q("limit", "integer", "Maximum number of objects to return; a continue token is returned when more remain."),
  resourceVersion: q("resourceVersion", "string", "Constrains which resource versions the request may be served from. Defaults to the most recent."),
  resourceVersionMatch: q("resourceVersionMatch", "string", "How resourceVersion is applied to list calls: 'Exact' or 'NotOlderThan'."),
  sendInitialEvents: q("sendInitialEvents", "boolean", "For watches: start with synthetic ADDED events for the current state, then a bookmark."),
  timeoutSeconds: q("timeoutSeconds", "integer", "Timeout for the list or watch call, in seconds."),
  watch: q("watch", "boolean", "Watch for changes to the described resources and return them as a stream of events."),
};

const pathParam = (name: string, description: string): Parameter => ({
  description,
  in: "path",
  name,
  required: true,
  schema: { type: "string", uniqueItems: true },
});
const NAMESPACE_PARAM = pathParam("namespace", "object name and auth scope, such as for teams and projects");

const LIST_PARAMS = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
  P.watch,
];
const WRITE_PARAMS = [P.dryRun, P.fieldManagerWrite, P.fieldValidation];
const PATCH_PARAMS = [P.dryRun, P.fieldManagerPatch, P.fieldValidation, P.force];
const DELETE_PARAMS = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];
const DELETE_COLLECTION_PARAMS = [
  P.continue,
  P.dryRun,
  P.fieldSelector,
  P.gracePeriodSeconds,
  P.labelSelector,
  P.limit,
  P.orphanDependents,
  P.propagationPolicy,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
];

// --- naming ---

/** Upstream's friendly group name in operation ids: `rbac.authorization.k8s.io` → `RbacAuthorization`, `""` → `Core`. */
export function groupFriendlyName(group: string): string {
  if (group === "") return "Core";
  return group
    .replace(/\.k8s\.io$/, "")
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
}

const ref = (name: string): JsonSchema => ({ $ref: REF_PREFIX + name });
const content = (types: string[], name: string) => Object.fromEntries(types.map((t) => [t, { schema: ref(name) }]));
const responses = (name: string, codes: Array<[string, string]>, types = RESPONSE_TYPES): Operation["responses"] => {
  const out: Operation["responses"] = {};
  for (const [code, description] of codes) out[code] = { content: content(types, name), description };
  out["401"] = { description: "Unauthorized" };
  return out;
};

/**
 * Builds the OpenAPI v3 document of one group-version.
 * @param groupVersion the group ("" for core) and version the document describes.
 * @param resources the resources served in it; each `schemaName` must resolve to a
 *   built-in definition or an entry of `extraSchemas`.
 * @param extraSchemas further component schemas by definition name (custom resources);
 *   they take precedence over built-ins and may `$ref` built-ins (e.g. ObjectMeta).
 * @returns a document whose `components.schemas` holds exactly the definitions reachable
 *   from the resources and the operations (Status, DeleteOptions, Patch, Scale, lists).
 */
export function buildGroupVersionDocument(
  groupVersion: { group: string; version: string },
  resources: ResourceDefinition[],
  extraSchemas: Record<string, object> = {},
): OpenApiDocument {
  const { group, version } = groupVersion;
  const extras = extraSchemas as Record<string, JsonSchema>;
  const synthesized: Record<string, JsonSchema> = {};
  const lookup = (name: string): JsonSchema | undefined => extras[name] ?? synthesized[name] ?? builtinDefinition(name);

  const gvPrefix = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
  const opPrefix = `${groupFriendlyName(group)}${version.charAt(0).toUpperCase()}${version.slice(1)}`;
  const tag = `${groupFriendlyName(group).charAt(0).toLowerCase()}${groupFriendlyName(group).slice(1)}_${version}`;
  const paths: Record<string, PathItem> = {};
  const roots = new Set<string>([STATUS]);

  for (const r of [...resources].sort((a, b) => a.plural.localeCompare(b.plural))) {
    const kindName = r.schemaName;
    if (!lookup(kindName)) throw new Error(`no schema ${kindName} for ${r.plural}.${r.group}`);
    const listName = `${kindName}List`;
    if (!lookup(listName)) synthesized[listName] = listSchema(r, kindName);
    roots.add(kindName).add(listName).add(DELETE_OPTIONS).add(PATCH);

    const gvk: GroupVersionKind = { group, kind: r.kind, version };
    const scope = r.namespaced ? "Namespaced" : "";
    const kindOp = `${opPrefix}${scope}${r.kind}`;
    const collection = r.namespaced ? `${gvPrefix}/namespaces/{namespace}/${r.plural}` : `${gvPrefix}/${r.plural}`;
    const item = `${collection}/{name}`;
    const scopeParams = r.namespaced ? [NAMESPACE_PARAM] : [];
    const nameParam = pathParam("name", `name of the ${r.kind}`);
    const op = (o: Omit<Operation, "tags" | "x-kubernetes-group-version-kind"> & { gvk?: GroupVersionKind }): Operation => {
      const { gvk: opGvk, ...rest } = o;
      return { ...rest, tags: [tag], "x-kubernetes-group-version-kind": opGvk ?? gvk };
    };

    const collectionPath: PathItem = {
      delete: op({
        description: `delete collection of ${r.kind}`,
        operationId: `delete${opPrefix}Collection${scope}${r.kind}`,
        parameters: DELETE_COLLECTION_PARAMS,
        requestBody: { content: content(["*/*"], DELETE_OPTIONS) },
        responses: responses(STATUS, [["200", "OK"]]),
        "x-kubernetes-action": "deletecollection",
      }),
      get: op({
        description: `list or watch objects of kind ${r.kind}`,
        operationId: `list${kindOp}`,
        parameters: LIST_PARAMS,
        responses: responses(listName, [["200", "OK"]], LIST_RESPONSE_TYPES),
        "x-kubernetes-action": "list",
      }),
      parameters: [...scopeParams, P.pretty],
      post: op({
        description: `create a ${r.kind}`,
        operationId: `create${kindOp}`,
        parameters: WRITE_PARAMS,
        requestBody: { content: content(["*/*"], kindName), required: true },
        responses: responses(kindName, [
          ["200", "OK"],
          ["201", "Created"],
          ["202", "Accepted"],
        ]),
        "x-kubernetes-action": "post",
      }),
    };
    if (!r.deleteCollection) delete collectionPath.delete;
    paths[collection] = collectionPath;
    paths[item] = itemPath(op, {
      kind: r.kind,
      schema: kindName,
      opSuffix: kindOp,
      what: r.kind,
      params: [nameParam, ...scopeParams, P.pretty],
      withDelete: true,
    });
    if (r.namespaced) {
      paths[`${gvPrefix}/${r.plural}`] = {
        get: op({
          description: `list or watch objects of kind ${r.kind}`,
          operationId: `list${opPrefix}${r.kind}ForAllNamespaces`,
          parameters: LIST_PARAMS,
          responses: responses(listName, [["200", "OK"]], LIST_RESPONSE_TYPES),
          "x-kubernetes-action": "list",
        }),
        parameters: [P.pretty],
      };
    }
    if (r.subresources.status) {
      paths[`${item}/status`] = itemPath(op, {
        kind: r.kind,
        schema: kindName,
        opSuffix: `${kindOp}Status`,
        what: `status of the specified ${r.kind}`,
        params: [nameParam, ...scopeParams, P.pretty],
        withDelete: false,
      });
    }
    if (r.subresources.scale) {
      roots.add(SCALE);
      paths[`${item}/scale`] = itemPath((o) => op({ ...o, gvk: SCALE_GVK }), {
        kind: "Scale",
        schema: SCALE,
        opSuffix: `${kindOp}Scale`,
        what: `scale of the specified ${r.kind}`,
        params: [pathParam("name", "name of the Scale"), ...scopeParams, P.pretty],
        withDelete: false,
      });
    }
  }

  const schemas: Record<string, JsonSchema> = {};
  for (const name of reachableDefinitions(roots, lookup)) {
    const s = lookup(name);
    if (!s) throw new Error(`schema ${name} is referenced but not defined`);
    schemas[name] = s;
  }
  return { openapi: "3.0.0", info: { ...OPENAPI_INFO }, paths: sortRecord(paths), components: { schemas } };
}

/** The get/put/patch(/delete) operations of an object or one of its subresources. */
function itemPath(
  op: (o: Omit<Operation, "tags" | "x-kubernetes-group-version-kind">) => Operation,
  o: { kind: string; schema: string; opSuffix: string; what: string; params: Parameter[]; withDelete: boolean },
): PathItem {
  const verbTarget = o.withDelete ? `the specified ${o.what}` : o.what;
  const path: PathItem = {
    get: op({
      description: `read ${verbTarget}`,
      operationId: `read${o.opSuffix}`,
      responses: responses(o.schema, [["200", "OK"]]),
      "x-kubernetes-action": "get",
    }),
    parameters: o.params,
    patch: op({
      description: `partially update ${verbTarget}`,
      operationId: `patch${o.opSuffix}`,
      parameters: PATCH_PARAMS,
      requestBody: { content: content(PATCH_CONTENT_TYPES, PATCH), required: true },
      responses: responses(o.schema, [
        ["200", "OK"],
        ["201", "Created"],
      ]),
      "x-kubernetes-action": "patch",
    }),
    put: op({
      description: `replace ${verbTarget}`,
      operationId: `replace${o.opSuffix}`,
      parameters: WRITE_PARAMS,
      requestBody: { content: content(["*/*"], o.schema), required: true },
      responses: responses(o.schema, [
        ["200", "OK"],
        ["201", "Created"],
      ]),
      "x-kubernetes-action": "put",
    }),
  };
  if (o.withDelete) {
    path.delete = op({
      description: `delete ${verbTarget}`,
      operationId: `delete${o.opSuffix}`,
      parameters: DELETE_PARAMS,
      requestBody: { content: content(["*/*"], DELETE_OPTIONS) },
      responses: responses(o.schema, [
        ["200", "OK"],
        ["202", "Accepted"],
      ]),
      "x-kubernetes-action": "delete",
    });
  }
  return path;
}

/** The list schema of a kind that has none (custom resources), shaped like upstream's generated ones. */
function listSchema(r: ResourceDefinition, kindName: string): JsonSchema {
  return {
    description: `${r.listKind} is a list of ${r.kind}`,
    properties: {
      apiVersion: { description: "APIVersion defines the versioned schema of this representation of an object.", type: "string" },
      items: { description: `List of ${r.plural}.`, items: ref(kindName), type: "array" },
      kind: { description: "Kind is a string value representing the REST resource this object represents.", type: "string" },
      metadata: { allOf: [ref(LIST_META)], description: "Standard list metadata." },
    },
    required: ["items"],
    type: "object",
    "x-kubernetes-group-version-kind": [{ group: r.group, kind: r.listKind, version: r.version }],
  };
}

function sortRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Content hash of a document (or of its serialized JSON), as kube-openapi computes
 * it: upper-case hex SHA-512 of the bytes served. Used in `?hash=` and as ETag.
 */
export function documentHash(doc: OpenApiDocument | string): string {
  const json = typeof doc === "string" ? doc : JSON.stringify(doc);
  return createHash("sha512").update(json).digest("hex").toUpperCase();
}

/**
 * The `/openapi/v3` index.
 * @param groupVersions apiVersions (`v1`, `apps/v1`) or index keys (`api/v1`, `apis/apps/v1`).
 * @param hashOf the current content hash of a document, given its index key.
 */
export function buildOpenApiIndex(groupVersions: string[], hashOf: (path: string) => string): OpenApiIndex {
  const paths: OpenApiIndex["paths"] = {};
  const keys = groupVersions.map((gv) => (gv.startsWith("api/") || gv.startsWith("apis/") ? gv : groupVersionPath(parseApiVersion(gv))));
  for (const key of keys.sort()) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(key)}` };
  return { paths };
}
