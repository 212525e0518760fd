import { ARTICLES } from "./anchor-phrases.js";

const TEXT_COMMAND = /\\(?:text|textbf|textit|textrm|textnormal|mathrm|mbox|emph)\{([^{}]{0,500})\}/g;
const LATEX_NOISE = /\\[()[\]]|\\boxed|\\,|\$|\*\*|__/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
/** A minus sign that starts a value (`-5`, `-ab`, `-(x+1)`, `-\frac…`), not a hyphen inside a word. */
const SIGN = /(^|[\s([{,;:=])[-\u2212](?=[\p{L}\p{N}(\\])/gu;
/** Private-use character standing for a sign in the token stream, so `-ab` never normalizes to `ab`. */
export const MINUS_TOKEN = "\uE001";
const NON_WORD = /[^\p{L}\p{N}\uE001]+/gu;

/** Drops LaTeX text wrappers, delimiters and markdown bold, keeping the words (`\text{(C)}` → `(C)`). */
export function stripMarkup(text: string): string {
  return text.replace(TEXT_COMMAND, "$1").replace(LATEX_NOISE, " ").trim();
}

/**
 * Word tokens of a short answer, SQuAD style: lower case, NFKC, apostrophes removed (`don’t` →
 * `dont`), punctuation as spaces, articles dropped; a leading minus sign stays a token of its own.
 * @param text - Any short text.
 * @returns The tokens.
 */
export function textTokens(text: string): string[] {
  const flat = stripMarkup(text)
    .normalize("NFKC")
    .toLowerCase()
    .replace(APOSTROPHES, "")
    .replace(SIGN, `$1 ${MINUS_TOKEN} `)
    .replace(NON_WORD, " ");
  return flat.split(" ").filter((word) => word !== "" && !ARTICLES.has(word));
}

/** The normalized form compared for exact text matches. */
export function normalizeText(text: string): string {
  return textTokens(text).join(" ");
}
