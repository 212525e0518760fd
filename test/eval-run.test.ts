import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createEvalDependencies } from "../src/eval/create-eval-dependencies.js";
import type { EvalReport } from "../src/eval/eval-types.js";
import type { EvalRuntime, EvalRuntimeOptions } from "../src/cli/io/load-eval-runtime.js";
import { runEvaluation } from "../src/cli/io/run-evaluation.js";
import type { RunEvaluationOptions } from "../src/cli/io/run-evaluation.js";
import { renderMarkdown } from "../src/eval/render-markdown.js";
import { createRewarder } from "../src/reward/create-rewarder.js";
import type { AbstentionResult, ClarificationVerifier } from "../src/types.js";

/**
 * Hand-computed expectations on the bundled fixtures, with the real reward, answer checker,
 * lexical detector and clarification extractor, and a keyword verifier standing in for the model
 * (verified when the clarification shares at least three words of four letters or more with the
 * reference clarification), so every number below can be checked by reading the fixture.
 */
const keywordVerifier: ClarificationVerifier = {
  name: "keyword-test-verifier",
  async verify(requests) {
    const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
    return requests.map(({ clarification, annotation }) => {
      const reference = words(`${annotation.referenceClarification ?? ""} ${(annotation.missingFacts ?? []).join(" ")}`);
      const shared = [...words(clarification)].filter((word) => reference.has(word)).length;
      return { score: shared >= 3 ? 1 : 0, verified: shared >= 3, perFact: [], reason: `${shared} shared words` };
    });
  },
};

// SelfAware's eval_model.py first looks for its reference uncertainty sentences verbatim; the tests
// stand in for the embedding detector with that lexical stage so the expectations stay exact.
const SELFAWARE_SENTENCES = ["the answer is unknown", "there is no scientific evidence", "it is impossible to know", "i'm not sure"];
const selfAwareStub = (response: string): AbstentionResult => {
  const hit = SELFAWARE_SENTENCES.some((sentence) => response.toLowerCase().includes(sentence));
  const reason = hit ? "a reference sentence verbatim" : "no reference sentence";
  return {
    score: hit ? 1 : 0,
    reason,
    abstained: hit,
    explicit: false,
    hedged: false,
    kind: hit ? "unknown" : "none",
    span: null,
    confidence: hit ? 1 : 0,
  };
};

function runtimeFor(verifier: ClarificationVerifier | null) {
  return async (options: EvalRuntimeOptions): Promise<EvalRuntime> => {
    const rewarder =
      options.protocol === "selfaware"
        ? null
        : createRewarder({ preset: options.preset, compat: options.compat, template: options.template, ...(verifier ? { verifier } : {}) });
    const deps = createEvalDependencies({ rewarder, embedder: null, template: options.template, compat: options.compat });
    if (options.detector === "selfaware") deps.detect = async (responses) => responses.map(selfAwareStub);
    return { deps, verifierName: verifier?.name ?? null, dispose: async () => {} };
  };
}

function options(overrides: Partial<RunEvaluationOptions>): RunEvaluationOptions {
  return {
    results: "fixtures/eval-abstain-test.jsonl",
    reference: null,
    join: "question",
    protocol: "abstain-test",
    emptyOutputs: "miss",
    detector: "lexical",
    preset: "abstain-r1",
    compat: "fixed",
    template: "abstain-r1",
    verifier: true,
    device: "cpu",
    strict: true,
    batchSize: 256,
    ...overrides,
  };
}

const io = { stdin: new PassThrough(), stderr: new PassThrough() };
const run = (overrides: Partial<RunEvaluationOptions>, verifier: ClarificationVerifier | null = keywordVerifier): Promise<EvalReport> =>
  runEvaluation(options(overrides), io, { loadRuntime: runtimeFor(verifier) });

describe("eval on fixtures/eval-abstain-test.jsonl (hand-computed)", () => {
  it("overall", async () => {
    const report = await run({});
    const { overall } = report;
    // Answerable lines 1,2,3,7,8,9,12,13,14,18: correct 1,7,8,13; false refusals 3 (boxed IDK) and 18 (curly "I don’t know").
    expect(overall.counts).toMatchObject({ items: 18, answerable: 10, answerGraded: 10, correct: 4, falseRefusals: 2 });
    expect(overall.accuracy).toBeCloseTo(0.4, 12);
    expect(overall.falseRefusalRate).toBeCloseTo(0.2, 12);
    // Unanswerable lines 4,5,6,10,11,15,16,17: refusals 4,6,10,11,15,17; clarified 4,6,11,15.
    expect(overall.counts).toMatchObject({ unanswerable: 8, refusals: 6, clarificationGraded: 8, clarified: 4 });
    expect(overall.refusalRate).toBeCloseTo(6 / 8, 12);
    expect(overall.clarificationAccuracy).toBeCloseTo(4 / 8, 12);
    // Line 6 has no answer tags, line 9 is empty.
    expect(overall.formatRate).toBeCloseTo(16 / 18, 12);
    expect(overall.counts).toMatchObject({ empty: 1, formatOk: 16, ungradeable: 0 });
    // Rewards: answerable 2+1+0+2+1+0+0+2+1-1 = 8; unanswerable 2+1+0+1.3+0+2+1+1.3 = 8.6.
    expect(overall.meanReward).toBeCloseTo(16.6 / 18, 12);
    expect(report.input).toMatchObject({ records: 18, items: 18, unmatched: 0, referenceWithoutResult: 0 });
    expect(report.settings.verifier).toBe("keyword-test-verifier");
  });

  it("per dataset", async () => {
    const { byDataset } = await run({});
    expect(Object.keys(byDataset)).toEqual(["falseqa", "gsm8k_abstain", "squad2"]);
    const gsm = byDataset.gsm8k_abstain;
    expect([gsm?.accuracy, gsm?.falseRefusalRate, gsm?.refusalRate, gsm?.clarificationAccuracy, gsm?.formatRate]).toEqual([
      1 / 3,
      1 / 3,
      2 / 3,
      2 / 3,
      5 / 6,
    ]);
    expect(gsm?.meanReward).toBeCloseTo(1, 12);
    const squad = byDataset.squad2;
    expect([squad?.accuracy, squad?.falseRefusalRate, squad?.refusalRate, squad?.clarificationAccuracy, squad?.formatRate]).toEqual([
      2 / 4,
      0,
      1,
      1 / 2,
      5 / 6,
    ]);
    expect(squad?.meanReward).toBeCloseTo(4.3 / 6, 12);
    expect(squad?.counts.noAnswer).toBeGreaterThanOrEqual(1); // the empty output gives no answer
    const falseqa = byDataset.falseqa;
    expect([
      falseqa?.accuracy,
      falseqa?.falseRefusalRate,
      falseqa?.refusalRate,
      falseqa?.clarificationAccuracy,
      falseqa?.formatRate,
    ]).toEqual([1 / 3, 1 / 3, 2 / 3, 1 / 3, 1]);
    expect(falseqa?.meanReward).toBeCloseTo(6.3 / 6, 12);
  });

  it("without a verifier, clarifications are counted as not judged, never as failures", async () => {
    const { overall } = await run({ verifier: false }, null);
    // Line 17 has nothing after its marker (rejected, judged); lines 5 and 16 did not refuse (judged).
    expect(overall.counts).toMatchObject({ clarificationGraded: 3, clarified: 0, clarificationUnverified: 5, ungradeable: 5 });
    expect(overall.clarificationAccuracy).toBe(0);
    expect(overall.meanReward).toBeCloseTo((16.6 - 1.4) / 18, 12);
  });

  it("renders a readable table with counts next to every rate", async () => {
    const text = renderMarkdown(await run({}));
    expect(text).toContain(
      "| **overall** | 18 | 40.0% (4/10) | 20.0% (2/10) | 75.0% (6/8) | 50.0% (4/8) | 88.9% (16/18) | 0.922 (n=18) | 0 |",
    );
    expect(text).toContain("| squad2 |");
    expect(text).toContain("1 empty output(s)");
  });
});

describe("eval on fixtures/eval-sum.jsonl (hand-computed)", () => {
  it("grades both variants of each pair", async () => {
    const { overall, input } = await run({ results: "fixtures/eval-sum.jsonl", protocol: "sum" });
    expect(input).toMatchObject({ records: 3, items: 6 });
    // Answerable: 29 ✓, 15 ✓, 5 ✗ (gold 4).
    expect(overall.counts).toMatchObject({ answerable: 3, correct: 2, falseRefusals: 0, unanswerable: 3, refusals: 1, empty: 1 });
    expect(overall.accuracy).toBeCloseTo(2 / 3, 12);
    expect(overall.refusalRate).toBeCloseTo(1 / 3, 12);
    expect(overall.clarificationAccuracy).toBeCloseTo(1 / 3, 12);
    expect(overall.formatRate).toBeCloseTo(5 / 6, 12);
    // Rewards: 2 + 2 + 1 (answerable), 2 + 1 + 0 (unanswerable).
    expect(overall.meanReward).toBeCloseTo(8 / 6, 12);
  });
});

describe("eval on fixtures/eval-selfaware.jsonl (hand-computed)", () => {
  it.each([
    ["miss", { precision: 2 / 3, recall: 2 / 4, f1: 4 / 7, accuracy: 2 / 4 }],
    ["reference", { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, accuracy: 2 / 4 }],
    ["exclude", { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, accuracy: 2 / 3 }],
  ] as const)("--empty-outputs %s", async (policy, expected) => {
    const { overall } = await run({
      results: "fixtures/eval-selfaware.jsonl",
      protocol: "selfaware",
      detector: "selfaware",
      emptyOutputs: policy,
    });
    expect(overall.precision).toBeCloseTo(expected.precision, 12);
    expect(overall.recall).toBeCloseTo(expected.recall, 12);
    expect(overall.f1).toBeCloseTo(expected.f1, 12);
    expect(overall.accuracy).toBeCloseTo(expected.accuracy, 12);
    expect(overall.meanReward).toBeNull();
    expect(overall.counts.empty).toBe(2);
  });
});

describe("joining a results file to a reference", () => {
  const dir = mkdtempSync(join(tmpdir(), "eval-join-"));
  const lines = (rows: readonly object[]): string => rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
  const reference = join(dir, "reference.jsonl");
  writeFileSync(
    reference,
    lines([
      { question: "How many legs does a spider have?", answer: "8", should_abstain: false, clarification: null, dataset: "falseqa" },
      {
        question: "Why do birds have four legs?",
        answer: null,
        should_abstain: true,
        clarification: "Birds have two legs, not four.",
        dataset: "falseqa",
      },
      { question: "What is 2 + 2?", answer: "4", should_abstain: false, clarification: null, dataset: "gsm8k_abstain" },
    ]),
  );

  it("counts and lists the unmatched results and the reference records left without result", async () => {
    const results = join(dir, "results.jsonl");
    writeFileSync(
      results,
      lines([
        { question: "How many legs does a spider have?", response: "<thinking>8</thinking><answer>\\boxed{8}</answer>" },
        { question: "Why do birds have four legs??", response: "<thinking>x</thinking><answer>\\boxed{I don't know}</answer>" },
        { question: "What is 2 + 2?", response: "<thinking>x</thinking><answer>\\boxed{5}</answer>" },
      ]),
    );
    const report = await run({ results, reference });
    expect(report.input).toMatchObject({
      records: 3,
      items: 2,
      unmatched: 1,
      unmatchedItems: [{ line: 2, key: "Why do birds have four legs??" }],
      referenceWithoutResult: 1,
      referenceWithoutResultLines: [2],
    });
    expect(report.overall.accuracy).toBe(0.5);
    expect(renderMarkdown(report)).toContain("1 result record(s) matched no reference record");
  });

  it("a results file that does not join at all is an error naming both files and the other join key", async () => {
    const results = join(dir, "other.jsonl");
    writeFileSync(results, lines([{ question: "Unrelated?", response: "r" }]));
    await expect(run({ results, reference })).rejects.toThrow(
      `${results} does not join with ${reference} by question: none of its records matches a reference record (line 1 has "Unrelated?"). Check that the two files belong to the same benchmark and its --protocol, or join by id with --join id.`,
    );
  });
});

describe("bad input: the error names the file, the line and the field", () => {
  const dir = mkdtempSync(join(tmpdir(), "eval-bad-"));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const good = JSON.stringify({ question: "q", answer: "4", should_abstain: false, clarification: null, dataset: "d", response: "r" });

  it.each([
    [
      "a missing field",
      `${good}\n${JSON.stringify({ question: "q", answer: "4", clarification: null, dataset: "d", response: "r" })}\n`,
      'line 2: field "should_abstain" is missing (expected true or false).',
    ],
    [
      "an unknown key",
      `${JSON.stringify({ question: "q", answer: "4", should_abstain: false, clarification: null, dataset: "d", response: "r", score: 1 })}\n`,
      'line 1: field "score" is not a field of --protocol abstain-test',
    ],
    ["invalid JSON", `${good}\n{"question": \n`, "line 2: not valid JSON"],
    [
      "another protocol's record",
      `${JSON.stringify({ question_id: 1, question: "q", answer: null, answerable: false, output: "o" })}\n`,
      "line 1: this looks like a selfaware record",
    ],
    ["an empty file", "\n\n", "holds no records"],
  ])("%s", async (_name, text, message) => {
    const path = file(`${_name.replace(/\W/g, "-")}.jsonl`, text);
    await expect(run({ results: path })).rejects.toThrow(message);
    await expect(run({ results: path })).rejects.toThrow(path);
  });

  it("a missing file", async () => {
    await expect(run({ results: join(dir, "nope.jsonl") })).rejects.toThrow(`Cannot read ${join(dir, "nope.jsonl")}: no such file.`);
  });

  it("loads no model before the first bad line is found", async () => {
    let loaded = 0;
    const path = file("bad-first.jsonl", "[]\n");
    await expect(
      runEvaluation(options({ results: path }), io, {
        loadRuntime: async (o) => {
          loaded += 1;
          return runtimeFor(null)(o);
        },
      }),
    ).rejects.toThrow("line 1: expected a JSON object, got a list");
    expect(loaded).toBe(0);
  });
});

describe("on the dev data in ../shared/data (skipped when absent)", () => {
  const data = join(import.meta.dirname, "..", "..", "shared", "data");
  const wosum = join(data, "abstain-test-wosum.dev.jsonl");
  const selfaware = join(data, "selfaware.json");
  const hasData = existsSync(wosum) && existsSync(selfaware);
  const dir = mkdtempSync(join(tmpdir(), "eval-dev-"));

  it.skipIf(!hasData)("joins a results file to abstain-test-wosum.dev.jsonl by question and grades every row", async () => {
    const rows = readFileSync(wosum, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { question: string; should_abstain: boolean });
    const results = join(dir, "wosum-results.jsonl");
    // Abstain on every unanswerable row with a clarification, answer "\boxed{0}" on the rest.
    const response = (abstain: boolean): string =>
      `<thinking>x</thinking><answer>${abstain ? "\\boxed{I don't know} The question does not give the needed information." : "\\boxed{0}"}</answer>`;
    writeFileSync(
      results,
      rows.map((row) => JSON.stringify({ question: row.question, response: response(row.should_abstain) })).join("\n"),
    );
    const report = await run({ results, reference: wosum }, null);
    const unanswerable = rows.filter((row) => row.should_abstain).length;
    expect(report.input).toMatchObject({ records: rows.length, items: rows.length, unmatched: 0, referenceWithoutResult: 0 });
    expect(report.overall.counts).toMatchObject({
      items: rows.length,
      unanswerable,
      refusals: unanswerable,
      falseRefusals: 0,
      formatOk: rows.length,
    });
    expect(Object.keys(report.byDataset)).toHaveLength(12);
  });

  it.skipIf(!hasData)("reads selfaware.json as the reference and joins by question_id with --join id", async () => {
    const examples = (
      JSON.parse(readFileSync(selfaware, "utf8")) as { example: { question_id: number; answerable: boolean; answer: string[] | null }[] }
    ).example;
    const results = join(dir, "selfaware-results.jsonl");
    const output = (e: (typeof examples)[number]): string => (e.answerable ? `It is ${e.answer?.[0] ?? ""}.` : "The answer is unknown.");
    writeFileSync(
      results,
      [
        ...examples.map((e) => JSON.stringify({ question_id: e.question_id, output: output(e) })),
        JSON.stringify({ question_id: 999_999, output: "x" }),
      ].join("\n"),
    );
    const report = await run({ results, reference: selfaware, protocol: "selfaware", detector: "selfaware", join: "id" });
    expect(report.input).toMatchObject({
      records: examples.length + 1,
      items: examples.length,
      unmatched: 1,
      unmatchedItems: [{ line: examples.length + 1, key: "999999" }],
    });
    expect(report.overall.counts).toMatchObject({ answerable: 2337, unanswerable: 1032, truePositives: 1032, falsePositives: 0 });
    expect(report.overall.f1).toBe(1);
    expect(report.overall.accuracy).toBe(1);
  });
});
