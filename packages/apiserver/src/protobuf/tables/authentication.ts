/**
 * Field tables for `authentication.k8s.io/v1` (package
 * `k8s.io.api.authentication.v1`): TokenRequest, which `kubectl create token`
 * POSTs to a service account's `token` subresource.
 * @module
 */
import { i64, ObjectMeta, ptr, qualify, rep, scoped, str, Time } from "../schema.js";

const m = scoped("authentication");

/** `authentication.*` message tables. */
export const authenticationTables = qualify("authentication", {
  TokenRequest: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("TokenRequestSpec")],
    3: ["status", m("TokenRequestStatus")],
  },
  TokenRequestSpec: {
    1: ["audiences", rep(str)],
    3: ["boundObjectRef", m("BoundObjectReference")],
    4: ["expirationSeconds", ptr(i64)],
  },
  BoundObjectReference: {
    1: ["kind", str],
    // Proto names `aPIVersion` and `uID`; the JSON keys are `apiVersion` and `uid`.
    2: ["apiVersion", str],
    3: ["name", str],
    4: ["uid", str],
  },
  TokenRequestStatus: {
    1: ["token", ptr(str)],
    2: ["expirationTimestamp", Time],
  },
});
