/**
 * Semantic equality of parsed JSON, standing in for upstream's
 * `apiequality.Semantic.DeepEqual` on typed structs. In Go an omitted field
 * is its zero value, so `{}` equals `{"replicas": 0}` and a missing list
 * equals an empty one; immutability checks must not reject an update that
 * only spells a default differently.
 * @module
 */

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.values(v as object).every(isZero);
  return false;
}

/**
 * Deep equality where absent, `null` and zero values (`""`, `0`, `false`,
 * empty lists and objects, objects of only zero values) are equal.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => semanticEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (!semanticEqual(ao[k], bo[k])) return false;
  }
  return true;
}
