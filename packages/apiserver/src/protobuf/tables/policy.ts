/**
 * Field tables for `policy/v1` (package `k8s.io.api.policy.v1`):
 * PodDisruptionBudget (what `kubectl create poddisruptionbudget` sends).
 * @module
 */
import { i32, i64, IntOrString, LabelSelector, mapOf, msg, ObjectMeta, ptr, qualify, rep, scoped, str, Time } from "../schema.js";

const m = scoped("policy");

/** `policy.*` message tables. */
export const policyTables = qualify("policy", {
  PodDisruptionBudget: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("PodDisruptionBudgetSpec")],
    3: ["status", m("PodDisruptionBudgetStatus")],
  },
  PodDisruptionBudgetSpec: {
    1: ["minAvailable", IntOrString],
    2: ["selector", LabelSelector],
    3: ["maxUnavailable", IntOrString],
    // Added in 1.26 (field 4 in upstream's generated.proto and kubectl's own struct tags).
    4: ["unhealthyPodEvictionPolicy", ptr(str)],
  },
  PodDisruptionBudgetStatus: {
    1: ["observedGeneration", i64],
    2: ["disruptedPods", mapOf(Time)],
    3: ["disruptionsAllowed", ptr(i32)],
    4: ["currentHealthy", ptr(i32)],
    5: ["desiredHealthy", ptr(i32)],
    6: ["expectedPods", ptr(i32)],
    7: ["conditions", rep(msg("meta.Condition"))],
  },
});
