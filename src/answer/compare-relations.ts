import type { MathNode, RelOp } from "./math-ast.js";
import { freeSymbols, nodeKey } from "./math-ast.js";
import { proportional } from "./compare-numeric.js";

type Rel = Extract<MathNode, { kind: "rel" }>;
/** Element comparer passed down so the relation code needs no import of the main comparer. */
export type NodeEqual = (gold: MathNode, pred: MathNode) => boolean;

const NEG_INF: MathNode = { kind: "neg", arg: { kind: "const", name: "inf" } };
const POS_INF: MathNode = { kind: "const", name: "inf" };

/** Relations and chains of relations (`x < 3`, `a = b = c`, `1 < x \le 2`). */
export function isRelation(node: MathNode): node is Rel {
  return node.kind === "rel";
}

/** All links are `=`. */
export function isEquation(node: MathNode): node is Rel {
  return node.kind === "rel" && node.ops.every((op) => op === "=");
}

/**
 * A name built only of symbols (latex2sympy's rule): `x`, `f(x)`, `|AB|`, `S_{MBCN}:S`,
 * `\frac{NO}{BO}`, `V_1 : V_2`. Numbers and constants make it an expression, not a name.
 */
function onlySymbols(node: MathNode): boolean {
  switch (node.kind) {
    case "sym":
    case "text":
      return true;
    case "fn":
      return node.args.length > 0 && node.args.every(onlySymbols);
    case "bin":
      return (node.op === "*" || node.op === "/") && onlySymbols(node.left) && onlySymbols(node.right);
    case "tuple":
      return node.items.every(onlySymbols);
    default:
      return false;
  }
}

/** `x = 5`, `f(x) = …`, `|AB| = 1`, `A:B = 1`: an equation whose left side names what it assigns. */
export function isAssignment(node: MathNode): node is Rel {
  return isEquation(node) && onlySymbols(node.parts[0] as MathNode);
}

/** `x = a = b` → `x = b`. */
export function truncateAssignment(node: Rel): Rel {
  return { kind: "rel", ops: ["="], parts: [node.parts[0] as MathNode, node.parts[node.parts.length - 1] as MathNode] };
}

/** The right-most side of a chain. */
export function lastSide(node: Rel): MathNode {
  return node.parts[node.parts.length - 1] as MathNode;
}

function interval(lo: MathNode, hi: MathNode, loOpen: boolean, hiOpen: boolean): MathNode {
  return { kind: "interval", lo, hi, loOpen, hiOpen };
}

/** `x op c` as a set of x; `op` already oriented with x on the left. */
function halfLine(op: RelOp, c: MathNode): MathNode {
  switch (op) {
    case "<":
    case "<=":
      return interval(NEG_INF, c, true, op === "<");
    case ">":
    case ">=":
      return interval(c, POS_INF, op === ">", true);
    case "=":
      return { kind: "set", items: [c] };
    case "!=":
      return { kind: "union", parts: [interval(NEG_INF, c, true, true), interval(c, POS_INF, true, true)] };
  }
}

const FLIP: Readonly<Record<RelOp, RelOp>> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!=" };

/**
 * The solution set of a relation in one variable: `x > 5` → (5, ∞), `-2 \le x \le 7` → [-2, 7].
 * @param rel - The relation.
 * @returns The set, or `null` when the relation is not of that shape.
 */
export function relationToSet(rel: Rel): MathNode | null {
  const [a, b, c] = rel.parts as [MathNode, MathNode, MathNode | undefined];
  const [op1, op2] = rel.ops as [RelOp, RelOp | undefined];
  const constant = (node: MathNode): boolean => freeSymbols(node).size === 0;
  if (c === undefined) {
    if (isQuantity(a) && constant(b)) return absolute(a, halfLine(op1, b));
    if (isQuantity(b) && constant(a)) return absolute(b, halfLine(FLIP[op1], a));
    return null;
  }
  if (op2 === undefined || rel.parts.length !== 3 || !isQuantity(b) || !constant(a) || !constant(c)) return null;
  const lower = (op: RelOp): boolean => op === "<" || op === "<=";
  if (lower(op1) && lower(op2)) return absolute(b, interval(a, c, op1 === "<", op2 === "<"));
  if (!lower(op1) && !lower(op2) && op1 !== "=" && op2 !== "=" && op1 !== "!=" && op2 !== "!=") {
    return absolute(b, interval(c, a, op2 === ">", op1 === ">"));
  }
  return null;
}

/** What a one-variable relation constrains: a variable, a function of one (`f(x)`), or `|x|`. */
function isQuantity(node: MathNode): boolean {
  if (node.kind === "sym") return true;
  if (node.kind === "fn" && node.args.length === 1) {
    const [arg] = node.args as [MathNode];
    return (node.name === "abs" || node.name.length === 1) && arg.kind === "sym";
  }
  return false;
}

/**
 * For `|z|`, the set of z whose absolute value lies in `set` (only for sets of non-negative
 * numbers given as one interval): `1 \le |z| \le 3/2` is [−3/2, −1] ∪ [1, 3/2].
 */
function absolute(quantity: MathNode, set: MathNode): MathNode | null {
  if (quantity.kind !== "fn" || quantity.name !== "abs") return set;
  if (set.kind !== "interval") return null;
  const neg = (node: MathNode): MathNode => (node.kind === "neg" ? node.arg : { kind: "neg", arg: node });
  const zero = set.lo.kind === "num" && set.lo.digits === "0";
  if (set.lo.kind === "neg" && set.lo.arg.kind === "const") return interval(neg(set.hi), set.hi, set.hiOpen, set.hiOpen);
  if (zero && set.loOpen)
    return { kind: "union", parts: [interval(neg(set.hi), set.lo, set.hiOpen, true), interval(set.lo, set.hi, true, set.hiOpen)] };
  if (zero) return interval(neg(set.hi), set.hi, set.hiOpen, set.hiOpen);
  return {
    kind: "union",
    parts: [interval(neg(set.hi), neg(set.lo), set.hiOpen, set.loOpen), interval(set.lo, set.hi, set.loOpen, set.hiOpen)],
  };
}

/** `a op b` as `d op' 0` with op' one of `<`, `<=`, `=`, `!=` (so `5 \geq x` reads as `x - 5 \le 0`). */
function normalize(lhs: MathNode, op: RelOp, rhs: MathNode): { d: MathNode; op: RelOp } {
  if (op === ">" || op === ">=") return { d: { kind: "bin", op: "-", left: rhs, right: lhs }, op: op === ">" ? "<" : "<=" };
  return { d: { kind: "bin", op: "-", left: lhs, right: rhs }, op };
}

function singleEqual(g: [MathNode, RelOp, MathNode], p: [MathNode, RelOp, MathNode], equal: NodeEqual): boolean {
  // `x = 1/3` and `x = 0.333333`: the same assignment, compared on the values (with rounding).
  if (g[1] === "=" && p[1] === "=" && nodeKey(g[0]) === nodeKey(p[0]) && equal(g[2], p[2])) return true;
  const a = normalize(...g);
  const b = normalize(...p);
  if (a.op !== b.op) return false;
  return proportional(a.d, b.d, a.op === "<" || a.op === "<=");
}

/**
 * Whether two relations say the same thing: same kind after orienting, and sides that differ by a
 * constant factor (positive for inequalities). Chains compare link by link.
 * @param gold - Gold relation.
 * @param pred - Predicted relation.
 * @param equal - Element comparer for values on the right of assignments.
 * @returns Whether they are equivalent.
 */
export function relationsEqual(gold: Rel, pred: Rel, equal: NodeEqual): boolean {
  if (gold.ops.length !== pred.ops.length) return false;
  return gold.ops.every((op, i) => {
    const pOp = pred.ops[i] as RelOp;
    const g: [MathNode, RelOp, MathNode] = [gold.parts[i] as MathNode, op, gold.parts[i + 1] as MathNode];
    const p: [MathNode, RelOp, MathNode] = [pred.parts[i] as MathNode, pOp, pred.parts[i + 1] as MathNode];
    return singleEqual(g, p, equal);
  });
}
