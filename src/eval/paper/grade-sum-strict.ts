import { isIdkBox } from "../../abstention/idk-marker.js";
import type { AnswerResult } from "../../types.js";
import type { EvalItem } from "../eval-types.js";
import type { ClarificationQuery, Judge } from "../judge/judge-types.js";
import { isJudgeFailure } from "../judge/judge-types.js";
import { itemLabel } from "./grade-judged.js";
import type { MathCheckOutcome, PaperGrade } from "./paper-types.js";
import { blankGrade } from "./paper-types.js";
import {
  addThinkingTagIfMissing,
  clarificationAfterMarker,
  extractAnswerTag,
  hasBoxedIdk,
  hasRequiredTags,
  saysIdk,
} from "./script-text.js";

/**
 * `sum-strict`: the Abstain-R1 SUM scripts that use no LLM for answers — run/evaluate_with_math_verify.py
 * for the answerable outputs and run/evaluate_unanswerable.py for the unanswerable ones. Every
 * results record counts in both totals, a record without reference included. Nothing is graded
 * unless the tags pass and the `<answer>` content is not empty.
 * - Answerable: "I don't know" (straight apostrophe, any case) in the answer counts as an
 *   abstention, and the answer is still checked; the answer check (Math-Verify there, the
 *   project's checker here) decides correctness and its parse failures are counted by kind.
 * - Unanswerable: only the boxed marker is a refusal; the text left after removing it is the
 *   clarification, and only a non-empty one goes to the judge.
 */

/** The answer check the strict protocol uses (the project's checker standing in for Math-Verify). */
export type StrictAnswerCheck = (answer: string, gold: readonly string[]) => AnswerResult;

function mathOutcome(result: AnswerResult): MathCheckOutcome {
  // Math-Verify parses no expression out of a missing answer or out of the boxed marker (a sentence).
  if (result.extracted === null || isIdkBox(result.extracted, "fixed")) return "parse-error-answer";
  if (result.score === null) return "parse-error-truth";
  return result.score === 1 ? "correct" : "wrong";
}

/**
 * Grades a batch under `sum-strict`.
 * @param items - The batch (both variants of each pair, and the pairs without reference).
 * @param judge - Judges the clarifications left after the marker.
 * @param check - The answer check.
 * @returns One grade per item, in order.
 * @example
 * const grades = await gradeSumStrict(items, createExactJudge(), (answer, gold) => scoreAnswer(answer, gold));
 */
export async function gradeSumStrict(items: readonly EvalItem[], judge: Judge, check: StrictAnswerCheck): Promise<PaperGrade[]> {
  const grades = items.map(blankGrade);
  const pending: { index: number; query: ClarificationQuery }[] = [];
  items.forEach((item, index) => {
    const grade = grades[index];
    if (grade === undefined) return;
    grade.counters.push(item.answerable ? "answerable" : "unanswerable");
    if (item.answerable) grade.correct = false;
    if (item.missingReference === true) {
      // Counted once per record, on its answerable variant.
      if (item.answerable) grade.counters.push("missingReference");
      grade.formatOk = false;
      return;
    }
    const output = addThinkingTagIfMissing(item.response);
    grade.formatOk = hasRequiredTags(output);
    if (!grade.formatOk) return;
    grade.counters.push(item.answerable ? "answerableFormatOk" : "unanswerableFormatOk");
    const answer = extractAnswerTag(output);
    if (answer === null || answer === "") return;
    if (item.answerable) {
      grade.saidIdk = saysIdk(answer);
      if (grade.saidIdk) grade.counters.push("answerableSaidIdk");
      if (item.gold.length === 0) {
        grade.mathCheck = "verification-error";
      } else {
        grade.mathCheck = mathOutcome(check(answer, item.gold));
      }
      grade.correct = grade.mathCheck === "correct";
      const counter = {
        correct: "answerableCorrect",
        wrong: null,
        "parse-error-answer": "answerableParseErrorAnswer",
        "parse-error-truth": "answerableParseErrorTruth",
        "verification-error": "answerableVerificationError",
      } as const;
      const hit = counter[grade.mathCheck];
      if (hit !== null) grade.counters.push(hit);
      return;
    }
    grade.saidIdk = hasBoxedIdk(answer);
    if (!grade.saidIdk) return;
    grade.counters.push("unanswerableSaidIdk");
    grade.refusal = true;
    const clarification = clarificationAfterMarker(answer);
    grade.hasClarification = clarification !== null;
    if (clarification === null) return;
    grade.counters.push("unanswerableHasClarification");
    pending.push({
      index,
      query: {
        label: itemLabel(item),
        question: item.question,
        referenceClarification: item.referenceClarification ?? "",
        missingFacts: item.missingFacts,
        clarification,
      },
    });
  });
  const verdicts = await judge.judgeClarifications(pending.map((entry) => entry.query));
  pending.forEach(({ index }, at) => {
    const grade = grades[index];
    const verdict = verdicts[at];
    if (grade === undefined || verdict === undefined) return;
    if (isJudgeFailure(verdict)) {
      grade.judgeError = verdict.error;
      grade.counters.push("unanswerableJudgeError");
      return;
    }
    grade.clarificationOk = verdict;
    if (verdict === true) grade.counters.push("unanswerableJudgeClarification");
  });
  return grades;
}
