import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../src/eval/eval-types.js";
import { ROOT, ensureCliBuilt, runCli } from "./eval-cli-helpers.js";

const FIXTURE = "fixtures/eval-abstain-test.jsonl";
const dir = mkdtempSync(join(tmpdir(), "eval-cli-"));

beforeAll(() => {
  ensureCliBuilt();
});

describe("abstain-reward eval (built CLI, end to end)", () => {
  it("the README's first command prints a readable table, offline", async () => {
    const { code, stdout, stderr } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test"]);
    expect(stderr).not.toMatch(/Error|at .*\.js/);
    expect(code).toBe(0);
    expect(stdout).toContain("## abstain-test: fixtures/eval-abstain-test.jsonl");
    expect(stdout).toMatch(/\| \*\*overall\*\* \| 18 \| 40\.0% \(4\/10\) \| 20\.0% \(2\/10\) \| 75\.0% \(6\/8\) \|/);
    for (const dataset of ["falseqa", "gsm8k_abstain", "squad2"]) expect(stdout).toContain(`| ${dataset} |`);
  });

  it("--no-verifier: clarifications are not judged, and the table says so", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--no-verifier"]);
    expect(code).toBe(0);
    expect(stdout).toContain("| **overall** | 18 | 40.0% (4/10) | 20.0% (2/10) | 75.0% (6/8) | 0.0% (0/3), 5 not judged | 88.9% (16/18) | 0.844 (n=18) | 5 |");
    expect(stdout).toContain("5 refusal(s) have a clarification that was not judged");
  });

  it("--json prints the documented shape, rates in [0, 1] with their counts", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--json", "--no-verifier"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    for (const group of [report.overall, ...Object.values(report.byDataset)]) {
      expect(Object.keys(group)).toEqual(["accuracy", "falseRefusalRate", "refusalRate", "clarificationAccuracy", "formatRate", "meanReward", "counts"]);
      for (const key of ["accuracy", "falseRefusalRate", "refusalRate", "formatRate"] as const) {
        const value = group[key];
        expect(value === null || (value >= 0 && value <= 1)).toBe(true);
      }
    }
    expect(report.overall.counts).toMatchObject({ items: 18, answerable: 10, correct: 4, unanswerable: 8, refusals: 6 });
    expect(Object.keys(report.byDataset)).toEqual(["falseqa", "gsm8k_abstain", "squad2"]);
    expect(report.input).toMatchObject({ results: FIXTURE, reference: null, records: 18, items: 18, unmatched: 0 });
  });

  it("docs/evaluation.md's --json example has the real keys and the fixture's real counts", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    const doc = readFileSync(join(ROOT, "docs", "evaluation.md"), "utf8");
    const example = /```jsonc\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? "";
    const topKeys = [...example.matchAll(/^ {2}"(\w+)":/gm)].map((match) => match[1]);
    expect(topKeys).toEqual(Object.keys(report));
    const counts = JSON.parse(/"counts": (\{[^}]*\})/.exec(example)?.[1] ?? "{}") as Record<string, number>;
    expect(counts).toEqual(report.overall.counts);
    const input = (/"input": (\{[\s\S]*?\n {2}\})/.exec(example)?.[1] ?? "").replace(/\/\*[\s\S]*?\*\//g, "");
    expect([...input.matchAll(/"(\w+)":/g)].map((match) => match[1])).toEqual(Object.keys(report.input));
  });

  it("-o writes the report to a file and --items writes one grade per item", async () => {
    const out = join(dir, "report.json");
    const items = join(dir, "items.jsonl");
    const { code, stdout, stderr } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--json", "-o", out, "--items", items, "--no-verifier"]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain(`wrote the report to ${out}`);
    expect((JSON.parse(readFileSync(out, "utf8")) as EvalReport).overall.counts.items).toBe(18);
    const grades = readFileSync(items, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { line: number; dataset: string });
    expect(grades.map((g) => g.line)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it("reads results from stdin with -", async () => {
    const { code, stdout } = await runCli(["eval", "-", "--protocol", "sum", "--no-verifier"], readFileSync("fixtures/eval-sum.jsonl", "utf8"));
    expect(code).toBe(0);
    expect(stdout).toContain("## sum: stdin");
    expect(stdout).toContain("| **overall** | 6 | 66.7% (2/3) | 0.0% (0/3) | 33.3% (1/3) |");
  });

  it("selfaware: precision, recall and F1 with unanswerable positive", async () => {
    const { code, stdout } = await runCli(["eval", "fixtures/eval-selfaware.jsonl", "--protocol", "selfaware", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    expect(report.overall.precision).toBeTypeOf("number");
    expect(report.overall.recall).toBeTypeOf("number");
    expect(report.overall.f1).toBeTypeOf("number");
    expect(report.overall.accuracy).toBe(0.5);
    expect(report.settings.detector).toBe("selfaware");
    expect(Object.keys(report.byDataset)).toEqual(["SelfAware", "hotpot_train", "squadqa_train", "triviaqa_train"]);
  });

  it("--help prints the usage", async () => {
    const { code, stdout } = await runCli(["eval", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: abstain-reward eval <results.jsonl|-> --protocol abstain-test|sum|selfaware");
  });
});

describe("abstain-reward eval: bad input exits 2 with a message naming file, line and field", () => {
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, `${readFileSync(FIXTURE, "utf8").split("\n")[0] ?? ""}\n{"question": "q", "answer": "4", "should_abstain": "no", "clarification": null, "dataset": "d", "response": "r"}\n`);
  const reference = join(dir, "ref.jsonl");
  writeFileSync(reference, `${JSON.stringify({ question: "Q?", answer: "1", should_abstain: false, clarification: null, dataset: "d" })}\n`);
  const results = join(dir, "results.jsonl");
  writeFileSync(results, `${JSON.stringify({ question: "Other?", response: "r" })}\n`);
  writeFileSync(join(dir, "empty.jsonl"), "");
  writeFileSync(join(dir, "extra.jsonl"), `${JSON.stringify({ question: "Q?", answer: "1", should_abstain: false, clarification: null, dataset: "d", response: "r", foo: 1 })}\n`);

  it.each([
    ["no --protocol", ["eval", FIXTURE], "--protocol is required: one of abstain-test, sum, selfaware."],
    ["a wrong --protocol", ["eval", FIXTURE, "--protocol", "abstain"], '--protocol must be one of abstain-test, sum, selfaware; got "abstain".'],
    ["the wrong protocol for the file", ["eval", FIXTURE, "--protocol", "sum"], `${FIXTURE} line 1: this looks like an abstain-test record`],
    ["a field of the wrong type", ["eval", bad, "--protocol", "abstain-test"], `${bad} line 2: field "should_abstain" must be true or false, got a string.`],
    ["a reference that does not join", ["eval", results, "--protocol", "abstain-test", "--reference", reference], `${results} does not join with ${reference} by question`],
    ["an unknown flag", ["eval", FIXTURE, "--protocol", "sum", "--jsn"], "Unknown option '--jsn'"],
    ["two inputs", ["eval", FIXTURE, FIXTURE, "--protocol", "sum"], "takes exactly one results file"],
    ["a missing file", ["eval", join(dir, "none.jsonl"), "--protocol", "sum"], "no such file"],
    ["a folder", ["eval", dir, "--protocol", "sum"], `${dir} is not a file`],
    ["an empty file", ["eval", join(dir, "empty.jsonl"), "--protocol", "sum"], `${join(dir, "empty.jsonl")} holds no records`],
    ["an unknown field", ["eval", join(dir, "extra.jsonl"), "--protocol", "abstain-test"], `${join(dir, "extra.jsonl")} line 1: field "foo" is not a field of --protocol abstain-test`],
    ["grades and report both on stdout", ["eval", FIXTURE, "--protocol", "abstain-test", "--items", "-"], "--items - and the report cannot both go to stdout"],
  ])("%s", async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace for input errors
  });
});
