/**
 * Go renderings of the apimachinery structs that appear as bad values in
 * common messages, e.g. `spec.selector: Invalid value:
 * v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
 * MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`.
 * @module
 */
import type { LabelSelectorObject } from "../selectors/types.js";
import { type GoLiteral, goLiteral, goQuote, goStringMap, goStringSlice } from "./go-format.js";

/** `%#v` of a `*metav1.LabelSelector` (nil prints as `null`, as upstream dereferences pointers). */
export function goLabelSelector(selector: LabelSelectorObject | null | undefined): GoLiteral | null {
  if (selector == null) return null;
  const matchLabels = selector.matchLabels;
  const labels = goStringMap(matchLabels && typeof matchLabels === "object" ? matchLabels : null).text;
  const exprs = selector.matchExpressions;
  let expressions: string;
  if (exprs == null) expressions = "[]v1.LabelSelectorRequirement(nil)";
  else {
    const items = (Array.isArray(exprs) ? exprs : []).map((raw) => {
      const e = raw ?? { key: "", operator: "" };
      const values = Array.isArray(e.values) ? e.values.map(String) : null;
      return `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ""))}, Operator:${goQuote(String(e.operator ?? ""))}, Values:${goStringSlice(values).text}}`;
    });
    expressions = `[]v1.LabelSelectorRequirement{${items.join(", ")}}`;
  }
  return goLiteral(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * `time.Time.String()` of an RFC 3339 timestamp, in UTC (as an API server
 * running in UTC prints `metav1.Time`): `2024-01-02 03:04:05 +0000 UTC`.
 * Unparseable input is quoted as a string.
 */
export function goTime(iso: string | null | undefined): GoLiteral | string | null {
  if (iso == null) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  const frac = ms ? `.${pad(ms, 3).replace(/0+$/, "")}` : "";
  return goLiteral(`${date} ${time}${frac} +0000 UTC`);
}

function goBoolPointer(v: unknown): string {
  return typeof v === "boolean" ? `&${v}` : "(*bool)(nil)";
}

/** An owner reference as parsed JSON. */
export interface OwnerReferenceInput {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * `%#v` of a `metav1.OwnerReference`. Set `*bool` fields print as `&true`
 * (upstream prints an address, which says less).
 */
export function goOwnerReference(ref: OwnerReferenceInput): string {
  return `v1.OwnerReference{APIVersion:${goQuote(ref.apiVersion ?? "")}, Kind:${goQuote(ref.kind ?? "")}, Name:${goQuote(ref.name ?? "")}, UID:${goQuote(ref.uid ?? "")}, Controller:${goBoolPointer(ref.controller)}, BlockOwnerDeletion:${goBoolPointer(ref.blockOwnerDeletion)}}`;
}

/** `%#v` of a `[]metav1.OwnerReference`. */
export function goOwnerReferences(refs: readonly OwnerReferenceInput[]): GoLiteral {
  return goLiteral(`[]v1.OwnerReference{${refs.map(goOwnerReference).join(", ")}}`);
}
