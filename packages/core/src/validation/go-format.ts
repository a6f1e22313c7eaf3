/**
 * Go's value formatting, as far as validation messages need it. Upstream
 * prints a field error's bad value with `%q` for strings, `%v` for numbers
 * and `%#v` for anything else, and kubectl users see those strings verbatim
 * (`Invalid value: map[string]string{"app":"web"}: ...`). This module renders
 * parsed JSON the same way, and lets callers supply the exact Go rendering of
 * a typed struct with {@link goLiteral} when JSON cannot say it.
 *
 * This is the rendering of kube-apiserver up to 1.33 (kube-ts reports
 * 1.32). From 1.34 upstream prints maps, lists and structs as JSON
 * (`{"app":"web"}`); {@link formatGoValue} and the `go*` renderers are
 * where that would change.
 * @module
 */

/**
 * A value whose Go rendering is known verbatim (e.g. `[]string(nil)`,
 * `v1.LabelSelector{...}`). Serializes to that text as JSON, too.
 */
export class GoLiteral {
  constructor(readonly text: string) {}

  /** The Go rendering. */
  toString(): string {
    return this.text;
  }

  /** The Go rendering, so a FieldError stays readable when serialized. */
  toJSON(): string {
    return this.text;
  }
}

/** Wraps text that must be printed as-is where upstream prints a typed Go value. */
export function goLiteral(text: string): GoLiteral {
  return new GoLiteral(text);
}

/** Whether a value was made by {@link goLiteral}. */
export function isGoLiteral(value: unknown): value is GoLiteral {
  return value instanceof GoLiteral;
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const SHORT_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** Go's `strconv.Quote` (what `%q` prints): double quotes, Go escapes for non-printables. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, "0")}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
      else out += `\\U${cp.toString(16).padStart(8, "0")}`;
    }
  }
  return `${out}"`;
}

/** Go's `%v` for a float64: like JavaScript, except exponents have at least two digits. */
export function goNumber(n: number): string {
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** `[]string{"a", "b"}`; `nil` renders as `[]string(nil)`, as `%#v` prints a nil slice. */
export function goStringSlice(values: readonly string[] | null | undefined): GoLiteral {
  if (values == null) return goLiteral("[]string(nil)");
  return goLiteral(`[]string{${values.map(goQuote).join(", ")}}`);
}

/** `map[string]string{"a":"1", "b":"2"}` with sorted keys; `nil` renders as `map[string]string(nil)`. */
export function goStringMap(map: Readonly<Record<string, string>> | null | undefined): GoLiteral {
  if (map == null) return goLiteral("map[string]string(nil)");
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(map[k]))}`);
  return goLiteral(`map[string]string{${entries.join(", ")}}`);
}

function isStringRecord(value: object): value is Record<string, string> {
  return Object.values(value).every((v) => typeof v === "string");
}

/**
 * Renders a bad value the way `field.Error.ErrorBody` does: `null` for
 * nil, `%q` for strings, `%v` for numbers and booleans. Arrays of strings and
 * string maps get their `%#v` form; other objects fall back to JSON, since
 * their Go type is unknown here (pass a {@link goLiteral} to be exact).
 */
export function formatGoValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (isGoLiteral(value)) return value.text;
  switch (typeof value) {
    case "string":
      return goQuote(value);
    case "number":
      return goNumber(value);
    case "bigint":
    case "boolean":
      return String(value);
    case "object":
      if (Array.isArray(value)) {
        if (value.every((v) => typeof v === "string")) return goStringSlice(value).text;
        return JSON.stringify(value);
      }
      if (isStringRecord(value)) return goStringMap(value).text;
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
