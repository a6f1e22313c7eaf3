/**
 * How property names appear in CEL, after apiserver's `cel.Escape`: names
 * that are CEL keywords become `__name__`, and `__`, `.`, `-`, `/` become
 * `__underscores__`, `__dot__`, `__dash__`, `__slash__` (so `self.foo-bar`
 * is written `self.foo__dash__bar`). Names with other characters, or
 * starting with a digit, cannot be selected with a dot at all.
 * @module
 */

const RESERVED = new Set([
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);

const EXPAND = /__|[-./]|[^a-zA-Z0-9\-./_]/g;
const REPLACEMENTS: Record<string, string> = { __: "__underscores__", ".": "__dot__", "-": "__dash__", "/": "__slash__" };

/** The CEL spelling of a property name, or undefined when it has none. */
export function escapeName(name: string): string | undefined {
  if (name.length === 0 || (name[0] >= "0" && name[0] <= "9")) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const out = name.replace(EXPAND, (m) => {
    const r = REPLACEMENTS[m];
    if (r === undefined) ok = false;
    return r ?? "";
  });
  return ok ? out : undefined;
}

const escapes = new WeakMap<object, ReadonlyMap<string, string>>();

/**
 * CEL name → property name for the properties of a schema node whose
 * spelling differs (cached per `properties` object).
 */
export function escapedNames(properties: Record<string, unknown>): ReadonlyMap<string, string> {
  let m = escapes.get(properties);
  if (m === undefined) {
    const map = new Map<string, string>();
    for (const k of Object.keys(properties)) {
      const e = escapeName(k);
      if (e !== undefined && e !== k) map.set(e, k);
    }
    m = map;
    escapes.set(properties, m);
  }
  return m;
}
