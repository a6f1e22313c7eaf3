/**
 * Formatting helpers shared by the printers: human-readable durations, ages,
 * label maps and label selectors, container lists and "+ N more..." lists,
 * all rendered the way kube-apiserver renders them in Table cells.
 * @module
 */

import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import type { TableColumnDefinition } from "./types.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Renders a duration (in milliseconds) with 2–3 significant figures, as
 * upstream's `duration.HumanDuration`: `45s`, `119s`, `2m`, `5m30s`, `3h`,
 * `7h59m`, `47h`, `3d4h`, `729d`, `2y5d`, `8y`. Small negative durations
 * (clock skew under two seconds) print `0s`; larger ones `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * Parses a metav1.Time / MicroTime JSON value to epoch milliseconds.
 * Returns undefined for a missing, unparsable or zero (`0001-01-01T00:00:00Z`) time,
 * which upstream treats as unset.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  if (value.startsWith("0001-01-01T00:00:00")) return undefined;
  return ms;
}

/** Age of a timestamp relative to `now` (upstream's translateTimestampSince); `<unknown>` when unset. */
export function since(value: unknown, now: Date): string {
  const ms = typeof value === "number" ? value : parseTime(value);
  if (ms === undefined) return "<unknown>";
  return humanDuration(now.getTime() - ms);
}

/** Formats a timestamp as RFC 3339 in UTC with whole seconds; the zero time when unset. */
export function rfc3339(value: unknown): string {
  const ms = parseTime(value);
  if (ms === undefined) return "0001-01-01T00:00:00Z";
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Byte-wise string order (Go's `<` on strings) for ASCII-dominated keys. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `k1=v1,k2=v2` with keys sorted, or `<none>` for an empty map (upstream's labels.FormatLabels). */
export function formatLabels(map: Record<string, string> | undefined | null): string {
  const keys = Object.keys(map ?? {}).sort(compareStrings);
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${map![k]}`).join(",");
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validLabelKey(key: string): boolean {
  const slash = key.indexOf("/");
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

function validLabelValue(value: string): boolean {
  return value === "" || (value.length <= 63 && LABEL_NAME.test(value));
}

interface Requirement {
  key: string;
  text: string;
}

/**
 * Renders a label selector as the selector string upstream's
 * `LabelSelectorAsSelector(...).String()` gives (`app=web,tier in (a,b),!legacy`,
 * requirements sorted by key). Returns `""` for a nil or empty selector and
 * undefined for an invalid one.
 */
export function selectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (selector === undefined || selector === null) return "";
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!validLabelKey(key) || !validLabelValue(String(value))) return undefined;
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const key = expr.key ?? "";
    const values = [...(expr.values ?? [])];
    if (!validLabelKey(key)) return undefined;
    switch (expr.operator) {
      case "In":
      case "NotIn": {
        if (values.length === 0 || !values.every(validLabelValue)) return undefined;
        const op = expr.operator === "In" ? "in" : "notin";
        requirements.push({ key, text: `${key} ${op} (${values.sort(compareStrings).join(",")})` });
        break;
      }
      case "Exists":
      case "DoesNotExist":
        if (values.length !== 0) return undefined;
        requirements.push({ key, text: expr.operator === "Exists" ? key : `!${key}` });
        break;
      default:
        return undefined;
    }
  }
  // Array.prototype.sort is stable, so requirements on one key keep their order.
  requirements.sort((a, b) => compareStrings(a.key, b.key));
  return requirements.map((r) => r.text).join(",");
}

/** A label selector as upstream's metav1.FormatLabelSelector prints it: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const s = selectorString(selector);
  if (s === undefined) return "<error>";
  return s === "" ? "<none>" : s;
}

/** Container names and images, each comma-joined (upstream's layoutContainerCells). */
export function layoutContainerCells(containers: Array<{ name?: string; image?: string }> | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? "").join(","), list.map((c) => c.image ?? "").join(",")];
}

/** `host:port`, bracketing IPv6 literals (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Joins up to three items and appends ` + N more...` (upstream's listWithMoreString); `<unset>` when empty. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(",");
  if (more) return `${ret} + ${count - max} more...`;
  return ret === "" ? "<unset>" : ret;
}

/** The distinct load-balancer ingress IPs (or hostnames), sorted and comma-joined. */
export function loadBalancerIngress(ingress: Array<{ ip?: string; hostname?: string }> | undefined): string {
  const set = new Set<string>();
  for (const entry of ingress ?? []) {
    if (entry.ip) set.add(entry.ip);
    else if (entry.hostname) set.add(entry.hostname);
  }
  return [...set].sort(compareStrings).join(",");
}

/** Shorthand for a column definition. */
export function column(
  name: string,
  type: string,
  description: string,
  options: { priority?: number; format?: string } = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? "", description, priority: options.priority ?? 0 };
}
