/**
 * The error every selector parser throws. Its message is upstream's, so the
 * API server can return it as the 400 BadRequest message unchanged.
 * @module
 */
import type { FieldError } from "../validation/field-error.js";

const BRAND = Symbol.for("kube-ts.SelectorParseError");

/** A label or field selector that does not parse or does not validate. */
export class SelectorParseError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = "KUBE_SELECTOR_PARSE";
  /** Which syntax failed. */
  readonly syntax: "label" | "field";
  /** The field errors behind the message, when it came from requirement validation. */
  readonly causes: readonly FieldError[];

  constructor(syntax: "label" | "field", message: string, causes: readonly FieldError[] = []) {
    super(message);
    this.name = "SelectorParseError";
    this.syntax = syntax;
    this.causes = causes;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof` that also recognizes errors from another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }
}
