/**
 * The two entry points the API server calls on every write, layered as
 * upstream's field manager is:
 *
 * - {@link updateManagedFields} for create, update and the three patch
 *   types (operation `Update`);
 * - {@link apply} for server-side apply (`application/apply-patch+yaml`).
 *
 * Around the ownership algorithm (`updater.ts`) they add what upstream's
 * wrappers do: the writer's identifier (an empty manager name is `unknown`);
 * the write is first recorded as a transient "current-operation" manager so
 * the writer's own earlier fields are treated like anyone's, then merged into
 * its entry, whose `time` moves only when the write changed something;
 * fields nobody may own are stripped from the writer's set (`apiVersion`,
 * `kind`, `metadata` and its system fields — see {@link STRIP_PATHS}); Update
 * entries are capped at ten, the oldest merged into `ancient-changes`; an
 * apply to an object without managedFields first attributes the object to
 * `before-first-apply`; and the `kubectl` manager's last-applied annotation
 * handling (`last-applied.ts`).
 * @module
 */
import { cloneJson, deepEqual, isJsonObject, type JsonObject, type JsonValue } from "../patch/json.js";
import type { StructuralSchema } from "../schema.js";
import { createdFieldsV1 } from "./create-fields.js";
import { ApplyConflictError, ApplyError } from "./errors.js";
import { FieldSet } from "./field-set.js";
import { TypedValueError } from "./items.js";
import {
  allowedConflictsFromLastApplied,
  hasLastApplied,
  LAST_APPLIED_MANAGER,
  updateLastApplied,
} from "./last-applied.js";
import {
  decodeManagedFields,
  encodeManagedFields,
  type Managed,
  type ManagedFieldsEntry,
  managerIdentifier,
} from "./managers.js";
import { fieldElement } from "./path.js";
import { capUpdateManagers } from "./cap-managers.js";
import { DEDUCED, type TypeRef } from "./topology.js";
import { applyUpdater, ConflictsError, type Managers, type RawConflict, type UpdaterContext, updateUpdater } from "./updater.js";

/** Options of {@link updateManagedFields}. */
export interface UpdateOptions {
  /** The field manager (`?fieldManager=`, or the user agent's product); empty means `unknown`. */
  manager: string;
  operation?: "Update";
  /** The group/version the request was made in, e.g. `apps/v1`. */
  apiVersion: string;
  /** When the write happens; defaults to now. Stored with whole seconds. */
  time?: Date | string;
  /** `status`, `scale`, … for writes to a subresource. */
  subresource?: string;
  /** Fields this write path resets (see `resetFieldsFor`); nobody comes to own them here. */
  resetFields?: FieldSet;
  /** Update entries kept before the oldest merge into `ancient-changes`; default 10. */
  maxUpdateManagers?: number;
}

/** Options of {@link apply}. */
export interface ApplyOptions {
  /** The field manager; server-side apply requires one. */
  manager: string;
  /** `?force=true`: take over conflicting fields instead of failing. */
  force?: boolean;
  /** The group/version of the resource, e.g. `apps/v1`; the configuration must match it. */
  apiVersion: string;
  /** The resource's kind; when given, the configuration's kind must match it. */
  kind?: string;
  time?: Date | string;
  subresource?: string;
  resetFields?: FieldSet;
}

/** The result of {@link apply}. */
export interface ApplyResult {
  /** The object to store, with `metadata.managedFields` set (removed when empty). */
  object: JsonObject;
  managedFields: ManagedFieldsEntry[];
  /** Whether anything but managedFields differs from the live object. */
  changed: boolean;
}

/** Default cap on Update entries (upstream's `DefaultMaxUpdateManagers`). */
export const DEFAULT_MAX_UPDATE_MANAGERS = 10;

const CURRENT_OPERATION = "current-operation";
const BEFORE_FIRST_APPLY = "before-first-apply";

/** Paths never recorded for the writer (upstream's `stripMetaManager`). Only exact paths: labels stay. */
export const STRIP_PATHS: readonly (readonly string[])[] = [
  ["apiVersion"],
  ["kind"],
  ["metadata"],
  ...["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"].map((f) => [
    "metadata",
    f,
  ]),
];

const STRIP_SET = FieldSet.of(...STRIP_PATHS.map((path) => path.map(fieldElement)));

/** `set` without the fields nobody may own. */
export function stripManagedFieldsSet(set: FieldSet): FieldSet {
  return set.difference(STRIP_SET);
}

/** RFC 3339 with whole seconds, as `metav1.Time` serialises. */
function formatTime(time: Date | string | undefined): string {
  const date = time === undefined ? new Date() : typeof time === "string" ? new Date(time) : time;
  // toISOString always ends in `.sssZ`: drop the milliseconds.
  return `${date.toISOString().slice(0, -5)}Z`;
}

/** A shallow copy of an object without `metadata.managedFields`, which no write compares. */
function withoutManagedFields(object: unknown): JsonObject {
  if (!isJsonObject(object)) return {};
  if (!isJsonObject(object.metadata) || !Object.hasOwn(object.metadata, "managedFields")) return object;
  const { managedFields: _, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function copyManaged(managed: Managed): Managed {
  return { fields: new Map(managed.fields), times: new Map(managed.times), stored: managed.stored };
}

function strip(fields: Managers, id: string): void {
  const state = fields.get(id);
  if (!state) return;
  const set = stripManagedFieldsSet(state.set);
  if (set.isEmpty()) fields.delete(id);
  else fields.set(id, { ...state, set });
}

/**
 * `owned ∪ added`; `owned` itself (the same object) when `added` has no
 * member `owned` lacks — a writer that changes a field it already owns keeps
 * its set, and so its stored FieldsV1, without a set comparison.
 */
function unionInto(owned: FieldSet, added: FieldSet): FieldSet {
  return added.difference(owned).isEmpty() ? owned : owned.union(added);
}

/** An Update by `id`, through the current-operation step (upstream's `managedFieldsUpdater.Update`). */
function recordUpdate(managed: Managed, before: unknown, after: unknown, id: string, apiVersion: string, time: string, ctx: UpdaterContext): Managed {
  const fields = updateUpdater(before, after, apiVersion, managed.fields, CURRENT_OPERATION, ctx);
  strip(fields, CURRENT_OPERATION);
  const out: Managed = { fields, times: new Map(managed.times), stored: managed.stored };
  const current = fields.get(CURRENT_OPERATION);
  if (current) {
    fields.delete(CURRENT_OPERATION);
    const previous = fields.get(id);
    fields.set(id, { set: previous ? unionInto(previous.set, current.set) : current.set, apiVersion: current.apiVersion, applied: false });
    out.times.set(id, time);
  }
  return out;
}

/**
 * The managedFields after an Update-type write (create, update, patch) turned
 * `oldObj` into `newObj`:
 *
 * - the writer gains every field it changed or added;
 * - other managers lose the fields that changed or disappeared, and entries
 *   left empty are dropped;
 * - the writer's entry — one per (manager, apiVersion, subresource) — gets
 *   `time` when the write changed anything;
 * - on create (`oldObj` undefined) the writer owns everything the object sets,
 *   including `".": {}` markers for the maps and items it created.
 *
 * Pass the managedFields to start from ({@link managedFieldsForWrite} picks
 * them as upstream does). An empty result means the object should carry no
 * managedFields.
 * @throws {ManagedFieldsError} when `managedFields` cannot be decoded.
 */
export function updateManagedFields(
  managedFields: readonly ManagedFieldsEntry[] | undefined,
  oldObj: object | undefined,
  newObj: object,
  options: UpdateOptions,
  schema: StructuralSchema | undefined,
): ManagedFieldsEntry[] {
  const ctx: UpdaterContext = { type: schema ?? DEDUCED, ignored: options.resetFields };
  if (oldObj === undefined && (!managedFields || managedFields.length === 0)) return createdManagedFields(newObj, options, ctx);
  const id = managerIdentifier({ manager: options.manager || "unknown", operation: "Update", apiVersion: options.apiVersion, subresource: options.subresource });
  const managed = recordUpdate(
    decodeManagedFields(managedFields),
    withoutManagedFields(oldObj ?? {}),
    withoutManagedFields(newObj),
    id,
    options.apiVersion,
    formatTime(options.time),
    ctx,
  );
  capUpdateManagers(managed, options.maxUpdateManagers ?? DEFAULT_MAX_UPDATE_MANAGERS);
  return encodeManagedFields(managed);
}

/**
 * {@link updateManagedFields} for a create without managedFields: the writer
 * is the only manager and owns every node of the object (see
 * `create-fields.ts` for why), so its single entry is written directly. The
 * cap on Update entries never touches a single entry, and the entry's fields
 * are those `encodeManagedFields` writes for a new manager.
 */
function createdManagedFields(newObj: object, options: UpdateOptions, ctx: UpdaterContext): ManagedFieldsEntry[] {
  const time = formatTime(options.time);
  const fieldsV1 = createdFieldsV1(withoutManagedFields(newObj), ctx.type, ctx.ignored, STRIP_SET);
  if (fieldsV1 === undefined) return [];
  const entry: ManagedFieldsEntry = { manager: options.manager || "unknown", operation: "Update", apiVersion: options.apiVersion };
  if (time) entry.time = time;
  entry.fieldsType = "FieldsV1";
  entry.fieldsV1 = fieldsV1;
  if (options.subresource) entry.subresource = options.subresource;
  return [entry];
}

function groupVersionKind(apiVersion: unknown, kind: unknown): string {
  const gv = typeof apiVersion === "string" ? apiVersion : "";
  const group = gv.includes("/") ? gv : `/${gv}`;
  return `${group}, Kind=${typeof kind === "string" ? kind : ""}`;
}

/** Upstream's checks of an applied configuration (version check, structured-merge manager). */
function checkConfig(config: unknown, options: ApplyOptions): asserts config is JsonObject {
  if (!isJsonObject(config)) throw new ApplyError("the applied configuration must be an object");
  if (options.kind !== undefined && (config.apiVersion !== options.apiVersion || config.kind !== options.kind)) {
    throw new ApplyError(`invalid object type: ${groupVersionKind(config.apiVersion, config.kind)}`);
  }
  if (config.apiVersion !== options.apiVersion) {
    const specified = typeof config.apiVersion === "string" ? config.apiVersion : "";
    throw new ApplyError(`Incorrect version specified in apply patch. Specified patch version: ${specified}, expected: ${options.apiVersion}`);
  }
  if (isJsonObject(config.metadata) && config.metadata.managedFields != null) throw new ApplyError("metadata.managedFields must be nil");
}

/** `ns/name; group/version, Kind=kind`, as upstream names an object in apply errors. */
function describeObject(config: JsonObject): string {
  const metadata = isJsonObject(config.metadata) ? config.metadata : {};
  const ns = typeof metadata.namespace === "string" ? metadata.namespace : "";
  const name = typeof metadata.name === "string" ? metadata.name : "";
  return `${ns}/${name}; ${groupVersionKind(config.apiVersion, config.kind)}`;
}

interface Attempt {
  object: JsonValue | undefined;
  managed: Managed;
}

/** One apply through the wrappers below the last-applied manager. */
function applyOnce(live: JsonObject | undefined, config: JsonObject, managed: Managed, id: string, force: boolean, options: ApplyOptions, ctx: UpdaterContext): Attempt {
  const time = formatTime(options.time);
  let state = managed;
  const base = live ?? {};
  if (live !== undefined && state.fields.size === 0) {
    // Objects without managedFields: whatever they hold becomes someone's first.
    const before = managerIdentifier({ manager: BEFORE_FIRST_APPLY, operation: "Update", apiVersion: options.apiVersion, subresource: options.subresource });
    state = recordUpdate(state, {}, live, before, options.apiVersion, time, ctx);
  }
  let outcome: ReturnType<typeof applyUpdater>;
  try {
    outcome = applyUpdater(base, config, options.apiVersion, state.fields, id, force, ctx);
  } catch (e) {
    if (e instanceof TypedValueError) throw new ApplyError(`failed to create typed patch object (${describeObject(config)}): ${e.message}`);
    throw e;
  }
  const fields = new Map(outcome.managers);
  strip(fields, id);
  const next = copyManaged(state);
  next.fields.clear();
  for (const [key, value] of fields) next.fields.set(key, value);
  if (outcome.object !== undefined) next.times.set(id, time);
  return { object: outcome.object, managed: next };
}

/**
 * Server-side apply of `config` by `options.manager` onto `live` (undefined:
 * create), with upstream's semantics:
 *
 * - the configuration merges into the live object — maps by key, map lists
 *   by their keys, sets by value, atomic values whole — and the applier
 *   comes to own exactly the configuration's fields (operation `Apply`);
 * - a field another manager owns with a different value is a conflict,
 *   reported as {@link ApplyConflictError} unless `force` moves it to the
 *   applier; an equal value is shared;
 * - a field the applier applied before and omits now is removed from the
 *   object unless another manager owns it (then it is only disowned).
 *
 * @throws {ApplyConflictError} on conflicts without `force`.
 * @throws {ApplyError} for a configuration upstream rejects (wrong
 *   apiVersion/kind, managedFields set, list items without their keys).
 * @throws {ManagedFieldsError} when `managedFields` cannot be decoded.
 */
export function apply(
  live: object | undefined,
  config: object,
  options: ApplyOptions,
  managedFields: readonly ManagedFieldsEntry[] | undefined,
  schema: StructuralSchema | undefined,
): ApplyResult {
  checkConfig(config, options);
  const ctx: UpdaterContext = { type: schema ?? (DEDUCED as TypeRef), ignored: options.resetFields };
  const id = managerIdentifier({ manager: options.manager || "unknown", operation: "Apply", subresource: options.subresource });
  const base = live === undefined ? undefined : withoutManagedFields(live);
  const managed = decodeManagedFields(managedFields);
  const force = options.force === true;
  let attempt: Attempt;
  try {
    attempt = applyOnce(base, config, managed, id, force, options, ctx);
  } catch (e) {
    if (!(e instanceof ConflictsError)) throw e;
    attempt = retryForLastApplied(e.conflicts, base, config, managed, id, options, ctx);
  }
  const object = (attempt.object === undefined ? cloneJson(base ?? {}) : attempt.object) as JsonObject;
  if (options.manager === LAST_APPLIED_MANAGER && hasLastApplied(object)) updateLastApplied(object, config);
  const managedFieldsOut = encodeManagedFields(attempt.managed);
  const changed = !deepEqual(object, base ?? {});
  const metadata = isJsonObject(object.metadata) ? object.metadata : (object.metadata = {});
  if (managedFieldsOut.length > 0) metadata.managedFields = managedFieldsOut as unknown as JsonValue;
  else delete metadata.managedFields;
  return { object, managedFields: managedFieldsOut, changed };
}

/**
 * Upstream's `lastAppliedManager`: for `kubectl`, conflicts on fields that
 * still hold their client-side-applied values are taken over.
 */
function retryForLastApplied(
  conflicts: readonly RawConflict[],
  live: JsonObject | undefined,
  config: JsonObject,
  managed: Managed,
  id: string,
  options: ApplyOptions,
  ctx: UpdaterContext,
): Attempt {
  if (options.manager !== LAST_APPLIED_MANAGER) throw new ApplyConflictError(conflicts);
  const allowed = allowedConflictsFromLastApplied(live, ctx.type);
  if (!allowed) throw new ApplyConflictError(conflicts);
  const remaining = conflicts.filter((c) => !allowed.has(c.path));
  if (remaining.length > 0) throw new ApplyConflictError(remaining);
  return applyOnce(live, config, managed, id, true, options, ctx);
}
