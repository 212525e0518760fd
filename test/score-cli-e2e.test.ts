import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCliBuilt, runCli } from "./eval-cli-helpers.js";

const SAMPLES = "fixtures/eval-samples.jsonl";
const dir = mkdtempSync(join(tmpdir(), "score-cli-"));

interface ScoreLine {
  id: string | null;
  line: number;
  reward: number;
  components: { format: number; answer: number; abstention: number; clarification: number };
  reason: string;
  gradeable: boolean;
  details?: unknown;
}

const parseLines = (text: string): ScoreLine[] =>
  text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as ScoreLine);

beforeAll(() => {
  ensureCliBuilt();
});

describe("abstain-reward score (built CLI, end to end)", () => {
  it("writes one line per sample, in input order, each with the input's id", async () => {
    const { code, stdout, stderr } = await runCli(["score", SAMPLES, "--no-verifier"]);
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines.map((l) => [l.id, l.line, l.reward, l.reason])).toEqual([
      ["s1", 1, 2, "answer-correct"],
      ["s2", 2, 1, "answer-wrong"],
      ["s3", 3, 0, "answer-idk"],
      ["s4", 4, 1.3, "abstained-clarification-unverified"],
      ["s5", 5, 1, "unanswerable-guess"],
      ["s6", 6, 0, "format-failed"],
    ]);
    expect(lines[3]?.components).toEqual({ format: 1, answer: 0.3, abstention: 0.3, clarification: 0 });
    expect(lines[0]).not.toHaveProperty("details");
    expect(Object.keys(lines[0] ?? {})).toEqual(["id", "line", "reward", "score", "components", "reason", "gradeable"]);
    // The summary goes to stderr when results go to stdout; no progress bar off a terminal.
    expect(stderr).toMatch(
      /^Scored 6 samples \(4 answerable, 2 unanswerable\) from fixtures\/eval-samples\.jsonl in [\d.]+ s: mean reward 0\.883 over 6 gradeable samples\. Reasons: /,
    );
    expect(stderr).toContain("1 clarification(s) were not verified");
    expect(stderr).not.toContain("\r");
  });

  it("-o writes the results to a file and the summary to stdout; --details adds the details", async () => {
    const out = join(dir, "scores.jsonl");
    const { code, stdout } = await runCli(["score", SAMPLES, "--no-verifier", "-o", out, "--details"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scored 6 samples/);
    const lines = parseLines(readFileSync(out, "utf8"));
    expect(lines).toHaveLength(6);
    expect(lines[0]?.details).toMatchObject({ gatePassed: true });
  });

  it("reads stdin with -, streams a big input in batches and keeps the order", async () => {
    const sample = (i: number): string =>
      JSON.stringify({
        id: `q${i}`,
        response: `<thinking>x</thinking><answer>\\boxed{${i % 7}}</answer>`,
        answerable: true,
        goldAnswer: String(i % 5),
      });
    const input = Array.from({ length: 2000 }, (_, i) => sample(i)).join("\n");
    const { code, stdout, stderr } = await runCli(["score", "-", "--no-verifier", "--batch-size", "128"], input);
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines.map((l) => l.id)).toEqual(Array.from({ length: 2000 }, (_, i) => `q${i}`));
    expect(lines.every((l, i) => l.reward === (i % 7 === i % 5 ? 2 : 1))).toBe(true);
    expect(stderr).toMatch(/^Scored 2000 samples \(2000 answerable, 0 unanswerable\) from stdin/);
  });

  it("--preset continuous and --compat reference reach the rewarder", async () => {
    const input = `${JSON.stringify({ response: "<thinking>x</thinking><answer>\\boxed{I don’t know}</answer>", answerable: false })}\n`;
    const { code, stdout } = await runCli(["score", "-", "--no-verifier", "--compat", "reference"], input);
    expect(code).toBe(0);
    // The reference misses the curly apostrophe: a boxed guess, not an abstention.
    expect(parseLines(stdout)[0]).toMatchObject({ id: null, reward: 1, reason: "unanswerable-guess" });
  });

  it("--help prints the usage", async () => {
    const { code, stdout } = await runCli(["score", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: abstain-reward score <samples.jsonl|-> [options]");
  });
});

describe("abstain-reward score: bad input exits 2 with a message naming file, line and field", () => {
  const good = JSON.stringify({ id: "a", response: "r", answerable: true, goldAnswer: "1" });
  const file = join(dir, "bad.jsonl");
  writeFileSync(file, `${good}\n${JSON.stringify({ id: "b", response: 42, answerable: true, goldAnswer: "1" })}\n`);

  it.each([
    ["a field of the wrong type", [file], "", `${file} line 2: field "response" must be a string.`],
    [
      "a missing field",
      ["-"],
      `${JSON.stringify({ response: "r", goldAnswer: "1" })}\n`,
      'stdin line 1: field "answerable" is missing (expected true or false).',
    ],
    [
      "an unknown key",
      ["-"],
      `${JSON.stringify({ response: "r", answerable: true, goldAnswer: "1", gold: "1" })}\n`,
      'stdin line 1: field "gold" is not a Sample field (allowed: ',
    ],
    [
      "a mistyped key",
      ["-"],
      `${JSON.stringify({ response: "r", answerable: true, gold_answer: "1" })}\n`,
      'field "gold_answer" is not a Sample field (did you mean "goldAnswer"?)',
    ],
    [
      "an answerable sample without gold",
      ["-"],
      `${good}\n${JSON.stringify({ response: "r", answerable: true })}\n`,
      'stdin line 2: field "goldAnswer": An answerable sample needs `goldAnswer`',
    ],
    [
      "an unanswerable sample without annotation",
      ["-"],
      `${JSON.stringify({ response: "r", answerable: false })}\n`,
      'stdin line 1: field "missingFacts": An unanswerable sample needs `missingFacts` or `referenceClarification`',
    ],
    ["invalid JSON", ["-"], "{nope\n", "stdin line 1: not valid JSON"],
    ["a bad --preset", ["-", "--preset", "smooth"], good, '--preset must be one of abstain-r1, continuous; got "smooth".'],
    [
      "an unknown flag",
      ["-", "--bogus"],
      good,
      "abstain-reward: Unknown option '--bogus'. Run `abstain-reward score --help` for its options.\n",
    ],
  ])("%s", async (_name, args, input, message) => {
    const { code, stderr } = await runCli(["score", ...args, "--no-verifier"], input);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  const empty = join(dir, "empty.jsonl");
  writeFileSync(empty, "\n\n");
  it.each([
    ["an empty file", [empty], "", `${empty} holds no samples; expected one JSON object per line`],
    ["empty stdin", ["-"], "", "stdin holds no samples; expected one JSON object per line"],
    ["a folder as input", [dir], "", `${dir} is not a file`],
    ["a folder as -o", ["-", "-o", dir], `${good}\n`, `Cannot write ${dir}: it is a folder; pass a file path.`],
  ])("%s: exit 2, a sentence, nothing on stdout", async (_name, args, input, message) => {
    const { code, stdout, stderr } = await runCli(["score", ...args, "--no-verifier"], input);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at |Error:/);
  });
});
