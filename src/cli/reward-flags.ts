import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { InputError } from "../errors.js";
import { parseArgsMessage } from "./io/cli-args.js";
import { parseWeightsFlag } from "./weights-flag.js";
import type { LoadRewarderOptions } from "../models/load-rewarder.js";
import { COMPAT_MODES, PRESETS, TEMPLATES } from "../types.js";

/** `node:util` parseArgs options shared by `worker` and `serve`: how the rewarder is built. */
export const REWARD_FLAG_OPTIONS = {
  preset: { type: "string" },
  compat: { type: "string" },
  template: { type: "string" },
  verifier: { type: "string" },
  "embedding-model": { type: "string" },
  "nli-model": { type: "string" },
  device: { type: "string" },
  threads: { type: "string" },
  weights: { type: "string" },
  "batch-window-ms": { type: "string" },
  "max-batch-samples": { type: "string" },
} as const;

/** Usage lines of {@link REWARD_FLAG_OPTIONS}. */
export const REWARD_FLAG_USAGE = `Reward options:
  --preset abstain-r1|continuous   Reward preset (default abstain-r1).
  --compat fixed|reference         Reference-defect compatibility (default fixed).
  --template abstain-r1|r1|plain   Completion layout (default abstain-r1).
  --verifier default|none          Clarification verifier (default: the offline model).
  --embedding-model DIR|ID         Embedding model folder or manifest id.
  --nli-model DIR|ID               NLI model folder or manifest id.
  --device auto|cpu|cuda           Execution device (default auto).
  --threads N                      CPU threads per model session (default: every core; serve
                                   --workers N gives each worker its share of the cores).
  --weights k=v,...                Reward table numbers, any of format, answer, abstention,
                                   clarification, idkPenalty (default format=1,answer=1,
                                   abstention=0.3,clarification=0.7,idkPenalty=-1).

Batching:
  --batch-window-ms N              Wait up to N ms for more requests before scoring (default 0:
                                   what arrived together, plus whatever queued while busy).
  --max-batch-samples N            Score at most N samples per batch (default 4096).`;

const VERIFIERS = ["default", "none"] as const;
const DEVICES = ["auto", "cpu", "cuda"] as const;

type FlagValues = { [K in keyof typeof REWARD_FLAG_OPTIONS]?: string | undefined };

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      `--${flag} is "${value}"; expected one of ${allowed.join(", ")}.`,
      [{ path: [flag], message: "Unknown value" }],
      "invalid_options",
    );
  }
  return value as T;
}

/**
 * Turns a `parseArgs` failure (unknown flag, missing value) into a usage error (exit code 2).
 * @param error - What parseArgs threw.
 * @param command - The subcommand, for the hint.
 * @param options - The option table, for a "did you mean" on an unknown flag.
 * @returns The error to throw.
 * @example
 * try { parseArgs(config); } catch (error) { throw flagError(error, "serve"); }
 */
export function flagError(error: unknown, command: string, options?: ExtraFlags): InputError {
  return new InputError(
    `${parseArgsMessage(error, options)}. Run \`abstain-reward ${command} --help\` for the options.`,
    [],
    "invalid_options",
  );
}

/**
 * Reads a non-negative integer flag.
 * @param flag - Flag name without dashes, for the message.
 * @param value - The raw value.
 * @param min - Smallest allowed value.
 * @returns The number, or `undefined` when the flag is absent.
 * @example
 * integerFlag("port", "8000", 0); // 8000
 */
export function integerFlag(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new InputError(
      `--${flag} must be an integer ≥ ${min}, got "${value}".`,
      [{ path: [flag], message: "Expected an integer" }],
      "invalid_options",
    );
  }
  return number;
}

/**
 * Maps parsed flags to `loadRewarder` options and batching options.
 * @param values - `parseArgs(...).values`.
 * @returns Rewarder options and micro-batcher options.
 * @example
 * rewardOptionsFromFlags({ preset: "continuous" }).rewarder.preset; // "continuous"
 */
export function rewardOptionsFromFlags(values: FlagValues): {
  rewarder: LoadRewarderOptions;
  batching: { windowMs?: number; maxBatchSamples?: number };
} {
  const rewarder: LoadRewarderOptions = {};
  const preset = pick("preset", values.preset, PRESETS);
  const compat = pick("compat", values.compat, COMPAT_MODES);
  const template = pick("template", values.template, TEMPLATES);
  const verifier = pick("verifier", values.verifier, VERIFIERS);
  const device = pick("device", values.device, DEVICES);
  if (preset !== undefined) rewarder.preset = preset;
  if (compat !== undefined) rewarder.compat = compat;
  if (template !== undefined) rewarder.template = template;
  if (verifier !== undefined) rewarder.verifier = verifier;
  if (device !== undefined) rewarder.device = device;
  if (values.weights !== undefined) rewarder.weights = parseWeightsFlag(values.weights);
  if (values["embedding-model"] !== undefined) rewarder.embeddingModel = values["embedding-model"];
  if (values["nli-model"] !== undefined) rewarder.nliModel = values["nli-model"];
  const threads = integerFlag("threads", values.threads, 1);
  if (threads !== undefined) rewarder.threads = threads;
  const batching: { windowMs?: number; maxBatchSamples?: number } = {};
  const windowMs = integerFlag("batch-window-ms", values["batch-window-ms"], 0);
  const maxBatchSamples = integerFlag("max-batch-samples", values["max-batch-samples"], 1);
  if (windowMs !== undefined) batching.windowMs = windowMs;
  if (maxBatchSamples !== undefined) batching.maxBatchSamples = maxBatchSamples;
  return { rewarder, batching };
}

type ExtraFlags = NonNullable<ParseArgsConfig["options"]>;
/** The values parseArgs returns for an option table (no `multiple` options here). */
type FlagValuesOf<O> = { [K in keyof O]?: O[K] extends { type: "boolean" } ? boolean : string };

/**
 * Parses a reward command's flags: the shared reward flags plus the command's own, strictly (an
 * unknown flag or a positional is a usage error naming the command's `--help`).
 * @param command - `worker` or `serve`, for the hint.
 * @param args - The arguments after the command name.
 * @param extra - The command's own flags.
 * @returns The parsed values, typed from both tables.
 * @example
 * parseRewardCommandFlags("serve", ["--port", "8000"], { port: { type: "string" } }).port; // "8000"
 */
export function parseRewardCommandFlags<const E extends ExtraFlags>(
  command: string,
  args: string[],
  extra: E,
): FlagValuesOf<typeof REWARD_FLAG_OPTIONS & E> {
  try {
    const { values } = parseArgs({ args, options: { ...REWARD_FLAG_OPTIONS, ...extra }, strict: true, allowPositionals: false });
    return values as FlagValuesOf<typeof REWARD_FLAG_OPTIONS & E>;
  } catch (error) {
    throw flagError(error, command, { ...REWARD_FLAG_OPTIONS, ...extra });
  }
}
