/**
 * The built-in resources of the named API groups (apps, batch,
 * coordination, discovery, events, networking, rbac).
 * @module
 */
import { defineResource, fields } from "../define.js";
import type { ResourceDefinition } from "../resource.js";
import { applyWorkloadDefaults, generateJobSelector } from "./defaults.js";
import { eventFromCore, eventToCore } from "./event-conversion.js";

const replicasScale = {
  specReplicasPath: ".spec.replicas",
  statusReplicasPath: ".status.replicas",
  labelSelectorPath: ".status.selector",
};

/**
 * The zero status of a new workload as Go serializes it: counters without
 * `omitempty` are printed as 0 (a ReplicaSet's `replicas`, a StatefulSet's
 * `replicas` and `availableReplicas`, a DaemonSet's four counts).
 */
const ZERO_STATUS: Record<string, Record<string, number>> = {
  ReplicaSet: { replicas: 0 },
  StatefulSet: { availableReplicas: 0, replicas: 0 },
  DaemonSet: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
};

/** A workload of apps/v1: scale where upstream has it, generation, the `all` category. */
function workload(kind: string, plural: string, shortNames: string[], scalable: boolean): ResourceDefinition {
  return defineResource({
    group: "apps",
    version: "v1",
    kind,
    plural,
    namespaced: true,
    shortNames,
    categories: ["all"],
    status: true,
    scale: scalable ? replicasScale : undefined,
    hasGeneration: true,
    fieldSelectors: kind === "ReplicaSet" ? fields("status.replicas") : {},
    strategy: {
      prepareForCreate: (obj) => {
        applyWorkloadDefaults(kind, obj);
        obj.status = { ...ZERO_STATUS[kind] };
      },
      prepareForUpdate: (obj) => applyWorkloadDefaults(kind, obj),
    },
  });
}

/** apps/v1, batch/v1 and the smaller groups. */
export const groupResources: ResourceDefinition[] = [
  workload("Deployment", "deployments", ["deploy"], true),
  workload("ReplicaSet", "replicasets", ["rs"], true),
  workload("StatefulSet", "statefulsets", ["sts"], true),
  workload("DaemonSet", "daemonsets", ["ds"], false),
  defineResource({
    group: "batch",
    version: "v1",
    kind: "Job",
    plural: "jobs",
    namespaced: true,
    categories: ["all"],
    status: true,
    hasGeneration: true,
    fieldSelectors: fields("status.successful"),
    strategy: {
      prepareForCreate: (obj) => {
        applyWorkloadDefaults("Job", obj);
        generateJobSelector(obj);
      },
      prepareForUpdate: (obj) => applyWorkloadDefaults("Job", obj),
    },
  }),
  defineResource({
    group: "batch",
    version: "v1",
    kind: "CronJob",
    plural: "cronjobs",
    namespaced: true,
    shortNames: ["cj"],
    categories: ["all"],
    status: true,
    hasGeneration: true,
    strategy: {
      prepareForCreate: (obj) => applyWorkloadDefaults("CronJob", obj),
      prepareForUpdate: (obj) => applyWorkloadDefaults("CronJob", obj),
    },
  }),
  defineResource({ group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true }),
  defineResource({
    group: "discovery.k8s.io",
    version: "v1",
    kind: "EndpointSlice",
    plural: "endpointslices",
    namespaced: true,
  }),
  defineResource({
    group: "events.k8s.io",
    version: "v1",
    kind: "Event",
    plural: "events",
    namespaced: true,
    shortNames: ["ev"],
    fieldSelectors: fields("regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "type", "reportingController"),
    storedAs: { group: "", plural: "events", toStorage: eventToCore, fromStorage: eventFromCore },
  }),
  defineResource({
    group: "networking.k8s.io",
    version: "v1",
    kind: "Ingress",
    plural: "ingresses",
    namespaced: true,
    shortNames: ["ing"],
    status: true,
    hasGeneration: true,
    // IngressStatus.loadBalancer is a struct: a new Ingress reads back with `status: {loadBalancer: {}}`.
    strategy: { prepareForCreate: (obj) => void (obj.status = { loadBalancer: {} }) },
  }),
  defineResource({ group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", namespaced: true }),
  defineResource({ group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false }),
  defineResource({ group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true }),
  defineResource({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRoleBinding",
    plural: "clusterrolebindings",
    namespaced: false,
  }),
];
