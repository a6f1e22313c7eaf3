/**
 * JSON Patch (RFC 6902) as kube-apiserver applies it
 * (`application/json-patch+json`, evanphx/json-patch v4 semantics):
 *
 * - operations `add`, `remove`, `replace`, `move`, `copy`, `test`, applied in
 *   order, all or nothing;
 * - JSON Pointer paths (RFC 6901) with `~1` for `/` and `~0` for `~`, and `-`
 *   naming the end of an array for `add`;
 * - `remove`, `replace`, `test`, and the `from` of `move` and `copy`, need an
 *   existing target; `add` needs an existing parent;
 * - like upstream, negative array indices count from the end (`-1` is the last
 *   item), and the whole document (path `""`) cannot be patched;
 * - like upstream, at most 10000 operations (413), and `copy` may add at most
 *   3 MiB in total, so a short patch cannot blow the object up.
 *
 * Where evanphx/json-patch v4 is lax we follow the RFC: `add`, `replace` and
 * `test` need a `value` (v4 uses null, or crashes), and `test` compares
 * values exactly (v4 passes when the expected object has members the document
 * lacks). A missing member fails a `test`, even one for `null`.
 *
 * Error statuses: a body that is not an array of objects is 400, too many
 * operations 413, anything that fails while applying 422 (upstream's message
 * for 422 is a generic "the server rejected our request due to an error in our
 * request"; ours names the operation and the reason).
 * @module
 */
import { PatchError } from "./errors.js";
import { cloneJson, deepEqual, hasKey, isJsonObject, type JsonObject, type JsonValue, setKey } from "./json.js";

/** Limits of {@link applyJsonPatch}; the defaults are kube-apiserver's. */
export interface JsonPatchOptions {
  /** Most operations one patch may hold (default 10000). */
  maxOperations?: number;
  /** Most bytes of JSON all `copy` operations of one patch may add (default 3 MiB). */
  maxCopyBytes?: number;
}

/** Upstream's limit on operations per patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;
/** Upstream's limit on bytes copied by one patch (its request body limit). */
export const MAX_JSON_PATCH_COPY_BYTES = 3 * 1024 * 1024;

type Container = JsonObject | JsonValue[];

/** The document being patched (our own copy) and the bytes copied so far. */
interface State {
  doc: JsonValue;
  copiedBytes: number;
  maxCopyBytes: number;
}

/** The parent container of a path and the last token, which names the target in it. */
interface Location {
  parent: Container;
  key: string;
  /** The whole pointer, for messages. */
  path: string;
}

/**
 * Applies a JSON patch to `document` and returns the patched copy; neither
 * argument is modified. Throws {@link PatchError} as described in the module
 * documentation.
 */
export function applyJsonPatch(document: unknown, operations: unknown, options: JsonPatchOptions = {}): JsonValue {
  if (!Array.isArray(operations)) throw new PatchError("a JSON patch must be a JSON array of operations", 400);
  const maxOperations = options.maxOperations ?? MAX_JSON_PATCH_OPERATIONS;
  if (operations.length > maxOperations) {
    throw new PatchError(`a JSON patch may hold at most ${maxOperations} operations, this one has ${operations.length}`, 413);
  }
  operations.forEach((op, index) => {
    if (!isJsonObject(op)) throw new PatchError(`JSON patch operation ${index} must be a JSON object`, 400);
  });
  const state = { doc: cloneJson(document), copiedBytes: 0, maxCopyBytes: options.maxCopyBytes ?? MAX_JSON_PATCH_COPY_BYTES };
  (operations as JsonObject[]).forEach((op, index) => {
    applyOperation(state, op, index);
  });
  return state.doc;
}

function applyOperation(state: State, op: JsonObject, index: number): void {
  const name = op.op;
  const fail = (message: string) =>
    new PatchError(`JSON patch operation ${index} (${typeof name === "string" ? name : "?"}): ${message}`, 422);
  if (typeof name !== "string") throw fail('missing "op" (one of add, remove, replace, move, copy, test)');
  const path = stringMember(op, "path", fail);
  switch (name) {
    case "add":
      insert(locate(state.doc, path, fail), requiredValue(op, fail), fail);
      return;
    case "remove":
      remove(locate(state.doc, path, fail), fail);
      return;
    case "replace": {
      const at = locate(state.doc, path, fail);
      get(at, fail);
      put(at, requiredValue(op, fail), fail);
      return;
    }
    case "move": {
      const from = stringMember(op, "from", fail);
      // Moving a value into one of its own children would detach it from the document.
      if (path.startsWith(`${from}/`)) throw fail(`cannot move ${from} into its own child ${path}`);
      const source = locate(state.doc, from, fail);
      const value = get(source, fail);
      remove(source, fail);
      insert(locate(state.doc, path, fail), value, fail);
      return;
    }
    case "copy": {
      const from = stringMember(op, "from", fail);
      const value = get(locate(state.doc, from, fail), fail);
      state.copiedBytes += Buffer.byteLength(JSON.stringify(value));
      if (state.copiedBytes > state.maxCopyBytes) {
        throw fail(`copy operations would add ${state.copiedBytes} bytes, more than the limit of ${state.maxCopyBytes}`);
      }
      insert(locate(state.doc, path, fail), cloneJson(value), fail);
      return;
    }
    case "test": {
      const expected = requiredValue(op, fail);
      if (!deepEqual(get(locate(state.doc, path, fail), fail), expected)) {
        throw fail(`test failed: the value at ${path} is not ${JSON.stringify(expected)}`);
      }
      return;
    }
    default:
      throw fail(`unknown operation ${JSON.stringify(name)} (expected one of add, remove, replace, move, copy, test)`);
  }
}

type Fail = (message: string) => PatchError;

function stringMember(op: JsonObject, member: "path" | "from", fail: Fail): string {
  if (!hasKey(op, member)) throw fail(`missing "${member}"`);
  const value = op[member];
  if (typeof value !== "string") throw fail(`"${member}" must be a string`);
  return value;
}

/** The operation's `value`, copied so the result never shares it with the patch. */
function requiredValue(op: JsonObject, fail: Fail): JsonValue {
  if (!hasKey(op, "value")) throw fail('missing "value"');
  return cloneJson(op.value);
}

/** Splits a JSON pointer into unescaped tokens. */
function parsePointer(path: string, fail: Fail): string[] {
  // Upstream cannot address the document root; we refuse it the same way.
  if (path === "") throw fail('the whole document (path "") cannot be patched; name a member such as "/spec"');
  if (!path.startsWith("/")) throw fail(`${JSON.stringify(path)} is not a JSON pointer: it must start with "/"`);
  // ~1 first, so that "~01" becomes "~1" and not "/".
  return path
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Walks to the container holding the last token of `path`; every step must exist. */
function locate(doc: JsonValue, path: string, fail: Fail): Location {
  const tokens = parsePointer(path, fail);
  let node: JsonValue = doc;
  for (const token of tokens.slice(0, -1)) {
    if (isJsonObject(node) && hasKey(node, token)) {
      node = node[token];
    } else if (Array.isArray(node)) {
      node = node[existingIndex(node, token, path, fail)];
    } else {
      throw fail(`path ${path} does not exist`);
    }
  }
  if (!isJsonObject(node) && !Array.isArray(node)) throw fail(`path ${path} does not exist`);
  return { parent: node, key: tokens[tokens.length - 1], path };
}

/** Parses an array index token; like upstream, a negative index counts from the end. */
function parseIndex(token: string, path: string, fail: Fail): number {
  if (!/^[+-]?\d+$/.test(token)) throw fail(`${JSON.stringify(token)} in ${path} is not an array index`);
  const index = Number(token);
  if (!Number.isSafeInteger(index)) throw fail(`index ${token} in ${path} is out of range`);
  return index;
}

/** The position of an existing item; `-1` means the last one. */
function existingIndex(array: JsonValue[], token: string, path: string, fail: Fail): number {
  const raw = parseIndex(token, path, fail);
  const index = raw < 0 ? raw + array.length : raw;
  if (index < 0 || index >= array.length) {
    throw fail(`index ${raw} in ${path} is out of range for an array of ${array.length} items`);
  }
  return index;
}

function get({ parent, key, path }: Location, fail: Fail): JsonValue {
  if (Array.isArray(parent)) return parent[existingIndex(parent, key, path, fail)];
  if (!hasKey(parent, key)) throw fail(`path ${path} does not exist`);
  return parent[key];
}

/** Overwrites an existing target (the caller checked it exists). */
function put({ parent, key, path }: Location, value: JsonValue, fail: Fail): void {
  if (Array.isArray(parent)) parent[existingIndex(parent, key, path, fail)] = value;
  else setKey(parent, key, value);
}

function insert({ parent, key, path }: Location, value: JsonValue, fail: Fail): void {
  if (!Array.isArray(parent)) {
    setKey(parent, key, value);
    return;
  }
  if (key === "-") {
    parent.push(value);
    return;
  }
  // Inserting at the length appends; a negative index counts from the new end.
  const raw = parseIndex(key, path, fail);
  const index = raw < 0 ? raw + parent.length + 1 : raw;
  if (index < 0 || index > parent.length) {
    throw fail(`index ${raw} in ${path} is out of range for inserting into an array of ${parent.length} items`);
  }
  parent.splice(index, 0, value);
}

function remove({ parent, key, path }: Location, fail: Fail): void {
  if (Array.isArray(parent)) {
    parent.splice(existingIndex(parent, key, path, fail), 1);
    return;
  }
  if (!hasKey(parent, key)) throw fail(`path ${path} does not exist`);
  delete parent[key];
}
