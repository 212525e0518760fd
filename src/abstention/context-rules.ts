import { anyOf, phrase } from "../text/phrase-pattern.js";

/**
 * Context rules, kept as data. A phrase match is void when the text just before it negates it
 * ("not impossible to determine") or when its sentence matches a voiding rule ("I don't know why
 * you'd think so, but…"). A commitment cue after abstention language makes the response a hedge.
 */

/** Tested against the (at most 24) characters before a match: a negation right before voids it. */
export const NEGATION_BEFORE = phrase("(?:\\bnot|n't|\\bnever|\\bno longer|\\bhardly) (?:\\w{1,15} |)$");

export interface VoidRule {
  readonly rule: string;
  /** Families the rule can void; empty means every family. */
  readonly families: readonly string[];
  readonly pattern: RegExp;
}

export const VOID_RULES: readonly VoidRule[] = [
  // "I don't know why you'd think so" / "I don't know about you, but": surprise, not ignorance.
  {
    rule: "idk-idiom",
    families: ["i-dont-know", "unknowable"],
    pattern: phrase(
      "\\bi (?:do{not}|don't|dont) know (?:why (?:you|anyone|people|someone|they|u)|how come|where you (?:got|heard)|what you(?:'re| are) (?:talking|getting)|about you|if you(?:'re| are) (?:joking|kidding|serious)|much about [^.]{0,60}, but)",
    ),
  },
  // "x is not given directly, but we can compute it": a step of a solution, not a refusal.
  {
    rule: "but-we-can",
    families: ["not-specified", "not-enough-information", "need-more", "i-dont-know", "unknowable", "unanswerable"],
    pattern: phrase(
      anyOf([
        "\\b(?:but|however|although|though|yet),? (?:we|i|you|one|it|this|they|that) (?:can(?!'t| not|not)|could(?!n't| not)|may|know|are given|have|do know|still can)\\b",
        "\\bnot (?:given|stated|specified|provided|mentioned) (?:directly|explicitly)\\b",
        "\\bnot directly (?:given|stated|provided)\\b",
        "\\bcan (?:still |)be (?:determined|found|calculated|computed|solved|answered)\\b",
      ]),
    ),
  },
  // Questions the response asks back are not abstentions in themselves ("Is it unclear?").
  { rule: "rhetorical", families: ["unanswerable"], pattern: phrase("\\b(?:is|are) (?:it|this|that) (?:ambiguous|unclear|vague)\\?") },
];

/**
 * Commitment cues: an answer given anyway. Abstention language plus one of these (or plus a boxed
 * answer that is not the marker) is a hedge.
 */
export const COMMIT_CUES: readonly RegExp[] = [
  phrase(
    anyOf([
      "\\b(?:the|my|final) answer is\\b(?! (?:unknown|uncertain|unclear|not))",
      "\\b(?:the|my) conclusion is\\b",
      "(?<!\\bno |\\bnot a |\\bno single |\\bone )\\b(?:uniquely |)correct answer (?:is|based)\\b",
    ]),
  ),
  phrase(
    anyOf([
      "\\b(?:my|the) best (?:guess|estimate) (?:is|would be)\\b",
      "\\bi(?:'d| would) (?:guess|say|estimate) (?:that |it |)(?:is |)\\b",
      "\\bmost likely (?:answer |)(?:is|be)\\b",
      "\\bprobably (?:is|around|about)\\b",
      "\\bif i had to (?:guess|choose|pick)\\b",
    ]),
  ),
];
