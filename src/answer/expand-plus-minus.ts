import type { MathNode } from "./math-ast.js";
import { children } from "./math-ast.js";

/** `a \pm b \pm c …` expands into at most this many alternatives; beyond, the node is kept whole. */
const MAX_ALTERNATIVES = 16;

/** Whether a `±` occurs anywhere; the common node kinds are walked without building child lists. */
function hasPlusMinus(node: MathNode): boolean {
  switch (node.kind) {
    case "pm":
      return true;
    case "num":
    case "const":
    case "sym":
    case "text":
      return false;
    case "bin":
      return hasPlusMinus(node.left) || hasPlusMinus(node.right);
    case "neg":
    case "pct":
      return hasPlusMinus(node.arg);
    default:
      return children(node).some(hasPlusMinus);
  }
}

function product<T>(lists: readonly T[][], limit: number): T[][] | null {
  let result: T[][] = [[]];
  for (const list of lists) {
    const next: T[][] = [];
    for (const prefix of result) for (const item of list) next.push([...prefix, item]);
    if (next.length > limit) return null;
    result = next;
  }
  return result;
}

function alternatives(node: MathNode): MathNode[] {
  switch (node.kind) {
    case "pm": {
      const lefts: (MathNode | null)[] = node.left === null ? [null] : alternatives(node.left);
      const out: MathNode[] = [];
      for (const left of lefts) {
        for (const right of alternatives(node.right)) {
          const plus: MathNode = left === null ? right : { kind: "bin", op: "+", left, right };
          const minus: MathNode = left === null ? { kind: "neg", arg: right } : { kind: "bin", op: "-", left, right };
          out.push(...(node.minusFirst ? [minus, plus] : [plus, minus]));
        }
      }
      return out.length > MAX_ALTERNATIVES ? [node] : out;
    }
    case "bin": {
      const combos = product([alternatives(node.left), alternatives(node.right)], MAX_ALTERNATIVES);
      return combos === null ? [node] : combos.map(([left, right]) => ({ ...node, left: left as MathNode, right: right as MathNode }));
    }
    case "neg":
    case "pct":
      return alternatives(node.arg).map((arg) => ({ ...node, arg }));
    case "fn": {
      const combos = product(node.args.map(alternatives), MAX_ALTERNATIVES);
      return combos === null ? [node] : combos.map((args) => ({ ...node, args }));
    }
    case "rel": {
      const combos = product(node.parts.map(alternatives), MAX_ALTERNATIVES);
      return combos === null ? [node] : combos.map((parts) => ({ ...node, parts }));
    }
    case "set":
    case "list":
      return [{ ...node, items: node.items.flatMap(alternatives) }];
    default:
      return [node];
  }
}

/**
 * Expands `±`: `1 \pm \sqrt{19}` becomes the set {1 + √19, 1 − √19}, and `\{1 \pm \sqrt 5, -2\}`
 * a set of three, so the comparer sees plain values.
 * @param node - A parsed answer.
 * @returns The node, with every `±` expanded (up to 16 alternatives).
 */
export function expandPlusMinus(node: MathNode): MathNode {
  if (!hasPlusMinus(node)) return node;
  const options = alternatives(node);
  const [only] = options;
  return options.length === 1 && only !== undefined ? only : { kind: "set", items: options };
}
