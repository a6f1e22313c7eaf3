/**
 * Safe reads of parsed JSON. Validation sees objects exactly as clients
 * sent them, so every field may be missing or of the wrong type; these
 * helpers return Go's zero value instead (as a typed struct would hold),
 * leaving type errors to schema validation.
 * @module
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** The object at `v`, or undefined. */
export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

/** The list at `v` (objects only, for lists of structs), or []. */
export function objs(v: unknown): Json[] {
  return Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : [];
}

/** The list at `v`, or []. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The string at `v`, or "". */
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The strings of a list, or []. */
export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The number at `v`, or undefined (a pointer left nil). */
export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** A string map (labels, selectors), or undefined when absent. */
export function strMap(v: unknown): Record<string, string> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(o)) out[k] = typeof val === "string" ? val : String(val);
  return out;
}

/** Whether a field is present with a non-null value. */
export function has(o: Json | undefined, key: string): boolean {
  return o !== undefined && o[key] !== undefined && o[key] !== null;
}
