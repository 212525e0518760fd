import { describe, expect, it } from "vitest";
import type { ScoreAnswerOptions } from "../src/answer/options.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import type { AnswerMethod } from "../src/types.js";

type Row = [
  feature: string,
  response: string,
  gold: string | string[],
  score: 0 | 1,
  method: AnswerMethod | null,
  options?: ScoreAnswerOptions,
];

const wrap = (answer: string): string =>
  `<thinking>\nThe context says the storm scattered the fleet before it reached Acre.\n</thinking>\n<answer>\n${answer}\n</answer>`;

const TEXT: Row[] = [
  ["normalized exact match (case, article, period)", wrap("The younger guy."), "the younger guy", 1, "exact"],
  ["boxed text", wrap("\\boxed{Parlophone Records}"), "Parlophone Records", 1, "exact"],
  ["boxed \\text", wrap("The record label is $\\boxed{\\text{Parlophone Records}}$."), "Parlophone Records", 1, "exact"],
  ["curly apostrophe", wrap("\\boxed{Cirneco dell’Etna}"), "Cirneco dell'Etna", 1, "exact"],
  ["accents kept", wrap("Pelléas et Mélisande"), "Pelléas et Mélisande", 1, "exact"],
  ["wrong text", wrap("\\boxed{EMI Records}"), "Parlophone Records", 0, null],
  ["gold list: first alias", wrap("\\boxed{graph isomorphism}"), ["graph isomorphism", "The graph isomorphism problem"], 1, "exact"],
  [
    "gold list: later alias",
    wrap("\\boxed{The graph isomorphism problem}"),
    ["graph isomorphism problem", "the graph isomorphism problem"],
    1,
    "exact",
  ],
  ["gold list: second alias only", wrap("\\boxed{input size}"), ["an increase in the input size", "input size"], 1, "alias"],
  ["gold list: none matches", wrap("\\boxed{output size}"), ["an increase in the input size", "input size"], 0, null],
  ["anchor phrase", wrap("Based on the passage, the answer is Conrad of Montferrat."), "Conrad of Montferrat", 1, "exact"],
  [
    "anchor phrase with quotes",
    wrap('Therefore, the answer is "complexity classes," as the context states.'),
    "complexity classes",
    1,
    "exact",
  ],
  ["final answer label", wrap("Final answer: Bedfordshire"), "Bedfordshire", 1, "exact"],
  [
    "last sentence ends with the answer",
    wrap("Both are mentioned, but only one was unwilling. Thus, the person who was not willing to work more is the 30-year-old."),
    "The 30-year-old",
    1,
    "contains",
  ],
  ["negated answer does not count", wrap("Thus, the person who was willing is not the 30-year-old."), "The 30-year-old", 0, null],
  ["short answer containing the gold", wrap("It was a storm."), "a storm", 1, "contains"],
  ["hedged answer does not count", wrap("Either Paris or Lyon"), "Paris", 0, null],
  ["yes", wrap("Yes, leather shoes made from calf are durable."), "yes", 1, "yes-no"],
  ["yes vs no", wrap("No."), "Yes.", 0, null],
  ["true means yes", wrap("\\boxed{True}"), "yes", 1, "yes-no"],
  ["choice letter, parenthesized", wrap("The correct option is (B)."), "B", 1, "choice"],
  ["choice letter, with period", wrap("B. The grandfather"), "(B)", 1, "choice"],
  ["choice letter, option word", wrap("I would pick option C here."), "C", 1, "choice"],
  ["choice letter, boxed \\text", wrap("$\\boxed{\\text{(C)}}$"), "C", 1, "choice"],
  ["choice letter, wrong", wrap("The correct option is (D)."), "B", 0, null],
  ["choice gold with text", wrap("\\boxed{A}"), "(A) Paris", 1, "choice"],
  ["initials are not a choice letter", wrap("A. J. Cook directed the episode."), "A. J. Cook directed the episode", 1, "exact"],
  ["fuzzy typo", wrap("\\boxed{Bedfordshre}"), "Bedfordshire", 1, "fuzzy"],
  ["fuzzy needs the threshold", wrap("\\boxed{Bedfordshre}"), "Bedfordshire", 0, null, { fuzzyThreshold: 0.99 }],
  ["fuzzy never changes a number", wrap("\\boxed{The 1998 World Cup}"), "The 1999 World Cup", 0, null],
  ["short words are never fuzzy", wrap("\\boxed{cat}"), "car", 0, null],
  ["text forced for a number-like gold", wrap("\\boxed{12 Angry Men}"), "12 Angry Men", 1, "exact", { answerType: "text" }],
  ["number with words also compares as text", wrap("\\boxed{US$1,000,000}"), ["US$1,000,000", "$1,000,000"], 1, "exact"],
  ["date", wrap("Therefore, the date is January 18, 2017."), "January 18, 2017", 1, "contains"],
];

describe("scoreAnswer on short text answers", () => {
  it.each(TEXT)("%s", (_feature, response, gold, score, method, options) => {
    const result = scoreAnswer(response, gold, options);
    expect(result.score, result.reason).toBe(score);
    if (method !== null) expect(result.method, result.reason).toBe(method);
    else expect(result.method).toBe("none");
  });
});
