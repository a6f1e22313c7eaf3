/**
 * managedFields on the write paths of the store: who changed which fields
 * (operation Update, per manager, apiVersion and subresource), recorded as
 * kube-apiserver's field manager does for every create and update. The
 * bookkeeping itself lives in `@kube-ts/core`'s apply package.
 * @module
 */
import { type FieldSet, type StructuralSchema, managedFieldsForWrite, resetFieldsFor, updateManagedFields } from "@kube-ts/core";
import type { KubeObject, ResourceDefinition } from "./resource.js";

/** Upstream names the manager of a request without `fieldManager` after its User-Agent's product: `kubectl/v1.32 …` → `kubectl`. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? "").split("/")[0].trim();
  return product.slice(0, 128) || "unknown";
}

/** Fields a write path resets and nobody comes to own there (status on the main resource, and vice versa). */
export function resetFieldsOf(def: ResourceDefinition, subresource: string | undefined): FieldSet {
  const groupResource = def.group ? `${def.plural}.${def.group}` : def.plural;
  return resetFieldsFor(groupResource, subresource, def.subresources.status === true);
}

/** What a write tells the field manager. */
export interface FieldManagerWrite {
  fieldManager?: string;
  userAgent?: string;
  /** "status" and "scale" writes are recorded per subresource; anything else is the resource itself. */
  subresource?: string;
  apiVersion: string;
  time: Date;
}

/** Sets `obj.metadata.managedFields` for a write of `obj` over `old` (undefined on create). */
export function recordManagedFields(
  def: ResourceDefinition,
  obj: KubeObject,
  old: KubeObject | undefined,
  write: FieldManagerWrite,
  schema: StructuralSchema | undefined,
): void {
  const subresource = write.subresource === "status" || write.subresource === "scale" ? write.subresource : undefined;
  const entries = updateManagedFields(
    managedFieldsForWrite(old, obj, { subresource }),
    old,
    obj,
    {
      manager: write.fieldManager || managerFromUserAgent(write.userAgent),
      apiVersion: write.apiVersion,
      time: write.time,
      subresource,
      resetFields: resetFieldsOf(def, subresource),
    },
    schema,
  );
  obj.metadata ??= {};
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}
