/**
 * Validation of a `metav1.LabelSelector` field (e.g. a Deployment's
 * `spec.selector`), after upstream's `ValidateLabelSelector`.
 * @module
 */
import type { LabelSelectorObject } from "../selectors/types.js";
import { type FieldError, forbidden, invalid, required } from "./field-error.js";
import { child, index } from "./field-path.js";
import { validateLabelName, validateLabels } from "./meta-fields.js";
import { isValidLabelValue } from "./names.js";

/** Options of {@link validateLabelSelector}. */
export interface LabelSelectorValidationOptions {
  /** Tolerate invalid values in matchExpressions (only for objects stored before the check existed). */
  allowInvalidLabelValueInSelector?: boolean;
}

/**
 * matchLabels are labels; each matchExpression needs a known operator,
 * values for In/NotIn and none for Exists/DoesNotExist, and a valid key.
 * A nil selector is valid here; callers that require one check that.
 */
export function validateLabelSelector(
  selector: LabelSelectorObject | null | undefined,
  path: string,
  options: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  if (selector == null) return errs;
  errs.push(...validateLabels(selector.matchLabels, child(path, "matchLabels")));
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  exprs.forEach((expr, i) => {
    const p = index(child(path, "matchExpressions"), i);
    const values = Array.isArray(expr?.values) ? expr.values : [];
    const operator = typeof expr?.operator === "string" ? expr.operator : "";
    switch (operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) errs.push(required(child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errs.push(forbidden(child(p, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errs.push(invalid(child(p, "operator"), operator, "not a valid selector operator"));
    }
    errs.push(...validateLabelName(typeof expr?.key === "string" ? expr.key : "", child(p, "key")));
    if (!options.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => {
        for (const msg of isValidLabelValue(String(v))) errs.push(invalid(index(child(p, "values"), j), String(v), msg));
      });
    }
  });
  return errs;
}
