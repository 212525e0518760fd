import { ModelError, RewardError } from "../errors.js";
import type { ClarificationRequest, ClarificationResult, ClarificationVerifier, Embedder, NliModel } from "../types.js";
import { nliKey, planClarification } from "./clarification-plan.js";
import type { ClarificationPlan } from "./clarification-plan.js";
import { annotationKey, prepareAnnotation } from "./prepare-annotation.js";
import type { PreparedAnnotation } from "./prepare-annotation.js";
import { resolveScoreClarificationOptions, scoreClarificationPlan } from "./score-clarification.js";
import type { ScoreClarificationOptions } from "./score-clarification.js";

/** Options of {@link createClarificationVerifier}. */
export interface ClarificationVerifierOptions extends ScoreClarificationOptions {
  /** The sentence-embedding model (e.g. `loadEmbedder()` from `abstain-reward/models`). */
  embedder: Embedder;
  /**
   * An NLI model; when set, entailment of "the question does not give <fact>" joins the other
   * signals through `nliCalibration` when one is fitted for it, else as an uncalibrated blend of
   * weight `nliWeight` (flagged in every reason and in the verifier's name).
   * @default undefined
   */
  nli?: NliModel;
  /**
   * The verifier's name in results and errors.
   * @default "slots+<embedder id>" (plus "+<nli id>", and ":uncalibrated" without a calibration)
   */
  name?: string;
}

/**
 * Builds the clarification verifier of the reward: per `verify(requests)` it plans every request
 * (pure), embeds every distinct text of the whole batch in ONE `embedder.embed` call (and runs ONE
 * `nli.classify` call when an NLI model is set), then scores each request purely.
 * @param options - Embedder, optional NLI model, threshold and similarity scaling.
 * @returns A {@link ClarificationVerifier} for `scoreBatch(samples, { verifier })`.
 * @example
 * const verifier = createClarificationVerifier({ embedder: await loadEmbedder() });
 * const [r] = await verifier.verify([{ clarification: "The speed is not given.", annotation: { missingFacts: ["the speed of the car"] } }]);
 */
export function createClarificationVerifier(options: ClarificationVerifierOptions): ClarificationVerifier {
  const { embedder, nli, name, ...scoring } = options;
  if (embedder === undefined || typeof embedder.embed !== "function") {
    throw new RewardError(
      "invalid_options",
      "createClarificationVerifier needs an embedder with an embed(texts) method, e.g. loadEmbedder() from abstain-reward/models.",
    );
  }
  const resolved = resolveScoreClarificationOptions(scoring);
  // Without a calibration fitted for this NLI model its entailment joins as a small fixed blend
  // (`nliWeight`), and the verifier's name says so.
  const nliName = nli === undefined ? "" : `+${nli.id}${resolved.nliCalibration === null ? ":uncalibrated" : ""}`;
  return {
    name: name ?? `slots+${embedder.id}${nliName}`,
    async verify(requests: readonly ClarificationRequest[]): Promise<ClarificationResult[]> {
      // Rollouts of one prompt share its annotation: read each question and its facts once per batch.
      const prepared = new Map<string, PreparedAnnotation>();
      const plans: ClarificationPlan[] = requests.map((request) => {
        const annotation = request.annotation ?? {};
        const key = annotationKey(annotation);
        let shared = prepared.get(key);
        if (shared === undefined) {
          shared = prepareAnnotation(annotation);
          prepared.set(key, shared);
        }
        return planClarification(String(request.clarification ?? ""), annotation, shared);
      });
      const texts = [...new Set(plans.flatMap((plan) => plan.texts))];
      const vectors = texts.length === 0 ? [] : await embedder.embed(texts);
      if (vectors.length !== texts.length) {
        throw new ModelError(`The embedder "${embedder.id}" returned ${vectors.length} vectors for ${texts.length} texts.`);
      }
      const embeddings = new Map<string, Float32Array>();
      texts.forEach((text, index) => {
        const vector = vectors[index];
        if (vector !== undefined) embeddings.set(text, vector);
      });
      let entailment: Map<string, number> | undefined;
      if (nli !== undefined) {
        const seen = new Map<string, [string, string]>();
        for (const plan of plans) for (const pair of plan.pairs) seen.set(nliKey(pair[0], pair[1]), pair);
        const pairs = [...seen.values()];
        const scores = pairs.length === 0 ? [] : await nli.classify(pairs);
        if (scores.length !== pairs.length)
          throw new ModelError(`The NLI model "${nli.id}" returned ${scores.length} results for ${pairs.length} pairs.`);
        entailment = new Map(pairs.map((pair, index) => [nliKey(pair[0], pair[1]), scores[index]?.entailment ?? 0]));
      }
      const signals = entailment === undefined ? { embeddings } : { embeddings, entailment };
      return requests.map((_request, index) => {
        const plan = plans[index];
        if (plan === undefined) throw new RewardError("internal", "A verifier plan went missing; please report it.");
        return scoreClarificationPlan(plan, signals, resolved);
      });
    },
  };
}
