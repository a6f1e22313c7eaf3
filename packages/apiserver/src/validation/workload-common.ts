/**
 * Pieces shared by the apps/v1 and batch/v1 validators: selector versus
 * pod template labels, int-or-percent fields, non-negative counters.
 * @module
 */
import {
  type FieldError,
  field,
  goLabelSelector,
  goLiteral,
  goStringMap,
  IS_NEGATIVE_ERROR,
  isValidPercent,
  type LabelSelectorObject,
  labelSelectorFromObject,
} from "./core.js";
import { type Json, num, obj, strMap } from "./json.js";

const { invalid } = field;

/** `must be greater than or equal to 0` when `value` is a negative number. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  const n = num(value);
  return n !== undefined && n < 0 ? [invalid(path, n, IS_NEGATIVE_ERROR)] : [];
}

/** The selector as a `metav1.LabelSelector`, or undefined when absent. */
export function selectorOf(spec: Json): LabelSelectorObject | undefined {
  return obj(spec.selector) as LabelSelectorObject | undefined;
}

/** Whether a selector object has neither matchLabels nor matchExpressions. */
export function isEmptySelector(sel: LabelSelectorObject): boolean {
  const labels = obj(sel.matchLabels);
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  return Object.keys(labels ?? {}).length + exprs.length === 0;
}

/**
 * The check every controller makes: its selector must select the pods it
 * creates. A missing selector selects nothing, so it fails too (as upstream,
 * which then reports both the missing selector and the mismatch). Returns
 * undefined, and no error, when the selector itself does not convert:
 * `onInvalid` reports that, in the caller's words.
 */
export function validateSelectorMatchesTemplate(
  spec: Json,
  templatePath: string,
  onInvalid?: (selector: LabelSelectorObject | undefined) => FieldError[],
): FieldError[] {
  const sel = selectorOf(spec);
  let selector: ReturnType<typeof labelSelectorFromObject>;
  try {
    selector = labelSelectorFromObject(sel);
  } catch {
    return onInvalid ? onInvalid(sel) : [];
  }
  const labels = strMap(obj(obj(spec.template)?.metadata)?.labels);
  if (!selector.isEmpty() && !selector.matches(labels)) {
    return [invalid(`${templatePath}.metadata.labels`, goStringMap(labels), "`selector` does not match template `labels`")];
  }
  return [];
}

/** The bad value upstream prints for a selector: `v1.LabelSelector{...}`. */
export function selectorValue(sel: LabelSelectorObject | undefined): unknown {
  return goLabelSelector(sel);
}

// An IntOrString prints through its String() method: the number, or the string unquoted.
function intOrStringValue(v: unknown): unknown {
  return goLiteral(String(v));
}

/** The numeric value of an int-or-percent (`25%` → 25), as upstream's `getIntOrPercentValue`. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  return 0;
}

/** An int-or-percent that must be a non-negative integer or `N%`. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((msg) => invalid(path, intOrStringValue(v), msg));
  if (typeof v === "number") return v < 0 ? [invalid(path, v, IS_NEGATIVE_ERROR)] : [];
  return [];
}

/** `N%` with N above 100. */
export function validateNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== "string" || isValidPercent(v).length > 0) return [];
  return Number(v.slice(0, -1)) > 100 ? [invalid(path, intOrStringValue(v), "must not be greater than 100%")] : [];
}

/** For "may not be 0" style errors on int-or-percent fields. */
export function intOrString(v: unknown): unknown {
  return intOrStringValue(v);
}
