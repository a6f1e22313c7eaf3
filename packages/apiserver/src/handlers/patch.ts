/**
 * Applying a PATCH body to the current object, by Content-Type: JSON patch,
 * JSON merge patch or strategic merge patch (built-in kinds only, as
 * upstream answers 415 for custom resources).
 * @module
 */
import { PatchError, applyJsonPatch, applyMergePatch, goNumber, strategicMergePatch, type StructuralSchema } from "@kube-ts/core";
import { ApiError, badRequest, unsupportedMediaType } from "../errors.js";
import { decodeBody } from "../http/body.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";

/** Finds the structural schema of a resource, for strategic merge patch. */
export interface PatchSchemaLookup {
  /** The schema of the kind, or undefined when none is known. */
  schemaFor(def: ResourceDefinition): StructuralSchema | undefined;
  /** Whether the resource supports strategic merge patch (built-ins do, custom resources do not). */
  supportsStrategicMerge(def: ResourceDefinition): boolean;
}

const JSON_PATCH = "application/json-patch+json";
const MERGE_PATCH = "application/merge-patch+json";
const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
/** Server-side apply's patch type (handled by `apply.ts`, not here). */
export const APPLY_PATCH = "application/apply-patch+yaml";

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function translate(err: unknown): never {
  if (err instanceof PatchError) {
    throw new ApiError(err.status, err.reason, err.message);
  }
  throw err;
}

/**
 * Returns the patched object. `def` is undefined for subresource views
 * (e.g. Scale), which accept merge and JSON patches only.
 */
export function applyPatch(
  contentType: string,
  body: Buffer,
  current: KubeObject,
  def: ResourceDefinition | undefined,
  schemas: PatchSchemaLookup,
): KubeObject {
  if (contentType === APPLY_PATCH) throw unsupportedMediaType(contentType);
  if (contentType !== JSON_PATCH && contentType !== MERGE_PATCH && contentType !== STRATEGIC_MERGE_PATCH) {
    throw unsupportedMediaType(contentType || "(none)");
  }
  const patch = decodeBody(body, "json");
  try {
    if (contentType === JSON_PATCH) {
      if (!Array.isArray(patch)) throw badRequest("json patch must be a JSON array of operations");
      return asObject(applyJsonPatch(current, patch), "the patched object") as KubeObject;
    }
    const patchObject = asObject(patch, "the patch");
    if (contentType === MERGE_PATCH) return asObject(applyMergePatch(current, patchObject), "the patched object") as KubeObject;
    if (!def || !schemas.supportsStrategicMerge(def)) throw unsupportedMediaType(contentType);
    return asObject(strategicMergePatch(current, patchObject, schemas.schemaFor(def)), "the patched object") as KubeObject;
  } catch (err) {
    translate(err);
  }
}

/** Go's `%+v` of a decoded JSON value (`map[a:1 b:[x y]]`, keys sorted), as upstream prints a patch map. */
export function goPlusV(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goPlusV).join(" ")}]`;
  switch (typeof value) {
    case "object": {
      const map = value as Record<string, unknown>;
      return `map[${Object.keys(map)
        .sort()
        .map((k) => `${k}:${goPlusV(map[k])}`)
        .join(" ")}]`;
    }
    case "number":
      // Upstream decodes patches preserving integers (int64); other numbers are float64.
      return Number.isInteger(value) ? String(value) : goNumber(value);
    default:
      return String(value);
  }
}

/**
 * The value upstream's patch handler shows when a patched object does not
 * decode: the patch map itself for a strategic merge patch, the patched
 * object's JSON for JSON and merge patches.
 */
export function patchErrorValue(contentType: string, body: Buffer, patched: KubeObject): string {
  if (contentType === STRATEGIC_MERGE_PATCH) {
    try {
      return goPlusV(JSON.parse(body.toString("utf8")));
    } catch {
      return body.toString("utf8");
    }
  }
  return JSON.stringify(patched);
}
