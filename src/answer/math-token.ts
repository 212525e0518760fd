import type { RelOp } from "./math-ast.js";

/** Private-use character that marks an explicit thousands separator (`{,}`, `,\!`) before tokenizing. */
export const THOUSANDS = "\uE000";

/** A token of a math answer. */
export type Token =
  | { t: "num"; text: string }
  | { t: "id"; name: string }
  | { t: "word"; name: string }
  | { t: "fn"; name: string }
  | { t: "frac" }
  | { t: "binom" }
  | { t: "sqrt"; index: Token[] | null }
  | { t: "const"; name: "pi" | "e" | "inf" }
  | { t: "op"; op: "+" | "-" | "*" | "/" | "^" | "_" | "!" | "%" | "pm" | "mp" }
  | { t: "rel"; op: RelOp | "approx" }
  | { t: "in" }
  | { t: "semi" }
  | { t: "bigop"; name: "sum" | "prod" }
  | { t: "cup" }
  | { t: "open"; ch: "(" | "[" | "{" | "\\{" }
  | { t: "close"; ch: ")" | "]" | "}" | "\\}" }
  | { t: "bar" }
  | { t: "sep" }
  | { t: "text"; text: string }
  | { t: "matbegin" }
  | { t: "matend" }
  | { t: "rowsep" }
  | { t: "colsep" };

/**
 * Raised inside the tokenizer and parser; callers turn it into "unparseable". Not an `Error`: it is
 * control flow that never leaves `parseMathAnswer`, and capturing a stack trace for each of the
 * thousands of unparseable spans of a degenerate completion (`$($` repeated) cost more than parsing.
 */
export class MathSyntaxError {
  readonly name = "MathSyntaxError";
  constructor(readonly message: string) {}
}

/** Canonical digits of a decimal literal: no leading zeros, no trailing fractional zeros. */
export function canonicalDigits(text: string): string {
  const dot = text.indexOf(".");
  let int = dot === -1 ? text : text.slice(0, dot);
  let frac = dot === -1 ? "" : text.slice(dot + 1);
  // Index loops, not /0+$/: that regex is quadratic on a long run of zeros.
  let start = 0;
  while (start < int.length && int.charCodeAt(start) === 48) start += 1;
  int = start === int.length ? "0" : int.slice(start);
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end -= 1;
  frac = frac.slice(0, end);
  return frac === "" ? int : `${int}.${frac}`;
}
