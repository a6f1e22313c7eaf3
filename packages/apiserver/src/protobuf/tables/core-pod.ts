/**
 * Field tables for the pod template half of core `v1` (package
 * `k8s.io.api.core.v1`): PodSpec, containers, probes, security contexts,
 * scheduling constraints and volumes. Everything a Deployment, Job or
 * CronJob embeds. Top-level core objects are in ./core.ts.
 *
 * Volume sources that upstream has deprecated and no longer supports in-tree
 * (flexVolume, cinder, flocker, azureFile, vsphereVolume, quobyte,
 * photonPersistentDisk, portworxVolume, scaleIO, storageos) have no table:
 * they decode as unknown fields and are reported, not guessed.
 * @module
 */
import { bool, i32, i64, IntOrString, inline, LabelSelector, mapOf, ObjectMeta, ptr, Quantity, qualify, rep, scoped, str } from "../schema.js";

const m = scoped("core");

/** The fields of a container; shared by `Container` and `EphemeralContainerCommon` (same numbers upstream). */
const container = {
  1: ["name", ptr(str)],
  2: ["image", str],
  3: ["command", rep(str)],
  4: ["args", rep(str)],
  5: ["workingDir", str],
  6: ["ports", rep(m("ContainerPort"))],
  7: ["env", rep(m("EnvVar"))],
  // A non-pointer struct: always sent, so JSON shows `resources: {}` as kubectl prints it.
  8: ["resources", m("ResourceRequirements")],
  9: ["volumeMounts", rep(m("VolumeMount"))],
  10: ["livenessProbe", m("Probe")],
  11: ["readinessProbe", m("Probe")],
  12: ["lifecycle", m("Lifecycle")],
  13: ["terminationMessagePath", str],
  14: ["imagePullPolicy", str],
  15: ["securityContext", m("SecurityContext")],
  16: ["stdin", bool],
  17: ["stdinOnce", bool],
  18: ["tty", bool],
  19: ["envFrom", rep(m("EnvFromSource"))],
  20: ["terminationMessagePolicy", str],
  21: ["volumeDevices", rep(m("VolumeDevice"))],
  22: ["startupProbe", m("Probe")],
  23: ["resizePolicy", rep(m("ContainerResizePolicy"))],
  24: ["restartPolicy", ptr(str)],
  25: ["restartPolicyRules", rep(m("ContainerRestartRule"))],
} as const;

/** Exec/HTTP/TCP actions shared by probe and lifecycle handlers. */
const handler = {
  1: ["exec", m("ExecAction")],
  2: ["httpGet", m("HTTPGetAction")],
  3: ["tcpSocket", m("TCPSocketAction")],
} as const;

/** `items` + `optional` around an embedded LocalObjectReference (config map / secret projections). */
const localRefWithItems = {
  1: ["localObjectReference", inline("core.LocalObjectReference")],
  2: ["items", rep(m("KeyToPath"))],
  4: ["optional", ptr(bool)],
} as const;

/** Pod affinity and anti-affinity have the same fields. */
const podAffinity = {
  1: ["requiredDuringSchedulingIgnoredDuringExecution", rep(m("PodAffinityTerm"))],
  2: ["preferredDuringSchedulingIgnoredDuringExecution", rep(m("WeightedPodAffinityTerm"))],
} as const;

/** Core pod-template message tables. */
export const corePodTables = qualify("core", {
  PodTemplateSpec: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("PodSpec")],
  },
  PodSpec: {
    1: ["volumes", rep(m("Volume"))],
    2: ["containers", rep(m("Container"))],
    3: ["restartPolicy", str],
    4: ["terminationGracePeriodSeconds", ptr(i64)],
    5: ["activeDeadlineSeconds", ptr(i64)],
    6: ["dnsPolicy", str],
    7: ["nodeSelector", mapOf(str)],
    8: ["serviceAccountName", str],
    9: ["serviceAccount", str],
    10: ["nodeName", str],
    11: ["hostNetwork", bool],
    12: ["hostPID", bool],
    13: ["hostIPC", bool],
    14: ["securityContext", m("PodSecurityContext")],
    15: ["imagePullSecrets", rep(m("LocalObjectReference"))],
    16: ["hostname", str],
    17: ["subdomain", str],
    18: ["affinity", m("Affinity")],
    19: ["schedulerName", str],
    20: ["initContainers", rep(m("Container"))],
    21: ["automountServiceAccountToken", ptr(bool)],
    22: ["tolerations", rep(m("Toleration"))],
    23: ["hostAliases", rep(m("HostAlias"))],
    24: ["priorityClassName", str],
    25: ["priority", ptr(i32)],
    26: ["dnsConfig", m("PodDNSConfig")],
    27: ["shareProcessNamespace", ptr(bool)],
    28: ["readinessGates", rep(m("PodReadinessGate"))],
    29: ["runtimeClassName", ptr(str)],
    30: ["enableServiceLinks", ptr(bool)],
    31: ["preemptionPolicy", ptr(str)],
    32: ["overhead", mapOf(Quantity)],
    33: ["topologySpreadConstraints", rep(m("TopologySpreadConstraint"))],
    34: ["ephemeralContainers", rep(m("EphemeralContainer"))],
    35: ["setHostnameAsFQDN", ptr(bool)],
    36: ["os", m("PodOS")],
    37: ["hostUsers", ptr(bool)],
    38: ["schedulingGates", rep(m("PodSchedulingGate"))],
    39: ["resourceClaims", rep(m("PodResourceClaim"))],
    40: ["resources", m("ResourceRequirements")],
    41: ["hostnameOverride", ptr(str)],
  },
  Container: container,
  EphemeralContainer: {
    // Go embeds EphemeralContainerCommon, so its fields sit directly in the JSON object.
    1: ["ephemeralContainerCommon", inline("core.EphemeralContainerCommon")],
    2: ["targetContainerName", str],
  },
  EphemeralContainerCommon: container,
  ContainerPort: {
    1: ["name", str],
    2: ["hostPort", i32],
    3: ["containerPort", ptr(i32)],
    4: ["protocol", str],
    5: ["hostIP", str],
  },
  ContainerResizePolicy: {
    1: ["resourceName", ptr(str)],
    2: ["restartPolicy", ptr(str)],
  },
  ContainerRestartRule: {
    1: ["action", ptr(str)],
    2: ["exitCodes", m("ContainerRestartRuleOnExitCodes")],
  },
  ContainerRestartRuleOnExitCodes: {
    1: ["operator", ptr(str)],
    2: ["values", rep(i32)],
  },
  EnvVar: {
    1: ["name", ptr(str)],
    2: ["value", str],
    3: ["valueFrom", m("EnvVarSource")],
  },
  EnvVarSource: {
    1: ["fieldRef", m("ObjectFieldSelector")],
    2: ["resourceFieldRef", m("ResourceFieldSelector")],
    3: ["configMapKeyRef", m("ConfigMapKeySelector")],
    4: ["secretKeyRef", m("SecretKeySelector")],
    5: ["fileKeyRef", m("FileKeySelector")],
  },
  ObjectFieldSelector: {
    1: ["apiVersion", str],
    2: ["fieldPath", ptr(str)],
  },
  ResourceFieldSelector: {
    1: ["containerName", str],
    2: ["resource", ptr(str)],
    3: ["divisor", Quantity],
  },
  ConfigMapKeySelector: {
    1: ["localObjectReference", inline("core.LocalObjectReference")],
    2: ["key", ptr(str)],
    3: ["optional", ptr(bool)],
  },
  SecretKeySelector: {
    1: ["localObjectReference", inline("core.LocalObjectReference")],
    2: ["key", ptr(str)],
    3: ["optional", ptr(bool)],
  },
  FileKeySelector: {
    1: ["volumeName", ptr(str)],
    2: ["path", ptr(str)],
    3: ["key", ptr(str)],
    4: ["optional", ptr(bool)],
  },
  EnvFromSource: {
    1: ["prefix", str],
    2: ["configMapRef", m("ConfigMapEnvSource")],
    3: ["secretRef", m("SecretEnvSource")],
  },
  ConfigMapEnvSource: {
    1: ["localObjectReference", inline("core.LocalObjectReference")],
    2: ["optional", ptr(bool)],
  },
  SecretEnvSource: {
    1: ["localObjectReference", inline("core.LocalObjectReference")],
    2: ["optional", ptr(bool)],
  },
  LocalObjectReference: {
    1: ["name", str],
  },
  ResourceRequirements: {
    1: ["limits", mapOf(Quantity)],
    2: ["requests", mapOf(Quantity)],
    3: ["claims", rep(m("ResourceClaim"))],
  },
  ResourceClaim: {
    1: ["name", ptr(str)],
    2: ["request", str],
  },
  VolumeMount: {
    1: ["name", ptr(str)],
    2: ["readOnly", bool],
    3: ["mountPath", ptr(str)],
    4: ["subPath", str],
    5: ["mountPropagation", ptr(str)],
    6: ["subPathExpr", str],
    7: ["recursiveReadOnly", ptr(str)],
  },
  VolumeDevice: {
    1: ["name", ptr(str)],
    2: ["devicePath", ptr(str)],
  },
  Probe: {
    // Go embeds ProbeHandler: exec/httpGet/tcpSocket/grpc sit directly in the probe.
    1: ["handler", inline("core.ProbeHandler")],
    2: ["initialDelaySeconds", i32],
    3: ["timeoutSeconds", i32],
    4: ["periodSeconds", i32],
    5: ["successThreshold", i32],
    6: ["failureThreshold", i32],
    7: ["terminationGracePeriodSeconds", ptr(i64)],
  },
  ProbeHandler: { ...handler, 4: ["grpc", m("GRPCAction")] },
  Lifecycle: {
    1: ["postStart", m("LifecycleHandler")],
    2: ["preStop", m("LifecycleHandler")],
    3: ["stopSignal", ptr(str)],
  },
  LifecycleHandler: { ...handler, 4: ["sleep", m("SleepAction")] },
  ExecAction: {
    1: ["command", rep(str)],
  },
  HTTPGetAction: {
    1: ["path", str],
    2: ["port", IntOrString],
    3: ["host", str],
    4: ["scheme", str],
    5: ["httpHeaders", rep(m("HTTPHeader"))],
  },
  HTTPHeader: {
    1: ["name", ptr(str)],
    2: ["value", ptr(str)],
  },
  TCPSocketAction: {
    1: ["port", IntOrString],
    2: ["host", str],
  },
  GRPCAction: {
    1: ["port", ptr(i32)],
    2: ["service", ptr(str)],
  },
  SleepAction: {
    1: ["seconds", ptr(i64)],
  },
  SecurityContext: {
    1: ["capabilities", m("Capabilities")],
    2: ["privileged", ptr(bool)],
    3: ["seLinuxOptions", m("SELinuxOptions")],
    4: ["runAsUser", ptr(i64)],
    5: ["runAsNonRoot", ptr(bool)],
    6: ["readOnlyRootFilesystem", ptr(bool)],
    7: ["allowPrivilegeEscalation", ptr(bool)],
    8: ["runAsGroup", ptr(i64)],
    9: ["procMount", ptr(str)],
    10: ["windowsOptions", m("WindowsSecurityContextOptions")],
    11: ["seccompProfile", m("SeccompProfile")],
    12: ["appArmorProfile", m("AppArmorProfile")],
  },
  PodSecurityContext: {
    1: ["seLinuxOptions", m("SELinuxOptions")],
    2: ["runAsUser", ptr(i64)],
    3: ["runAsNonRoot", ptr(bool)],
    4: ["supplementalGroups", rep(i64)],
    5: ["fsGroup", ptr(i64)],
    6: ["runAsGroup", ptr(i64)],
    7: ["sysctls", rep(m("Sysctl"))],
    8: ["windowsOptions", m("WindowsSecurityContextOptions")],
    9: ["fsGroupChangePolicy", ptr(str)],
    10: ["seccompProfile", m("SeccompProfile")],
    11: ["appArmorProfile", m("AppArmorProfile")],
    12: ["supplementalGroupsPolicy", ptr(str)],
    13: ["seLinuxChangePolicy", ptr(str)],
  },
  Capabilities: {
    1: ["add", rep(str)],
    2: ["drop", rep(str)],
  },
  SELinuxOptions: {
    1: ["user", str],
    2: ["role", str],
    3: ["type", str],
    4: ["level", str],
  },
  WindowsSecurityContextOptions: {
    1: ["gmsaCredentialSpecName", ptr(str)],
    2: ["gmsaCredentialSpec", ptr(str)],
    3: ["runAsUserName", ptr(str)],
    4: ["hostProcess", ptr(bool)],
  },
  SeccompProfile: {
    1: ["type", ptr(str)],
    2: ["localhostProfile", ptr(str)],
  },
  AppArmorProfile: {
    1: ["type", ptr(str)],
    2: ["localhostProfile", ptr(str)],
  },
  Sysctl: {
    1: ["name", ptr(str)],
    2: ["value", ptr(str)],
  },
  Toleration: {
    1: ["key", str],
    2: ["operator", str],
    3: ["value", str],
    4: ["effect", str],
    5: ["tolerationSeconds", ptr(i64)],
  },
  Affinity: {
    1: ["nodeAffinity", m("NodeAffinity")],
    2: ["podAffinity", m("PodAffinity")],
    3: ["podAntiAffinity", m("PodAntiAffinity")],
  },
  NodeAffinity: {
    1: ["requiredDuringSchedulingIgnoredDuringExecution", m("NodeSelector")],
    2: ["preferredDuringSchedulingIgnoredDuringExecution", rep(m("PreferredSchedulingTerm"))],
  },
  NodeSelector: {
    1: ["nodeSelectorTerms", rep(m("NodeSelectorTerm"))],
  },
  NodeSelectorTerm: {
    1: ["matchExpressions", rep(m("NodeSelectorRequirement"))],
    2: ["matchFields", rep(m("NodeSelectorRequirement"))],
  },
  NodeSelectorRequirement: {
    1: ["key", ptr(str)],
    2: ["operator", ptr(str)],
    3: ["values", rep(str)],
  },
  PreferredSchedulingTerm: {
    1: ["weight", ptr(i32)],
    2: ["preference", m("NodeSelectorTerm")],
  },
  PodAffinity: podAffinity,
  PodAntiAffinity: podAffinity,
  PodAffinityTerm: {
    1: ["labelSelector", LabelSelector],
    2: ["namespaces", rep(str)],
    3: ["topologyKey", ptr(str)],
    4: ["namespaceSelector", LabelSelector],
    5: ["matchLabelKeys", rep(str)],
    6: ["mismatchLabelKeys", rep(str)],
  },
  WeightedPodAffinityTerm: {
    1: ["weight", ptr(i32)],
    2: ["podAffinityTerm", m("PodAffinityTerm")],
  },
  TopologySpreadConstraint: {
    1: ["maxSkew", ptr(i32)],
    2: ["topologyKey", ptr(str)],
    3: ["whenUnsatisfiable", ptr(str)],
    4: ["labelSelector", LabelSelector],
    5: ["minDomains", ptr(i32)],
    6: ["nodeAffinityPolicy", ptr(str)],
    7: ["nodeTaintsPolicy", ptr(str)],
    8: ["matchLabelKeys", rep(str)],
  },
  HostAlias: {
    1: ["ip", ptr(str)],
    2: ["hostnames", rep(str)],
  },
  PodDNSConfig: {
    1: ["nameservers", rep(str)],
    2: ["searches", rep(str)],
    3: ["options", rep(m("PodDNSConfigOption"))],
  },
  PodDNSConfigOption: {
    1: ["name", str],
    2: ["value", ptr(str)],
  },
  PodReadinessGate: {
    1: ["conditionType", ptr(str)],
  },
  PodOS: {
    1: ["name", ptr(str)],
  },
  PodSchedulingGate: {
    1: ["name", ptr(str)],
  },
  PodResourceClaim: {
    1: ["name", ptr(str)],
    3: ["resourceClaimName", ptr(str)],
    4: ["resourceClaimTemplateName", ptr(str)],
  },

  // Volumes.
  Volume: {
    1: ["name", ptr(str)],
    // Go embeds VolumeSource: `emptyDir`, `configMap`... sit directly in the volume.
    2: ["volumeSource", inline("core.VolumeSource")],
  },
  VolumeSource: {
    1: ["hostPath", m("HostPathVolumeSource")],
    2: ["emptyDir", m("EmptyDirVolumeSource")],
    3: ["gcePersistentDisk", m("GCEPersistentDiskVolumeSource")],
    4: ["awsElasticBlockStore", m("AWSElasticBlockStoreVolumeSource")],
    5: ["gitRepo", m("GitRepoVolumeSource")],
    6: ["secret", m("SecretVolumeSource")],
    7: ["nfs", m("NFSVolumeSource")],
    8: ["iscsi", m("ISCSIVolumeSource")],
    9: ["glusterfs", m("GlusterfsVolumeSource")],
    10: ["persistentVolumeClaim", m("PersistentVolumeClaimVolumeSource")],
    11: ["rbd", m("RBDVolumeSource")],
    14: ["cephfs", m("CephFSVolumeSource")],
    16: ["downwardAPI", m("DownwardAPIVolumeSource")],
    17: ["fc", m("FCVolumeSource")],
    19: ["configMap", m("ConfigMapVolumeSource")],
    22: ["azureDisk", m("AzureDiskVolumeSource")],
    26: ["projected", m("ProjectedVolumeSource")],
    28: ["csi", m("CSIVolumeSource")],
    29: ["ephemeral", m("EphemeralVolumeSource")],
    30: ["image", m("ImageVolumeSource")],
  },
  HostPathVolumeSource: {
    1: ["path", ptr(str)],
    2: ["type", ptr(str)],
  },
  EmptyDirVolumeSource: {
    1: ["medium", str],
    2: ["sizeLimit", Quantity],
  },
  GCEPersistentDiskVolumeSource: {
    1: ["pdName", ptr(str)],
    2: ["fsType", str],
    3: ["partition", i32],
    4: ["readOnly", bool],
  },
  AWSElasticBlockStoreVolumeSource: {
    1: ["volumeID", ptr(str)],
    2: ["fsType", str],
    3: ["partition", i32],
    4: ["readOnly", bool],
  },
  GitRepoVolumeSource: {
    1: ["repository", ptr(str)],
    2: ["revision", str],
    3: ["directory", str],
  },
  SecretVolumeSource: {
    1: ["secretName", str],
    2: ["items", rep(m("KeyToPath"))],
    3: ["defaultMode", ptr(i32)],
    4: ["optional", ptr(bool)],
  },
  NFSVolumeSource: {
    1: ["server", ptr(str)],
    2: ["path", ptr(str)],
    3: ["readOnly", bool],
  },
  ISCSIVolumeSource: {
    1: ["targetPortal", ptr(str)],
    2: ["iqn", ptr(str)],
    3: ["lun", ptr(i32)],
    4: ["iscsiInterface", str],
    5: ["fsType", str],
    6: ["readOnly", bool],
    7: ["portals", rep(str)],
    8: ["chapAuthDiscovery", bool],
    10: ["secretRef", m("LocalObjectReference")],
    11: ["chapAuthSession", bool],
    12: ["initiatorName", ptr(str)],
  },
  GlusterfsVolumeSource: {
    1: ["endpoints", ptr(str)],
    2: ["path", ptr(str)],
    3: ["readOnly", bool],
  },
  PersistentVolumeClaimVolumeSource: {
    1: ["claimName", ptr(str)],
    2: ["readOnly", bool],
  },
  RBDVolumeSource: {
    1: ["monitors", rep(str)],
    2: ["image", ptr(str)],
    3: ["fsType", str],
    4: ["pool", str],
    5: ["user", str],
    6: ["keyring", str],
    7: ["secretRef", m("LocalObjectReference")],
    8: ["readOnly", bool],
  },
  CephFSVolumeSource: {
    1: ["monitors", rep(str)],
    2: ["path", str],
    3: ["user", str],
    4: ["secretFile", str],
    5: ["secretRef", m("LocalObjectReference")],
    6: ["readOnly", bool],
  },
  DownwardAPIVolumeSource: {
    1: ["items", rep(m("DownwardAPIVolumeFile"))],
    2: ["defaultMode", ptr(i32)],
  },
  DownwardAPIVolumeFile: {
    1: ["path", ptr(str)],
    2: ["fieldRef", m("ObjectFieldSelector")],
    3: ["resourceFieldRef", m("ResourceFieldSelector")],
    4: ["mode", ptr(i32)],
  },
  FCVolumeSource: {
    1: ["targetWWNs", rep(str)],
    2: ["lun", ptr(i32)],
    3: ["fsType", str],
    4: ["readOnly", bool],
    5: ["wwids", rep(str)],
  },
  ConfigMapVolumeSource: {
    ...localRefWithItems,
    3: ["defaultMode", ptr(i32)],
  },
  KeyToPath: {
    1: ["key", ptr(str)],
    2: ["path", ptr(str)],
    3: ["mode", ptr(i32)],
  },
  AzureDiskVolumeSource: {
    1: ["diskName", ptr(str)],
    2: ["diskURI", ptr(str)],
    3: ["cachingMode", ptr(str)],
    4: ["fsType", ptr(str)],
    5: ["readOnly", ptr(bool)],
    6: ["kind", ptr(str)],
  },
  ProjectedVolumeSource: {
    1: ["sources", rep(m("VolumeProjection"))],
    2: ["defaultMode", ptr(i32)],
  },
  VolumeProjection: {
    1: ["secret", m("SecretProjection")],
    2: ["downwardAPI", m("DownwardAPIProjection")],
    3: ["configMap", m("ConfigMapProjection")],
    4: ["serviceAccountToken", m("ServiceAccountTokenProjection")],
    5: ["clusterTrustBundle", m("ClusterTrustBundleProjection")],
  },
  SecretProjection: localRefWithItems,
  ConfigMapProjection: localRefWithItems,
  DownwardAPIProjection: {
    1: ["items", rep(m("DownwardAPIVolumeFile"))],
  },
  ServiceAccountTokenProjection: {
    1: ["audience", str],
    2: ["expirationSeconds", ptr(i64)],
    3: ["path", ptr(str)],
  },
  ClusterTrustBundleProjection: {
    1: ["name", ptr(str)],
    2: ["signerName", ptr(str)],
    3: ["labelSelector", LabelSelector],
    4: ["path", ptr(str)],
    5: ["optional", ptr(bool)],
  },
  CSIVolumeSource: {
    1: ["driver", ptr(str)],
    2: ["readOnly", ptr(bool)],
    3: ["fsType", ptr(str)],
    4: ["volumeAttributes", mapOf(str)],
    5: ["nodePublishSecretRef", m("LocalObjectReference")],
  },
  EphemeralVolumeSource: {
    1: ["volumeClaimTemplate", m("PersistentVolumeClaimTemplate")],
  },
  ImageVolumeSource: {
    1: ["reference", str],
    2: ["pullPolicy", str],
  },
  PersistentVolumeClaimTemplate: {
    1: ["metadata", ObjectMeta],
    2: ["spec", m("PersistentVolumeClaimSpec")],
  },
  PersistentVolumeClaimSpec: {
    1: ["accessModes", rep(str)],
    2: ["resources", m("VolumeResourceRequirements")],
    3: ["volumeName", str],
    4: ["selector", LabelSelector],
    5: ["storageClassName", ptr(str)],
    6: ["volumeMode", ptr(str)],
    7: ["dataSource", m("TypedLocalObjectReference")],
    8: ["dataSourceRef", m("TypedObjectReference")],
    9: ["volumeAttributesClassName", ptr(str)],
  },
  VolumeResourceRequirements: {
    1: ["limits", mapOf(Quantity)],
    2: ["requests", mapOf(Quantity)],
  },
  TypedLocalObjectReference: {
    1: ["apiGroup", ptr(str)],
    2: ["kind", ptr(str)],
    3: ["name", ptr(str)],
  },
  TypedObjectReference: {
    1: ["apiGroup", ptr(str)],
    2: ["kind", ptr(str)],
    3: ["name", ptr(str)],
    4: ["namespace", ptr(str)],
  },
});
