import { THOUSANDS, type Token } from "./math-token.js";

/** Single characters with a fixed meaning (brackets, operators, Unicode math signs). */
export const SINGLE_CHAR: Readonly<Record<string, Token>> = {
  "(": { t: "open", ch: "(" },
  ")": { t: "close", ch: ")" },
  "[": { t: "open", ch: "[" },
  "]": { t: "close", ch: "]" },
  "{": { t: "open", ch: "{" },
  "}": { t: "close", ch: "}" },
  ",": { t: "sep" },
  ";": { t: "semi" },
  // A ratio `7:32` is a quotient (`12:00` reads as 12/0: no value, equal only to itself).
  ":": { t: "op", op: "/" },
  [THOUSANDS]: { t: "sep" },
  "+": { t: "op", op: "+" },
  "-": { t: "op", op: "-" },
  "\u2212": { t: "op", op: "-" },
  "\u00d7": { t: "op", op: "*" },
  "\u00b7": { t: "op", op: "*" },
  "\u22c5": { t: "op", op: "*" },
  "/": { t: "op", op: "/" },
  "\u00f7": { t: "op", op: "/" },
  _: { t: "op", op: "_" },
  "%": { t: "op", op: "%" },
  "\u00b1": { t: "op", op: "pm" },
  "|": { t: "bar" },
  "\u2264": { t: "rel", op: "<=" },
  "\u2265": { t: "rel", op: ">=" },
  "\u2260": { t: "rel", op: "!=" },
  "\u2248": { t: "rel", op: "approx" },
  "\u2208": { t: "in" },
  "\u222a": { t: "cup" },
  "\u03c0": { t: "const", name: "pi" },
  "\u221e": { t: "const", name: "inf" },
};

/** Characters that carry no value in an answer: spacing, currency, degree signs, quotes. */
export const IGNORED = new Set([
  " ",
  "\t",
  "\n",
  "\r",
  "\f",
  "\v",
  "\u00a0",
  "$",
  "~",
  "\u20ac",
  "\u00a3",
  "\u00a5",
  "\u20b9",
  "\u00b0",
  '"',
  "`",
  "'",
]);

/**
 * Whether a code unit is one of {@link IGNORED}, by comparison (the tokenizer asks for every
 * character; a set lookup of a one-character string costs more).
 * @param code - A UTF-16 code unit.
 * @returns `true` for a character that carries no value.
 */
export function isIgnoredCode(code: number): boolean {
  switch (code) {
    case 32:
    case 9:
    case 10:
    case 13:
    case 12:
    case 11:
    case 0xa0:
    case 36:
    case 126:
    case 0x20ac:
    case 0xa3:
    case 0xa5:
    case 0x20b9:
    case 0xb0:
    case 34:
    case 96:
    case 39:
      return true;
    default:
      return false;
  }
}

/** ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ASCII letter. */
export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
