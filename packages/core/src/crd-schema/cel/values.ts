/**
 * Custom resource data as CEL values, after apiserver's
 * `UnstructuredToVal`: conversion is lazy (a field is converted when a rule
 * reads it) and typed by the schema — `integer` becomes CEL `int`, `number`
 * `double`, `int-or-string` either, `date-time`/`duration`/`byte` strings
 * `timestamp`/`duration`/`bytes` — and untyped preserved data follows JSON
 * (integral numbers are `int`). Lists and maps implement @bufbuild/cel's
 * `CelList`/`CelMap` directly, so every element a comprehension reads is
 * charged to the cost budget.
 *
 * A resource root (the custom resource, or an embedded resource) only shows
 * `apiVersion`, `kind`, `metadata.name` and `metadata.generateName` besides
 * its schema's properties, as upstream. Set and map lists compare by
 * position (upstream compares sets unordered and map lists by key).
 * @module
 */
import type { CelValue } from "@bufbuild/cel";
import { celError } from "@bufbuild/cel";
import type { StructuralSchema } from "../../schema.js";
import { isJsonObject, type JsonObject } from "../unstructured.js";
import { charge } from "./budget.js";
import { escapedNames } from "./escape.js";
import { toDuration, toTimestamp } from "./library.js";

const LIST = Symbol.for("@bufbuild/cel/list");
const MAP = Symbol.for("@bufbuild/cel/map");

const STRING_SCHEMA: StructuralSchema = { type: "string" };
const STRING_FIELDS: StructuralSchema = { type: "object", properties: { name: STRING_SCHEMA, generateName: STRING_SCHEMA } };

let lastOutOfRange: { index: number; size: number } | undefined;

/** The size of the list last indexed out of range at `index`, if it was custom resource data. */
export function outOfRangeSize(index: number): number | undefined {
  return lastOutOfRange?.index === index ? lastOutOfRange.size : undefined;
}

/** A JSON array as a CEL list. */
class ListValue {
  readonly [LIST] = {};
  constructor(
    private readonly array: readonly unknown[],
    private readonly items: StructuralSchema | undefined,
  ) {}

  get size(): number {
    return this.array.length;
  }

  get(index: number): CelValue | undefined {
    if (index < 0 || index >= this.array.length) {
      // @bufbuild/cel's error does not say the list's size; cel-go's does.
      lastOutOfRange = { index, size: this.array.length };
      return undefined;
    }
    return toCel(this.array[index], this.items);
  }

  *values(): IterableIterator<CelValue> {
    for (const x of this.array) {
      charge(1);
      yield toCel(x, this.items);
    }
  }

  [Symbol.iterator](): IterableIterator<CelValue> {
    return this.values();
  }
}

/** How much of an object CEL sees: all of it, a resource root, or a root's metadata. */
type View = "plain" | "root" | "meta";

/**
 * A JSON object as a CEL map. Keys may be written in their CEL-escaped form
 * (`foo__dash__bar` for `foo-bar`).
 */
class ObjectValue {
  readonly [MAP] = {};
  constructor(
    private readonly obj: JsonObject,
    private readonly schema: StructuralSchema | undefined,
    private readonly view: View,
  ) {}

  private visible(k: string): boolean {
    if (!Object.hasOwn(this.obj, k)) return false;
    switch (this.view) {
      case "plain":
        return true;
      case "meta":
        return k === "name" || k === "generateName";
      case "root":
        return k === "apiVersion" || k === "kind" || k === "metadata" || (this.schema?.properties !== undefined && Object.hasOwn(this.schema.properties, k));
    }
  }

  /** The property a CEL key names, if present. */
  private resolve(key: unknown): string | undefined {
    if (typeof key !== "string") return undefined;
    if (this.visible(key)) return key;
    const props = this.schema?.properties;
    const original = props ? escapedNames(props).get(key) : undefined;
    return original !== undefined && this.visible(original) ? original : undefined;
  }

  private convert(k: string): CelValue {
    const v = this.obj[k];
    const s = this.schema;
    const prop = s?.properties !== undefined && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
    if (this.view === "root") {
      if (k === "metadata") return isJsonObject(v) ? (new ObjectValue(v, STRING_FIELDS, "meta") as unknown as CelValue) : generic(v);
      if ((k === "apiVersion" || k === "kind") && prop === undefined) return toCel(v, STRING_SCHEMA);
    }
    if (prop !== undefined) return toCel(v, prop);
    return toCel(v, typeof s?.additionalProperties === "object" ? s.additionalProperties : undefined);
  }

  get size(): number {
    let n = 0;
    for (const k of Object.keys(this.obj)) if (this.visible(k)) n++;
    return n;
  }

  get(key: unknown): CelValue | undefined {
    const k = this.resolve(key);
    return k === undefined ? undefined : this.convert(k);
  }

  has(key: unknown): boolean {
    return this.resolve(key) !== undefined;
  }

  *keys(): IterableIterator<string> {
    for (const k of Object.keys(this.obj)) {
      if (!this.visible(k)) continue;
      charge(1);
      yield k;
    }
  }

  *values(): IterableIterator<CelValue> {
    for (const k of this.keys()) yield this.convert(k);
  }

  *entries(): IterableIterator<[string, CelValue]> {
    for (const k of this.keys()) yield [k, this.convert(k)];
  }

  forEach(fn: (value: CelValue, key: string, map: unknown) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  [Symbol.iterator](): IterableIterator<[string, CelValue]> {
    return this.entries();
  }
}

function generic(v: unknown): CelValue {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return Number.isSafeInteger(v) ? BigInt(v) : v;
  }
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return new ListValue(v, undefined) as unknown as CelValue;
  return new ObjectValue(v as JsonObject, undefined, "plain") as unknown as CelValue;
}

function fromString(v: string, format: string | undefined): CelValue {
  switch (format) {
    case "date-time": {
      const t = toTimestamp(v);
      return (t ?? celError(`invalid date-time ${JSON.stringify(v)}`)) as CelValue;
    }
    case "duration":
      return toDuration(v) as CelValue;
    case "byte":
      return new Uint8Array(Buffer.from(v, "base64"));
    default:
      return v;
  }
}

/**
 * The CEL value of a JSON value typed by its schema node (`undefined` for
 * untyped data). `resourceRoot` marks the custom resource itself or an
 * embedded resource.
 */
export function toCel(v: unknown, s: StructuralSchema | undefined, resourceRoot = false): CelValue {
  if (v === null || v === undefined) return null;
  if (s === undefined) return generic(v);
  if (s["x-kubernetes-int-or-string"]) return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : generic(v);
  switch (s.type) {
    case "integer":
      return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : generic(v);
    case "number":
      return typeof v === "number" ? v : generic(v);
    case "string":
      return typeof v === "string" ? fromString(v, s.format) : generic(v);
    case "array":
      return Array.isArray(v) ? (new ListValue(v, s.items) as unknown as CelValue) : generic(v);
  }
  if (isJsonObject(v) && (s.type === "object" || s.properties !== undefined)) {
    const root = resourceRoot || s["x-kubernetes-embedded-resource"] === true;
    return new ObjectValue(v, s, root ? "root" : "plain") as unknown as CelValue;
  }
  return generic(v);
}
