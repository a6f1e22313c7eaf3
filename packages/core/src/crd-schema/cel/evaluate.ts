/**
 * Evaluation of compiled `x-kubernetes-validations` on a custom resource,
 * after apiextensions' CEL `Validator`:
 *
 * - each rule runs with `self` bound to its node's value (never on `null`
 *   or absent values) and, on update, `oldSelf` bound to the old value at
 *   the same place; a rule that reads `oldSelf` (a transition rule) is
 *   skipped when there is no old value there (on create, a new field, an
 *   item of a list that is not a map list, a field of an atomic map);
 * - a failed rule is reported at its node (or its `fieldPath`) as
 *   `Invalid value: "<schema type>": <message>`, with the rule's `reason`
 *   choosing Forbidden/Required/Duplicate instead, and `messageExpression`
 *   (if it evaluates to a usable string) replacing `message`; without a
 *   message the detail is `failed rule: <rule>`;
 * - an evaluation error reads `<error> evaluating rule: <rule>`;
 * - the budget (see `budget.ts`) stops a runaway rule, and then every
 *   further rule: upstream's `… no further validation rules will be run`.
 * @module
 */
import { isCelError } from "@bufbuild/cel";
import type { StructuralSchema } from "../../schema.js";
import { duplicate, type FieldError, forbidden, invalid, required } from "../../validation/field-error.js";
import { type JsonObject, childPath, indexPath, isJsonObject, keyPath, type NullablePath, pathString } from "../unstructured.js";
import { Budget, type BudgetLimits, CostExceeded, withBudget } from "./budget.js";
import type { CompiledCelRules, CompiledRule, Program, RuleNode } from "./compile.js";
import { outOfRangeSize, toCel } from "./values.js";

/** Options of {@link evaluateCelRules}. */
export interface EvaluateOptions extends BudgetLimits {
  /** Path of the object; default none (upstream's nil path: rules on the root report at `<nil>`). */
  path?: string;
}

/** Upstream's cap on an evaluated messageExpression (`MaxEvaluatedMessageExpressionSizeBytes`). */
const MAX_MESSAGE_BYTES = 5 * 1024;

/** Stops the walk once a budget is gone (the errors gathered so far are kept). */
class Stop extends Error {}

const ruleString = (r: CompiledRule) => (r.rule.message?.length ? r.rule.message.trim() : r.rule.rule.trim());
const ruleMessage = (r: CompiledRule) => (r.rule.message?.length ? r.rule.message.trim() : `failed rule: ${r.rule.rule.trim()}`);

/** cel-go's wording of the runtime errors @bufbuild/cel reports differently. */
function celGoError(message: string): string {
  const key = /^field not found: (.*)$/.exec(message);
  if (key) return `no such key: ${key[1]}`;
  const idx = /^index (-?\d+) out of bounds/.exec(message);
  if (idx) {
    const size = outOfRangeSize(Number(idx[1]));
    return size === undefined ? `index '${idx[1]}' out of range` : `index '${idx[1]}' out of range in list size '${size}'`;
  }
  if (/divide by zero/.test(message)) return "division by zero";
  if (/modulus by zero/.test(message)) return "modulus by zero";
  if (/overflow/.test(message)) return "integer overflow";
  if (/^found no matching overload|^unbound function/.test(message)) return "no such overload";
  return message;
}

class Evaluation {
  readonly errors: FieldError[] = [];

  constructor(private readonly budget: Budget) {}

  /** Runs a program under the budget; budget exhaustion surfaces as a thrown {@link CostExceeded}. */
  private run(program: Program, bindings: Record<string, unknown>): unknown {
    this.budget.startCall();
    const result = withBudget(this.budget, () => program(bindings));
    if (this.budget.exceeded) throw this.budget.exceeded;
    return result;
  }

  validate(node: RuleNode, path: NullablePath, value: unknown, old: unknown): void {
    if (value === null || value === undefined) return;
    if (node.rules.length > 0) this.expressions(node, path, value, old === null ? undefined : old);
    if (Array.isArray(value)) {
      if (node.items === undefined) return;
      const olds = node.schema["x-kubernetes-list-type"] === "map" && Array.isArray(old) ? mapListIndex(node.schema, old) : undefined;
      for (let i = 0; i < value.length; i++) {
        this.validate(node.items, indexPath(path, i), value[i], olds?.get(mapListKey(node.schema, value[i])));
      }
    } else if (isJsonObject(value)) {
      const oldObj = isJsonObject(old) && node.schema["x-kubernetes-map-type"] !== "atomic" ? old : undefined;
      const props = node.schema.properties;
      if (node.additionalProperties) {
        for (const k of Object.keys(value)) {
          if (props === undefined || !Object.hasOwn(props, k)) this.validate(node.additionalProperties, keyPath(path, k), value[k], own(oldObj, k));
        }
      }
      if (node.properties) {
        for (const k of Object.keys(value)) {
          const sub = node.properties.get(k);
          if (sub && props !== undefined && Object.hasOwn(props, k)) this.validate(sub, childPath(path, k), value[k], own(oldObj, k));
        }
      }
    }
  }

  private expressions(node: RuleNode, path: NullablePath, value: unknown, old: unknown): void {
    const type = node.resourceRoot ? "object" : (node.schema.type ?? "");
    const field = pathString(path);
    if (this.budget.exhausted) {
      this.errors.push(invalid(field, type, "validation failed due to running out of cost budget, no further validation rules will be run"));
      throw new Stop();
    }
    let self: unknown;
    let oldSelf: unknown;
    for (const r of node.rules) {
      if (r.error !== undefined) {
        this.errors.push(invalid(field, type, `rule compile error: ${r.error}`));
        continue;
      }
      if (r.program === undefined) continue;
      if (r.usesOldSelf && old === undefined) continue;
      self ??= toCel(value, node.schema, node.resourceRoot);
      const bindings: Record<string, unknown> = { self };
      if (old !== undefined) bindings.oldSelf = oldSelf ??= toCel(old, node.schema, node.resourceRoot);
      let result: unknown;
      try {
        result = this.run(r.program, bindings);
      } catch (err) {
        if (!(err instanceof CostExceeded)) throw err;
        const detail =
          err.reason === "call"
            ? `'${err.message}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleString(r)}`
            : "validation failed due to running out of cost budget, no further validation rules will be run";
        this.errors.push(invalid(field, type, detail));
        throw new Stop();
      }
      if (isCelError(result)) {
        const msg = celGoError(result.message);
        this.errors.push(
          invalid(
            field,
            type,
            msg === "no such overload"
              ? `'${msg}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleString(r)}`
              : `${msg} evaluating rule: ${ruleString(r)}`,
          ),
        );
        continue;
      }
      if (result === true) continue;
      const at = r.fieldPath !== undefined ? childPath(path, r.fieldPath) : field;
      const detail = this.message(r, bindings, at, type) ?? ruleMessage(r);
      this.errors.push(forReason(r.rule.reason, at, type, detail));
    }
  }

  /** The evaluated messageExpression, or undefined to fall back to the rule's message. */
  private message(r: CompiledRule, bindings: Record<string, unknown>, field: string, type: string): string | undefined {
    if (r.messageProgram === undefined) return undefined;
    let out: unknown;
    try {
      out = this.run(r.messageProgram, bindings);
    } catch (err) {
      if (!(err instanceof CostExceeded)) throw err;
      this.errors.push(invalid(field, type, "messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run"));
      throw new Stop();
    }
    // Upstream logs an unusable message (error, not a string, empty, multi-line, too long) and falls back.
    if (typeof out !== "string") return undefined;
    const msg = out.trim();
    if (msg === "" || msg.includes("\n") || Buffer.byteLength(msg) > MAX_MESSAGE_BYTES) return undefined;
    return msg;
  }
}

function forReason(reason: string | undefined, field: string, type: string, detail: string): FieldError {
  switch (reason) {
    case "FieldValueForbidden":
      return forbidden(field, detail);
    case "FieldValueRequired":
      return required(field, detail);
    case "FieldValueDuplicate":
      return duplicate(field, type);
    default:
      return invalid(field, type, detail);
  }
}

function own(o: JsonObject | undefined, k: string): unknown {
  return o !== undefined && Object.hasOwn(o, k) ? o[k] : undefined;
}

/** The key tuple of a map-list item, for pairing new items with old ones. */
function mapListKey(s: StructuralSchema, item: unknown): string {
  if (!isJsonObject(item)) return "";
  return JSON.stringify((s["x-kubernetes-list-map-keys"] ?? []).map((k) => (Object.hasOwn(item, k) ? item[k] : undefined)));
}

function mapListIndex(s: StructuralSchema, old: unknown[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const item of old) {
    const k = mapListKey(s, item);
    if (!m.has(k)) m.set(k, item);
  }
  return m;
}

/** Evaluates the rules of one compiled node on `value` (used for schema defaults too). */
export function evaluateRuleNode(node: RuleNode, path: NullablePath, value: unknown, old: unknown, limits: BudgetLimits = {}): FieldError[] {
  const e = new Evaluation(new Budget(limits));
  try {
    e.validate(node, path, value, old);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return e.errors;
}

/**
 * Evaluates every compiled rule on `obj` (and, for transition rules,
 * `oldObj`: pass undefined on create). Returns the failures as upstream's
 * field errors, e.g. `spec: Invalid value: "object": replicas must not
 * exceed maxReplicas`. Never throws for any JSON input or rule.
 */
export function evaluateCelRules(compiled: CompiledCelRules, obj: unknown, oldObj: unknown, options: EvaluateOptions = {}): FieldError[] {
  if (compiled.root === undefined) return [];
  return evaluateRuleNode(compiled.root, options.path ?? null, obj, oldObj ?? undefined, options);
}
