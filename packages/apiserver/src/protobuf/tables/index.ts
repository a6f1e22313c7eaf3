/**
 * The decoder's registry: every group's message tables merged under their
 * qualified names, and the map from a request's apiVersion/kind (as the
 * protobuf envelope names it) to the message that encodes it.
 * @module
 */
import type { MessageTables } from "../schema.js";
import { appsTables } from "./apps.js";
import { authenticationTables } from "./authentication.js";
import { batchTables } from "./batch.js";
import { coordinationTables } from "./coordination.js";
import { coreTables } from "./core.js";
import { corePodTables } from "./core-pod.js";
import { discoveryTables } from "./discovery.js";
import { metaTables } from "./meta.js";
import { networkingTables } from "./networking.js";
import { policyTables } from "./policy.js";
import { rbacTables } from "./rbac.js";
import { schedulingTables } from "./scheduling.js";

/** All message tables by qualified name. */
export const MESSAGE_TABLES: MessageTables = {
  ...metaTables,
  ...coreTables,
  ...corePodTables,
  ...appsTables,
  ...batchTables,
  ...rbacTables,
  ...networkingTables,
  ...coordinationTables,
  ...discoveryTables,
  ...policyTables,
  ...schedulingTables,
  ...authenticationTables,
};

/** Top-level kinds by apiVersion: the message each request body's `raw` holds. */
export const KIND_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  v1: {
    ConfigMap: "core.ConfigMap",
    Secret: "core.Secret",
    Namespace: "core.Namespace",
    Service: "core.Service",
    ServiceAccount: "core.ServiceAccount",
    Pod: "core.Pod",
    PodTemplate: "core.PodTemplate",
    Binding: "core.Binding",
    Event: "core.Event",
    Node: "core.Node",
    Endpoints: "core.Endpoints",
    PersistentVolumeClaim: "core.PersistentVolumeClaim",
    ResourceQuota: "core.ResourceQuota",
    LimitRange: "core.LimitRange",
  },
  "apps/v1": {
    Deployment: "apps.Deployment",
    ReplicaSet: "apps.ReplicaSet",
    StatefulSet: "apps.StatefulSet",
    DaemonSet: "apps.DaemonSet",
    ControllerRevision: "apps.ControllerRevision",
  },
  "batch/v1": {
    Job: "batch.Job",
    CronJob: "batch.CronJob",
  },
  "rbac.authorization.k8s.io/v1": {
    Role: "rbac.Role",
    ClusterRole: "rbac.ClusterRole",
    RoleBinding: "rbac.RoleBinding",
    ClusterRoleBinding: "rbac.ClusterRoleBinding",
  },
  "networking.k8s.io/v1": {
    Ingress: "networking.Ingress",
    IngressClass: "networking.IngressClass",
    NetworkPolicy: "networking.NetworkPolicy",
  },
  "coordination.k8s.io/v1": {
    Lease: "coordination.Lease",
  },
  "discovery.k8s.io/v1": {
    EndpointSlice: "discovery.EndpointSlice",
  },
  "policy/v1": {
    PodDisruptionBudget: "policy.PodDisruptionBudget",
  },
  "scheduling.k8s.io/v1": {
    PriorityClass: "scheduling.PriorityClass",
  },
  "authentication.k8s.io/v1": {
    TokenRequest: "authentication.TokenRequest",
  },
};

/**
 * The message for an envelope's apiVersion/kind, or undefined. DeleteOptions
 * is accepted under any apiVersion: clients send it tagged with the group
 * version of the resource being deleted (or `meta.k8s.io/v1`).
 */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  if (kind === "DeleteOptions") return "meta.DeleteOptions";
  const kinds = Object.hasOwn(KIND_MESSAGES, apiVersion) ? KIND_MESSAGES[apiVersion] : undefined;
  return kinds && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
}
