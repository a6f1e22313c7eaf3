/**
 * The generic REST handler: maps a parsed resource request (verb,
 * namespace, name, subresource) onto the resource's {@link Store}, and
 * renders the answer in the negotiated representation.
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest, methodNotAllowed, pathNotFound } from "../errors.js";
import { decodeObject, mediaTypeOf, objectBodyFormat, readBody } from "../http/body.js";
import { negotiate, type Representation } from "../http/negotiate.js";
import type { RequestInfo } from "../http/request-info.js";
import { sendFormatted, streamJsonList, successStatus, warningHeaders } from "../http/respond.js";
import type { ApiRegistry } from "../registry/api-registry.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";
import type { ObjectFilter, Store, WriteOptions } from "../registry/store.js";
import { serverSideApply } from "./apply.js";
import { APPLY_PATCH, applyPatch, type PatchSchemaLookup, patchErrorValue } from "./patch.js";
import { parseDeleteOptions, parseDryRun, parseFieldValidation, parseListQuery } from "./query.js";
import { applyScale, toScale } from "./scale.js";
import { parseIncludeObject, partialMetadata, renderTable } from "./table.js";
import { serveWatch, type WatchCaches } from "./watch.js";

/** What the resource handler needs from the server. */
export interface ResourceHandlerContext {
  registry: ApiRegistry;
  caches: WatchCaches;
  schemas: PatchSchemaLookup;
  /** Builds the selector filter of a list or watch; `namespace` is included for watches. */
  buildFilter(def: ResourceDefinition, namespace: string, labelSelector: string, fieldSelector: string): ObjectFilter | undefined;
}

/** One request, parsed. */
interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  info: RequestInfo;
  query: URLSearchParams;
  store: Store;
}

function apiVersionOf(def: ResourceDefinition): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** Handles a request under /api/v1 or /apis/<group>/<version> that names a resource. */
export async function handleResource(
  ctx: ResourceHandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  info: RequestInfo,
  query: URLSearchParams,
): Promise<void> {
  const store = ctx.registry.store(info.group, info.version, info.resource);
  if (!store) throw pathNotFound();
  const def = store.def;
  if (!def.namespaced && info.namespace) throw pathNotFound();
  const call: Call = { req, res, info, query, store };
  const sub = info.subresource;
  if (sub) {
    if (!info.name) throw pathNotFound();
    if (sub === "status" && (def.subresources.status || def.kind === "Namespace")) return handleStatus(ctx, call);
    if (sub === "scale" && def.subresources.scale) return handleScale(ctx, call);
    if (sub === "finalize" && def.kind === "Namespace" && info.verb === "update") return handleFinalize(call);
    throw pathNotFound();
  }
  switch (info.verb) {
    case "get":
      return sendObject(call, await store.get(info.namespace, info.name));
    case "list":
      return handleList(ctx, call);
    case "watch":
      return handleWatch(ctx, call);
    case "create":
      if (info.name) throw methodNotAllowed("POST", `${info.resource}/${info.name}`);
      return handleCreate(call);
    case "update":
      if (!info.name) throw methodNotAllowed("PUT", info.resource);
      return handleUpdate(call);
    case "patch":
      if (!info.name) throw methodNotAllowed("PATCH", info.resource);
      return handlePatch(ctx, call, "");
    case "delete":
      return handleDelete(call);
    case "deletecollection":
      if (!def.deleteCollection) throw methodNotAllowed("DELETE", info.resource);
      return handleDeleteCollection(ctx, call);
    default:
      throw methodNotAllowed(req.method ?? "", info.resource);
  }
}

function representationFor(call: Call): Representation {
  return negotiate(call.req.headers.accept, { allowTable: true });
}

/** Sends one object in the negotiated representation. */
function sendObject(call: Call, obj: KubeObject, code = 200, warnings: string[] = []): void {
  const rep = representationFor(call);
  const headers = warningHeaders(warnings);
  if (rep.kind === "table") {
    const table = renderTable(call.store.def, [obj], {
      version: rep.version,
      include: parseIncludeObject(call.query.get("includeObject")),
      listMeta: { resourceVersion: obj.metadata?.resourceVersion },
    });
    return sendFormatted(call.res, code, table, rep.format, headers);
  }
  if (rep.kind === "metadata") return sendFormatted(call.res, code, partialMetadata(obj, rep.version), rep.format, headers);
  sendFormatted(call.res, code, obj, rep.kind === "object" ? rep.format : "json", headers);
}

async function handleList(ctx: ResourceHandlerContext, call: Call): Promise<void> {
  const { store, info, query } = call;
  const q = parseListQuery(query, false);
  const rep = representationFor(call);
  const filter = ctx.buildFilter(store.def, "", q.labelSelector, q.fieldSelector);
  const page = await store.list(info.namespace, {
    filter,
    limit: q.limit,
    continueToken: q.continueToken,
    resourceVersion: q.resourceVersion,
    resourceVersionMatch: q.resourceVersionMatch,
  });
  const listMeta: Record<string, unknown> = { resourceVersion: String(page.resourceVersion) };
  if (page.continueToken) listMeta.continue = page.continueToken;
  if (page.remainingItemCount !== undefined) listMeta.remainingItemCount = page.remainingItemCount;
  const def = store.def;
  if (rep.kind === "table") {
    // Parsed one at a time: only the rows (cells and metadata) outlive the loop.
    const include = parseIncludeObject(query.get("includeObject"));
    const objects = (function* () {
      for (const item of page.items) yield include === "Object" ? item.object : item.displayObject;
    })();
    const table = renderTable(def, objects, {
      version: rep.version,
      include,
      listMeta,
    });
    return sendFormatted(call.res, 200, table, rep.format);
  }
  if (rep.kind === "metadata") {
    const list = {
      kind: "PartialObjectMetadataList",
      apiVersion: `meta.k8s.io/${rep.version}`,
      metadata: listMeta,
      items: page.items.map((i) => partialMetadata(i.object, rep.version)),
    };
    return sendFormatted(call.res, 200, list, rep.format);
  }
  const head = JSON.stringify({ kind: def.listKind, apiVersion: apiVersionOf(def), metadata: listMeta });
  if (rep.kind === "object" && rep.format === "yaml") {
    return sendFormatted(call.res, 200, `${head.slice(0, -1)},"items":[${page.items.map((i) => i.json).join(",")}]}`, "yaml");
  }
  // The common case streams stored JSON text, never parsing or re-serializing an object.
  await streamJsonList(call.res, head, page.items);
}

async function handleWatch(ctx: ResourceHandlerContext, call: Call): Promise<void> {
  const { store, info, query } = call;
  const q = parseListQuery(query, true);
  const representation = representationFor(call);
  await serveWatch(
    ctx.caches,
    store,
    {
      namespace: info.namespace,
      filter: ctx.buildFilter(store.def, info.namespace, q.labelSelector, q.fieldSelector),
      resourceVersion: q.resourceVersion,
      sendInitialEvents: q.sendInitialEvents,
      allowBookmarks: q.allowWatchBookmarks,
      timeoutSeconds: q.timeoutSeconds,
      representation,
      includeObject: parseIncludeObject(query.get("includeObject")),
    },
    call.res,
  );
}

function writeOptions(call: Call, subresource: "" | "status" = ""): WriteOptions & { warnings: string[] } {
  return {
    dryRun: parseDryRun(call.query),
    fieldValidation: parseFieldValidation(call.query),
    fieldManager: call.query.get("fieldManager") ?? undefined,
    userAgent: call.req.headers["user-agent"],
    warnings: [],
    subresource,
  };
}

async function readObjectBody(req: IncomingMessage): Promise<KubeObject> {
  const format = objectBodyFormat(req.headers["content-type"]);
  return decodeObject(await readBody(req), format) as KubeObject;
}

async function handleCreate(call: Call): Promise<void> {
  const options = writeOptions(call);
  const body = await readObjectBody(call.req);
  const created = await call.store.create(call.info.namespace, body, options);
  sendObject(call, created, 201, options.warnings);
}

async function handleUpdate(call: Call, subresource: "" | "status" = ""): Promise<void> {
  const options = writeOptions(call, subresource);
  const body = await readObjectBody(call.req);
  const updated = await call.store.update(call.info.namespace, call.info.name, body, options);
  sendObject(call, updated, 200, options.warnings);
}

async function handlePatch(ctx: ResourceHandlerContext, call: Call, subresource: "" | "status"): Promise<void> {
  const options = writeOptions(call, subresource);
  const contentType = mediaTypeOf(call.req.headers["content-type"]);
  const body = await readBody(call.req);
  if (contentType === APPLY_PATCH) {
    const target = { namespace: call.info.namespace, name: call.info.name, subresource: subresource || undefined };
    const { object, created } = await serverSideApply(call.store, ctx.schemas, target, body, call.query, options);
    return sendObject(call, object, created ? 201 : 200, options.warnings);
  }
  options.patchValue = (patched) => patchErrorValue(contentType, body, patched);
  const def = call.store.def;
  const patched = await call.store.guaranteedUpdate(call.info.namespace, call.info.name, options, (current) =>
    applyPatch(contentType, body, current, def, ctx.schemas),
  );
  sendObject(call, patched, 200, options.warnings);
}

async function handleStatus(ctx: ResourceHandlerContext, call: Call): Promise<void> {
  switch (call.info.verb) {
    case "get":
      return sendObject(call, await call.store.get(call.info.namespace, call.info.name));
    case "update":
      return handleUpdate(call, "status");
    case "patch":
      return handlePatch(ctx, call, "status");
    default:
      throw methodNotAllowed(call.req.method ?? "", `${call.info.resource}/status`);
  }
}

async function handleScale(ctx: ResourceHandlerContext, call: Call): Promise<void> {
  const { store, info } = call;
  const scale = store.def.subresources.scale!;
  const send = (obj: KubeObject) => sendFormatted(call.res, 200, toScale(obj, scale), "json");
  if (info.verb === "get") return send(await store.get(info.namespace, info.name));
  const options: WriteOptions = { ...writeOptions(call), subresource: "scale" };
  if (info.verb === "update") {
    const body = await readObjectBody(call.req);
    const rv = (body.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    const updated = await store.guaranteedUpdate(info.namespace, info.name, options, (current) => {
      if (rv && rv !== current.metadata?.resourceVersion) {
        const next = applyScale(current, body, scale);
        next.metadata = { ...next.metadata, resourceVersion: rv };
        return next;
      }
      return applyScale(current, body, scale);
    });
    return send(updated);
  }
  if (info.verb === "patch") {
    const contentType = mediaTypeOf(call.req.headers["content-type"]);
    const body = await readBody(call.req);
    const updated = await store.guaranteedUpdate(info.namespace, info.name, options, (current) => {
      const patchedScale = applyPatch(contentType, body, toScale(current, scale) as KubeObject, undefined, ctx.schemas);
      return applyScale(current, patchedScale, scale);
    });
    return send(updated);
  }
  throw methodNotAllowed(call.req.method ?? "", `${info.resource}/scale`);
}

/** PUT /api/v1/namespaces/<name>/finalize: only spec.finalizers change. */
async function handleFinalize(call: Call): Promise<void> {
  const options = writeOptions(call);
  const body = await readObjectBody(call.req);
  const finalizers = (body.spec as { finalizers?: unknown } | undefined)?.finalizers;
  if (finalizers !== undefined && !Array.isArray(finalizers)) throw badRequest("spec.finalizers must be a list");
  const updated = await call.store.guaranteedUpdate("", call.info.name, { ...options, subresource: "finalize" }, (current) => {
    current.spec = { ...(current.spec as object), finalizers: finalizers ?? [] };
    return current;
  });
  sendObject(call, updated);
}

async function readDeleteBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const raw = await readBody(req);
  if (raw.length === 0 || raw.toString("utf8").trim() === "") return undefined;
  return decodeObject(raw, objectBodyFormat(req.headers["content-type"]));
}

async function handleDelete(call: Call): Promise<void> {
  const options = parseDeleteOptions(call.query, await readDeleteBody(call.req));
  const { object, deleted } = await call.store.delete(call.info.namespace, call.info.name, options);
  // Not gone yet (finalizers, a grace period, a terminating namespace): still 200 OK, as
  // kube-apiserver answers; it sends 202 Accepted only when orphanDependents=false was asked for.
  if (!deleted) return sendObject(call, object, options.orphanDependents === false ? 202 : 200);
  const def = call.store.def;
  if (def.kind === "Pod" || def.kind === "Namespace" || def.kind === "Service") return sendObject(call, object);
  const m = object.metadata ?? {};
  sendFormatted(call.res, 200, successStatus({ name: m.name, group: def.group, kind: def.plural, uid: m.uid }), "json");
}

async function handleDeleteCollection(ctx: ResourceHandlerContext, call: Call): Promise<void> {
  const { store, info, query } = call;
  const options = parseDeleteOptions(query, await readDeleteBody(call.req));
  const q = parseListQuery(query, false);
  const filter = ctx.buildFilter(store.def, "", q.labelSelector, q.fieldSelector);
  const items = await store.deleteCollection(info.namespace, { filter }, options);
  const def = store.def;
  sendFormatted(call.res, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: {}, items }, "json");
}
