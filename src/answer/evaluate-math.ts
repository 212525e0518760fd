import type { MathNode } from "./math-ast.js";
import { isUnknownFunction, isWord } from "./math-ast.js";

/** A dense real matrix, row-major. */
export interface MatrixValue {
  rows: number;
  cols: number;
  data: number[];
}

/** A numeric value: a real number or a matrix. */
export type Value = number | MatrixValue;

/** Values of the free variables at one sample point. */
export type Env = (name: string) => number;

/** A fixed pseudo-random number in [0, 1) from a seed (a hash, not a generator: no state). */
export function unitNoise(seed: number): number {
  const s = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return s - Math.floor(s);
}

/** FNV-1a hash of a string, as a float seed. */
export function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i += 1) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return Number.NaN;
  let product = 1;
  for (let k = 2; k <= n; k += 1) product *= k;
  return product;
}

function realRoot(x: number, n: number): number {
  if (x < 0 && Number.isInteger(n) && n % 2 === 1) return -((-x) ** (1 / n));
  return x ** (1 / n);
}

const UNARY: Readonly<Record<string, (x: number) => number>> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => 1 / Math.tan(x),
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  ln: Math.log,
  log: Math.log,
  log10: Math.log10,
  exp: Math.exp,
  factorial,
};

function isMatrix(value: Value): value is MatrixValue {
  return typeof value !== "number";
}

function matrixOp(op: string, a: Value, b: Value): Value | null {
  if (!isMatrix(a) && !isMatrix(b)) return null;
  if (op === "+" || op === "-") {
    if (!isMatrix(a) || !isMatrix(b) || a.rows !== b.rows || a.cols !== b.cols) return null;
    return { rows: a.rows, cols: a.cols, data: a.data.map((x, i) => (op === "+" ? x + (b.data[i] ?? 0) : x - (b.data[i] ?? 0))) };
  }
  if (op === "*" && isMatrix(a) && isMatrix(b)) {
    if (a.cols !== b.rows) return null;
    const data: number[] = [];
    for (let r = 0; r < a.rows; r += 1) {
      for (let c = 0; c < b.cols; c += 1) {
        let sum = 0;
        for (let k = 0; k < a.cols; k += 1) sum += (a.data[r * a.cols + k] ?? 0) * (b.data[k * b.cols + c] ?? 0);
        data.push(sum);
      }
    }
    return { rows: a.rows, cols: b.cols, data };
  }
  if (op === "*" || (op === "/" && isMatrix(a))) {
    const [m, s] = isMatrix(a) ? [a, b as number] : [b as MatrixValue, a];
    return { rows: m.rows, cols: m.cols, data: m.data.map((x) => (op === "*" ? x * s : x / s)) };
  }
  return null;
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    default:
      return a ** b;
  }
}

/**
 * Evaluates a node at one point, in real floating point (NaN outside the domain).
 * @param node - A scalar or matrix expression.
 * @param env - Values of the free variables.
 * @returns The value, or `null` for nodes without a numeric value (sets, relations, text).
 */
export function evaluate(node: MathNode, env: Env): Value | null {
  switch (node.kind) {
    case "num":
      return node.value;
    case "const":
      return node.name === "pi" ? Math.PI : node.name === "e" ? Math.E : Number.POSITIVE_INFINITY;
    case "sym":
      if (isWord(node.name)) return [...node.name].reduce((product, letter) => product * env(letter), 1);
      return env(node.name);
    case "neg":
    case "pct": {
      const value = evaluate(node.arg, env);
      if (value === null || node.kind === "pct") return value;
      return isMatrix(value) ? { ...value, data: value.data.map((x) => -x) } : -value;
    }
    case "bin": {
      const left = evaluate(node.left, env);
      const right = evaluate(node.right, env);
      if (left === null || right === null) return null;
      if (isMatrix(left) || isMatrix(right)) return matrixOp(node.op, left, right);
      return binary(node.op, left, right);
    }
    case "fn":
      return evaluateCall(node.name, node.args, env);
    case "matrix": {
      const data: number[] = [];
      for (const cell of node.rows.flat()) {
        const value = evaluate(cell, env);
        if (value === null || isMatrix(value)) return null;
        data.push(value);
      }
      return { rows: node.rows.length, cols: node.rows[0]?.length ?? 0, data };
    }
    default:
      return null;
  }
}

function evaluateCall(name: string, args: readonly MathNode[], env: Env): Value | null {
  const values: number[] = [];
  for (const arg of args) {
    const value = evaluate(arg, env);
    if (value === null || isMatrix(value)) return null;
    values.push(value);
  }
  const [x = Number.NaN, y = Number.NaN] = values;
  if (isUnknownFunction(name)) {
    // An unknown function is a fixed pseudo-random function of its arguments.
    return unitNoise(values.reduce((seed, v, i) => seed + v * (i + 1.37), hashName(name) * 1000)) * 4 - 2;
  }
  if (name === "root") return realRoot(x, y);
  if (name === "binom") return factorial(x) / (factorial(y) * factorial(x - y));
  if (name === "log" && values.length === 2) return Math.log(x) / Math.log(y);
  const fn = UNARY[name];
  return fn === undefined ? null : fn(x);
}
