/**
 * Phrase tables for answer extraction and short-text matching. Lower-case; matched with indexOf on
 * a lower-cased copy of the (bounded) text, never with a backtracking regex.
 */

/** Math-Verify's anchors and their priorities (lower wins; within a priority the right-most match wins). */
export const MATH_ANCHOR_PRIORITY = {
  boxed: 0,
  finalAnswerIsIHope: 0,
  finalAnswerIs: 50,
  answerColon: 100,
  answerWord: 200,
  unanchored: 300,
} as const;

/** How far after an anchor the answer may start (Math-Verify's `.{0,50}?` and `.{0,100}?`). */
export const ANCHOR_REACH = { near: 50, far: 100 } as const;

/** Phrases that introduce a short text answer; the last occurrence in the response wins. */
export const TEXT_ANCHORS: readonly string[] = [
  "the final answer is",
  "final answer:",
  "final answer is",
  "the correct answer is",
  "the answer is",
  "my answer is",
  "correct answer:",
  "answer:",
];

/** Words that answer "yes" (first word of a prediction). */
export const YES_WORDS: ReadonlySet<string> = new Set(["yes", "true", "correct", "right", "yeah", "yep", "affirmative"]);
/** Words that answer "no". */
export const NO_WORDS: ReadonlySet<string> = new Set(["no", "false", "incorrect", "wrong", "nope", "negative"]);

/** Words that turn a containing answer around ("not Paris" does not contain the answer "Paris"). */
export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  "not", "no", "never", "isnt", "wasnt", "arent", "werent", "doesnt", "didnt", "dont", "neither", "nor", "cannot", "cant",
  "wont", "none",
]);

/** Articles dropped by text normalization (SQuAD convention). */
export const ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the"]);

/** Words that may introduce a multiple-choice letter (`option B`, `choice (C)`). */
export const CHOICE_WORDS: readonly string[] = ["option", "choice", "answer is", "answer:", "answer"];

/** Where an anchored text answer stops (`the answer is X because …`). */
export const ANSWER_STOPS: readonly string[] = [" because", ", as ", ", since", ", which", " as it is", " as stated", " based on"];

/** Words that make a containing prediction hedge between answers (`2 or 3`). */
export const HEDGE_WORDS: ReadonlySet<string> = new Set(["or", "either", "maybe", "possibly"]);
