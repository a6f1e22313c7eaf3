/**
 * The metadata rules every resource shares: system fields set on create,
 * carried over on update, generation bumps, generated names and the
 * comparisons the store needs. Pure functions over parsed objects.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { KubeObject, ObjectMeta, ResourceDefinition } from "./resource.js";

/** Upstream's alphabet for generateName suffixes (no vowels, no look-alikes). */
const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `generateName` + five random characters, as upstream's SimpleNameGenerator. */
export function generateName(base: string): string {
  const trimmed = base.length > 58 ? base.slice(0, 58) : base;
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
  return trimmed + suffix;
}

/** RFC 3339 with second precision, as Kubernetes serializes metav1.Time. */
export function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Sets the fields the server owns on a new object. */
export function initCreateMeta(def: ResourceDefinition, obj: KubeObject, now: Date): void {
  const meta = obj.metadata as ObjectMeta;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (def.hasGeneration) meta.generation = 1;
  else delete meta.generation;
  if (!def.namespaced) delete meta.namespace;
}

/** ObjectMeta fields that are maps or lists, all `omitempty` upstream. */
const OMIT_EMPTY_META = ["labels", "annotations", "finalizers", "ownerReferences", "managedFields"] as const;

/**
 * Drops what Go's `omitempty` would not serialize from ObjectMeta: null
 * values and empty maps and lists. kube-apiserver decodes every write into
 * typed structs, so an object whose last label is removed (`kubectl label
 * x key-`, a merge patch `{"labels":{"key":null}}`) has no `labels` field
 * at all afterwards, never `labels: {}`.
 */
export function dropEmptyMetaFields(obj: KubeObject): void {
  const meta = obj.metadata;
  if (!meta) return;
  for (const key of Object.keys(meta)) if (meta[key] === null) delete meta[key];
  for (const key of OMIT_EMPTY_META) {
    const value = meta[key];
    if (Array.isArray(value) ? value.length === 0 : typeof value === "object" && Object.keys(value).length === 0) delete meta[key];
  }
}

/** Everything but metadata and status: what a generation counts changes of. */
function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}

/** Copies server-owned fields from the stored object onto an update and bumps generation. */
export function carryOverUpdateMeta(def: ResourceDefinition, obj: KubeObject, old: KubeObject): void {
  const meta = obj.metadata as ObjectMeta;
  const oldMeta = old.metadata as ObjectMeta;
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  if (def.namespaced) meta.namespace = oldMeta.namespace;
  else delete meta.namespace;
  if (oldMeta.deletionTimestamp) {
    meta.deletionTimestamp = oldMeta.deletionTimestamp;
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  if (def.hasGeneration) {
    const generation = oldMeta.generation ?? 1;
    meta.generation = specOf(obj) !== specOf(old) ? generation + 1 : generation;
  } else {
    delete meta.generation;
  }
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual((a as Record<string, unknown>)[k], bo[k]));
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
