import { performance } from "node:perf_hooks";
import { deriveMissingFacts } from "../../clarification/derive-missing-facts.js";
import type { DuplicatePolicy, JoinKey } from "../../eval/eval-types.js";
import type { Device } from "../../models/execution-providers.js";
import { evaluatePaperBatch } from "../../eval/paper/evaluate-paper-batch.js";
import { createPaperAccumulator } from "../../eval/paper/paper-metrics.js";
import type { PaperReport } from "../../eval/paper/paper-report.js";
import type { PaperGrade, PaperProtocol } from "../../eval/paper/paper-types.js";
import { PROTOCOL_FORMAT, PROTOCOL_SCRIPTS } from "../../eval/paper/paper-types.js";
import type { MissingFactsDeriver } from "../../eval/record-to-items.js";
import { evalInputReport, openEvalInput } from "./eval-input.js";
import type { JudgeSpec, PaperRuntime, PaperRuntimeOptions } from "./load-eval-runtime.js";
import { createProgress } from "./progress.js";

/** Everything one `eval` run under a paper protocol is told. */
export interface RunPaperEvaluationOptions {
  results: string;
  reference: string | null;
  join: JoinKey;
  protocol: PaperProtocol;
  judge: JudgeSpec;
  /** The offline judge loads the clarification verifier (`--verifier none` turns it off). */
  verifier: boolean;
  device: Device;
  strict: boolean;
  batchSize: number;
  duplicates: DuplicatePolicy;
}

/** Injection points: tests pass fakes, the CLI passes nothing. */
export interface RunPaperEvaluationHooks {
  loadRuntime?: (options: PaperRuntimeOptions) => Promise<PaperRuntime>;
  deriveMissingFacts?: MissingFactsDeriver;
  /** Receives each batch of grades (the CLI's `--items` output). */
  onGrades?: (grades: readonly PaperGrade[]) => Promise<void>;
  /** Where the judge's progress bar goes. */
  stderr?: NodeJS.WritableStream;
}

/**
 * Runs one evaluation under a paper protocol: the same reading, joining and validation as the
 * library grading, then each batch graded by the script's rules with the chosen judge. The strict
 * SUM protocol grades results records without reference too (its scripts count every line).
 * @param options - What to evaluate, which protocol and judge.
 * @param io - stdin (for `-`) and stderr (progress bars on a terminal).
 * @param hooks - Optional injections.
 * @returns The report.
 * @example
 * const report = await runPaperEvaluation({ results: "r.jsonl", reference: null, join: "question", protocol: "abstain-test", judge: { kind: "exact" }, verifier: false, device: "auto", strict: true, batchSize: 256, duplicates: "error" }, process);
 */
export async function runPaperEvaluation(
  options: RunPaperEvaluationOptions,
  io: { stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream },
  hooks: RunPaperEvaluationHooks = {},
): Promise<PaperReport> {
  const started = performance.now();
  const format = PROTOCOL_FORMAT[options.protocol];
  const input = await openEvalInput(
    {
      results: options.results,
      reference: options.reference,
      join: options.join,
      protocol: format,
      // The scripts grade an unanswerable item without reference clarification (their judge sees "").
      compat: "reference",
      strict: options.strict,
      batchSize: options.batchSize,
      duplicates: options.duplicates,
      gradeUnmatched: options.protocol === "sum-strict",
    },
    io.stdin,
    hooks.deriveMissingFacts ?? deriveMissingFacts,
  );
  const { source } = input;
  const progress = createProgress(io.stderr, `eval ${options.protocol}`);
  const runtimeOptions: PaperRuntimeOptions = {
    protocol: options.protocol,
    judge: options.judge,
    verifier: options.verifier,
    device: options.device,
    progress: io.stderr,
  };
  let runtime: PaperRuntime | null = null;
  let accumulator: ReturnType<typeof createPaperAccumulator> | null = null;
  let graded = 0;
  try {
    for await (const batch of input.batches()) {
      runtime ??= await (hooks.loadRuntime ?? (await import("./load-eval-runtime.js")).loadPaperRuntime)(runtimeOptions);
      accumulator ??= createPaperAccumulator(options.protocol, runtime.deps.judge.measuresClarification);
      const grades = await evaluatePaperBatch(batch, options.protocol, runtime.deps);
      for (const grade of grades) accumulator.add(grade);
      await hooks.onGrades?.(grades);
      graded += grades.length;
      progress.update(graded, source.size ? source.bytesRead() / source.size : null);
    }
  } finally {
    progress.done();
    await runtime?.dispose();
  }
  const summary = input.summary();
  const judge = runtime?.deps.judge;
  const { overall, byDataset } = (accumulator ?? createPaperAccumulator(options.protocol, true)).result();
  return {
    grading: "paper",
    protocol: options.protocol,
    script: PROTOCOL_SCRIPTS[options.protocol],
    judge: {
      kind: judge?.kind ?? options.judge.kind,
      name: judge?.name ?? options.judge.kind,
      measuresClarification: judge?.measuresClarification ?? true,
      similarityThreshold: runtime?.deps.selfAwareStep.kind === "embedding" ? runtime.deps.selfAwareStep.threshold : null,
    },
    overall,
    byDataset,
    input: evalInputReport(source.name, options, summary, graded, options.duplicates),
    elapsedMs: Math.round(performance.now() - started),
  };
}
