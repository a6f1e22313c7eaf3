/**
 * Field selectors (`?fieldSelector=`, `kubectl --field-selector`), after
 * upstream's `fields.ParseSelector`: comma-separated `field=value`,
 * `field==value` or `field!=value` terms, ANDed. In values, `\,` `\=` and
 * `\\` stand for the literal characters; field names take no escapes.
 * Parsing checks syntax only: whether a resource supports a field is the
 * server's question, see {@link unsupportedFieldSelector}.
 * @module
 */
import { goQuote } from "../validation/go-format.js";
import { SelectorParseError } from "./errors.js";

/** `=` and `==` mean the same; `!=` negates. */
export type FieldOperator = "=" | "==" | "!=";

/** One term of a field selector. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  /** Unescaped value. */
  readonly value: string;
}

/** Reads one field of an object as a string; undefined when absent (matched as ""). */
export type FieldGetter = (field: string) => string | undefined;

/** A parsed field selector. */
export interface FieldSelector {
  /** The terms, in upstream's order (sorted by their source text). */
  readonly requirements: readonly FieldRequirement[];
  /** Whether every term holds; absent fields read as "" as upstream's `fields.Set.Get`. */
  matches(getField: FieldGetter): boolean;
  /** True when there are no terms: matches everything. */
  isEmpty(): boolean;
  /** The value a field must equal, if some `=`/`==` term pins it. */
  requiresExactMatch(field: string): string | undefined;
  /** Canonical form with values escaped: `metadata.name=a\,b,spec.nodeName!=n1`. */
  toString(): string;
}

/** Escapes a literal value for use in a field selector (`\` `,` `=`). */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Undoes {@link escapeFieldValue}. Throws a {@link SelectorParseError} for
 * an unknown escape or an unescaped `,`/`=`; as upstream, the latter names
 * the character by its code point (`unescaped character in value: 61`).
 */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = "";
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== "\\" && c !== "," && c !== "=") {
        throw new SelectorParseError("field", `invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
      continue;
    }
    if (c === "\\") inSlash = true;
    else if (c === "," || c === "=") {
      throw new SelectorParseError("field", `invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else out += c;
  }
  if (inSlash) throw new SelectorParseError("field", "invalid field selector: invalid escape sequence: \\");
  return out;
}

// Splits on commas that are not escaped; escapes stay in the terms.
function splitTerms(selector: string): string[] {
  if (selector === "") return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === "\\") inSlash = true;
    else if (c === ",") {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// The first operator occurrence splits the term; "!=" and "==" are tried before "=".
function splitTerm(term: string): { lhs: string; op: FieldOperator; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ["!=", "==", "="] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

class Terms implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  matches(getField: FieldGetter): boolean {
    return this.requirements.every((r) => {
      const actual = getField(r.field) ?? "";
      return r.operator === "!=" ? actual !== r.value : actual === r.value;
    });
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== "!=")?.value;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator === "!=" ? "!=" : "="}${escapeFieldValue(r.value)}`).join(",");
  }
}

/**
 * Parses a field selector; "" selects everything. Field names are not
 * trimmed or checked here. Throws a {@link SelectorParseError} with
 * upstream's message, e.g. `invalid selector: 'a'; can't understand 'a'`.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  // Upstream sorts the raw terms, which fixes both the order and which bad term is reported.
  const parts = splitTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const split = splitTerm(part);
    if (!split) throw new SelectorParseError("field", `invalid selector: '${selector}'; can't understand '${part}'`);
    reqs.push({ field: split.lhs, operator: split.op, value: unescapeFieldValue(split.rhs) });
  }
  return new Terms(reqs);
}

/** A field selector requiring these exact values (upstream's `fields.SelectorFromSet`). */
export function fieldSelectorFromSet(fields: Readonly<Record<string, string>>): FieldSelector {
  return new Terms(Object.entries(fields).map(([field, value]) => ({ field, operator: "=", value })));
}

/**
 * How the server words a field it cannot select on. Kinds with their own
 * field label conversion (Pods, Nodes, Events, Secrets, Namespaces,
 * ReplicationControllers, ReplicaSets, Jobs, custom resources, ...) say
 * `field label not supported: spec.foo`; the rest use the default
 * conversion's `"spec.foo" is not a known field selector: only
 * "metadata.name", "metadata.namespace"`.
 */
export type UnsupportedFieldStyle = "label-not-supported" | "not-a-known-field";

/** The message for one unsupported field, in either style. */
export function unsupportedFieldMessage(field: string, style: UnsupportedFieldStyle): string {
  if (style === "label-not-supported") return `field label not supported: ${field}`;
  return `${goQuote(field)} is not a known field selector: only ${goQuote("metadata.name")}, ${goQuote("metadata.namespace")}`;
}

/**
 * Checks every field of a selector against what a resource supports and
 * returns the message for the first unsupported one (in term order, as
 * upstream transforms terms in order), or undefined. The server answers it
 * as a 400 BadRequest.
 */
export function unsupportedFieldSelector(
  selector: FieldSelector,
  supported: Iterable<string>,
  style: UnsupportedFieldStyle = "not-a-known-field",
): string | undefined {
  const ok = new Set(supported);
  const bad = selector.requirements.find((r) => !ok.has(r.field));
  return bad ? unsupportedFieldMessage(bad.field, style) : undefined;
}
