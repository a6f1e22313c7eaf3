/**
 * `metadata.managedFields` entries and the managers they decode to, as
 * upstream's `managedfields` internals:
 *
 * - A manager is identified by its entry minus `time`, `fieldsType` and
 *   `fieldsV1` — and minus `apiVersion` for Apply entries, so an applier
 *   keeps one entry across versions, while an Update entry exists per
 *   (manager, apiVersion, subresource). The identifier is the JSON of what is
 *   left, in Go's member order; conflict messages sort managers by it.
 * - Entries are written sorted: Apply before Update, then by time (whole
 *   seconds, missing time first), manager, apiVersion, subresource.
 * - An entry whose field set did not change keeps its stored `fieldsV1`
 *   object, as upstream keeps the stored bytes.
 * @module
 */
import type { JsonObject } from "../patch/json.js";
import { isJsonObject } from "../patch/json.js";
import type { FieldSet } from "./field-set.js";
import { checkFieldsV1, decodeFieldsV1, encodeFieldsV1, type FieldsV1, FieldsV1Error } from "./fields-v1.js";
import { goJson } from "./path.js";
import type { ManagerState, Managers } from "./updater.js";

/** `metav1.ManagedFieldsOperationType`. */
export type ManagedFieldsOperation = "Apply" | "Update";

/** `metav1.ManagedFieldsEntry`, as stored in `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: ManagedFieldsOperation;
  apiVersion?: string;
  /** RFC 3339 with whole seconds, e.g. `2024-05-01T12:00:00Z`. */
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
}

/** Malformed managedFields (upstream's decoding errors, same messages). */
export class ManagedFieldsError extends Error {
  override name = "ManagedFieldsError";
}

/** The parts of an entry that identify its manager. */
export interface ManagerInfo {
  manager: string;
  operation: ManagedFieldsOperation;
  apiVersion?: string;
  subresource?: string;
}

/** Decoded managed fields: the managers, their times and the entries they came from. */
export interface Managed {
  readonly fields: Managers;
  readonly times: Map<string, string | undefined>;
  /** Stored entries by identifier, to keep unchanged `fieldsV1` as stored. */
  readonly stored: Map<string, { entry: ManagedFieldsEntry; set: FieldSet }>;
}

/** The manager identifier of an entry (upstream's `BuildManagerIdentifier`). */
export function managerIdentifier(info: ManagerInfo | ManagedFieldsEntry): string {
  const parts: JsonObject = {};
  if (info.manager) parts.manager = info.manager;
  if (info.operation) parts.operation = info.operation;
  if (info.apiVersion && info.operation !== "Apply") parts.apiVersion = info.apiVersion;
  if (info.subresource) parts.subresource = info.subresource;
  // Go marshals a struct in declaration order (not sorted), escaping HTML.
  return `{${Object.keys(parts)
    .map((key) => `"${key}":${goJson(parts[key])}`)
    .join(",")}}`;
}

/** The identifying parts of an identifier. */
export function parseManagerIdentifier(identifier: string): ManagerInfo {
  const parsed = JSON.parse(identifier) as Partial<ManagerInfo>;
  return {
    manager: parsed.manager ?? "",
    operation: parsed.operation ?? "Update",
    apiVersion: parsed.apiVersion,
    subresource: parsed.subresource,
  };
}

/** An empty decoded state. */
export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map(), stored: new Map() };
}

/**
 * Decodes `metadata.managedFields` (upstream's `DecodeManagedFields`). A later
 * entry with the same identifier replaces an earlier one.
 * @throws {ManagedFieldsError} for an entry upstream rejects.
 */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined | null): Managed {
  const managed = emptyManaged();
  (entries ?? []).forEach((entry, i) => {
    const set = readEntry(entry, i, decodeFieldsV1);
    const id = managerIdentifier(entry);
    managed.fields.set(id, { set, apiVersion: entry.apiVersion as string, applied: entry.operation === "Apply" });
    managed.times.set(id, entry.time);
    managed.stored.set(id, { entry, set });
  });
  return managed;
}

/** Validates entry `i` as upstream's decoding does, and reads its field set with `read`. */
function readEntry<T>(entry: ManagedFieldsEntry, i: number, read: (fields: unknown) => T): T {
  if (!isJsonObject(entry as unknown)) throw new ManagedFieldsError(`managed fields entry ${i} must be an object`);
  if (entry.operation !== "Apply" && entry.operation !== "Update") throw new ManagedFieldsError("operation must be `Apply` or `Update`");
  if (!entry.apiVersion) throw new ManagedFieldsError("apiVersion must not be empty");
  if (!entry.fieldsType) throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
  if (entry.fieldsType !== "FieldsV1") throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(entry.fieldsType)} in managed fields entry ${i}`);
  try {
    return read(entry.fieldsV1 ?? {});
  } catch (e) {
    if (e instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding versioned set from entry ${i}: error decoding set: ${e.message}`);
    throw e;
  }
}

/**
 * Whether `entries` decode to at least one manager: `decodeManagedFields(entries).fields.size > 0`
 * (every entry that decodes yields a manager), with the same errors, but
 * without building field sets.
 * @throws {ManagedFieldsError} when {@link decodeManagedFields} would.
 */
function decodesToManagers(entries: readonly ManagedFieldsEntry[] | undefined | null): boolean {
  (entries ?? []).forEach((entry, i) => {
    readEntry(entry, i, checkFieldsV1);
    managerIdentifier(entry); // decoding makes it too (it throws only for values JSON cannot hold)
  });
  return (entries ?? []).length > 0;
}

function unixSeconds(time: string | undefined): number {
  if (!time) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Upstream's entry order: operation, time (seconds), manager, apiVersion, subresource. */
function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return (
    compareText(p.operation, q.operation) ||
    Math.sign(unixSeconds(p.time) - unixSeconds(q.time)) ||
    compareText(p.manager, q.manager) ||
    compareText(p.apiVersion, q.apiVersion) ||
    compareText(p.subresource, q.subresource)
  );
}

function encodeEntry(id: string, state: ManagerState, time: string | undefined, stored: Managed["stored"]): ManagedFieldsEntry {
  const info = parseManagerIdentifier(id);
  const entry: ManagedFieldsEntry = { manager: info.manager, operation: state.applied ? "Apply" : "Update", apiVersion: state.apiVersion };
  if (time) entry.time = time;
  entry.fieldsType = "FieldsV1";
  const previous = stored.get(id);
  const unchanged =
    previous?.entry.fieldsV1 !== undefined &&
    previous.entry.apiVersion === state.apiVersion &&
    (previous.entry.operation === "Apply") === state.applied &&
    (previous.set === state.set || previous.set.equals(state.set));
  entry.fieldsV1 = unchanged ? previous.entry.fieldsV1 : encodeFieldsV1(state.set);
  if (info.subresource) entry.subresource = info.subresource;
  return entry;
}

/** Encodes managers as sorted `metadata.managedFields` entries (empty when nobody owns anything). */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, state] of managed.fields) entries.push(encodeEntry(id, state, managed.times.get(id), managed.stored));
  return entries.sort(compareEntries);
}

/**
 * Whether a write asks to clear managedFields: an empty list, or a list of
 * one empty entry (upstream's `isResetManagedFields`). `undefined` (the
 * member absent) is not a reset.
 */
export function isResetManagedFields(entries: readonly ManagedFieldsEntry[] | undefined | null): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isJsonObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

function managedFieldsOf(object: unknown): ManagedFieldsEntry[] | undefined {
  if (!isJsonObject(object) || !isJsonObject(object.metadata)) return undefined;
  const entries = object.metadata.managedFields;
  return Array.isArray(entries) ? (entries as unknown as ManagedFieldsEntry[]) : undefined;
}

/**
 * The managedFields an Update or create should start from (upstream's
 * `decodeLiveOrNew`): a write to a subresource cannot set them, so the live
 * object's count; a write that resets them starts from none; otherwise the
 * request's own entries if they decode and are not empty — so a client may
 * edit managedFields — else the live object's, so a client unaware of them
 * does not drop them.
 */
export function managedFieldsForWrite(
  live: unknown,
  next: unknown,
  options: { subresource?: string } = {},
): ManagedFieldsEntry[] {
  const liveEntries = managedFieldsOf(live) ?? [];
  if (options.subresource) return liveEntries;
  const requested = managedFieldsOf(next);
  if (isResetManagedFields(requested)) return [];
  try {
    if (decodesToManagers(requested)) return requested ?? [];
  } catch (e) {
    if (!(e instanceof ManagedFieldsError)) throw e;
  }
  return liveEntries;
}
