/**
 * Parser of the label selector string syntax (`?labelSelector=`, `kubectl
 * -l`), after upstream's `labels.Parse`, with the same grammar, the same
 * acceptance of odd-but-valid input (`x in (a,,b)`, `x in ()`) and the same
 * error messages:
 *
 * ```text
 * <selector>    ::= <requirement> | <requirement> "," <selector>
 * <requirement> ::= [!] KEY [ <set-based> | <exact-match> | <gt-lt> ]
 * <set-based>   ::= ("in" | "notin") "(" VALUE { "," VALUE } ")"
 * <exact-match> ::= ("=" | "==" | "!=") VALUE
 * <gt-lt>       ::= (">" | "<") INTEGER
 * ```
 * @module
 */
import { aggregateMessage, formatFieldError } from "../validation/field-error.js";
import { SelectorParseError } from "./errors.js";
import { tokenize, type Token, type TokenKind } from "./label-lexer.js";
import {
  binaryLabelOperators,
  type LabelOperator,
  type LabelRequirement,
  labelKeyError,
  requirementErrors,
} from "./label-requirement.js";
import { type LabelSelector, selectorFromRequirements } from "./label-selector.js";

// A parse failure; the caller decides whether to prefix "unable to parse requirement: ".
class Failure {
  constructor(
    readonly message: string,
    readonly causes: ReturnType<typeof requirementErrors> = [],
  ) {}
}

type Context = "keyAndOperator" | "values";

class Parser {
  #pos = 0;
  constructor(readonly tokens: Token[]) {}

  // In the values context "in" and "notin" are plain identifiers: `x in (in)`.
  #kind(t: Token, ctx: Context): TokenKind {
    return ctx === "values" && (t.kind === "in" || t.kind === "notIn") ? "identifier" : t.kind;
  }

  lookahead(ctx: Context): Token {
    const t = this.tokens[this.#pos];
    return { kind: this.#kind(t, ctx), literal: t.literal };
  }

  consume(ctx: Context): Token {
    const t = this.lookahead(ctx);
    this.#pos++;
    return t;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const t = this.lookahead("values");
      if (t.kind === "end") return reqs;
      if (t.kind !== "identifier" && t.kind !== "doesNotExist") {
        throw new Failure(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
      }
      const r = this.requirement();
      if (r instanceof Failure) throw new Failure(`unable to parse requirement: ${r.message}`, r.causes);
      reqs.push(r);
      const next = this.consume("values");
      if (next.kind === "end") return reqs;
      if (next.kind !== "comma") throw new Failure(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead("values");
      if (after.kind !== "identifier" && after.kind !== "doesNotExist") {
        throw new Failure(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  requirement(): LabelRequirement | Failure {
    const head = this.keyAndInferredOperator();
    if (head instanceof Failure) return head;
    const { key } = head;
    let operator: LabelOperator;
    let values: string[] = [];
    if (head.operator === "exists" || head.operator === "!") operator = head.operator;
    else {
      const op = this.operator();
      if (op instanceof Failure) return op;
      operator = op;
      const parsed = op === "in" || op === "notin" ? this.valueSet() : this.exactValue();
      if (parsed instanceof Failure) return parsed;
      // Upstream collects values in a set: sorted, duplicates dropped.
      values = [...new Set(parsed)].sort();
    }
    const errs = requirementErrors(key, operator, values);
    if (errs.length) return new Failure(aggregateMessage(errs), errs);
    return { key, operator, values };
  }

  keyAndInferredOperator(): { key: string; operator: LabelOperator | undefined } | Failure {
    let operator: LabelOperator | undefined;
    let t = this.consume("values");
    if (t.kind === "doesNotExist") {
      operator = "!";
      t = this.consume("values");
    }
    if (t.kind !== "identifier") return new Failure(`found '${t.literal}', expected: identifier`);
    // The key is checked before the operator, with a nil field path: upstream prints "<nil>".
    const keyErr = labelKeyError(t.literal, "<nil>");
    if (keyErr) return new Failure(formatFieldError(keyErr), [keyErr]);
    const next = this.lookahead("values").kind;
    if ((next === "end" || next === "comma") && operator !== "!") operator = "exists";
    return { key: t.literal, operator };
  }

  operator(): LabelOperator | Failure {
    const t = this.consume("keyAndOperator");
    const ops: Partial<Record<TokenKind, LabelOperator>> = {
      in: "in",
      equals: "=",
      doubleEquals: "==",
      greaterThan: "gt",
      lessThan: "lt",
      notIn: "notin",
      notEquals: "!=",
    };
    const op = ops[t.kind];
    if (!op) return new Failure(`found '${t.literal}', expected: ${binaryLabelOperators.join(", ")}`);
    return op;
  }

  valueSet(): string[] | Failure {
    const open = this.consume("values");
    if (open.kind !== "openPar") return new Failure(`found '${open.literal}' expected: '('`);
    const t = this.lookahead("values");
    if (t.kind === "closedPar") {
      this.consume("values");
      return [""];
    }
    if (t.kind !== "identifier" && t.kind !== "comma") {
      return new Failure(`found '${t.literal}', expected: ',', ')' or identifier`);
    }
    const list = this.identifiers();
    if (list instanceof Failure) return list;
    if (this.consume("values").kind !== "closedPar") return new Failure(`found '${t.literal}', expected: ')'`);
    return list;
  }

  // A possibly empty, comma-separated list of possibly empty identifiers: `(a,,b)`, `(,a)`.
  identifiers(): string[] | Failure {
    const values: string[] = [];
    for (;;) {
      const t = this.consume("values");
      if (t.kind === "identifier") {
        values.push(t.literal);
        const next = this.lookahead("values");
        if (next.kind === "comma") continue;
        if (next.kind === "closedPar") return values;
        return new Failure(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (t.kind === "comma") {
        if (values.length === 0) values.push(""); // "(,"
        const next = this.lookahead("values").kind;
        if (next === "closedPar") {
          values.push(""); // ",)"
          return values;
        }
        if (next === "comma") values.push(""); // ",,"
        continue;
      }
      return new Failure(`found '${t.literal}', expected: ',', or identifier`);
    }
  }

  exactValue(): string[] | Failure {
    const t = this.lookahead("values");
    if (t.kind === "end" || t.kind === "comma") return [""];
    const v = this.consume("values");
    if (v.kind === "identifier") return [v.literal];
    return new Failure(`found '${v.literal}', expected: identifier`);
  }
}

/**
 * Parses a label selector string. The empty string selects everything.
 * Throws a {@link SelectorParseError} with upstream's message, e.g.
 * `unable to parse requirement: found '', expected: identifier` or
 * `unable to parse requirement: values[0][tier]: Invalid value: "a b": ...`.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  try {
    return selectorFromRequirements(new Parser(tokenize(selector)).parse());
  } catch (e) {
    if (e instanceof Failure) throw new SelectorParseError("label", e.message, e.causes);
    throw e;
  }
}
