/**
 * Compilation of a schema's `x-kubernetes-validations`, once per CRD
 * version: every rule (and `messageExpression`) is parsed, checked against
 * the CEL type of its schema node and planned. Problems become the field
 * errors kube-apiserver answers when the CRD is created or updated:
 *
 * `…x-kubernetes-validations[0].rule: Invalid value:
 * apiextensions.ValidationRule{Rule:"self.foo > 0", …}: compilation failed:
 * ERROR: <input>:1:5: undefined field 'foo' …`
 *
 * Only nodes on the structural spine (`properties`, `items`,
 * `additionalProperties`) carry rules; upstream forbids them elsewhere.
 * @module
 */
import { plan } from "@bufbuild/cel";
import type { StructuralSchema } from "../../schema.js";
import { type FieldError, invalid } from "../../validation/field-error.js";
import { goLiteral, goQuote } from "../../validation/go-format.js";
import type { ValidationRule } from "../json-schema.js";
import { childPath } from "../unstructured.js";
import { checkExpression } from "./check.js";
import { validFieldPath } from "./field-path.js";
import { ruleEnv } from "./library.js";
import { type CelT, declType } from "./types.js";

/** A planned expression: evaluates with `self` (and `oldSelf`) bound. */
export type Program = (bindings: Record<string, unknown>) => unknown;

/** One compiled rule of a schema node. */
export interface CompiledRule {
  readonly rule: ValidationRule;
  /** Absent for an empty rule (skipped) or a rule that failed to compile (see `error`). */
  readonly program?: Program;
  readonly messageProgram?: Program;
  readonly usesOldSelf: boolean;
  /** The rule's `fieldPath`, normalized (`spec.ports`), when valid. */
  readonly fieldPath?: string;
  /** Why compilation failed, as upstream words it (`compilation failed: …`). */
  readonly error?: string;
}

/** The rules of one schema node and of the nodes below it that have rules. */
export interface RuleNode {
  readonly schema: StructuralSchema;
  readonly resourceRoot: boolean;
  readonly rules: readonly CompiledRule[];
  readonly properties?: ReadonlyMap<string, RuleNode>;
  readonly additionalProperties?: RuleNode;
  readonly items?: RuleNode;
}

/** The result of {@link compileCelRules}: what to evaluate, and what failed to compile. */
export interface CompiledCelRules {
  /** Undefined when the schema has no rules. */
  readonly root: RuleNode | undefined;
  /** Compilation problems as CRD validation errors (empty when every rule compiles). */
  readonly errors: readonly FieldError[];
  /** The rule tree of every schema node that has rules at or below it. */
  readonly nodes: ReadonlyMap<StructuralSchema, RuleNode>;
}

/** Options of {@link compileCelRules}. */
export interface CompileOptions {
  /** Path of the schema in the CRD, prefixed to error fields. Default `openAPIV3Schema`. */
  path?: string;
  /** Whether the schema is a resource root (a CRD version's schema). Default true. */
  resourceRoot?: boolean;
}

/** Go's `%#v` of a pointer field: upstream prints an address; the value says more. */
const goPointer = (type: string, v: string | boolean | undefined) =>
  v === undefined ? `(*${type})(nil)` : `&${typeof v === "string" ? goQuote(v) : v}`;

/** Go's `%#v` of the rule, which upstream prints as the bad value. */
export function goValidationRule(r: ValidationRule) {
  return goLiteral(
    `apiextensions.ValidationRule{Rule:${goQuote(r.rule)}, Message:${goQuote(r.message ?? "")}, MessageExpression:${goQuote(r.messageExpression ?? "")}, Reason:${goPointer("apiextensions.FieldValueErrorReason", r.reason)}, FieldPath:${goQuote(r.fieldPath ?? "")}, OptionalOldSelf:${goPointer("bool", r.optionalOldSelf)}}`,
  );
}

/** Whether old and new values of a map's fields can be paired (upstream's `MapIsCorrelatable`). */
const mapIsCorrelatable = (s: StructuralSchema) => s["x-kubernetes-map-type"] !== "atomic";

class Compiler {
  readonly errors: FieldError[] = [];
  readonly nodes = new Map<StructuralSchema, RuleNode>();

  node(s: StructuralSchema, path: string, resourceRoot: boolean, uncorrelatable: string | undefined, depth: number): RuleNode | undefined {
    if (depth > 1000) return undefined;
    let properties: Map<string, RuleNode> | undefined;
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      const sub = this.node(p, `${path}.properties[${k}]`, p["x-kubernetes-embedded-resource"] === true, uncorrelatable ?? (mapIsCorrelatable(s) ? undefined : path), depth + 1);
      if (sub) (properties ??= new Map()).set(k, sub);
    }
    const ap = s.additionalProperties;
    const additionalProperties =
      typeof ap === "object" ? this.node(ap, `${path}.additionalProperties`, ap["x-kubernetes-embedded-resource"] === true, uncorrelatable, depth + 1) : undefined;
    const itemsUncorrelatable = uncorrelatable ?? (s["x-kubernetes-list-type"] === "map" ? undefined : path);
    const items = s.items ? this.node(s.items, `${path}.items`, s.items["x-kubernetes-embedded-resource"] === true, itemsUncorrelatable, depth + 1) : undefined;
    const rules = (s["x-kubernetes-validations"] ?? []).map((r, i) => this.rule(s, r as ValidationRule, `${path}.x-kubernetes-validations[${i}]`, resourceRoot, uncorrelatable));
    if (rules.length === 0 && !properties && !additionalProperties && !items) return undefined;
    const node: RuleNode = { schema: s, resourceRoot, rules, properties, additionalProperties, items };
    this.nodes.set(s, node);
    return node;
  }

  private rule(s: StructuralSchema, rule: ValidationRule, path: string, resourceRoot: boolean, uncorrelatable: string | undefined): CompiledRule {
    if (rule.rule.trim() === "") return { rule, usesOldSelf: false };
    const self = declType(s, resourceRoot);
    const globals = new Map<string, CelT>([
      ["self", self],
      ["oldSelf", self],
    ]);
    const value = goValidationRule(rule);
    const rulePath = childPath(path, "rule");
    const checked = checkExpression(rule.rule, globals);
    let error: string | undefined;
    if (checked.issues !== undefined) error = `compilation failed: ${checked.issues}`;
    else if (checked.type.kind !== "dyn" && !(checked.type.kind === "prim" && checked.type.name === "bool")) error = "cel expression must evaluate to a bool";
    if (error !== undefined) this.errors.push(invalid(rulePath, value, error));

    let messageProgram: Program | undefined;
    const messageExpression = rule.messageExpression?.trim() ?? "";
    if (messageExpression !== "") {
      const m = checkExpression(messageExpression, globals);
      let mError: string | undefined;
      if (m.issues !== undefined) mError = `messageExpression compilation failed: ${m.issues}`;
      else if (m.type.kind !== "dyn" && !(m.type.kind === "prim" && m.type.name === "string")) mError = "messageExpression must evaluate to a string";
      if (mError !== undefined) this.errors.push(invalid(childPath(path, "messageExpression"), value, mError));
      else if (m.parsed) messageProgram = plan(ruleEnv(), m.parsed) as Program;
    }

    if (checked.usesOldSelf && uncorrelatable !== undefined) {
      this.errors.push(invalid(rulePath, rule.rule, `oldSelf cannot be used on the uncorrelatable portion of the schema within ${uncorrelatable}`));
    } else if (!checked.usesOldSelf && rule.optionalOldSelf !== undefined && error === undefined) {
      this.errors.push(invalid(childPath(path, "optionalOldSelf"), rule.optionalOldSelf, "may not be set if oldSelf is not used in rule"));
    }

    let fieldPath: string | undefined;
    if (rule.fieldPath?.trim()) {
      try {
        fieldPath = validFieldPath(rule.fieldPath.trim(), s).path;
      } catch {
        // Reported by structuralSchemaErrors ("fieldPath must be a valid path").
      }
    }
    if (error !== undefined || !checked.parsed) return { rule, usesOldSelf: checked.usesOldSelf, error, fieldPath };
    return { rule, program: plan(ruleEnv(), checked.parsed) as Program, messageProgram, usesOldSelf: checked.usesOldSelf, fieldPath };
  }
}

/**
 * Compiles every `x-kubernetes-validations` rule of `schema` (a CRD
 * version's structural schema). Call once per CRD version and reuse the
 * result for every object with {@link evaluateCelRules}.
 */
export function compileCelRules(schema: StructuralSchema, options: CompileOptions = {}): CompiledCelRules {
  const c = new Compiler();
  const root = c.node(schema, options.path ?? "openAPIV3Schema", options.resourceRoot ?? true, undefined, 0);
  return { root, errors: c.errors, nodes: c.nodes };
}

