import type { CliIo } from "../cli.js";
import { InputError } from "../errors.js";
import type { DetectorKind, EvalReport, ItemGrade } from "../eval/eval-types.js";
import { DETECTORS, EMPTY_OUTPUT_POLICIES, EVAL_PROTOCOLS, JOIN_KEYS } from "../eval/eval-types.js";
import { enumFlag, inputPath, intFlag, parseFlags, stringFlag, verifierFlag } from "../eval/io/cli-args.js";
import type { OutputSink } from "../eval/io/output-sink.js";
import { openOutput } from "../eval/io/output-sink.js";
import { runEvaluation } from "../eval/io/run-evaluation.js";
import type { RunEvaluationOptions } from "../eval/io/run-evaluation.js";
import { renderMarkdown } from "../eval/render-markdown.js";
import { COMPAT_MODES, PRESETS, TEMPLATES } from "../types.js";

const DEVICES = ["auto", "cpu", "cuda"] as const;

export const EVAL_USAGE = `Usage: abstain-reward eval <results.jsonl|-> --protocol abstain-test|sum|selfaware [options]

Abstention benchmark metrics, offline: accuracy, false refusal rate, refusal rate, clarification
accuracy, format rate and mean reward, overall and per dataset (SelfAware: precision, recall, F1).

Input: the benchmark's own records plus the model output ("response" or "output"; SUM:
"answerable_output" and "unanswerable_output"), either in one file, or a results file joined to
the benchmark file with --reference.

Options:
  --protocol P          abstain-test | sum | selfaware (required)
  --reference FILE      benchmark file to join the results with (.jsonl, or .json like selfaware.json)
  --join KEY            question (default; as the reference scripts) | id (SelfAware: question_id)
  --json                print the report as JSON instead of a Markdown table
  -o, --output FILE     write the report to FILE instead of stdout
  --items FILE          also write one JSON line per graded item (its grade) to FILE
  --empty-outputs P     miss (default: an empty output answers nothing and refuses nothing) |
                        exclude (left out of every rate) | reference (as the reference script does)
  --detector D          lexical (default) | selfaware (embedding similarity; default for selfaware)
  --preset P            abstain-r1 (default) | continuous
  --compat C            fixed (default) | reference
  --template T          abstain-r1 (default) | r1 | plain
  --verifier V          default (the offline model) | none: clarifications count as not judged
  --no-verifier         same as --verifier none
  --device D            auto (default) | cpu | cuda
  --allow-extra-fields  ignore fields the protocol does not know instead of failing
  --batch-size N        items per model pass (default 256)
  -h, --help            show this message

Example:
  abstain-reward eval fixtures/eval-abstain-test.jsonl --protocol abstain-test
`;

/**
 * Reads `eval`'s flags into run options.
 * @param args - Arguments after `eval`.
 * @returns The options plus output choices, or `null` for `--help`.
 * @example
 * parseEvalArgs(["r.jsonl", "--protocol", "sum"])?.options.protocol; // "sum"
 */
export function parseEvalArgs(args: readonly string[]): { options: RunEvaluationOptions; json: boolean; output: string | undefined; items: string | undefined } | null {
  const { values, positionals } = parseFlags("eval", args, {
    protocol: { type: "string" },
    reference: { type: "string" },
    join: { type: "string" },
    json: { type: "boolean" },
    output: { type: "string", short: "o" },
    items: { type: "string" },
    "empty-outputs": { type: "string" },
    detector: { type: "string" },
    preset: { type: "string" },
    compat: { type: "string" },
    template: { type: "string" },
    verifier: { type: "string" },
    "no-verifier": { type: "boolean" },
    device: { type: "string" },
    "allow-extra-fields": { type: "boolean" },
    "batch-size": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) return null;
  const results = inputPath("eval", positionals, "results");
  if (values.protocol === undefined) {
    throw new InputError(`--protocol is required: one of ${EVAL_PROTOCOLS.join(", ")}. Run \`abstain-reward eval --help\`.`, [{ path: ["protocol"], message: "Required" }], "invalid_options");
  }
  const protocol = enumFlag("protocol", values.protocol, EVAL_PROTOCOLS, "abstain-test");
  const reference = stringFlag(values.reference) ?? null;
  if (reference === "-" && results === "-") {
    throw new InputError("Only one of the results and the reference can come from stdin (-).", [{ path: ["reference"], message: "Both on stdin" }], "invalid_options");
  }
  const output = stringFlag(values.output);
  const items = stringFlag(values.items);
  if (items === "-" && (output === undefined || output === "-")) {
    throw new InputError(
      "--items - and the report cannot both go to stdout: the grade lines would be mixed into the report. Write the report to a file with -o FILE, or the grades with --items FILE.",
      [{ path: ["items"], message: "Both on stdout" }],
      "invalid_options",
    );
  }
  const detectorDefault: DetectorKind = protocol === "selfaware" ? "selfaware" : "lexical";
  return {
    options: {
      results,
      reference,
      join: enumFlag("join", values.join, JOIN_KEYS, "question"),
      protocol,
      emptyOutputs: enumFlag("empty-outputs", values["empty-outputs"], EMPTY_OUTPUT_POLICIES, "miss"),
      detector: enumFlag("detector", values.detector, DETECTORS, detectorDefault),
      preset: enumFlag("preset", values.preset, PRESETS, "abstain-r1"),
      compat: enumFlag("compat", values.compat, COMPAT_MODES, "fixed"),
      template: enumFlag("template", values.template, TEMPLATES, "abstain-r1"),
      verifier: verifierFlag(values.verifier, values["no-verifier"]),
      device: enumFlag("device", values.device, DEVICES, "auto"),
      strict: values["allow-extra-fields"] !== true,
      batchSize: intFlag("batch-size", values["batch-size"], 256),
    },
    json: values.json === true,
    output,
    items,
  };
}

function gradeLine(grade: ItemGrade): string {
  return `${JSON.stringify(grade)}\n`;
}

/**
 * `abstain-reward eval`: benchmark metrics as a Markdown table or JSON.
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
  let itemsSink: OutputSink | null = null;
  let report: EvalReport;
  try {
    itemsSink = parsed.items === undefined ? null : await openOutput(parsed.items, io.stdout);
    const sink = itemsSink;
    report = await runEvaluation(parsed.options, io, sink === null ? {} : { onGrades: (grades) => sink.write(grades.map(gradeLine).join("")) });
  } finally {
    await itemsSink?.close();
  }
  const text = parsed.json ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report);
  const out = await openOutput(parsed.output, io.stdout);
  await out.write(text);
  await out.close();
  if (!out.toStdout) io.stderr.write(`abstain-reward eval: wrote the report to ${out.name}.\n`);
}
