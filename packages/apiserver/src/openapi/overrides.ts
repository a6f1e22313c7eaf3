/**
 * Small corrections to what kubernetes-types 1.30 declares, for API changes
 * made upstream since (we advertise a newer API version than 1.30): fields
 * whose required-ness changed. Each entry is the complete required list of
 * the definition.
 * @module
 */

/** Definition → its required properties, replacing the list derived from kubernetes-types. */
export const REQUIRED_OVERRIDES: Record<string, string[]> = {
  // serviceName became optional (a StatefulSet may run without a governing Service).
  "io.k8s.api.apps.v1.StatefulSetSpec": ["selector", "template"],
  "io.k8s.api.batch.v1.CronJob": ["spec"],
  "io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern": ["type"],
  "io.k8s.api.core.v1.HostAlias": ["ip"],
  "io.k8s.api.core.v1.HostIP": ["ip"],
  "io.k8s.api.core.v1.PodIP": ["ip"],
  // endpoints may be omitted (an empty slice).
  "io.k8s.api.discovery.v1.EndpointSlice": ["addressType"],
  // apiGroup defaults to "" for core kinds.
  "io.k8s.api.rbac.v1.RoleRef": ["kind", "name"],
};
