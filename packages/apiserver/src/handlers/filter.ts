/**
 * Builds the object filter of a list or watch from the namespace and the
 * label and field selectors of the request. A field the resource does not
 * support is a 400, as upstream.
 * @module
 */
import { type FieldSelector, type LabelSelector, SelectorParseError, parseFieldSelector, parseLabelSelector, unsupportedFieldSelector } from "@kube-ts/core";
import { badRequest } from "../errors.js";
import type { KubeObject, ResourceDefinition } from "../registry/resource.js";
import type { ObjectFilter } from "../registry/store.js";

function parse<T>(parser: (s: string) => T, value: string): T {
  try {
    return parser(value);
  } catch (err) {
    if (err instanceof SelectorParseError) throw badRequest(err.message);
    throw err;
  }
}

/** The value of a selectable field of an object. */
function fieldValue(def: ResourceDefinition, obj: KubeObject, field: string): string | undefined {
  if (field === "metadata.name") return obj.metadata?.name ?? "";
  if (field === "metadata.namespace") return obj.metadata?.namespace ?? "";
  return def.fieldSelectors[field]?.(obj);
}

/** Returns undefined when nothing needs filtering (no namespace, no selectors). */
export function buildFilter(
  def: ResourceDefinition,
  namespace: string,
  labelSelector: string,
  fieldSelector: string,
): ObjectFilter | undefined {
  const labels: LabelSelector | undefined = labelSelector ? parse(parseLabelSelector, labelSelector) : undefined;
  const fields: FieldSelector | undefined = fieldSelector ? parse(parseFieldSelector, fieldSelector) : undefined;
  if (fields) {
    const supported = ["metadata.name", "metadata.namespace", ...Object.keys(def.fieldSelectors)];
    const problem = unsupportedFieldSelector(fields, supported, Object.keys(def.fieldSelectors).length > 0 ? "label-not-supported" : "not-a-known-field");
    if (problem) throw badRequest(problem);
  }
  const activeLabels = labels && !labels.isEmpty() ? labels : undefined;
  const activeFields = fields && !fields.isEmpty() ? fields : undefined;
  const ns = def.namespaced ? namespace : "";
  if (!activeLabels && !activeFields && !ns) return undefined;
  return {
    trivial: !activeLabels && !activeFields,
    matches(obj) {
      if (ns && obj.metadata?.namespace !== ns) return false;
      if (activeLabels && !activeLabels.matches(obj.metadata?.labels)) return false;
      if (activeFields && !activeFields.matches((field) => fieldValue(def, obj, field))) return false;
      return true;
    },
  };
}
