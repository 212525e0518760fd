import type { MathNode } from "./math-ast.js";
import { freeSymbols } from "./math-ast.js";

function rename(node: MathNode, map: ReadonlyMap<string, string>): MathNode {
  switch (node.kind) {
    case "sym":
      return { kind: "sym", name: map.get(node.name) ?? node.name };
    case "bin":
      return { ...node, left: rename(node.left, map), right: rename(node.right, map) };
    case "neg":
    case "pct":
      return { ...node, arg: rename(node.arg, map) };
    case "pm":
      return { ...node, left: node.left === null ? null : rename(node.left, map), right: rename(node.right, map) };
    case "fn":
      return { ...node, args: node.args.map((arg) => rename(arg, map)) };
    case "tuple":
    case "set":
    case "list":
      return { ...node, items: node.items.map((item) => rename(item, map)) };
    case "interval":
      return { ...node, lo: rename(node.lo, map), hi: rename(node.hi, map) };
    case "union":
      return { ...node, parts: node.parts.map((part) => rename(part, map)) };
    case "rel":
      return { ...node, parts: node.parts.map((part) => rename(part, map)) };
    case "matrix":
      return { ...node, rows: node.rows.map((row) => row.map((cell) => rename(cell, map))) };
    default:
      return node;
  }
}

/**
 * Non-strict mode: renames the prediction's variables to the gold's, in sorted order, when both
 * use the same number of variables (so `f(y) = y^2` matches `f(x) = x^2`).
 * @param pred - Predicted answer.
 * @param gold - Gold answer.
 * @returns The renamed prediction (unchanged when the counts differ).
 */
export function renameSymbols(pred: MathNode, gold: MathNode): MathNode {
  const from = [...freeSymbols(pred)].filter((name) => !name.endsWith("()")).sort();
  const to = [...freeSymbols(gold)].filter((name) => !name.endsWith("()")).sort();
  if (from.length !== to.length || from.length === 0) return pred;
  return rename(pred, new Map(from.map((name, i) => [name, to[i] as string])));
}
