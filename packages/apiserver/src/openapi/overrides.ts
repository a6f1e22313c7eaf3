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

const JSON_SCHEMA_PROPS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";

/**
 * Properties kubernetes-types leaves out because their names are not
 * identifiers: the `x-kubernetes-*` extensions of a CRD schema. Without
 * them, a stored CRD would lose its list types, preserved fields and CEL rules.
 */
export const EXTRA_PROPERTIES: Record<string, Record<string, object>> = {
  [JSON_SCHEMA_PROPS]: {
    "x-kubernetes-embedded-resource": {
      type: "boolean",
      description: "Marks an object as an embedded Kubernetes resource: apiVersion, kind and metadata are validated and kept.",
    },
    "x-kubernetes-int-or-string": {
      type: "boolean",
      description: "Allows either an integer or a string (like IntOrString), instead of a single type.",
    },
    "x-kubernetes-list-map-keys": {
      type: "array",
      items: { type: "string", default: "" },
      "x-kubernetes-list-type": "atomic",
      description: "The keys identifying the items of a list with x-kubernetes-list-type map.",
    },
    "x-kubernetes-list-type": {
      type: "string",
      description: "How a list is merged and identified: atomic (replaced whole), set (unique scalars) or map (items identified by x-kubernetes-list-map-keys).",
    },
    "x-kubernetes-map-type": {
      type: "string",
      description: "How a map is merged: granular (per key, the default) or atomic (replaced whole).",
    },
    "x-kubernetes-preserve-unknown-fields": {
      type: "boolean",
      description: "Keeps fields not described by the schema instead of pruning them.",
    },
    "x-kubernetes-validations": {
      type: "array",
      items: { $ref: "#/components/schemas/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule", default: {} },
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["rule"],
      "x-kubernetes-patch-merge-key": "rule",
      "x-kubernetes-patch-strategy": "merge",
      description: "CEL rules the value must satisfy.",
    },
  },
};
