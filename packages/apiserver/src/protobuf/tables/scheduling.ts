/**
 * Field tables for `scheduling.k8s.io/v1` (package `k8s.io.api.scheduling.v1`):
 * PriorityClass (what `kubectl create priorityclass` sends).
 * @module
 */
import { bool, i32, ObjectMeta, ptr, qualify, str } from "../schema.js";

/** `scheduling.*` message tables. */
export const schedulingTables = qualify("scheduling", {
  PriorityClass: {
    1: ["metadata", ObjectMeta],
    // `json:"value"`: no omitempty, so a 0 priority is printed.
    2: ["value", ptr(i32)],
    3: ["globalDefault", bool],
    4: ["description", str],
    5: ["preemptionPolicy", ptr(str)],
  },
});
