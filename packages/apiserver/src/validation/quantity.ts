/**
 * Resource quantities (`500m`, `1.5Gi`, `1e3`), parsed exactly as rationals
 * so requests and limits compare without rounding, and printed in a
 * canonical form close to upstream's `Quantity.String()` (`0.5` → `500m`,
 * `2000` → `2k`, `1024Mi` → `1Gi`) for use in messages.
 * @module
 */

/** A parsed quantity: the exact value `num / den`, and how it was written. */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
  readonly format: "DecimalSI" | "BinarySI" | "DecimalExponent";
}

/** The message upstream's JSON decoding gives for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

const pow = (base: bigint, exp: number) => base ** BigInt(exp);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

function make(num: bigint, den: bigint, format: Quantity["format"]): Quantity {
  const g = gcd(num, den);
  return { num: num / g, den: den / g, format };
}

/** Parses a quantity (a string, or a JSON number as clients may send); undefined when malformed. */
export function parseQuantity(input: unknown): Quantity | undefined {
  const s = typeof input === "number" && Number.isFinite(input) ? String(input) : input;
  if (typeof s !== "string") return undefined;
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const [, sign, number, suffix = "", exponent] = m;
  const [whole, frac = ""] = number.split(".");
  let num = BigInt(`${whole || "0"}${frac}`) * (sign === "-" ? -1n : 1n);
  let den = pow(10n, frac.length);
  if (exponent !== undefined) {
    const e = Number(exponent);
    if (Math.abs(e) > 1000) return undefined;
    if (e >= 0) num *= pow(10n, e);
    else den *= pow(10n, -e);
    return make(num, den, "DecimalExponent");
  }
  if (suffix in BINARY_SUFFIXES) return make(num * pow(1024n, BINARY_SUFFIXES[suffix]), den, "BinarySI");
  const e = DECIMAL_SUFFIXES[suffix];
  if (e >= 0) num *= pow(10n, e);
  else den *= pow(10n, -e);
  return make(num, den, "DecimalSI");
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Whether the value is a whole number. */
export function isIntegral(q: Quantity): boolean {
  return q.den === 1n;
}

function decimalString(q: Quantity, exponentStyle: boolean): string {
  // Round up to whole nanos, as upstream does for values it cannot represent.
  let nanos = (q.num * 1_000_000_000n) / q.den;
  if (nanos * q.den !== q.num * 1_000_000_000n && q.num > 0n) nanos += 1n;
  if (nanos === 0n) return "0";
  // Largest power of 1000 (nano up to exa) that keeps the mantissa whole.
  let exp = -9;
  let mantissa = nanos;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (exponentStyle) return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === exp) ?? "";
  return `${mantissa}${suffix}`;
}

/** A canonical string, as upstream's `Quantity.String()` would print the value. */
export function quantityString(q: Quantity): string {
  if (q.format === "BinarySI" && isIntegral(q) && (q.num >= 1024n || q.num <= -1024n)) {
    let value = q.num;
    let power = 0;
    while (power < 6 && value % 1024n === 0n) {
      value /= 1024n;
      power++;
    }
    const suffix = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === power) ?? "";
    return `${value}${suffix}`;
  }
  return decimalString(q, q.format === "DecimalExponent");
}
