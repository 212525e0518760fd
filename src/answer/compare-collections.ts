import type { MathNode } from "./math-ast.js";
import { canonicalKey, isCollection } from "./math-ast.js";
import type { NodeEqual } from "./compare-relations.js";

/** More elements than this are compared in order only (the matching is quadratic). */
const MAX_UNORDERED = 64;

/** How two collections matched. */
export type CollectionMethod = "set" | "tuple" | "interval";

type Interval = Extract<MathNode, { kind: "interval" }>;

function items(node: MathNode): MathNode[] {
  if (node.kind === "tuple" || node.kind === "set" || node.kind === "list") return node.items;
  return [node];
}

/** `(a, b)` is both a pair and an open interval; read it as the interval when the other side is one. */
function asInterval(node: MathNode): Interval | null {
  if (node.kind === "interval") return node;
  if (node.kind === "tuple" && node.items.length === 2) {
    const [lo, hi] = node.items as [MathNode, MathNode];
    return { kind: "interval", lo, hi, loOpen: true, hiOpen: true };
  }
  return null;
}

function distinct(list: readonly MathNode[], keyOf: (node: MathNode) => string): MathNode[] {
  const seen = new Set<string>();
  return list.filter((node) => {
    const key = keyOf(node);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function inOrder(gold: readonly MathNode[], pred: readonly MathNode[], equal: NodeEqual): boolean {
  return gold.length === pred.length && gold.every((g, i) => equal(g, pred[i] as MathNode));
}

/** Each gold element matched to a distinct predicted element, in any order. */
function anyOrder(gold: readonly MathNode[], pred: readonly MathNode[], equal: NodeEqual): boolean {
  if (gold.length !== pred.length) return false;
  if (gold.length > MAX_UNORDERED) return inOrder(gold, pred, equal);
  const used = new Array<boolean>(pred.length).fill(false);
  return gold.every((g) => {
    const index = pred.findIndex((p, i) => !used[i] && equal(g, p));
    if (index === -1) return false;
    used[index] = true;
    return true;
  });
}

function intervalsEqual(gold: Interval, pred: Interval, equal: NodeEqual): boolean {
  return gold.loOpen === pred.loOpen && gold.hiOpen === pred.hiOpen && equal(gold.lo, pred.lo) && equal(gold.hi, pred.hi);
}

/**
 * Compares sets, tuples, intervals and unions, Math-Verify style: sets in any order, tuples in
 * order, intervals by endpoints and brackets; a single value equals a one-element set, and an open
 * interval `(a, b)` equals the pair `a, b`.
 * @param gold - Gold value (at least one side is a collection).
 * @param pred - Predicted value.
 * @param equal - Element comparer.
 * @param keyOf - The canonical key of an element (a caller may remember them).
 * @returns The method when equal, else `null`.
 */
export function collectionsEqual(
  gold: MathNode,
  pred: MathNode,
  equal: NodeEqual,
  keyOf: (node: MathNode) => string = canonicalKey,
): CollectionMethod | null {
  if (gold.kind === "union" || pred.kind === "union") {
    if (gold.kind !== "union" || pred.kind !== "union") return null;
    return anyOrder(gold.parts, pred.parts, equal) ? "set" : null;
  }
  if (gold.kind === "interval" || pred.kind === "interval") {
    const g = asInterval(gold);
    const p = asInterval(pred);
    if (g !== null && p !== null) return intervalsEqual(g, p, equal) ? "interval" : null;
    // `(1, 3)` against the listed pair `1, 3`.
    const open = gold.kind === "interval" ? gold : (pred as Interval);
    const other = open === gold ? pred : gold;
    if (!open.loOpen || !open.hiOpen || !(other.kind === "list" || other.kind === "set")) return null;
    const pair = [open.lo, open.hi];
    return (open === gold ? inOrder(pair, other.items, equal) : inOrder(other.items, pair, equal)) ? "interval" : null;
  }
  const g = items(gold);
  const p = items(pred);
  if (gold.kind === "tuple" && pred.kind === "tuple") return inOrder(g, p, equal) ? "tuple" : null;
  if (gold.kind !== "tuple" && pred.kind !== "tuple") {
    // A set holds each element once: `{(3,17,3,7), (3,17,3,7)}` is one pair.
    return anyOrder(distinct(g, keyOf), distinct(p, keyOf), equal) ? "set" : null;
  }
  if (gold.kind === "tuple") return isCollection(pred) && inOrder(g, p, equal) ? "tuple" : null;
  if (pred.kind === "tuple") return isCollection(gold) && anyOrder(g, p, equal) ? "set" : null;
  return anyOrder(g, p, equal) ? "set" : null;
}
