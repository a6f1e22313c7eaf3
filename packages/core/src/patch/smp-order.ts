/**
 * The order of a list after a strategic merge, following upstream's rules
 * (design proposal "preserve order in strategic merge patch"):
 *
 * 1. Items the patch names (in its list, or in `$setElementOrder/<field>`)
 *    take the relative order the patch gives them.
 * 2. Items only the server has keep their relative order from the live list.
 * 3. The two sequences are interleaved: the next server-only item goes first
 *    only if both it and the next patch item are in the live list and it came
 *    first there. An item new to the list therefore lands right after the
 *    patch item before it, ahead of the server-only items that follow; a
 *    patch of new items alone puts them at the front.
 *
 * Items are identified by their merge-key value (lists of objects) or by
 * value (lists of primitives).
 * @module
 */
import { canonicalKey, hasKey, isJsonObject, type JsonValue } from "./json.js";

/** Returns what identifies a list item: its merge-key value, or the item itself. */
export type Identity = (item: JsonValue) => unknown;

/** The identity of list items: the `mergeKey` member of objects, else the value itself. */
export function identityBy(mergeKey: string | undefined): Identity {
  if (mergeKey === undefined) return (item) => item;
  return (item) => (isJsonObject(item) ? (hasKey(item, mergeKey) ? item[mergeKey] : undefined) : item);
}

/** Position of each item of a list by identity (first occurrence wins). */
class Positions {
  private readonly index = new Map<string, number>();

  constructor(
    list: readonly JsonValue[],
    private readonly identity: Identity,
  ) {
    list.forEach((item, i) => {
      const key = canonicalKey(identity(item));
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  /** The position of an item with the same identity, or -1. */
  of(item: JsonValue): number {
    return this.index.get(canonicalKey(this.identity(item))) ?? -1;
  }
}

/**
 * Orders `merged` (every item of the merged list) by `patchOrder` (the order
 * the patch asks for) and `serverOrder` (the live list), as described in the
 * module documentation.
 */
export function orderMergedList(
  merged: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  identity: Identity,
): JsonValue[] {
  const inPatch = new Positions(patchOrder, identity);
  const inServer = new Positions(serverOrder, identity);
  const fromPatch = merged.filter((item) => inPatch.of(item) >= 0);
  const serverOnly = merged.filter((item) => inPatch.of(item) < 0);
  return interleave(sortBy(serverOnly, inServer), sortBy(fromPatch, inPatch), inServer);
}

/**
 * A stable sort by position. Items missing from the order (only possible for
 * malformed patches) go last, in their current order.
 */
function sortBy(items: JsonValue[], order: Positions): JsonValue[] {
  const rank = (item: JsonValue) => {
    const position = order.of(item);
    return position < 0 ? Number.POSITIVE_INFINITY : position;
  };
  return items
    .map((item, i) => ({ item, i, rank: rank(item) }))
    .sort((a, b) => (a.rank === b.rank ? a.i - b.i : a.rank < b.rank ? -1 : 1))
    .map(({ item }) => item);
}

/** Merges the two sorted sequences, preferring patch items unless the live list says otherwise. */
function interleave(serverOnly: JsonValue[], fromPatch: JsonValue[], inServer: Positions): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (j >= fromPatch.length) {
      out.push(serverOnly[i++]);
    } else if (i >= serverOnly.length) {
      out.push(fromPatch[j++]);
    } else {
      const left = inServer.of(serverOnly[i]);
      const right = inServer.of(fromPatch[j]);
      if (left >= 0 && right >= 0 && left < right) out.push(serverOnly[i++]);
      else out.push(fromPatch[j++]);
    }
  }
  return out;
}
