import { PLAIN_FUNCTIONS } from "./latex-commands.js";
import { SINGLE_CHAR, isDigit, isIgnoredCode, isLetter } from "./math-chars.js";
import { MathSyntaxError, THOUSANDS, type Token } from "./math-token.js";
import { CommandTokenizer } from "./tokenize-commands.js";
import { CONNECTOR_WORDS, PERCENT_WORDS, UNIT_WORDS } from "./unit-words.js";

function threeDigits(src: string, at: number): boolean {
  return (
    isDigit(src.charCodeAt(at)) && isDigit(src.charCodeAt(at + 1)) && isDigit(src.charCodeAt(at + 2)) && !isDigit(src.charCodeAt(at + 3))
  );
}

/**
 * Splits a LaTeX or plain-text math answer into tokens in one pass. Units and styling are dropped
 * here, so the parser sees only values; an unknown command throws {@link MathSyntaxError}.
 */
export class MathTokenizer extends CommandTokenizer {
  protected nested(src: string): Token[] {
    return new MathTokenizer(src).run();
  }

  run(): Token[] {
    const { src } = this;
    while (this.i < src.length) {
      const code = src.charCodeAt(this.i);
      if (isIgnoredCode(code)) {
        this.i += 1;
        continue;
      }
      const ch = src[this.i] as string;
      if (isDigit(code) || (ch === "." && isDigit(src.charCodeAt(this.i + 1)))) {
        this.number();
      } else if (isLetter(code)) {
        this.letters();
      } else if (ch === "\\") {
        this.command();
      } else {
        this.punctuation(ch);
      }
    }
    return this.tokens;
  }

  private number(): void {
    const { src } = this;
    const frame = this.top();
    if (frame !== undefined && src[this.i] !== ".") {
      // `\frac94` means 9/4: a brace-less argument is a single digit.
      this.push({ t: "num", text: src[this.i] as string });
      this.i += 1;
      this.consumedArg(frame);
      return;
    }
    let text = "";
    let point = false;
    let j = this.i;
    let chunk = j;
    while (j < src.length) {
      if (isDigit(src.charCodeAt(j))) {
        j += 1;
      } else if (src[j] === THOUSANDS && j > chunk && !point && threeDigits(src, j + 1)) {
        text += src.slice(chunk, j);
        j += 1;
        chunk = j;
      } else if (src[j] === "." && !point && isDigit(src.charCodeAt(j + 1))) {
        point = true;
        j += 1;
      } else {
        break;
      }
    }
    text += src.slice(chunk, j);
    this.i = j;
    this.push({ t: "num", text });
    this.exponent();
  }

  /** Scientific notation right after a number (`2.5e-3`, `3E8`): `× 10^exponent`. */
  private exponent(): void {
    const { src } = this;
    const e = src[this.i];
    if (e !== "e" && e !== "E") return;
    const sign = src[this.i + 1] === "-" || src[this.i + 1] === "+" ? 1 : 0;
    let j = this.i + 1 + sign;
    while (isDigit(src.charCodeAt(j))) j += 1;
    if (j === this.i + 1 + sign || isLetter(src.charCodeAt(j))) return;
    this.push({ t: "op", op: "*" });
    this.push({ t: "num", text: "10" });
    this.push({ t: "op", op: "^" });
    if (src[this.i + 1] === "-") this.push({ t: "op", op: "-" });
    this.push({ t: "num", text: src.slice(this.i + 1 + sign, j) });
    this.i = j;
  }

  private letters(): void {
    const { src } = this;
    const frame = this.top();
    let j = this.i;
    while (j < src.length && isLetter(src.charCodeAt(j))) j += 1;
    if (frame !== undefined) j = this.i + 1;
    const run = src.slice(this.i, j);
    this.i = j;
    this.consumedArg(frame);
    if (run.length === 1) {
      this.push({ t: "id", name: run });
      return;
    }
    const lower = run.toLowerCase();
    if (CONNECTOR_WORDS.has(lower)) this.push({ t: "sep" });
    else if (PERCENT_WORDS.has(lower)) this.push({ t: "op", op: "%" });
    else if (UNIT_WORDS.has(lower) && lower !== "in") this.skipPower();
    else if (lower === "sqrt") this.push({ t: "sqrt", index: null });
    else if (PLAIN_FUNCTIONS.has(lower)) this.push({ t: "fn", name: lower });
    else if (lower === "pi") this.push({ t: "const", name: "pi" });
    else if (lower === "inf" || lower === "infty" || lower === "infinity") this.push({ t: "const", name: "inf" });
    else this.push({ t: "word", name: run });
  }

  private punctuation(ch: string): void {
    const { src } = this;
    const after = src[this.i + 1];
    this.i += 1;
    if (ch === "{" || ch === "}") {
      // A braced group is one argument of a pending `\frac`/`\sqrt`: counted when its `}` closes.
      if (ch === "{") this.depth += 1;
      else {
        this.depth -= 1;
        this.consumedArg(this.top());
      }
      this.push(SINGLE_CHAR[ch] as Token);
      return;
    }
    const frame = this.top();
    if (frame !== undefined && ch !== "^" && ch !== "_") this.consumedArg(frame);
    if (ch === "*") {
      if (after === "*") this.i += 1;
      this.push({ t: "op", op: after === "*" ? "^" : "*" });
    } else if (ch === "^") {
      this.caret();
    } else if (ch === "=") {
      if (after === "=") this.i += 1;
      this.push({ t: "rel", op: "=" });
    } else if (ch === "<" || ch === ">") {
      if (after === "=") this.i += 1;
      this.push({ t: "rel", op: after === "=" ? (ch === "<" ? "<=" : ">=") : ch });
    } else if (ch === "!") {
      if (after === "=") this.i += 1;
      this.push(after === "=" ? { t: "rel", op: "!=" } : { t: "op", op: "!" });
    } else if (ch === "&") {
      if (this.matrixDepth > 0) this.push({ t: "colsep" });
    } else if (ch === "\u00b2" || ch === "\u00b3") {
      this.push({ t: "op", op: "^" });
      this.push({ t: "num", text: ch === "\u00b2" ? "2" : "3" });
    } else if (ch === "\u221a") {
      this.push({ t: "sqrt", index: null });
    } else if (ch === ".") {
      // A stray period (sentence end) carries no value.
    } else {
      const token = SINGLE_CHAR[ch];
      if (token === undefined) throw new MathSyntaxError(`Unexpected character ${JSON.stringify(ch)}.`);
      this.push(token);
    }
  }

  /** `^\circ` and `^{\circ}` are degree marks, dropped; anything else is a power. */
  private caret(): void {
    const { src } = this;
    let j = this.i;
    while (src[j] === " ") j += 1;
    const braced = src[j] === "{";
    if (braced) j += 1;
    while (src[j] === " ") j += 1;
    if (src.startsWith("\\circ", j) && !isLetter(src.charCodeAt(j + 5))) {
      j += 5;
      while (src[j] === " ") j += 1;
      if (braced && src[j] === "}") j += 1;
      this.i = j;
      return;
    }
    this.push({ t: "op", op: "^" });
  }
}

/**
 * Tokenizes a math answer.
 * @param src - LaTeX or plain text, already cut to a bounded length.
 * @returns The tokens.
 * @throws MathSyntaxError on an unknown command or character.
 */
export function tokenizeMath(src: string): Token[] {
  return new MathTokenizer(src).run();
}
