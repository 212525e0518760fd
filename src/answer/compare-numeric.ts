import type { MathNode } from "./math-ast.js";
import { freeSymbols, numberAtom } from "./math-ast.js";
import { evaluate, hashName, unitNoise, type Env, type Value } from "./evaluate-math.js";

/** Relative tolerance for two exact expressions evaluated in floating point (`√117` vs `3√13`). */
const EXACT_TOLERANCE = 1e-10;
/** Relative tolerance at random sample points, where cancellation costs a few more digits. */
const SAMPLE_TOLERANCE = 1e-8;
/** Sample points per identity test: three positive and one negative, so `|x|` differs from `x`. */
const SAMPLE_SIGNS = [1, 1, 1, -1] as const;

/** Whether two floats agree to a relative tolerance (infinities agree with themselves). */
export function close(a: number, b: number, tolerance = EXACT_TOLERANCE): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
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

/** Value candidates of a side: `28%` reads as 28, and also as 0.28 when the other side has no `%`. */
function percentReadings(node: MathNode, value: number, otherIsPercent: boolean): number[] {
  return node.kind === "pct" && !otherIsPercent ? [value, value / 100] : [value];
}

/**
 * Compares two scalar expressions: integers exactly (any size), decimals after rounding to
 * `precision` places, exact expressions numerically, and expressions with variables by evaluating
 * both at the same sample points.
 * @param gold - Gold expression.
 * @param pred - Predicted expression.
 * @param precision - Decimal places for decimals.
 * @returns `numeric` or `symbolic` when equal, else `null`.
 */
export function scalarsEqual(gold: MathNode, pred: MathNode, precision: number): "numeric" | "symbolic" | null {
  const goldInt = integerLiteral(gold);
  const predInt = integerLiteral(pred);
  if (goldInt !== null && predInt !== null) return goldInt === predInt ? "numeric" : null;
  const symbols = freeSymbols(pred, freeSymbols(gold));
  if (symbols.size === 0) {
    const g = scalar(evaluate(gold, CONSTANT_ENV));
    const p = scalar(evaluate(pred, CONSTANT_ENV));
    if (g === null || p === null || Number.isNaN(g) || Number.isNaN(p)) return null;
    const goldAtom = numberAtom(gold);
    const predAtom = numberAtom(pred);
    const rounded = (goldAtom?.float ?? false) || (predAtom?.float ?? false);
    for (const a of percentReadings(gold, g, pred.kind === "pct")) {
      for (const b of percentReadings(pred, p, gold.kind === "pct")) {
        if (rounded ? roundedEqual(a, b, precision) : close(a, b)) return "numeric";
      }
    }
    return null;
  }
  return sampledEqual(gold, pred) ? "symbolic" : null;
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
