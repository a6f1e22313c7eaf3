/**
 * Namespace and Node validation, after upstream's `ValidateNamespace` and
 * `ValidateNode`/`ValidateNodeUpdate`.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field, goLiteral, goQuote, isValidLabelValue, validateKubeFinalizerName, validateLabelName } from "./core.js";
import { isValidCIDR } from "./ip.js";
import { obj, objs, str, strs } from "./json.js";

const { child, index, invalid, required, forbidden, duplicate, notSupported } = field;

/** Namespace `spec.finalizers`: qualified names, and unprefixed ones must be standard. */
export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  // Upstream reports these at `spec.finalizers` without an index.
  for (const f of strs(obj(ns.spec)?.finalizers)) {
    errs.push(...validateLabelName(f, "spec.finalizers"), ...validateKubeFinalizerName(f, "spec.finalizers"));
  }
  return errs;
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

// %#v of a core.Taint, the bad value of a duplicate taint.
function goTaint(t: Record<string, unknown>): string {
  return `core.Taint{Key:${goQuote(str(t.key))}, Value:${goQuote(str(t.value))}, Effect:${goQuote(str(t.effect))}, TimeAdded:(*v1.Time)(nil)}`;
}

/**
 * Node taints: key, value, effect, and unique per key and effect. Upstream
 * reports them under `metadata.taints` (its path starts from metadata), and
 * so do we.
 */
function validateTaints(taints: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  objs(taints).forEach((t, i) => {
    const p = index("metadata.taints", i);
    errs.push(...validateLabelName(str(t.key), child(p, "key")));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length) errs.push(invalid(child(p, "value"), str(t.value), msgs.join(";")));
    const effect = str(t.effect);
    if (!effect) errs.push(required(child(p, "effect")));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(p, "effect"), effect, TAINT_EFFECTS));
    const k = `${effect}\u0000${str(t.key)}`;
    if (seen.has(k)) errs.push({ ...duplicate(p, goLiteral(goTaint(t))), detail: "taints must be unique by key and effect pair" });
    else seen.add(k);
  });
  return errs;
}

/** Validates a Node's spec: taints and pod CIDRs. */
export function validateNode(node: KubeObject): FieldError[] {
  const spec = obj(node.spec) ?? {};
  const errs = validateTaints(spec.taints);
  const cidrs = strs(spec.podCIDRs);
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c)) errs.push(invalid(index("spec.podCIDRs", i), c, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  });
  cidrs.forEach((c, i) => {
    if (cidrs.indexOf(c) !== i) errs.push(duplicate(index("spec.podCIDRs", i), c));
  });
  return errs;
}

/** Validates a Node update: pod CIDRs and provider ID only go from unset to set. */
export function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const spec = obj(node.spec) ?? {};
  const oldSpec = obj(old.spec) ?? {};
  const errs: FieldError[] = [];
  const cidrs = strs(spec.podCIDRs);
  const oldCidrs = strs(oldSpec.podCIDRs);
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCidrs.length > 0) {
    if (oldCidrs.length !== cidrs.length) errs.push(forbidden("spec.podCIDRs", cidrMsg));
    else for (const [i, c] of oldCidrs.entries()) if (c !== cidrs[i]) errs.push(forbidden("spec.podCIDRs", cidrMsg));
  }
  const providerID = str(oldSpec.providerID);
  if (providerID && providerID !== str(spec.providerID)) {
    errs.push(forbidden("spec.providerID", 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(spec.taints));
  return errs;
}
