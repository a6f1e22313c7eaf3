/**
 * List and map semantics of built-in types that kubernetes-types cannot tell
 * us: strategic-merge-patch keys and strategies (`+patchMergeKey`,
 * `+patchStrategy` in the Go types) and server-side-apply topology
 * (`+listType`, `+listMapKey`, `+mapType`, `+structType`).
 *
 * This is the project's own hand-maintained table, written from the Go type
 * markers of the kinds we serve. kubectl computes client-side-apply patches
 * from these extensions (a list without a merge key is replaced wholesale),
 * so a missing entry changes what `kubectl apply` does. A fidelity test
 * compares the table with the upstream OpenAPI document for every definition
 * reachable from the served kinds.
 *
 * Keys: definition name → property name → extensions; the property key `.`
 * holds extensions of the definition itself (e.g. `x-kubernetes-map-type:
 * atomic` for `+structType=atomic` structs).
 * @module
 */

/** The extension keywords this table may set. */
export interface ListExtensions {
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "atomic" | "granular";
}

// Small combinators keep the table readable: one line per field.
const atomic: ListExtensions = { "x-kubernetes-list-type": "atomic" };
const set: ListExtensions = { "x-kubernetes-list-type": "set" };
const atomicStruct: ListExtensions = { "x-kubernetes-map-type": "atomic" };
const atomicMap: ListExtensions = { "x-kubernetes-map-type": "atomic" };
const retainKeys: ListExtensions = { "x-kubernetes-patch-strategy": "retainKeys" };
/** `+listType=map +listMapKey=…` */
const mapList = (...keys: string[]): ListExtensions => ({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": keys });
/** `+patchMergeKey=key +patchStrategy=merge` (or another strategy). */
const mergeBy = (key: string, strategy = "merge"): ListExtensions => ({
  "x-kubernetes-patch-merge-key": key,
  "x-kubernetes-patch-strategy": strategy,
});
/** The common keyed list: a map list whose first key is also the strategic merge key. */
const keyed = (...keys: string[]): ListExtensions => ({ ...mapList(...keys), ...mergeBy(keys[0]) });
/** Keyed list whose entries are replaced (not merged) field by field on patch: `merge,retainKeys`. */
const keyedRetain = (key: string): ListExtensions => ({ ...mapList(key), ...mergeBy(key, "merge,retainKeys") });
/** Conditions lists keyed by `type`. */
const conditions = keyed("type");

const CORE = "io.k8s.api.core.v1";
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

/** Container and EphemeralContainer share their list fields. */
const containerFields: Record<string, ListExtensions> = {
  args: atomic,
  command: atomic,
  env: keyed("name"),
  envFrom: atomic,
  ports: { ...mapList("containerPort", "protocol"), ...mergeBy("containerPort") },
  resizePolicy: atomic,
  volumeDevices: keyed("devicePath"),
  volumeMounts: keyed("mountPath"),
};

/** The table itself: definition → field (or `.`) → extensions. */
export const LIST_EXTENSIONS: Record<string, Record<string, ListExtensions>> = {
  // --- meta/v1 ---
  [`${META}.ObjectMeta`]: {
    finalizers: { ...set, "x-kubernetes-patch-strategy": "merge" },
    managedFields: atomic,
    ownerReferences: keyed("uid"),
  },
  [`${META}.OwnerReference`]: { ".": atomicStruct },
  [`${META}.LabelSelector`]: { ".": atomicStruct, matchExpressions: atomic },
  [`${META}.LabelSelectorRequirement`]: { values: atomic },
  [`${META}.DeleteOptions`]: { dryRun: atomic },
  [`${META}.StatusDetails`]: { causes: atomic },
  [`${META}.APIGroup`]: { serverAddressByClientCIDRs: atomic, versions: atomic },
  [`${META}.APIGroupList`]: { groups: atomic },
  [`${META}.APIResource`]: { categories: atomic, shortNames: atomic },
  [`${META}.APIResourceList`]: { resources: atomic },
  [`${META}.APIVersions`]: { serverAddressByClientCIDRs: atomic, versions: atomic },

  // --- core/v1: pods and containers ---
  [`${CORE}.PodSpec`]: {
    containers: keyed("name"),
    ephemeralContainers: keyed("name"),
    hostAliases: keyed("ip"),
    imagePullSecrets: keyed("name"),
    initContainers: keyed("name"),
    nodeSelector: atomicMap,
    readinessGates: atomic,
    resourceClaims: keyedRetain("name"),
    schedulingGates: keyed("name"),
    tolerations: atomic,
    topologySpreadConstraints: { ...mapList("topologyKey", "whenUnsatisfiable"), ...mergeBy("topologyKey") },
    volumes: keyedRetain("name"),
  },
  [`${CORE}.PodStatus`]: {
    conditions,
    containerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    hostIPs: { ...atomic, ...mergeBy("ip") },
    initContainerStatuses: atomic,
    podIPs: keyed("ip"),
    resourceClaimStatuses: keyedRetain("name"),
  },
  [`${CORE}.Container`]: containerFields,
  [`${CORE}.EphemeralContainer`]: containerFields,
  [`${CORE}.ContainerStatus`]: { allocatedResourcesStatus: keyed("name"), volumeMounts: keyed("mountPath") },
  [`${CORE}.Capabilities`]: { add: atomic, drop: atomic },
  [`${CORE}.ExecAction`]: { command: atomic },
  [`${CORE}.HTTPGetAction`]: { httpHeaders: atomic },
  [`${CORE}.HostAlias`]: { hostnames: atomic },
  [`${CORE}.PodDNSConfig`]: { nameservers: atomic, options: atomic, searches: atomic },
  [`${CORE}.PodSecurityContext`]: { supplementalGroups: atomic, sysctls: atomic },
  [`${CORE}.ResourceRequirements`]: { claims: mapList("name") },
  [`${CORE}.TopologySpreadConstraint`]: { matchLabelKeys: atomic },
  [`${CORE}.NodeAffinity`]: { preferredDuringSchedulingIgnoredDuringExecution: atomic },
  [`${CORE}.PodAffinity`]: {
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  [`${CORE}.PodAntiAffinity`]: {
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  [`${CORE}.PodAffinityTerm`]: { matchLabelKeys: atomic, mismatchLabelKeys: atomic, namespaces: atomic },
  [`${CORE}.NodeSelector`]: { ".": atomicStruct, nodeSelectorTerms: atomic },
  [`${CORE}.NodeSelectorTerm`]: { ".": atomicStruct, matchExpressions: atomic, matchFields: atomic },
  [`${CORE}.NodeSelectorRequirement`]: { values: atomic },

  // --- core/v1: references and selectors that are replaced as a whole ---
  [`${CORE}.ConfigMapKeySelector`]: { ".": atomicStruct },
  [`${CORE}.SecretKeySelector`]: { ".": atomicStruct },
  [`${CORE}.ObjectFieldSelector`]: { ".": atomicStruct },
  [`${CORE}.ResourceFieldSelector`]: { ".": atomicStruct },
  [`${CORE}.LocalObjectReference`]: { ".": atomicStruct },
  [`${CORE}.ObjectReference`]: { ".": atomicStruct },
  [`${CORE}.TypedLocalObjectReference`]: { ".": atomicStruct },

  // --- core/v1: volumes ---
  [`${CORE}.CephFSVolumeSource`]: { monitors: atomic },
  [`${CORE}.RBDVolumeSource`]: { monitors: atomic },
  [`${CORE}.ConfigMapProjection`]: { items: atomic },
  [`${CORE}.ConfigMapVolumeSource`]: { items: atomic },
  [`${CORE}.SecretProjection`]: { items: atomic },
  [`${CORE}.SecretVolumeSource`]: { items: atomic },
  [`${CORE}.DownwardAPIProjection`]: { items: atomic },
  [`${CORE}.DownwardAPIVolumeSource`]: { items: atomic },
  [`${CORE}.FCVolumeSource`]: { targetWWNs: atomic, wwids: atomic },
  [`${CORE}.ISCSIVolumeSource`]: { portals: atomic },
  [`${CORE}.ProjectedVolumeSource`]: { sources: atomic },
  [`${CORE}.PersistentVolumeClaimSpec`]: { accessModes: atomic },
  [`${CORE}.PersistentVolumeClaimStatus`]: {
    accessModes: atomic,
    allocatedResourceStatuses: { "x-kubernetes-map-type": "granular" },
    conditions,
  },

  // --- core/v1: other served kinds ---
  [`${CORE}.NamespaceSpec`]: { finalizers: atomic },
  [`${CORE}.NamespaceStatus`]: { conditions },
  [`${CORE}.NodeSpec`]: { podCIDRs: { ...set, "x-kubernetes-patch-strategy": "merge" }, taints: atomic },
  [`${CORE}.NodeStatus`]: {
    addresses: keyed("type"),
    conditions,
    images: atomic,
    runtimeHandlers: atomic,
    volumesAttached: atomic,
    volumesInUse: atomic,
  },
  [`${CORE}.ContainerImage`]: { names: atomic },
  [`${CORE}.ServiceSpec`]: {
    clusterIPs: atomic,
    externalIPs: atomic,
    ipFamilies: atomic,
    loadBalancerSourceRanges: atomic,
    ports: { ...mapList("port", "protocol"), ...mergeBy("port") },
    selector: atomicMap,
  },
  [`${CORE}.ServiceStatus`]: { conditions },
  [`${CORE}.LoadBalancerStatus`]: { ingress: atomic },
  [`${CORE}.LoadBalancerIngress`]: { ports: atomic },
  [`${CORE}.Endpoints`]: { subsets: atomic },
  [`${CORE}.EndpointSubset`]: { addresses: atomic, notReadyAddresses: atomic, ports: atomic },
  [`${CORE}.EndpointAddress`]: { ".": atomicStruct },
  [`${CORE}.EndpointPort`]: { ".": atomicStruct },
  [`${CORE}.ServiceAccount`]: { imagePullSecrets: atomic, secrets: keyed("name") },

  // --- apps/v1 ---
  "io.k8s.api.apps.v1.DeploymentSpec": { strategy: retainKeys },
  "io.k8s.api.apps.v1.DeploymentStatus": { conditions },
  "io.k8s.api.apps.v1.ReplicaSetStatus": { conditions },
  "io.k8s.api.apps.v1.DaemonSetStatus": { conditions },
  "io.k8s.api.apps.v1.StatefulSetSpec": { volumeClaimTemplates: atomic },
  "io.k8s.api.apps.v1.StatefulSetStatus": { conditions },

  // --- batch/v1 ---
  "io.k8s.api.batch.v1.CronJobStatus": { active: atomic },
  // Job conditions are merged by type for patches but atomic for apply (upstream quirk).
  "io.k8s.api.batch.v1.JobStatus": { conditions: { ...atomic, ...mergeBy("type") } },
  "io.k8s.api.batch.v1.PodFailurePolicy": { rules: atomic },
  "io.k8s.api.batch.v1.PodFailurePolicyRule": { onPodConditions: atomic },
  "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement": { values: set },
  "io.k8s.api.batch.v1.SuccessPolicy": { rules: atomic },
  "io.k8s.api.batch.v1.UncountedTerminatedPods": { failed: set, succeeded: set },

  // --- discovery.k8s.io/v1 ---
  "io.k8s.api.discovery.v1.EndpointSlice": { endpoints: atomic, ports: atomic },
  "io.k8s.api.discovery.v1.Endpoint": { addresses: set },
  "io.k8s.api.discovery.v1.EndpointHints": { forZones: atomic },
  "io.k8s.api.discovery.v1.EndpointPort": { ".": atomicStruct },

  // --- networking.k8s.io/v1 ---
  "io.k8s.api.networking.v1.IngressSpec": { rules: atomic, tls: atomic },
  "io.k8s.api.networking.v1.IngressTLS": { hosts: atomic },
  "io.k8s.api.networking.v1.HTTPIngressRuleValue": { paths: atomic },
  "io.k8s.api.networking.v1.IngressLoadBalancerStatus": { ingress: atomic },
  "io.k8s.api.networking.v1.IngressLoadBalancerIngress": { ports: atomic },
  "io.k8s.api.networking.v1.ServiceBackendPort": { ".": atomicStruct },

  // --- rbac.authorization.k8s.io/v1 ---
  "io.k8s.api.rbac.v1.Role": { rules: atomic },
  "io.k8s.api.rbac.v1.ClusterRole": { rules: atomic },
  "io.k8s.api.rbac.v1.RoleBinding": { subjects: atomic },
  "io.k8s.api.rbac.v1.ClusterRoleBinding": { subjects: atomic },
  "io.k8s.api.rbac.v1.AggregationRule": { clusterRoleSelectors: atomic },
  "io.k8s.api.rbac.v1.PolicyRule": { apiGroups: atomic, nonResourceURLs: atomic, resourceNames: atomic, resources: atomic, verbs: atomic },
  "io.k8s.api.rbac.v1.RoleRef": { ".": atomicStruct },
  "io.k8s.api.rbac.v1.Subject": { ".": atomicStruct },
};

/** Extensions of one property (`field`) or, with field `.`, of the definition itself. */
export function listExtensionsFor(definition: string, field: string): ListExtensions | undefined {
  return LIST_EXTENSIONS[definition]?.[field];
}
