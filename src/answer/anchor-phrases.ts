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
  "not",
  "no",
  "never",
  "isnt",
  "wasnt",
  "arent",
  "werent",
  "doesnt",
  "didnt",
  "dont",
  "neither",
  "nor",
  "cannot",
  "cant",
  "wont",
  "none",
]);

/** Articles dropped by text normalization (SQuAD convention). */
export const ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the"]);

/** Where an anchored text answer stops (`the answer is X because …`). */
export const ANSWER_STOPS: readonly string[] = [" because", ", as ", ", since", ", which", " as it is", " as stated", " based on"];

/** Words that make a containing prediction hedge between answers (`2 or 3`). */
export const HEDGE_WORDS: ReadonlySet<string> = new Set(["or", "either", "maybe", "possibly"]);

/**
 * Words that open a sentence stating a result (`Thus, …`, `So Paul can buy 3 toys.`). The last
 * such sentence with a value is where a free-form answer ends; what follows may only check it.
 */
export const CONCLUSION_OPENERS: readonly string[] = [
  "thus",
  "so",
  "therefore",
  "hence",
  "consequently",
  "in total",
  "in conclusion",
  "in summary",
  "finally",
  "overall",
  "altogether",
  "the answer",
  "the final answer",
  "final answer",
  "my answer",
  "answer",
];

/**
 * Words that open a check of an answer already given (`Check: 9 × 5 = 45`, `This makes sense
 * because …`): numbers in such a sentence, or after it, are the check's, not the answer.
 */
export const CHECK_OPENERS: readonly string[] = [
  "check",
  "checking",
  "to check",
  "i can check",
  "we can check",
  "let's check",
  "let me check",
  "let us check",
  "verification",
  "verify",
  "to verify",
  "verifying",
  "let's verify",
  "let me verify",
  "let us verify",
  "we can verify",
  "i can verify",
  "double-check",
  "double check",
  "double-checking",
  "sanity check",
  "as a check",
  "to confirm",
  "confirming",
  "this makes sense",
  "that makes sense",
  "this confirms",
  "this matches",
  "this is consistent",
  "proof",
  "substituting back",
  "plugging back",
  "plugging in",
  "reasonableness",
  "i verify",
  "we verify",
  "a quick check",
  "a quick verification",
  "a final check",
  "quick check",
  "one more check",
  "as a quick check",
  "this answer",
  "this result",
  "this is correct",
  "this is consistent",
  "the answer is correct",
  "this agrees",
];

/**
 * Words that describe an answer rather than give it (`the answer is correct`, `the answer is
 * supported by the text`): an anchor followed by one of them is skipped.
 */
export const ANSWER_PREDICATES: ReadonlySet<string> = new Set([
  "correct",
  "incorrect",
  "right",
  "wrong",
  "supported",
  "consistent",
  "determined",
  "clear",
  "valid",
  "justified",
  "unique",
  "uniquely",
  "based",
  "derived",
  "confirmed",
  "verified",
  "reasonable",
  "plausible",
  "straightforward",
  "given",
  "found",
  "as",
  "that",
  "not",
  "unknown",
  "unclear",
  "therefore",
  "thus",
  "indeed",
  "still",
  "also",
]);

/**
 * Labels that open an invented follow-up at the start of a line (`Question 2:`, `Human:`,
 * `### Problem`): everything from there on answers a question nobody asked.
 */
export const FOLLOW_UP_LABELS: readonly string[] = [
  "question",
  "q",
  "problem",
  "exercise",
  "human",
  "user",
  "instruction",
  "follow-up question",
  "follow-up",
  "follow up",
  "next question",
  "new question",
  "new problem",
  "another question",
  "another problem",
  "practice problem",
  "bonus question",
];
