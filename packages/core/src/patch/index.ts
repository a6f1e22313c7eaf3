/**
 * The three PATCH formats of the Kubernetes API, applied server side: JSON
 * patch (RFC 6902), JSON merge patch (RFC 7386) and strategic merge patch.
 * Every function returns a new document and throws {@link PatchError}.
 * @module
 */
export { PatchError, type PatchErrorStatus } from "./errors.js";
export {
  applyJsonPatch,
  type JsonPatchOptions,
  MAX_JSON_PATCH_COPY_BYTES,
  MAX_JSON_PATCH_OPERATIONS,
} from "./json-patch.js";
export type { JsonObject, JsonPrimitive, JsonValue } from "./json.js";
export { applyMergePatch } from "./merge-patch.js";
export { strategicMergePatch } from "./strategic-merge-patch.js";
