import type { RewardReason, RewardResult, Sample } from "../types.js";
import { REWARD_REASONS } from "../types.js";

/** Running totals of a `score` run. */
export interface ScoreTally {
  samples: number;
  answerable: number;
  unanswerable: number;
  /** Samples whose reward could not be graded (left out of the mean). */
  ungradeable: number;
  rewardSum: number;
  reasons: Record<RewardReason, number>;
}

/**
 * A zeroed tally.
 * @returns Fresh totals.
 * @example
 * createScoreTally().samples; // 0
 */
export function createScoreTally(): ScoreTally {
  const reasons = {} as Record<RewardReason, number>;
  for (const reason of REWARD_REASONS) reasons[reason] = 0;
  return { samples: 0, answerable: 0, unanswerable: 0, ungradeable: 0, rewardSum: 0, reasons };
}

/**
 * Adds one scored sample to a tally.
 * @param tally - The totals (mutated).
 * @param sample - The sample.
 * @param result - Its reward.
 * @example
 * addScore(tally, sample, result);
 */
export function addScore(tally: ScoreTally, sample: Sample, result: RewardResult): void {
  tally.samples += 1;
  if (sample.answerable) tally.answerable += 1;
  else tally.unanswerable += 1;
  tally.reasons[result.reason] += 1;
  if (result.gradeable) tally.rewardSum += result.reward;
  else tally.ungradeable += 1;
}

/**
 * The one-paragraph summary printed after `score`.
 * @param tally - The totals.
 * @param context - Input name, seconds, verifier name and options.
 * @returns One paragraph ending with a newline.
 * @example
 * summarizeScores(tally, { input: "s.jsonl", seconds: 1.2, verifier: null, preset: "abstain-r1", compat: "fixed" });
 */
export function summarizeScores(
  tally: ScoreTally,
  context: { input: string; seconds: number; verifier: string | null; preset: string; compat: string },
): string {
  const graded = tally.samples - tally.ungradeable;
  const mean = graded > 0 ? (tally.rewardSum / graded).toFixed(3) : "n/a";
  const reasons = REWARD_REASONS.filter((reason) => tally.reasons[reason] > 0)
    .sort((a, b) => tally.reasons[b] - tally.reasons[a])
    .map((reason) => `${reason} ${tally.reasons[reason]}`)
    .join(", ");
  const parts = [
    `Scored ${tally.samples} samples (${tally.answerable} answerable, ${tally.unanswerable} unanswerable) from ${context.input} in ${context.seconds.toFixed(1)} s`,
    `mean reward ${mean} over ${graded} gradeable samples${tally.ungradeable > 0 ? ` (${tally.ungradeable} ungradeable, left out)` : ""}`,
  ];
  let text = `${parts.join(": ")}.`;
  if (reasons !== "") text += ` Reasons: ${reasons}.`;
  text += ` Preset ${context.preset}, compat ${context.compat}, clarification verifier ${context.verifier ?? "none"}.`;
  const unverified = tally.reasons["abstained-clarification-unverified"];
  if (unverified > 0) text += ` ${unverified} clarification(s) were not verified, so they earned no bonus.`;
  return `${text}\n`;
}
