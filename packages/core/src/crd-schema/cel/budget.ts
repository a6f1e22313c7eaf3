/**
 * The cost budget that keeps a hostile rule from hanging the server.
 * Upstream meters CEL with cel-go's cost model: 1,000,000 units per rule
 * evaluation (`PerCallLimit`) and 10,000,000 per custom resource
 * (`RuntimeCELCostBudget`). Here the units are steps: every function or
 * operator call costs 1 plus a tenth of the size of its string, bytes and list
 * operands, and every element a comprehension reads from the object costs 1.
 * Evaluation is synchronous, so the active budget is a module-level slot the
 * value wrappers and functions charge; a wall-clock deadline is checked every
 * few hundred steps as a last resort.
 * @module
 */

/** Thrown (and caught by the evaluator) when a budget runs out mid-evaluation. */
export class CostExceeded extends Error {
  constructor(readonly reason: "call" | "total" | "time") {
    super("operation cancelled: actual cost limit exceeded");
  }
}

/** Limits of one {@link evaluateCelRules} call. */
export interface BudgetLimits {
  /** Steps one rule (or messageExpression) may take. Default 1,000,000. */
  perCallLimit?: number;
  /** Steps all rules on one object may take together. Default 10,000,000. */
  totalLimit?: number;
  /** Wall-clock limit of the whole call, in milliseconds. Default 1000. */
  timeoutMs?: number;
}

/** Step accounting for one evaluation call. */
export class Budget {
  private remaining: number;
  private callRemaining = 0;
  private readonly perCall: number;
  private readonly deadline: number;
  private tick = 0;
  exceeded: CostExceeded | undefined;

  constructor(limits: BudgetLimits = {}) {
    this.remaining = limits.totalLimit ?? 10_000_000;
    this.perCall = limits.perCallLimit ?? 1_000_000;
    this.deadline = performance.now() + (limits.timeoutMs ?? 1000);
  }

  /** Whether the total budget (or the time) is already used up. */
  get exhausted(): boolean {
    return this.remaining <= 0 || this.exceeded !== undefined;
  }

  /** Starts metering one rule evaluation. */
  startCall(): void {
    this.callRemaining = this.perCall;
    this.exceeded = undefined;
  }

  charge(n: number): void {
    this.remaining -= n;
    this.callRemaining -= n;
    if (this.callRemaining < 0) this.fail("call");
    if (this.remaining < 0) this.fail("total");
    this.tick += n;
    if (this.tick >= 256) {
      this.tick = 0;
      if (performance.now() > this.deadline) this.fail("time");
    }
  }

  private fail(reason: CostExceeded["reason"]): never {
    // Once exceeded, every further charge throws again, so code that swallows
    // one error (a logical operator absorbing it) still stops at the next step.
    this.exceeded ??= new CostExceeded(reason);
    if (reason !== "call") this.remaining = -1;
    throw this.exceeded;
  }
}

let active: Budget | undefined;

/** Runs `fn` with `budget` as the one charged by {@link charge}. */
export function withBudget<T>(budget: Budget, fn: () => T): T {
  const prev = active;
  active = budget;
  try {
    return fn();
  } finally {
    active = prev;
  }
}

/** Charges `n` steps to the active budget, if any. */
export function charge(n: number): void {
  if (active !== undefined) active.charge(n);
}

/** The step cost of an operand: a tenth of its size, for strings, bytes and lists. */
export function sizeCost(v: unknown): number {
  if (typeof v === "string") return v.length / 10;
  if (v instanceof Uint8Array) return v.length / 10;
  if (typeof v === "object" && v !== null && "size" in v && typeof (v as { size: unknown }).size === "number") {
    return (v as { size: number }).size / 10;
  }
  return 0;
}
