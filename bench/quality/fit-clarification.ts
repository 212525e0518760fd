/**
 * Refits the clarification model (src/clarification/clarification-model.ts) on the EVEN SUM dev
 * items only: `npx tsx bench/quality/fit-clarification.ts`. Prints the weights to paste into
 * DEFAULT_CLARIFICATION_WEIGHTS. Logistic regression by batch gradient descent (5,000 steps, step
 * 1.0, L2 0.01 on the weights, not the bias); positives and negatives weigh the same in total and
 * every negative kind weighs the same. Odd items and qaqa are never read.
 */
import { loadEmbedder } from "../../src/models/index.js";
import { planClarification } from "../../src/clarification/clarification-plan.js";
import { CLARIFICATION_FEATURES, factFeatures, maxFeatures } from "../../src/clarification/clarification-model.js";
import { buildSum } from "./lib/cases.js";
import type { SumRow } from "./lib/cases.js";
import { readJsonl } from "./lib/data.js";

const STEPS = 5_000;
const L2 = 0.01;

export async function fitClarification(): Promise<{ bias: number; features: Record<string, number> } | null> {
  const rows = readJsonl<SumRow>("abstain-test-sum.dev.jsonl");
  if (rows === null) return null;
  const cases = buildSum(rows).filter((c) => c.split === "calibration");
  const plans = cases.map((c) => planClarification(c.clarification, c.annotation));
  const texts = [...new Set(plans.flatMap((plan) => plan.texts))];
  const embedder = await loadEmbedder({ device: "cpu" });
  const vectors = await embedder.embed(texts).finally(() => embedder.dispose());
  const embeddings = new Map(texts.map((text, i) => [text, vectors[i] ?? new Float32Array(0)]));
  // The scorer gives 0 without a usable slot or a fact; those rows carry no information for the fit.
  const data: { x: number[]; y: number; kind: string }[] = [];
  plans.forEach((plan, i) => {
    const usable = plan.slots.filter((slot) => !slot.falseClaim);
    const kind = cases[i]?.kind ?? "";
    if (usable.length === 0 || plan.facts.length === 0) return;
    const features = maxFeatures(plan.facts.map((fact) => factFeatures(plan, fact, usable, { embeddings })));
    data.push({ x: CLARIFICATION_FEATURES.map((name) => features[name]), y: kind === "positive" ? 1 : 0, kind });
  });
  const counts = new Map<string, number>();
  for (const row of data) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
  const negativeKinds = [...counts.keys()].filter((kind) => kind !== "positive").length;
  const weightOf = (kind: string): number => (kind === "positive" ? 1 / (counts.get(kind) ?? 1) : 1 / (negativeKinds * (counts.get(kind) ?? 1)));
  let w = new Array<number>(CLARIFICATION_FEATURES.length + 1).fill(0);
  for (let step = 0; step < STEPS; step += 1) {
    const grad = new Array<number>(w.length).fill(0);
    for (const row of data) {
      const z = row.x.reduce((sum, value, k) => sum + value * (w[k + 1] ?? 0), w[0] ?? 0);
      const d = (1 / (1 + Math.exp(-z)) - row.y) * weightOf(row.kind);
      grad[0] = (grad[0] ?? 0) + d;
      row.x.forEach((value, k) => (grad[k + 1] = (grad[k + 1] ?? 0) + d * value));
    }
    w = w.map((value, k) => value - ((grad[k] ?? 0) + (k > 0 ? L2 * value : 0)));
  }
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return { bias: round(w[0] ?? 0), features: Object.fromEntries(CLARIFICATION_FEATURES.map((name, k) => [name, round(w[k + 1] ?? 0)])) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await fitClarification()));
}
