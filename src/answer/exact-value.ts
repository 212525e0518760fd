import type { MathNode } from "./math-ast.js";

/**
 * Exact rational arithmetic for answers made of integers, decimals, `+ − × ÷` and integer powers,
 * so that floats never decide what integers can: `2^{40}+5` is not 1099511627776, `10^{400}` is
 * not `\infty`, and `\frac{1}{0}` has no value at all.
 */

/** A reduced fraction with a positive denominator. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

/** Results larger than this many bits are not computed (they are not answers, and cost time). */
const MAX_BITS = 4096;
/** Exponents beyond this are not expanded exactly. */
const MAX_EXPONENT = 4096;

/** |value| ≥ 2^MAX_BITS, that is: more than MAX_BITS bits. */
const TOO_BIG = 1n << BigInt(MAX_BITS);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}

/** Whether a value has more than MAX_BITS bits (`bits(value) > MAX_BITS`, without writing it out in binary). */
function tooBig(value: bigint): boolean {
  return (value < 0n ? -value : value) >= TOO_BIG;
}

function bits(value: bigint): number {
  return value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length;
}

function make(n: bigint, d: bigint): Rational | null {
  if (d === 0n) return null;
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  const r = { n: (sign * n) / g, d: (sign * d) / g };
  return tooBig(r.n) || tooBig(r.d) ? null : r;
}

/**
 * The exact value of a decimal literal's canonical digits (`"12.50"` → 25/2).
 * @param digits - Digits with an optional point.
 * @returns The fraction.
 */
export function decimalRational(digits: string): Rational | null {
  const dot = digits.indexOf(".");
  if (dot === -1) return make(BigInt(digits), 1n);
  const frac = digits.slice(dot + 1);
  return make(BigInt(digits.slice(0, dot) + frac), 10n ** BigInt(frac.length));
}

function power(base: Rational, exponent: Rational): Rational | null {
  if (exponent.d !== 1n) return null;
  const e = exponent.n < 0n ? -exponent.n : exponent.n;
  if (e > BigInt(MAX_EXPONENT)) return null;
  // |n|^e has about e·log2|n| bits: refuse before computing, not after.
  if (Math.max(bits(base.n) - 1, bits(base.d) - 1) * Number(e) > MAX_BITS) return null;
  const n = base.n ** e;
  const d = base.d ** e;
  return exponent.n < 0n ? make(d, n) : make(n, d);
}

/** How a percent sign is read: as a factor 1/100 (`25\%` = 1/4) or as nothing (`25\%` = 25). */
export type PercentReading = "fraction" | "ignore";

/**
 * The exact value of an arithmetic answer, or `null` when it has none that rationals can hold
 * (variables, roots, constants, a zero denominator, results over 4096 bits).
 * @param node - A parsed answer.
 * @param percent - How a percent sign is read.
 * @returns The value, or `null`.
 */
export function exactValue(node: MathNode, percent: PercentReading = "fraction"): Rational | null {
  switch (node.kind) {
    case "num":
      return decimalRational(node.digits);
    case "neg": {
      const v = exactValue(node.arg, percent);
      return v === null ? null : { n: -v.n, d: v.d };
    }
    case "pct": {
      const v = exactValue(node.arg, percent);
      return v === null || percent === "ignore" ? v : make(v.n, v.d * 100n);
    }
    case "bin": {
      const a = exactValue(node.left, percent);
      if (a === null) return null;
      const b = exactValue(node.right, percent);
      if (b === null) return null;
      switch (node.op) {
        case "+":
          return make(a.n * b.d + b.n * a.d, a.d * b.d);
        case "-":
          return make(a.n * b.d - b.n * a.d, a.d * b.d);
        case "*":
          return make(a.n * b.n, a.d * b.d);
        case "/":
          return make(a.n * b.d, a.d * b.n);
        case "^":
          return power(a, b);
      }
      return null;
    }
    default:
      return null;
  }
}

/** Whether two rationals are equal. */
export function rationalsEqual(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}

/**
 * Rounds to `places` decimal places, half away from zero, as an integer count of 10^-places.
 * @param value - The value.
 * @param places - Decimal places.
 * @returns `round(value × 10^places)`.
 */
export function roundRational(value: Rational, places: number): bigint {
  const scaled = value.n * 10n ** BigInt(places);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const q = (abs * 2n + value.d) / (2n * value.d);
  return negative ? -q : q;
}

/**
 * A rational as a float (for comparing with values that only floats can hold).
 * @param value - The value.
 * @returns The nearest double, ±Infinity beyond the double range.
 */
export function rationalToNumber(value: Rational): number {
  return Number(value.n) / Number(value.d);
}
