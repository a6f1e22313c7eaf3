/**
 * The CRD controller: serves the resources a CustomResourceDefinition
 * defines as soon as its names are accepted (conditions NamesAccepted and
 * Established), updates them when the CRD changes, and on deletion removes
 * every custom resource before the CRD itself goes.
 * @module
 */
import { WorkQueue } from "../controllers/work-queue.js";
import type { WatchCaches } from "../handlers/watch.js";
import type { ApiRegistry } from "../registry/api-registry.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";
import type { Store } from "../registry/store.js";
import { timestamp } from "../registry/object-meta.js";
import { type CrdSpec, type RulesFactory, customResourceDefinitions } from "./custom-resource.js";
import { CLEANUP_FINALIZER } from "./definition.js";

const RETRY_MS = 500;

interface Condition {
  type: string;
  status: "True" | "False";
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/** Keeps the served custom resources in step with the CRDs. */
export class CrdController {
  /** CRD name → the definitions it currently serves. */
  readonly #served = new Map<string, ResourceDefinition[]>();
  readonly #queue: WorkQueue;
  #detach: (() => void) | undefined;

  constructor(
    readonly registry: ApiRegistry,
    readonly caches: WatchCaches,
    readonly rulesFor: RulesFactory,
    /** Told about every store this controller starts serving (e.g. so the garbage collector follows it). */
    readonly onServe: (store: Store) => void,
    readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {
    this.#queue = new WorkQueue({ retryMs: RETRY_MS, log: (name, err) => log(`reconciling CRD ${name}`, err) });
  }

  #crds(): Store {
    return this.registry.store("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
  }

  /** Serves every existing CRD, then follows changes. */
  async start(): Promise<void> {
    const store = this.#crds();
    const cache = await this.caches.get(store.def);
    const page = await store.list("");
    for (const item of page.items) await this.#reconcile(item.object.metadata?.name ?? "");
    this.#detach = cache.add({
      afterRevision: page.resourceVersion,
      deliver: (event) => this.#enqueue(event.metadata.name ?? ""),
      fail: (err) => this.log("CRD controller lost its watch", err),
    });
  }

  stop(): void {
    this.#queue.stop();
    this.#detach?.();
  }

  #enqueue(name: string): void {
    if (name) this.#queue.add(name, () => this.#reconcile(name));
  }

  /** Brings one CRD's resources in line with it. Returns false to be retried. */
  async #reconcile(name: string): Promise<boolean> {
    const found = await this.#crds().getIfExists("", name);
    if (!found) {
      this.#unserve(name);
      return true;
    }
    const crd = found.object;
    if (crd.metadata?.deletionTimestamp) return this.#cleanUp(crd);
    const spec = crd.spec as CrdSpec;
    const conflict = this.#nameConflict(name, spec);
    if (!conflict) this.#serve(name, spec);
    await this.#updateStatus(name, spec, conflict);
    return true;
  }

  /** A plural, kind or short name already served in the group by someone else. */
  #nameConflict(name: string, spec: CrdSpec): string | undefined {
    const own = new Set(this.#served.get(name) ?? []);
    for (const gv of this.registry.groupVersions()) {
      if (gv.group !== spec.group) continue;
      for (const def of gv.resources) {
        if (own.has(def)) continue;
        if (def.plural === spec.names.plural) return `"${spec.names.plural}" is already in use`;
        if (def.kind === spec.names.kind) return `"${spec.names.kind}" is already in use`;
        for (const short of spec.names.shortNames ?? []) if (def.shortNames.includes(short)) return `"${short}" is already in use`;
      }
    }
    return undefined;
  }

  #serve(name: string, spec: CrdSpec): void {
    const next = customResourceDefinitions(spec, this.rulesFor);
    for (const old of this.#served.get(name) ?? []) {
      if (!next.some((d) => d.version === old.version && d.plural === old.plural && d.group === old.group)) {
        this.registry.remove(old.group, old.version, old.plural);
      }
    }
    for (const def of next) this.onServe(this.registry.add(def));
    this.#served.set(name, next);
  }

  #unserve(name: string): void {
    for (const def of this.#served.get(name) ?? []) this.registry.remove(def.group, def.version, def.plural);
    this.#served.delete(name);
  }

  async #updateStatus(name: string, spec: CrdSpec, conflict: string | undefined): Promise<void> {
    const now = timestamp(new Date());
    const wanted: Condition[] = conflict
      ? [
          { type: "NamesAccepted", status: "False", reason: "NameConflict", message: conflict },
          { type: "Established", status: "False", reason: "NotAccepted", message: "not all names are accepted" },
        ]
      : [
          { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found" },
          { type: "Established", status: "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted" },
        ];
    const storage = spec.versions.find((v) => v.storage)?.name;
    await this.#crds().guaranteedUpdate("", name, { subresource: "status" }, (current) => {
      const status = (current.status ?? {}) as { conditions?: Condition[]; acceptedNames?: unknown; storedVersions?: string[] };
      const conditions = [...(status.conditions ?? [])];
      for (const c of wanted) {
        const at = conditions.findIndex((x) => x.type === c.type);
        const previous = at >= 0 ? conditions[at] : undefined;
        const next = { ...c, lastTransitionTime: previous?.status === c.status ? previous.lastTransitionTime : now };
        if (at >= 0) conditions[at] = next;
        else conditions.push(next);
      }
      const storedVersions = [...new Set([...(status.storedVersions ?? []), ...(storage ? [storage] : [])])];
      current.status = {
        ...status,
        conditions,
        acceptedNames: conflict ? (status.acceptedNames ?? {}) : spec.names,
        storedVersions,
      };
      return current;
    });
  }

  /** Deletes every custom resource of a terminating CRD, then lets the CRD go. */
  async #cleanUp(crd: KubeObject): Promise<boolean> {
    const name = crd.metadata?.name ?? "";
    if (!(crd.metadata?.finalizers ?? []).includes(CLEANUP_FINALIZER)) {
      this.#unserve(name);
      return true;
    }
    const [first] = this.#served.get(name) ?? [];
    const store = first && this.registry.store(first.group, first.version, first.plural);
    if (store) {
      await store.deleteCollection("", {}, { propagationPolicy: "Background" });
      if ((await store.list("", { limit: 1 })).items.length > 0) return false; // finalizers of CRs still pending
    }
    this.#unserve(name);
    await this.#crds().guaranteedUpdate("", name, {}, (current) => {
      const meta = current.metadata ?? {};
      meta.finalizers = (meta.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
      return current;
    });
    return true;
  }
}
