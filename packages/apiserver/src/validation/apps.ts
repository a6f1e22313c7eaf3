/**
 * apps/v1 validation (Deployment, ReplicaSet, DaemonSet, StatefulSet),
 * after upstream's `pkg/apis/apps/validation` and the apps/v1 strategies'
 * rule that a selector never changes after creation.
 *
 * Fields v1 defaulting fills in (replicas, strategies, policies) are
 * checked only when present, with their defaults assumed otherwise.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import {
  type FieldError,
  field,
  goLiteral,
  goQuote,
  semanticEqual,
  validateAnnotations,
  validateImmutableField,
  validateLabelSelector,
  validateLabels,
} from "./core.js";
import { type Json, obj, str } from "./json.js";
import { restartPolicyOf, validatePodTemplateSpec } from "./pod-spec.js";
import {
  intOrPercentValue,
  intOrString,
  isEmptySelector,
  nonNegative,
  selectorOf,
  selectorValue,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateSelectorMatchesTemplate,
} from "./workload-common.js";

const { child, invalid, required, forbidden, notSupported } = field;

const specOf = (o: KubeObject): Json => obj(o.spec) ?? {};

// Selector present, valid and non-empty; `what` names the kind in upstream's message.
function validateRequiredSelector(spec: Json, what: string): FieldError[] {
  const sel = selectorOf(spec);
  if (!sel) return [required("spec.selector")];
  const errs = validateLabelSelector(sel, "spec.selector");
  if (isEmptySelector(sel)) errs.push(invalid("spec.selector", selectorValue(sel), `empty selector is invalid for ${what}`));
  return errs;
}

// The pod template rules of ReplicaSets and Deployments (upstream's ValidatePodTemplateSpecForReplicaSet).
function validateReplicaSetTemplate(spec: Json, kindWord: string): FieldError[] {
  const errs = validateSelectorMatchesTemplate(spec, "spec.template", (sel) => [
    invalid("spec.selector", selectorValue(sel), "invalid label selector"),
  ]);
  const converted = errs.length === 0 || errs[0].field !== "spec.selector";
  if (!converted) return errs;
  errs.push(...validatePodTemplateSpec(spec.template, "spec.template"));
  const templateSpec = obj(obj(spec.template)?.spec);
  const policy = restartPolicyOf(templateSpec);
  if (policy !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", policy, ["Always"]));
  if (templateSpec?.activeDeadlineSeconds != null) {
    errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", `activeDeadlineSeconds in ${kindWord} is not Supported`));
  }
  return errs;
}

function goDeploymentStrategy(type: string): string {
  return `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
}

function validateDeploymentStrategy(strategyValue: unknown): FieldError[] {
  const strategy = obj(strategyValue) ?? {};
  const type = strategy.type === undefined || strategy.type === null ? "RollingUpdate" : str(strategy.type);
  const rolling = obj(strategy.rollingUpdate);
  const path = "spec.strategy";
  if (type === "Recreate") {
    return rolling ? [forbidden(child(path, "rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type !== "RollingUpdate") return [notSupported(path, goLiteral(goDeploymentStrategy(type)), ["Recreate", "RollingUpdate"])];
  // Both default to 25%.
  const maxUnavailable = rolling?.maxUnavailable ?? "25%";
  const maxSurge = rolling?.maxSurge ?? "25%";
  const rp = child(path, "rollingUpdate");
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, child(rp, "maxUnavailable")),
    ...validatePositiveIntOrPercent(maxSurge, child(rp, "maxSurge")),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errs.push(invalid(child(rp, "maxUnavailable"), intOrString(maxUnavailable), "may not be 0 when `maxSurge` is 0"));
  }
  errs.push(...validateNotMoreThan100Percent(maxUnavailable, child(rp, "maxUnavailable")));
  return errs;
}

/** Deployment spec: replicas, selector matching the template, strategy, timing fields. */
export function validateDeployment(d: KubeObject): FieldError[] {
  const spec = specOf(d);
  const errs = nonNegative(spec.replicas, "spec.replicas");
  errs.push(...validateRequiredSelector(spec, "deployment"));
  errs.push(...validateReplicaSetTemplate(spec, "ReplicaSet"));
  errs.push(...validateDeploymentStrategy(spec.strategy));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === "number") {
    errs.push(...nonNegative(pds, "spec.progressDeadlineSeconds"));
    if (pds <= (typeof spec.minReadySeconds === "number" ? spec.minReadySeconds : 0)) {
      errs.push(invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

// apps/v1 forbids selector changes (upstream does this in each strategy's ValidateUpdate).
function immutableSelector(next: KubeObject, prev: KubeObject): FieldError[] {
  const sel = selectorOf(specOf(next));
  return validateImmutableField(sel ?? null, selectorOf(specOf(prev)) ?? null, "spec.selector", selectorValue(sel));
}

/** Deployment update: the new spec, and an unchanged selector. */
export function validateDeploymentUpdate(d: KubeObject, old: KubeObject): FieldError[] {
  return [...validateDeployment(d), ...immutableSelector(d, old)];
}

/** ReplicaSet spec. (Upstream's empty-selector message says "deployment" here too.) */
export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const spec = specOf(rs);
  const errs = nonNegative(spec.replicas, "spec.replicas");
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateRequiredSelector(spec, "deployment"));
  errs.push(...validateReplicaSetTemplate(spec, "ReplicaSet"));
  return errs;
}

/** ReplicaSet update: the new spec, and an unchanged selector. */
export function validateReplicaSetUpdate(rs: KubeObject, old: KubeObject): FieldError[] {
  return [...validateReplicaSet(rs), ...immutableSelector(rs, old)];
}

function goDaemonSetStrategy(type: string): string {
  return `apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`;
}

function validateDaemonSetStrategy(strategyValue: unknown): FieldError[] {
  const strategy = obj(strategyValue) ?? {};
  const type = strategy.type === undefined || strategy.type === null ? "RollingUpdate" : str(strategy.type);
  const path = "spec.updateStrategy";
  if (type === "OnDelete") return [];
  if (type !== "RollingUpdate") return [notSupported(path, goLiteral(goDaemonSetStrategy(type)), ["RollingUpdate", "OnDelete"])];
  const rolling = obj(strategy.rollingUpdate);
  // Defaults: maxUnavailable 1, maxSurge 0.
  const maxUnavailable = rolling?.maxUnavailable ?? 1;
  const maxSurge = rolling?.maxSurge ?? 0;
  const rp = child(path, "rollingUpdate");
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, child(rp, "maxUnavailable")),
    ...validatePositiveIntOrPercent(maxSurge, child(rp, "maxSurge")),
    ...validateNotMoreThan100Percent(maxUnavailable, child(rp, "maxUnavailable")),
    ...validateNotMoreThan100Percent(maxSurge, child(rp, "maxSurge")),
  ];
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalid(child(rp, "maxSurge"), intOrString(maxSurge), "may not be set when maxUnavailable is non-zero"));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(child(rp, "maxUnavailable"), "cannot be 0 when maxSurge is 0"));
  }
  return errs;
}

/** DaemonSet spec: selector matching the template, template, update strategy. */
export function validateDaemonSet(ds: KubeObject): FieldError[] {
  const spec = specOf(ds);
  const sel = selectorOf(spec);
  const errs = validateLabelSelector(sel, "spec.selector");
  errs.push(...validateSelectorMatchesTemplate(spec, "spec.template"));
  if (sel && isEmptySelector(sel)) errs.push(invalid("spec.selector", selectorValue(sel), "empty selector is invalid for daemonset"));
  errs.push(...validatePodTemplateSpec(spec.template, "spec.template"));
  const templateSpec = obj(obj(spec.template)?.spec);
  const policy = restartPolicyOf(templateSpec);
  if (policy !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", policy, ["Always"]));
  if (templateSpec?.activeDeadlineSeconds != null) {
    errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in DaemonSet is not Supported"));
  }
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateDaemonSetStrategy(spec.updateStrategy));
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errs;
}

/** DaemonSet update: the new spec, and an unchanged selector. */
export function validateDaemonSetUpdate(ds: KubeObject, old: KubeObject): FieldError[] {
  return [...validateDaemonSet(ds), ...immutableSelector(ds, old)];
}

function validateStatefulSetStrategy(strategyValue: unknown): FieldError[] {
  const strategy = obj(strategyValue) ?? {};
  const type = strategy.type === undefined || strategy.type === null ? "RollingUpdate" : str(strategy.type);
  const rolling = obj(strategy.rollingUpdate);
  const path = "spec.updateStrategy";
  if (type === "") return [required(path)];
  if (type === "OnDelete") {
    return rolling ? [invalid(child(path, "rollingUpdate"), rolling, "only allowed for updateStrategy 'RollingUpdate'")] : [];
  }
  if (type !== "RollingUpdate") return [invalid(path, strategy, "must be 'RollingUpdate' or 'OnDelete'")];
  if (!rolling) return [];
  const rp = child(path, "rollingUpdate");
  const errs = nonNegative(rolling.partition, child(rp, "partition"));
  if (rolling.maxUnavailable != null) {
    errs.push(...validatePositiveIntOrPercent(rolling.maxUnavailable, child(rp, "maxUnavailable")));
    if (intOrPercentValue(rolling.maxUnavailable) === 0) {
      errs.push(invalid(child(rp, "maxUnavailable"), intOrString(rolling.maxUnavailable), "cannot be 0"));
    }
    errs.push(...validateNotMoreThan100Percent(rolling.maxUnavailable, child(rp, "maxUnavailable")));
  }
  return errs;
}

/**
 * StatefulSet spec. As upstream, the pod template's labels and annotations
 * are checked but not its spec (upstream leaves that to pod creation).
 */
export function validateStatefulSet(ss: KubeObject): FieldError[] {
  const spec = specOf(ss);
  const errs: FieldError[] = [];
  if (spec.podManagementPolicy != null) {
    const policy = str(spec.podManagementPolicy);
    if (!policy) errs.push(required("spec.podManagementPolicy"));
    else if (policy !== "OrderedReady" && policy !== "Parallel") {
      errs.push(invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
    }
  }
  errs.push(...validateStatefulSetStrategy(spec.updateStrategy));
  const retention = obj(spec.persistentVolumeClaimRetentionPolicy);
  for (const f of ["whenDeleted", "whenScaled"]) {
    const v = retention?.[f];
    if (v != null && v !== "Retain" && v !== "Delete") {
      errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, str(v), ["Retain", "Delete"]));
    }
  }
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...nonNegative(obj(spec.ordinals)?.start, "spec.ordinals.start"));
  errs.push(...validateRequiredSelector(spec, "statefulset"));
  const templateErrs = validateSelectorMatchesTemplate(spec, "spec.template", (sel) => [invalid("spec.selector", selectorValue(sel), "")]);
  errs.push(...templateErrs);
  if (!templateErrs.some((e) => e.field === "spec.selector")) {
    const meta = obj(obj(spec.template)?.metadata);
    errs.push(...validateLabels(obj(meta?.labels), "spec.template.labels"));
    errs.push(...validateAnnotations(obj(meta?.annotations), "spec.template.annotations"));
  }
  const templateSpec = obj(obj(spec.template)?.spec);
  const policy = restartPolicyOf(templateSpec);
  if (policy !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", policy, ["Always"]));
  if (templateSpec?.activeDeadlineSeconds != null) {
    errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"));
  }
  return errs;
}

const STATEFULSET_MUTABLE = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

/** StatefulSet update: only replicas, ordinals, template, updateStrategy, retention policy and minReadySeconds may change. */
export function validateStatefulSetUpdate(ss: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateStatefulSet(ss);
  const strip = (spec: Json) => Object.fromEntries(Object.entries(spec).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (!semanticEqual(strip(specOf(ss)), strip(specOf(old)))) {
    errs.push(
      forbidden(
        "spec",
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
