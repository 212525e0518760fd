import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { buildReferenceIndex, joinRecord, unjoinedReferenceLines } from "../src/eval/join-reference.js";
import { recordToItems } from "../src/eval/record-to-items.js";
import { validateRecord } from "../src/eval/validate-record.js";

const AT_ANSWERABLE = { question: "2+2?", answer: "4", should_abstain: false, clarification: null, dataset: "gsm8k_abstain" };
const AT_UNANSWERABLE = { question: "x+2?", answer: null, should_abstain: true, clarification: "x is not given.", dataset: "umwp" };
const SUM = {
  answerable_question: "Ed had 50 marbles and lost 21. How many are left?",
  unanswerable_question: "Ed had 50 marbles and lost some. How many are left?",
  ground_truth: "29",
  clarification: "How many marbles Ed lost is not given.",
};

describe("validateRecord: every bad-input case names its field", () => {
  it.each([
    ["a missing field", { ...AT_ANSWERABLE, dataset: undefined, response: "r" }, "dataset", "is missing (expected a string)"],
    ["a wrong type", { ...AT_ANSWERABLE, should_abstain: "no", response: "r" }, "should_abstain", "must be true or false, got a string"],
    ["an unknown key", { ...AT_ANSWERABLE, respnse: "r", response: "r" }, "respnse", "is not a field of --protocol abstain-test"],
    ["no model output", { ...AT_ANSWERABLE }, "response", 'add the model output as a "response" or "output" field'],
    [
      "two model outputs",
      { ...AT_ANSWERABLE, response: "a", output: "b" },
      "output",
      'repeats the model output already given as "response"',
    ],
  ])("%s", (_name, record, field, message) => {
    const check = validateRecord(JSON.parse(JSON.stringify(record)), "abstain-test", "combined", true);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const issue = check.issues.find((i) => i.field === field);
    expect(issue?.message).toContain(message);
  });

  it("names the right protocol when the record belongs to another one", () => {
    const check = validateRecord({ ...SUM, answerable_output: "a", unanswerable_output: "b" }, "abstain-test", "combined", true);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.issues[0]?.message).toBe(
        'this looks like a sum record (it has "answerable_question", "unanswerable_question"), not abstain-test; run with --protocol sum',
      );
  });

  it("points reward samples to `score`", () => {
    const check = validateRecord({ response: "r", answerable: true, goldAnswer: "4" }, "abstain-test", "combined", true);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues[0]?.message).toContain("abstain-reward score");
  });

  it("rejects a line that is not an object", () => {
    const check = validateRecord([1, 2], "sum", "combined", true);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues[0]).toEqual({ field: null, message: "expected a JSON object, got a list" });
  });

  it("accepts the reference scripts' result formats as they are", () => {
    expect(validateRecord({ ...AT_ANSWERABLE, response: "r" }, "abstain-test", "combined", true).ok).toBe(true);
    expect(validateRecord({ ...SUM, answerable_output: "a", unanswerable_output: "b" }, "sum", "combined", true).ok).toBe(true);
    const selfaware = { question_id: 3, question: "q", answer: ["a"], answerable: true, source: "hotpot_train", generated_text: "a" };
    expect(validateRecord(selfaware, "selfaware", "combined", true).ok).toBe(true);
  });

  it("ignores unknown fields with --allow-extra-fields (strict off) and drops them", () => {
    const check = validateRecord({ ...AT_ANSWERABLE, response: "r", model: "qwen" }, "abstain-test", "combined", false);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.record).not.toHaveProperty("model");
  });
});

describe("recordToItems", () => {
  it("abstain-test: one item, with its gold or its reference clarification", () => {
    const answerable = recordToItems({ ...AT_ANSWERABLE, response: "r" }, 4, { protocol: "abstain-test" });
    expect(answerable).toEqual({
      ok: true,
      items: [
        {
          line: 4,
          id: null,
          dataset: "gsm8k_abstain",
          variant: null,
          answerable: true,
          response: "r",
          question: "2+2?",
          gold: ["4"],
          referenceClarification: null,
          missingFacts: [],
        },
      ],
    });
    const unanswerable = recordToItems({ ...AT_UNANSWERABLE, output: "o" }, 5, { protocol: "abstain-test" });
    expect(unanswerable.ok && unanswerable.items[0]).toMatchObject({
      answerable: false,
      response: "o",
      gold: [],
      referenceClarification: "x is not given.",
    });
  });

  it.each([
    ["an answerable item without gold", { ...AT_ANSWERABLE, answer: null, response: "r" }, "answer"],
    ["an unanswerable item without clarification", { ...AT_UNANSWERABLE, clarification: " ", response: "r" }, "clarification"],
  ])("abstain-test: %s is an error naming the field", (_name, record, field) => {
    const made = recordToItems(record, 1, { protocol: "abstain-test" });
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.issues[0]?.field).toBe(field);
  });

  it("compat reference grades an unanswerable item without clarification", () => {
    const made = recordToItems({ ...AT_UNANSWERABLE, clarification: null, response: "r" }, 1, {
      protocol: "abstain-test",
      compat: "reference",
    });
    expect(made.ok && made.items[0]?.referenceClarification).toBeNull();
  });

  it("sum: two items per pair, the unanswerable one annotated by the deriver and the reference clarification", () => {
    const made = recordToItems({ ...SUM, id: 7, answerable_output: "a", unanswerable_output: "u" }, 2, {
      protocol: "sum",
      deriveMissingFacts: (a, u) => [`${a.length}-${u.length}`],
    });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.items.map((i) => [i.variant, i.answerable, i.response, i.id, i.dataset])).toEqual([
      ["answerable", true, "a", "7", "sum"],
      ["unanswerable", false, "u", "7", "sum"],
    ]);
    expect(made.items[0]?.gold).toEqual(["29"]);
    expect(made.items[1]?.missingFacts).toEqual([`${SUM.answerable_question.length}-${SUM.unanswerable_question.length}`]);
    expect(made.items[1]?.referenceClarification).toBe(SUM.clarification);
  });

  it("selfaware: the source is the dataset and question_id the id", () => {
    const made = recordToItems(
      { question_id: 12, question: "q", answer: ["Paris", "paris, france"], answerable: true, source: "squadqa_train", output: "o" },
      1,
      { protocol: "selfaware" },
    );
    expect(made.ok && made.items[0]).toMatchObject({ id: "12", dataset: "squadqa_train", gold: ["Paris", "paris, france"] });
  });
});

describe("joining results to a reference", () => {
  const reference = [
    { line: 1, record: { ...AT_ANSWERABLE } },
    { line: 2, record: { ...AT_UNANSWERABLE } },
  ];

  it("joins by question, copies the reference fields, and lists the reference records left without result", () => {
    const index = buildReferenceIndex(reference, "abstain-test", "question", "ref.jsonl");
    const joined = joinRecord({ question: "2+2?", response: "\\boxed{4}" }, index);
    expect(joined).toEqual({ kind: "joined", record: { ...AT_ANSWERABLE, response: "\\boxed{4}" } });
    expect(joinRecord({ question: "3+3?", response: "6" }, index)).toEqual({ kind: "unmatched", key: "3+3?" });
    expect(unjoinedReferenceLines(index)).toEqual([2]);
  });

  it("refuses a results record that contradicts its reference record", () => {
    const index = buildReferenceIndex(reference, "abstain-test", "question", "ref.jsonl");
    const joined = joinRecord({ question: "2+2?", answer: "5", response: "r" }, index);
    expect(joined.kind).toBe("invalid");
    if (joined.kind === "invalid")
      expect(joined.issues[0]).toEqual({
        field: "answer",
        message: "differs from the reference (line 1); drop the field from the results or fix the reference",
      });
  });

  it("needs the join field in the results record", () => {
    const index = buildReferenceIndex(reference, "abstain-test", "question", "ref.jsonl");
    const joined = joinRecord({ response: "r" }, index);
    expect(joined.kind === "invalid" && joined.issues[0]?.field).toBe("question");
  });

  it("--join id on a reference without ids says so and names the line", () => {
    expect(() => buildReferenceIndex(reference, "abstain-test", "id", "ref.jsonl")).toThrow(
      'ref.jsonl line 1: missing field "id", which --join id needs. The reference has no ids; join by question with --join question.',
    );
  });

  it("a duplicate key with different content is an error; an identical repeat is not", () => {
    expect(() =>
      buildReferenceIndex([...reference, { line: 3, record: { ...AT_ANSWERABLE, answer: "5" } }], "abstain-test", "question", "ref.jsonl"),
    ).toThrow(InputError);
    expect(
      buildReferenceIndex([...reference, { line: 3, record: { ...AT_ANSWERABLE } }], "abstain-test", "question", "ref.jsonl").entries.size,
    ).toBe(2);
  });

  it("selfaware joins by question_id with --join id", () => {
    const index = buildReferenceIndex(
      [{ line: 1, record: { question_id: 5, question: "q", answer: null, answerable: false } }],
      "selfaware",
      "id",
      "selfaware.json",
    );
    expect(joinRecord({ question_id: 5, output: "o" }, index).kind).toBe("joined");
  });
});
