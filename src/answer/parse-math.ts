import type { MathNode, RelOp } from "./math-ast.js";
import { MathSyntaxError, canonicalDigits, type Token } from "./math-token.js";
import { bracketNode, matrixNode } from "./parse-structures.js";
import { OperandParser, startsOperand } from "./parse-operands.js";
import { tokenizeMath } from "./tokenize-math.js";

/** Deeper nesting than this is garbage, not an answer; the guard also keeps the stack safe. */
const MAX_DEPTH = 100;
const UNKNOWN_FUNCTIONS = new Set(["f", "g", "h"]);

function numNode(text: string): MathNode {
  return { kind: "num", value: Number(text), digits: canonicalDigits(text), float: text.includes(".") };
}

function integerLiteral(node: MathNode): boolean {
  return node.kind === "num" && !node.float;
}

/**
 * `137 \frac{1}{2}` is the mixed number 137½, not 137 × ½ (latex2sympy's reading): an integer
 * followed directly by a fraction of two positive integers. Anything else juxtaposed multiplies.
 */
function mixedNumber(left: MathNode, right: MathNode): MathNode {
  const whole = left.kind === "neg" ? left.arg : left;
  const isFraction = right.kind === "bin" && right.op === "/" && integerLiteral(right.left) && integerLiteral(right.right);
  if (!integerLiteral(whole) || !isFraction) return { kind: "bin", op: "*", left, right };
  const sum: MathNode = { kind: "bin", op: "+", left: whole, right };
  return left.kind === "neg" ? { kind: "neg", arg: sum } : sum;
}

/** A Pratt parser over {@link Token}s: lists, relations, unions, arithmetic, brackets, matrices. */
class MathParser extends OperandParser {
  private depth = 0;

  parse(): MathNode {
    const items = this.items();
    if (this.pos < this.tokens.length) throw new MathSyntaxError("Unexpected token after the answer.");
    const [first] = items;
    if (first === undefined) throw new MathSyntaxError("Empty answer.");
    return items.length === 1 ? first : { kind: "list", items };
  }

  /**
   * Comma/`and`-separated items up to a closer or the end (trailing separators allowed). Semicolons
   * separate groups: `p=5,q=2;p=7,q=2` is the set of pairs {(p=5, q=2), (p=7, q=2)}.
   */
  protected items(): MathNode[] {
    const groups: MathNode[][] = [];
    let items: MathNode[] = [];
    while (this.at("sep")) this.pos += 1;
    for (;;) {
      const token = this.peek();
      if (token === undefined || token.t === "close") break;
      if (token.t === "semi") {
        this.pos += 1;
        if (items.length > 0) groups.push(items);
        items = [];
        while (this.at("sep")) this.pos += 1;
        continue;
      }
      items.push(this.relation());
      if (!this.at("sep") && !this.at("semi")) break;
      while (this.at("sep")) this.pos += 1;
    }
    if (items.length > 0) groups.push(items);
    if (groups.length <= 1) return groups[0] ?? [];
    if (groups.every((group) => group.length === 1)) return groups.map((group) => group[0] as MathNode);
    return [{ kind: "set", items: groups.map((group) => (group.length === 1 ? (group[0] as MathNode) : { kind: "tuple", items: group })) }];
  }

  protected relation(): MathNode {
    const first = this.union();
    if (this.at("in")) {
      // `x \in [a, b]` answers with the set itself.
      this.pos += 1;
      return this.union();
    }
    const parts = [first];
    const ops: RelOp[] = [];
    for (let token = this.peek(); token?.t === "rel"; token = this.peek()) {
      this.pos += 1;
      ops.push(token.op === "approx" ? "=" : token.op);
      parts.push(this.union());
    }
    return ops.length === 0 ? first : { kind: "rel", ops, parts };
  }

  private union(): MathNode {
    const parts = [this.expr(0)];
    while (this.at("cup")) {
      this.pos += 1;
      parts.push(this.expr(0));
    }
    return parts.length === 1 ? (parts[0] as MathNode) : { kind: "union", parts };
  }

  protected expr(minBp: number): MathNode {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new MathSyntaxError("The answer is nested too deeply.");
    try {
      let left = this.prefix();
      for (;;) {
        const token = this.peek();
        if (token === undefined) break;
        if (token.t === "op") {
          const { op } = token;
          if (op === "+" || op === "-" || op === "pm" || op === "mp") {
            if (minBp >= 10) break;
            this.pos += 1;
            const right = this.expr(10);
            left = op === "+" || op === "-" ? { kind: "bin", op, left, right } : { kind: "pm", left, right, minusFirst: op === "mp" };
          } else if (op === "*" || op === "/") {
            if (minBp >= 20) break;
            this.pos += 1;
            left = { kind: "bin", op, left, right: this.expr(20) };
          } else if (op === "^") {
            if (minBp >= 30) break;
            this.pos += 1;
            left = { kind: "bin", op: "^", left, right: this.power() };
          } else if (op === "!") {
            this.pos += 1;
            left = { kind: "fn", name: "factorial", args: [left] };
          } else if (op === "%") {
            this.pos += 1;
            left = { kind: "pct", arg: left };
          } else {
            throw new MathSyntaxError(`Unexpected operator ${op}.`);
          }
        } else if (startsOperand(token) && minBp < 20) {
          const right = this.expr(20);
          left = token.t === "frac" ? mixedNumber(left, right) : { kind: "bin", op: "*", left, right };
        } else {
          break;
        }
      }
      return left;
    } finally {
      this.depth -= 1;
    }
  }

  protected prefix(): MathNode {
    const token = this.next();
    switch (token.t) {
      case "num":
        if (this.atOp("_")) {
          return { kind: "sym", name: `${canonicalDigits(token.text)}_${this.subscript()}` };
        }
        return numNode(token.text);
      case "id":
      case "word": {
        let name = token.name;
        if (this.atOp("_")) name += `_${this.subscript()}`;
        if (UNKNOWN_FUNCTIONS.has(name) && this.atOpen("(")) {
          this.pos += 1;
          const args = this.items();
          this.expect("close", ")");
          return { kind: "fn", name, args };
        }
        return name === "e" ? { kind: "const", name: "e" } : { kind: "sym", name };
      }
      case "const":
        return { kind: "const", name: token.name };
      case "text":
        return { kind: "text", text: token.text };
      case "op":
        if (token.op === "-") return { kind: "neg", arg: this.expr(25) };
        if (token.op === "+") return this.expr(25);
        if (token.op === "pm" || token.op === "mp") return { kind: "pm", left: null, right: this.expr(25), minusFirst: token.op === "mp" };
        throw new MathSyntaxError(`Unexpected operator ${token.op}.`);
      case "open":
        return this.bracket(token.ch);
      case "bar": {
        const inner = this.expr(0);
        this.expect("bar");
        return { kind: "fn", name: "abs", args: [inner] };
      }
      case "frac": {
        const left = this.argument();
        return { kind: "bin", op: "/", left, right: this.argument() };
      }
      case "binom": {
        const n = this.argument();
        return { kind: "fn", name: "binom", args: [n, this.argument()] };
      }
      case "sqrt": {
        const radicand = this.argument();
        if (token.index === null) return { kind: "fn", name: "sqrt", args: [radicand] };
        return { kind: "fn", name: "root", args: [radicand, new MathParser(token.index).parse()] };
      }
      case "fn":
        return this.functionCall(token.name);
      case "matbegin":
        return this.matrix();
      case "bigop":
        return this.bigOperator(token.name);
      default:
        throw new MathSyntaxError(`Unexpected ${token.t}.`);
    }
  }

  /** `\sum_{k=0}^{n-1} body`: kept as a call (no value), compared by structure; the body stops at `+`/`−`. */
  private bigOperator(name: "sum" | "prod"): MathNode {
    let lower: MathNode = { kind: "text", text: "" };
    let upper: MathNode = { kind: "text", text: "" };
    for (let token = this.peek(); token?.t === "op" && (token.op === "_" || token.op === "^"); token = this.peek()) {
      this.pos += 1;
      if (token.op === "_") lower = this.argument();
      else upper = this.argument();
    }
    return { kind: "fn", name, args: [lower, upper, this.expr(15)] };
  }

  private bracket(open: "(" | "[" | "{" | "\\{"): MathNode {
    const items = this.items();
    const close = this.next();
    if (close.t !== "close") throw new MathSyntaxError("Unclosed bracket.");
    return bracketNode(open, items, close.ch);
  }

  private matrix(): MathNode {
    const rows: MathNode[][] = [[]];
    for (;;) {
      const token = this.next();
      if (token.t === "matend") break;
      if (token.t === "rowsep") {
        if ((rows[rows.length - 1] as MathNode[]).length > 0) rows.push([]);
      } else if (token.t !== "colsep") {
        this.pos -= 1;
        (rows[rows.length - 1] as MathNode[]).push(this.relation());
      }
    }
    return matrixNode(rows);
  }
}

/**
 * Parses a LaTeX or plain-text mathematical answer.
 * @param src - The answer text (bounded by the caller).
 * @returns The parsed node.
 * @throws MathSyntaxError when the text is not a mathematical answer.
 */
export function parseMath(src: string): MathNode {
  return new MathParser(tokenizeMath(src)).parse();
}
