/**
 * Key ordering and revision checks shared by every backend.
 *
 * etcd orders keys by their bytes; SQLite's BINARY collation compares the
 * UTF-8 bytes too. JavaScript's `<` compares UTF-16 code units, which differs
 * from byte order for characters above U+FFFF, so the memory backend sorts
 * with {@link compareKeys} to stay identical to the others.
 * @module
 */

import { CompactedError, FutureRevisionError } from "./backend.js";

/** Maps a UTF-16 code unit so that numeric order equals code point (= UTF-8 byte) order. */
function rank(unit: number): number {
  if (unit < 0xd800) return unit;
  // Surrogates (0xD800–0xDFFF) encode code points above U+FFFF: move them past 0xE000–0xFFFF.
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** Compares two keys in UTF-8 byte order (negative, zero or positive). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/**
 * The smallest string greater than every string that starts with `prefix`
 * (etcd's "range end" of a prefix), or `undefined` when no such bound exists
 * (the empty prefix, or one made only of U+10FFFF).
 */
export function prefixEnd(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      // U+D800–U+DFFF are not characters: the successor of U+D7FF is U+E000.
      points.push(String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1));
      return points.join("");
    }
  }
  return undefined;
}

/**
 * Validates a requested read revision against the store's window and returns
 * the revision to read at: 0 or `undefined` means "current".
 * @throws FutureRevisionError when `requested` > `current`.
 * @throws CompactedError when `requested` < `compacted`.
 */
export function resolveReadRevision(requested: number | undefined, current: number, compacted: number): number {
  if (requested === undefined || requested === 0) return current;
  if (!Number.isSafeInteger(requested) || requested < 0) throw new RangeError(`invalid revision: ${requested}`);
  if (requested > current) throw new FutureRevisionError(requested, current);
  if (requested < compacted) throw new CompactedError(requested, compacted);
  return requested;
}
