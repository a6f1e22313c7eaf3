/**
 * Field paths as upstream's `field.Path` prints them: `spec.containers[0].image`,
 * `metadata.labels[app]`. Paths are plain strings; these helpers only build them,
 * so validators read like upstream's `fldPath.Child("x").Index(i)`.
 * @module
 */

/** Appends one or more field names: `child("spec", "template", "metadata")` → `spec.template.metadata`. */
export function child(path: string, ...names: string[]): string {
  let out = path;
  for (const name of names) out = out === "" ? name : `${out}.${name}`;
  return out;
}

/** Appends a list index: `index("spec.containers", 0)` → `spec.containers[0]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/**
 * Appends a map key: `key("data", "a.txt")` → `data[a.txt]`. Upstream does not
 * quote or escape keys, so neither do we.
 */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
