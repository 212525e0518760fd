import type { MathNode } from "./math-ast.js";
import { MathSyntaxError } from "./math-token.js";

type Opener = "(" | "[" | "{" | "\\{";
type Closer = ")" | "]" | "}" | "\\}";

/**
 * What a bracketed list means: `(x)` and `[x]` group, `(a, b)` is a pair (and, when compared with
 * an interval, an open interval), `[a, b]`, `[a, b)` and `(a, b]` are intervals, `\{…\}` is a set,
 * `{a, b}` a list (LaTeX braces only group), `[a, b, c]` a vector.
 * @param open - The opening bracket.
 * @param items - The comma-separated items inside.
 * @param close - The closing bracket.
 * @returns The node.
 * @throws MathSyntaxError for mismatched or empty brackets.
 */
export function bracketNode(open: Opener, items: MathNode[], close: Closer): MathNode {
  const [first, second] = items;
  if (first === undefined) throw new MathSyntaxError("Empty brackets.");
  if (open === "\\{" || open === "{") {
    if (close !== (open === "{" ? "}" : "\\}")) throw new MathSyntaxError("Mismatched braces.");
    if (open === "\\{") return { kind: "set", items };
    return items.length === 1 ? first : { kind: "list", items };
  }
  if (close !== ")" && close !== "]") throw new MathSyntaxError("Mismatched brackets.");
  if (items.length === 1 && ((open === "(" && close === ")") || (open === "[" && close === "]"))) return first;
  if (open === "(" && close === ")") return { kind: "tuple", items };
  if (second !== undefined && items.length === 2) {
    return { kind: "interval", lo: first, hi: second, loOpen: open === "(", hiOpen: close === ")" };
  }
  if (open === "[" && close === "]") return { kind: "tuple", items };
  throw new MathSyntaxError("A half-open interval needs two endpoints.");
}

/**
 * A matrix from its parsed rows (a trailing `\\` leaves an empty last row, dropped here).
 * @param rows - Cells by row.
 * @returns The matrix node.
 * @throws MathSyntaxError when the rows differ in length or the matrix is empty.
 */
export function matrixNode(rows: MathNode[][]): MathNode {
  if ((rows[rows.length - 1] as MathNode[]).length === 0) rows.pop();
  const width = rows[0]?.length ?? 0;
  if (width === 0 || rows.some((row) => row.length !== width)) throw new MathSyntaxError("A matrix must be rectangular.");
  return { kind: "matrix", rows };
}
