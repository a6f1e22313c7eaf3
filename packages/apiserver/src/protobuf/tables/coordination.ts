/**
 * Field tables for `coordination.k8s.io/v1` (package
 * `k8s.io.api.coordination.v1`): Lease, the object every controller's leader
 * election and every kubelet heartbeat writes.
 * @module
 */
import { i32, MicroTime, ObjectMeta, ptr, qualify, scoped, str } from "../schema.js";

const m = scoped("coordination");

/** `coordination.*` message tables. */
export const coordinationTables = qualify("coordination", {
  Lease: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("LeaseSpec")],
  },
  LeaseSpec: {
    1: ["holderIdentity", ptr(str)],
    2: ["leaseDurationSeconds", ptr(i32)],
    3: ["acquireTime", MicroTime],
    4: ["renewTime", MicroTime],
    5: ["leaseTransitions", ptr(i32)],
    6: ["strategy", ptr(str)],
    7: ["preferredHolder", ptr(str)],
  },
});
