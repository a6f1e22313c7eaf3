/**
 * Defaulting of built-in kinds, after upstream's SetDefaults_* functions:
 * the fields a real cluster fills in on create, so that objects read back
 * (and `kubectl describe`) look as they do on kube-apiserver.
 * @module
 */
import type { KubeObject } from "../resource.js";

type Json = Record<string, unknown>;

function obj(parent: Json, key: string): Json {
  const value = parent[key];
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Json;
  const created: Json = {};
  parent[key] = created;
  return created;
}

function list(parent: Json, key: string): Json[] {
  const value = parent[key];
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === "object") as Json[]) : [];
}

/** `image:latest` and untagged images are pulled Always; tagged or digested ones IfNotPresent. */
function pullPolicyFor(image: unknown): string {
  if (typeof image !== "string") return "IfNotPresent";
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  if (colon < 0 || lastSegment.slice(colon + 1) === "latest") return "Always";
  return "IfNotPresent";
}

function defaultContainer(container: Json): void {
  container.imagePullPolicy ??= pullPolicyFor(container.image);
  container.terminationMessagePath ??= "/dev/termination-log";
  container.terminationMessagePolicy ??= "File";
  for (const port of list(container, "ports")) port.protocol ??= "TCP";
  container.resources ??= {};
}

/** Defaults a PodSpec in place. */
export function applyPodSpecDefaults(spec: Json): void {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  for (const c of [...list(spec, "initContainers"), ...list(spec, "containers")]) defaultContainer(c);
  // v1 conversion keeps the deprecated serviceAccount and serviceAccountName in step.
  if (spec.serviceAccountName !== undefined) spec.serviceAccount ??= spec.serviceAccountName;
  else if (spec.serviceAccount !== undefined) spec.serviceAccountName = spec.serviceAccount;
}

/** Defaults a Pod in place. */
export function applyPodDefaults(pod: KubeObject): void {
  const spec = obj(pod, "spec");
  // Pods only, not pod templates: upstream sets enableServiceLinks in SetDefaults_Pod, and the
  // ServiceAccount admission plugin (not defaulting) gives pods the "default" service account.
  // A Deployment's template read back from kube-apiserver has neither.
  spec.enableServiceLinks ??= true;
  if (spec.serviceAccountName === undefined && spec.serviceAccount === undefined) spec.serviceAccountName = "default";
  applyPodSpecDefaults(spec);
  spec.priority ??= 0;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  // Added by upstream's DefaultTolerationSeconds admission plugin.
  const tolerations = list(spec, "tolerations");
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!tolerations.some((t) => t.key === key)) {
      tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
    }
  }
  spec.tolerations = tolerations;
}

/** Defaults a pod template (`spec.template`) in place. */
export function applyPodTemplateDefaults(template: Json): void {
  obj(template, "metadata");
  applyPodSpecDefaults(obj(template, "spec"));
}

/** Defaults an apps/v1 or batch/v1 workload in place. */
export function applyWorkloadDefaults(kind: string, workload: KubeObject): void {
  const spec = obj(workload, "spec");
  switch (kind) {
    case "Deployment": {
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      const strategy = obj(spec, "strategy");
      strategy.type ??= "RollingUpdate";
      if (strategy.type === "RollingUpdate") {
        const rolling = obj(strategy, "rollingUpdate");
        rolling.maxUnavailable ??= "25%";
        rolling.maxSurge ??= "25%";
      }
      break;
    }
    case "ReplicaSet":
      spec.replicas ??= 1;
      break;
    case "StatefulSet": {
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= "OrderedReady";
      spec.revisionHistoryLimit ??= 10;
      const strategy = obj(spec, "updateStrategy");
      strategy.type ??= "RollingUpdate";
      if (strategy.type === "RollingUpdate") obj(strategy, "rollingUpdate").partition ??= 0;
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: "Retain", whenScaled: "Retain" };
      break;
    }
    case "DaemonSet": {
      spec.revisionHistoryLimit ??= 10;
      const strategy = obj(spec, "updateStrategy");
      strategy.type ??= "RollingUpdate";
      if (strategy.type === "RollingUpdate") {
        const rolling = obj(strategy, "rollingUpdate");
        rolling.maxUnavailable ??= 1;
        rolling.maxSurge ??= 0;
      }
      break;
    }
    case "Job":
      spec.parallelism ??= 1;
      spec.backoffLimit ??= 6;
      spec.completionMode ??= "NonIndexed";
      spec.suspend ??= false;
      if (spec.completions === undefined && spec.parallelism === 1) spec.completions = 1;
      break;
    case "CronJob": {
      spec.concurrencyPolicy ??= "Allow";
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      const jobTemplate = obj(spec, "jobTemplate");
      const jobSpec = obj(jobTemplate, "spec");
      if (jobSpec.template && typeof jobSpec.template === "object") applyPodTemplateDefaults(jobSpec.template as Json);
      return;
    }
  }
  if (spec.template && typeof spec.template === "object") applyPodTemplateDefaults(spec.template as Json);
}

/**
 * Gives a Job without a manual selector the selector and template labels
 * upstream generates from its uid, so that the Job controller can find its
 * pods (and validation finds the selector matching the template).
 */
export function generateJobSelector(job: KubeObject): void {
  const spec = obj(job, "spec");
  if (spec.manualSelector === true) return;
  const uid = job.metadata?.uid ?? "";
  const name = job.metadata?.name ?? "";
  spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  const templateMeta = obj(obj(spec, "template"), "metadata");
  templateMeta.labels = {
    ...(templateMeta.labels as Record<string, string> | undefined),
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": name,
    "controller-uid": uid,
    "job-name": name,
  };
}

/** Defaults a Service in place (cluster IP allocation is done by the store). */
export function applyServiceDefaults(service: KubeObject): void {
  const spec = obj(service, "spec");
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  if (spec.type !== "ExternalName") {
    spec.ipFamilies ??= ["IPv4"];
    spec.ipFamilyPolicy ??= "SingleStack";
    spec.internalTrafficPolicy ??= "Cluster";
  }
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ??= "Cluster";
  for (const port of list(spec, "ports")) {
    port.protocol ??= "TCP";
    port.targetPort ??= port.port;
  }
}
