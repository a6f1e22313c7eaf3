/**
 * The FieldsV1 wire format of `managedFields[].fieldsV1`: a field set as a
 * JSON tree whose keys are path elements (`f:`, `k:`, `v:`, `i:`, see
 * `path.ts`) and whose leaves are `{}`. A node that is both a member of the
 * set and a prefix of longer members carries `".": {}`:
 *
 * ```json
 * {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}
 * ```
 *
 * Here `metadata.labels`, `metadata.labels.app` and `spec.replicas` are
 * members; `metadata` and `spec` are only prefixes.
 *
 * Encoding follows upstream byte for byte when serialised with
 * `JSON.stringify`: members in element order, `"."` first. Decoding accepts
 * any key order, canonicalises keys, and drops keys of unknown element types
 * as upstream does (so data written by a newer server survives a round trip
 * minus what this version cannot represent).
 * @module
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json.js";
import { FieldSet, nodeKey, putNode } from "./field-set.js";
import { type ParsedKey, PathElementError, parseKeyCached, UNKNOWN_ELEMENT } from "./path.js";

/** The `fieldsV1` member of a managed-fields entry: a JSON object. */
export type FieldsV1 = JsonObject;

/** A FieldsV1 value that is not a valid field set. */
export class FieldsV1Error extends Error {
  override name = "FieldsV1Error";
}

/** Encodes a field set as FieldsV1. */
export function encodeFieldsV1(set: FieldSet): FieldsV1 {
  const out: FieldsV1 = {};
  encodeLevel(set, out);
  return out;
}

// Members are written straight into their parent's object ("." first when the
// node is both a member and a prefix), rather than spread from a copy.
function encodeLevel(set: FieldSet, out: JsonObject): void {
  for (const node of set.levelNodes()) {
    if (node.children) {
      const inner: JsonObject = node.member ? { ".": {} } : {};
      encodeLevel(node.children, inner);
      out[nodeKey(node)] = inner;
    } else if (node.member) {
      out[nodeKey(node)] = {};
    }
  }
}

/**
 * Decodes FieldsV1 into a field set.
 * @throws {FieldsV1Error} when a key is malformed or a value is not an object.
 */
export function decodeFieldsV1(fields: unknown): FieldSet {
  if (!isJsonObject(fields)) throw new FieldsV1Error("FieldsV1 must be a JSON object");
  return readLevel(fields);
}

/**
 * Checks that `fields` decodes, with {@link decodeFieldsV1}'s errors, without
 * building the set (for `managedFieldsForWrite`, which only asks whether the
 * request's managedFields decode).
 * @throws {FieldsV1Error} when {@link decodeFieldsV1} would.
 */
export function checkFieldsV1(fields: unknown): void {
  if (!isJsonObject(fields)) throw new FieldsV1Error("FieldsV1 must be a JSON object");
  checkLevel(fields);
}

/** The key's element and canonical key, or undefined for a key of an unknown type. */
function readKey(key: string, value: JsonValue): ParsedKey | undefined {
  if (!isJsonObject(value)) throw new FieldsV1Error(`parsing key as path element: value of ${JSON.stringify(key)} must be an object`);
  let parsed: ReturnType<typeof parseKeyCached>;
  try {
    parsed = parseKeyCached(key);
  } catch (e) {
    if (e instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${e.message}`);
    throw e;
  }
  return parsed === UNKNOWN_ELEMENT ? undefined : parsed;
}

function readLevel(level: JsonObject): FieldSet {
  const set = new FieldSet();
  for (const key of Object.keys(level)) {
    if (key === ".") continue;
    const value: JsonValue = level[key];
    const parsed = readKey(key, value);
    if (parsed === undefined) continue;
    const children = readLevel(value as JsonObject);
    // A leaf `{}` is a member, and so is a node that says so with ".". A node
    // whose keys are all of unknown types counts as a leaf, as upstream. A
    // later key with the same canonical form replaces an earlier one.
    const member = Object.hasOwn(value as JsonObject, ".") || children.isEmpty();
    putNode(set, parsed.key, parsed.element, member, children);
  }
  return set;
}

function checkLevel(level: JsonObject): void {
  for (const key of Object.keys(level)) {
    if (key === ".") continue;
    const value: JsonValue = level[key];
    if (readKey(key, value) !== undefined) checkLevel(value as JsonObject);
  }
}
