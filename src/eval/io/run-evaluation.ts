import { performance } from "node:perf_hooks";
import { deriveMissingFacts } from "../../clarification/derive-missing-facts.js";
import { InputError } from "../../errors.js";
import type { CompatMode, Preset, Template } from "../../types.js";
import { evaluateBatch } from "../evaluate-batch.js";
import type { DetectorKind, EmptyOutputPolicy, EvalItem, EvalProtocol, EvalReport, ItemGrade, JoinKey, UnmatchedItem } from "../eval-types.js";
import type { ReferenceIndex } from "../join-reference.js";
import { buildReferenceIndex, joinRecord, unjoinedReferenceLines } from "../join-reference.js";
import { createMetricsAccumulator } from "../metrics.js";
import type { MissingFactsDeriver } from "../record-to-items.js";
import { recordToItems } from "../record-to-items.js";
import type { RecordIssue, RecordRole } from "../validate-record.js";
import { validateRecord } from "../validate-record.js";
import type { EvalRuntime, EvalRuntimeOptions } from "./load-eval-runtime.js";
import { createProgress } from "./progress.js";
import type { RecordSource } from "./read-records.js";
import { openRecords } from "./read-records.js";

/** Everything one `eval` run is told. */
export interface RunEvaluationOptions {
  results: string;
  reference: string | null;
  join: JoinKey;
  protocol: EvalProtocol;
  emptyOutputs: EmptyOutputPolicy;
  detector: DetectorKind;
  preset: Preset;
  compat: CompatMode;
  template: Template;
  verifier: boolean;
  device: "auto" | "cpu" | "cuda";
  /** Unknown fields are errors. */
  strict: boolean;
  batchSize: number;
}

/** Injection points: tests pass fakes, the CLI passes nothing. */
export interface RunEvaluationHooks {
  loadRuntime?: (options: EvalRuntimeOptions) => Promise<EvalRuntime>;
  deriveMissingFacts?: MissingFactsDeriver;
  /** Receives each batch of grades (the CLI's `--items` output). */
  onGrades?: (grades: readonly ItemGrade[]) => Promise<void>;
}

/** Keeps at most this many unmatched records listed; all are counted. */
const MAX_UNMATCHED_LISTED = 10_000;

/**
 * Formats the issues of one record as an error naming the file, the line and each field.
 * @param source - The file's name and unit.
 * @param line - The record's line.
 * @param issues - Its issues.
 * @returns An `InputError` ready to throw.
 * @example
 * throw recordError({ name: "r.jsonl", unit: "line" }, 3, [{ field: "answer", message: "is missing" }]);
 */
export function recordError(source: Pick<RecordSource, "name" | "unit">, line: number, issues: readonly RecordIssue[]): InputError {
  const parts = issues.map((issue) => (issue.field === null ? issue.message : `field "${issue.field}" ${issue.message}`));
  return new InputError(
    `${source.name} ${source.unit} ${line}: ${parts.join("; ")}.`,
    issues.map((issue) => ({ path: issue.field === null ? [source.name, line] : [source.name, line, issue.field], message: issue.message })),
  );
}

async function loadReference(options: RunEvaluationOptions, stdin: NodeJS.ReadableStream): Promise<ReferenceIndex> {
  const source = await openRecords(options.reference ?? "-", stdin);
  const records: { line: number; record: Record<string, unknown> }[] = [];
  for await (const { line, value } of source.records()) {
    const check = validateRecord(value, options.protocol, "reference", false);
    if (!check.ok) throw recordError(source, line, check.issues);
    records.push({ line, record: check.record });
  }
  if (records.length === 0) throw new InputError(`The reference ${source.name} holds no records.`);
  return buildReferenceIndex(records, options.protocol, options.join, source.name);
}

function noJoinError(results: RecordSource, reference: string, options: RunEvaluationOptions, first: UnmatchedItem | undefined): InputError {
  const other = options.join === "question" ? "id" : "question";
  const example = first === undefined ? "" : ` (${results.unit} ${first.line} has "${first.key.slice(0, 80)}")`;
  return new InputError(
    `${results.name} does not join with ${reference} by ${options.join}: none of its records matches a reference record${example}. Check that the two files belong to the same benchmark and --protocol ${options.protocol}, or join by ${other} with --join ${other}.`,
    [{ path: [results.name, options.join], message: "No record joins" }],
  );
}

/**
 * Runs one evaluation: reads (and joins) the results in batches, grades each batch with one
 * model pass per model, folds the grades into the metrics. Bad input stops the run with an
 * error naming the file, line and field; unmatched records are counted and listed.
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
  const source = await openRecords(options.results, io.stdin);
  const index = options.reference === null ? null : await loadReference(options, io.stdin);
  const role: RecordRole = index === null ? "combined" : "results";
  const accumulator = createMetricsAccumulator(options.protocol, options.emptyOutputs);
  const progress = createProgress(io.stderr, `eval ${options.protocol}`);
  const unmatched: UnmatchedItem[] = [];
  let unmatchedCount = 0;
  let records = 0;
  let graded = 0;
  // A holder, not a `let`: the closure below assigns it and TypeScript does not track that.
  const loaded: { runtime: EvalRuntime | null } = { runtime: null };
  let batch: EvalItem[] = [];
  const runtimeOptions: EvalRuntimeOptions = {
    protocol: options.protocol,
    detector: options.detector,
    preset: options.preset,
    compat: options.compat,
    template: options.template,
    verifier: options.verifier,
    device: options.device,
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    // Models load on the first full batch, so bad input on line 1 fails before any model work.
    loaded.runtime ??= await (hooks.loadRuntime ?? (await import("./load-eval-runtime.js")).loadEvalRuntime)(runtimeOptions);
    const grades = await evaluateBatch(batch, loaded.runtime.deps, options);
    for (const grade of grades) accumulator.add(grade);
    await hooks.onGrades?.(grades);
    graded += grades.length;
    batch = [];
    progress.update(graded, source.size ? source.bytesRead() / source.size : null);
  };
  let verifierName: string | null = null;
  const derive = hooks.deriveMissingFacts ?? deriveMissingFacts;
  try {
    for await (const { line, value } of source.records()) {
      records += 1;
      const check = validateRecord(value, options.protocol, role, options.strict);
      if (!check.ok) throw recordError(source, line, check.issues);
      let record = check.record;
      if (index !== null) {
        const joined = joinRecord(record, index);
        if (joined.kind === "invalid") throw recordError(source, line, joined.issues);
        if (joined.kind === "unmatched") {
          unmatchedCount += 1;
          if (unmatched.length < MAX_UNMATCHED_LISTED) unmatched.push({ line, key: joined.key });
          continue;
        }
        record = joined.record;
      }
      const made = recordToItems(record, line, { protocol: options.protocol, compat: options.compat, deriveMissingFacts: derive });
      if (!made.ok) throw recordError(source, line, made.issues);
      batch.push(...made.items);
      if (batch.length >= options.batchSize) await flush();
    }
    await flush();
    verifierName = loaded.runtime?.verifierName ?? null;
  } finally {
    progress.done();
    await loaded.runtime?.dispose();
  }
  if (records === 0) throw new InputError(`${source.name} holds no records; expected one JSON object per line.`);
  if (index !== null && unmatchedCount === records) throw noJoinError(source, options.reference ?? "", options, unmatched[0]);
  const referenceMissing = index === null ? [] : unjoinedReferenceLines(index);
  const { overall, byDataset } = accumulator.result();
  return {
    protocol: options.protocol,
    overall,
    byDataset,
    input: {
      results: source.name,
      reference: options.reference,
      join: index === null ? null : options.join,
      records,
      items: graded,
      unmatched: unmatchedCount,
      unmatchedItems: unmatched,
      referenceWithoutResult: referenceMissing.length,
      referenceWithoutResultLines: referenceMissing,
    },
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
