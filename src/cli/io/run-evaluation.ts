import { performance } from "node:perf_hooks";
import { deriveMissingFacts } from "../../clarification/derive-missing-facts.js";
import { evaluateBatch } from "../../eval/evaluate-batch.js";
import type { DuplicatePolicy, EmptyOutputPolicy, EvalReport, ItemGrade, JoinKey } from "../../eval/eval-types.js";
import { createMetricsAccumulator } from "../../eval/metrics.js";
import type { MissingFactsDeriver } from "../../eval/record-to-items.js";
import { evalInputReport, openEvalInput } from "./eval-input.js";
import type { EvalRuntime, EvalRuntimeOptions } from "./load-eval-runtime.js";
import { createProgress } from "./progress.js";

export { recordError } from "./eval-input.js";

/** Everything one `eval --grading library` run is told: the runtime it loads, plus its input. */
export interface RunEvaluationOptions extends EvalRuntimeOptions {
  results: string;
  reference: string | null;
  join: JoinKey;
  emptyOutputs: EmptyOutputPolicy;
  /** Unknown fields are errors. */
  strict: boolean;
  batchSize: number;
  /** Records sharing a join key. @default "error" */
  duplicates?: DuplicatePolicy;
}

/** Injection points: tests pass fakes, the CLI passes nothing. */
export interface RunEvaluationHooks {
  loadRuntime?: (options: EvalRuntimeOptions) => Promise<EvalRuntime>;
  deriveMissingFacts?: MissingFactsDeriver;
  /** Receives each batch of grades (the CLI's `--items` output). */
  onGrades?: (grades: readonly ItemGrade[]) => Promise<void>;
}

/**
 * Runs one evaluation with the library's own grading: reads (and joins) the results in batches,
 * grades each batch with one model pass per model, folds the grades into the metrics. Bad input
 * stops the run with an error naming the file, line and field; unmatched and duplicate records are
 * counted and listed.
 * @param options - What to evaluate and how.
 * @param io - stdin (for `-`) and stderr (progress bar when it is a terminal).
 * @param hooks - Optional injections.
 * @returns The report.
 * @example
 * const report = await runEvaluation({ results: "r.jsonl", reference: null, join: "question", protocol: "abstain-test", emptyOutputs: "miss", detector: "lexical", preset: "abstain-r1", compat: "fixed", template: "abstain-r1", verifier: true, device: "auto", strict: true, batchSize: 256 }, process);
 */
export async function runEvaluation(
  options: RunEvaluationOptions,
  io: { stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream },
  hooks: RunEvaluationHooks = {},
): Promise<EvalReport> {
  const started = performance.now();
  const input = await openEvalInput(
    { ...options, duplicates: options.duplicates ?? "error", gradeUnmatched: false },
    io.stdin,
    hooks.deriveMissingFacts ?? deriveMissingFacts,
  );
  const { source } = input;
  const accumulator = createMetricsAccumulator(options.protocol, options.emptyOutputs);
  const progress = createProgress(io.stderr, `eval ${options.protocol}`);
  let graded = 0;
  let runtime: EvalRuntime | null = null;
  const runtimeOptions: EvalRuntimeOptions = {
    protocol: options.protocol,
    detector: options.detector,
    preset: options.preset,
    compat: options.compat,
    template: options.template,
    verifier: options.verifier,
    device: options.device,
  };
  let verifierName: string | null = null;
  try {
    for await (const batch of input.batches()) {
      // Models load on the first full batch, so bad input on line 1 fails before any model work.
      runtime ??= await (hooks.loadRuntime ?? (await import("./load-eval-runtime.js")).loadEvalRuntime)(runtimeOptions);
      const grades = await evaluateBatch(batch, runtime.deps, options);
      for (const grade of grades) accumulator.add(grade);
      await hooks.onGrades?.(grades);
      graded += grades.length;
      progress.update(graded, source.size ? source.bytesRead() / source.size : null);
    }
    verifierName = runtime?.verifierName ?? null;
  } finally {
    progress.done();
    await runtime?.dispose();
  }
  const summary = input.summary();
  const { overall, byDataset } = accumulator.result();
  return {
    grading: "library",
    protocol: options.protocol,
    overall,
    byDataset,
    input: evalInputReport(source.name, options, summary, graded, options.duplicates ?? "error"),
    settings: {
      preset: options.preset,
      compat: options.compat,
      template: options.template,
      detector: options.detector,
      verifier: verifierName,
      emptyOutputs: options.emptyOutputs,
    },
    elapsedMs: Math.round(performance.now() - started),
  };
}
