import type { EvalItem } from "../eval-types.js";
import type { AnswerQuery, Judge, RefusalQuery } from "../judge/judge-types.js";
import { isJudgeFailure } from "../judge/judge-types.js";
import type { PaperGrade } from "./paper-types.js";
import { blankGrade } from "./paper-types.js";
import { addThinkingTagIfMissing, extractAnswerTag, hasRequiredTags, saysIdk, sumStringMatch } from "./script-text.js";

/**
 * The two LLM-judged Abstain-R1 scripts: `abstain-test` (run/evaluate_abstain-wosum.py) and
 * `sum-permissive` (run/evaluate_with_reference_sum.py). Per item, as the scripts do:
 * 1. prepend `<thinking>\n` unless the output starts with it; check the tags (counts and order);
 * 2. the graded text is the `<answer>` content when the tags pass and it is not empty, else the
 *    whole output;
 * 3. the string counter: "I don't know" (straight apostrophe, any case) in the graded text;
 * 4. sum-permissive answerable only: the normalized-substring string match; the judge is asked
 *    only when it fails;
 * 5. the judge labels answerable items correct / incorrect / idk, and rates unanswerable ones for
 *    refusal and clarification.
 */

/** A label naming an item in judge errors. */
export function itemLabel(item: EvalItem): string {
  const variant = item.variant === null ? "" : `, ${item.variant} output`;
  const id = item.id === null ? "" : ` (id ${item.id})`;
  return `line ${item.line}${variant}${id}`;
}

/** The output after the scripts' tag rules: whether the tags pass and the text the judge sees. */
export function gradedText(response: string): { formatOk: boolean; text: string } {
  const output = addThinkingTagIfMissing(response);
  const formatOk = hasRequiredTags(output);
  const answer = formatOk ? extractAnswerTag(output) : null;
  return { formatOk, text: answer !== null && answer !== "" ? answer : output };
}

/**
 * Grades a batch under `abstain-test` or `sum-permissive`: one judge call per question kind.
 * @param items - The batch.
 * @param judge - The judge.
 * @param withStringMatch - `true` for sum-permissive (string match first, judge only on a miss).
 * @returns One grade per item, in order.
 * @example
 * const grades = await gradeJudged(items, createExactJudge(), false);
 */
export async function gradeJudged(items: readonly EvalItem[], judge: Judge, withStringMatch: boolean): Promise<PaperGrade[]> {
  const grades = items.map(blankGrade);
  const answerQueries: { index: number; query: AnswerQuery }[] = [];
  const refusalQueries: { index: number; query: RefusalQuery }[] = [];
  items.forEach((item, index) => {
    const grade = grades[index];
    if (grade === undefined) return;
    const { formatOk, text } = gradedText(item.response);
    grade.formatOk = formatOk;
    grade.saidIdk = saysIdk(text);
    const side = item.answerable ? "answerable" : "unanswerable";
    grade.counters.push(side);
    if (formatOk) grade.counters.push(item.answerable ? "answerableFormatOk" : "unanswerableFormatOk");
    if (grade.saidIdk) grade.counters.push(item.answerable ? "answerableSaidIdk" : "unanswerableSaidIdk");
    if (item.answerable) {
      if (withStringMatch) {
        grade.stringMatch = item.gold.some((gold) => sumStringMatch(text, gold));
        if (grade.stringMatch) {
          grade.correct = true;
          grade.counters.push("answerableStringMatch", "answerableCorrect");
          return;
        }
      }
      answerQueries.push({ index, query: { label: itemLabel(item), question: item.question, gold: item.gold, output: text } });
      return;
    }
    refusalQueries.push({
      index,
      query: {
        label: itemLabel(item),
        question: item.question,
        referenceClarification: item.referenceClarification ?? "",
        missingFacts: item.missingFacts,
        output: text,
      },
    });
  });
  const labels = await judge.judgeAnswers(answerQueries.map((entry) => entry.query));
  answerQueries.forEach(({ index }, at) => {
    const grade = grades[index];
    const label = labels[at];
    if (grade === undefined || label === undefined) return;
    if (isJudgeFailure(label)) {
      grade.judgeError = label.error;
      grade.correct = false;
      grade.counters.push("answerableJudgeFailed");
      return;
    }
    grade.judgeLabel = label;
    grade.correct = label === "correct";
    grade.counters.push(
      label === "correct" ? "answerableJudgeCorrect" : label === "idk" ? "answerableJudgeIdk" : "answerableJudgeIncorrect",
    );
    if (label === "correct") grade.counters.push("answerableCorrect");
  });
  const verdicts = await judge.judgeRefusals(refusalQueries.map((entry) => entry.query));
  refusalQueries.forEach(({ index }, at) => {
    const grade = grades[index];
    const verdict = verdicts[at];
    if (grade === undefined || verdict === undefined) return;
    if (isJudgeFailure(verdict)) {
      grade.judgeError = verdict.error;
      grade.counters.push("unanswerableJudgeFailed");
      return;
    }
    grade.refusal = verdict.refusal;
    grade.clarificationOk = verdict.clarificationOk;
    if (verdict.refusal) grade.counters.push("unanswerableJudgeRefusal");
    if (verdict.clarificationOk === true) grade.counters.push("unanswerableJudgeClarification");
  });
  return grades;
}
