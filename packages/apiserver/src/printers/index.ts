/**
 * Server-side printing: the column definitions and row cells behind
 * `kubectl get`, for the meta.k8s.io/v1 Table the API server returns on
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Columns, cell values
 * and `-o wide` priorities follow kube-apiserver's built-in printers; kinds
 * without one get the default NAME / CREATED AT table.
 * @module
 */

import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from "./apps.js";
import { cronJobPrinter, jobPrinter } from "./batch.js";
import {
  mutatingWebhookPrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  storageClassPrinter,
  validatingWebhookPrinter,
} from "./cluster.js";
import { leasePrinter } from "./coordination.js";
import {
  configMapPrinter,
  endpointsPrinter,
  eventPrinter,
  eventsV1EventPrinter,
  namespacePrinter,
  nodePrinter,
  podPrinter,
  podTemplatePrinter,
  replicationControllerPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from "./core.js";
import { defaultPrinter } from "./defaults.js";
import { endpointSlicePrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from "./networking.js";
import { limitRangePrinter, resourceQuotaPrinter } from "./quota.js";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./rbac.js";
import type { Printer } from "./types.js";

export { defaultPrinter } from "./defaults.js";
export { humanDuration } from "./format.js";
export type { JsonObject, Printer, TableColumnDefinition, TableRowCondition } from "./types.js";

const printers = new Map<string, Printer>([
  ["/Pod", podPrinter],
  ["/Namespace", namespacePrinter],
  ["/Node", nodePrinter],
  ["/Service", servicePrinter],
  ["/Endpoints", endpointsPrinter],
  ["/ConfigMap", configMapPrinter],
  ["/Secret", secretPrinter],
  ["/ServiceAccount", serviceAccountPrinter],
  ["/Event", eventPrinter],
  ["/PodTemplate", podTemplatePrinter],
  ["/ReplicationController", replicationControllerPrinter],
  ["/ResourceQuota", resourceQuotaPrinter],
  ["/LimitRange", limitRangePrinter],
  ["apps/Deployment", deploymentPrinter],
  ["apps/ReplicaSet", replicaSetPrinter],
  ["apps/StatefulSet", statefulSetPrinter],
  ["apps/DaemonSet", daemonSetPrinter],
  ["apps/ControllerRevision", controllerRevisionPrinter],
  ["batch/Job", jobPrinter],
  ["batch/CronJob", cronJobPrinter],
  ["coordination.k8s.io/Lease", leasePrinter],
  ["discovery.k8s.io/EndpointSlice", endpointSlicePrinter],
  ["events.k8s.io/Event", eventsV1EventPrinter],
  ["networking.k8s.io/Ingress", ingressPrinter],
  ["networking.k8s.io/IngressClass", ingressClassPrinter],
  ["networking.k8s.io/NetworkPolicy", networkPolicyPrinter],
  ["policy/PodDisruptionBudget", podDisruptionBudgetPrinter],
  ["scheduling.k8s.io/PriorityClass", priorityClassPrinter],
  ["storage.k8s.io/StorageClass", storageClassPrinter],
  ["admissionregistration.k8s.io/MutatingWebhookConfiguration", mutatingWebhookPrinter],
  ["admissionregistration.k8s.io/ValidatingWebhookConfiguration", validatingWebhookPrinter],
  ["rbac.authorization.k8s.io/RoleBinding", roleBindingPrinter],
  ["rbac.authorization.k8s.io/ClusterRoleBinding", clusterRoleBindingPrinter],
]);

/**
 * The printer for a kind of an API group (`""` for core), falling back to the
 * default NAME / CREATED AT printer for kinds without a dedicated one
 * (including custom resources without additionalPrinterColumns).
 */
export function printerFor(group: string, kind: string): Printer {
  return printers.get(`${group}/${kind}`) ?? defaultPrinter;
}
