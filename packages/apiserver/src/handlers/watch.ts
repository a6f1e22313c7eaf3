/**
 * Serving `?watch=true`: the initial state (synthetic ADDED events) when the
 * client asks for it, then the changes from the resource's watch cache,
 * filtered per watcher with upstream's selector semantics (an object that
 * moves into a selection is ADDED, one that moves out is DELETED), with
 * bookmarks, timeouts and an ERROR event when the start revision is gone.
 * @module
 */
import type { ServerResponse } from "node:http";
import type { Backend } from "@kube-ts/storage";
import { expired } from "../errors.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";
import { resourcePrefix } from "../registry/keys.js";
import type { ObjectFilter, Store } from "../registry/store.js";
import { type CachedEvent, type CacheWatcher, WatchCache } from "../registry/watch-cache.js";
import type { Representation } from "../http/negotiate.js";
import { partialMetadata, renderTable, type IncludeObject } from "./table.js";

/** The watch caches of a server: one per resource, created on first use. */
export class WatchCaches {
  readonly #caches = new Map<string, Promise<WatchCache>>();

  constructor(readonly backend: Backend) {}

  /** The shared cache of a resource. */
  get(def: ResourceDefinition): Promise<WatchCache> {
    const prefix = resourcePrefix(def);
    let cache = this.#caches.get(prefix);
    if (!cache) {
      cache = this.backend.currentRevision().then(
        (rev) => new WatchCache(this.backend, prefix, rev, { onFail: () => this.#caches.delete(prefix) }),
      );
      this.#caches.set(prefix, cache);
    }
    return cache;
  }

  /** Stops every cache. */
  async close(): Promise<void> {
    for (const cache of this.#caches.values()) (await cache).close();
    this.#caches.clear();
  }
}

/** What a watch request asked for. */
export interface WatchRequest {
  namespace: string;
  filter: ObjectFilter | undefined;
  resourceVersion: string;
  sendInitialEvents: boolean | undefined;
  allowBookmarks: boolean;
  timeoutSeconds: number | undefined;
  representation: Representation;
  includeObject: IncludeObject;
}

type EventType = "ADDED" | "MODIFIED" | "DELETED";

/** How often a watcher that allows bookmarks gets one (upstream: about a minute). */
export const BOOKMARK_INTERVAL_MS = Number(process.env.KUBE_TS_BOOKMARK_INTERVAL_MS ?? 60_000);

/** A slow client whose unsent data exceeds this is disconnected, as upstream drops slow watchers. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** One HTTP watch stream. */
class WatchStream implements CacheWatcher {
  readonly #pending: string[] = [];
  #flushScheduled = false;
  #closed = false;
  #sentColumns = false;
  #lastRevision: number;
  #detach: (() => void) | undefined;
  #timers: NodeJS.Timeout[] = [];
  /** Distinguishes views of shared storage per served group-version. */
  readonly #viewKey: string;
  /** Everything but the event type that decides an event's encoding, computed once. */
  readonly #encodingKey: string;

  constructor(
    readonly afterRevision: number,
    readonly def: ResourceDefinition,
    readonly request: WatchRequest,
    readonly res: ServerResponse,
    readonly onClose: () => void,
  ) {
    this.#lastRevision = afterRevision;
    this.#viewKey = `${def.group}/${def.version}`;
    this.#encodingKey = `${this.#viewKey}|${request.representation.kind}|${request.includeObject}`;
  }

  start(detach: () => void): void {
    this.#detach = detach;
    if (this.request.timeoutSeconds && this.request.timeoutSeconds > 0) {
      this.#timers.push(setTimeout(() => this.close(), this.request.timeoutSeconds * 1000));
    }
    if (this.request.allowBookmarks) {
      const timer = setInterval(() => this.sendBookmark(false), BOOKMARK_INTERVAL_MS);
      timer.unref();
      this.#timers.push(timer);
    }
  }

  /** Decides, with selector transitions, what this watcher sees of an event. */
  deliver(event: CachedEvent): void {
    if (this.#closed) return;
    const filter = this.request.filter;
    let type: EventType | undefined;
    if (!filter) {
      type = event.type === "create" ? "ADDED" : event.type === "update" ? "MODIFIED" : "DELETED";
    } else if (event.type === "create") {
      if (filter.matches(this.#view(event))) type = "ADDED";
    } else if (event.type === "delete") {
      if (filter.matches(this.#view(event))) type = "DELETED";
    } else {
      const now = filter.matches(this.#view(event));
      const prev = event.prevObject && this.#convert(event.prevObject, event, "prev");
      const before = prev ? filter.matches(prev) : false;
      if (now && before) type = "MODIFIED";
      else if (now) type = "ADDED";
      else if (before) type = "DELETED";
    }
    this.#lastRevision = event.revision;
    if (type) this.#write(this.#encode(type, event));
  }

  /** Sends one synthetic ADDED event of the initial state. */
  sendInitial(obj: KubeObject, json: string | undefined): void {
    const body = this.#encodeObject(obj, json);
    this.#write(`{"type":"ADDED","object":${body}}\n`);
  }

  sendBookmark(initialEventsEnd: boolean): void {
    const metadata: Record<string, unknown> = { resourceVersion: String(this.#lastRevision), creationTimestamp: null };
    if (initialEventsEnd) metadata.annotations = { "k8s.io/initial-events-end": "true" };
    const apiVersion = this.def.group ? `${this.def.group}/${this.def.version}` : this.def.version;
    this.#write(`${JSON.stringify({ type: "BOOKMARK", object: { kind: this.def.kind, apiVersion, metadata } })}\n`);
  }

  fail(err: Error): void {
    const status = expired(`too old resource version: ${this.afterRevision} (${err.message})`).toStatus();
    status.reason = "Expired";
    this.#write(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
    this.close();
  }

  /**
   * The event's object as this watcher's resource sees it: the stored object
   * itself, or its converted view when the storage is shared (cached on the
   * event for every watcher of the same resource).
   */
  #view(event: CachedEvent): KubeObject {
    return this.#convert(event.object, event, "");
  }

  #convert(stored: KubeObject, event: CachedEvent, which: "" | "prev"): KubeObject {
    const storedAs = this.def.storedAs;
    if (!storedAs) return stored;
    const key = `${this.#viewKey}|${which}`;
    let view = event.views.get(key);
    if (!view) {
      view = storedAs.fromStorage(stored);
      event.views.set(key, view);
    }
    return view;
  }

  #encode(type: EventType, event: CachedEvent): string {
    const representation = this.request.representation;
    const withColumns = representation.kind === "table" && !this.#sentColumns;
    const cacheKey = `${this.#encodingKey}|${type}|${withColumns}`;
    let text = event.encodings.get(cacheKey);
    if (text === undefined) {
      const view = this.#view(event);
      const object =
        representation.kind === "object" && !this.def.storedAs ? event.json : this.#encodeObject(view, undefined);
      text = `{"type":"${type}","object":${object}}\n`;
      event.encodings.set(cacheKey, text);
    }
    if (withColumns) this.#sentColumns = true;
    return text;
  }

  #encodeObject(obj: KubeObject, json: string | undefined): string {
    const representation = this.request.representation;
    if (representation.kind === "table") {
      const withColumns = !this.#sentColumns;
      this.#sentColumns = true;
      const table = renderTable(this.def, [obj], {
        version: representation.version,
        include: this.request.includeObject,
        listMeta: { resourceVersion: obj.metadata?.resourceVersion },
        withColumns,
      });
      return JSON.stringify(table);
    }
    if (representation.kind === "metadata") return JSON.stringify(partialMetadata(obj, representation.version));
    return json ?? JSON.stringify(obj);
  }

  #write(text: string): void {
    if (this.#closed) return;
    this.#pending.push(text);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#closed || this.#pending.length === 0) return;
    const chunk = this.#pending.length === 1 ? this.#pending[0] : this.#pending.join("");
    this.#pending.length = 0;
    this.res.write(chunk);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#detach?.();
    this.res.end();
    this.onClose();
  }
}

/**
 * Serves a watch request until the client goes away, the timeout passes or
 * the start revision turns out to be compacted.
 */
export async function serveWatch(
  caches: WatchCaches,
  store: Store,
  request: WatchRequest,
  res: ServerResponse,
): Promise<void> {
  const def = store.def;
  const shared = await caches.get(def);
  const rv = request.resourceVersion;
  // Unset and "0" mean "current state, then changes" (upstream's synthetic ADDED events).
  const wantsInitial = request.sendInitialEvents ?? (rv === "" || rv === "0");
  let afterRevision: number;
  let initial: { obj: KubeObject; json: string | undefined }[] = [];
  if (wantsInitial) {
    const page = await store.list(request.namespace, { filter: request.filter });
    afterRevision = page.resourceVersion;
    initial = page.items.map((item) => ({ obj: item.object, json: item.json }));
  } else {
    afterRevision = Number(rv);
  }

  const contentType =
    request.representation.kind === "table"
      ? `application/json;as=Table;v=${request.representation.version};g=meta.k8s.io`
      : "application/json";
  res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-cache, private", "Transfer-Encoding": "chunked" });
  res.flushHeaders();

  let privateCache: WatchCache | undefined;
  const stream = new WatchStream(afterRevision, def, request, res, () => privateCache?.close());
  res.on("close", () => stream.close());
  for (const item of initial) stream.sendInitial(item.obj, item.json);
  if (request.sendInitialEvents && request.allowBookmarks) stream.sendBookmark(true);

  let cache = shared;
  if (!shared.covers(afterRevision)) {
    // Older than the shared window: a private cache replays from storage (or fails with 410).
    privateCache = new WatchCache(caches.backend, resourcePrefix(def), afterRevision);
    cache = privateCache;
  }
  stream.start(cache.add(stream));
}
