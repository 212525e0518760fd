import type { ClarificationRequest, ClarificationResult, ClarificationStatus } from "../types.js";
import type { PureChecks } from "./pure-checks.js";
import type { ResolvedRewardOptions } from "./reward-options.js";

/** What the verifier pass said about one clarification. */
export type Verdict =
  | { status: "verified" | "rejected"; result: ClarificationResult }
  | { status: Exclude<ClarificationStatus, "verified" | "rejected">; error: string | null };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why one verifier result cannot be used, or `null` when it can. A custom verifier that returns
 * `null` or a NaN score must surface as a verifier error, never as a NaN reward or a TypeError.
 */
function malformed(result: unknown, verifier: string): string | null {
  if (result === null || typeof result !== "object") {
    return `The verifier "${verifier}" returned ${result === null ? "null" : typeof result} instead of a ClarificationResult.`;
  }
  const { score, verified } = result as Partial<Record<keyof ClarificationResult, unknown>>;
  if (typeof score !== "number" || !Number.isFinite(score)) {
    return `The verifier "${verifier}" returned the score ${String(score)}; a score must be a finite number in [0, 1].`;
  }
  if (typeof verified !== "boolean") {
    return `The verifier "${verifier}" returned verified: ${String(verified)}; it must be true or false.`;
  }
  return null;
}

/**
 * Runs the verifier once over every pending clarification of a batch; failures become verdicts.
 * @param drafts - Phase-one drafts of the whole batch.
 * @param options - Resolved options (the verifier among them).
 * @returns One verdict per draft that abstained explicitly on an unanswerable question.
 * @example
 * const verdicts = await verifyClarifications(drafts, resolveRewardOptions({ verifier }));
 */
export async function verifyClarifications(
  drafts: readonly PureChecks[],
  options: ResolvedRewardOptions,
): Promise<Map<PureChecks, Verdict>> {
  const verdicts = new Map<PureChecks, Verdict>();
  const pending: PureChecks[] = [];
  const requests: ClarificationRequest[] = [];
  for (const draft of drafts) {
    const clarification = draft.clarification;
    if (clarification === null) continue;
    if (clarification.annotation === null) {
      verdicts.set(draft, { status: "annotation-missing", error: null });
    } else if (clarification.text === "") {
      const empty: ClarificationResult = { score: 0, verified: false, perFact: [], reason: "Nothing follows the abstention marker." };
      verdicts.set(draft, { status: "rejected", result: empty });
    } else if (options.verifier === null) {
      verdicts.set(draft, { status: "unverified", error: null });
    } else {
      pending.push(draft);
      requests.push({ clarification: clarification.text, annotation: clarification.annotation });
    }
  }
  if (pending.length === 0 || options.verifier === null) return verdicts;
  const name = options.verifier.name;
  let results: unknown[] | null = null;
  let failure: string | null = null;
  try {
    const returned: unknown = await options.verifier.verify(requests);
    if (Array.isArray(returned) && returned.length === requests.length) results = returned;
    else
      failure = `The verifier "${name}" returned ${Array.isArray(returned) ? returned.length : "no"} results for ${requests.length} requests.`;
  } catch (error) {
    failure = `The verifier "${name}" failed: ${errorMessage(error)}`;
  }
  pending.forEach((draft, index) => {
    const result = results?.[index];
    const problem = failure ?? malformed(result, name);
    if (problem !== null) {
      verdicts.set(draft, { status: "verifier-error", error: problem });
    } else {
      const checked = result as ClarificationResult;
      verdicts.set(draft, { status: checked.verified ? "verified" : "rejected", result: checked });
    }
  });
  return verdicts;
}
