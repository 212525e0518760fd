import { describe, expect, it } from "vitest";
import type { EvalDependencies } from "../src/eval/evaluate-batch.js";
import { evaluateBatch, itemToSample } from "../src/eval/evaluate-batch.js";
import type { EvalItem } from "../src/eval/eval-types.js";
import type {
  AbstentionResult,
  AnswerResult,
  ClarificationRequest,
  ClarificationVerifier,
  RewardReason,
  RewardResult,
  Sample,
} from "../src/types.js";

/** Fakes with visible rules, so each test states exactly what the pieces said. */
function item(overrides: Partial<EvalItem>): EvalItem {
  return {
    line: 1,
    id: null,
    dataset: "d",
    variant: null,
    answerable: true,
    response: "",
    question: null,
    gold: ["4"],
    referenceClarification: null,
    missingFacts: [],
    ...overrides,
  };
}

function reward(reason: RewardReason, gatePassed: boolean, extra: Partial<RewardResult> = {}): RewardResult {
  return {
    reward: 1,
    score: reason === "gold-ungradeable" ? null : 1,
    components: { format: 1, answer: 0, abstention: 0, clarification: 0 },
    reason,
    message: "",
    gradeable: reason !== "gold-ungradeable",
    details: {
      template: "abstain-r1",
      gatePassed,
      gateError: null,
      answerSegment: "",
      answer: null,
      abstention: null,
      clarification: null,
    },
    ...extra,
  };
}

const NONE: AbstentionResult = {
  score: 0,
  reason: "none",
  abstained: false,
  explicit: false,
  hedged: false,
  kind: "none",
  span: null,
  confidence: 0,
};
const REFUSE: AbstentionResult = { ...NONE, score: 1, abstained: true, kind: "unknown", confidence: 0.9 };
const HEDGE: AbstentionResult = { ...NONE, abstained: false, hedged: true, kind: "unknown", confidence: 0.4 };

function deps(
  rewards: Record<string, RewardResult>,
  detections: Record<string, AbstentionResult>,
  overrides: Partial<EvalDependencies> = {},
): EvalDependencies & { checked: string[] } {
  const checked: string[] = [];
  return {
    checked,
    scoreBatch: async (samples: readonly Sample[]) => samples.map((s) => rewards[s.response] ?? reward("answer-wrong", true)),
    detect: async (responses) => responses.map((r) => detections[r] ?? NONE),
    scoreAnswer: (text: string, gold: readonly string[]): AnswerResult => {
      checked.push(text);
      return {
        correct: text.includes(gold[0] ?? "?"),
        score: text.includes(gold[0] ?? "?") ? 1 : 0,
        extracted: text === "" ? null : text,
        method: "exact",
        reason: "",
      };
    },
    extractClarification: (response) => response.split("because ")[1] ?? "",
    verifier: null,
    ...overrides,
  };
}

const OPTIONS = { protocol: "abstain-test", template: "abstain-r1", compat: "fixed" } as const;

describe("evaluateBatch", () => {
  it("reads the answer off the reward when the tag gate passed, and checks it directly when it failed", async () => {
    const d = deps({ ok: reward("answer-correct", true), broken: reward("format-failed", false, { reward: 0 }) }, {});
    const [passed, failed] = await evaluateBatch([item({ response: "ok" }), item({ response: "broken" })], d, OPTIONS);
    expect(passed).toMatchObject({ correct: true, formatOk: true, reward: 1 });
    expect(failed).toMatchObject({ correct: false, formatOk: false, reward: 0, noAnswer: false });
    expect(d.checked).toEqual(["broken"]);
  });

  it("a refusal on an answerable item is a false refusal and never correct; a hedge is an answer", async () => {
    const d = deps({ r: reward("format-failed", false), h: reward("answer-correct", true) }, { r: REFUSE, h: HEDGE });
    const [refused, hedged] = await evaluateBatch([item({ response: "r" }), item({ response: "h" })], d, OPTIONS);
    expect(refused).toMatchObject({ refused: true, correct: false });
    expect(hedged).toMatchObject({ refused: false, correct: true });
    expect(d.checked).toEqual([]);
  });

  it("a matching final answer is never also a false refusal", async () => {
    const [grade] = await evaluateBatch(
      [item({ response: "unsure but 4" })],
      deps({ "unsure but 4": reward("answer-correct", true) }, { "unsure but 4": REFUSE }),
      OPTIONS,
    );
    expect(grade).toMatchObject({ refused: false, correct: true });
  });

  it("an ungradeable gold is ungradeable, not wrong", async () => {
    const [grade] = await evaluateBatch([item({ response: "x" })], deps({ x: reward("gold-ungradeable", true) }, {}), OPTIONS);
    expect(grade).toMatchObject({ correct: null, reward: null });
  });

  it("verifies in one call the clarifications of refusals the reward did not judge", async () => {
    const calls: ClarificationRequest[][] = [];
    const verifier: ClarificationVerifier = {
      name: "fake",
      async verify(requests) {
        calls.push([...requests]);
        return requests.map((r) => ({ score: 1, verified: r.clarification.includes("speed"), perFact: [], reason: "" }));
      },
    };
    const u = (response: string): EvalItem =>
      item({ answerable: false, gold: [], response, referenceClarification: "The speed is not given." });
    const items = [u("no marker because the speed is missing"), u("no marker because it is hard"), u("answered 5"), u("explicit")];
    const explicit = reward("abstained-clarified", true, {
      details: {
        ...reward("abstained-clarified", true).details,
        clarification: { status: "verified", text: "t", result: null, error: null },
      },
    });
    const d = deps({ explicit }, { [items[0]?.response ?? ""]: REFUSE, [items[1]?.response ?? ""]: REFUSE }, { verifier });
    const grades = await evaluateBatch(items, d, OPTIONS);
    expect(grades.map((g) => [g.refused, g.clarification, g.clarified])).toEqual([
      [true, "verified", true],
      [true, "rejected", false],
      [false, "no-refusal", false],
      [true, "verified", true],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.map((r) => r.clarification)).toEqual(["the speed is missing", "it is hard"]);
  });

  it.each([
    ["throws", async () => Promise.reject(new Error("boom"))],
    ["returns too few results", async () => []],
  ])("a verifier that %s marks the clarifications as verifier errors, never throws", async (_name, verify) => {
    const verifier = { name: "broken", verify } as unknown as ClarificationVerifier;
    const it1 = item({ answerable: false, gold: [], response: "refuse because x", referenceClarification: "x" });
    const [grade] = await evaluateBatch([it1], deps({}, { [it1.response]: REFUSE }, { verifier }), OPTIONS);
    expect(grade).toMatchObject({ clarification: "verifier-error", clarified: null });
  });

  it("without a verifier the clarification is unverified; with nothing to say it is rejected", async () => {
    const a = item({ answerable: false, gold: [], response: "refuse because x", referenceClarification: "x" });
    const b = item({ answerable: false, gold: [], response: "refuse", referenceClarification: "x" });
    const grades = await evaluateBatch([a, b], deps({}, { [a.response]: REFUSE, [b.response]: REFUSE }), OPTIONS);
    expect(grades.map((g) => g.clarification)).toEqual(["unverified", "rejected"]);
  });

  it("selfaware: no reward pass, accuracy by the paper's substring rule, no clarification", async () => {
    const d = deps({}, { "I'm not sure.": REFUSE }, { scoreBatch: async () => Promise.reject(new Error("must not be called")) });
    const items = [
      item({ response: "It is Cane Corso.", gold: ["cane corso"] }),
      item({ answerable: false, gold: [], response: "I'm not sure." }),
    ];
    const grades = await evaluateBatch(items, d, { ...OPTIONS, protocol: "selfaware" });
    expect(grades.map((g) => [g.correct, g.refused, g.reward, g.clarification])).toEqual([
      [true, false, null, null],
      [null, true, null, null],
    ]);
  });
});

describe("itemToSample", () => {
  it("carries the gold of answerable items and the annotation of unanswerable ones", () => {
    expect(itemToSample(item({ id: "7", response: "r", question: "q" }))).toEqual({
      id: "7",
      response: "r",
      answerable: true,
      question: "q",
      goldAnswer: ["4"],
    });
    expect(itemToSample(item({ answerable: false, gold: [], response: "r", missingFacts: ["f"], referenceClarification: "c" }))).toEqual({
      response: "r",
      answerable: false,
      missingFacts: ["f"],
      referenceClarification: "c",
    });
  });
});
