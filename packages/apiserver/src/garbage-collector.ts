/**
 * The garbage collector: deletes objects whose owners are gone, and carries
 * out the `Foreground` and `Orphan` propagation policies of a delete (the
 * `foregroundDeletion` and `orphan` finalizers), as upstream's
 * garbagecollector controller does. It keeps an owner → dependents index
 * fed by every resource's watch cache, so finding dependents never scans.
 * @module
 */
import { WorkQueue } from "./controllers/work-queue.js";
import type { ApiError } from "./errors.js";
import type { WatchCaches } from "./handlers/watch.js";
import type { ApiRegistry } from "./registry/api-registry.js";
import type { ObjectMeta } from "./registry/resource.js";
import type { Store } from "./registry/store.js";
import type { CachedEvent } from "./registry/watch-cache.js";

const RETRY_MS = 500;

/** Where a dependent lives, to delete or update it. */
interface ObjectRef {
  store: Store;
  namespace: string;
  name: string;
  uid: string;
}

/** Keeps ownership consistent with deletions. */
export class GarbageCollector {
  /** owner uid → dependent uid → dependent. */
  readonly #dependents = new Map<string, Map<string, ObjectRef>>();
  /** dependent uid → its owners' uids. */
  readonly #owners = new Map<string, string[]>();
  /** uids of objects that exist. */
  readonly #live = new Map<string, ObjectRef>();
  readonly #queue: WorkQueue;
  readonly #detach: Array<() => void> = [];

  constructor(
    readonly registry: ApiRegistry,
    readonly caches: WatchCaches,
    readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {
    this.#queue = new WorkQueue({ retryMs: RETRY_MS, log: (msg, err) => log(`garbage collection of ${msg}`, err) });
  }

  /** Indexes every served resource and follows its changes. */
  async start(): Promise<void> {
    for (const store of this.registry.stores()) await this.watch(store);
  }

  /** Starts following one resource (also for resources served later, e.g. custom resources). */
  async watch(store: Store): Promise<void> {
    const cache = await this.caches.get(store.def);
    const page = await store.list("");
    for (const item of page.items) this.#observe(store, item.object.metadata ?? {}, false);
    this.#detach.push(
      cache.add({
        afterRevision: page.resourceVersion,
        deliver: (event: CachedEvent) => this.#observe(store, event.metadata, event.type === "delete"),
        fail: (err) => this.log(`garbage collector lost its watch of ${store.def.plural}`, err),
      }),
    );
  }

  stop(): void {
    this.#queue.stop();
    for (const detach of this.#detach) detach();
  }

  /** Updates the index from an object's metadata (all ownership lives there). */
  #observe(store: Store, meta: ObjectMeta, deleted: boolean): void {
    const uid = meta.uid;
    if (!uid) return;
    const ref: ObjectRef = { store, namespace: meta.namespace ?? "", name: meta.name ?? "", uid };
    this.#unindex(uid);
    if (deleted) {
      this.#live.delete(uid);
      // Dependents whose every owner is now gone are deleted in the background.
      for (const dependent of this.#dependents.get(uid)?.values() ?? []) {
        this.#enqueue(`orphaned:${dependent.uid}`, () => this.#collectIfOrphaned(dependent));
      }
      return;
    }
    this.#live.set(uid, ref);
    const owners = (meta.ownerReferences ?? []).flatMap((o) => (o.uid ? [o.uid] : []));
    if (owners.length > 0) {
      this.#owners.set(uid, owners);
      for (const owner of owners) {
        let deps = this.#dependents.get(owner);
        if (!deps) this.#dependents.set(owner, (deps = new Map()));
        deps.set(uid, ref);
      }
      // An owner that was deleted before we saw this dependent.
      if (owners.every((o) => !this.#live.has(o))) this.#enqueue(`orphaned:${uid}`, () => this.#collectIfOrphaned(ref));
    }
    if (meta.deletionTimestamp) {
      const finalizers = meta.finalizers ?? [];
      if (finalizers.includes("orphan")) this.#enqueue(`orphan:${uid}`, () => this.#orphanDependents(ref));
      if (finalizers.includes("foregroundDeletion")) this.#enqueue(`foreground:${uid}`, () => this.#deleteDependentsFirst(ref));
    }
  }

  #unindex(uid: string): void {
    for (const owner of this.#owners.get(uid) ?? []) {
      const deps = this.#dependents.get(owner);
      deps?.delete(uid);
      if (deps?.size === 0) this.#dependents.delete(owner);
    }
    this.#owners.delete(uid);
  }

  /** Deletes a dependent none of whose owners exist. Returns true when done. */
  async #collectIfOrphaned(dependent: ObjectRef): Promise<boolean> {
    const owners = this.#owners.get(dependent.uid);
    if (!owners || !this.#live.has(dependent.uid)) return true;
    if (owners.some((o) => this.#live.has(o))) return true;
    await ignoreNotFound(dependent.store.delete(dependent.namespace, dependent.name, { propagationPolicy: "Background", preconditions: { uid: dependent.uid } }));
    return true;
  }

  /** Orphan policy: remove the owner reference from every dependent, then the finalizer. */
  async #orphanDependents(owner: ObjectRef): Promise<boolean> {
    for (const dependent of [...(this.#dependents.get(owner.uid)?.values() ?? [])]) {
      await ignoreNotFound(
        dependent.store.guaranteedUpdate(dependent.namespace, dependent.name, {}, (current) => {
          const m = current.metadata ?? {};
          const remaining = (m.ownerReferences ?? []).filter((o) => o.uid !== owner.uid);
          if (remaining.length > 0) m.ownerReferences = remaining;
          else delete m.ownerReferences;
          return current;
        }),
      );
    }
    await this.#removeFinalizer(owner, "orphan");
    return true;
  }

  /** Foreground policy: delete the dependents, and only when they are gone remove the finalizer. */
  async #deleteDependentsFirst(owner: ObjectRef): Promise<boolean> {
    const dependents = [...(this.#dependents.get(owner.uid)?.values() ?? [])];
    for (const dependent of dependents) {
      await ignoreNotFound(dependent.store.delete(dependent.namespace, dependent.name, { propagationPolicy: "Foreground" }));
    }
    if (dependents.some((d) => this.#live.has(d.uid))) return false; // wait for them to go
    await this.#removeFinalizer(owner, "foregroundDeletion");
    return true;
  }

  async #removeFinalizer(ref: ObjectRef, finalizer: string): Promise<void> {
    await ignoreNotFound(
      ref.store.guaranteedUpdate(ref.namespace, ref.name, {}, (current) => {
        const m = current.metadata ?? {};
        m.finalizers = (m.finalizers ?? []).filter((f) => f !== finalizer);
        return current;
      }),
    );
  }

  #enqueue(key: string, work: () => Promise<boolean>): void {
    this.#queue.add(key, work);
  }
}

async function ignoreNotFound<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (err) {
    const code = (err as ApiError).code;
    if (code === 404 || code === 409) return undefined; // gone, or a different object by now
    throw err;
  }
}
