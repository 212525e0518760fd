import { homedir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "./cli-io.js";
import { InputError } from "../errors.js";
import type { DetectorKind, EvalProtocol, EvalReport } from "../eval/eval-types.js";
import { DETECTORS, DUPLICATE_POLICIES, EMPTY_OUTPUT_POLICIES, JOIN_KEYS } from "../eval/eval-types.js";
import { enumFlag, inputPath, integerFlag, parseFlags, stringFlag } from "./io/cli-args.js";
import type { JudgeSpec } from "./io/load-eval-runtime.js";
import type { OutputSink } from "./io/output-sink.js";
import { assertOutputsAreNotInputs, openOutput } from "./io/output-sink.js";
import { runEvaluation } from "./io/run-evaluation.js";
import type { RunEvaluationOptions } from "./io/run-evaluation.js";
import { runPaperEvaluation } from "./io/run-paper-evaluation.js";
import type { RunPaperEvaluationOptions } from "./io/run-paper-evaluation.js";
import type { PaperReport } from "../eval/paper/paper-report.js";
import { PAPER_PROTOCOLS } from "../eval/paper/paper-types.js";
import { renderPaperMarkdown } from "../eval/paper/render-paper.js";
import { renderMarkdown } from "../eval/render-markdown.js";
import { REWARD_CHOICE_OPTIONS, rewardChoiceUsage, rewardChoices } from "./reward-flags.js";
import type { UsageStyle } from "./reward-flags.js";

const GRADINGS = ["paper", "library"] as const;
const JUDGES = ["local", "exact", "http"] as const;
const CLI_PROTOCOLS = ["abstain-test", "sum-permissive", "sum-strict", "selfaware", "sum"] as const;

const USAGE_STYLE: UsageStyle = { column: 24, sentences: false };

export const EVAL_USAGE = `Usage: abstain-reward eval <results.jsonl|-> --protocol P [options]

Abstention benchmark metrics, offline by default. Under the paper protocols (the default grading)
each number follows the rules of the script the Abstain-R1 paper (or SelfAware) used, with its
LLM judge pluggable; --grading library uses this library's own grading instead.

Input: the benchmark's own records plus the model output ("response" or "output"; SUM:
"answerable_output" and "unanswerable_output"), either in one file, or a results file joined to
the benchmark file with --reference. Record formats: docs/evaluation.md.

Protocols (--grading paper):
  abstain-test          Abstain-Test without SUM (run/evaluate_abstain-wosum.py)
  sum-permissive        Abstain-Test-SUM, string match then judge (run/evaluate_with_reference_sum.py)
  sum-strict            Abstain-Test-SUM, answer check and boxed marker only
                        (run/evaluate_with_math_verify.py + run/evaluate_unanswerable.py)
  selfaware             SelfAware precision / recall / F1 (code/eval_model.py)

Options:
  --protocol P          one of the protocols above (required); with --grading library:
                        abstain-test | sum | selfaware
  --grading G           paper (default) | library (this library's grading: reward, detector, verifier)
  --judge J             local (default: answer checker, abstention detector, clarification verifier) |
                        exact (deterministic exact-match rule, for parity checks) |
                        http (an OpenAI-compatible endpoint; needs --judge-url and --judge-model)
  --judge-url URL       OpenAI-compatible base URL, e.g. http://localhost:8000/v1 (implies --judge http);
                        the key, if any, is read from ABSTAIN_REWARD_JUDGE_API_KEY or OPENAI_API_KEY
  --judge-model NAME    model name the endpoint serves
  --judge-cache DIR     reply cache folder (default ~/.cache/abstain-reward/judge), or none
  --judge-concurrency N requests in flight (default 8)
  --judge-retries N     retries on 429 / 5xx with exponential back-off (default 5)
  --reference FILE      benchmark file to join the results with (.jsonl, or .json like selfaware.json)
  --join KEY            question (default; as the reference scripts) | id (SelfAware: question_id)
  --duplicates D        error (default: stop and name them) | first (grade each key once) |
                        all (grade every line, as the paper's scripts do)
  --json                print the report as JSON instead of Markdown
  -o, --output FILE     write the report to FILE instead of stdout
  --items FILE          also write one JSON line per graded item (its grade) to FILE
${rewardChoiceUsage(["verifier", "device"], USAGE_STYLE)}
  --allow-extra-fields  ignore fields the protocol does not know instead of failing
  --batch-size N        items per model pass (default 256)
  -h, --help            show this message

Library grading only (--grading library):
  --empty-outputs P     miss (default) | exclude | reference
  --detector D          lexical (default) | selfaware (default for selfaware)
${rewardChoiceUsage(["preset", "compat", "template"], USAGE_STYLE)}

Examples:
  abstain-reward eval fixtures/eval-abstain-test.jsonl --protocol abstain-test
  abstain-reward eval results.jsonl --reference sum.jsonl --protocol sum-strict --judge exact
`;

const LIBRARY_ONLY = ["empty-outputs", "detector", "preset", "compat", "template"] as const;
const PAPER_ONLY = ["judge", "judge-url", "judge-model", "judge-cache", "judge-concurrency", "judge-retries"] as const;

/** Parsed `eval` arguments: the run options of one grading mode plus output choices. */
export type ParsedEvalArgs = { json: boolean; output: string | undefined; items: string | undefined } & (
  | { grading: "library"; options: RunEvaluationOptions }
  | { grading: "paper"; options: RunPaperEvaluationOptions }
);

function usageError(message: string, flag: string): InputError {
  return new InputError(message, [{ path: [flag], message }], "invalid_options");
}

function judgeSpec(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): JudgeSpec {
  const url = stringFlag(values["judge-url"]);
  const kind = enumFlag("judge", values.judge, JUDGES, url === undefined ? "local" : "http");
  if (kind !== "http") {
    if (url !== undefined || values["judge-model"] !== undefined)
      throw usageError(`--judge-url and --judge-model need --judge http; got --judge ${kind}.`, "judge");
    return { kind };
  }
  const model = stringFlag(values["judge-model"]);
  if (url === undefined || model === undefined) {
    throw usageError(
      "--judge http needs --judge-url (an OpenAI-compatible base URL such as http://localhost:8000/v1) and --judge-model (the model it serves).",
      "judge-url",
    );
  }
  if (!/^https?:\/\//i.test(url)) throw usageError(`--judge-url must start with http:// or https://; got "${url}".`, "judge-url");
  const cacheFlag = stringFlag(values["judge-cache"]);
  const defaultCache = join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "abstain-reward", "judge");
  return {
    kind: "http",
    url,
    model,
    apiKey: env.ABSTAIN_REWARD_JUDGE_API_KEY ?? env.OPENAI_API_KEY ?? null,
    cacheDir: cacheFlag === "none" ? null : (cacheFlag ?? defaultCache),
    concurrency: integerFlag("judge-concurrency", values["judge-concurrency"], 1) ?? 8,
    maxRetries: integerFlag("judge-retries", values["judge-retries"], 1) ?? 5,
  };
}

/**
 * Reads `eval`'s flags into run options.
 * @param args - Arguments after `eval`.
 * @param env - Environment (the HTTP judge's key and the cache folder).
 * @returns The options plus output choices, or `null` for `--help`.
 * @example
 * parseEvalArgs(["r.jsonl", "--protocol", "sum-strict"])?.grading; // "paper"
 */
export function parseEvalArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedEvalArgs | null {
  const { values, positionals } = parseFlags("eval", args, {
    protocol: { type: "string" },
    grading: { type: "string" },
    judge: { type: "string" },
    "judge-url": { type: "string" },
    "judge-model": { type: "string" },
    "judge-cache": { type: "string" },
    "judge-concurrency": { type: "string" },
    "judge-retries": { type: "string" },
    reference: { type: "string" },
    join: { type: "string" },
    duplicates: { type: "string" },
    json: { type: "boolean" },
    output: { type: "string", short: "o" },
    items: { type: "string" },
    "empty-outputs": { type: "string" },
    detector: { type: "string" },
    ...REWARD_CHOICE_OPTIONS,
    "allow-extra-fields": { type: "boolean" },
    "batch-size": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) return null;
  const results = inputPath("eval", positionals, "results");
  if (values.protocol === undefined) {
    throw usageError(
      `--protocol is required: one of ${PAPER_PROTOCOLS.join(", ")} (or, with --grading library, abstain-test, sum, selfaware). Run \`abstain-reward eval --help\`.`,
      "protocol",
    );
  }
  const grading = enumFlag("grading", values.grading, GRADINGS, "paper");
  const protocol = enumFlag("protocol", values.protocol, CLI_PROTOCOLS, "abstain-test");
  const reference = stringFlag(values.reference) ?? null;
  if (reference === "-" && results === "-")
    throw usageError("Only one of the results and the reference can come from stdin (-).", "reference");
  const output = stringFlag(values.output);
  const items = stringFlag(values.items);
  if (items === "-" && (output === undefined || output === "-")) {
    throw usageError(
      "--items - and the report cannot both go to stdout: the grade lines would be mixed into the report. Write the report to a file with -o FILE, or the grades with --items FILE.",
      "items",
    );
  }
  const choices = rewardChoices(values);
  const common = {
    results,
    reference,
    join: enumFlag("join", values.join, JOIN_KEYS, "question"),
    verifier: choices.verifier === "default",
    device: choices.device,
    strict: values["allow-extra-fields"] !== true,
    batchSize: integerFlag("batch-size", values["batch-size"], 1) ?? 256,
    duplicates: enumFlag("duplicates", values.duplicates, DUPLICATE_POLICIES, "error"),
  };
  const outputs = { json: values.json === true, output, items };
  if (grading === "paper") {
    const libraryFlag = LIBRARY_ONLY.find((flag) => values[flag] !== undefined);
    if (libraryFlag !== undefined) {
      throw usageError(
        `--${libraryFlag} applies to --grading library only; the paper protocols follow their script's rules. Drop it, or pass --grading library.`,
        libraryFlag,
      );
    }
    if (protocol === "sum") {
      throw usageError(
        "--protocol sum names the record format; the paper has two SUM scripts: --protocol sum-permissive (string match, then an LLM judge) or --protocol sum-strict (answer check and the boxed marker only). Or pass --grading library.",
        "protocol",
      );
    }
    const judge = judgeSpec(values, env);
    if (protocol === "selfaware" && judge.kind === "http") {
      throw usageError(
        "SelfAware's script has no LLM judge (its similarity step is an embedding model); use --judge local (the offline embedder) or --judge exact.",
        "judge",
      );
    }
    return { grading, options: { ...common, protocol, judge }, ...outputs };
  }
  const paperFlag = PAPER_ONLY.find((flag) => values[flag] !== undefined);
  if (paperFlag !== undefined)
    throw usageError(`--${paperFlag} applies to the paper protocols only (--grading paper); the library grading has no judge.`, paperFlag);
  const format: EvalProtocol = protocol === "sum-permissive" || protocol === "sum-strict" ? "sum" : protocol;
  const detectorDefault: DetectorKind = format === "selfaware" ? "selfaware" : "lexical";
  return {
    grading,
    options: {
      ...common,
      protocol: format,
      emptyOutputs: enumFlag("empty-outputs", values["empty-outputs"], EMPTY_OUTPUT_POLICIES, "miss"),
      detector: enumFlag("detector", values.detector, DETECTORS, detectorDefault),
      preset: choices.preset,
      compat: choices.compat,
      template: choices.template,
    },
    ...outputs,
  };
}

function jsonLines(grades: readonly object[]): string {
  return grades.map((grade) => `${JSON.stringify(grade)}\n`).join("");
}

/**
 * `abstain-reward eval`: benchmark metrics as Markdown or JSON.
 * @param args - Arguments after `eval`.
 * @param io - The command's streams.
 * @returns Resolves when the report is written.
 * @example
 * await runEvalCommand(["fixtures/eval-abstain-test.jsonl", "--protocol", "abstain-test"], io);
 */
export async function runEvalCommand(args: string[], io: CliIo): Promise<void> {
  const parsed = parseEvalArgs(args);
  if (parsed === null) {
    io.stdout.write(EVAL_USAGE);
    return;
  }
  assertOutputsAreNotInputs(
    [
      { flag: "--items", path: parsed.items },
      { flag: "-o", path: parsed.output },
    ],
    [
      { flag: "the results file", path: parsed.options.results },
      { flag: "--reference", path: parsed.options.reference },
    ],
  );
  let itemsSink: OutputSink | null = null;
  let report: EvalReport | PaperReport;
  try {
    itemsSink = parsed.items === undefined ? null : await openOutput(parsed.items, io.stdout);
    const sink = itemsSink;
    const onGrades = sink === null ? undefined : (grades: readonly object[]) => sink.write(jsonLines(grades));
    report =
      parsed.grading === "paper"
        ? await runPaperEvaluation(parsed.options, io, onGrades === undefined ? {} : { onGrades })
        : await runEvaluation(parsed.options, io, onGrades === undefined ? {} : { onGrades });
    await itemsSink?.close();
  } finally {
    await itemsSink?.abort(); // a no-op after close(); after a failure it drops the partial file
  }
  const text = parsed.json
    ? `${JSON.stringify(report, null, 2)}\n`
    : report.grading === "paper"
      ? renderPaperMarkdown(report)
      : renderMarkdown(report);
  const out = await openOutput(parsed.output, io.stdout);
  await out.write(text);
  await out.close();
  if (!out.toStdout) io.stderr.write(`abstain-reward eval: wrote the report to ${out.name}.\n`);
}
