/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), the patch
 * kubectl sends, applied as upstream's `strategicpatch` package applies it on
 * the server. Like a JSON merge patch, but lists follow the schema:
 *
 * - `null` deletes a member; maps merge recursively; scalars replace.
 * - A list whose field has `x-kubernetes-patch-strategy: merge` is merged: items
 *   of a list of objects are matched by `x-kubernetes-patch-merge-key` (matches
 *   merge recursively, new items are added), a list of primitives becomes the
 *   union without duplicates. Every other list is replaced. Item order follows
 *   {@link ./smp-order.ts}.
 * - Directives: `$patch: replace` (replace this map, or in a list item the
 *   whole list), `$patch: delete` (in a list item: remove the items with that
 *   merge key; in a map: empty it), `$patch: merge` (the default; accepted in
 *   maps), `$setElementOrder/<field>` (the order of a merged list),
 *   `$retainKeys` (drop every member not listed), and
 *   `$deleteFromPrimitiveList/<field>` (remove values from a primitive list).
 *
 * Deliberate differences from upstream, all on inputs kubectl does not send:
 * - Directives never reach the stored object. Where upstream keeps one (a
 *   replaced list or map taken verbatim, an item appended to a merged list,
 *   `$retainKeys` under `$patch: replace`), we apply the value as if merged
 *   into nothing; nulls inside such new values are dropped, as upstream does
 *   for members the original lacks. So `{$patch: delete}` for a missing member
 *   leaves it missing (as upstream), and `{$patch: replace, ...}` for a missing
 *   member yields its content (recent upstream drops the member entirely).
 * - `$patch: merge` in a map is accepted as the default it names; upstream
 *   rejects it. In a list item it is rejected, as upstream does.
 * - Errors upstream answers with 500 are 400 here (see `errors.ts`); a
 *   `$deleteFromPrimitiveList/<field>` that is not a list is rejected rather
 *   than ignored, and one that is `null` deletes nothing (upstream deletes the
 *   field); a `$setElementOrder/<field>` with no list to order is ignored.
 *
 * Errors are {@link PatchError}s with status 400, except merging a list of
 * lists (422), as upstream.
 * @module
 */
import type { StructuralSchema } from "../schema.js";
import { PatchError } from "./errors.js";
import { canonicalKey, cloneJson, hasKey, isJsonObject, type JsonObject, type JsonValue, setKey } from "./json.js";
import { identityBy, orderMergedList } from "./smp-order.js";
import { itemSchema, memberSchema, patchStrategy } from "./smp-schema.js";

const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ELEMENT_ORDER = "$setElementOrder";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

/** What a patch leaves where it deletes something that did not exist. */
const ABSENT = Symbol("absent");
type Absent = typeof ABSENT;
type Schema = StructuralSchema | undefined;

/**
 * Applies a strategic merge patch to `original` (a Kubernetes object) and
 * returns the patched copy; neither argument is modified.
 *
 * @param schema the structural schema of the object's kind, read for patch
 *   strategies and merge keys; `undefined`, or a field the schema does not
 *   describe, merges maps and replaces lists.
 * @throws {PatchError} when the patch is malformed (see the module documentation).
 */
export function strategicMergePatch(original: unknown, patch: unknown, schema: StructuralSchema | undefined): JsonObject {
  if (!isJsonObject(patch)) throw new PatchError("a strategic merge patch must be a JSON object", 400);
  const copy = isJsonObject(original) ? (cloneJson(original) as JsonObject) : {};
  return mergeMap(copy, patch, schema, "");
}

/** Merges `patch` into `original`, our own copy that may be changed in place. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema, path: string): JsonObject {
  if (hasKey(patch, PATCH)) {
    const directive = patch[PATCH];
    // Upstream leaves an existing map empty rather than removing it.
    if (directive === "delete") return {};
    if (directive === "replace") return mergeFields({}, patch, schema, path);
    if (directive !== "merge") throw unknownDirective(directive, path);
  }
  return mergeFields(original, patch, schema, path);
}

/** The body of a map merge: directives first, then member by member. */
function mergeFields(target: JsonObject, patch: JsonObject, schema: Schema, path: string): JsonObject {
  applyRetainKeys(target, patch, path);
  const ordered = applySetElementOrders(target, patch, schema, path);
  for (const key of Object.keys(patch)) {
    if (key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER) || ordered.has(key)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) deleteFromPrimitiveList(target, key, patch[key], path);
    else mergeMember(target, key, patch[key], memberSchema(schema, key), child(path, key));
  }
  return target;
}

function mergeMember(target: JsonObject, key: string, value: JsonValue, schema: Schema, path: string): void {
  if (value === null) {
    delete target[key];
    return;
  }
  const current = hasKey(target, key) ? target[key] : undefined;
  let next: JsonValue | Absent;
  if (isJsonObject(current) && isJsonObject(value)) {
    next = patchStrategy(schema).replace ? build(value, schema, path) : mergeMap(current, value, schema, path);
  } else if (Array.isArray(current) && Array.isArray(value)) {
    next = mergeListField(current, value, schema, path);
  } else {
    // Nothing to merge with (missing, or of another type): the patch value wins.
    next = build(value, schema, path);
  }
  if (next === ABSENT) delete target[key];
  else setKey(target, key, next);
}

/**
 * The value a patch produces where there is nothing to merge it with: the
 * patch value itself, with directives applied to nothing and nulls dropped.
 */
function build(value: JsonValue, schema: Schema, path: string): JsonValue | Absent {
  if (Array.isArray(value)) return buildList(value, itemSchema(schema), path);
  if (!isJsonObject(value)) return value;
  if (hasKey(value, PATCH)) {
    const directive = value[PATCH];
    if (directive === "delete") return ABSENT;
    if (directive !== "replace" && directive !== "merge") throw unknownDirective(directive, path);
  }
  return mergeFields({}, value, schema, path);
}

function buildList(list: JsonValue[], items: Schema, path: string): JsonValue[] {
  const out: JsonValue[] = [];
  list.forEach((item, i) => {
    // Deleting from, or replacing, an empty list leaves nothing of the directive item.
    if (isJsonObject(item) && hasKey(item, PATCH)) {
      listDirective(item[PATCH], path);
      return;
    }
    const built = build(item, items, `${path}[${i}]`);
    if (built !== ABSENT) out.push(built);
  });
  return out;
}

function mergeListField(current: JsonValue[], patch: JsonValue[], schema: Schema, path: string): JsonValue[] {
  const strategy = patchStrategy(schema);
  if (!strategy.merge) return buildList(patch, itemSchema(schema), path);
  if (current.length === 0 && patch.length === 0) return [];
  if (itemKind([...current, ...patch], path) === "primitive") return mergePrimitives(current, patch);
  if (strategy.mergeKey === undefined) {
    throw new PatchError(`${path}: cannot merge a list of objects whose schema declares no merge key`, 400);
  }
  return mergeObjects(current as JsonObject[], patch as JsonObject[], strategy.mergeKey, itemSchema(schema), path);
}

/** A set union: duplicates collapse, including any the live list had. */
function mergePrimitives(current: JsonValue[], patch: JsonValue[]): JsonValue[] {
  const seen = new Set<string>();
  const merged = [...current, ...patch].filter((item) => {
    const key = canonicalKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return orderMergedList(merged, patch, current, identityBy(undefined));
}

function mergeObjects(current: JsonObject[], patch: JsonObject[], mergeKey: string, items: Schema, path: string): JsonValue[] {
  const identity = identityBy(mergeKey);
  const keyOf = (item: JsonObject) => {
    if (!hasKey(item, mergeKey)) throw missingMergeKey(item, mergeKey, path);
    return canonicalKey(item[mergeKey]);
  };
  // Directive items first: deletions shrink the live list, a replace discards it.
  let live = current;
  let replace = false;
  const plain: JsonObject[] = [];
  for (const item of patch) {
    if (!hasKey(item, PATCH)) {
      plain.push(item);
    } else if (listDirective(item[PATCH], path) === "replace") {
      replace = true;
    } else {
      const doomed = keyOf(item);
      live = live.filter((entry) => canonicalKey(identity(entry)) !== doomed);
    }
  }
  if (replace) return buildList(plain, items, path);

  const merged = [...live];
  const keys = merged.map((entry) => canonicalKey(identity(entry)));
  for (const item of plain) {
    const key = keyOf(item);
    const itemPath = `${path}[${mergeKey}=${JSON.stringify(item[mergeKey])}]`;
    // Only the first match merges, as upstream; a repeated patch item merges into the one appended before.
    const at = keys.indexOf(key);
    if (at >= 0) {
      merged[at] = mergeMap(merged[at], item, items, itemPath);
    } else {
      merged.push(build(item, items, itemPath) as JsonObject);
      keys.push(key);
    }
  }
  return orderMergedList(merged, plain, live, identity);
}

/** Whether list items are objects or primitives; mixed lists and lists of lists cannot be merged. */
function itemKind(items: JsonValue[], path: string): "object" | "primitive" {
  const kinds = new Set(items.map((item) => (item === null ? "null" : Array.isArray(item) ? "array" : typeof item)));
  if (kinds.has("array")) throw new PatchError(`${path}: lists of lists cannot be merged`, 422);
  if (kinds.size > 1) {
    throw new PatchError(`${path}: cannot merge a list whose items are of different types (${[...kinds].join(", ")})`, 400);
  }
  return kinds.has("object") ? "object" : "primitive";
}

/** `$retainKeys: [...]`: members not listed are dropped from the original. */
function applyRetainKeys(target: JsonObject, patch: JsonObject, path: string): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw new PatchError(`${where(path)}: $retainKeys must be a list of field names`, 400);
  const retained = new Set(listed.filter((key) => typeof key === "string"));
  for (const key of Object.keys(patch)) {
    const directive = key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    // A patch that sets a member it does not retain contradicts itself.
    if (!directive && patch[key] !== null && !retained.has(key)) {
      throw new PatchError(`${where(path)}: ${JSON.stringify(key)} is set by the patch but missing from $retainKeys`, 400);
    }
  }
  for (const key of Object.keys(target)) if (!retained.has(key)) delete target[key];
}

/**
 * `$setElementOrder/<field>: [...]`: merges the field's list now and orders the
 * result. Returns the fields done, which the member loop then skips.
 */
function applySetElementOrders(target: JsonObject, patch: JsonObject, schema: Schema, path: string): Set<string> {
  const done = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const field = directiveField(key, SET_ELEMENT_ORDER, path);
    const fieldPath = child(path, field);
    const order = patch[key];
    if (!Array.isArray(order)) throw new PatchError(`${fieldPath}: ${key} must be a list`, 400);
    const listPatch = hasKey(patch, field) ? patch[field] : undefined;
    // A null or a non-list for the field deletes or replaces it: there is no list to order.
    if (listPatch !== undefined && !Array.isArray(listPatch)) continue;
    const fieldSchema = memberSchema(schema, field);
    const { mergeKey } = patchStrategy(fieldSchema);
    if (mergeKey !== undefined) {
      for (const item of order) {
        if (!isJsonObject(item) || !hasKey(item, mergeKey)) throw missingMergeKey(item, mergeKey, `${fieldPath} ($setElementOrder)`);
      }
    }
    if (listPatch) checkOrder(listPatch, order, mergeKey, fieldPath);
    const current = hasKey(target, field) && Array.isArray(target[field]) ? (target[field] as JsonValue[]) : undefined;
    let merged: JsonValue[];
    if (current && listPatch) merged = mergeListField(current, listPatch, fieldSchema, fieldPath);
    else if (listPatch) merged = buildList(listPatch, itemSchema(fieldSchema), fieldPath);
    else if (current) merged = current;
    else continue;
    setKey(target, field, orderMergedList(merged, order, current ?? [], identityBy(mergeKey)));
    done.add(field);
  }
  return done;
}

/** The patch list must name its items in the relative order `$setElementOrder` gives. */
function checkOrder(list: JsonValue[], order: JsonValue[], mergeKey: string | undefined, path: string): void {
  if (order.length === 0) return;
  const identity = identityBy(mergeKey);
  let next = 0;
  for (const item of list) {
    // Deletions and other directive items have no place in the order.
    if (isJsonObject(item) && hasKey(item, PATCH)) continue;
    if (mergeKey !== undefined && !(isJsonObject(item) && hasKey(item, mergeKey))) throw missingMergeKey(item, mergeKey, path);
    const key = canonicalKey(identity(item));
    while (next < order.length && canonicalKey(identity(order[next])) !== key) next++;
    if (next === order.length) {
      throw new PatchError(`${path}: the items of the patch list are not in the order its $setElementOrder list gives`, 400);
    }
    next++;
  }
}

/** `$deleteFromPrimitiveList/<field>: [...]`: removes every occurrence of those values. */
function deleteFromPrimitiveList(target: JsonObject, key: string, values: JsonValue, path: string): void {
  const field = directiveField(key, DELETE_FROM_PRIMITIVE_LIST, path);
  if (values === null) return;
  if (!Array.isArray(values)) throw new PatchError(`${child(path, field)}: ${key} must be a list`, 400);
  const current = hasKey(target, field) ? target[field] : undefined;
  // Nothing to delete from: the list is not created.
  if (!Array.isArray(current)) return;
  const doomed = new Set(values.map(canonicalKey));
  setKey(
    target,
    field,
    current.filter((item) => !doomed.has(canonicalKey(item))),
  );
}

/** The `$patch` value of a list item, which may only delete or replace. */
function listDirective(value: JsonValue, path: string): "delete" | "replace" {
  if (value === "delete" || value === "replace") return value;
  if (value === "merge") {
    throw new PatchError(`${path}: "$patch": "merge" is not supported in a list; the schema decides whether a list merges`, 400);
  }
  throw unknownDirective(value, path);
}

/** The field named by a `$prefix/<field>` key. */
function directiveField(key: string, prefix: string, path: string): string {
  if (!key.startsWith(`${prefix}/`)) {
    throw new PatchError(`${where(path)}: invalid directive ${JSON.stringify(key)}, expected "${prefix}/<field>"`, 400);
  }
  return key.slice(prefix.length + 1);
}

function unknownDirective(value: JsonValue, path: string): PatchError {
  return new PatchError(`${where(path)}: unknown "$patch" value ${JSON.stringify(value)}, expected "replace", "delete" or "merge"`, 400);
}

function missingMergeKey(item: JsonValue, mergeKey: string, path: string): PatchError {
  let shown = JSON.stringify(item);
  if (shown.length > 200) shown = `${shown.slice(0, 200)}…`;
  return new PatchError(`${path}: item ${shown} has no ${JSON.stringify(mergeKey)}, the merge key of this list`, 400);
}

function child(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function where(path: string): string {
  return path === "" ? "the object" : path;
}
