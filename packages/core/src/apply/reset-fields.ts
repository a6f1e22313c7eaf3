/**
 * Fields a write path resets, which therefore nobody comes to own through it
 * (upstream's strategies' `GetResetFields`, the "ignored fields" of the
 * field manager): a resource with a status subresource ignores `status` on
 * writes to the resource itself, and `spec` (plus a few kind-specific
 * fields) on writes to `/status`. Custom resources with a status subresource
 * follow the same rule. A reset path covers everything below it.
 * @module
 */
import { FieldSet } from "./field-set.js";
import { fieldElement } from "./path.js";

type Paths = readonly (readonly string[])[];

const STATUS: Paths = [["status"]];
const SPEC: Paths = [["spec"]];

/**
 * Reset fields of built-in resources with a status subresource, by
 * `resource` or `resource.group`, where upstream's status strategy resets more
 * than `spec`.
 */
const STATUS_RESETS: Readonly<Record<string, Paths>> = {
  pods: [["spec"], ["metadata", "deletionTimestamp"], ["metadata", "ownerReferences"]],
  "deployments.apps": [["spec"], ["metadata", "labels"]],
};

/** Built-in resources served with a status subresource (`resource` or `resource.group`). */
export const STATUS_SUBRESOURCE_RESOURCES: ReadonlySet<string> = new Set([
  "pods",
  "services",
  "namespaces",
  "nodes",
  "persistentvolumes",
  "persistentvolumeclaims",
  "replicationcontrollers",
  "resourcequotas",
  "deployments.apps",
  "replicasets.apps",
  "statefulsets.apps",
  "daemonsets.apps",
  "jobs.batch",
  "cronjobs.batch",
  "horizontalpodautoscalers.autoscaling",
  "ingresses.networking.k8s.io",
  "poddisruptionbudgets.policy",
  "customresourcedefinitions.apiextensions.k8s.io",
]);

/**
 * The reset fields of a write.
 * @param groupResource `pods`, `deployments.apps`, or a custom resource's `plural.group`.
 * @param subresource `status` for writes to `/status`; anything else (or none) is the resource itself.
 * @param hasStatusSubresource whether the resource has a status subresource;
 *   defaults to the built-in table (pass true for a custom resource whose
 *   CRD version enables `subresources.status`).
 */
export function resetFieldsFor(
  groupResource: string,
  subresource?: string,
  hasStatusSubresource = STATUS_SUBRESOURCE_RESOURCES.has(groupResource),
): FieldSet {
  if (!hasStatusSubresource) return new FieldSet();
  const paths = subresource === "status" ? (STATUS_RESETS[groupResource] ?? SPEC) : STATUS;
  return FieldSet.of(...paths.map((path) => path.map(fieldElement)));
}
