/**
 * events.k8s.io/v1 Events are another view of core/v1 Events, stored once
 * (as upstream stores both under /registry/events): a recorder writing
 * events.k8s.io Events (kube-rs, controller-runtime) is seen by
 * `kubectl get events` and `kubectl describe`, and the other way round.
 * These functions convert between the two shapes field by field.
 * @module
 */
import type { KubeObject } from "../resource.js";

/** Fields renamed between the two versions: [events.k8s.io name, core name]. */
const RENAMED: ReadonlyArray<[string, string]> = [
  ["regarding", "involvedObject"],
  ["note", "message"],
  ["reportingController", "reportingComponent"],
  ["deprecatedSource", "source"],
  ["deprecatedFirstTimestamp", "firstTimestamp"],
  ["deprecatedLastTimestamp", "lastTimestamp"],
  ["deprecatedCount", "count"],
];

/** Fields with the same name in both: copied as they are. */
const SHARED = ["metadata", "eventTime", "series", "action", "reason", "related", "reportingInstance", "type"];

function convert(obj: KubeObject, apiVersion: string, from: 0 | 1): KubeObject {
  const to = from === 0 ? 1 : 0;
  const out: KubeObject = { apiVersion, kind: "Event" };
  for (const field of SHARED) if (obj[field] !== undefined) out[field] = obj[field];
  for (const pair of RENAMED) if (obj[pair[from]] !== undefined) out[pair[to]] = obj[pair[from]];
  return out;
}

/** events.k8s.io/v1 → core/v1 (the stored form). */
export function eventToCore(obj: KubeObject): KubeObject {
  return convert(obj, "v1", 0);
}

/** core/v1 (the stored form) → events.k8s.io/v1. */
export function eventFromCore(obj: KubeObject): KubeObject {
  return convert(obj, "events.k8s.io/v1", 1);
}
