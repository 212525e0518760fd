/**
 * The string rules of Abstain-R1's `sum_reward.py`, reproduced character for character so that
 * `compat: "reference"` gives the reference's reward. Python semantics matter here: `str.strip()`
 * and the regex `\s` use Python's whitespace set (which differs from JavaScript's `\s` and
 * `trim()`), and Python's case-insensitive matching folds `İ`/`ı` to `i`, `K` (Kelvin) to `k` and
 * `ſ` (long s) to `s`. The character classes below spell those sets out.
 */
import { PY_WHITESPACE_CLASS, REFERENCE_MARKER_PHRASE, pyStrip } from "../completion/py-strip.js";
import { countOf } from "../text/count-of.js";

export { pyStrip };

const PY_WS_CLASS = `[${PY_WHITESPACE_CLASS}]`;

// The reference's marker regex, `\\boxed\s*\{\s*I\s+don'?t\s+know\.?\s*\}` under re.IGNORECASE,
// with each letter's Python case-insensitive class written out.
const MARKER_SOURCE = `\\\\[bB][oO][xX][eE][dD]${PY_WS_CLASS}*\\{${PY_WS_CLASS}*${REFERENCE_MARKER_PHRASE}${PY_WS_CLASS}*\\}`;
const MARKER = new RegExp(MARKER_SOURCE);
const MARKER_ALL = new RegExp(MARKER_SOURCE, "g");

// `<answer>` and `</answer>` under re.IGNORECASE (`s` also matches `ſ`).
const ANSWER_OPEN = /<[aA][nN][sSſ][wW][eE][rR]>/;
const ANSWER_CLOSE = /<\/[aA][nN][sSſ][wW][eE][rR]>/;

const TAGS = ["<thinking>", "</thinking>", "<answer>", "</answer>"] as const;

/** The outcome of the reference's prefix rule, tag gate and answer extraction. */
export interface ReferenceSegments {
  /** The completion after the prefix rule. */
  text: string;
  /** Whether `"<thinking>\n"` was prepended. */
  prefixed: boolean;
  /** `has_required_tags`. */
  tagsOk: boolean;
  /** `extract_answer`, stripped; `null` when its regex finds nothing. */
  answer: string | null;
  /** The text between the thinking tags (for reporting only). */
  thinking: string | null;
  /** Why the gate failed, as a sentence; `null` when it passed. */
  error: string | null;
}

function gateError(text: string): string | null {
  for (const tag of TAGS) {
    const count = countOf(text, tag);
    if (count !== 1) return `The tag ${tag} must occur exactly once, found ${count}.`;
  }
  const open = text.indexOf("<thinking>");
  const close = text.indexOf("</thinking>", open + "<thinking>".length);
  const answerOpen = text.indexOf("<answer>", close + "</thinking>".length);
  const answerClose = text.indexOf("</answer>", answerOpen + "<answer>".length);
  if (Math.min(open, close, answerOpen, answerClose) === -1 || !(open < close && close < answerOpen && answerOpen < answerClose)) {
    return "The tags must appear in the order <thinking>, </thinking>, <answer>, </answer>.";
  }
  if (pyStrip(text.slice(close + "</thinking>".length, answerOpen)) !== "") {
    return "Only whitespace may stand between </thinking> and <answer>.";
  }
  return null;
}

/** `re.search(r"<answer>(.*?)</answer>", text, re.DOTALL | re.IGNORECASE)`, then `.strip()`. */
function extractAnswer(text: string): string | null {
  const open = ANSWER_OPEN.exec(text);
  if (open === null) return null;
  const from = open.index + open[0].length;
  const close = ANSWER_CLOSE.exec(text.slice(from));
  return close === null ? null : pyStrip(text.slice(from, from + close.index));
}

/**
 * Applies the reference's prefix rule (strip, then test for `<thinking>`), tag gate and answer
 * extraction to a completion.
 * @param response - The completion.
 * @returns The segments and whether the gate passed.
 * @example
 * referenceSegments("  <thinking>x</thinking><answer>4</answer>").prefixed; // false
 */
export function referenceSegments(response: string): ReferenceSegments {
  const prefixed = response !== "" && !pyStrip(response).startsWith("<thinking>");
  const text = prefixed ? `<thinking>\n${response}` : response;
  const error = gateError(text);
  if (error !== null) return { text, prefixed, tagsOk: false, answer: null, thinking: null, error };
  const open = text.indexOf("<thinking>");
  const close = text.indexOf("</thinking>", open);
  return {
    text,
    prefixed,
    tagsOk: true,
    answer: extractAnswer(text),
    thinking: text.slice(open + "<thinking>".length, close),
    error: null,
  };
}

/**
 * `has_boxed_idk`: whether the reference's marker regex matches anywhere in the answer segment.
 * @param answer - The answer segment.
 * @returns `true` when the marker is present.
 * @example
 * hasReferenceMarker("\\boxed{ i dont know. }"); // true
 */
export function hasReferenceMarker(answer: string): boolean {
  return MARKER.test(answer);
}

/**
 * `extract_clarification_from_answer`: every marker removed, the rest stripped.
 * @param answer - The answer segment.
 * @returns The clarification, `""` when nothing is left.
 * @example
 * referenceClarification("\\boxed{I don't know} The speed is missing."); // "The speed is missing."
 */
export function referenceClarification(answer: string): string {
  return pyStrip(answer.replace(MARKER_ALL, ""));
}
