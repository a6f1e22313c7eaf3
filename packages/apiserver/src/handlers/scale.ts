/**
 * The scale subresource: an autoscaling/v1 Scale view of any resource whose
 * definition names its replica paths, read and written through the store.
 * @module
 */
import { badRequest } from "../errors.js";
import type { KubeObject, ScaleSubresource } from "../registry/resource.js";

function segments(path: string): string[] {
  return path.replace(/^\./, "").split(".");
}

/** Reads a dotted path. */
export function readPath(obj: unknown, path: string): unknown {
  let value = obj;
  for (const s of segments(path)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[s];
  }
  return value;
}

/** Writes a dotted path, creating objects on the way. */
export function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = segments(path);
  let target = obj;
  for (const s of parts.slice(0, -1)) {
    const next = target[s];
    if (next === null || typeof next !== "object") target[s] = {};
    target = target[s] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]] = value;
}

/** Formats a metav1.LabelSelector as a selector string, as upstream puts in Scale status. */
export function formatLabelSelector(selector: unknown): string {
  if (typeof selector === "string") return selector;
  if (!selector || typeof selector !== "object") return "";
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}

/** The Scale object of `obj`. */
export function toScale(obj: KubeObject, scale: ScaleSubresource): Record<string, unknown> {
  const m = obj.metadata ?? {};
  const selectorValue = scale.labelSelectorPath ? readPath(obj, scale.labelSelectorPath) : undefined;
  // Workloads keep their selector in spec; status.selector is filled by controllers, so fall back to spec.
  const selector = formatLabelSelector(selectorValue ?? readPath(obj, ".spec.selector"));
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: Number(readPath(obj, scale.specReplicasPath) ?? 0) },
    status: { replicas: Number(readPath(obj, scale.statusReplicasPath) ?? 0), ...(selector ? { selector } : {}) },
  };
}

/** Applies a Scale's spec.replicas to `obj`; 400 for a Scale that is not one. */
export function applyScale(obj: KubeObject, scaleBody: Record<string, unknown>, scale: ScaleSubresource): KubeObject {
  if (scaleBody.kind !== undefined && scaleBody.kind !== "Scale") throw badRequest(`expected kind Scale, got ${String(scaleBody.kind)}`);
  const replicas = (scaleBody.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== undefined && (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0)) {
    throw badRequest("spec.replicas: Invalid value: must be a non-negative integer");
  }
  writePath(obj, scale.specReplicasPath, replicas ?? 0);
  return obj;
}
