/**
 * PodSpec and pod template validation, after upstream's `ValidatePodSpec`
 * and `ValidatePodTemplateSpec`. Used by Pods and by every workload that
 * embeds a pod template.
 * @module
 */
import {
  type FieldError,
  field,
  inclusiveRangeError,
  isDNS1123Label,
  isQualifiedName,
  isValidLabelValue,
  isValidUserOrGroupID,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabelName,
  validateLabels,
} from "./core.js";
import { validateContainers, validateInitContainers } from "./container.js";
import { type Json, num, obj, objs, str, strs } from "./json.js";
import { validateVolumes } from "./volumes.js";

const { child, index, invalid, required, forbidden, duplicate, notSupported } = field;

/** The pod-level restart policies, in upstream's order. */
export const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const MAX_INT32 = 2147483647;

/** The restart policy after v1 defaulting (missing means `Always`). */
export function restartPolicyOf(spec: Json | undefined): string {
  return spec?.restartPolicy === undefined || spec.restartPolicy === null ? "Always" : str(spec.restartPolicy);
}

function validateEnumWithDefault(value: unknown, supported: string[], path: string): FieldError[] {
  if (value === undefined || value === null) return [];
  const v = str(value);
  if (!v) return [required(path)];
  return supported.includes(v) ? [] : [notSupported(path, v, supported)];
}

/** Tolerations: keys are label names; `Exists` needs no value; `tolerationSeconds` only with NoExecute. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(tolerations).forEach((t, i) => {
    const p = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    if (k) errs.push(...validateLabelName(k, child(p, "key")));
    if (!k && op !== "Exists") {
      errs.push(invalid(child(p, "operator"), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && effect !== "NoExecute") {
      errs.push(invalid(child(p, "effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    const value = str(t.value);
    if (op === "Equal" || op === "") {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(child(p, "operator"), value, msgs.join(";")));
    } else if (op === "Exists") {
      if (value) errs.push(invalid(child(p, "operator"), value, "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(child(p, "operator"), op, ["Equal", "Exists"]));
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(p, "effect"), effect, TAINT_EFFECTS));
  });
  return errs;
}

function validatePodSecurityContext(sc: unknown, path: string): FieldError[] {
  const s = obj(sc);
  if (!s) return [];
  const errs: FieldError[] = [];
  for (const f of ["fsGroup", "runAsUser", "runAsGroup"]) {
    const v = num(s[f]);
    if (v !== undefined) for (const msg of isValidUserOrGroupID(v)) errs.push(invalid(child(path, f), v, msg));
  }
  (Array.isArray(s.supplementalGroups) ? s.supplementalGroups : []).forEach((g, i) => {
    if (typeof g === "number") for (const msg of isValidUserOrGroupID(g)) errs.push(invalid(index(child(path, "supplementalGroups"), i), g, msg));
  });
  return errs;
}

function validateDNSConfig(spec: Json, path: string): FieldError[] {
  const config = obj(spec.dnsConfig);
  if (str(spec.dnsPolicy) === "None") {
    if (!config) return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (strs(config.nameservers).length === 0) {
      return [required(child(path, "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")];
    }
  }
  if (!config) return [];
  const errs: FieldError[] = [];
  const nameservers = strs(config.nameservers);
  if (nameservers.length > 3) errs.push(invalid(child(path, "nameservers"), nameservers, "must not have more than 3 nameservers"));
  const searches = strs(config.searches);
  if (searches.length > 32) errs.push(invalid(child(path, "searches"), searches, "must not have more than 32 search paths"));
  objs(config.options).forEach((o, i) => {
    if (!str(o.name)) errs.push(required(index(child(path, "options"), i), "must not be empty"));
  });
  return errs;
}

/** Options of {@link validatePodSpec}. */
export interface PodSpecOptions {
  /** A Pod rather than a template: hostPort must then equal containerPort under hostNetwork. */
  isPod: boolean;
}

/** Validates a PodSpec at `path` (`spec`, or `spec.template.spec`). */
export function validatePodSpec(specValue: unknown, path: string, options: PodSpecOptions): FieldError[] {
  const spec = obj(specValue) ?? {};
  const errs: FieldError[] = [];
  const gracePeriod = num(spec.terminationGracePeriodSeconds) ?? 30;
  const { volumes, errors } = validateVolumes(spec.volumes, child(path, "volumes"));
  errs.push(...errors);
  const ctx = { volumes, gracePeriod };
  errs.push(...validateContainers(spec.containers, child(path, "containers"), ctx));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, child(path, "initContainers"), ctx));

  if (spec.hostNetwork === true) {
    objs(spec.containers).forEach((c, i) => {
      objs(c.ports).forEach((port, j) => {
        const hp = num(port.hostPort) ?? 0;
        const cp = num(port.containerPort) ?? 0;
        // Defaulting copies containerPort into an unset hostPort, so only an explicit mismatch is wrong.
        if (hp !== 0 && hp !== cp) {
          const p = child(index(child(index(child(path, "containers"), i), "ports"), j), "hostPort");
          errs.push(invalid(p, hp, "must match `containerPort` when `hostNetwork` is true"));
        }
      });
    });
  }
  errs.push(...validateEnumWithDefault(spec.restartPolicy, RESTART_POLICIES, child(path, "restartPolicy")));
  errs.push(...validateEnumWithDefault(spec.dnsPolicy, DNS_POLICIES, child(path, "dnsPolicy")));
  errs.push(...validateLabels(obj(spec.nodeSelector) as Record<string, unknown> | undefined, child(path, "nodeSelector")));
  errs.push(...validatePodSecurityContext(spec.securityContext, child(path, "securityContext")));
  errs.push(...validateDNSConfig(spec, child(path, "dnsConfig")));
  objs(spec.schedulingGates).forEach((g, i) => {
    const p = index(child(path, "schedulingGates"), i);
    const name = str(g.name);
    for (const msg of isQualifiedName(name)) errs.push(invalid(p, name, msg));
    if (objs(spec.schedulingGates).slice(0, i).some((o) => str(o.name) === name)) errs.push(duplicate(p, name));
  });
  for (const f of ["serviceAccountName", "nodeName", "priorityClassName"]) {
    const v = str(spec[f]);
    if (v) for (const msg of nameIsDNSSubdomain(v, false)) errs.push(invalid(child(path, f), v, msg));
  }
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(child(path, "activeDeadlineSeconds"), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const f of ["hostname", "subdomain"]) {
    const v = str(spec[f]);
    if (v) for (const msg of isDNS1123Label(v)) errs.push(invalid(child(path, f), v, msg));
  }
  errs.push(...validateTolerations(spec.tolerations, child(path, "tolerations")));
  if (!options.isPod && objs(spec.ephemeralContainers).length > 0) {
    errs.push(forbidden(child(path, "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
  }
  return errs;
}

/**
 * A pod template (`spec.template` of workloads): its labels and
 * annotations, then its spec. As upstream, label and annotation errors are
 * reported at `<path>.labels`, without `metadata`.
 */
export function validatePodTemplateSpec(templateValue: unknown, path: string): FieldError[] {
  const template = obj(templateValue) ?? {};
  const meta = obj(template.metadata) ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(obj(meta.labels) as Record<string, unknown> | undefined, child(path, "labels")));
  errs.push(...validateAnnotations(obj(meta.annotations) as Record<string, unknown> | undefined, child(path, "annotations")));
  errs.push(...validatePodSpec(template.spec, child(path, "spec"), { isPod: false }));
  return errs;
}
