/**
 * Event validation, after upstream's `ValidateEventCreate`/`Update`. Events
 * written through core/v1 get only the lenient legacy checks (and, as
 * upstream, no ObjectMeta validation at all); events.k8s.io/v1 requires
 * eventTime, reportingController, reportingInstance, action and reason.
 *
 * Field paths are upstream's, which uses the internal (core/v1) names even
 * for events.k8s.io/v1: `involvedObject` for `regarding`, `message` for
 * `note`, `source` for `deprecatedSource`.
 * @module
 */
import type { KubeObject } from "../registry/resource.js";
import { type FieldError, field, isDNS1123Subdomain, isQualifiedName, semanticEqual } from "./core.js";
import { type Json, num, obj, str } from "./json.js";

const { invalid, required } = field;

/** An Event in core/v1 field names, whichever API it came through. */
interface EventView {
  namespace: string;
  involvedObjectNamespace: string;
  eventTime: string;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
  type: string;
  series: Json | undefined;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  source: Json | undefined;
  related: unknown;
  involvedObject: unknown;
}

function view(e: KubeObject, eventsAPI: boolean): EventView {
  const meta = obj(e.metadata) ?? {};
  const involved = obj(eventsAPI ? e.regarding : e.involvedObject);
  return {
    namespace: str(meta.namespace),
    involvedObjectNamespace: str(involved?.namespace),
    eventTime: str(e.eventTime),
    reportingController: str(eventsAPI ? e.reportingController : (e.reportingComponent ?? e.reportingController)),
    reportingInstance: str(e.reportingInstance),
    action: str(e.action),
    reason: str(e.reason),
    message: str(eventsAPI ? e.note : e.message),
    type: str(e.type),
    series: obj(e.series),
    firstTimestamp: str(eventsAPI ? e.deprecatedFirstTimestamp : e.firstTimestamp),
    lastTimestamp: str(eventsAPI ? e.deprecatedLastTimestamp : e.lastTimestamp),
    count: num(eventsAPI ? e.deprecatedCount : e.count) ?? 0,
    source: obj(eventsAPI ? e.deprecatedSource : e.source),
    related: e.related,
    involvedObject: involved,
  };
}

function legacyValidate(v: EventView): FieldError[] {
  const errs: FieldError[] = [];
  const mismatch = () => invalid("involvedObject.namespace", v.involvedObjectNamespace, "does not match event.namespace");
  if (!v.eventTime) {
    if (!v.involvedObjectNamespace) {
      // Old clients put namespace-less objects' events in "default".
      if (v.namespace !== "" && v.namespace !== "default") errs.push(mismatch());
    } else if (v.namespace !== v.involvedObjectNamespace) errs.push(mismatch());
  } else {
    if (!v.involvedObjectNamespace && v.namespace !== "default" && v.namespace !== "kube-system") errs.push(mismatch());
    if (!v.reportingController) errs.push(required("reportingController"));
    for (const msg of isQualifiedName(v.reportingController)) errs.push(invalid("reportingController", v.reportingController, msg));
    if (!v.reportingInstance) errs.push(required("reportingInstance"));
    if (v.reportingInstance.length > 128) errs.push(invalid("reportingInstance", "", "can have at most 128 characters"));
    if (!v.action) errs.push(required("action"));
    if (v.action.length > 128) errs.push(invalid("action", "", "can have at most 128 characters"));
    if (!v.reason) errs.push(required("reason"));
    if (v.reason.length > 128) errs.push(invalid("reason", "", "can have at most 128 characters"));
    if (v.message.length > 1024) errs.push(invalid("message", "", "can have at most 1024 characters"));
  }
  for (const msg of isDNS1123Subdomain(v.namespace)) errs.push(invalid("namespace", v.namespace, msg));
  return errs;
}

function seriesErrors(v: EventView): FieldError[] {
  if (!v.series) return [];
  const errs: FieldError[] = [];
  if ((num(v.series.count) ?? 0) < 2) errs.push(invalid("series.count", "", "should be at least 2"));
  if (!str(v.series.lastObservedTime)) errs.push(required("series.lastObservedTime"));
  return errs;
}

/** A core/v1 Event: the legacy checks only. */
export function validateCoreEvent(e: KubeObject): FieldError[] {
  return legacyValidate(view(e, false));
}

/** An events.k8s.io/v1 Event on create: legacy checks plus the strict rules of the new API. */
export function validateEventsV1Event(e: KubeObject): FieldError[] {
  const v = view(e, true);
  const errs = legacyValidate(v);
  errs.push(...seriesErrors(v));
  if (!v.eventTime) errs.push(required("eventTime"));
  if (v.type !== "Normal" && v.type !== "Warning") errs.push(invalid("type", "", `has invalid value: ${v.type}`));
  if (v.firstTimestamp) errs.push(invalid("firstTimestamp", "", "needs to be unset"));
  if (v.lastTimestamp) errs.push(invalid("lastTimestamp", "", "needs to be unset"));
  if (v.count !== 0) errs.push(invalid("count", "", "needs to be unset"));
  if (str(v.source?.component) || str(v.source?.host)) errs.push(invalid("source", "", "needs to be unset"));
  return errs;
}

/** An events.k8s.io/v1 Event update: valid, and everything but the series unchanged. */
export function validateEventsV1EventUpdate(e: KubeObject, old: KubeObject): FieldError[] {
  const v = view(e, true);
  const o = view(old, true);
  const errs = legacyValidate(v);
  if (!semanticEqual(v.series, o.series)) errs.push(...seriesErrors(v));
  const immutable: [keyof EventView, string][] = [
    ["involvedObject", "involvedObject"],
    ["reason", "reason"],
    ["message", "message"],
    ["source", "source"],
    ["firstTimestamp", "firstTimestamp"],
    ["lastTimestamp", "lastTimestamp"],
    ["count", "count"],
    ["type", "type"],
    ["eventTime", "eventTime"],
    ["action", "action"],
    ["related", "related"],
    ["reportingController", "reportingController"],
    ["reportingInstance", "reportingInstance"],
  ];
  for (const [k, path] of immutable) {
    if (!semanticEqual(v[k], o[k])) errs.push(invalid(path, v[k] ?? null, "field is immutable"));
  }
  return errs;
}
