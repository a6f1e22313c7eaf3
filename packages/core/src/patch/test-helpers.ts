/**
 * Helpers shared by the patch tests: deep-freezing inputs (so a test fails if
 * a function mutates them) and asserting on {@link PatchError}s.
 * @module
 */
import assert from "node:assert/strict";
import { PatchError, type PatchErrorStatus } from "./errors.js";

/** Freezes a value and everything in it; returns it for chaining. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Runs `fn`, expects a PatchError with `status`, and returns its message. */
export function patchError(fn: () => unknown, status: PatchErrorStatus, message?: RegExp): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PatchError, `expected a PatchError, got ${String(e)}`);
    assert.equal(e.status, status, `status of: ${e.message}`);
    if (message) assert.match(e.message, message);
    return e.message;
  }
  assert.fail("expected a PatchError");
}

/** Paths of every strategic-merge directive key left in a value. */
export function leakedDirectives(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leakedDirectives(item, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = path ? `${path}.${key}` : key;
    const directive = key === "$patch" || key === "$retainKeys" || key.startsWith("$setElementOrder") || key.startsWith("$deleteFromPrimitiveList");
    return directive ? [here] : leakedDirectives(inner, here);
  });
}
