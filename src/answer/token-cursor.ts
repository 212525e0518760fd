import { MathSyntaxError, type Token } from "./math-token.js";

/** The kind tag of a token. */
export type TokenKind = Token["t"];

/** Reading position over a token list, for the parser. */
export class TokenCursor {
  protected pos = 0;

  constructor(protected readonly tokens: readonly Token[]) {}

  protected peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  protected next(): Token {
    const token = this.tokens[this.pos];
    if (token === undefined) throw new MathSyntaxError("Unexpected end of the answer.");
    this.pos += 1;
    return token;
  }

  protected expect(kind: TokenKind, ch?: string): void {
    const token = this.next();
    if (token.t !== kind || (ch !== undefined && "ch" in token && token.ch !== ch)) {
      throw new MathSyntaxError(`Expected ${ch ?? kind}.`);
    }
  }

  protected at(kind: TokenKind): boolean {
    return this.peek()?.t === kind;
  }

  /** Whether the next token is the operator `op`. */
  protected atOp(op: string): boolean {
    const token = this.peek();
    return token?.t === "op" && token.op === op;
  }

  /** Whether the next token opens with `ch`. */
  protected atOpen(ch: string): boolean {
    const token = this.peek();
    return token?.t === "open" && token.ch === ch;
  }
}
