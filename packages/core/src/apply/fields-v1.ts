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
import { FieldSet, type FieldSetNode } from "./field-set.js";
import { elementKey, PathElementError, parseElementKey, UNKNOWN_ELEMENT } from "./path.js";

/** The `fieldsV1` member of a managed-fields entry: a JSON object. */
export type FieldsV1 = JsonObject;

/** A FieldsV1 value that is not a valid field set. */
export class FieldsV1Error extends Error {
  override name = "FieldsV1Error";
}

/** Encodes a field set as FieldsV1. */
export function encodeFieldsV1(set: FieldSet): FieldsV1 {
  const out: FieldsV1 = {};
  for (const node of set.levelNodes()) {
    if (node.children) {
      const inner = encodeFieldsV1(node.children);
      out[elementKey(node.element)] = node.member ? { ".": {}, ...inner } : inner;
    } else if (node.member) {
      out[elementKey(node.element)] = {};
    }
  }
  return out;
}

/**
 * Decodes FieldsV1 into a field set.
 * @throws {FieldsV1Error} when a key is malformed or a value is not an object.
 */
export function decodeFieldsV1(fields: unknown): FieldSet {
  if (!isJsonObject(fields)) throw new FieldsV1Error("FieldsV1 must be a JSON object");
  return readLevel(fields);
}

function readLevel(level: JsonObject): FieldSet {
  const nodes: FieldSetNode[] = [];
  for (const key of Object.keys(level)) {
    if (key === ".") continue;
    const value: JsonValue = level[key];
    if (!isJsonObject(value)) throw new FieldsV1Error(`parsing key as path element: value of ${JSON.stringify(key)} must be an object`);
    let element: ReturnType<typeof parseElementKey>;
    try {
      element = parseElementKey(key);
    } catch (e) {
      if (e instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${e.message}`);
      throw e;
    }
    if (element === UNKNOWN_ELEMENT) continue;
    const children = readLevel(value);
    // A leaf `{}` is a member, and so is a node that says so with ".". A node
    // whose keys are all of unknown types counts as a leaf, as upstream.
    const member = Object.hasOwn(value, ".") || children.isEmpty();
    nodes.push({ element, member, children });
  }
  return FieldSet.fromNodes(nodes);
}
