/**
 * Builds the object filter of a list or watch from the namespace and the
 * label and field selectors of the request.
 * @module
 */
import { badRequest } from "../errors.js";
import type { ResourceDefinition } from "../registry/resource.js";
import type { ObjectFilter } from "../registry/store.js";

/** TEMPORARY until selectors land. */
export function buildFilter(
  _def: ResourceDefinition,
  namespace: string,
  labelSelector: string,
  fieldSelector: string,
): ObjectFilter | undefined {
  if (labelSelector || fieldSelector) throw badRequest("selectors not yet supported");
  if (!namespace) return undefined;
  return { trivial: true, matches: (obj) => obj.metadata?.namespace === namespace };
}
