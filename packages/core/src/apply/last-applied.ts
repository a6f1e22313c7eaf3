/**
 * Interplay with client-side apply's `kubectl.kubernetes.io/last-applied-configuration`
 * annotation, for the field manager `kubectl` only (what `kubectl apply
 * --server-side` uses), as upstream's `lastAppliedManager` and
 * `lastAppliedUpdater`:
 *
 * - Upgrading from client-side apply: conflicts on fields whose live value
 *   still equals the annotation's are the same user's intent, so the apply
 *   is forced for them; other conflicts remain.
 * - Staying downgradable: when the object carries the annotation, a
 *   server-side apply rewrites it with the applied configuration (dropped
 *   when it would push annotations past 256 KiB).
 * @module
 */
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from "../patch/json.js";
import { compareObjects } from "./compare.js";
import type { FieldSet } from "./field-set.js";
import { goJson } from "./path.js";
import { fieldSetOfType } from "./to-field-set.js";
import type { TypeRef } from "./topology.js";

/** The annotation client-side apply keeps its last configuration in. */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** The field manager whose applies maintain the annotation. */
export const LAST_APPLIED_MANAGER = "kubectl";

/** Upstream's total annotation size limit (keys plus values, in bytes). */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function annotationsOf(object: unknown): JsonObject | undefined {
  if (!isJsonObject(object) || !isJsonObject(object.metadata)) return undefined;
  const annotations = object.metadata.annotations;
  return isJsonObject(annotations) ? annotations : undefined;
}

/** Whether the object has a non-empty last-applied annotation. */
export function hasLastApplied(object: unknown): boolean {
  const value = annotationsOf(object)?.[LAST_APPLIED_ANNOTATION];
  return typeof value === "string" && value.length > 0;
}

/**
 * The fields client-side apply set and the live object still holds
 * unchanged: conflicts on them may be taken over. Undefined without a
 * readable annotation.
 */
export function allowedConflictsFromLastApplied(live: unknown, type: TypeRef): FieldSet | undefined {
  const text = annotationsOf(live)?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== "string" || text === "") return undefined;
  let lastApplied: JsonValue;
  try {
    lastApplied = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  if (!isJsonObject(lastApplied)) return undefined;
  const set = fieldSetOfType(lastApplied, type);
  const { added, modified, removed } = compareObjects(lastApplied, live, type);
  return set.difference(modified).difference(added).difference(removed);
}

/** The annotation value for an applied configuration: its JSON without the annotation, as Go encodes it. */
function lastAppliedValue(config: JsonObject): string {
  const copy = cloneJson(config) as JsonObject;
  const annotations = annotationsOf(copy);
  if (annotations) delete annotations[LAST_APPLIED_ANNOTATION];
  // json.Encoder sorts map keys and ends the document with a newline.
  return `${goJson(copy)}\n`;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Writes the applied configuration into `object`'s annotation (mutates `object`). */
export function updateLastApplied(object: JsonObject, config: JsonObject): void {
  const metadata = isJsonObject(object.metadata) ? object.metadata : (object.metadata = {});
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : (metadata.annotations = {});
  annotations[LAST_APPLIED_ANNOTATION] = lastAppliedValue(config);
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) total += utf8Length(key) + (typeof value === "string" ? utf8Length(value) : 0);
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) delete annotations[LAST_APPLIED_ANNOTATION];
}
