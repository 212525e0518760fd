import type { MathNode } from "./math-ast.js";
import { MathSyntaxError, canonicalDigits, type Token } from "./math-token.js";
import { TokenCursor, type TokenKind } from "./token-cursor.js";

/** Tokens that can start an operand, so that juxtaposition means multiplication (`2x`, `3\sqrt{2}`). */
export function startsOperand(token: Token | undefined): boolean {
  if (token === undefined) return false;
  const kinds: readonly TokenKind[] = ["num", "id", "word", "const", "text", "fn", "frac", "binom", "sqrt", "matbegin", "bigop"];
  return kinds.includes(token.t) || (token.t === "open" && (token.ch === "(" || token.ch === "{"));
}

/**
 * The operand-level rules of the math parser: exponents, braced arguments, subscripts and function
 * calls (`\sin^2 x`, `\log_2 8`, `\sin^{-1}`); the expression rules live in the subclass.
 */
export abstract class OperandParser extends TokenCursor {
  protected abstract items(): MathNode[];
  protected abstract expr(minBp: number): MathNode;
  protected abstract prefix(): MathNode;

  /** The exponent: a braced group, or one operand with its sign (`x^-1`, `2^{10}`). */
  protected power(): MathNode {
    // Signs in a loop, not by recursion: `2^-----…-1` must not grow the stack.
    let negative = false;
    for (let token = this.peek(); token?.t === "op" && (token.op === "-" || token.op === "+"); token = this.peek()) {
      if (token.op === "-") negative = !negative;
      this.pos += 1;
    }
    const arg = this.expr(29);
    return negative ? { kind: "neg", arg } : arg;
  }

  /** A braced argument of `\frac`/`\sqrt`, or the single token the tokenizer split off (`\frac94`). */
  protected argument(): MathNode {
    if (this.atOpen("{")) {
      this.pos += 1;
      const items = this.items();
      this.expect("close", "}");
      const [only] = items;
      if (only === undefined || items.length !== 1) throw new MathSyntaxError("Expected one value in braces.");
      return only;
    }
    return this.prefix();
  }

  protected subscript(): string {
    this.pos += 1;
    const token = this.next();
    if (token.t === "num") return canonicalDigits(token.text);
    if (token.t === "id" || token.t === "word") return token.name;
    if (token.t === "open" && token.ch === "{") {
      let key = "";
      for (let inner = this.next(); !(inner.t === "close" && inner.ch === "}"); inner = this.next()) {
        key += inner.t === "num" ? inner.text : inner.t === "id" || inner.t === "word" ? inner.name : inner.t;
      }
      return key;
    }
    throw new MathSyntaxError("Bad subscript.");
  }

  protected functionCall(name: string): MathNode {
    let power: MathNode | null = null;
    let base: MathNode | null = null;
    for (let token = this.peek(); token?.t === "op" && (token.op === "^" || token.op === "_"); token = this.peek()) {
      this.pos += 1;
      if (token.op === "^") power = this.power();
      else base = this.argument();
    }
    let arg: MathNode;
    const open = this.peek();
    if (open?.t === "open" && open.ch === "(") {
      arg = this.prefix();
    } else {
      // `\sin 2x` is sin(2x), but `\sin b \cos a` is sin(b)·cos(a).
      arg = this.expr(20);
      while (startsOperand(this.peek()) && this.peek()?.t !== "fn") {
        arg = { kind: "bin", op: "*", left: arg, right: this.expr(20) };
      }
    }
    const call: MathNode = { kind: "fn", name, args: base === null ? [arg] : [arg, base] };
    if (power === null) return call;
    if (power.kind === "neg" && power.arg.kind === "num" && power.arg.digits === "1") {
      return { kind: "fn", name: `arc${name}`, args: call.args };
    }
    return { kind: "bin", op: "^", left: call, right: power };
  }
}
