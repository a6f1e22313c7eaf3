/**
 * Field tables for `apps/v1` (package `k8s.io.api.apps.v1`): Deployment,
 * ReplicaSet, StatefulSet, DaemonSet and ControllerRevision.
 * @module
 */
import { bool, i32, i64, IntOrString, LabelSelector, msg, ObjectMeta, ptr, qualify, RawExtension, rep, scoped, str, Time } from "../schema.js";

const m = scoped("apps");
const PodTemplateSpec = msg("core.PodTemplateSpec");

/** The condition shape shared by ReplicaSet, StatefulSet and DaemonSet. */
const condition = {
  1: ["type", ptr(str)],
  2: ["status", ptr(str)],
  3: ["lastTransitionTime", Time],
  4: ["reason", str],
  5: ["message", str],
} as const;

/** `apps.*` message tables. */
export const appsTables = qualify("apps", {
  Deployment: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("DeploymentSpec")],
    3: ["status", m("DeploymentStatus")],
  },
  DeploymentSpec: {
    1: ["replicas", ptr(i32)],
    2: ["selector", LabelSelector],
    3: ["template", PodTemplateSpec],
    // A non-pointer struct: kubectl sends `strategy: {}`.
    4: ["strategy", m("DeploymentStrategy")],
    5: ["minReadySeconds", i32],
    6: ["revisionHistoryLimit", ptr(i32)],
    7: ["paused", bool],
    // 8 (rollbackTo) was removed upstream.
    9: ["progressDeadlineSeconds", ptr(i32)],
    10: ["podReplacementPolicy", ptr(str)],
  },
  DeploymentStrategy: {
    1: ["type", str],
    2: ["rollingUpdate", m("RollingUpdateDeployment")],
  },
  RollingUpdateDeployment: {
    1: ["maxUnavailable", IntOrString],
    2: ["maxSurge", IntOrString],
  },
  DeploymentStatus: {
    1: ["observedGeneration", i64],
    2: ["replicas", i32],
    3: ["updatedReplicas", i32],
    4: ["availableReplicas", i32],
    5: ["unavailableReplicas", i32],
    6: ["conditions", rep(m("DeploymentCondition"))],
    7: ["readyReplicas", i32],
    8: ["collisionCount", ptr(i32)],
    9: ["terminatingReplicas", ptr(i32)],
  },
  DeploymentCondition: {
    1: ["type", ptr(str)],
    2: ["status", ptr(str)],
    4: ["reason", str],
    5: ["message", str],
    6: ["lastUpdateTime", Time],
    7: ["lastTransitionTime", Time],
  },
  ReplicaSet: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("ReplicaSetSpec")],
    3: ["status", m("ReplicaSetStatus")],
  },
  ReplicaSetSpec: {
    1: ["replicas", ptr(i32)],
    2: ["selector", LabelSelector],
    3: ["template", PodTemplateSpec],
    4: ["minReadySeconds", i32],
  },
  ReplicaSetStatus: {
    1: ["replicas", ptr(i32)],
    2: ["fullyLabeledReplicas", i32],
    3: ["observedGeneration", i64],
    4: ["readyReplicas", i32],
    5: ["availableReplicas", i32],
    6: ["conditions", rep(m("ReplicaSetCondition"))],
    7: ["terminatingReplicas", ptr(i32)],
  },
  ReplicaSetCondition: condition,
  StatefulSet: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("StatefulSetSpec")],
    3: ["status", m("StatefulSetStatus")],
  },
  StatefulSetSpec: {
    1: ["replicas", ptr(i32)],
    2: ["selector", LabelSelector],
    3: ["template", PodTemplateSpec],
    4: ["volumeClaimTemplates", rep(msg("core.PersistentVolumeClaim"))],
    5: ["serviceName", ptr(str)],
    6: ["podManagementPolicy", str],
    7: ["updateStrategy", m("StatefulSetUpdateStrategy")],
    8: ["revisionHistoryLimit", ptr(i32)],
    9: ["minReadySeconds", i32],
    10: ["persistentVolumeClaimRetentionPolicy", m("StatefulSetPersistentVolumeClaimRetentionPolicy")],
    11: ["ordinals", m("StatefulSetOrdinals")],
  },
  StatefulSetUpdateStrategy: {
    1: ["type", str],
    2: ["rollingUpdate", m("RollingUpdateStatefulSetStrategy")],
  },
  RollingUpdateStatefulSetStrategy: {
    1: ["partition", ptr(i32)],
    2: ["maxUnavailable", IntOrString],
  },
  StatefulSetPersistentVolumeClaimRetentionPolicy: {
    1: ["whenDeleted", str],
    2: ["whenScaled", str],
  },
  StatefulSetOrdinals: {
    // `json:"start"` has no omitempty: Go prints 0.
    1: ["start", ptr(i32)],
  },
  StatefulSetStatus: {
    1: ["observedGeneration", i64],
    2: ["replicas", ptr(i32)],
    3: ["readyReplicas", i32],
    4: ["currentReplicas", i32],
    5: ["updatedReplicas", i32],
    6: ["currentRevision", str],
    7: ["updateRevision", str],
    9: ["collisionCount", ptr(i32)],
    10: ["conditions", rep(m("StatefulSetCondition"))],
    11: ["availableReplicas", ptr(i32)],
  },
  StatefulSetCondition: condition,
  DaemonSet: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("DaemonSetSpec")],
    3: ["status", m("DaemonSetStatus")],
  },
  DaemonSetSpec: {
    1: ["selector", LabelSelector],
    2: ["template", PodTemplateSpec],
    3: ["updateStrategy", m("DaemonSetUpdateStrategy")],
    4: ["minReadySeconds", i32],
    6: ["revisionHistoryLimit", ptr(i32)],
  },
  DaemonSetUpdateStrategy: {
    1: ["type", str],
    2: ["rollingUpdate", m("RollingUpdateDaemonSet")],
  },
  RollingUpdateDaemonSet: {
    1: ["maxUnavailable", IntOrString],
    2: ["maxSurge", IntOrString],
  },
  DaemonSetStatus: {
    1: ["currentNumberScheduled", ptr(i32)],
    2: ["numberMisscheduled", ptr(i32)],
    3: ["desiredNumberScheduled", ptr(i32)],
    4: ["numberReady", ptr(i32)],
    5: ["observedGeneration", i64],
    6: ["updatedNumberScheduled", i32],
    7: ["numberAvailable", i32],
    8: ["numberUnavailable", i32],
    9: ["collisionCount", ptr(i32)],
    10: ["conditions", rep(m("DaemonSetCondition"))],
  },
  DaemonSetCondition: condition,
  ControllerRevision: {
    1: ["metadata", ObjectMeta],
    2: ["data", RawExtension],
    3: ["revision", ptr(i64)],
  },
});
