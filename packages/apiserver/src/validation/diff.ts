/**
 * A short, readable diff of two JSON values, appended to "may not change"
 * messages the way upstream appends a `cmp.Diff`. The layout imitates
 * cmp's (`-` old, `+` new, tab-indented) without claiming to be identical.
 * @module
 */
import { semanticEqual } from "./core.js";

function render(v: unknown): string {
  return v === undefined ? "nil" : JSON.stringify(v);
}

function collect(a: unknown, b: unknown, path: string, out: string[]): void {
  if (semanticEqual(a, b)) return;
  const bothObjects =
    a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b);
  if (bothObjects && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => {
      collect(v, b[i], `${path}[${i}]`, out);
    });
    return;
  }
  if (bothObjects && !Array.isArray(a)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
      collect(ao[k], bo[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  out.push(`- \t${path}: ${render(a)}`, `+ \t${path}: ${render(b)}`);
}

/** The differing leaves of `before` and `after`, one `-`/`+` line pair each, under `root`. */
export function describeDiff(before: unknown, after: unknown, root: string): string {
  const lines: string[] = [];
  collect(before, after, "", lines);
  return [`  ${root}{`, ...lines, "  }"].join("\n");
}
