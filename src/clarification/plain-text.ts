import { blankDiagrams } from "./tokens.js";
import { COMMAND_SYMBOLS, FORMAT_COMMANDS, SUPERSCRIPTS } from "./math-normalize.js";

const MAX_PLAIN_CHARS = 20_000;

/**
 * Rewrites LaTeX-heavy text as plain words and symbols for embeddings and readable facts:
 * `\frac{a}{b}` → `a/b`, `\pi` → `π`, `^\circ` → `°`, delimiters and formatting commands dropped.
 * @param text - Any string (cut to a bounded length).
 * @returns Plain text with collapsed whitespace.
 * @example
 * plainText("\\(\\tan 1000^\\circ\\)"); // "tan 1000°"
 */
export function plainText(text: string): string {
  let out = text.length > MAX_PLAIN_CHARS ? text.slice(0, MAX_PLAIN_CHARS) : text;
  out = blankDiagrams(out);
  for (let pass = 0; pass < 3; pass += 1) out = out.replace(/\\sqrt\s{0,3}\{([^{}]{0,200})\}/g, "√($1)");
  // Innermost-brace fractions only: `[^{}]` keeps each replacement linear.
  for (let pass = 0; pass < 3; pass += 1) out = out.replace(/\\[dt]?frac\s{0,3}\{([^{}]{0,200})\}\s{0,3}\{([^{}]{0,200})\}/g, "$1/$2");
  out = out
    .replace(/\^\s{0,3}\{?\s{0,3}\\circ\s{0,3}\}?/g, "°")
    .replace(/\\begin\{[a-z*]{1,20}\}|\\end\{[a-z*]{1,20}\}/g, " ")
    .replace(/\\\\/g, "; ")
    .replace(/\\([A-Za-z]{1,30})/g, (_whole: string, name: string) => {
      const symbol = COMMAND_SYMBOLS[name];
      if (symbol !== undefined) return symbol;
      return FORMAT_COMMANDS.has(name) ? " " : name;
    })
    .replace(/\\[()[\]]|\$/g, " ")
    .replace(/[{}]/g, "")
    .replace(/\\/g, " ")
    .replace(/√\((\w{1,3})\)/g, "√$1")
    .replace(/[²³¹⁰⁴-⁹]/g, (ch) => SUPERSCRIPTS[ch] ?? ch)
    .replace(/\s+/g, " ")
    .replace(/ & /g, " ")
    .trim();
  return out;
}
