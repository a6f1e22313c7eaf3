/**
 * The index of served resources: lookup by group/version/resource for
 * request routing, and the group/version structure discovery publishes.
 * Definitions can be added and removed at run time (custom resources).
 * @module
 */
import type { Backend } from "@kube-ts/storage";
import type { ResourceDefinition } from "./resource.js";
import { Store, type StoreHooks } from "./store.js";

/** A served group-version and its resources, in registration order. */
export interface GroupVersion {
  group: string;
  version: string;
  resources: ResourceDefinition[];
}

/** Served resources and their stores. */
export class ApiRegistry {
  readonly #stores = new Map<string, Store>();
  readonly #groupVersions = new Map<string, GroupVersion>();
  /** Bumped on every change, so discovery and OpenAPI caches know to rebuild. */
  generation = 0;

  constructor(
    readonly backend: Backend,
    readonly hooks: StoreHooks,
  ) {}

  static #key(group: string, version: string, plural: string): string {
    return `${group}/${version}/${plural}`;
  }

  /** Serves a resource. */
  add(def: ResourceDefinition): Store {
    const store = new Store(def, this.backend, this.hooks);
    this.#stores.set(ApiRegistry.#key(def.group, def.version, def.plural), store);
    const gvKey = `${def.group}/${def.version}`;
    let gv = this.#groupVersions.get(gvKey);
    if (!gv) {
      gv = { group: def.group, version: def.version, resources: [] };
      this.#groupVersions.set(gvKey, gv);
    }
    gv.resources = gv.resources.filter((r) => r.plural !== def.plural);
    gv.resources.push(def);
    this.generation++;
    return store;
  }

  /** Stops serving a resource (its stored objects are not touched). */
  remove(group: string, version: string, plural: string): void {
    this.#stores.delete(ApiRegistry.#key(group, version, plural));
    const gvKey = `${group}/${version}`;
    const gv = this.#groupVersions.get(gvKey);
    if (gv) {
      gv.resources = gv.resources.filter((r) => r.plural !== plural);
      if (gv.resources.length === 0) this.#groupVersions.delete(gvKey);
    }
    this.generation++;
  }

  /** The store of a resource, or undefined when it is not served. */
  store(group: string, version: string, plural: string): Store | undefined {
    return this.#stores.get(ApiRegistry.#key(group, version, plural));
  }

  /** The store serving a kind (first served version). */
  storeForKind(group: string, kind: string): Store | undefined {
    for (const store of this.#stores.values()) if (store.def.group === group && store.def.kind === kind) return store;
    return undefined;
  }

  /** Every store. */
  stores(): Store[] {
    return [...this.#stores.values()];
  }

  /** Served group-versions: the core group first, then named groups in registration order. */
  groupVersions(): GroupVersion[] {
    return [...this.#groupVersions.values()];
  }

  /** Whether a group-version is served. */
  hasGroupVersion(group: string, version: string): boolean {
    return this.#groupVersions.has(`${group}/${version}`);
  }
}
