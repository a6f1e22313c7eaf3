/**
 * Identifying the items of associative lists: a map list's item by its key
 * fields (`k:{"containerPort":80,"protocol":"TCP"}`), a set's item by its
 * value (`v:"a"`).
 *
 * A key field the item omits takes the default its schema declares, as
 * upstream does. Built-in schemas here carry no defaults (the API server
 * defaults built-in objects in code), so the one default upstream relies on
 * for built-in map-list keys — `protocol: TCP` of container, service and
 * endpoint ports — is known here by name.
 *
 * Objects from storage are trusted to be well formed; an applied
 * configuration is not, and its errors use upstream's messages
 * (`element 0: associative list with keys has an element that omits key field "name" (and doesn't have default value)`).
 * @module
 */
import { hasKey, isJsonObject, type JsonValue } from "../patch/json.js";
import type { StructuralSchema } from "../schema.js";
import { compareStrings, elementText, goJson, goJsonString, type KeyField, type Path, type PathElement, pathText, valueElement, valueKey } from "./path.js";
import { type ListIdentity, type TypeRef, typeInfo } from "./topology.js";

/** Key-field defaults upstream's built-in OpenAPI declares and our built-in schemas lack. */
const BUILTIN_KEY_DEFAULTS: Readonly<Record<string, JsonValue>> = { protocol: "TCP" };

/** An object that does not fit its schema, with upstream's `path: message` text. */
export class TypedValueError extends Error {
  override name = "TypedValueError";
}

/** The items of one list with their path elements; `undefined` where an item cannot be identified. */
export interface IndexedList {
  readonly items: readonly JsonValue[];
  readonly elements: readonly PathElement[];
  /** Element key → index of its first item. */
  readonly first: ReadonlyMap<string, number>;
  readonly keys: readonly string[];
}

/** A map list's key fields in key order (sorted by name, as `keyElement` sorts them), encoded once. */
interface KeyPlan {
  readonly sorted: readonly string[];
  /** `"name":` for each sorted key, as the item keys spell them. */
  readonly prefixes: readonly string[];
}

const plans = new WeakMap<ListIdentity, KeyPlan>();

function keyPlan(identity: Extract<ListIdentity, { kind: "map" }>): KeyPlan {
  let plan = plans.get(identity);
  if (plan === undefined) {
    const sorted = [...identity.keys].sort(compareStrings);
    plan = { sorted, prefixes: sorted.map((name) => `${goJsonString(name)}:`) };
    plans.set(identity, plan);
  }
  return plan;
}

/**
 * An item's element and FieldsV1 key, or why it cannot be identified. The
 * key is built here rather than by `elementKey`, which would remember it per
 * element: items are identified afresh on every walk, and the walkers carry
 * the key along with the element.
 */
function identify(item: JsonValue, identity: ListIdentity, items: TypeRef): { element: PathElement; key: string } | string {
  if (identity.kind === "set") {
    if (isJsonObject(item)) return "associative list without keys has an element that's a map type";
    if (Array.isArray(item)) return "not supported: associative list with lists as elements";
    return { element: valueElement(item), key: valueKey(item) };
  }
  if (item === null) return "associative list with keys may not have a null element";
  if (!isJsonObject(item)) return "associative list with keys may not have non-map elements";
  // A missing key without a default is reported in the schema's key order.
  for (const name of identity.keys) {
    if (!hasKey(item, name) && keyDefault(items, name) === undefined) {
      return `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`;
    }
  }
  const plan = keyPlan(identity);
  const fields: KeyField[] = [];
  let key = "k:{";
  for (let i = 0; i < plan.sorted.length; i++) {
    const name = plan.sorted[i];
    const value = hasKey(item, name) ? item[name] : (keyDefault(items, name) as JsonValue);
    fields.push([name, value]);
    key += `${i === 0 ? "" : ","}${plan.prefixes[i]}${goJson(value)}`;
  }
  return { element: { kind: "key", fields }, key: `${key}}` };
}

function keyDefault(items: TypeRef, name: string): JsonValue | undefined {
  const info = typeInfo(items);
  const field: StructuralSchema | undefined = info.kind === "map" ? info.fields.get(name) : undefined;
  if (field?.default !== undefined) return field.default as JsonValue;
  return hasKey(BUILTIN_KEY_DEFAULTS, name) ? BUILTIN_KEY_DEFAULTS[name] : undefined;
}

/**
 * Identifies every item of `list`. Returns undefined when some item cannot be
 * identified (callers then treat the list as one value), unless `strict`:
 * then an unidentifiable or duplicate item throws {@link TypedValueError}.
 */
export function indexList(
  list: JsonValue[] | null | undefined,
  identity: ListIdentity,
  items: TypeRef,
  path: Path,
  strict = false,
): IndexedList | undefined {
  const values = list ?? [];
  const elements: PathElement[] = [];
  const keys: string[] = [];
  const first = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const identified = identify(values[i], identity, items);
    if (typeof identified === "string") {
      if (strict) throw new TypedValueError(`${pathText(path)}: element ${i}: ${identified}`);
      return undefined;
    }
    const { element, key } = identified;
    if (first.has(key)) {
      if (strict) throw new TypedValueError(`${pathText(path)}: duplicate entries for key ${elementText(element)}`);
    } else {
      first.set(key, i);
    }
    elements.push(element);
    keys.push(key);
  }
  return { items: values, elements, first, keys };
}
