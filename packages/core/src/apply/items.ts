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
import { elementKey, elementText, type KeyField, keyElement, type PathElement, type Path, pathText, valueElement } from "./path.js";
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

/** Why an item cannot be identified, or undefined. */
function identify(item: JsonValue, identity: ListIdentity, items: TypeRef): PathElement | string {
  if (identity.kind === "set") {
    if (isJsonObject(item)) return "associative list without keys has an element that's a map type";
    if (Array.isArray(item)) return "not supported: associative list with lists as elements";
    return valueElement(item);
  }
  if (item === null) return "associative list with keys may not have a null element";
  if (!isJsonObject(item)) return "associative list with keys may not have non-map elements";
  const fields: KeyField[] = [];
  for (const name of identity.keys) {
    if (hasKey(item, name)) {
      fields.push([name, item[name]]);
      continue;
    }
    const fallback = keyDefault(items, name);
    if (fallback === undefined) return `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`;
    fields.push([name, fallback]);
  }
  return keyElement(fields);
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
    const element = identify(values[i], identity, items);
    if (typeof element === "string") {
      if (strict) throw new TypedValueError(`${pathText(path)}: element ${i}: ${element}`);
      return undefined;
    }
    const key = elementKey(element);
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
