/**
 * The validators of built-in kinds, keyed `"group/Kind"` (`"/Pod"` for the
 * core group). Each checks spec and status only; the store runs
 * `validateObjectMeta` / `validateObjectMetaUpdate` from `@kube-ts/core`
 * with the entry's `nameValidator`, unless `skipObjectMeta` says upstream
 * does not.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "./apps.js";
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from "./batch.js";
import { validateNamespace, validateNode, validateNodeUpdate } from "./cluster.js";
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from "./config.js";
import { type FieldError, type NameValidator, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from "./core.js";
import { validateEndpointSlice, validateEndpointSliceUpdate, validateEndpoints } from "./endpoints.js";
import { validateCoreEvent, validateEventsV1Event, validateEventsV1EventUpdate } from "./events.js";
import { validateIngressCreate, validateIngressUpdate } from "./ingress.js";
import { validateLease } from "./lease.js";
import { validatePod, validatePodUpdate } from "./pod.js";
import {
  validateClusterRole,
  validateClusterRoleBinding,
  validateClusterRoleBindingUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
} from "./rbac.js";
import { validateService, validateServiceUpdate } from "./service.js";

/** How one built-in kind is validated. */
export interface BuiltinValidator {
  /** Spec/status checks of a new object. */
  validate(obj: KubeObject): FieldError[];
  /**
   * Spec/status checks of an update, including the checks of
   * {@link validate} on the new object where upstream repeats them.
   * Absent: run `validate` on the new object.
   */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** The kind's rule for `metadata.name` and `generateName`. */
  nameValidator: NameValidator;
  /** Upstream does not validate this kind's ObjectMeta (core/v1 Events). */
  skipObjectMeta?: boolean;
}

const none = (): FieldError[] => [];

/** Validators of the built-in kinds, keyed `"group/Kind"`; the core group is "" (`"/Pod"`). */
export const builtinValidators: Readonly<Record<string, BuiltinValidator>> = {
  "/Pod": { validate: validatePod, validateUpdate: validatePodUpdate, nameValidator: nameIsDNSSubdomain },
  "/Service": { validate: (o) => validateService(o), validateUpdate: (o, old) => validateServiceUpdate(o, old), nameValidator: nameIsDNS1035Label },
  "/ConfigMap": { validate: validateConfigMap, validateUpdate: validateConfigMapUpdate, nameValidator: nameIsDNSSubdomain },
  "/Secret": { validate: validateSecret, validateUpdate: validateSecretUpdate, nameValidator: nameIsDNSSubdomain },
  // Upstream checks namespace finalizers on create only; the update strategy keeps spec as it was.
  "/Namespace": { validate: validateNamespace, validateUpdate: none, nameValidator: nameIsDNSLabel },
  "/Node": { validate: validateNode, validateUpdate: validateNodeUpdate, nameValidator: nameIsDNSSubdomain },
  "/ServiceAccount": { validate: none, nameValidator: nameIsDNSSubdomain },
  "/Endpoints": { validate: validateEndpoints, nameValidator: nameIsDNSSubdomain },
  "/Event": { validate: validateCoreEvent, nameValidator: nameIsDNSSubdomain, skipObjectMeta: true },
  "apps/Deployment": { validate: validateDeployment, validateUpdate: validateDeploymentUpdate, nameValidator: nameIsDNSSubdomain },
  "apps/ReplicaSet": { validate: validateReplicaSet, validateUpdate: validateReplicaSetUpdate, nameValidator: nameIsDNSSubdomain },
  "apps/DaemonSet": { validate: validateDaemonSet, validateUpdate: validateDaemonSetUpdate, nameValidator: nameIsDNSSubdomain },
  "apps/StatefulSet": { validate: validateStatefulSet, validateUpdate: validateStatefulSetUpdate, nameValidator: nameIsDNSLabel },
  "batch/Job": { validate: validateJob, validateUpdate: validateJobUpdate, nameValidator: nameIsDNSSubdomain },
  "batch/CronJob": { validate: validateCronJob, validateUpdate: validateCronJobUpdate, nameValidator: nameIsDNSSubdomain },
  "networking.k8s.io/Ingress": { validate: validateIngressCreate, validateUpdate: validateIngressUpdate, nameValidator: nameIsDNSSubdomain },
  "discovery.k8s.io/EndpointSlice": {
    validate: validateEndpointSlice,
    validateUpdate: validateEndpointSliceUpdate,
    nameValidator: nameIsDNSSubdomain,
  },
  "coordination.k8s.io/Lease": { validate: validateLease, nameValidator: nameIsDNSSubdomain },
  "events.k8s.io/Event": {
    validate: validateEventsV1Event,
    validateUpdate: validateEventsV1EventUpdate,
    nameValidator: nameIsDNSSubdomain,
  },
  "rbac.authorization.k8s.io/Role": { validate: validateRole, nameValidator: nameIsPathSegment },
  "rbac.authorization.k8s.io/ClusterRole": { validate: validateClusterRole, nameValidator: nameIsPathSegment },
  "rbac.authorization.k8s.io/RoleBinding": {
    validate: validateRoleBinding,
    validateUpdate: validateRoleBindingUpdate,
    nameValidator: nameIsPathSegment,
  },
  "rbac.authorization.k8s.io/ClusterRoleBinding": {
    validate: validateClusterRoleBinding,
    validateUpdate: validateClusterRoleBindingUpdate,
    nameValidator: nameIsPathSegment,
  },
};

/** The validator of a kind, if it is built in: `builtinValidator("apps", "Deployment")`. */
export function builtinValidator(group: string, kind: string): BuiltinValidator | undefined {
  return builtinValidators[`${group}/${kind}`];
}
