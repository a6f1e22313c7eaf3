/**
 * The fast path of a create: the FieldsV1 of an object's creator, built in
 * one walk of the object with no intermediate field sets or paths.
 *
 * Why this equals the general path (`updateUpdater` over `compareObjects`,
 * then the strip and the encoding): a create starts from no managers and
 * compares `{}` with the new object. Below the root, every node of the new
 * object is compared against an absent value, and `compare` then records it
 * as *added* — a leaf (a scalar, an atomic value, an empty or `null`
 * container, a list whose items cannot be identified) as itself, a map or
 * identified list after its members or first-occurrence items. Nothing is
 * modified or removed and nobody else owns anything, so the creator's set is
 * exactly "every node below the root", minus the reset fields (a recursive
 * difference: a reset member drops its whole subtree) and minus the members
 * nobody may own (a plain difference: `metadata` itself stops being a member,
 * `metadata.labels` stays). Encoding such a set writes, for each node in
 * upstream's element order, `{}` for a member without children,
 * `{".": {}, …children}` for a member with children, and the children alone
 * for a node that is only a prefix — which is what {@link createdFieldsV1}
 * writes directly. The tests compare the two paths byte for byte.
 * @module
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json.js";
import { childrenAtKey, type FieldSet, hasMemberKey } from "./field-set.js";
import type { FieldsV1 } from "./fields-v1.js";
import { indexList } from "./items.js";
import { cachedField, compareElements, compareStrings } from "./path.js";
import { memberType, type Shape, shapeOf, type TypeRef } from "./topology.js";

/**
 * The creator's FieldsV1 for `object` (without managedFields) under `type`:
 * every node except the root, less the members of `ignored` and everything
 * below them, less the members (only) of `strip`. Undefined when nothing is
 * left, i.e. when the creator gets no entry.
 */
export function createdFieldsV1(object: JsonObject, type: TypeRef, ignored: FieldSet | undefined, strip: FieldSet | undefined): FieldsV1 | undefined {
  // The root is compared with `{}`: a value of another shape, or an empty
  // one, is a modified or equal leaf at the empty path, which is never tracked.
  const shape = shapeOf(type, object);
  if (shape.kind !== "map" || !isJsonObject(object)) return undefined;
  const out: JsonObject = {};
  return fillMap(out, object, shape, ignored, strip) > 0 ? out : undefined;
}

function isEmptyContainer(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/**
 * The encoding of one added node: `{}` for a leaf, `{".": {}, …children}` for
 * a container (as `compare` inserts a container after its content). With
 * `member` false (a stripped path) the node keeps only its children, and is
 * undefined without any.
 */
function node(value: JsonValue | undefined, type: TypeRef, member: boolean, ignored: FieldSet | undefined, strip: FieldSet | undefined): JsonObject | undefined {
  const shape = shapeOf(type, value);
  if (shape.kind === "leaf" || isEmptyContainer(value)) return member ? {} : undefined;
  const out: JsonObject = member ? { ".": {} } : {};
  const count =
    shape.kind === "map"
      ? fillMap(out, value as JsonObject, shape, ignored, strip)
      : fillList(out, value as JsonValue[], shape, ignored, strip);
  if (count > 0) return out;
  // A list whose items cannot be identified is one leaf; so is a container
  // whose every child was reset.
  return member ? {} : undefined;
}

/**
 * Sorted key lists, found by walking the unsorted list through a trie: the
 * objects of one kind repeat the same members in the same order, and sorting
 * them with a comparator was most of a create's field walk. Bounded like the
 * caches of `path.ts`: it starts over when it grows too big, and lists with
 * a long name are sorted each time.
 */
interface KeyTrie {
  next: Map<string, KeyTrie> | undefined;
  order: MemberOrder | undefined;
}

/** Member names in field-name order, with their FieldsV1 keys (`f:name`). */
interface MemberOrder {
  readonly names: readonly string[];
  readonly keys: readonly string[];
}

function memberOrderOf(names: string[]): MemberOrder {
  if (names.length > 1) names.sort(compareStrings);
  return { names, keys: names.map((name) => cachedField(name).key) };
}

let keyTrie: KeyTrie = { next: undefined, order: undefined };
let keyTrieNodes = 0;
const MAX_KEY_TRIE_NODES = 16384;
const MAX_MEMO_KEYS = 64;
/** Longer names are not kept, so the trie stays small whatever objects hold. */
const MAX_MEMO_NAME_LENGTH = 256;

/** The own keys of `value` in field-name order (the result may be shared). */
function memberOrder(value: JsonObject): MemberOrder {
  const keys = Object.keys(value);
  if (keys.length > MAX_MEMO_KEYS) return memberOrderOf(keys);
  if (keyTrieNodes + keys.length > MAX_KEY_TRIE_NODES) {
    keyTrie = { next: undefined, order: undefined };
    keyTrieNodes = 0;
  }
  let t = keyTrie;
  for (const key of keys) {
    if (key.length > MAX_MEMO_NAME_LENGTH) return memberOrderOf(keys);
    if (t.next === undefined) t.next = new Map();
    let child = t.next.get(key);
    if (child === undefined) {
      child = { next: undefined, order: undefined };
      t.next.set(key, child);
      keyTrieNodes++;
    }
    t = child;
  }
  t.order ??= memberOrderOf(keys);
  return t.order;
}

/** Writes the members of a map into `out`, in field-name order; returns how many. */
function fillMap(out: JsonObject, value: JsonObject, shape: Extract<Shape, { kind: "map" }>, ignored: FieldSet | undefined, strip: FieldSet | undefined): number {
  const { names, keys } = memberOrder(value);
  let count = 0;
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    const fieldKey = keys[i];
    let member = true;
    let ignoredBelow: FieldSet | undefined;
    let stripBelow: FieldSet | undefined;
    if (ignored !== undefined || strip !== undefined) {
      if (ignored && hasMemberKey(ignored, fieldKey)) continue;
      ignoredBelow = ignored && childrenAtKey(ignored, fieldKey);
      member = !(strip && hasMemberKey(strip, fieldKey));
      stripBelow = strip && childrenAtKey(strip, fieldKey);
    }
    const child = node(value[key], memberType(shape.info, key), member, ignoredBelow, stripBelow);
    if (child === undefined) continue;
    out[fieldKey] = child;
    count++;
  }
  return count;
}

/**
 * Writes the items of an associative list into `out`, first occurrences only
 * (as `compare` walks them), in upstream's element order; returns how many,
 * or 0 when some item cannot be identified (the list is then one leaf).
 */
function fillList(out: JsonObject, value: JsonValue[], shape: Extract<Shape, { kind: "list" }>, ignored: FieldSet | undefined, strip: FieldSet | undefined): number {
  const list = indexList(value, shape.identity, shape.items, []);
  if (!list) return 0;
  const order: number[] = [...list.first.values()];
  if (order.length > 1) order.sort((i, j) => compareElements(list.elements[i], list.elements[j]));
  let count = 0;
  for (const i of order) {
    const key = list.keys[i];
    if (ignored && hasMemberKey(ignored, key)) continue;
    const member = !(strip && hasMemberKey(strip, key));
    const child = node(list.items[i], shape.items, member, ignored && childrenAtKey(ignored, key), strip && childrenAtKey(strip, key));
    if (child === undefined) continue;
    out[key] = child;
    count++;
  }
  return count;
}
