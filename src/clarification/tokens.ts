import { COMMAND_SYMBOLS, FORMAT_COMMANDS, SUPERSCRIPTS } from "./math-normalize.js";
import { GENERIC_SLOT_WORDS, STOPWORDS } from "./stopwords.js";

/** One token of a text, with its normalized comparison key. */
export interface Token {
  /** Comparison key: lower-cased, LaTeX commands mapped to symbols. */
  key: string;
  start: number;
  end: number;
  type: "number" | "word" | "symbol" | "variable";
}

/** The longest text tokenized; longer input is cut (bounded work). */
export const MAX_TOKENIZE_CHARS = 20_000;

// One alternative per token class; each is a single bounded run, no nesting.
const TOKEN =
  /\\(?:begin|end)\{[A-Za-z*]{1,20}\}|\\[A-Za-z]{1,30}|\d{1,30}(?:\.\d{1,30})?|[\p{L}\p{M}]{1,60}(?:['\u2019][\p{L}]{1,3})?|[²³¹⁰⁴-⁹]|[^\s\p{L}\p{N}]/gu;
const SENTENCE_END = /^\s{0,3}(?:\\\)|\\\]|\$){0,2}\s{0,3}(?:$|[A-Z(\n])/;
const IGNORED_SYMBOLS = new Set(["{", "}", "$", "\\", "(", ")", "[", "]", ",", ";", ":", "&", '"', "'", "“", "”", "‘", "’", "`", "."]);

/**
 * Tokenizes text for diffing and coverage: numbers, words, single-letter math variables, symbols;
 * formatting LaTeX (`\left`, `\mathbf`, braces, `$`) and punctuation are dropped.
 * @param text - Any string (cut to {@link MAX_TOKENIZE_CHARS}).
 * @returns Tokens in order, offsets into `text`.
 * @example
 * tokenize("\\(\\tan 1000^\\circ\\)").map((t) => t.key); // ["tan", "1000", "^", "°"]
 */
export function tokenize(text: string): Token[] {
  const source = blankDiagrams(text.length > MAX_TOKENIZE_CHARS ? text.slice(0, MAX_TOKENIZE_CHARS) : text);
  const tokens: Token[] = [];
  for (const match of source.matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index;
    const end = start + raw.length;
    // Diagram code and environment markers say nothing a clarification would name.
    if (raw.startsWith("\\begin{") || raw.startsWith("\\end{")) continue;
    // A question mark that ends a sentence is punctuation; elsewhere it is a placeholder ("(6,5,?)").
    if (raw === "?" && SENTENCE_END.test(source.slice(end, end + 8))) continue;
    if (raw.startsWith("\\")) {
      const name = raw.slice(1);
      const symbol = COMMAND_SYMBOLS[name];
      // `\theta` is the variable θ, as a typed "θ" is; `\le` and `\cdot` stay symbols.
      if (symbol !== undefined) tokens.push({ key: symbol, start, end, type: /^[\u0370-\u03ff]$/u.test(symbol) ? "variable" : "symbol" });
      else if (!FORMAT_COMMANDS.has(name)) tokens.push({ key: name.toLowerCase(), start, end, type: "word" });
      continue;
    }
    const superscript = SUPERSCRIPTS[raw];
    if (superscript !== undefined) {
      tokens.push({ key: "^", start, end, type: "symbol" }, { key: superscript.slice(1), start, end, type: "number" });
      continue;
    }
    const code = raw.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      tokens.push({ key: raw, start, end, type: "number" });
    } else if (/^[\p{L}]/u.test(raw)) {
      // Math-alphanumeric letters (𝒂, 𝑣) are one code point but two UTF-16 units: still a variable.
      const key = raw.toLowerCase().replace(/\u2019/g, "'");
      tokens.push({ key, start, end, type: [...raw].length === 1 || /^[\u0370-\u03ff]+$/u.test(raw) ? "variable" : "word" });
    } else if (!IGNORED_SYMBOLS.has(raw)) {
      tokens.push({ key: raw === "−" ? "-" : raw, start, end, type: "symbol" });
    }
  }
  return tokens;
}

/**
 * Whether a token carries content: numbers, variables (not the article `a`), non-stopword words.
 * @param token - A token.
 * @returns `true` for content tokens.
 * @example
 * isContent({ key: "the", start: 0, end: 3, type: "word" }); // false
 */
export function isContent(token: Token): boolean {
  if (token.type === "number") return true;
  if (token.type === "symbol") return false;
  // "a" and "i" are far more often the article and the pronoun than a variable.
  if (token.type === "variable") return token.key !== "a" && token.key !== "i";
  return !STOPWORDS.has(token.key);
}

/** Adjectives of wholeness, generic only after a determiner ({@link specificKeys}). */
const WHOLE_WORDS: ReadonlySet<string> = new Set(["complete", "full"]);
/** Determiners before which {@link WHOLE_WORDS} are adjectives. */
const DETERMINERS: ReadonlySet<string> = new Set(["the", "a", "an", "any", "some", "more", "its", "their", "his", "her"]);

/**
 * Content keys of a text that say *what* (generic slot words removed).
 * @param text - Any string.
 * @returns Distinct specific content keys, in order.
 * @example
 * specificKeys("the exact number of blocks"); // ["blocks"]
 */
export function specificKeys(text: string): string[] {
  const keys: string[] = [];
  let previous = "";
  for (const token of tokenize(text)) {
    const after = previous;
    previous = token.key;
    if (!isContent(token) || GENERIC_SLOT_WORDS.has(token.key)) continue;
    // "the complete apple figures", "a full account": after a determiner these only insist ("complete" the verb stays).
    if (WHOLE_WORDS.has(token.key) && DETERMINERS.has(after)) continue;
    const key = stem(token.key);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Irregular past forms read as their base verb, so "how much he spent" meets "How much did he
 * spend?" and "the apples Sara bought" meets "Sara buys apples". Common verbs of word problems; a
 * form that is also another word ("left", "read", "found") maps only where the verb is the usual
 * reading in a problem statement.
 */
export const IRREGULAR_PAST: ReadonlyMap<string, string> = new Map(
  `ate eat|bought buy|brought bring|built build|caught catch|drew draw|drove drive|fed feed|felt feel|flew fly
  gave give|got get|grew grow|had have|held hold|kept keep|lost lose|made make|met meet|paid pay|ran run|rode ride
  sang sing|sent send|sold sell|spent spend|stood stand|swam swim|taught teach|thought think|threw throw|told tell
  took take|won win|wrote write|came come|went go|saw see|said say|began begin|chose choose|spoke speak|stole steal`
    .split(/[|\n]/)
    .map((pair) => pair.trim().split(" ") as [string, string]),
);

/**
 * A light suffix stripper so "blocks"/"block", "specified"/"specify", "jogged"/"jog", "cookies"/"cookie" compare equal.
 * @param word - A lower-case key.
 * @returns Its stem (numbers and short words unchanged).
 * @example
 * stem("marbles"); // "marble"
 */
export function stem(word: string): string {
  // A possessive names its owner: "mom's" is "mom", as the bare word elsewhere in the text.
  if (word.endsWith("'s") && word.length > 3) return stem(word.slice(0, -2));
  const base = IRREGULAR_PAST.get(word);
  if (base !== undefined) return base;
  if (word.length <= 3 || /^\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  // "cookie" and "movie" as their plurals read ("cookies" → "cooky" above).
  if (word.endsWith("ie") && word.length >= 5) return `${word.slice(0, -2)}y`;
  if (word.endsWith("ied")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) return word.slice(0, -1);
  if (word.endsWith("ing") && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length > 4) return undouble(word.slice(0, -2));
  return word;
}

/**
 * Whether `needle` occurs as a contiguous run of `hay` (an empty needle always does).
 * @param hay - Keys, in order.
 * @param needle - The run to find.
 * @returns `true` when found.
 * @example
 * containsRun(["more", "than", "8", "group"], ["8", "group"]); // true
 */
export function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** "jogg" (of "jogged", "jogging") reads as "jog"; l, s and z stay doubled ("filled", "passed"), and so does a stem left under three letters ("added"). */
function undouble(base: string): string {
  return base.length >= 4 && /([b-df-hj-km-rtv-y])\1$/.test(base) ? base.slice(0, -1) : base;
}

/**
 * Blanks Asymptote diagram code (`[asy]…[/asy]`) with spaces, keeping offsets; linear (indexOf).
 * @param text - Any string.
 * @returns The text with diagram code blanked (an unclosed `[asy]` blanks to the end).
 * @example
 * blankDiagrams("x [asy]draw(A);[/asy] y").trim(); // "x                   y" trimmed
 */
export function blankDiagrams(text: string): string {
  let at = text.indexOf("[asy]");
  if (at === -1) return text;
  let out = "";
  let from = 0;
  while (at !== -1) {
    const close = text.indexOf("[/asy]", at);
    // An unclosed diagram (a cut-off question) is diagram code to the end: nothing in it is named.
    const end = close === -1 ? text.length : close + 6;
    out += text.slice(from, at) + " ".repeat(end - at);
    from = end;
    at = text.indexOf("[asy]", from);
  }
  return out + text.slice(from);
}
