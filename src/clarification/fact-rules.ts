import { anyOf } from "../text/phrase-pattern.js";
/**
 * Tables for {@link deriveMissingFacts}, kept as data.
 */

/** Words that make a quantity or an object vague ("some", "a portion", "or so"). */
const VAGUE_WORDS = [
  "some",
  "several",
  "a few",
  "many",
  "certain",
  "various",
  "a number of",
  "an unknown",
  "unknown",
  "unspecified",
  "arbitrary",
  "another",
  "different",
  "a multiple",
  "multiple",
  "a fraction",
  "part of",
  "some number",
  "a portion",
  "between",
  "or so",
];

/** First words of a sentence that asks: imperatives ("find", "compute") and interrogatives ("what", "does"). */
const QUESTION_OPENER_WORDS = [
  "find",
  "compute",
  "calculate",
  "determine",
  "evaluate",
  "simplify",
  "solve",
  "express",
  "enter",
  "convert",
  "give",
  "show",
  "prove",
  "list",
  "state",
  "what",
  "how",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "where",
  "why",
  "is",
  "are",
  "does",
  "do",
  "did",
  "can",
  "could",
  "will",
  "would",
  "should",
];

/** Words that blur a quantity or an object when inserted: "less than 53", "some", "4 to 6", "a multiple". */
export const BLUR_CUE = new RegExp(
  anyOf([
    "\\b(?:less|fewer|more|greater|smaller|larger|bigger) than\\b",
    "\\bat (?:least|most)\\b",
    "\\bup to\\b",
    "\\b(?:about|around|approximately|roughly|nearly|almost|over|under|just (?:below|above))\\b",
    `\\b(?:${anyOf(VAGUE_WORDS)})\\b`,
    "\\d\\s{0,3}(?:to|or|-|–)\\s{0,3}\\d",
  ]),
  "i",
);

/** Openers of a sentence that asks (imperative or interrogative). */
export const QUESTION_OPENER = new RegExp(`^(?:${anyOf(QUESTION_OPENER_WORDS)})\\b`, "i");
/** A sentence or clause anywhere in a text that opens like a question or an instruction ("…, calculate the amount …"). */
export const INSTRUCTION_ANYWHERE = new RegExp(`(?:^|[.,;:!?]\\s{0,3})(?:${anyOf(QUESTION_OPENER_WORDS)})\\b`, "i");

/** Content words a rewrite changes without changing the problem ("Find λ" → "What is λ?"). */
export const REPHRASE_WORDS: ReadonlySet<string> = new Set(
  `find compute calculate determine evaluate give enter express what value let given suppose such respectively
  following follows show obtain get write answer form note certain called defined denote denoted the question
  number result resulting equal equals say said also then real assume assuming consider`.split(/\s+/),
);

/** Math symbols whose change alone changes a problem ("<" → "≤", "-" sign flips). */
export const SIGNIFICANT_SYMBOLS: ReadonlySet<string> = new Set([
  "-",
  "+",
  "<",
  ">",
  "≤",
  "≥",
  "=",
  "≠",
  "^",
  "√",
  "π",
  "°",
  "/",
  "×",
  "·",
  "?",
  "%",
]);

/** Words of context kept on each side of an edit so a fact reads on its own ("Ed lost 21 of his marbles"). */
export const CONTEXT_CONTENT_TOKENS = 4;
/** Hard cap of tokens on each side of an edit. */
export const CONTEXT_MAX_TOKENS = 9;
/** At most this many facts per pair (the largest edits first). */
export const MAX_FACTS = 6;

/**
 * What kind of mathematical object an edit sits in, named in words so a clarification that
 * describes it ("the third coordinate of the vector", "the plane equation") can be matched.
 * Each test reads the LaTeX around the edit (bounded slices); first matches win, at most three.
 */
export const MATH_CONTEXT_TAGS: readonly { tag: string; test: (before: string, edited: string) => boolean }[] = [
  { tag: "matrix entry", test: (before) => insideEnvironment(before, /matrix\}/) && !isColumnVector(before) },
  { tag: "vector component coordinate", test: (before) => insideEnvironment(before, /matrix\}/) && isColumnVector(before) },
  {
    tag: "point coordinate",
    test: (before, edited) => /\([^()]{0,40}$/.test(before) && /,/.test(before.slice(before.lastIndexOf("(")) + edited),
  },
  {
    tag: "range bound interval restriction",
    test: (before, edited) => /[<>≤≥]|\\(?:le|ge|leq|geq)\b/.test(edited) || /(?:between|interval)\s{0,3}$/.test(before),
  },
  { tag: "angle degrees", test: (_before, edited) => /°|\\circ|degree/.test(edited) },
  { tag: "equation", test: (_before, edited) => /=/.test(edited) },
  { tag: "exponent power", test: (before) => /\^\s{0,2}\{?\s{0,2}$/.test(before) },
  // The second brace of a fraction is its denominator, the first its numerator.
  { tag: "fraction denominator", test: (before) => /\\[dt]?frac\s{0,2}\{[^{}]{0,60}\}\s{0,2}\{[^{}]{0,20}$/.test(before) },
  { tag: "fraction numerator", test: (before) => /\\[dt]?frac\s{0,2}\{[^{}]{0,20}$/.test(before) },
  {
    tag: "function argument angle",
    // Right after the function's name ("\cot 8x") or inside its brackets ("\tan\left(-\frac{3\pi}{4}\right)").
    test: (before) => /\\(?:sin|cos|tan|sec|csc|cot|arcsin|arccos|arctan)\s{0,2}(?:(?:\\left\s{0,2})?[({][^()]{0,40})?$/.test(before),
  },
];

/** Whether `before` ends inside an open `\begin{…matrix}` environment. */
function insideEnvironment(before: string, name: RegExp): boolean {
  const open = before.lastIndexOf("\\begin{");
  if (open === -1 || !name.test(before.slice(open, open + 20))) return false;
  return before.indexOf("\\end{", open) === -1;
}

/** A matrix with row breaks and no column separators is a column vector. */
function isColumnVector(before: string): boolean {
  const open = before.lastIndexOf("\\begin{");
  const body = before.slice(open);
  return !body.includes("&");
}

/** Amounts that name no number: vague determiners, unnamed counts, bounds and ranges. */
const VAGUE_AMOUNTS = [
  "some",
  "several",
  "a few",
  "few",
  "many",
  "various",
  "numerous",
  "a (?:couple|lot|bunch|handful|number) of",
  "lots of",
  "(?:dozens|scores|hundreds|thousands|plenty) of",
  "(?:a|an) (?:certain|unknown|unspecified|undisclosed|given|unstated) (?:number|amount|quantity|count)",
  // Bounds: "less than 53 blocks", "at most 6", "between 4 and 6".
  "(?:less|fewer|more|greater) than",
  "at (?:least|most)",
  "up to",
  "between",
  "no (?:more|less|fewer) than",
];

/**
 * Words that blur a quantity inside a question's statement ("Sara bought some apples", "less than
 * 53 blocks", "4 to 6 boxes", "a number of cows"): a clause holding one does not state the number.
 * Stricter than {@link BLUR_CUE} ("over", "another" alone say nothing about a quantity here).
 */
export const QUANTITY_BLUR = new RegExp(
  anyOf([
    `\\b(?:${anyOf(VAGUE_AMOUNTS)})\\b`,
    "\\b(?:about|around|approximately|roughly|nearly|almost|over|under|just (?:below|above)) (?:\\$\\s{0,2})?\\d",
    "\\d\\s{0,3}(?:to|or|-|–)\\s{0,3}\\d",
  ]),
  "i",
);

/** Clause breaks inside one statement sentence ("Sara bought some apples | and ate 3 of them"). */
export const CLAUSE_SPLIT = /[,;:]\s|\s(?:and|but|then|while|whereas|after|before|so|because|although|though|which|who)\s/i;

/** Words that negate what their clause says ("had not 6 lives"): inserting or deleting one changes the fact, though none is a content word. */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(["not", "no", "never", "none", "nor", "neither", "nobody", "nothing", "cannot"]);

/**
 * A sentence break that lost its space ("… on his shelf now.How many …"): a lower-case letter, a
 * period, an upper-case letter. Global; group 1 and 2 are the letters.
 */
export const MISSING_SENTENCE_SPACE = /(\p{Ll})\.(\p{Lu})/gu;
