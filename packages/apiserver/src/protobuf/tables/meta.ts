/**
 * Field tables for `meta.k8s.io/v1` (package `k8s.io.apimachinery.pkg.apis.meta.v1`):
 * the object metadata every resource carries, label selectors, conditions
 * and delete options. `Time`, `MicroTime`, `Duration` and `FieldsV1` are not
 * here: they have custom JSON forms (see ../well-known.ts).
 * @module
 */
import { bool, i64, mapOf, ptr, qualify, rep, scoped, str, Time } from "../schema.js";

const m = scoped("meta");

/** `meta.*` message tables. */
export const metaTables = qualify("meta", {
  ObjectMeta: {
    1: ["name", str],
    2: ["generateName", str],
    3: ["namespace", str],
    4: ["selfLink", str],
    5: ["uid", str],
    6: ["resourceVersion", str],
    7: ["generation", i64],
    // A non-pointer Time: always on the wire, empty when unset → `null`, as Go's JSON prints it.
    8: ["creationTimestamp", Time],
    9: ["deletionTimestamp", Time],
    10: ["deletionGracePeriodSeconds", ptr(i64)],
    11: ["labels", mapOf(str)],
    12: ["annotations", mapOf(str)],
    13: ["ownerReferences", rep(m("OwnerReference"))],
    14: ["finalizers", rep(str)],
    // 15 (clusterName) and 16 (initializers) were removed upstream; they decode as unknown fields.
    17: ["managedFields", rep(m("ManagedFieldsEntry"))],
  },
  OwnerReference: {
    1: ["kind", ptr(str)],
    3: ["name", ptr(str)],
    4: ["uid", ptr(str)],
    5: ["apiVersion", ptr(str)],
    6: ["controller", ptr(bool)],
    7: ["blockOwnerDeletion", ptr(bool)],
  },
  ManagedFieldsEntry: {
    1: ["manager", str],
    2: ["operation", str],
    3: ["apiVersion", str],
    4: ["time", Time],
    6: ["fieldsType", str],
    7: ["fieldsV1", m("FieldsV1")],
    8: ["subresource", str],
  },
  ListMeta: {
    1: ["selfLink", str],
    2: ["resourceVersion", str],
    3: ["continue", str],
    4: ["remainingItemCount", ptr(i64)],
  },
  LabelSelector: {
    1: ["matchLabels", mapOf(str)],
    2: ["matchExpressions", rep(m("LabelSelectorRequirement"))],
  },
  LabelSelectorRequirement: {
    1: ["key", ptr(str)],
    2: ["operator", ptr(str)],
    3: ["values", rep(str)],
  },
  Condition: {
    1: ["type", ptr(str)],
    2: ["status", ptr(str)],
    3: ["observedGeneration", i64],
    4: ["lastTransitionTime", Time],
    5: ["reason", ptr(str)],
    6: ["message", ptr(str)],
  },
  DeleteOptions: {
    1: ["gracePeriodSeconds", ptr(i64)],
    2: ["preconditions", m("Preconditions")],
    3: ["orphanDependents", ptr(bool)],
    4: ["propagationPolicy", ptr(str)],
    5: ["dryRun", rep(str)],
    6: ["ignoreStoreReadErrorWithClusterBreakingPotential", ptr(bool)],
  },
  Preconditions: {
    1: ["uid", ptr(str)],
    2: ["resourceVersion", ptr(str)],
  },
});
