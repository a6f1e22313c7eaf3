/**
 * JSON Merge Patch (RFC 7386, `application/merge-patch+json`): the patch is a
 * partial document; objects merge member by member, `null` deletes a member,
 * and every other value (arrays included) replaces the target wholesale.
 *
 * It never fails: any JSON value is a valid merge patch. (kube-apiserver
 * rejects a patch that is not an object before getting here.)
 * @module
 */
import { cloneJson, hasKey, isJsonObject, type JsonValue, setKey } from "./json.js";

/**
 * Applies `patch` to `target` as RFC 7386 defines and returns the result;
 * neither argument is modified.
 */
export function applyMergePatch(target: unknown, patch: unknown): JsonValue {
  return merge(cloneJson(target), patch as JsonValue);
}

/** `target` is our own copy and may be changed in place. */
function merge(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  // A non-object target is replaced by an object, as if it had been `{}`.
  const result = isJsonObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      delete result[key];
    } else {
      setKey(result, key, merge(hasKey(result, key) ? result[key] : undefined, value));
    }
  }
  return result;
}
