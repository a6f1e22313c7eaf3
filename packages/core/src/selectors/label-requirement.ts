/**
 * One requirement of a label selector (`tier in (web,api)`): construction
 * with upstream's validation, matching and printing, after
 * `labels.Requirement`.
 * @module
 */
import { type FieldError, invalid, notSupported } from "../validation/field-error.js";
import { child, index, key } from "../validation/field-path.js";
import { goStringSlice } from "../validation/go-format.js";
import { isQualifiedName, isValidLabelValue } from "../validation/names.js";

/**
 * `selection.Operator` values. `gt`/`lt` compare integers; kube-apiserver
 * accepts them in `?labelSelector=` (it parses with `labels.Parse`), though
 * `metav1.LabelSelector` objects cannot express them.
 */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

/** A validated requirement. Values are sorted and unique when parsed from a string. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

const BINARY_OPERATORS: readonly LabelOperator[] = ["in", "notin", "=", "==", "!=", "gt", "lt"];
const ALL_OPERATORS: readonly string[] = [...BINARY_OPERATORS, "exists", "!"];

/** The binary operators in upstream's order, for "expected:" messages. */
export const binaryLabelOperators: readonly LabelOperator[] = BINARY_OPERATORS;

/** Whether a string is one of the operators. */
export function isLabelOperator(op: string): op is LabelOperator {
  return ALL_OPERATORS.includes(op);
}

/**
 * `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits, within int64.
 * Returns undefined when it would fail.
 */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return n;
}

/** The key check of upstream's `validateLabelKey`: all problems joined by "; " in one error. */
export function labelKeyError(k: string, path: string): FieldError | undefined {
  const msgs = isQualifiedName(k);
  return msgs.length ? invalid(path, k, msgs.join("; ")) : undefined;
}

/**
 * Validates a requirement as upstream's `NewRequirement`, returning the
 * problems. `path` is the field path prefix ("" outside any object, where
 * upstream prints `key`, `values[0][app]`). `nilValues` makes an empty value
 * list print as `[]string(nil)`, as it does for selectors built from objects.
 */
export function requirementErrors(
  k: string,
  operator: string,
  values: readonly string[],
  path = "",
  nilValues = false,
): FieldError[] {
  const errs: FieldError[] = [];
  const keyErr = labelKeyError(k, child(path, "key"));
  if (keyErr) errs.push(keyErr);
  const valuePath = child(path, "values");
  const shown = nilValues && values.length === 0 ? goStringSlice(null) : goStringSlice(values);
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) errs.push(invalid(valuePath, shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errs.push(invalid(valuePath, shown, "exact-match compatibility requires one single value"));
      break;
    case "exists":
    case "!":
      if (values.length !== 0) errs.push(invalid(valuePath, shown, "values set must be empty for exists and does not exist"));
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) errs.push(invalid(valuePath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(index(valuePath, i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(notSupported(child(path, "operator"), operator, ALL_OPERATORS));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(invalid(key(index(valuePath, i), k), v, msgs.join("; ")));
  });
  return errs;
}

/** Upstream's `Requirement.Matches` on a label set (missing labels: none set). */
export function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(value as string);
    case "notin":
    case "!=":
      return !has || !r.values.includes(value as string);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(value as string);
      const bound = parseInt64(r.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

const OPERATOR_TEXT: Record<LabelOperator, string> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  gt: ">",
  lt: "<",
  exists: "",
  "!": "",
};

/** Upstream's `Requirement.String()`: `!a`, `a`, `a=b`, `a in (x,y)` (values sorted). */
export function requirementString(r: LabelRequirement): string {
  if (r.operator === "!") return `!${r.key}`;
  if (r.operator === "exists") return r.key;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(",");
  const inner = r.operator === "in" || r.operator === "notin" ? `(${values})` : values;
  return `${r.key}${OPERATOR_TEXT[r.operator]}${inner}`;
}
