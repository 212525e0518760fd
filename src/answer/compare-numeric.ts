import type { MathNode } from "./math-ast.js";
import { children, freeSymbols, numberAtom } from "./math-ast.js";
import { exactValue, rationalToNumber, rationalsEqual, roundRational, type PercentReading, type Rational } from "./exact-value.js";
import type { PercentMode } from "./options.js";
import { evaluate, hashName, unitNoise, type Env, type Value } from "./evaluate-math.js";

/** Relative tolerance for two exact expressions evaluated in floating point (`√117` vs `3√13`). */
const EXACT_TOLERANCE = 1e-10;
/** Relative tolerance at random sample points, where cancellation costs a few more digits. */
const SAMPLE_TOLERANCE = 1e-8;
/** Sample points per identity test: three positive and one negative, so `|x|` differs from `x`. */
const SAMPLE_SIGNS = [1, 1, 1, -1] as const;

/** Whether two floats agree to a relative tolerance; an infinity or NaN agrees with nothing (overflow is not a value). */
export function close(a: number, b: number, tolerance = EXACT_TOLERANCE): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Rounds both sides to `precision` decimal places and compares, as Math-Verify does for decimals. */
export function roundedEqual(a: number, b: number, precision: number): boolean {
  const factor = 10 ** precision;
  return Math.round(a * factor) === Math.round(b * factor);
}

/**
 * Deterministic sample points for an identity test: each variable gets a fixed pseudo-random value
 * in [0.5, 2.5] (negated at the last point), the same for gold and prediction, with no shared state.
 * @returns One environment per point.
 */
export function samplePoints(): Env[] {
  return SAMPLE_SIGNS.map((sign, point) => (name: string) => sign * (0.5 + 2 * unitNoise(hashName(name) * 977 + point * 31.7)));
}

const CONSTANT_ENV: Env = () => Number.NaN;

function integerLiteral(node: MathNode): string | null {
  if (node.kind === "num" && !node.float) return node.digits;
  if (node.kind === "neg") {
    const inner = integerLiteral(node.arg);
    return inner === null ? null : inner === "0" ? "0" : `-${inner}`;
  }
  return null;
}

function scalar(value: Value | null): number | null {
  return typeof value === "number" ? value : null;
}

function hasPercent(node: MathNode): boolean {
  return node.kind === "pct" || children(node).some(hasPercent);
}

/**
 * The ways of reading the percent signs of both sides: `either` also reads a percent as its bare
 * number when only one side has one (`25\%` = 25 = 0.25); `fraction` is Math-Verify's (`25\%` = 0.25).
 */
function percentReadings(gold: MathNode, pred: MathNode, mode: PercentMode): [PercentReading, PercentReading][] {
  const g = hasPercent(gold);
  const p = hasPercent(pred);
  if (mode === "fraction" || g === p) return [["fraction", "fraction"]];
  return g
    ? [
        ["fraction", "fraction"],
        ["ignore", "fraction"],
      ]
    : [
        ["fraction", "fraction"],
        ["fraction", "ignore"],
      ];
}

/** A float value under a percent reading (a top-level percent only; deeper ones evaluate as their number). */
function floatValue(node: MathNode, exact: Rational | null, reading: PercentReading): number | null {
  if (exact !== null) return rationalToNumber(exact);
  const value = scalar(evaluate(node, CONSTANT_ENV));
  if (value === null || Number.isNaN(value)) return null;
  return node.kind === "pct" && reading === "fraction" ? value / 100 : value;
}

/**
 * Compares two scalar expressions: arithmetic on integers and decimals exactly (rationals of any
 * size: `2^{40}+5` is not 1099511627776), decimals after rounding both sides to `precision` places,
 * other constant expressions in floating point (an overflow or a division by zero equals nothing),
 * and expressions with variables by evaluating both at the same sample points.
 * @param gold - Gold expression.
 * @param pred - Predicted expression.
 * @param precision - Decimal places for decimals.
 * @param percent - How percent signs are read.
 * @returns `numeric` or `symbolic` when equal, else `null`.
 */
export function scalarsEqual(
  gold: MathNode,
  pred: MathNode,
  precision: number,
  percent: PercentMode = "either",
): "numeric" | "symbolic" | null {
  const goldInt = integerLiteral(gold);
  const predInt = integerLiteral(pred);
  if (goldInt !== null && predInt !== null) return goldInt === predInt ? "numeric" : null;
  const symbols = freeSymbols(pred, freeSymbols(gold));
  if (symbols.size > 0) return sampledEqual(gold, pred) ? "symbolic" : null;
  // Math-Verify rounds only when one side is a decimal literal (`0.333333` vs `1/3`).
  const rounded = (numberAtom(gold)?.float ?? false) || (numberAtom(pred)?.float ?? false);
  for (const [gr, pr] of percentReadings(gold, pred, percent)) {
    const g = exactValue(gold, gr);
    const p = exactValue(pred, pr);
    if (g !== null && p !== null) {
      if (rounded ? roundRational(g, precision) === roundRational(p, precision) : rationalsEqual(g, p)) return "numeric";
      continue;
    }
    const a = floatValue(gold, g, gr);
    const b = floatValue(pred, p, pr);
    if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (rounded ? roundedEqual(a, b, precision) : close(a, b)) return "numeric";
  }
  return null;
}

/** Evaluates both sides at the sample points; equal when every defined point agrees (two at least). */
export function sampledEqual(gold: MathNode, pred: MathNode): boolean {
  let agreed = 0;
  for (const env of samplePoints()) {
    const g = evaluate(gold, env);
    const p = evaluate(pred, env);
    if (g === null || p === null) return false;
    if (typeof g === "number" && typeof p === "number") {
      if (!Number.isFinite(g) || !Number.isFinite(p)) continue;
      if (!close(g, p, SAMPLE_TOLERANCE)) return false;
    } else if (typeof g !== "number" && typeof p !== "number") {
      if (g.rows !== p.rows || g.cols !== p.cols) return false;
      if (!g.data.every((x, i) => close(x, p.data[i] ?? Number.NaN, SAMPLE_TOLERANCE) || Number.isNaN(x))) return false;
    } else {
      return false;
    }
    agreed += 1;
  }
  return agreed >= 2;
}

/**
 * Whether `b` is a constant multiple of `a` (`2x+4y-3` and `y+x/2-3/4`): how equations and
 * inequalities written differently are recognized as the same.
 * @param a - Gold difference (lhs − rhs).
 * @param b - Predicted difference.
 * @param positive - Require a positive factor (inequalities keep their direction).
 * @returns Whether the two are proportional.
 */
export function proportional(a: MathNode, b: MathNode, positive: boolean): boolean {
  const symbols = freeSymbols(b, freeSymbols(a));
  const envs = symbols.size === 0 ? [CONSTANT_ENV] : samplePoints();
  let ratio: number | null = null;
  let points = 0;
  for (const env of envs) {
    const x = scalar(evaluate(a, env));
    const y = scalar(evaluate(b, env));
    if (x === null || y === null) return false;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (Math.abs(x) < 1e-12) {
      if (Math.abs(y) > 1e-9) return false;
      continue;
    }
    const r = y / x;
    if (ratio === null) ratio = r;
    else if (!close(ratio, r, SAMPLE_TOLERANCE)) return false;
    points += 1;
  }
  if (ratio === null) return symbols.size === 0;
  if (symbols.size === 0) return close(ratio, 1);
  return points >= 2 && ratio !== 0 && (!positive || ratio > 0);
}
