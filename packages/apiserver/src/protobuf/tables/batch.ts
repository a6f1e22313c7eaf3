/**
 * Field tables for `batch/v1` (package `k8s.io.api.batch.v1`): Job and
 * CronJob with their specs, statuses and failure/success policies.
 * @module
 */
import { bool, i32, i64, LabelSelector, msg, ObjectMeta, ptr, qualify, rep, scoped, str, Time } from "../schema.js";

const m = scoped("batch");

/** `batch.*` message tables. */
export const batchTables = qualify("batch", {
  Job: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("JobSpec")],
    3: ["status", m("JobStatus")],
  },
  JobSpec: {
    1: ["parallelism", ptr(i32)],
    2: ["completions", ptr(i32)],
    3: ["activeDeadlineSeconds", ptr(i64)],
    4: ["selector", LabelSelector],
    5: ["manualSelector", ptr(bool)],
    6: ["template", msg("core.PodTemplateSpec")],
    7: ["backoffLimit", ptr(i32)],
    8: ["ttlSecondsAfterFinished", ptr(i32)],
    9: ["completionMode", ptr(str)],
    10: ["suspend", ptr(bool)],
    11: ["podFailurePolicy", m("PodFailurePolicy")],
    12: ["backoffLimitPerIndex", ptr(i32)],
    13: ["maxFailedIndexes", ptr(i32)],
    14: ["podReplacementPolicy", ptr(str)],
    15: ["managedBy", ptr(str)],
    16: ["successPolicy", m("SuccessPolicy")],
  },
  JobStatus: {
    1: ["conditions", rep(m("JobCondition"))],
    2: ["startTime", Time],
    3: ["completionTime", Time],
    4: ["active", i32],
    5: ["succeeded", i32],
    6: ["failed", i32],
    7: ["completedIndexes", str],
    8: ["uncountedTerminatedPods", m("UncountedTerminatedPods")],
    9: ["ready", ptr(i32)],
    10: ["failedIndexes", ptr(str)],
    11: ["terminating", ptr(i32)],
  },
  JobCondition: {
    1: ["type", ptr(str)],
    2: ["status", ptr(str)],
    3: ["lastProbeTime", Time],
    4: ["lastTransitionTime", Time],
    5: ["reason", str],
    6: ["message", str],
  },
  UncountedTerminatedPods: {
    1: ["succeeded", rep(str)],
    2: ["failed", rep(str)],
  },
  PodFailurePolicy: {
    1: ["rules", rep(m("PodFailurePolicyRule"))],
  },
  PodFailurePolicyRule: {
    1: ["action", ptr(str)],
    2: ["onExitCodes", m("PodFailurePolicyOnExitCodesRequirement")],
    3: ["onPodConditions", rep(m("PodFailurePolicyOnPodConditionsPattern"))],
  },
  PodFailurePolicyOnExitCodesRequirement: {
    1: ["containerName", ptr(str)],
    2: ["operator", ptr(str)],
    3: ["values", rep(i32)],
  },
  PodFailurePolicyOnPodConditionsPattern: {
    1: ["type", ptr(str)],
    2: ["status", ptr(str)],
  },
  SuccessPolicy: {
    1: ["rules", rep(m("SuccessPolicyRule"))],
  },
  SuccessPolicyRule: {
    1: ["succeededIndexes", ptr(str)],
    2: ["succeededCount", ptr(i32)],
  },
  JobTemplateSpec: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("JobSpec")],
  },
  CronJob: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("CronJobSpec")],
    3: ["status", m("CronJobStatus")],
  },
  CronJobSpec: {
    1: ["schedule", ptr(str)],
    2: ["startingDeadlineSeconds", ptr(i64)],
    3: ["concurrencyPolicy", str],
    4: ["suspend", ptr(bool)],
    5: ["jobTemplate", m("JobTemplateSpec")],
    6: ["successfulJobsHistoryLimit", ptr(i32)],
    7: ["failedJobsHistoryLimit", ptr(i32)],
    8: ["timeZone", ptr(str)],
  },
  CronJobStatus: {
    1: ["active", rep(msg("core.ObjectReference"))],
    4: ["lastScheduleTime", Time],
    5: ["lastSuccessfulTime", Time],
  },
});
