/**
 * Types of the paper protocols: `eval`'s reproductions of the Abstain-R1 paper's evaluation scripts
 * and of SelfAware's official script. Pure: no node:* here.
 */
import type { AnswerLabel } from "../judge/judge-types.js";
import type { EvalItem } from "../eval-types.js";

/** One protocol per paper script, named for what it is. */
export const PAPER_PROTOCOLS = ["abstain-test", "sum-permissive", "sum-strict", "selfaware"] as const;
export type PaperProtocol = (typeof PAPER_PROTOCOLS)[number];

/** The record format each protocol reads. */
export const PROTOCOL_FORMAT = {
  "abstain-test": "abstain-test",
  "sum-permissive": "sum",
  "sum-strict": "sum",
  selfaware: "selfaware",
} as const satisfies Record<PaperProtocol, "abstain-test" | "sum" | "selfaware">;

/** The script each protocol reproduces, as the report header names it. */
export const PROTOCOL_SCRIPTS: Readonly<Record<PaperProtocol, string>> = {
  "abstain-test": "Abstain-R1 run/evaluate_abstain-wosum.py",
  "sum-permissive": "Abstain-R1 run/evaluate_with_reference_sum.py",
  "sum-strict": "Abstain-R1 run/evaluate_with_math_verify.py (answerable) + run/evaluate_unanswerable.py (unanswerable)",
  selfaware: "SelfAware code/eval_model.py",
};

/** Everything a paper protocol counts; each item adds one to some of them. */
export const PAPER_COUNTERS = [
  "answerable",
  "unanswerable",
  "missingReference",
  "answerableFormatOk",
  "unanswerableFormatOk",
  "answerableSaidIdk",
  "unanswerableSaidIdk",
  "answerableStringMatch",
  "answerableJudgeCorrect",
  "answerableJudgeIncorrect",
  "answerableJudgeIdk",
  "answerableJudgeFailed",
  "answerableCorrect",
  "answerableParseErrorAnswer",
  "answerableParseErrorTruth",
  "answerableVerificationError",
  "unanswerableJudgeRefusal",
  "unanswerableJudgeClarification",
  "unanswerableJudgeFailed",
  "unanswerableHasClarification",
  "unanswerableJudgeError",
  "emptySkipped",
  "truePositives",
  "falsePositives",
  "falseNegatives",
] as const;
export type PaperCounter = (typeof PAPER_COUNTERS)[number];
export type PaperCounts = Record<PaperCounter, number>;

/** The strict script's Math-Verify outcome of an answerable item. */
export type MathCheckOutcome = "correct" | "wrong" | "parse-error-answer" | "parse-error-truth" | "verification-error";

/** The grade of one item under a paper protocol: what the script would record for it. */
export interface PaperGrade {
  line: number;
  id: string | null;
  dataset: string;
  variant: EvalItem["variant"];
  answerable: boolean;
  /** The results record found no reference record (only the strict SUM protocol grades these). */
  missingReference: boolean;
  /** The output was empty after trimming. */
  empty: boolean;
  /** The tag check; `null` where the protocol does not check tags. */
  formatOk: boolean | null;
  /** The protocol's string refusal test (see docs/evaluation.md); `null` when not reached. */
  saidIdk: boolean | null;
  /** sum-permissive: the normalized gold occurs in the normalized answer. */
  stringMatch: boolean | null;
  /** sum-strict answerable: the answer check. */
  mathCheck: MathCheckOutcome | null;
  /** The judge's label of an answerable item, `null` when it was not asked. */
  judgeLabel: AnswerLabel | null;
  /** The judge's refusal verdict (unanswerable), or SelfAware's refusal prediction. */
  refusal: boolean | null;
  /** The judge's clarification verdict; `null` when not asked or not measured. */
  clarificationOk: boolean | null;
  /** sum-strict unanswerable: something is left after the marker is removed. */
  hasClarification: boolean | null;
  /** The judge could not grade this item (the script counts it in no label). */
  judgeError: string | null;
  /** The answer counts as correct under the protocol (answerable items). */
  correct: boolean | null;
  /** The counters this item adds one to. */
  counters: PaperCounter[];
}

/**
 * Zeroed counters.
 * @returns A fresh counts object.
 * @example
 * emptyPaperCounts().answerable; // 0
 */
export function emptyPaperCounts(): PaperCounts {
  const counts = {} as PaperCounts;
  for (const counter of PAPER_COUNTERS) counts[counter] = 0;
  return counts;
}

/**
 * A grade with nothing measured yet.
 * @param item - The item.
 * @returns The grade to fill in.
 * @example
 * blankGrade(item).counters; // []
 */
export function blankGrade(item: EvalItem): PaperGrade {
  return {
    line: item.line,
    id: item.id,
    dataset: item.dataset,
    variant: item.variant,
    answerable: item.answerable,
    missingReference: item.missingReference === true,
    empty: item.response.trim() === "",
    formatOk: null,
    saidIdk: null,
    stringMatch: null,
    mathCheck: null,
    judgeLabel: null,
    refusal: null,
    clarificationOk: null,
    hasClarification: null,
    judgeError: null,
    correct: null,
    counters: [],
  };
}
