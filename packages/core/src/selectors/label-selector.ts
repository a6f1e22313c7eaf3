/**
 * Label selectors: an AND of requirements, matched against an object's
 * labels. Built by parsing the string syntax ({@link parseLabelSelector} in
 * `label-parser`), from a `metav1.LabelSelector` object
 * ({@link labelSelectorFromObject}) or from a plain label set.
 *
 * Nil versus empty, as upstream's `LabelSelectorAsSelector`: a missing
 * (`null`/`undefined`) selector object selects *nothing*, an empty one (`{}`)
 * selects *everything*. An empty selector string selects everything.
 * @module
 */
import { aggregateMessage } from "../validation/field-error.js";
import { goQuote } from "../validation/go-format.js";
import { SelectorParseError } from "./errors.js";
import {
  type LabelOperator,
  type LabelRequirement,
  requirementErrors,
  requirementMatches,
  requirementString,
} from "./label-requirement.js";
import type { LabelSelectorObject } from "./types.js";

/** A parsed label selector. */
export interface LabelSelector {
  /** The requirements, sorted by key; all must hold. */
  readonly requirements: readonly LabelRequirement[];
  /** Whether the labels (missing: none) satisfy every requirement. */
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** True when nothing is required: the selector matches everything. */
  isEmpty(): boolean;
  /** True only for the selector of a nil `metav1.LabelSelector`, which matches no object. */
  matchesNothing(): boolean;
  /** The value a key must have, if the selector pins it to exactly one (`k=v`, `k==v`, `k in (v)`). */
  requiresExactMatch(key: string): string | undefined;
  /** Canonical string form, parseable again: `app=web,tier in (api,web)`. */
  toString(): string;
}

class RequirementsSelector implements LabelSelector {
  readonly requirements: readonly LabelRequirement[];

  constructor(requirements: readonly LabelRequirement[]) {
    // Upstream sorts by key so that equal selectors print equally.
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  matchesNothing(): boolean {
    return false;
  }

  requiresExactMatch(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      if ((r.operator === "=" || r.operator === "==" || r.operator === "in") && r.values.length === 1) return r.values[0];
      return undefined;
    }
    return undefined;
  }

  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
}

class NothingSelector implements LabelSelector {
  readonly requirements: readonly LabelRequirement[] = [];
  matches(): boolean {
    return false;
  }
  isEmpty(): boolean {
    return false;
  }
  matchesNothing(): boolean {
    return true;
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
  toString(): string {
    return "";
  }
}

const EVERYTHING: LabelSelector = new RequirementsSelector([]);
const NOTHING: LabelSelector = new NothingSelector();

/** The selector that matches every object. */
export function everythingSelector(): LabelSelector {
  return EVERYTHING;
}

/** The selector that matches no object (from a nil `metav1.LabelSelector`). */
export function nothingSelector(): LabelSelector {
  return NOTHING;
}

/** A selector of already-validated requirements. */
export function selectorFromRequirements(requirements: readonly LabelRequirement[]): LabelSelector {
  return new RequirementsSelector(requirements);
}

/**
 * Builds a requirement, validating it as upstream's `NewRequirement`.
 * Throws a {@link SelectorParseError} whose message is the aggregated field
 * errors (e.g. `values: Invalid value: []string{}: for 'in', 'notin'
 * operators, values set can't be empty`).
 */
export function newLabelRequirement(key: string, operator: LabelOperator, values: readonly string[]): LabelRequirement {
  const errs = requirementErrors(key, operator, values);
  if (errs.length) throw new SelectorParseError("label", aggregateMessage(errs), errs);
  return { key, operator, values: [...values] };
}

/**
 * A selector requiring exactly these labels (upstream's `SelectorFromSet`,
 * e.g. a Service's or ReplicationController's `selector`). Not validated;
 * an empty or missing set matches everything.
 */
export function labelSelectorFromSet(labels: Readonly<Record<string, string>> | null | undefined): LabelSelector {
  if (!labels) return EVERYTHING;
  return new RequirementsSelector(Object.entries(labels).map(([key, value]) => ({ key, operator: "=", values: [value] })));
}

const OBJECT_OPERATORS: Record<string, LabelOperator> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/**
 * Converts a `metav1.LabelSelector` as upstream's `LabelSelectorAsSelector`:
 * `null`/`undefined` → matches nothing; no matchLabels and no
 * matchExpressions → matches everything; otherwise one requirement per
 * label and expression. Throws a {@link SelectorParseError} for an unknown
 * operator (`"Foo" is not a valid label selector operator`) or an invalid
 * key, value or value count.
 */
export function labelSelectorFromObject(selector: LabelSelectorObject | null | undefined): LabelSelector {
  if (selector == null) return NOTHING;
  // Parsed JSON may hold anything; read wrong types as absent rather than crash.
  const labels = selector.matchLabels && typeof selector.matchLabels === "object" ? selector.matchLabels : {};
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.map((e) => e ?? { key: "", operator: "" }) : [];
  if (Object.keys(labels).length + exprs.length === 0) return EVERYTHING;
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const errs = requirementErrors(key, "=", [String(value)]);
    if (errs.length) throw new SelectorParseError("label", aggregateMessage(errs), errs);
    reqs.push({ key, operator: "=", values: [String(value)] });
  }
  for (const expr of exprs) {
    const operator = OBJECT_OPERATORS[String(expr.operator)];
    if (!operator) throw new SelectorParseError("label", `${goQuote(String(expr.operator ?? ""))} is not a valid label selector operator`);
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    const errs = requirementErrors(String(expr.key ?? ""), operator, values, "", true);
    if (errs.length) throw new SelectorParseError("label", aggregateMessage(errs), errs);
    reqs.push({ key: String(expr.key), operator, values });
  }
  return new RequirementsSelector(reqs);
}
