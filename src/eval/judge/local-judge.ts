import { detectAbstention } from "../../abstention/detect-abstention.js";
import { scoreAnswer } from "../../answer/score-answer.js";
import { extractClarification } from "../../clarification/extract-clarification.js";
import type { ClarificationRequest, ClarificationVerifier } from "../../types.js";
import type { ClarificationQuery, Judge, JudgeFailure, RefusalQuery, RefusalVerdict } from "./judge-types.js";

/** What the offline judge is built from. */
export interface LocalJudgeParts {
  /** The clarification verifier, or `null` (clarifications are then not measured). */
  verifier: ClarificationVerifier | null;
  /** Fuzzy threshold of the answer checker. @default 0.9 */
  fuzzyThreshold?: number;
}

const DETECT = { template: "abstain-r1", compat: "fixed" } as const;

function annotationOf(question: string | null, reference: string, missingFacts: readonly string[]): ClarificationRequest["annotation"] {
  const annotation: ClarificationRequest["annotation"] = {};
  if (reference.trim() !== "") annotation.referenceClarification = reference;
  if (missingFacts.length > 0) annotation.missingFacts = missingFacts;
  if (question !== null) annotation.question = question;
  return annotation;
}

/** Runs the verifier on the non-empty requests; a verifier failure fails each of them, never throws. */
async function verifyAll(
  verifier: ClarificationVerifier,
  requests: readonly (ClarificationRequest | null)[],
): Promise<(boolean | JudgeFailure)[]> {
  const pending = requests.flatMap((request, index) => (request === null ? [] : [{ index, request }]));
  const out: (boolean | JudgeFailure)[] = requests.map(() => false);
  if (pending.length === 0) return out;
  try {
    const results = await verifier.verify(pending.map((entry) => entry.request));
    pending.forEach((entry, at) => {
      const result = Array.isArray(results) && results.length === pending.length ? results[at] : undefined;
      out[entry.index] = result === undefined ? { error: `the verifier ${verifier.name} returned no result` } : result.verified;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const entry of pending) out[entry.index] = { error: `the verifier ${verifier.name} failed: ${message}` };
  }
  return out;
}

/**
 * The offline judge (the default): the project's answer checker decides correctness, its lexical
 * abstention detector decides refusals (a hedge with a boxed guess is an answer), and its
 * clarification verifier decides whether the stated reason names the missing information.
 * @param parts - The verifier (or `null`) and the answer checker's fuzzy threshold.
 * @returns The judge.
 * @example
 * const judge = createLocalJudge({ verifier: null });
 * await judge.judgeAnswers([{ label: "line 1", question: null, gold: ["4"], output: "\\boxed{4}" }]); // ["correct"]
 */
export function createLocalJudge(parts: LocalJudgeParts): Judge {
  const { verifier } = parts;
  const fuzzyThreshold = parts.fuzzyThreshold ?? 0.9;
  const refused = (output: string): boolean => {
    const result = detectAbstention(output, DETECT);
    return result.abstained && !result.hedged;
  };
  return {
    name: `local (answer checker, lexical abstention detector, ${verifier === null ? "no clarification verifier" : `clarification verifier ${verifier.name}`})`,
    kind: "local",
    measuresClarification: verifier !== null,
    async judgeAnswers(queries) {
      return queries.map((query) => {
        const result = scoreAnswer(query.output, query.gold, { fuzzyThreshold });
        if (result.score === 1) return "correct";
        if (refused(query.output)) return "idk";
        if (result.score === null) return { error: `the answer checker cannot parse the gold answer (${result.reason})` };
        return "incorrect";
      });
    },
    async judgeRefusals(queries: readonly RefusalQuery[]): Promise<(RefusalVerdict | JudgeFailure)[]> {
      const refusals = queries.map((query) => refused(query.output));
      if (verifier === null) return refusals.map((refusal) => ({ refusal, clarificationOk: null }));
      const requests = queries.map((query, index) => {
        if (refusals[index] !== true) return null;
        const clarification = extractClarification(query.output, DETECT).text.trim();
        return clarification === ""
          ? null
          : { clarification, annotation: annotationOf(query.question, query.referenceClarification, query.missingFacts) };
      });
      const verdicts = await verifyAll(verifier, requests);
      return verdicts.map((verdict, index) =>
        typeof verdict === "boolean" ? { refusal: refusals[index] === true, clarificationOk: verdict } : verdict,
      );
    },
    async judgeClarifications(queries: readonly ClarificationQuery[]) {
      if (verifier === null) return queries.map(() => null);
      const requests = queries.map((query) =>
        query.clarification.trim() === ""
          ? null
          : {
              clarification: query.clarification,
              annotation: annotationOf(query.question, query.referenceClarification, query.missingFacts),
            },
      );
      return verifyAll(verifier, requests);
    },
  };
}
