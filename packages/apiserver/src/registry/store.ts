/**
 * The generic store: create, read, update, patch and delete of any resource
 * over the storage {@link Backend}, with the semantics upstream's
 * genericregistry.Store gives every resource (system metadata, optimistic
 * concurrency, generation, finalizers and graceful deletion, dry run,
 * consistent paginated lists). Per-resource differences come from the
 * {@link ResourceDefinition}'s strategy; cross-cutting checks (schema
 * decoding, validation, admission) are injected as {@link StoreHooks}.
 * @module
 */
import {
  type Backend,
  CompactedError,
  type KeyValue,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  FutureRevisionError,
} from "@kube-ts/storage";
import { ApiError, alreadyExists, badRequest, conflict, expired, invalidPatch, notFound } from "../errors.js";
import { decodeStored, encodeForStorage } from "./encoding.js";
import { type ListedObject, listedObject } from "./listed-object.js";
import { objectKey, listPrefix } from "./keys.js";
import { decodeContinue, encodeContinue } from "./list-token.js";
import { carryOverUpdateMeta, clone, dropEmptyMetaFields, generateName, initCreateMeta, jsonEqual, timestamp } from "./object-meta.js";
import type { StructuralSchema } from "@kube-ts/core";
import { recordManagedFields, resetFieldsOf } from "./managed-fields.js";
import type { FieldError, KubeObject, ResourceDefinition } from "./resource.js";

export type { ListedObject } from "./listed-object.js";

/** How unknown fields in a request body are treated (`?fieldValidation=`). */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** Options of every write. */
export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  /** Warnings for the response's Warning headers; the store appends to it. */
  warnings?: string[];
  /** Which part of the object the write may change ("finalize": a namespace's spec.finalizers). */
  subresource?: "" | "status" | "finalize" | "scale";
  /** The client's User-Agent: its product names the field manager when `fieldManager` is absent. */
  userAgent?: string;
  /** Set by server-side apply, which computes managedFields itself. */
  managedFieldsComputed?: boolean;
  /**
   * Set by PATCH: how upstream's patch handler shows the patch in a decode
   * error. A patched object that does not decode (unknown fields under
   * Strict, wrong types) is then a 422 Invalid on the field `patch` with
   * this value, as kube-apiserver answers, not the 400 of a create/update body.
   */
  patchValue?: (patched: KubeObject) => string;
}

/** `metav1.DeleteOptions`, as far as the store honours it. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  orphanDependents?: boolean;
  dryRun?: boolean;
}

/** A filter over objects of one resource (namespace, label and field selectors). */
export interface ObjectFilter {
  /** True when the filter needs nothing but the key's namespace (no parsing needed). */
  readonly trivial: boolean;
  matches(obj: KubeObject): boolean;
}

/** List options after parsing the query. */
export interface ListOptions {
  filter?: ObjectFilter;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: "Exact" | "NotOlderThan" | "";
}

/** A page of a list. */
export interface ListPage {
  resourceVersion: number;
  items: ListedObject[];
  continueToken?: string;
  remainingItemCount?: number;
}

/** The outcome of a delete. */
export interface DeleteResult {
  /** The object as deleted, or as it now is while finalizers or a grace period run. */
  object: KubeObject;
  /** False while the object still exists (finalizers, graceful deletion). */
  deleted: boolean;
}

/** Checks the store delegates to the rest of the server. All are optional. */
export interface StoreHooks {
  /**
   * Checks a body against the kind's schema, pruning unknown fields in place.
   * Returns warnings for dropped fields, or the 400 message when the body
   * cannot be accepted (type errors; unknown fields when `strict`).
   */
  decode?(def: ResourceDefinition, obj: KubeObject, strict: boolean): { warnings: string[]; error?: string; cause?: string };
  /** Validation (metadata and kind-specific). `old` is set on updates. */
  validate?(def: ResourceDefinition, obj: KubeObject, old: KubeObject | undefined): FieldError[];
  /** Turns validation errors into the 422 the client sees. */
  invalid(def: ResourceDefinition, name: string, errors: FieldError[]): ApiError;
  /** Admission before a create is stored (namespace lifecycle, IP allocation). */
  admitCreate?(def: ResourceDefinition, obj: KubeObject, options: WriteOptions): Promise<void>;
  /** The structural schema of a resource (managedFields follow its list and map types). */
  schemaFor?(def: ResourceDefinition): StructuralSchema | undefined;
  /** Admission before a delete (e.g. system namespaces may not be deleted). */
  admitDelete?(def: ResourceDefinition, obj: KubeObject): void;
  now?(): Date;
}

const MAX_UPDATE_ATTEMPTS = 16;

function meta(obj: KubeObject) {
  obj.metadata ??= {};
  return obj.metadata;
}

/** Serves one resource from storage. */
export class Store {
  readonly gr: { group: string; resource: string };

  constructor(
    readonly def: ResourceDefinition,
    readonly backend: Backend,
    readonly hooks: StoreHooks,
  ) {
    this.gr = { group: def.group, resource: def.plural };
  }

  #now(): Date {
    return this.hooks.now?.() ?? new Date();
  }

  /** A stored value as this resource's object (converted when the storage is shared). */
  #fromStorage(value: string, revision: number): KubeObject {
    const obj = decodeStored(value, revision);
    return this.def.storedAs ? this.def.storedAs.fromStorage(obj) : obj;
  }

  /** The stored text of an object. */
  #toStorage(obj: KubeObject): string {
    return encodeForStorage(this.def.storedAs ? this.def.storedAs.toStorage(obj) : obj);
  }

  // ---------------------------------------------------------------- reads

  /** One object; 404 when absent. */
  async get(namespace: string, name: string): Promise<KubeObject> {
    const { kv } = await this.backend.get(objectKey(this.def, namespace, name));
    if (!kv) throw notFound(this.gr, name);
    return this.#fromStorage(kv.value, kv.modRevision);
  }

  /** One object, or undefined. */
  async getIfExists(namespace: string, name: string): Promise<{ object: KubeObject; kv: KeyValue } | undefined> {
    const { kv } = await this.backend.get(objectKey(this.def, namespace, name));
    return kv ? { object: this.#fromStorage(kv.value, kv.modRevision), kv } : undefined;
  }

  /**
   * A page of objects under `namespace` (all namespaces when empty), read at
   * one revision. With a filter, pages are read until `limit` matches or the
   * end, so a page may hold fewer items than `limit` and still continue.
   */
  async list(namespace: string, options: ListOptions = {}): Promise<ListPage> {
    const prefix = listPrefix(this.def, namespace);
    const limit = options.limit && options.limit > 0 ? options.limit : 0;
    let revision = 0;
    let startKey: string | undefined;
    if (options.continueToken) {
      const token = decodeContinue(options.continueToken);
      revision = token.revision;
      startKey = prefix + token.start;
    } else if (options.resourceVersion && options.resourceVersion !== "0") {
      const rv = parseResourceVersion(options.resourceVersion);
      if (options.resourceVersionMatch === "Exact") revision = rv;
    }
    const filter = options.filter;
    const items: ListedObject[] = [];
    for (;;) {
      const want = limit ? limit - items.length : 0;
      // Ask for one more than needed to know whether a continuation exists.
      const page = await this.#range(prefix, { revision, limit: want ? want + 1 : 0, startKey });
      revision = page.revision;
      const kvs = page.kvs;
      const take = want && kvs.length > want ? kvs.slice(0, want) : kvs;
      for (const kv of take) {
        if (!filter && !this.def.storedAs) {
          items.push(listedObject(kv));
          continue;
        }
        const parsed = this.#fromStorage(kv.value, kv.modRevision);
        if (!filter || filter.matches(parsed)) items.push(listedObject(kv, parsed));
      }
      const hasMore = want !== 0 && (kvs.length > want || page.more);
      if (!hasMore) return { resourceVersion: revision, items };
      const lastKey = take[take.length - 1].key;
      const nextStart = `${lastKey}\u0000`;
      if (items.length >= limit) {
        const remaining = filter ? undefined : page.remaining + (kvs.length - take.length);
        return {
          resourceVersion: revision,
          items,
          continueToken: encodeContinue({ revision, start: nextStart.slice(prefix.length) }),
          remainingItemCount: remaining,
        };
      }
      startKey = nextStart;
    }
  }

  async #range(prefix: string, options: { revision: number; limit: number; startKey?: string }) {
    try {
      return await this.backend.list(prefix, options);
    } catch (err) {
      if (err instanceof CompactedError) {
        throw expired(
          options.startKey
            ? "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."
            : `too old resource version: ${options.revision} (${err.compacted})`,
        );
      }
      if (err instanceof FutureRevisionError) {
        throw new ApiError(504, "Timeout", `Too large resource version: ${options.revision}, current: ${err.current}`, {
          causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
          retryAfterSeconds: 1,
        });
      }
      throw err;
    }
  }

  // ---------------------------------------------------------------- writes

  /** Creates an object in `namespace` (ignored for cluster-scoped resources). */
  async create(namespace: string, body: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const obj = this.#checkTypeMeta(body);
    const m = meta(obj);
    if (m.resourceVersion) throw badRequest("resourceVersion should not be set on objects to be created");
    this.#checkNamespace(obj, namespace);
    if (!m.name && m.generateName) m.name = generateName(m.generateName);
    this.#decode(obj, options);
    initCreateMeta(this.def, obj, this.#now());
    // Upstream resets the status of a new object to its zero value, which Go serializes as
    // `status: {}` (a struct is never omitted): a Deployment read back before any controller ran
    // has `status: {}`, not no status at all. Strategies fill in more (a Pod's phase). Custom
    // resources are unstructured: upstream drops their status on create.
    if (this.def.subresources.status && !this.def.strategy.keepStatusOnCreate) {
      if (this.def.custom) delete obj.status;
      else obj.status = {};
    }
    this.def.strategy.prepareForCreate?.(obj);
    dropEmptyMetaFields(obj);
    this.#validate(obj, undefined);
    await this.hooks.admitCreate?.(this.def, obj, options);
    this.#manageFields(obj, undefined, options);
    const name = m.name ?? "";
    const key = objectKey(this.def, m.namespace ?? "", name);
    if (options.dryRun) {
      const { kv } = await this.backend.get(key);
      if (kv) throw alreadyExists(this.gr, name);
      return obj;
    }
    try {
      const kv = await this.backend.create(key, this.#toStorage(obj));
      m.resourceVersion = String(kv.modRevision);
      return obj;
    } catch (err) {
      if (err instanceof KeyExistsError) throw alreadyExists(this.gr, name);
      throw err;
    }
  }

  /** Replaces an object (PUT). A resourceVersion in the body is a precondition. */
  async update(namespace: string, name: string, body: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const obj = this.#checkTypeMeta(body);
    const m = meta(obj);
    if (m.name !== undefined && m.name !== name) {
      throw badRequest(`the name of the object (${m.name}) does not match the name on the URL (${name})`);
    }
    m.name = name;
    this.#checkNamespace(obj, namespace);
    this.#decode(obj, options);
    const precondition = m.resourceVersion;
    if (precondition !== undefined && precondition !== "") parseResourceVersion(precondition);
    return this.#guaranteedUpdate(namespace, name, options, precondition, () => clone(obj));
  }

  /**
   * Read-modify-write with retries on concurrent writes: `mutate` gets the
   * current object and returns the desired one. With `precondition` (a
   * resourceVersion) a concurrent write is a 409 instead of a retry.
   */
  async guaranteedUpdate(
    namespace: string,
    name: string,
    options: WriteOptions,
    mutate: (current: KubeObject) => KubeObject,
  ): Promise<KubeObject> {
    return this.#guaranteedUpdate(namespace, name, options, undefined, mutate, true);
  }

  async #guaranteedUpdate(
    namespace: string,
    name: string,
    options: WriteOptions,
    precondition: string | undefined,
    mutate: (current: KubeObject) => KubeObject,
    decodeResult = false,
  ): Promise<KubeObject> {
    const key = objectKey(this.def, namespace, name);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const { kv } = await this.backend.get(key);
      if (!kv) throw notFound(this.gr, name);
      const old = this.#fromStorage(kv.value, kv.modRevision);
      const requested = mutate(clone(old));
      if (decodeResult) this.#decode(this.#checkTypeMeta(requested), options);
      const m = meta(requested);
      if (m.name !== undefined && m.name !== name) {
        throw badRequest(`the name of the object (${m.name}) does not match the name on the URL (${name})`);
      }
      m.name = name;
      const expected = precondition ?? (decodeResult ? m.resourceVersion : undefined);
      if (expected && expected !== String(kv.modRevision)) {
        throw conflict(this.gr, name, "the object has been modified; please apply your changes to the latest version and try again");
      }
      if (m.uid && m.uid !== old.metadata?.uid) {
        throw conflict(this.gr, name, `Precondition failed: UID in precondition: ${m.uid}, UID in object meta: ${old.metadata?.uid}`);
      }
      const obj = this.#prepareUpdate(requested, old, options);
      dropEmptyMetaFields(obj);
      meta(obj).resourceVersion = meta(old).resourceVersion; // the precondition is checked: compare content only
      this.#validate(obj, old);
      this.#manageFields(obj, old, options);
      if (jsonEqual(obj, old)) return old; // nothing changed: no write, same resourceVersion
      const finished = this.#finalizedAfterUpdate(obj);
      if (options.dryRun) return obj;
      try {
        if (finished) {
          const deleted = await this.backend.delete(key, kv.modRevision);
          meta(obj).resourceVersion = String(deleted.modRevision);
          return obj;
        }
        const updated = await this.backend.update(key, this.#toStorage(obj), kv.modRevision);
        meta(obj).resourceVersion = String(updated.modRevision);
        return obj;
      } catch (err) {
        if (err instanceof RevisionMismatchError) {
          // A PUT's resourceVersion is a precondition; a patch or apply is re-run on the new
          // object, which then conflicts only if the patch itself named a stale version.
          if (precondition) {
            throw conflict(this.gr, name, "the object has been modified; please apply your changes to the latest version and try again");
          }
          continue;
        }
        if (err instanceof KeyNotFoundError) throw notFound(this.gr, name);
        throw err;
      }
    }
    throw conflict(this.gr, name, "too many concurrent updates, please retry");
  }

  /** Returns the object to store for an update of `old` to `obj`, by subresource. */
  #prepareUpdate(obj: KubeObject, old: KubeObject, options: WriteOptions): KubeObject {
    if (options.subresource === "finalize") {
      // Only a namespace's spec.finalizers change; everything else is kept from storage.
      const kept = clone(old);
      kept.metadata = { ...kept.metadata, resourceVersion: obj.metadata?.resourceVersion };
      kept.spec = { ...(kept.spec as object), finalizers: (obj.spec as { finalizers?: unknown } | undefined)?.finalizers };
      return kept;
    }
    if (options.subresource === "status") {
      // A status write changes status only; everything else is kept from storage.
      const kept = clone(old);
      kept.metadata = { ...kept.metadata, resourceVersion: obj.metadata?.resourceVersion };
      kept.status = obj.status;
      this.def.strategy.prepareForStatusUpdate?.(kept, old);
      return kept;
    }
    carryOverUpdateMeta(this.def, obj, old);
    if (this.def.subresources.status) {
      if (old.status === undefined) delete obj.status;
      else obj.status = clone(old.status);
    }
    this.def.strategy.prepareForUpdate?.(obj, old);
    return obj;
  }

  /** True when an update removed the last finalizer of an object being deleted: it goes away. */
  #finalizedAfterUpdate(obj: KubeObject): boolean {
    const m = meta(obj);
    return Boolean(m.deletionTimestamp) && pendingFinalizers(this.def, obj).length === 0 && !this.#awaitsGrace(obj);
  }

  #awaitsGrace(obj: KubeObject): boolean {
    return this.def.strategy.gracefulDeletion?.(obj, undefined) !== undefined && (meta(obj).deletionGracePeriodSeconds ?? 0) > 0;
  }

  /** Deletes an object: at once, or by marking it while finalizers or a grace period run. */
  async delete(namespace: string, name: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    const key = objectKey(this.def, namespace, name);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const { kv } = await this.backend.get(key);
      if (!kv) throw notFound(this.gr, name);
      const current = this.#fromStorage(kv.value, kv.modRevision);
      const m = meta(current);
      const pre = options.preconditions;
      if (pre?.uid && pre.uid !== m.uid) {
        throw conflict(this.gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${m.uid}`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== m.resourceVersion) {
        throw conflict(
          this.gr,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${m.resourceVersion}`,
        );
      }
      this.hooks.admitDelete?.(this.def, current);
      const marked = this.#markForDeletion(current, options);
      if (marked) {
        if (options.dryRun) return { object: marked, deleted: false };
        try {
          const updated = await this.backend.update(key, this.#toStorage(marked), kv.modRevision);
          meta(marked).resourceVersion = String(updated.modRevision);
          return { object: marked, deleted: false };
        } catch (err) {
          if (err instanceof RevisionMismatchError) continue;
          if (err instanceof KeyNotFoundError) throw notFound(this.gr, name);
          throw err;
        }
      }
      // A kind deleted gracefully (pods) whose grace period is 0 is first marked (deletionTimestamp,
      // deletionGracePeriodSeconds 0) and then removed, as kube-apiserver does it: watchers see the
      // pod MODIFIED (Terminating) before DELETED. Already marked with no grace left: removed at once.
      const graceless = this.def.strategy.gracefulDeletion && !(m.deletionTimestamp && !m.deletionGracePeriodSeconds);
      const last = graceless ? clone(current) : current;
      if (graceless) {
        meta(last).deletionTimestamp = timestamp(this.#now());
        meta(last).deletionGracePeriodSeconds = 0;
      }
      if (options.dryRun) return { object: last, deleted: true };
      try {
        let revision = kv.modRevision;
        if (graceless) revision = (await this.backend.update(key, this.#toStorage(last), revision)).modRevision;
        const deleted = await this.backend.delete(key, revision);
        return { object: this.#fromStorage(deleted.value, deleted.modRevision), deleted: true };
      } catch (err) {
        if (err instanceof RevisionMismatchError) continue;
        if (err instanceof KeyNotFoundError) throw notFound(this.gr, name);
        throw err;
      }
    }
    throw conflict(this.gr, name, "too many concurrent updates, please retry");
  }

  /**
   * Returns the object marked for deletion (deletionTimestamp, finalizers
   * for the propagation policy, grace period) or undefined when it can be
   * removed now. An object already marked stays as it is unless a shorter
   * grace period is requested.
   */
  #markForDeletion(current: KubeObject, options: DeleteOptions): KubeObject | undefined {
    const obj = clone(current);
    const m = meta(obj);
    const finalizers = [...(m.finalizers ?? [])];
    const policy = options.propagationPolicy ?? (options.orphanDependents ? "Orphan" : undefined);
    if (!m.deletionTimestamp) {
      if (policy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
      if (policy === "Foreground" && !finalizers.includes("foregroundDeletion")) finalizers.push("foregroundDeletion");
    }
    if (finalizers.length > 0) m.finalizers = finalizers;
    const grace = this.def.strategy.gracefulDeletion?.(obj, options.gracePeriodSeconds);
    const pending = pendingFinalizers(this.def, obj);
    if (pending.length === 0 && (grace === undefined || grace <= 0)) return undefined;
    if (m.deletionTimestamp) {
      if (grace !== undefined && grace < (m.deletionGracePeriodSeconds ?? 0)) {
        m.deletionGracePeriodSeconds = grace;
        if (grace === 0 && pending.length === 0) return undefined;
        return obj;
      }
      return jsonEqual(obj, current) ? current : obj;
    }
    const now = this.#now();
    m.deletionTimestamp = timestamp(new Date(now.getTime() + Math.max(grace ?? 0, 0) * 1000));
    m.deletionGracePeriodSeconds = Math.max(grace ?? 0, 0);
    if (this.def.hasGeneration) m.generation = (m.generation ?? 1) + 1;
    this.def.strategy.prepareForDeletion?.(obj);
    return obj;
  }

  /** Deletes every object a list selects; returns the deleted (or terminating) objects. */
  async deleteCollection(namespace: string, list: ListOptions, options: DeleteOptions): Promise<KubeObject[]> {
    const page = await this.list(namespace, { filter: list.filter });
    const results: KubeObject[] = [];
    for (const item of page.items) {
      const m = item.object.metadata ?? {};
      try {
        const result = await this.delete(m.namespace ?? "", m.name ?? "", options);
        results.push(result.object);
      } catch (err) {
        if ((err as ApiError).code === 404) continue; // deleted concurrently: fine
        throw err;
      }
    }
    return results;
  }

  // ---------------------------------------------------------------- checks

  /** apiVersion and kind must match the resource; absent ones are defaulted as upstream does. */
  #checkTypeMeta(body: KubeObject): KubeObject {
    const apiVersion = this.def.group ? `${this.def.group}/${this.def.version}` : this.def.version;
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersion) {
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (body.kind !== undefined && body.kind !== this.def.kind) {
      throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${this.def.kind})`);
    }
    if (body.metadata !== undefined && (typeof body.metadata !== "object" || body.metadata === null || Array.isArray(body.metadata))) {
      throw badRequest("metadata must be an object");
    }
    body.apiVersion = apiVersion;
    body.kind = this.def.kind;
    return body;
  }

  #checkNamespace(obj: KubeObject, namespace: string): void {
    const m = meta(obj);
    if (!this.def.namespaced) {
      delete m.namespace;
      return;
    }
    if (m.namespace !== undefined && m.namespace !== "" && m.namespace !== namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    m.namespace = namespace;
  }

  /** Checks a body against the kind's schema under `options.fieldValidation` (prunes, warns or rejects). */
  decodeBody(obj: KubeObject, options: WriteOptions): void {
    this.#decode(obj, options);
  }

  #decode(obj: KubeObject, options: WriteOptions): void {
    if (!this.hooks.decode) return;
    const mode = options.fieldValidation ?? "Warn";
    const { warnings, error, cause } = this.hooks.decode(this.def, obj, mode === "Strict");
    if (error && options.patchValue) throw invalidPatch(options.patchValue(obj), cause ?? error);
    if (error) throw badRequest(error);
    if (mode === "Warn") options.warnings?.push(...warnings);
  }

  /** Records the write's field manager in managedFields; server-side apply computes them itself. */
  #manageFields(obj: KubeObject, old: KubeObject | undefined, options: WriteOptions): void {
    if (options.managedFieldsComputed) return;
    const write = { ...options, apiVersion: this.apiVersion, time: this.#now() };
    recordManagedFields(this.def, obj, old, write, this.hooks.schemaFor?.(this.def));
  }

  /** Fields a write path resets and nobody comes to own there (status on the main resource, and vice versa). */
  resetFields(subresource: string | undefined) {
    return resetFieldsOf(this.def, subresource);
  }

  /** The group/version this store serves, e.g. `apps/v1`. */
  get apiVersion(): string {
    return this.def.group ? `${this.def.group}/${this.def.version}` : this.def.version;
  }

  #validate(obj: KubeObject, old: KubeObject | undefined): void {
    const errors = this.hooks.validate?.(this.def, obj, old) ?? [];
    if (errors.length > 0) throw this.hooks.invalid(this.def, meta(obj).name ?? "", errors);
  }
}

/** Finalizers that keep a deleted object around (namespaces also wait for spec.finalizers). */
export function pendingFinalizers(def: ResourceDefinition, obj: KubeObject): string[] {
  const list = [...(obj.metadata?.finalizers ?? [])];
  const extra = def.strategy.extraFinalizers?.(obj);
  if (extra) list.push(...extra);
  return list;
}

/** Parses a resourceVersion; 400 BadRequest for anything that is not a positive integer. */
export function parseResourceVersion(value: string): number {
  const rv = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(rv)) {
    throw badRequest(`invalid resource version: ${JSON.stringify(value)}`);
  }
  return rv;
}
