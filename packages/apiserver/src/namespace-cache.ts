/**
 * An in-memory view of namespaces for admission (upstream's
 * NamespaceLifecycle reads an informer cache too), so a create does not
 * cost a storage read. A miss falls back to storage, because a namespace
 * created an instant ago may not have reached the cache yet.
 * @module
 */
import type { WatchCaches } from "./handlers/watch.js";
import type { ApiRegistry } from "./registry/api-registry.js";

/** What admission needs to know of a namespace. */
export type NamespaceState = "active" | "terminating" | undefined;

/** Follows the namespaces resource through its watch cache. */
export class NamespaceCache {
  readonly #states = new Map<string, "active" | "terminating">();
  #detach: (() => void) | undefined;

  constructor(
    readonly registry: ApiRegistry,
    readonly caches: WatchCaches,
  ) {}

  async start(): Promise<void> {
    const store = this.registry.store("", "v1", "namespaces");
    if (!store) return;
    const cache = await this.caches.get(store.def);
    const page = await store.list("");
    for (const item of page.items) this.#set(item.object.metadata ?? {}, false);
    this.#detach = cache.add({
      afterRevision: page.resourceVersion,
      deliver: (event) => this.#set(event.metadata, event.type === "delete"),
      fail: () => this.#states.clear(), // every lookup falls back to storage
    });
  }

  stop(): void {
    this.#detach?.();
  }

  /** The state of a namespace, from memory or, on a miss, from storage. */
  async state(name: string): Promise<NamespaceState> {
    const known = this.#states.get(name);
    if (known) return known;
    const found = await this.registry.store("", "v1", "namespaces")?.getIfExists("", name);
    if (!found) return undefined;
    return found.object.metadata?.deletionTimestamp ? "terminating" : "active";
  }

  #set(meta: { name?: string; deletionTimestamp?: string }, deleted: boolean): void {
    if (!meta.name) return;
    if (deleted) this.#states.delete(meta.name);
    else this.#states.set(meta.name, meta.deletionTimestamp ? "terminating" : "active");
  }
}
