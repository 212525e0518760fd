import { performance } from "node:perf_hooks";
import type { CliIo } from "./cli-io.js";
import { InputError } from "../errors.js";
import type { InputIssue } from "../errors.js";
import { inputPath, integerFlag, parseFlags, stringFlag } from "./io/cli-args.js";
import { assertOutputsAreNotInputs, openOutput } from "./io/output-sink.js";
import { didYouMean } from "../reward/did-you-mean.js";
import { createProgress } from "./io/progress.js";
import { openRecords } from "./io/read-records.js";
import type { RecordSource } from "./io/read-records.js";
import { addScore, createScoreTally, summarizeScores } from "../eval/score-summary.js";
import type { Rewarder } from "../reward/create-rewarder.js";
import { validateSamples } from "../reward/sample-schema.js";
import { parseWeightsFlag } from "./weights-flag.js";
import type { LoadRewarderOptions } from "../models/load-rewarder.js";
import type { CompatMode, RewardResult, Sample } from "../types.js";
import { REWARD_CHOICE_OPTIONS, rewardChoiceUsage, rewardChoices, weightsUsage } from "./reward-flags.js";
import type { UsageStyle } from "./reward-flags.js";

const USAGE_STYLE: UsageStyle = { column: 22, sentences: false };

export const SCORE_USAGE = `Usage: abstain-reward score <samples.jsonl|-> [options]

Scores samples ({ id?, response, answerable, goldAnswer?, missingFacts?, referenceClarification?,
question? }, one JSON object per line) with the clarification-aware reward. Writes one JSON line per
sample, in input order: { id, line, reward, score, components, reason, gradeable } (score: the
reward, or null when the sample could not be graded). A summary follows on stderr (on stdout when -o
is given).

Options:
  -o, --output FILE   write the results to FILE instead of stdout
${rewardChoiceUsage(["preset", "compat", "template", "verifier", "device"], USAGE_STYLE)}
${weightsUsage(USAGE_STYLE)}
  --details           include the reward's message and details on each line
  --batch-size N      samples per model pass (default 256)
  -h, --help          show this message

Example:
  abstain-reward score fixtures/eval-samples.jsonl -o scores.jsonl
`;

const SAMPLE_FIELD_TYPES: Readonly<Record<string, string>> = {
  id: "a string",
  response: "a string",
  answerable: "true or false",
  goldAnswer: "a string or a list of strings",
  missingFacts: "a list of strings",
  referenceClarification: "a string",
  question: "a string",
};

/** Validates one sample line, naming the file, line and field on failure. */
function checkSample(value: unknown, source: RecordSource, line: number, compat: CompatMode): Sample {
  try {
    const [sample] = validateSamples([value], compat);
    if (sample !== undefined) return sample;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const record = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const parts = error.issues.map((issue: InputIssue) => describeIssue(issue, record));
    throw new InputError(
      `${source.name} ${source.unit} ${line}: ${parts.join("; ")}.`,
      error.issues.map((issue) => ({ path: [source.name, line, ...issue.path.slice(1)], message: issue.message })),
    );
  }
  throw new InputError(`${source.name} ${source.unit} ${line}: expected one sample object.`);
}

function describeIssue(issue: InputIssue, record: Record<string, unknown> | null): string {
  if (record === null) return 'expected a JSON object like { "response": "…", "answerable": true, "goldAnswer": "4" }';
  const field = issue.path[1];
  const allowed = Object.keys(SAMPLE_FIELD_TYPES);
  const notAField = (key: string): string =>
    `field "${key}" is not a Sample field${didYouMean(key, allowed)} (allowed: ${allowed.join(", ")})`;
  if (typeof field !== "string") {
    const unknown = Object.keys(record).filter((key) => !(key in SAMPLE_FIELD_TYPES));
    if (unknown.length > 0) return unknown.map(notAField).join("; ");
    return issue.message;
  }
  if (!(field in SAMPLE_FIELD_TYPES) && field in record) return notAField(field);
  const expected = SAMPLE_FIELD_TYPES[field] ?? "a valid value";
  if (record[field] === undefined && !issue.message.includes("needs")) return `field "${field}" is missing (expected ${expected})`;
  if (/^Invalid input/.test(issue.message)) return `field "${field}" must be ${expected}`;
  return `field "${field}": ${issue.message}`;
}

function resultLine(result: RewardResult, sample: Sample, line: number, details: boolean): string {
  const out: Record<string, unknown> = {
    id: sample.id ?? null,
    line,
    reward: result.reward,
    score: result.score,
    components: result.components,
    reason: result.reason,
    gradeable: result.gradeable,
  };
  if (details) {
    out.message = result.message;
    out.details = result.details;
  }
  return `${JSON.stringify(out)}\n`;
}

/**
 * `abstain-reward score`: per-sample rewards as JSON lines, streamed in batches.
 * @param args - Arguments after `score`.
 * @param io - The command's streams.
 * @returns Resolves when every line and the summary are written.
 * @example
 * await runScoreCommand(["samples.jsonl", "-o", "scores.jsonl"], io);
 */
export async function runScoreCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseFlags("score", args, {
    output: { type: "string", short: "o" },
    ...REWARD_CHOICE_OPTIONS,
    weights: { type: "string" },
    details: { type: "boolean" },
    "batch-size": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout.write(SCORE_USAGE);
    return;
  }
  const path = inputPath("score", positionals, "samples");
  const choices = rewardChoices(values);
  const options: LoadRewarderOptions = { ...choices };
  const weights = stringFlag(values.weights);
  if (weights !== undefined) options.weights = parseWeightsFlag(weights);
  const { compat } = choices;
  const batchSize = integerFlag("batch-size", values["batch-size"], 1) ?? 256;
  const details = values.details === true;
  const started = performance.now();
  const output = stringFlag(values.output);
  assertOutputsAreNotInputs([{ flag: "-o", path: output }], [{ flag: "the samples file", path }]);
  const source = await openRecords(path, io.stdin);
  const sink = await openOutput(output, io.stdout);
  const progress = createProgress(io.stderr, "score");
  const tally = createScoreTally();
  // A holder, not a `let`: the closure below assigns it and TypeScript does not track that.
  const loaded: { rewarder: Rewarder | null } = { rewarder: null };
  let samples: Sample[] = [];
  let lines: number[] = [];
  const flush = async (): Promise<void> => {
    if (samples.length === 0) return;
    // Loaded on the first batch, so a bad first line fails before any model work.
    loaded.rewarder ??= await (await import("../models/load-rewarder.js")).loadRewarder(options);
    const results = await loaded.rewarder.scoreBatch(samples);
    let text = "";
    results.forEach((result, index) => {
      const sample = samples[index];
      if (sample === undefined) return;
      addScore(tally, sample, result);
      text += resultLine(result, sample, lines[index] ?? 0, details);
    });
    await sink.write(text);
    samples = [];
    lines = [];
    progress.update(tally.samples, source.size ? source.bytesRead() / source.size : null);
  };
  let verifier: string | null = null;
  try {
    for await (const { line, value } of source.records()) {
      samples.push(checkSample(value, source, line, compat));
      lines.push(line);
      if (samples.length >= batchSize) await flush();
    }
    await flush();
    if (tally.samples === 0)
      throw new InputError(
        `${source.name} holds no samples; expected one JSON object per line, e.g. {"response": "…", "answerable": true, "goldAnswer": "4"}.`,
      );
    verifier = loaded.rewarder?.options.verifier?.name ?? null;
    await sink.close();
  } finally {
    progress.done();
    await sink.abort(); // after close() a no-op; after a failure it drops the partial file
    await loaded.rewarder?.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = summarizeScores(tally, { input: source.name, seconds, verifier, preset: choices.preset, compat });
  (sink.toStdout ? io.stderr : io.stdout).write(summary);
}
