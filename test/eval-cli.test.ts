import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../src/eval/eval-types.js";
import type { PaperReport } from "../src/eval/paper/paper-report.js";
import { ROOT, ensureCliBuilt, runCli } from "./eval-cli-helpers.js";

const FIXTURE = "fixtures/eval-abstain-test.jsonl";
const dir = mkdtempSync(join(tmpdir(), "eval-cli-"));

beforeAll(() => {
  ensureCliBuilt();
});

describe("abstain-reward eval (built CLI, end to end)", () => {
  it("the README's first command prints the paper protocol's table, naming the script and the judge, offline", async () => {
    const { code, stdout, stderr } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--judge", "exact"]);
    expect(stderr).not.toMatch(/Error|at .*\.js/);
    expect(code).toBe(0);
    expect(stdout).toContain("## abstain-test (paper protocol): fixtures/eval-abstain-test.jsonl");
    expect(stdout).toContain("Reproduces Abstain-R1 run/evaluate_abstain-wosum.py · judge: exact (deterministic exact-match rule)");
    expect(stdout).toMatch(/\| answerable correct \(judge\) `accuracy` \| 4\/10 \(40\.00%\) \|/);
  });

  it("--verifier none: clarification accuracy is not measured, never 0%", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--verifier", "none"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| unanswerable clarification_ok \(judge\) `clarificationAccuracy` \| not measured \|/);
    expect(stdout).toContain("Clarification accuracy is **not measured**");
    const json = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--verifier", "none", "--json"]);
    const report = JSON.parse(json.stdout) as PaperReport;
    expect(report.overall.metrics.clarificationAccuracy?.value).toBeNull();
    expect(report.judge.measuresClarification).toBe(false);
  });

  it("--grading library keeps the library's own table", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--grading", "library"]);
    expect(code).toBe(0);
    expect(stdout).toContain("## library grading, abstain-test records: fixtures/eval-abstain-test.jsonl");
    expect(stdout).toMatch(/\| \*\*overall\*\* \| 18 \| 40\.0% \(4\/10\) \| 20\.0% \(2\/10\) \| 75\.0% \(6\/8\) \|/);
    for (const dataset of ["falseqa", "gsm8k_abstain", "squad2"]) expect(stdout).toContain(`| ${dataset} |`);
  });

  it("--no-verifier: clarifications are not judged, and the table says so", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--grading", "library", "--no-verifier"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "| **overall** | 18 | 40.0% (4/10) | 20.0% (2/10) | 75.0% (6/8) | 0.0% (0/3), 5 not judged | 88.9% (16/18) | 0.844 (n=18) | 5 |",
    );
    expect(stdout).toContain("5 refusal(s) have a clarification that was not judged");
  });

  it("--json prints the documented shape, rates in [0, 1] with their counts", async () => {
    const { code, stdout } = await runCli([
      "eval",
      FIXTURE,
      "--protocol",
      "abstain-test",
      "--grading",
      "library",
      "--json",
      "--no-verifier",
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    for (const group of [report.overall, ...Object.values(report.byDataset)]) {
      expect(Object.keys(group)).toEqual([
        "accuracy",
        "falseRefusalRate",
        "refusalRate",
        "clarificationAccuracy",
        "formatRate",
        "meanReward",
        "counts",
      ]);
      for (const key of ["accuracy", "falseRefusalRate", "refusalRate", "formatRate"] as const) {
        const value = group[key];
        expect(value === null || (value >= 0 && value <= 1)).toBe(true);
      }
    }
    expect(report.overall.counts).toMatchObject({ items: 18, answerable: 10, correct: 4, unanswerable: 8, refusals: 6 });
    expect(Object.keys(report.byDataset)).toEqual(["falseqa", "gsm8k_abstain", "squad2"]);
    expect(report.input).toMatchObject({ results: FIXTURE, reference: null, records: 18, items: 18, unmatched: 0 });
  });

  it("docs/evaluation.md's library --json example has the real keys and the fixture's real counts", async () => {
    const { code, stdout } = await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--grading", "library", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    const doc = readFileSync(join(ROOT, "docs", "evaluation.md"), "utf8");
    const blocks = [...doc.matchAll(/```jsonc\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? "");
    const example = blocks.find((block) => block.includes('"grading": "library"')) ?? "";
    const paperExample = blocks.find((block) => block.includes('"grading": "paper"')) ?? "";
    const paper = JSON.parse(
      (await runCli(["eval", FIXTURE, "--protocol", "abstain-test", "--judge", "exact", "--json"])).stdout,
    ) as PaperReport;
    expect([...paperExample.matchAll(/^ {2}"(\w+)":/gm)].map((match) => match[1])).toEqual(Object.keys(paper));
    expect(paper.overall.metrics.accuracy).toEqual({ value: 0.4, numerator: 4, denominator: 10 });
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
    const { code, stdout, stderr } = await runCli([
      "eval",
      FIXTURE,
      "--protocol",
      "abstain-test",
      "--grading",
      "library",
      "--json",
      "-o",
      out,
      "--items",
      items,
      "--no-verifier",
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain(`wrote the report to ${out}`);
    expect((JSON.parse(readFileSync(out, "utf8")) as EvalReport).overall.counts.items).toBe(18);
    const grades = readFileSync(items, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { line: number; dataset: string });
    expect(grades.map((g) => g.line)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it("reads results from stdin with -", async () => {
    const { code, stdout } = await runCli(
      ["eval", "-", "--protocol", "sum", "--grading", "library", "--no-verifier"],
      readFileSync("fixtures/eval-sum.jsonl", "utf8"),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("## library grading, sum records: stdin");
    expect(stdout).toContain("| **overall** | 6 | 66.7% (2/3) | 0.0% (0/3) | 33.3% (1/3) |");
  });

  it("selfaware: precision, recall and F1 with unanswerable positive", async () => {
    const { code, stdout } = await runCli([
      "eval",
      "fixtures/eval-selfaware.jsonl",
      "--protocol",
      "selfaware",
      "--grading",
      "library",
      "--json",
    ]);
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
    expect(stdout).toContain("Usage: abstain-reward eval <results.jsonl|-> --protocol P");
    for (const protocol of ["abstain-test", "sum-permissive", "sum-strict", "selfaware"]) expect(stdout).toContain(`  ${protocol} `);
  });

  it("duplicates are an error naming the count and the lines; --duplicates first grades each once, all grades every line", async () => {
    const lines = readFileSync(FIXTURE, "utf8").trim().split("\n");
    const duplicated = join(dir, "dup.jsonl");
    writeFileSync(duplicated, `${[...lines, lines[0], lines[2]].join("\n")}\n`);
    const refused = await runCli(["eval", duplicated, "--protocol", "abstain-test", "--judge", "exact"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${duplicated} has 2 duplicate record(s)`);
    expect(refused.stderr).toContain("line 19 repeats line 1");
    expect(refused.stderr).toContain("line 20 repeats line 3");
    const first = JSON.parse(
      (await runCli(["eval", duplicated, "--protocol", "abstain-test", "--judge", "exact", "--duplicates", "first", "--json"])).stdout,
    ) as PaperReport;
    expect(first.overall.counts.answerable + first.overall.counts.unanswerable).toBe(18);
    expect(first.input).toMatchObject({ records: 20, duplicates: 2, duplicatePolicy: "first" });
    const all = JSON.parse(
      (await runCli(["eval", duplicated, "--protocol", "abstain-test", "--judge", "exact", "--duplicates", "all", "--json"])).stdout,
    ) as PaperReport;
    expect(all.overall.counts.answerable + all.overall.counts.unanswerable).toBe(20);
    expect(all.input.duplicateItems.map((d) => [d.line, d.firstLine])).toEqual([
      [19, 1],
      [20, 3],
    ]);
  });

  it("sum-strict joined to a reference: the parity fixture's totals through the built CLI", async () => {
    const { code, stdout } = await runCli([
      "eval",
      "fixtures/eval-parity-sum.results.jsonl",
      "--reference",
      "fixtures/eval-parity-sum.reference.jsonl",
      "--protocol",
      "sum-strict",
      "--judge",
      "exact",
      "--json",
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PaperReport;
    expect([report.overall.metrics.accuracy?.numerator, report.overall.metrics.accuracy?.denominator]).toEqual([6, 13]);
    expect(report.script).toContain("evaluate_with_math_verify.py");
  });
});

describe("abstain-reward eval: bad input exits 2 with a message naming file, line and field", () => {
  const bad = join(dir, "bad.jsonl");
  writeFileSync(
    bad,
    `${readFileSync(FIXTURE, "utf8").split("\n")[0] ?? ""}\n{"question": "q", "answer": "4", "should_abstain": "no", "clarification": null, "dataset": "d", "response": "r"}\n`,
  );
  const reference = join(dir, "ref.jsonl");
  writeFileSync(
    reference,
    `${JSON.stringify({ question: "Q?", answer: "1", should_abstain: false, clarification: null, dataset: "d" })}\n`,
  );
  const results = join(dir, "results.jsonl");
  writeFileSync(results, `${JSON.stringify({ question: "Other?", response: "r" })}\n`);
  writeFileSync(join(dir, "empty.jsonl"), "");
  writeFileSync(
    join(dir, "extra.jsonl"),
    `${JSON.stringify({ question: "Q?", answer: "1", should_abstain: false, clarification: null, dataset: "d", response: "r", foo: 1 })}\n`,
  );

  it.each([
    ["no --protocol", ["eval", FIXTURE], "--protocol is required: one of abstain-test, sum-permissive, sum-strict, selfaware"],
    [
      "a wrong --protocol",
      ["eval", FIXTURE, "--protocol", "abstain"],
      '--protocol must be one of abstain-test, sum-permissive, sum-strict, selfaware, sum; got "abstain".',
    ],
    ["sum under the paper protocols", ["eval", FIXTURE, "--protocol", "sum"], "the paper has two SUM scripts: --protocol sum-permissive"],
    [
      "a library flag under the paper protocols",
      ["eval", FIXTURE, "--protocol", "abstain-test", "--preset", "continuous"],
      "--preset applies to --grading library only",
    ],
    [
      "an HTTP judge without a model",
      ["eval", FIXTURE, "--protocol", "abstain-test", "--judge-url", "http://127.0.0.1:9/v1"],
      "--judge http needs --judge-url",
    ],
    [
      "an HTTP judge for SelfAware",
      ["eval", FIXTURE, "--protocol", "selfaware", "--judge-url", "http://127.0.0.1:9/v1", "--judge-model", "m"],
      "SelfAware's script has no LLM judge",
    ],
    [
      "the wrong protocol for the file",
      ["eval", FIXTURE, "--protocol", "sum-strict"],
      `${FIXTURE} line 1: this looks like an abstain-test record`,
    ],
    [
      "a field of the wrong type",
      ["eval", bad, "--protocol", "abstain-test"],
      `${bad} line 2: field "should_abstain" must be true or false, got a string.`,
    ],
    [
      "a reference that does not join",
      ["eval", results, "--protocol", "abstain-test", "--reference", reference],
      `${results} does not join with ${reference} by question`,
    ],
    ["an unknown flag", ["eval", FIXTURE, "--protocol", "sum-strict", "--jsn"], "Unknown option '--jsn'"],
    ["two inputs", ["eval", FIXTURE, FIXTURE, "--protocol", "sum-strict"], "takes exactly one results file"],
    ["a missing file", ["eval", join(dir, "none.jsonl"), "--protocol", "sum-strict"], "no such file"],
    ["a folder", ["eval", dir, "--protocol", "sum-strict"], `${dir} is not a file`],
    ["an empty file", ["eval", join(dir, "empty.jsonl"), "--protocol", "sum-strict"], `${join(dir, "empty.jsonl")} holds no records`],
    [
      "an unknown field",
      ["eval", join(dir, "extra.jsonl"), "--protocol", "abstain-test"],
      `${join(dir, "extra.jsonl")} line 1: field "foo" is not a field of --protocol abstain-test`,
    ],
    [
      "grades and report both on stdout",
      ["eval", FIXTURE, "--protocol", "abstain-test", "--items", "-"],
      "--items - and the report cannot both go to stdout",
    ],
  ])("%s", async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace for input errors
  });
});
