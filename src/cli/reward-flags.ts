import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { InputError } from "../errors.js";
import { DEVICES } from "../models/execution-providers.js";
import type { LoadRewarderOptions } from "../models/load-rewarder.js";
import { DEFAULT_REWARD_OPTIONS, DEFAULT_WEIGHTS, WEIGHT_KEYS } from "../reward/reward-options.js";
import { COMPAT_MODES, PRESETS, TEMPLATES } from "../types.js";
import { enumFlag, integerFlag, parseArgsMessage, verifierFlag } from "./io/cli-args.js";
import { parseWeightsFlag } from "./weights-flag.js";

const VERIFIERS = ["default", "none"] as const;

/**
 * The flags that choose how rewards are computed, one table for `score`, `eval`, `worker` and
 * `serve`: each flag's values, its default (the library's) and its usage words.
 */
export const REWARD_CHOICES = {
  preset: { values: PRESETS, fallback: DEFAULT_REWARD_OPTIONS.preset, placeholder: "P", label: "reward preset" },
  compat: { values: COMPAT_MODES, fallback: DEFAULT_REWARD_OPTIONS.compat, placeholder: "C", label: "reference-defect compatibility" },
  template: { values: TEMPLATES, fallback: DEFAULT_REWARD_OPTIONS.template, placeholder: "T", label: "completion layout" },
  verifier: { values: VERIFIERS, fallback: "default", placeholder: "V", label: "clarification verifier" },
  device: { values: DEVICES, fallback: "auto", placeholder: "D", label: "execution device" },
} as const;

/** One of the {@link REWARD_CHOICES} flags. */
export type RewardChoiceFlag = keyof typeof REWARD_CHOICES;
/** The value of each reward choice flag. */
export type RewardChoices = { -readonly [K in RewardChoiceFlag]: (typeof REWARD_CHOICES)[K]["values"][number] };

/** parseArgs options of {@link REWARD_CHOICES}, plus `--no-verifier` (the shorthand for `--verifier none`). */
export const REWARD_CHOICE_OPTIONS = {
  preset: { type: "string" },
  compat: { type: "string" },
  template: { type: "string" },
  verifier: { type: "string" },
  "no-verifier": { type: "boolean" },
  device: { type: "string" },
} as const;

/** What a value means where its name alone does not say it. */
const VALUE_NOTES: Readonly<Record<string, string>> = Object.freeze({
  "verifier=default": "the offline model",
  "verifier=none": "clarifications are not verified",
});

/** How a command's usage writes descriptions: where they start, and whether as sentences (capital, full stop). */
export interface UsageStyle {
  column: number;
  sentences: boolean;
}

function usageLine(flag: string, text: string, style: UsageStyle): string {
  const described = style.sentences ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : text;
  return `  ${flag.padEnd(style.column - 3)} ${described}`;
}

/**
 * Usage lines of reward choice flags: the values, the default marked.
 * @param flags - Which flags, in order (`verifier` brings the `--no-verifier` line).
 * @param style - The command's usage style.
 * @returns The lines, without a final newline.
 * @example
 * rewardChoiceUsage(["preset"], { column: 22, sentences: false }); // "  --preset P          reward preset: abstain-r1 (default) | continuous"
 */
export function rewardChoiceUsage(flags: readonly RewardChoiceFlag[], style: UsageStyle): string {
  return flags
    .flatMap((flag) => {
      const { values, fallback, placeholder, label } = REWARD_CHOICES[flag];
      const listed = (values as readonly string[]).map((value) => {
        const notes = [value === fallback ? "default" : null, VALUE_NOTES[`${flag}=${value}`] ?? null].filter((note) => note !== null);
        return notes.length === 0 ? value : `${value} (${notes.join(", ")})`;
      });
      const first = usageLine(`--${flag} ${placeholder}`, `${label}: ${listed.join(" | ")}`, style);
      return flag === "verifier" ? [first, usageLine("--no-verifier", "same as --verifier none", style)] : [first];
    })
    .join("\n");
}

/**
 * The `--weights` usage lines: its keys and defaults, from the reward's default table.
 * @param style - The command's usage style.
 * @returns Two lines, without a final newline.
 * @example
 * weightsUsage({ column: 22, sentences: false }).startsWith("  --weights k=v,..."); // true
 */
export function weightsUsage(style: UsageStyle): string {
  const defaults = WEIGHT_KEYS.map((key) => `${key}=${DEFAULT_WEIGHTS[key]}`).join(",");
  const lead = `${style.sentences ? "Reward" : "reward"} table numbers, any of ${WEIGHT_KEYS.join(", ")}`;
  const first = usageLine("--weights k=v,...", lead, { ...style, sentences: false });
  return `${first}\n${" ".repeat(style.column)}(default ${defaults})${style.sentences ? "." : ""}`;
}

/**
 * Reads the reward choice flags; a flag that is absent stays absent, so the library's default applies.
 * @param values - parseArgs values holding any of {@link REWARD_CHOICE_OPTIONS}.
 * @returns The choices given.
 * @example
 * readRewardChoices({ preset: "continuous", "no-verifier": true }); // { preset: "continuous", verifier: "none" }
 */
export function readRewardChoices(values: Readonly<Record<string, string | boolean | undefined>>): Partial<RewardChoices> {
  const choices: Partial<RewardChoices> = {};
  if (values.preset !== undefined) choices.preset = enumFlag("preset", values.preset, PRESETS, DEFAULT_REWARD_OPTIONS.preset);
  if (values.compat !== undefined) choices.compat = enumFlag("compat", values.compat, COMPAT_MODES, DEFAULT_REWARD_OPTIONS.compat);
  if (values.template !== undefined) choices.template = enumFlag("template", values.template, TEMPLATES, DEFAULT_REWARD_OPTIONS.template);
  if (values.device !== undefined) choices.device = enumFlag("device", values.device, DEVICES, REWARD_CHOICES.device.fallback);
  if (values.verifier !== undefined || values["no-verifier"] !== undefined) {
    choices.verifier = verifierFlag(values.verifier, values["no-verifier"]) ? "default" : "none";
  }
  return choices;
}

/**
 * The reward choices with every default applied.
 * @param values - parseArgs values holding any of {@link REWARD_CHOICE_OPTIONS}.
 * @returns Every choice.
 * @example
 * rewardChoices({}).compat; // "fixed"
 */
export function rewardChoices(values: Readonly<Record<string, string | boolean | undefined>>): RewardChoices {
  return {
    preset: REWARD_CHOICES.preset.fallback,
    compat: REWARD_CHOICES.compat.fallback,
    template: REWARD_CHOICES.template.fallback,
    verifier: REWARD_CHOICES.verifier.fallback,
    device: REWARD_CHOICES.device.fallback,
    ...readRewardChoices(values),
  };
}

/** `node:util` parseArgs options shared by `worker` and `serve`: how the rewarder is built. */
export const REWARD_FLAG_OPTIONS = {
  ...REWARD_CHOICE_OPTIONS,
  "embedding-model": { type: "string" },
  "nli-model": { type: "string" },
  threads: { type: "string" },
  weights: { type: "string" },
  "batch-window-ms": { type: "string" },
  "max-batch-samples": { type: "string" },
} as const;

const STYLE: UsageStyle = { column: 35, sentences: true };

/** Usage lines of {@link REWARD_FLAG_OPTIONS}. */
export const REWARD_FLAG_USAGE = `Reward options:
${rewardChoiceUsage(["preset", "compat", "template", "verifier", "device"], STYLE)}
  --embedding-model DIR|ID         Embedding model folder or manifest id.
  --nli-model DIR|ID               NLI model folder or manifest id.
  --threads N                      CPU threads per model session (default: every core; serve
                                   --workers N gives each worker its share of the cores).
${weightsUsage(STYLE)}

Batching:
  --batch-window-ms N              Wait up to N ms for more requests before scoring (default 0:
                                   what arrived together, plus whatever queued while busy).
  --max-batch-samples N            Score at most N samples per batch (default 4096).`;

type FlagValues = {
  [K in keyof typeof REWARD_FLAG_OPTIONS]?: (typeof REWARD_FLAG_OPTIONS)[K] extends { type: "boolean" } ? boolean : string;
};

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
  const rewarder: LoadRewarderOptions = readRewardChoices(values);
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
