/**
 * The namespace controller: when a namespace is being deleted it deletes
 * everything in it, waits for that content to be gone (finalizers may hold
 * it), then removes the `kubernetes` finalizer so the namespace itself goes.
 * @module
 */
import type { ApiRegistry } from "./registry/api-registry.js";
import type { CachedEvent, CacheWatcher } from "./registry/watch-cache.js";
import type { WatchCaches } from "./handlers/watch.js";

const RETRY_MS = 1000;

/** Finalizes terminating namespaces. */
export class NamespaceController {
  readonly #queue = new Set<string>();
  #running = false;
  #stopped = false;
  #detach: (() => void) | undefined;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    readonly registry: ApiRegistry,
    readonly caches: WatchCaches,
    readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {}

  /** Starts watching namespaces and picks up those already terminating. */
  async start(): Promise<void> {
    const namespaces = this.registry.store("", "v1", "namespaces");
    if (!namespaces) return;
    const cache = await this.caches.get(namespaces.def);
    const page = await namespaces.list("");
    const watcher: CacheWatcher = {
      afterRevision: page.resourceVersion,
      deliver: (event: CachedEvent) => {
        if (event.type !== "delete" && event.object.metadata?.deletionTimestamp) this.#enqueue(event.object.metadata.name ?? "");
      },
      fail: (err) => this.log("namespace controller lost its watch", err),
    };
    this.#detach = cache.add(watcher);
    for (const item of page.items) {
      if (item.object.metadata?.deletionTimestamp) this.#enqueue(item.object.metadata.name ?? "");
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#detach?.();
    clearTimeout(this.#retry);
  }

  #enqueue(name: string): void {
    if (!name || this.#stopped) return;
    this.#queue.add(name);
    if (!this.#running) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#running = true;
    const unfinished: string[] = [];
    while (this.#queue.size > 0 && !this.#stopped) {
      const [name] = this.#queue;
      this.#queue.delete(name);
      try {
        if (!(await this.#finalize(name))) unfinished.push(name);
      } catch (err) {
        this.log(`deleting the content of namespace ${name} failed`, err);
        unfinished.push(name);
      }
    }
    this.#running = false;
    if (unfinished.length > 0 && !this.#stopped) {
      clearTimeout(this.#retry);
      this.#retry = setTimeout(() => {
        for (const n of unfinished) this.#enqueue(n);
      }, RETRY_MS);
      this.#retry.unref();
    }
  }

  /** Returns true when the namespace is done (removed, or no longer terminating). */
  async #finalize(name: string): Promise<boolean> {
    const namespaces = this.registry.store("", "v1", "namespaces")!;
    const found = await namespaces.getIfExists("", name);
    if (!found?.object.metadata?.deletionTimestamp) return true;
    let remaining = 0;
    for (const store of this.registry.stores()) {
      if (!store.def.namespaced) continue;
      await store.deleteCollection(name, {}, { propagationPolicy: "Background" });
      remaining += (await store.list(name, { limit: 1 })).items.length;
    }
    if (remaining > 0) return false;
    await namespaces.guaranteedUpdate("", name, { subresource: "finalize" }, (current) => {
      const spec = (current.spec ?? {}) as { finalizers?: string[] };
      current.spec = { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== "kubernetes") };
      return current;
    });
    return true;
  }
}
