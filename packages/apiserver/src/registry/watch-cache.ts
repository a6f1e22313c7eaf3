/**
 * The watch cache: one storage watch per resource, decoded once and fanned
 * out to every API watcher of that resource (upstream's Cacher). It keeps a
 * window of recent events so watchers can start from a recent
 * resourceVersion without a storage round trip; a watcher that asks for an
 * older revision gets a private cache started at that revision instead.
 * @module
 */
import type { Backend, KeyValue, Watch, WatchEvent } from "@kube-ts/storage";
import { decodeStored, storedMetadataJson, withResourceVersion } from "./encoding.js";
import type { KubeObject, ObjectMeta } from "./resource.js";

/** A decoded storage event, shared by all watchers (never mutate `object`). */
export class CachedEvent {
  readonly #stored: string;
  readonly #prevKv: KeyValue | undefined;
  #object: KubeObject | undefined;
  #prevObject: KubeObject | undefined;
  #json: string | undefined;
  /** Encodings of this event per representation, filled by the watch handler. */
  readonly encodings = new Map<string, string>();
  /** Converted views of the object for resources sharing this storage (e.g. events.k8s.io Events). */
  readonly views = new Map<string, KubeObject>();

  constructor(
    readonly type: "create" | "update" | "delete",
    readonly key: string,
    readonly revision: number,
    kv: KeyValue,
    prevKv: KeyValue | undefined,
  ) {
    this.#stored = kv.value;
    this.#prevKv = prevKv;
  }

  /** The object at this revision (for deletes: its last state, stamped with the delete's revision). */
  get object(): KubeObject {
    this.#object ??= decodeStored(this.#stored, this.revision);
    return this.#object;
  }

  /** The object's JSON with resourceVersion set, without a parse/serialize round trip. */
  get json(): string {
    this.#json ??= withResourceVersion(this.#stored, this.revision);
    return this.#json;
  }

  /**
   * Only the metadata of the object (without resourceVersion and
   * managedFields), parsed from a slice of the stored text: cheap, and it
   * does not keep the whole object alive in the event window. For the
   * in-process controllers, which read names, owners and finalizers.
   */
  get metadata(): ObjectMeta {
    if (this.#object) return this.#object.metadata ?? {};
    const text = storedMetadataJson(this.#stored, { withoutManagedFields: true });
    return (text ? JSON.parse(text) : (this.object.metadata ?? {})) as ObjectMeta;
  }

  /** The previous state (updates only), for selector transitions. */
  get prevObject(): KubeObject | undefined {
    if (!this.#prevKv) return undefined;
    this.#prevObject ??= decodeStored(this.#prevKv.value, this.#prevKv.modRevision);
    return this.#prevObject;
  }
}

/** A consumer of cached events. `deliver` must not throw. */
export interface CacheWatcher {
  /** Only events with revision greater than this are delivered. */
  readonly afterRevision: number;
  deliver(event: CachedEvent): void;
  /** The cache failed (e.g. its revision was compacted); the watcher must end. */
  fail(err: Error): void;
}

/** Default number of events kept for watchers that start from a recent revision. */
export const DEFAULT_WINDOW = 10_000;

/** Fans out one storage watch of a prefix to many watchers. */
export class WatchCache {
  readonly #events: CachedEvent[] = [];
  readonly #watchers = new Set<CacheWatcher>();
  readonly #window: number;
  #storageWatch: Watch | undefined;
  /** Every event with revision > #validFrom is in #events. */
  #validFrom: number;
  #lastRevision: number;
  #failed: Error | undefined;

  constructor(
    backend: Backend,
    prefix: string,
    startRevision: number,
    options: { window?: number; onFail?: (err: Error) => void } = {},
  ) {
    this.#window = options.window ?? DEFAULT_WINDOW;
    this.#validFrom = startRevision;
    this.#lastRevision = startRevision;
    this.#storageWatch = backend.watch(prefix, startRevision, {
      onEvents: (events) => this.#onEvents(events),
      onError: (err) => {
        this.#failed = err;
        for (const w of this.#watchers) w.fail(err);
        this.#watchers.clear();
        options.onFail?.(err);
      },
    });
  }

  /** Highest revision delivered to watchers. */
  get lastRevision(): number {
    return this.#lastRevision;
  }

  /** Number of watchers attached. */
  get size(): number {
    return this.#watchers.size;
  }

  /** Whether a watcher starting after `revision` can be served from this cache. */
  covers(revision: number): boolean {
    return !this.#failed && revision >= this.#validFrom;
  }

  /** Attaches a watcher and replays the buffered events it has not seen. Returns a detach function. */
  add(watcher: CacheWatcher): () => void {
    if (this.#failed) {
      watcher.fail(this.#failed);
      return () => {};
    }
    for (const event of this.#events) if (event.revision > watcher.afterRevision) watcher.deliver(event);
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  /** Stops the storage watch and detaches everyone. */
  close(): void {
    this.#storageWatch?.close();
    this.#storageWatch = undefined;
    this.#watchers.clear();
  }

  #onEvents(events: readonly WatchEvent[]): void {
    for (const e of events) {
      const prevKv = e.type === "update" ? e.prevKv : undefined;
      const event = new CachedEvent(e.type, e.kv.key, e.kv.modRevision, e.kv, prevKv);
      this.#events.push(event);
      this.#lastRevision = event.revision;
      for (const w of this.#watchers) if (event.revision > w.afterRevision) w.deliver(event);
    }
    if (this.#events.length > this.#window) {
      const evicted = this.#events.splice(0, this.#events.length - this.#window);
      this.#validFrom = evicted[evicted.length - 1].revision;
    }
  }
}
