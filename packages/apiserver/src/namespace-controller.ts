/**
 * The namespace controller: when a namespace is being deleted it deletes
 * everything in it, waits for that content to be gone (finalizers may hold
 * it), then removes the `kubernetes` finalizer so the namespace itself goes.
 * @module
 */
import { WorkQueue } from "./controllers/work-queue.js";
import type { ApiRegistry } from "./registry/api-registry.js";
import { timestamp } from "./registry/object-meta.js";
import type { CachedEvent, CacheWatcher } from "./registry/watch-cache.js";
import type { WatchCaches } from "./handlers/watch.js";

const RETRY_MS = 1000;

/** Finalizes terminating namespaces. */
export class NamespaceController {
  readonly #queue: WorkQueue;
  #detach: (() => void) | undefined;

  constructor(
    readonly registry: ApiRegistry,
    readonly caches: WatchCaches,
    readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {
    this.#queue = new WorkQueue({ retryMs: RETRY_MS, log: (name, err) => log(`finalizing namespace ${name}`, err) });
  }

  /** Starts watching namespaces and picks up those already terminating. */
  async start(): Promise<void> {
    const namespaces = this.registry.store("", "v1", "namespaces");
    if (!namespaces) return;
    const cache = await this.caches.get(namespaces.def);
    const page = await namespaces.list("");
    const watcher: CacheWatcher = {
      afterRevision: page.resourceVersion,
      deliver: (event: CachedEvent) => {
        if (event.type !== "delete" && event.metadata.deletionTimestamp) this.#enqueue(event.metadata.name ?? "");
      },
      fail: (err) => this.log("namespace controller lost its watch", err),
    };
    this.#detach = cache.add(watcher);
    for (const item of page.items) {
      if (item.object.metadata?.deletionTimestamp) this.#enqueue(item.object.metadata.name ?? "");
    }
  }

  stop(): void {
    this.#queue.stop();
    this.#detach?.();
  }

  #enqueue(name: string): void {
    if (name) this.#queue.add(name, () => this.#finalize(name));
  }

  /** Returns true when the namespace is done (removed, or no longer terminating). */
  async #finalize(name: string): Promise<boolean> {
    const namespaces = this.registry.store("", "v1", "namespaces")!;
    const found = await namespaces.getIfExists("", name);
    if (!found?.object.metadata?.deletionTimestamp) return true;
    let remaining = 0;
    const byResource = new Map<string, number>();
    const byFinalizer = new Map<string, number>();
    const failures: string[] = [];
    for (const store of this.registry.stores()) {
      if (!store.def.namespaced) continue;
      const resource = `${store.def.plural}.${store.def.group}`;
      try {
        await store.deleteCollection(name, {}, { propagationPolicy: "Background" });
      } catch (err) {
        failures.push(`${resource}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const left = (await store.list(name)).items;
      remaining += left.length;
      if (left.length > 0) byResource.set(resource, left.length);
      for (const item of left) {
        for (const f of item.object.metadata?.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
      }
    }
    await this.#reportConditions(name, byResource, byFinalizer, failures);
    if (remaining > 0) return false;
    await namespaces.guaranteedUpdate("", name, { subresource: "finalize" }, (current) => {
      const spec = (current.spec ?? {}) as { finalizers?: string[] };
      current.spec = { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== "kubernetes") };
      return current;
    });
    return true;
  }

  /**
   * Writes the deletion conditions upstream's namespace controller keeps on a
   * terminating namespace (`kubectl describe namespace` shows them), each in
   * its "all well" form unless content or finalizers remain or a delete failed.
   * A condition's lastTransitionTime changes only when its status does.
   */
  async #reportConditions(name: string, byResource: Map<string, number>, byFinalizer: Map<string, number>, failures: string[]): Promise<void> {
    const counted = (map: Map<string, number>, unit: string) =>
      [...map]
        .map(([key, n]) => `${key} ${unit.replace("%d", String(n))}`)
        .sort()
        .join(", ");
    const wanted: NamespaceCondition[] = [
      { type: "NamespaceDeletionDiscoveryFailure", status: "False", reason: "ResourcesDiscovered", message: "All resources successfully discovered" },
      { type: "NamespaceDeletionGroupVersionParsingFailure", status: "False", reason: "ParsedGroupVersions", message: "All legacy kube types successfully parsed" },
      failures.length > 0
        ? {
            type: "NamespaceDeletionContentFailure",
            status: "True",
            reason: "ContentDeletionFailed",
            message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.sort().join(", ")}`,
          }
        : { type: "NamespaceDeletionContentFailure", status: "False", reason: "ContentDeleted", message: "All content successfully deleted, may be waiting on finalization" },
      byResource.size > 0
        ? { type: "NamespaceContentRemaining", status: "True", reason: "SomeResourcesRemain", message: `Some resources are remaining: ${counted(byResource, "has %d resource instances")}` }
        : { type: "NamespaceContentRemaining", status: "False", reason: "ContentRemoved", message: "All content successfully removed" },
      byFinalizer.size > 0
        ? {
            type: "NamespaceFinalizersRemaining",
            status: "True",
            reason: "SomeFinalizersRemain",
            message: `Some content in the namespace has finalizers remaining: ${counted(byFinalizer, "in %d resource instances")}`,
          }
        : { type: "NamespaceFinalizersRemaining", status: "False", reason: "ContentHasNoFinalizers", message: "All content-preserving finalizers finished" },
    ];
    const namespaces = this.registry.store("", "v1", "namespaces")!;
    const now = timestamp(new Date());
    await namespaces.guaranteedUpdate("", name, { subresource: "status" }, (current) => {
      const status = (current.status ?? {}) as { conditions?: NamespaceCondition[] };
      const conditions = [...(status.conditions ?? [])];
      for (const want of wanted) {
        const i = conditions.findIndex((c) => c.type === want.type);
        const old = i >= 0 ? conditions[i] : undefined;
        if (old && old.status === want.status && old.reason === want.reason && old.message === want.message) continue;
        const next = { ...want, lastTransitionTime: old && old.status === want.status ? old.lastTransitionTime : now };
        if (i >= 0) conditions[i] = { ...old, ...next };
        else conditions.push(next);
      }
      current.status = { ...status, conditions };
      return current;
    });
  }
}

/** A condition of a namespace's status. */
interface NamespaceCondition {
  type: string;
  status: "True" | "False";
  reason: string;
  message: string;
  lastTransitionTime?: string;
}
