/**
 * The CEL environment of `x-kubernetes-validations`: @bufbuild/cel's
 * standard library and string extensions (`split`, `join`, `replace`,
 * `trim`, `lowerAscii`, `upperAscii`, `indexOf`, `substring`, `charAt`,
 * `format`), plus the Kubernetes list library (`isSorted`, `sum`, `min`,
 * `max`, `indexOf`, `lastIndexOf`), a `matches` that caches compiled RE2
 * programs and the Kubernetes regex library (`find`, `findAll`). Every
 * function is wrapped to charge the active cost budget.
 *
 * Not available (rules using them fail to compile with "undeclared
 * reference"): the Kubernetes URL, IP/CIDR,
 * quantity, semver and format libraries, `strings.quote`/`reverse`,
 * optional types (`?.`, `orValue`) and two-variable comprehensions.
 * @module
 */
import { type CelEnv, type CelFunc, CelScalar, type CelValue, celEnv, celList, celMethod, isCelError, listType, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import type { RE2JS } from "@bufbuild/re2";
import { charge, sizeCost } from "./budget.js";
import { compilePattern, findAllString, findString } from "./regex.js";

const { BOOL, DYN, INT, STRING } = CelScalar;
const LIST = listType(DYN);
const LIST_STRING = listType(STRING);
const FUNC = Symbol.for("@bufbuild/cel/func");

/** A plain environment for the helpers below (comparisons, conversions). */
const helperEnv = celEnv();
type Binary = (a: CelValue, b: CelValue) => CelValue;

function binary(expr: string): Binary {
  const program = plan(helperEnv, parse(expr)) as (ctx: Record<string, unknown>) => unknown;
  return (a, b) => {
    const r = program({ a, b });
    if (isCelError(r)) throw r;
    return r as CelValue;
  };
}

const less = binary("a < b");
const equal = binary("a == b");
const plus = binary("a + b");

/** Converts a string with CEL's `timestamp()`/`duration()`; the result may be a CEL error. */
export const toTimestamp = unary("timestamp(s)");
export const toDuration = unary("duration(s)");

function unary(expr: string): (s: string) => unknown {
  const program = plan(helperEnv, parse(expr)) as (ctx: Record<string, unknown>) => unknown;
  return (s) => program({ s });
}

function items(list: Iterable<CelValue>): CelValue[] {
  return Array.from(list);
}

function extreme(name: string, pick: (a: CelValue, b: CelValue) => boolean) {
  return function (this: Iterable<CelValue>): CelValue {
    const xs = items(this);
    if (xs.length === 0) throw new Error(`${name} called on empty list`);
    let best = xs[0];
    for (const x of xs.slice(1)) if (pick(x, best)) best = x;
    return best;
  };
}

/** The Kubernetes list library (`k8s.io/apiserver/pkg/cel/library/lists.go`). */
const k8sLists: CelFunc[] = [
  celMethod("isSorted", LIST, [], BOOL, function () {
    const xs = items(this as Iterable<CelValue>);
    for (let i = 1; i < xs.length; i++) if (less(xs[i], xs[i - 1]) === true) return false;
    return true;
  }),
  celMethod("sum", LIST, [], DYN, function () {
    const xs = items(this as Iterable<CelValue>);
    return xs.length === 0 ? 0n : xs.slice(1).reduce((acc, x) => plus(acc, x), xs[0]);
  }),
  celMethod("min", LIST, [], DYN, extreme("min", (a, b) => less(a, b) === true)),
  celMethod("max", LIST, [], DYN, extreme("max", (a, b) => less(b, a) === true)),
  celMethod("indexOf", LIST, [DYN], INT, function (x) {
    const xs = items(this as Iterable<CelValue>);
    return BigInt(xs.findIndex((y) => equal(y, x) === true));
  }),
  celMethod("lastIndexOf", LIST, [DYN], INT, function (x) {
    const xs = items(this as Iterable<CelValue>);
    return BigInt(xs.findLastIndex((y) => equal(y, x) === true));
  }),
];

/** `string.matches(pattern)` on RE2, with compiled patterns cached (bounded). */
const matches = celMethod("matches", STRING, [STRING], BOOL, function (pattern) {
  return compilePattern(pattern).test(this as string);
});

/** The Kubernetes regex library (`k8s.io/apiserver/pkg/cel/library/regex.go`). */
const k8sRegex: CelFunc[] = [
  celMethod("find", STRING, [STRING], STRING, function (pattern) {
    return findString(legalPattern(pattern), this as string);
  }),
  celMethod("findAll", STRING, [STRING], LIST_STRING, function (pattern) {
    return celList(findAllString(legalPattern(pattern), this as string, -1));
  }),
  celMethod("findAll", STRING, [STRING, INT], LIST_STRING, function (pattern, limit) {
    // Go's FindAllString: a negative limit means all matches, 0 none.
    const n = limit as bigint;
    return celList(findAllString(legalPattern(pattern), this as string, n < 0n ? -1 : n > 0x7fffffffn ? 0x7fffffff : Number(n)));
  }),
];

/** Compiles a `find`/`findAll` pattern, failing as upstream does ("Illegal regex: ..."). */
function legalPattern(pattern: string): RE2JS {
  try {
    return compilePattern(pattern);
  } catch (e) {
    throw new Error(`Illegal regex: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Wraps a function so each call charges the active budget before running. */
function metered(f: CelFunc): CelFunc {
  return {
    [FUNC]: {},
    id: f.id,
    name: f.name,
    target: f.target,
    arguments: f.arguments,
    result: f.result,
    call(id: number, target: CelValue | undefined, args: CelValue[]) {
      let cost = 1 + sizeCost(target);
      for (const a of args) cost += sizeCost(a);
      charge(cost);
      return f.call(id, target, args);
    },
  } as unknown as CelFunc;
}

function build(): CelEnv {
  const base = celEnv({ funcs: [...strings, ...k8sLists, matches, ...k8sRegex] });
  return celEnv({ funcs: Array.from(base.funcs, metered) });
}

let env: CelEnv | undefined;
let overloads: ReadonlyMap<string, readonly CelFunc[]> | undefined;

/** The shared environment rules are planned in. */
export function ruleEnv(): CelEnv {
  env ??= build();
  return env;
}

/** Every function and operator of {@link ruleEnv}, by name, for the checker. */
export function functionOverloads(): ReadonlyMap<string, readonly CelFunc[]> {
  if (overloads === undefined) {
    const m = new Map<string, CelFunc[]>();
    for (const f of ruleEnv().funcs) {
      const list = m.get(f.name) ?? [];
      list.push(f);
      m.set(f.name, list);
    }
    overloads = m;
  }
  return overloads;
}
