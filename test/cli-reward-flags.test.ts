// The reward flags are one table for score, eval, worker and serve: the same values, defaults,
// usage lines and parsing everywhere, and the weight keys come from the reward's default table.
import { describe, expect, it } from "vitest";
import { EVAL_USAGE, parseEvalArgs } from "../src/cli/eval.js";
import {
  REWARD_CHOICES,
  REWARD_FLAG_USAGE,
  type RewardChoiceFlag,
  readRewardChoices,
  rewardChoiceUsage,
  rewardChoices,
  rewardOptionsFromFlags,
  weightsUsage,
} from "../src/cli/reward-flags.js";
import { SCORE_USAGE } from "../src/cli/score.js";
import { parseWeightsFlag } from "../src/cli/weights-flag.js";
import { InputError } from "../src/errors.js";
import { DEVICES } from "../src/models/execution-providers.js";
import { DEFAULT_WEIGHTS, resolveRewardOptions, WEIGHT_KEYS } from "../src/reward/reward-options.js";
import { COMPAT_MODES, PRESETS, TEMPLATES } from "../src/types.js";

const FLAGS = Object.keys(REWARD_CHOICES) as RewardChoiceFlag[];

describe("the reward choice table", () => {
  it("lists the library's own vocabularies and defaults", () => {
    expect(REWARD_CHOICES.preset.values).toBe(PRESETS);
    expect(REWARD_CHOICES.compat.values).toBe(COMPAT_MODES);
    expect(REWARD_CHOICES.template.values).toBe(TEMPLATES);
    expect(REWARD_CHOICES.device.values).toBe(DEVICES);
    const library = resolveRewardOptions({});
    expect(rewardChoices({})).toEqual({
      preset: library.preset,
      compat: library.compat,
      template: library.template,
      verifier: "default",
      device: "auto",
    });
  });

  it.each<[string, string, readonly RewardChoiceFlag[]]>([
    ["score", SCORE_USAGE, FLAGS],
    ["eval", EVAL_USAGE, FLAGS],
    ["worker and serve", REWARD_FLAG_USAGE, FLAGS],
  ])("%s --help lists every choice flag with every value", (_command, usage, flags) => {
    for (const flag of flags) {
      const line = usage.split("\n").find((text) => text.trimStart().startsWith(`--${flag} `));
      expect(line, `--${flag}`).toBeDefined();
      for (const value of REWARD_CHOICES[flag].values) expect(line).toContain(value);
      expect(line).toContain(`${REWARD_CHOICES[flag].fallback} (default`);
    }
    expect(usage).toMatch(/^ {2}--no-verifier {2,}[Ss]ame as --verifier none/m);
  });

  it("writes the usage lines in each command's style", () => {
    expect(rewardChoiceUsage(["compat"], { column: 22, sentences: false })).toBe(
      "  --compat C          reference-defect compatibility: fixed (default) | reference",
    );
    expect(rewardChoiceUsage(["compat"], { column: 35, sentences: true })).toBe(
      `  ${"--compat C".padEnd(32)} Reference-defect compatibility: fixed (default) | reference.`,
    );
  });

  it("--weights usage names every key with its default, from the default table", () => {
    const usage = weightsUsage({ column: 22, sentences: false });
    expect(usage).toContain(`any of ${WEIGHT_KEYS.join(", ")}`);
    for (const key of WEIGHT_KEYS) expect(usage).toContain(`${key}=${DEFAULT_WEIGHTS[key]}`);
    expect(SCORE_USAGE).toContain(usage);
    expect(REWARD_FLAG_USAGE).toContain(weightsUsage({ column: 35, sentences: true }));
  });
});

describe("reading the choices", () => {
  it("an absent flag stays absent (the library's default applies)", () => {
    expect(readRewardChoices({})).toEqual({});
    expect(readRewardChoices({ preset: "continuous", "no-verifier": true })).toEqual({ preset: "continuous", verifier: "none" });
  });

  it.each<[Record<string, string | boolean>, RegExp]>([
    [{ preset: "binary" }, /^--preset must be one of abstain-r1, continuous; got "binary"\.$/],
    [{ template: "chatml" }, /^--template must be one of abstain-r1, r1, plain; got "chatml"\.$/],
    [{ device: "tpu" }, /^--device must be one of auto, cpu, cuda; got "tpu"\.$/],
    [{ verifier: "default", "no-verifier": true }, /^--no-verifier contradicts --verifier default/],
  ])("rejects %j with one sentence", (values, message) => {
    expect(() => readRewardChoices(values)).toThrow(InputError);
    expect(() => readRewardChoices(values)).toThrow(message);
  });

  it("score/eval, worker/serve read the same flags the same way", () => {
    const values = { preset: "continuous", compat: "reference", template: "r1", device: "cpu", "no-verifier": true };
    expect(rewardOptionsFromFlags(values).rewarder).toEqual({
      preset: "continuous",
      compat: "reference",
      template: "r1",
      device: "cpu",
      verifier: "none",
    });
    const parsed = parseEvalArgs(
      [
        "r.jsonl",
        "--protocol",
        "abstain-test",
        "--grading",
        "library",
        "--preset",
        "continuous",
        "--compat",
        "reference",
        "--template",
        "r1",
      ].concat(["--device", "cpu", "--no-verifier"]),
    );
    expect(parsed?.grading).toBe("library");
    expect(parsed?.options).toMatchObject({ preset: "continuous", compat: "reference", template: "r1", device: "cpu", verifier: false });
  });
});

describe("weight keys", () => {
  it("are the keys of the default table, in its order", () => {
    expect(WEIGHT_KEYS).toEqual(Object.keys(DEFAULT_WEIGHTS));
    expect(WEIGHT_KEYS).toEqual(["format", "answer", "abstention", "clarification", "idkPenalty"]);
  });

  it("--weights suggests the key a typo meant", () => {
    expect(() => parseWeightsFlag("idk_penalty=-2")).toThrow(/--weights has "idk_penalty=-2" \(did you mean "idkPenalty"\?\); expected/);
  });

  it.each<[unknown, RegExp]>([
    [
      { idkPenality: -2 },
      /^Weight `idkPenality` is not a key of the reward table \(did you mean "idkPenalty"\?\); the keys are format, answer/,
    ],
    [{ Format: 2 }, /^Weight `Format` is not a key of the reward table \(did you mean "format"\?\)/],
    [
      [1, 1],
      /^Option `weights` must be an object with any of the keys format, answer, abstention, clarification, idkPenalty.*got an array\.$/,
    ],
  ])("the reward options reject weights %j instead of ignoring them", (weights, message) => {
    expect(() => resolveRewardOptions({ weights: weights as never })).toThrow(InputError);
    expect(() => resolveRewardOptions({ weights: weights as never })).toThrow(message);
  });
});

describe("integerFlag (one integer reader for every command)", () => {
  it("reads plain digits and returns undefined when the flag is absent", async () => {
    const { integerFlag } = await import("../src/cli/io/cli-args.js");
    expect(integerFlag("batch-size", "128", 1)).toBe(128);
    expect(integerFlag("shutdown-grace-ms", "0", 0)).toBe(0);
    expect(integerFlag("batch-size", undefined, 1)).toBeUndefined();
  });

  it.each([["1e3"], [" 5"], ["-1"], ["0x10"], ["1.5"], [""], ["0"]])("rejects %j with a sentence naming the flag", async (value) => {
    const { integerFlag } = await import("../src/cli/io/cli-args.js");
    expect(() => integerFlag("batch-size", value, 1)).toThrow(/--batch-size must be an integer ≥ 1, got ".*"; write it as plain digits/);
  });

  it("rejects a flag given without a value", async () => {
    const { integerFlag } = await import("../src/cli/io/cli-args.js");
    expect(() => integerFlag("workers", true, 1)).toThrow(/--workers must be an integer ≥ 1, got "true"/);
  });
});
