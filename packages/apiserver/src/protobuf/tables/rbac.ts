/**
 * Field tables for `rbac.authorization.k8s.io/v1` (package
 * `k8s.io.api.rbac.v1`): roles, cluster roles and their bindings.
 * @module
 */
import { LabelSelector, ObjectMeta, ptr, qualify, rep, scoped, str } from "../schema.js";

const m = scoped("rbac");

const binding = {
  1: ["metadata", ObjectMeta],
  2: ["subjects", rep(m("Subject"))],
  3: ["roleRef", m("RoleRef")],
} as const;

/** `rbac.*` message tables. */
export const rbacTables = qualify("rbac", {
  Role: {
    1: ["metadata", ObjectMeta],
    2: ["rules", rep(m("PolicyRule"))],
  },
  ClusterRole: {
    1: ["metadata", ObjectMeta],
    2: ["rules", rep(m("PolicyRule"))],
    3: ["aggregationRule", m("AggregationRule")],
  },
  PolicyRule: {
    1: ["verbs", rep(str)],
    2: ["apiGroups", rep(str)],
    3: ["resources", rep(str)],
    4: ["resourceNames", rep(str)],
    5: ["nonResourceURLs", rep(str)],
  },
  AggregationRule: {
    1: ["clusterRoleSelectors", rep(LabelSelector)],
  },
  RoleBinding: binding,
  ClusterRoleBinding: binding,
  Subject: {
    1: ["kind", ptr(str)],
    2: ["apiGroup", str],
    3: ["name", ptr(str)],
    4: ["namespace", str],
  },
  RoleRef: {
    1: ["apiGroup", ptr(str)],
    2: ["kind", ptr(str)],
    3: ["name", ptr(str)],
  },
});
