/**
 * Compile-time checking of rules, standing in for cel-go's type checker
 * (which @bufbuild/cel does not expose): every identifier must be declared
 * (`self`, `oldSelf`, comprehension variables, type names), every function
 * must exist with an overload matching the argument types that are known,
 * and every field selected on a schema object must be one of its properties.
 * Problems are worded and positioned as cel-go prints them:
 *
 * ```
 * ERROR: <input>:1:5: undefined field 'foo'
 *  | self.foo > 0
 *  | ....^
 * ```
 *
 * The inference is deliberately lenient where cel-go's is stricter
 * (unknown types are `dyn` and accepted), so a rule kube-apiserver accepts is
 * never rejected here; a few ill-typed rules kube-apiserver would reject are
 * accepted and fail when evaluated instead.
 * @module
 */
import { parse } from "@bufbuild/cel";
import { functionOverloads } from "./library.js";
import { assignable, BOOL, BYTES, type CelT, DOUBLE, DYN, fromCelType, INT, join, listOf, mapOf, NULL, STRING, TYPE, typeName, UINT } from "./types.js";

type Parsed = ReturnType<typeof parse>;
type Expr = Parsed["expr"];

/** One checker finding, at a source offset. */
interface Issue {
  offset: number;
  message: string;
}

/** The outcome of checking one expression. */
export interface CheckResult {
  /** cel-go's `issues.String()`, or undefined when the expression checks. */
  issues: string | undefined;
  /** The inferred result type. */
  type: CelT;
  /** Whether the expression reads `oldSelf`. */
  usesOldSelf: boolean;
  /** The parsed expression, to plan. */
  parsed: Parsed | undefined;
}

const TYPE_IDENTS = new Set(["int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn"]);

class Checker {
  readonly issues: Issue[] = [];
  usesOldSelf = false;

  constructor(
    private readonly source: string,
    private readonly positions: Record<string, number>,
    private readonly globals: ReadonlyMap<string, CelT>,
  ) {}

  private offset(e: Expr): number {
    return this.positions[String(e.id)] ?? 0;
  }

  private issue(e: Expr, message: string, offset = this.offset(e)): CelT {
    this.issues.push({ offset, message });
    return DYN;
  }

  /** cel-go positions a function call at its opening parenthesis (operators at the operator). */
  private callOffset(e: Expr, fn: string): number {
    const offset = this.offset(e);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fn) || fn.startsWith("_")) return offset;
    const name = this.source.indexOf(fn, offset);
    const paren = name < 0 ? -1 : this.source.indexOf("(", name + fn.length);
    return paren < 0 ? offset : paren;
  }

  check(e: Expr, scope: ReadonlyMap<string, CelT>): CelT {
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr":
        switch (k.value.constantKind.case) {
          case "int64Value":
            return INT;
          case "uint64Value":
            return UINT;
          case "doubleValue":
            return DOUBLE;
          case "stringValue":
            return STRING;
          case "bytesValue":
            return BYTES;
          case "boolValue":
            return BOOL;
          case "nullValue":
            return NULL;
          default:
            return DYN;
        }
      case "identExpr":
        return this.ident(e, k.value.name, scope);
      case "selectExpr": {
        const operand = k.value.operand;
        if (operand === undefined) return DYN;
        const t = this.select(e, this.check(operand, scope), k.value.field);
        return k.value.testOnly ? BOOL : t;
      }
      case "callExpr":
        return this.call(e, k.value.function, k.value.target, k.value.args, scope);
      case "listExpr": {
        let elem: CelT | undefined;
        for (const x of k.value.elements) {
          const t = this.check(x, scope);
          elem = elem === undefined ? t : join(elem, t);
        }
        return listOf(elem ?? DYN);
      }
      case "structExpr": {
        let key: CelT | undefined;
        let value: CelT | undefined;
        for (const entry of k.value.entries) {
          if (entry.keyKind.case === "mapKey") {
            const kt = this.check(entry.keyKind.value, scope);
            key = key === undefined ? kt : join(key, kt);
          }
          if (entry.value) {
            const vt = this.check(entry.value, scope);
            value = value === undefined ? vt : join(value, vt);
          }
        }
        return k.value.messageName === "" ? mapOf(key ?? DYN, value ?? DYN) : DYN;
      }
      case "comprehensionExpr":
        return this.comprehension(k.value, scope);
      default:
        return DYN;
    }
  }

  private ident(e: Expr, name: string, scope: ReadonlyMap<string, CelT>): CelT {
    const t = scope.get(name) ?? this.globals.get(name);
    if (t !== undefined) {
      if (name === "oldSelf" && !scope.has(name)) this.usesOldSelf = true;
      return t;
    }
    if (TYPE_IDENTS.has(name)) return TYPE;
    return this.issue(e, `undeclared reference to '${name}' (in container '')`);
  }

  private select(e: Expr, t: CelT, field: string): CelT {
    switch (t.kind) {
      case "dyn":
        return DYN;
      case "map":
        return t.value;
      case "object": {
        const f = t.fields().get(field);
        if (f !== undefined) return f;
        return t.open ? DYN : this.issue(e, `undefined field '${field}'`);
      }
      default:
        return this.issue(e, `type '${typeName(t)}' does not support field selection`);
    }
  }

  private comprehension(c: Extract<Expr["exprKind"], { case: "comprehensionExpr" }>["value"], scope: ReadonlyMap<string, CelT>): CelT {
    if (!c.iterRange || !c.accuInit || !c.loopCondition || !c.loopStep || !c.result) return DYN;
    const range = this.check(c.iterRange, scope);
    const iterT = range.kind === "list" ? range.elem : range.kind === "map" ? range.key : range.kind === "object" ? STRING : DYN;
    const accuInit = this.check(c.accuInit, scope);
    const inner = new Map(scope);
    inner.set(c.iterVar, iterT);
    inner.set(c.accuVar, accuInit);
    this.check(c.loopCondition, inner);
    const step = this.check(c.loopStep, inner);
    const outer = new Map(scope);
    outer.set(c.accuVar, join(accuInit, step));
    return this.check(c.result, outer);
  }

  private call(e: Expr, fn: string, target: Expr | undefined, argExprs: Expr[], scope: ReadonlyMap<string, CelT>): CelT {
    const targetT = target ? this.check(target, scope) : undefined;
    const args = argExprs.map((a) => this.check(a, scope));
    const sig = () => `${targetT ? `${typeName(targetT)}.` : ""}(${args.map(typeName).join(", ")})`;
    const noOverload = () => this.issue(e, `found no matching overload for '${fn}' applied to '${sig()}'`, this.callOffset(e, fn));
    switch (fn) {
      case "_&&_":
      case "_||_":
        return args.every((a) => assignable(a, BOOL)) ? BOOL : noOverload();
      case "_?_:_":
        return assignable(args[0], BOOL) ? join(args[1], args[2]) : noOverload();
      case "@not_strictly_false":
      case "__not_strictly_false__":
        return BOOL;
      case "_[_]":
        return this.index(e, args[0], args[1], noOverload);
      case "_==_":
      case "_!=_":
        return comparable(args[0], args[1]) ? BOOL : noOverload();
    }
    const overloads = functionOverloads().get(fn);
    if (overloads === undefined) return this.issue(e, `undeclared reference to '${fn}' (in container '')`, this.callOffset(e, fn));
    const matching = overloads.filter(
      (f) =>
        (f.target !== undefined) === (targetT !== undefined) &&
        f.arguments.length === args.length &&
        (targetT === undefined || assignable(targetT, fromCelType(f.target))) &&
        args.every((a, i) => assignable(a, fromCelType(f.arguments[i]))),
    );
    if (matching.length === 0) return noOverload();
    if (fn === "_+_" && args[0].kind === "list" && args[1].kind === "list") return listOf(join(args[0].elem, args[1].elem));
    const results = matching.map((f) => fromCelType(f.result));
    return results.every((r) => typeName(r) === typeName(results[0])) ? results[0] : DYN;
  }

  private index(e: Expr, container: CelT, key: CelT, noOverload: () => CelT): CelT {
    switch (container.kind) {
      case "dyn":
        return DYN;
      case "list":
        return assignable(key, INT) || assignable(key, UINT) || key.kind === "prim" ? container.elem : noOverload();
      case "map":
        return assignable(key, container.key) ? container.value : noOverload();
      case "object":
        return assignable(key, STRING) ? DYN : noOverload();
      default:
        return this.issue(e, `found no matching overload for '_[_]' applied to '(${typeName(container)}, ${typeName(key)})'`);
    }
  }
}

/** cel-go's equality takes two values of one type (numbers of any kind compare; null compares with anything). */
function comparable(a: CelT, b: CelT): boolean {
  if (a.kind === "dyn" || b.kind === "dyn") return true;
  const numeric = (t: CelT) => t.kind === "prim" && (t.name === "int" || t.name === "uint" || t.name === "double");
  if (numeric(a) && numeric(b)) return true;
  if ((a.kind === "prim" && a.name === "null_type") || (b.kind === "prim" && b.name === "null_type")) return true;
  if (a.kind === "object" || b.kind === "object") return a.kind === b.kind || a.kind === "map" || b.kind === "map";
  return assignable(a, b) && assignable(b, a);
}

/** cel-go's rendering of issues: `ERROR: <input>:line:col: msg` with the source line and a caret. */
export function formatIssues(source: string, issues: readonly Issue[]): string {
  const lines = source.split("\n");
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) {
    starts.push(pos);
    pos += l.length + 1;
  }
  return [...issues]
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      const col = offset - starts[line];
      return `ERROR: <input>:${line + 1}:${col + 1}: ${message}\n | ${lines[line]}\n | ${".".repeat(col)}^`;
    })
    .join("\n");
}

/** A syntax error of the parser as a positioned issue. */
function syntaxIssue(err: unknown): Issue {
  const e = err as { message?: string; location?: { start?: { offset?: number } } };
  const raw = e.message ?? String(err);
  // The parser prefixes its own location ("<input>:1:7: found …"); keep the reason only.
  const reason = raw.replace(/^<input>:\d+:\d+:\s*/, "");
  return { offset: e.location?.start?.offset ?? 0, message: `Syntax error: ${reason}` };
}

/**
 * Parses and checks `source` with `globals` declared (`self`, `oldSelf` for
 * rules; the same for message expressions).
 */
export function checkExpression(source: string, globals: ReadonlyMap<string, CelT>): CheckResult {
  let parsed: Parsed;
  try {
    parsed = parse(source);
  } catch (err) {
    return { issues: formatIssues(source, [syntaxIssue(err)]), type: DYN, usesOldSelf: false, parsed: undefined };
  }
  const positions = (parsed.sourceInfo?.positions ?? {}) as Record<string, number>;
  const checker = new Checker(source, positions, globals);
  const type = checker.check(parsed.expr, new Map());
  const issues = checker.issues.length > 0 ? formatIssues(source, checker.issues) : undefined;
  return { issues, type, usesOldSelf: checker.usesOldSelf, parsed };
}
