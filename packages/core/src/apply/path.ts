/**
 * Field paths as server-side apply names them (structured-merge-diff's
 * `fieldpath.PathElement`): a step into an object is a field name, a step
 * into a list is an item's key fields (map lists), its value (sets) or its
 * index (never produced by apply, but legal in FieldsV1).
 *
 * Each element has two text forms:
 * - its FieldsV1 key (`f:name`, `k:{"containerPort":80,"protocol":"TCP"}`,
 *   `v:"a"`, `i:0`), which is also its identity here: two elements are equal
 *   exactly when their keys are, because values are encoded canonically
 *   (sorted object members, Go's JSON escaping);
 * - its human form in error messages (`.name`, `[containerPort=80,protocol="TCP"]`,
 *   `[="a"]`, `[0]`), as upstream's `PathElement.String()` prints it.
 *
 * Elements sort as upstream orders them (field names, then keys, then values,
 * then indices), which fixes the member order of encoded FieldsV1 and of
 * conflict lists.
 * @module
 */
import type { JsonValue } from "../patch/json.js";
import { isJsonObject } from "../patch/json.js";
import { goNumber, goQuote } from "../validation/go-format.js";

/** One key field of a map-list item: name and value. */
export type KeyField = readonly [name: string, value: JsonValue];

/** One step of a field path. */
export type PathElement =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "key"; readonly fields: readonly KeyField[] }
  | { readonly kind: "value"; readonly value: JsonValue }
  | { readonly kind: "index"; readonly index: number };

/** A path from the root of an object to one of its fields. */
export type Path = readonly PathElement[];

/** A field-name element. */
export function fieldElement(name: string): PathElement {
  return { kind: "field", name };
}

/** A map-list key element; the fields are sorted by name, as upstream keys are. */
export function keyElement(fields: Iterable<KeyField>): PathElement {
  return { kind: "key", fields: [...fields].sort((a, b) => compareStrings(a[0], b[0])) };
}

/** A set-item (value) element. */
export function valueElement(value: JsonValue): PathElement {
  return { kind: "value", value };
}

/** An index element. */
export function indexElement(index: number): PathElement {
  return { kind: "index", index };
}

// Go's encoding/json (and jsoniter in its standard-library mode) escapes these
// for safe embedding in HTML; FieldsV1 keys written by kube-apiserver have them.
const GO_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

// Printable ASCII that neither JSON nor Go escapes: the common case, quoted as is.
const PLAIN = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;

/** A JSON string literal as Go writes it. */
export function goJsonString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  const json = JSON.stringify(s);
  return /[<>&\u2028\u2029]/.test(json) ? json.replace(/[<>&\u2028\u2029]/g, (ch) => GO_ESCAPES[ch]) : json;
}

/**
 * JSON text of a value as Go's encoder writes it: object members sorted by
 * name (Go sorts map keys), HTML-significant characters escaped.
 */
export function goJson(value: JsonValue): string {
  if (typeof value === "string") return goJsonString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (isJsonObject(value)) {
    const members = Object.keys(value)
      .sort(compareStrings)
      .map((key) => `${goJsonString(key)}:${goJson(value[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

// Keys and values are encoded once per element object: the walkers look an
// element up in several sets.
const encoded = new WeakMap<PathElement, string>();

/**
 * Entries kept by each of the string-keyed caches below before it starts
 * over. Field names and item keys repeat across the objects of a cluster
 * (`f:metadata`, `k:{"name":"app"}`), but user data (label keys, ConfigMap
 * keys) makes the set of names unbounded, hence the cap.
 */
const MAX_CACHED = 8192;
/** Longer names and keys are not cached, so the caches stay small whatever objects hold. */
const MAX_CACHED_LENGTH = 256;

/** A field element shared by every walk that steps into `name`, with its key. */
export interface CachedField {
  readonly key: string;
  readonly element: PathElement;
}

const fields = new Map<string, CachedField>();

/**
 * The (frozen, shared) element and FieldsV1 key of field `name`. Walkers use
 * it instead of `fieldElement` + `elementKey`: building `f:…` for every key of
 * every object, and hashing the fresh string for each lookup, is a large part
 * of a walk's cost.
 */
export function cachedField(name: string): CachedField {
  let field = fields.get(name);
  if (field === undefined) {
    field = Object.freeze({ key: `f:${name}`, element: Object.freeze(fieldElement(name)) });
    if (name.length > MAX_CACHED_LENGTH) return field;
    if (fields.size >= MAX_CACHED) fields.clear();
    fields.set(name, field);
  }
  return field;
}

/** The FieldsV1 key of an element; equal elements have equal keys. */
export function elementKey(element: PathElement): string {
  switch (element.kind) {
    case "field":
      return cachedField(element.name).key;
    case "index":
      return `i:${element.index}`;
  }
  let key = encoded.get(element);
  if (key === undefined) {
    key = element.kind === "key" ? keyFieldsKey(element.fields) : `v:${goJson(element.value)}`;
    encoded.set(element, key);
  }
  return key;
}

/** The FieldsV1 key of a map-list item with these key fields (sorted by name). */
function keyFieldsKey(fields: readonly KeyField[]): string {
  if (fields.length === 1) return `k:{${goJsonString(fields[0][0])}:${goJson(fields[0][1])}}`;
  return `k:{${fields.map(([name, value]) => `${goJsonString(name)}:${goJson(value)}`).join(",")}}`;
}

/** The FieldsV1 key of a set item. */
export function valueKey(value: JsonValue): string {
  return `v:${goJson(value)}`;
}

/** A parsed FieldsV1 key: its (frozen, shared) element and canonical key. */
export interface ParsedKey {
  readonly element: PathElement;
  readonly key: string;
}

const parsed = new Map<string, ParsedKey | typeof UNKNOWN_ELEMENT>();

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * {@link parseElementKey} with its canonical key, remembered per key text:
 * decoding managedFields parses the same few hundred keys on every write.
 * The element is frozen, as it is shared by every set decoded from the key.
 * @throws {PathElementError} as `parseElementKey` (errors are not remembered).
 */
export function parseKeyCached(text: string): ParsedKey | typeof UNKNOWN_ELEMENT {
  let result = parsed.get(text);
  if (result === undefined) {
    const element = parseElementKey(text);
    result = element === UNKNOWN_ELEMENT ? element : Object.freeze({ element: deepFreeze(element), key: elementKey(element) });
    if (text.length > MAX_CACHED_LENGTH) return result;
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(text, result);
  }
  return result;
}

/** Why a FieldsV1 key could not be read; unknown prefixes are a separate case. */
export class PathElementError extends Error {
  override name = "PathElementError";
}

/** A FieldsV1 key whose type letter this version does not know (upstream drops those). */
export const UNKNOWN_ELEMENT = Symbol("unknown path element type");

/**
 * Parses a FieldsV1 key. Returns {@link UNKNOWN_ELEMENT} for a well-formed key
 * of an unknown type, which upstream skips so that a newer server's data
 * survives; throws {@link PathElementError} for a malformed one.
 */
export function parseElementKey(text: string): PathElement | typeof UNKNOWN_ELEMENT {
  if (text.length < 2) throw new PathElementError("key must be 2 characters long:");
  if (text[1] !== ":") throw new PathElementError(`missing colon: ${text}`);
  const body = text.slice(2);
  switch (text[0]) {
    case "f":
      return fieldElement(body);
    case "v":
      return valueElement(parseJson(body));
    case "k": {
      const parsed = parseJson(body);
      if (!isJsonObject(parsed)) throw new PathElementError(`expected a key object: ${text}`);
      return keyElement(Object.entries(parsed));
    }
    case "i": {
      if (!/^-?\d+$/.test(body)) throw new PathElementError(`invalid index: ${text}`);
      return indexElement(Number(body));
    }
    default:
      return UNKNOWN_ELEMENT;
  }
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw new PathElementError((e as Error).message);
  }
}

/** Go's `value.ToString`: `%q` strings, `%v` numbers and booleans. */
function valueText(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : goNumber(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(valueText).join(",")}]`;
  return Object.keys(value)
    .sort(compareStrings)
    .map((key) => `${key}=${valueText(value[key])}`)
    .join("");
}

/** The element as upstream prints it in messages: `.name`, `[name="nginx"]`, `[="a"]`, `[0]`. */
export function elementText(element: PathElement): string {
  switch (element.kind) {
    case "field":
      return `.${element.name}`;
    case "key":
      return `[${element.fields.map(([name, value]) => `${name}=${valueText(value)}`).join(",")}]`;
    case "value":
      return `[=${valueText(element.value)}]`;
    case "index":
      return `[${element.index}]`;
  }
}

/** A path as upstream prints it: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathText(path: Path): string {
  return path.map(elementText).join("");
}

/**
 * Byte-wise string order (Go's `strings.Compare` on UTF-8), which equals code
 * point order; JavaScript's `<` compares UTF-16 units and differs above U+FFFF.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

/** Rank of a value's type in upstream's total order of values. */
function typeRank(value: JsonValue): number {
  if (typeof value === "number") return 0;
  if (typeof value === "string") return 1;
  if (typeof value === "boolean") return 2;
  if (Array.isArray(value)) return 3;
  if (value === null) return 5;
  return 4;
}

/** Upstream's `value.Compare`: numbers < strings < booleans < lists < maps < null. */
export function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === "number") return a === b ? 0 : a < (b as number) ? -1 : 1;
  if (typeof a === "string") return compareStrings(a, b as string);
  if (typeof a === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a)) {
    const other = b as JsonValue[];
    for (let i = 0; i < Math.min(a.length, other.length); i++) {
      const c = compareValues(a[i], other[i]);
      if (c !== 0) return c;
    }
    return Math.sign(a.length - other.length);
  }
  if (a === null) return 0;
  // Maps: compared as their sorted (name, value) lists.
  return compareKeyFields(sortedEntries(a), sortedEntries(b as Record<string, JsonValue>));
}

function sortedEntries(map: Record<string, JsonValue>): KeyField[] {
  return Object.keys(map)
    .sort(compareStrings)
    .map((key) => [key, map[key]] as const);
}

/** Upstream's `FieldList.Compare`: lexical over (name, value) pairs, a prefix first. */
function compareKeyFields(a: readonly KeyField[], b: readonly KeyField[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const byName = compareStrings(a[i][0], b[i][0]);
    if (byName !== 0) return byName;
    const byValue = compareValues(a[i][1], b[i][1]);
    if (byValue !== 0) return byValue;
  }
  return Math.sign(a.length - b.length);
}

const KIND_RANK = { field: 0, key: 1, value: 2, index: 3 } as const;

/** Upstream's element order: fields, then keys, then values, then indices. */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] < KIND_RANK[b.kind] ? -1 : 1;
  switch (a.kind) {
    case "field":
      return compareStrings(a.name, (b as typeof a).name);
    case "key":
      return compareKeyFields(a.fields, (b as typeof a).fields);
    case "value":
      return compareValues(a.value, (b as typeof a).value);
    case "index":
      return Math.sign(a.index - (b as typeof a).index);
  }
}
