/**
 * Features of every bench case through the library's own planning code, with one embedding pass,
 * plus the two baselines: bag-of-words cosine and embedding (topic) cosine, clarification vs question.
 */
import { planClarification } from "../../../src/clarification/clarification-plan.js";
import { CLARIFICATION_FEATURES, factFeatures, groundingScale, maxFeatures } from "../../../src/clarification/clarification-model.js";
import type { ClarificationFeature } from "../../../src/clarification/clarification-model.js";
import { bagOfWordsCosine } from "../../../src/clarification/grounding.js";
import { plainText } from "../../../src/clarification/plain-text.js";
import { cosine } from "../../../src/vector/vector-math.js";
import type { Embedder } from "../../../src/types.js";
import type { BenchCase } from "./all-cases.js";

export interface CaseFeatures {
  /** null: the scorer gates the case to 0 (no usable slot or no fact). */
  x: Record<ClarificationFeature, number> | null;
  copiedShare: number;
  /** groundingScale of the plan: copies and another problem's people only lower a score. */
  scale: number;
  /** Its sentences stand in for slots (nothing declared missing in words the triggers read): scored, never fitted on. */
  sentenceSlots: boolean;
  bow: number;
  topic: number;
}

export async function computeFeatures(cases: readonly BenchCase[], embedder: Embedder): Promise<CaseFeatures[]> {
  const plans = cases.map((c) => planClarification(c.clarification, c.annotation));
  const topicTexts = cases.flatMap((c) => [plainText(c.clarification), plainText(c.question)]);
  const texts = [...new Set([...plans.flatMap((plan) => plan.texts), ...topicTexts])];
  const vectors = await embedder.embed(texts);
  const embeddings = new Map(texts.map((text, i) => [text, vectors[i] as Float32Array]));
  return cases.map((c, i) => {
    const plan = plans[i];
    const usable = plan?.slots.filter((slot) => !slot.falseClaim) ?? [];
    const x =
      plan === undefined || usable.length === 0 || plan.facts.length === 0
        ? null
        : maxFeatures(plan.facts.map((fact) => factFeatures(plan, fact, usable, { embeddings })));
    const a = embeddings.get(plainText(c.clarification));
    const b = embeddings.get(plainText(c.question));
    return {
      x,
      copiedShare: plan?.copiedShare ?? 0,
      scale: plan === undefined ? 1 : groundingScale(plan),
      sentenceSlots: plan?.sentenceSlots ?? false,
      bow: bagOfWordsCosine(c.clarification, c.question),
      topic: a === undefined || b === undefined ? 0 : cosine(a, b),
    };
  });
}

export { CLARIFICATION_FEATURES };
