import type { EvalItem } from "../eval-types.js";
import type { Judge } from "../judge/judge-types.js";
import { gradeJudged } from "./grade-judged.js";
import { gradeSelfAware } from "./grade-selfaware.js";
import type { SelfAwareSecondStep } from "./grade-selfaware.js";
import { gradeSumStrict } from "./grade-sum-strict.js";
import type { StrictAnswerCheck } from "./grade-sum-strict.js";
import type { PaperGrade, PaperProtocol } from "./paper-types.js";

/** What the paper protocols run on, injected so this module stays free of models and I/O. */
export interface PaperDependencies {
  judge: Judge;
  /** sum-strict's answer check. */
  strictCheck: StrictAnswerCheck;
  /** selfaware's similarity step. */
  selfAwareStep: SelfAwareSecondStep;
}

/**
 * Grades one batch of items under a paper protocol.
 * @param items - The batch.
 * @param protocol - Which script's rules.
 * @param deps - Judge, answer check, SelfAware similarity step.
 * @returns One grade per item, in order.
 * @example
 * const grades = await evaluatePaperBatch(items, "sum-permissive", deps);
 */
export async function evaluatePaperBatch(
  items: readonly EvalItem[],
  protocol: PaperProtocol,
  deps: PaperDependencies,
): Promise<PaperGrade[]> {
  switch (protocol) {
    case "abstain-test":
      return gradeJudged(items, deps.judge, false);
    case "sum-permissive":
      return gradeJudged(items, deps.judge, true);
    case "sum-strict":
      return gradeSumStrict(items, deps.judge, deps.strictCheck);
    case "selfaware":
      return gradeSelfAware(items, deps.selfAwareStep);
  }
}
