/**
 * The core (legacy, group "") resources kube-ts serves at /api/v1.
 * @module
 */
import { defineResource, fields } from "../define.js";
import type { KubeObject, ResourceDefinition } from "../resource.js";
import { applyPodDefaults, applyServiceDefaults } from "./defaults.js";

/** Defaults the type and folds write-only `stringData` into base64 `data`, as upstream does. */
function normalizeSecret(obj: KubeObject): void {
  obj.type ??= "Opaque";
  const stringData = obj.stringData as Record<string, unknown> | undefined;
  if (stringData && typeof stringData === "object") {
    const data = (obj.data ??= {}) as Record<string, string>;
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString("base64");
  }
  delete obj.stringData;
}

/**
 * Upstream's SetDefaults_LimitRangeItem for Container items: the default limit
 * falls back to max, the default request to the default limit, then to min.
 */
function defaultLimitRange(obj: KubeObject): void {
  const limits = (obj.spec as { limits?: unknown } | undefined)?.limits;
  if (!Array.isArray(limits)) return;
  for (const item of limits as Record<string, unknown>[]) {
    if (!item || typeof item !== "object" || item.type !== "Container") continue;
    const map = (key: string) => {
      const value = item[key];
      return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
    };
    const def: Record<string, unknown> = { ...map("default") };
    const request: Record<string, unknown> = { ...map("defaultRequest") };
    for (const [k, v] of Object.entries(map("max") ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in request)) request[k] = v;
    for (const [k, v] of Object.entries(map("min") ?? {})) if (!(k in request)) request[k] = v;
    // Empty maps are omitted when Go serializes the item.
    if (Object.keys(def).length > 0) item.default = def;
    if (Object.keys(request).length > 0) item.defaultRequest = request;
  }
}

/**
 * Pods on a node are deleted gracefully: the node agent stops them and then
 * deletes with grace 0. Unscheduled and finished pods go at once, as upstream.
 */
function podGracePeriod(pod: KubeObject, requested: number | undefined): number | undefined {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === "Succeeded" || phase === "Failed") return undefined;
  const grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  return grace > 0 ? grace : undefined;
}

/** core/v1 resources. */
export const coreResources: ResourceDefinition[] = [
  defineResource({
    group: "",
    version: "v1",
    kind: "Namespace",
    plural: "namespaces",
    namespaced: false,
    shortNames: ["ns"],
    status: true,
    deleteCollection: false,
    fieldSelectors: fields("status.phase"),
    strategy: {
      prepareForCreate(obj) {
        obj.status = { phase: "Active" };
        const spec = (obj.spec ??= {}) as { finalizers?: string[] };
        spec.finalizers ??= ["kubernetes"];
        if (!spec.finalizers.includes("kubernetes")) spec.finalizers.push("kubernetes");
        const labels = (obj.metadata!.labels ??= {});
        labels["kubernetes.io/metadata.name"] = obj.metadata!.name ?? "";
      },
      prepareForUpdate(obj, old) {
        obj.spec = old.spec; // spec.finalizers change only through /finalize
        const labels = (obj.metadata!.labels ??= {});
        labels["kubernetes.io/metadata.name"] = obj.metadata!.name ?? "";
      },
      extraFinalizers: (obj) => ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []),
      prepareForDeletion(obj) {
        obj.status = { ...(obj.status as object), phase: "Terminating" };
      },
    },
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "Pod",
    plural: "pods",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    status: true,
    fieldSelectors: fields(
      "spec.nodeName",
      "spec.restartPolicy",
      "spec.schedulerName",
      "spec.serviceAccountName",
      "spec.hostNetwork",
      "status.phase",
      "status.podIP",
      "status.nominatedNodeName",
    ),
    strategy: {
      prepareForCreate(obj) {
        applyPodDefaults(obj);
        obj.status = { phase: "Pending", qosClass: "BestEffort" };
      },
      gracefulDeletion: podGracePeriod,
    },
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "Node",
    plural: "nodes",
    namespaced: false,
    shortNames: ["no"],
    status: true,
    fieldSelectors: fields("spec.unschedulable"),
    // Nodes, unlike most kinds, may set status on create (the node agent registers itself whole).
    strategy: { keepStatusOnCreate: true },
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "Service",
    plural: "services",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
    status: true,
    fieldSelectors: fields("spec.clusterIP", "spec.type"),
    strategy: {
      prepareForCreate(obj) {
        applyServiceDefaults(obj);
        obj.status = { loadBalancer: {} };
      },
      prepareForUpdate(obj, old) {
        applyServiceDefaults(obj);
        const spec = obj.spec as Record<string, unknown>;
        const oldSpec = (old.spec ?? {}) as Record<string, unknown>;
        // The allocated IP is kept when an update (e.g. kubectl replace) leaves it out.
        if (spec.clusterIP === undefined && oldSpec.clusterIP !== undefined) {
          spec.clusterIP = oldSpec.clusterIP;
          spec.clusterIPs = oldSpec.clusterIPs;
        }
      },
    },
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "Endpoints",
    plural: "endpoints",
    namespaced: true,
    shortNames: ["ep"],
  }),
  defineResource({ group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true, shortNames: ["cm"] }),
  // Served so that `kubectl describe namespace` prints its quota and limit sections ("No resource
  // quota.", "No LimitRange resource.") as against kube-apiserver; kubectl leaves them out when the
  // resources do not exist. No quota controller: status.used is whatever a client writes.
  defineResource({
    group: "",
    version: "v1",
    kind: "ResourceQuota",
    plural: "resourcequotas",
    namespaced: true,
    shortNames: ["quota"],
    status: true,
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "LimitRange",
    plural: "limitranges",
    namespaced: true,
    shortNames: ["limits"],
    strategy: { prepareForCreate: defaultLimitRange, prepareForUpdate: defaultLimitRange },
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "Secret",
    plural: "secrets",
    namespaced: true,
    fieldSelectors: fields("type"),
    strategy: {
      prepareForCreate: normalizeSecret,
      prepareForUpdate: normalizeSecret,
    },
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "ServiceAccount",
    plural: "serviceaccounts",
    namespaced: true,
    shortNames: ["sa"],
  }),
  defineResource({
    group: "",
    version: "v1",
    kind: "Event",
    plural: "events",
    namespaced: true,
    shortNames: ["ev"],
    fieldSelectors: fields(
      "involvedObject.kind",
      "involvedObject.namespace",
      "involvedObject.name",
      "involvedObject.uid",
      "involvedObject.apiVersion",
      "involvedObject.resourceVersion",
      "involvedObject.fieldPath",
      "reason",
      "reportingComponent",
      "source",
      "type",
    ),
  }),
];
