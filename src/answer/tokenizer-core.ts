import { MathSyntaxError, type Token } from "./math-token.js";

/** One pending argument of `\frac`/`\sqrt`/`\binom` written without braces (`\frac94`, `\sqrt3`). */
export interface ArgFrame {
  depth: number;
  pending: number;
}

/**
 * State shared by the tokenizer's parts: the source, the cursor, the tokens so far, brace depth,
 * matrix depth and the pending brace-less arguments.
 */
export abstract class TokenizerCore {
  protected readonly tokens: Token[] = [];
  protected i = 0;
  protected depth = 0;
  protected matrixDepth = 0;
  protected readonly args: ArgFrame[] = [];

  constructor(protected readonly src: string) {}

  /** Tokenizes a nested source (a root index, a number written in `\text{}`). */
  protected abstract nested(src: string): Token[];

  protected top(): ArgFrame | undefined {
    // Reading index -1 of an empty array is a slow property lookup in V8, and the stack is usually empty.
    const count = this.args.length;
    if (count === 0) return undefined;
    const frame = this.args[count - 1] as ArgFrame;
    return frame.depth === this.depth && frame.pending > 0 ? frame : undefined;
  }

  /** Records that one brace-less argument was consumed. */
  protected consumedArg(frame: ArgFrame | undefined): void {
    if (frame === undefined) return;
    frame.pending -= 1;
    if (frame.pending === 0) this.args.pop();
  }

  protected push(token: Token): void {
    this.tokens.push(token);
  }

  /** After a unit, `^2` belongs to the unit (`cm^2`), not to the number. */
  protected skipPower(): void {
    const { src } = this;
    let j = this.i;
    while (src[j] === " ") j += 1;
    if (src[j] !== "^") return;
    j += 1;
    if (src[j] === "{") {
      const close = src.indexOf("}", j);
      if (close === -1) return;
      j = close + 1;
    } else {
      j += 1;
    }
    this.i = j;
  }

  protected readGroup(from: number): { content: string; end: number } {
    const { src } = this;
    let j = from;
    while (src[j] === " ") j += 1;
    if (src[j] !== "{") throw new MathSyntaxError("Expected a braced argument.");
    let depth = 0;
    for (let k = j; k < src.length; k += 1) {
      const c = src[k];
      if (c === "\\") k += 1;
      else if (c === "{") depth += 1;
      else if (c === "}") {
        depth -= 1;
        if (depth === 0) return { content: src.slice(j + 1, k), end: k + 1 };
      }
    }
    throw new MathSyntaxError("Unclosed brace.");
  }
}
