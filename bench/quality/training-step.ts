/**
 * A whole training step (docs/quality.md "## Training step"): 1,280 samples = 256 prompts × 5
 * rollouts, 30% unanswerable, drawn from the dev data, through `scoreBatch` with the real
 * clarification verifier on the offline embedder. Reports wall time, its breakdown and the
 * embedding cache hit rate. `--write` writes bench/results/quality-training-step.*.
 */
import { loadavg } from "node:os";
import { scoreBatch } from "../../src/reward/score-batch.js";
import { deriveMissingFacts } from "../../src/clarification/derive-missing-facts.js";
import { createClarificationVerifier } from "../../src/clarification/create-verifier.js";
import { loadEmbedder } from "../../src/models/index.js";
import type { Sample } from "../../src/types.js";
import { readJsonl, rng, writeResults } from "./lib/data.js";
import { GENERIC_REFUSALS, hardNegatives } from "./lib/negatives.js";

export interface SumRow {
  answerable_question: string;
  unanswerable_question: string;
  ground_truth: string;
  clarification: string;
}
export interface WosumRow {
  question: string;
  answer: string | string[];
  should_abstain: boolean;
}

const PROMPTS = 256;
const ROLLOUTS = 5;
const UNANSWERABLE = Math.round(PROMPTS * 0.3);

const wrap = (thinking: string, answer: string): string => `${thinking}\n</thinking>\n<answer>\n${answer}\n</answer>`;

export function buildSamples(sum: SumRow[], wosum: WosumRow[]): Sample[] {
  const random = rng(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const samples: Sample[] = [];
  const sumItems = [...sum.keys()].sort(() => random() - 0.5).slice(0, UNANSWERABLE);
  for (const index of sumItems) {
    const row = sum[index] as SumRow;
    const missingFacts = deriveMissingFacts(row.answerable_question, row.unanswerable_question);
    const hard = hardNegatives(row.answerable_question, row.unanswerable_question);
    const idk = "\\boxed{I don't know.}";
    const rollouts = [
      wrap("The problem seems to lack something.", `${idk}\n${row.clarification}`),
      wrap("Let me restate it.", `${idk}\n${hard.restatement}`),
      wrap("Not enough here.", `${idk}\n${pick(GENERIC_REFUSALS)}`),
      wrap("Something is off.", `${idk}\n${pick(sum).clarification}`),
      wrap("I will guess.", `The answer is \\boxed{${row.ground_truth}}.`),
    ];
    // A pair whose edit derives no fact (rare) is annotated with its reference clarification instead.
    const annotation = missingFacts.length > 0 ? { missingFacts } : { referenceClarification: row.clarification };
    for (const response of rollouts) samples.push({ response, answerable: false, ...annotation, question: row.unanswerable_question });
  }
  const answerable = wosum.filter((row) => !row.should_abstain);
  for (let p = 0; p < PROMPTS - UNANSWERABLE; p += 1) {
    const row = pick(answerable);
    const gold = Array.isArray(row.answer) ? String(row.answer[0] ?? "") : String(row.answer);
    const rollouts = [
      wrap("Working it out step by step.", `The answer is \\boxed{${gold}}.`),
      wrap("Working it out.", `So the final answer is \\boxed{${gold}}`),
      wrap("Hmm.", "The answer is \\boxed{42}."),
      wrap("Let me think.", `I believe it is ${gold}.`),
      wrap("Unsure.", "\\boxed{I don't know.}\nThe question does not give enough information."),
    ];
    for (const response of rollouts) samples.push({ response, answerable: true, goldAnswer: row.answer, question: row.question });
  }
  return samples;
}

const TRIALS = 3;

interface Trial {
  cold: Record<string, number>;
  warm: Record<string, number>;
  timing: Record<string, number>;
  cache: { hits: number; misses: number };
  mode: string;
  load: number;
  embedderId: string;
}

async function trial(samples: Sample[]): Promise<Trial> {
  const embedder = await loadEmbedder({ device: "cpu" });
  try {
    const verifier = createClarificationVerifier({ embedder });
    // Warm the runtime (session creation, first-call allocations) on unrelated text: the step itself starts cold.
    await embedder.embed(["warm up the session"]);
    const before = embedder.stats();
    const steps: Record<string, number>[] = [];
    let mode = "";
    for (let step = 0; step < 2; step += 1) {
      mode = "scoreBatch (src/reward/score-batch.ts) with the real verifier";
      const t0 = performance.now();
      await scoreBatch(samples, {});
      const pureMs = performance.now() - t0;
      const t1 = performance.now();
      await scoreBatch(samples, { verifier });
      steps.push({ wallMs: performance.now() - t1, pureChecksMs: pureMs });
    }
    const after = embedder.stats();
    return {
      cold: steps[0] ?? {},
      warm: steps[1] ?? {},
      timing: {
        tokenizeMs: after.timing.tokenizeMs - before.timing.tokenizeMs,
        padMs: after.timing.padMs - before.timing.padMs,
        runMs: after.timing.runMs - before.timing.runMs,
        postMs: after.timing.postMs - before.timing.postMs,
        rows: after.timing.rows - before.timing.rows,
        batches: after.timing.batches - before.timing.batches,
      },
      cache: { hits: after.cache.hits - before.cache.hits, misses: after.cache.misses - before.cache.misses },
      mode,
      load: loadavg()[0] ?? Number.NaN,
      embedderId: embedder.id,
    };
  } finally {
    await embedder.dispose();
  }
}

export async function runTrainingStep(write = false): Promise<Record<string, unknown> | null> {
  const sum = readJsonl<SumRow>("abstain-test-sum.dev.jsonl");
  const wosum = readJsonl<WosumRow>("abstain-test-wosum.dev.jsonl");
  if (sum === null || wosum === null) return null;
  const samples = buildSamples(sum, wosum);
  const trials: Trial[] = [];
  for (let t = 0; t < TRIALS; t += 1) trials.push(await trial(samples));
  const sorted = [...trials].sort((a, b) => (a.cold["wallMs"] ?? 0) - (b.cold["wallMs"] ?? 0));
  const median = sorted[Math.floor(sorted.length / 2)] as Trial;
  const colds = sorted.map((t) => t.cold["wallMs"] ?? Number.NaN);
  const { timing, cache, cold, warm, mode } = median;
  const modelMs = (timing["tokenizeMs"] ?? 0) + (timing["padMs"] ?? 0) + (timing["runMs"] ?? 0) + (timing["postMs"] ?? 0);
  const scoringMs = (cold["wallMs"] ?? 0) - modelMs - (cold["pureChecksMs"] ?? 0);
  const loads = trials.map((t) => t.load.toFixed(1)).join(", ");
  const json = {
    samples: samples.length,
    prompts: PROMPTS,
    rollouts: ROLLOUTS,
    unanswerablePrompts: UNANSWERABLE,
    mode,
    trials: trials.length,
    coldWallMs: { median: cold["wallMs"], min: colds[0], max: colds[colds.length - 1], all: colds },
    medianTrial: {
      coldStep: cold,
      warmStep: warm,
      embedding: { ...timing, cache, hitRate: cache.hits / Math.max(1, cache.hits + cache.misses) },
    },
    breakdown: {
      pureChecksMs: cold["pureChecksMs"],
      tokenizeMs: timing["tokenizeMs"],
      padMs: timing["padMs"],
      sessionRunMs: timing["runMs"],
      poolingMs: timing["postMs"],
      planningAndScoringMs: scoringMs,
    },
    loadAverages1m: trials.map((t) => t.load),
    cpuCores: 2,
  };
  const md = [
    `${samples.length} samples (${PROMPTS} prompts × ${ROLLOUTS} rollouts, ${UNANSWERABLE} unanswerable SUM prompts with derived missing facts, ${PROMPTS - UNANSWERABLE} answerable Abstain-Test prompts), offline embedder \`${median.embedderId}\` on CPU, ${mode}. ${TRIALS} trials, each with a fresh embedder (cold cache); the median trial is shown.`,
    "",
    "| measure | value | target |",
    "|---|---|---|",
    `| wall time, first step (cold embedding cache), median of ${TRIALS} | ${(cold["wallMs"] ?? 0).toFixed(0)} ms (min ${(colds[0] ?? 0).toFixed(0)}, max ${(colds[colds.length - 1] ?? 0).toFixed(0)}) | ≤ 1000 ms |`,
    `| wall time, second step (same texts, warm cache) | ${(warm["wallMs"] ?? 0).toFixed(0)} ms | — |`,
    `| pure checks (parse, answer checks, detection; the batch scored without a verifier) | ${(cold["pureChecksMs"] ?? 0).toFixed(0)} ms | — |`,
    `| tokenize (both steps) | ${(timing["tokenizeMs"] ?? 0).toFixed(0)} ms | — |`,
    `| \`session.run\` (both steps) | ${(timing["runMs"] ?? 0).toFixed(0)} ms over ${timing["batches"]} batches, ${timing["rows"]} rows | — |`,
    `| padding + pooling (both steps) | ${((timing["padMs"] ?? 0) + (timing["postMs"] ?? 0)).toFixed(0)} ms | — |`,
    `| slot planning + pure scoring (first step, remainder) | ${scoringMs.toFixed(0)} ms | — |`,
    `| embedding cache hit rate (both steps) | ${((cache.hits / Math.max(1, cache.hits + cache.misses)) * 100).toFixed(1)}% (${cache.hits} hits, ${cache.misses} misses) | — |`,
    `| 1-minute load average after each trial (2 cores, shared with other work) | ${loads} | — |`,
  ].join("\n");
  if (write) writeResults("quality-training-step", json, md);
  return { ...json, coldStep: cold, markdown: md };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runTrainingStep(process.argv.includes("--write"));
  if (out !== null) console.log(out["markdown"]);
}
