import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { verifierFlag } from "../src/cli/io/cli-args.js";
import { parseWeightsFlag } from "../src/cli/weights-flag.js";
import { flagError, rewardOptionsFromFlags } from "../src/cli/reward-flags.js";
import { collect, ensureBuilt, spawnCli } from "./worker-build.js";

describe("reward flags shared by worker and serve", () => {
  it("maps every flag to rewarder and batching options", () => {
    expect(
      rewardOptionsFromFlags({
        preset: "continuous",
        compat: "reference",
        template: "r1",
        verifier: "none",
        device: "cpu",
        weights: "format=0.5,idkPenalty=-2",
        "batch-window-ms": "5",
      }),
    ).toEqual({
      rewarder: {
        preset: "continuous",
        compat: "reference",
        template: "r1",
        verifier: "none",
        device: "cpu",
        weights: { format: 0.5, idkPenalty: -2 },
      },
      batching: { windowMs: 5 },
    });
  });

  it.each([
    [
      "format=1,answer=0.5,abstention=0.2,clarification=0.8,idkPenalty=-1",
      { format: 1, answer: 0.5, abstention: 0.2, clarification: 0.8, idkPenalty: -1 },
    ],
    [" format = 2 ", { format: 2 }],
  ])("parses --weights %j", (flag, weights) => {
    expect(parseWeightsFlag(flag)).toEqual(weights);
  });

  it.each(["format", "format=", "formt=1", "format=abc", "format=1=2", "format=Infinity", ""])(
    "rejects --weights %j with a sentence naming the keys",
    (flag) => {
      expect(() => parseWeightsFlag(flag)).toThrow(InputError);
      expect(() => parseWeightsFlag(flag)).toThrow(
        /expected comma-separated key=number pairs with keys format, answer, abstention, clarification, idkPenalty/,
      );
    },
  );

  it.each([
    [{ preset: "binary" }, /--preset must be one of abstain-r1, continuous; got "binary"/],
    [{ device: "tpu" }, /--device must be one of auto, cpu, cuda; got "tpu"/],
  ])("rejects %j", (values, message) => {
    expect(() => rewardOptionsFromFlags(values)).toThrow(message);
  });

  it.each([
    [
      new TypeError("Unexpected argument 'x'. This command does not take positional arguments"),
      "Unexpected argument 'x'. This command does not take positional arguments. Run `abstain-reward worker --help` for the options.",
    ],
    [new TypeError("Unknown option '--bogus'"), "Unknown option '--bogus'. Run `abstain-reward worker --help` for the options."],
    [
      new TypeError(
        "Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\".",
      ),
      "Unknown option '--bogus'. Run `abstain-reward worker --help` for the options.",
    ],
  ])("flagError makes parseArgs' %s one sentence plus the hint", (error, message) => {
    expect(flagError(error, "worker").message).toBe(message);
  });

  it("the built worker applies --weights", async () => {
    await ensureBuilt();
    const child = spawnCli(["worker", "--verifier", "none", "--weights", "format=0,answer=3"]);
    const out = collect(child);
    const response = "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>";
    child.stdin.end(`${JSON.stringify({ id: "w", sample: { response, answerable: true, goldAnswer: "12" } })}\n`);
    expect(await out.exited).toBe(0);
    const lines = out.lines.filter((line) => line !== "").map((line) => JSON.parse(line) as { id?: string; result?: { reward: number } });
    expect(lines.find((line) => line.id === "w")?.result?.reward).toBe(3);
  });

  it("the built score command applies --weights too", async () => {
    await ensureBuilt();
    const child = spawnCli(["score", "-", "--no-verifier", "--weights", "format=0,answer=3"]);
    const out = collect(child);
    const response = "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>";
    child.stdin.end(`${JSON.stringify({ id: "s", response, answerable: true, goldAnswer: "12" })}\n`);
    expect(await out.exited).toBe(0);
    const first = JSON.parse(out.lines[0] ?? "{}") as { id?: string; reward?: number };
    expect(first).toMatchObject({ id: "s", reward: 3 });
  });

  it("SIGTERM while the models load ends the worker with exit 0 and no ready line", async () => {
    await ensureBuilt();
    const models = mkdtempSync(join(tmpdir(), "abstain-sigterm-"));
    try {
      // A fresh model folder makes the worker build the model first, so the signal lands mid-load.
      const child = spawnCli(["worker", "--device", "cpu"], { ABSTAIN_REWARD_MODELS: models });
      const out = collect(child);
      const deadline = Date.now() + 30_000;
      while (!out.stderr().includes("building the offline embedding model") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill("SIGTERM");
      expect(await out.exited).toBe(0);
      expect(out.lines.filter((line) => line !== "")).toEqual([]);
      expect(out.stderr()).toContain("SIGTERM received");
    } finally {
      rmSync(models, { recursive: true, force: true });
    }
  });

  it.each<[string | undefined, boolean | undefined, boolean]>([
    [undefined, undefined, true],
    ["default", undefined, true],
    ["none", undefined, false],
    [undefined, true, false],
    ["none", true, false],
  ])("score/eval --verifier %s with --no-verifier %s loads the verifier: %s", (verifier, noVerifier, expected) => {
    expect(verifierFlag(verifier, noVerifier)).toBe(expected);
  });

  it.each<[string | undefined, boolean | undefined, RegExp]>([
    ["nope", undefined, /--verifier must be one of default, none; got "nope"/],
    ["default", true, /--no-verifier contradicts --verifier default/],
  ])("rejects --verifier %s with --no-verifier %s", (verifier, noVerifier, message) => {
    expect(() => verifierFlag(verifier, noVerifier)).toThrow(message);
  });

  it("the built score command accepts the worker's --verifier none spelling", async () => {
    await ensureBuilt();
    const child = spawnCli(["score", "-", "--verifier", "none"]);
    const out = collect(child);
    const response = "The speed is missing.\n</thinking>\n<answer>\n\\boxed{I don't know}\nThe speed of the train is not given.\n</answer>";
    child.stdin.end(`${JSON.stringify({ id: "v", response, answerable: false, missingFacts: ["the speed of the train"] })}\n`);
    expect(await out.exited).toBe(0);
    const first = JSON.parse(out.lines[0] ?? "{}") as { id?: string; reward?: number; reason?: string };
    expect(first).toMatchObject({ id: "v", reward: 1.3, reason: "abstained-clarification-unverified" });
  });
});
