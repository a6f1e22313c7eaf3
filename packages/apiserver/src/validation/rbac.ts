/**
 * rbac.authorization.k8s.io/v1 validation, after upstream's
 * `pkg/apis/rbac/validation`: rules need verbs (and groups and resources,
 * or non-resource URLs); bindings need a valid roleRef, which never changes.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import {
  type FieldError,
  field,
  goLiteral,
  goQuote,
  isValidPathSegmentName,
  labelSelectorFromObject,
  type LabelSelectorObject,
  nameIsDNSSubdomain,
  validateLabelSelector,
} from "./core.js";
import { type Json, obj, objs, str, strs } from "./json.js";

const { child, index, invalid, required, notSupported } = field;

/** The API group of RBAC, which roleRefs must name. */
export const RBAC_GROUP = "rbac.authorization.k8s.io";

function validatePolicyRule(rule: Json, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strs(rule.verbs).length === 0) errs.push(required(child(path, "verbs"), "verbs must contain at least one value"));
  const urls = strs(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(child(path, "nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"));
    if (strs(rule.apiGroups).length || strs(rule.resources).length || strs(rule.resourceNames).length) {
      errs.push(invalid(child(path, "nonResourceURLs"), urls, "rules cannot apply to both regular resources and non-resource URLs"));
    }
    return errs;
  }
  // An empty string is the core group, so `apiGroups: [""]` counts.
  if (!Array.isArray(rule.apiGroups) || rule.apiGroups.length === 0) {
    errs.push(required(child(path, "apiGroups"), "resource rules must supply at least one api group"));
  }
  if (strs(rule.resources).length === 0) errs.push(required(child(path, "resources"), "resource rules must supply at least one resource"));
  return errs;
}

function validateRules(obj_: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  objs(obj_.rules).forEach((rule, i) => {
    errs.push(...validatePolicyRule(rule, namespaced, index("rules", i)));
  });
  return errs;
}

/** Role: every rule valid (non-resource URLs are cluster-only). */
export function validateRole(role: KubeObject): FieldError[] {
  return validateRules(role, true);
}

/** ClusterRole: every rule valid; an aggregationRule needs at least one valid selector. */
export function validateClusterRole(role: KubeObject): FieldError[] {
  const errs = validateRules(role, false);
  const aggregation = obj(role.aggregationRule);
  if (aggregation) {
    const selectors = objs(aggregation.clusterRoleSelectors);
    if (selectors.length === 0) {
      errs.push(required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil"));
    }
    selectors.forEach((sel, i) => {
      const p = index("aggregationRule.clusterRoleSelectors", i);
      errs.push(...validateLabelSelector(sel as LabelSelectorObject, p));
      try {
        labelSelectorFromObject(sel as LabelSelectorObject);
      } catch {
        errs.push(invalid(p, sel, "invalid label selector."));
      }
    });
  }
  return errs;
}

function validateSubject(subject: Json, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(subject.name);
  if (!name) errs.push(required(child(path, "name")));
  const kind = str(subject.kind);
  // v1 defaulting sets apiGroup for User and Group subjects.
  const apiGroup = subject.apiGroup == null && (kind === "User" || kind === "Group") ? RBAC_GROUP : str(subject.apiGroup);
  switch (kind) {
    case "ServiceAccount":
      if (name) for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(path, "name"), name, msg));
      if (apiGroup) errs.push(notSupported(child(path, "apiGroup"), apiGroup, [""]));
      if (!namespaced && !str(subject.namespace)) errs.push(required(child(path, "namespace")));
      break;
    case "User":
    case "Group":
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(child(path, "apiGroup"), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(child(path, "kind"), kind, ["ServiceAccount", "User", "Group"]));
  }
  return errs;
}

function validateBinding(binding: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const roleRef = obj(binding.roleRef) ?? {};
  const apiGroup = str(roleRef.apiGroup);
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported("roleRef.apiGroup", apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  const kind = str(roleRef.kind);
  if (!kinds.includes(kind)) errs.push(notSupported("roleRef.kind", kind, kinds));
  const name = str(roleRef.name);
  if (!name) errs.push(required("roleRef.name"));
  else for (const msg of isValidPathSegmentName(name)) errs.push(invalid("roleRef.name", name, msg));
  objs(binding.subjects).forEach((s, i) => {
    errs.push(...validateSubject(s, namespaced, index("subjects", i)));
  });
  return errs;
}

/** RoleBinding: roleRef to a Role or ClusterRole in the RBAC group, valid subjects. */
export function validateRoleBinding(binding: KubeObject): FieldError[] {
  return validateBinding(binding, true);
}

/** ClusterRoleBinding: roleRef to a ClusterRole, subjects (ServiceAccounts with a namespace). */
export function validateClusterRoleBinding(binding: KubeObject): FieldError[] {
  return validateBinding(binding, false);
}

// %#v of an rbac.RoleRef, as upstream prints the bad value of a changed roleRef.
function goRoleRef(ref: Json): string {
  return `rbac.RoleRef{APIGroup:${goQuote(str(ref.apiGroup))}, Kind:${goQuote(str(ref.kind))}, Name:${goQuote(str(ref.name))}}`;
}

function roleRefUnchanged(binding: KubeObject, old: KubeObject): FieldError[] {
  const next = obj(binding.roleRef) ?? {};
  const prev = obj(old.roleRef) ?? {};
  const same = ["apiGroup", "kind", "name"].every((f) => str(next[f]) === str(prev[f]));
  return same ? [] : [invalid("roleRef", goLiteral(goRoleRef(next)), "cannot change roleRef")];
}

/** RoleBinding update: valid, and the roleRef unchanged (delete and recreate to change it). */
export function validateRoleBindingUpdate(binding: KubeObject, old: KubeObject): FieldError[] {
  return [...validateRoleBinding(binding), ...roleRefUnchanged(binding, old)];
}

/** ClusterRoleBinding update: valid, and the roleRef unchanged. */
export function validateClusterRoleBindingUpdate(binding: KubeObject, old: KubeObject): FieldError[] {
  return [...validateClusterRoleBinding(binding), ...roleRefUnchanged(binding, old)];
}
