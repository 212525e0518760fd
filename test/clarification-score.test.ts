import { describe, expect, it } from "vitest";
import { planClarification } from "../src/clarification/clarification-plan.js";
import type { ClarificationSignals } from "../src/clarification/clarification-plan.js";
import { extractClarification } from "../src/clarification/extract-clarification.js";
import { extractSlots } from "../src/clarification/extract-slots.js";
import { scoreClarification } from "../src/clarification/score-clarification.js";
import type { ClarificationAnnotation } from "../src/types.js";

const QUESTION = "Ed had some marbles. He lost 21 of his marbles at school. How many marbles does Ed have now?";
const ANNOTATION: ClarificationAnnotation = { missingFacts: ["Ed had some marbles (originally 50)"], question: QUESTION };

/** Hand-made unit vectors: texts that should be close share a direction. */
function signals(groups: Record<string, readonly string[]>): ClarificationSignals {
  const names = Object.keys(groups);
  const embeddings = new Map<string, Float32Array>();
  names.forEach((name, index) => {
    for (const text of groups[name] ?? []) {
      const vector = new Float32Array(names.length);
      vector[index] = 1;
      embeddings.set(text, vector);
    }
  });
  return { embeddings };
}

describe("extractSlots", () => {
  it.each([
    ["The problem does not specify how many marbles Ed had at first.", "how many marbles Ed had at first", "missing"],
    [
      "The modified question omits the specific distance value (3) from the origin, so it cannot be solved.",
      "the specific distance value (3) from the origin",
      "missing",
    ],
    ["The modified question replaces the fixed value 4 with an unspecified constant a.", "the fixed value 4", "missing"],
    ["Without knowing the price of a ticket, we cannot compute the total.", "the price of a ticket", "missing"],
    ["To answer, we would need to know the width of the garden.", "the width of the garden", "missing"],
    ["We are not told how many apples Sara bought.", "how many apples Sara bought", "missing"],
    ["Nor does it say the number of green pears.", "green pears", "missing"],
    ["Nor does the problem specify how many apples Sara bought.", "how many apples Sara bought", "missing"],
    ["You aren't given the length of the rope.", "the length of the rope", "missing"],
    ["The speed of the second train is not given.", "The speed of the second train", "missing"],
    ["The question assumes that the UK banned all guns, which is not the case.", "the UK banned all guns", "false"],
    [
      "The modified question introduces a contradictory requirement that x be both positive and negative, so no answer exists.",
      "requirement that x be both positive and negative",
      "false",
    ],
  ])("%s", (clarification, slot, kind) => {
    const slots = extractSlots(clarification);
    expect(slots.map((s) => s.text)).toContain(slot);
    expect(slots.find((s) => s.text === slot)?.kind).toBe(kind);
  });

  // Premise corrections (false-premise data: qaqa, falseqa): the corrected statement is a slot of kind `false`.
  it.each([
    ["was never", "Todd Frazier was never a member of the Texas Rangers during his MLB career.", "negation"],
    ["did not", "The Atlanta Falcons did not sign him in a trade.", "negation"],
    ["is not … but", "The Mexican Cession is not a purchase but a territory ceded after the war.", "negation"],
    ["isn't", "Atomic mass isn't simply made up of two particles.", "negation"],
    ["there is no", "There is no Nobel Peace Prize for the structure of DNA.", "negation"],
    ["no … exists", "No such award exists for that discovery.", "negation"],
    ["actually", "Actually, the Titanic was built in Belfast.", "correction"],
    ["contrary to", "Contrary to the question, the Titanic was built in Belfast.", "correction"],
    ["misconception", "It is a common misconception that bulls hate the color red.", "correction"],
    ["the premise that … is incorrect", "The premise that Todd Frazier was traded to the Rangers is incorrect.", "premise-that"],
    ["logical inconsistency", "The question contains a logical inconsistency: humans do not have a third leg.", "factual-error"],
  ])("premise correction, %s", (_name, clarification, trigger) => {
    const slot = extractSlots(clarification).find((s) => s.trigger === trigger);
    expect(slot?.kind).toBe("false");
  });

  it.each([
    ["information", "The speed of the car is not given.", "missing"],
    ["answerability", "It is not possible to determine the answer, since the speed of the car is not given.", "missing"],
    ["no way", "There is no way to know the speed of the car.", "none"],
    // The problem as the subject: whatever verb follows, the sentence is about what the text gives.
    ["the problem as subject", "The problem does not make clear what is going on with the car.", "none"],
    ["the question as subject", "The question doesn't spell out the speed of the car.", "none"],
  ])("a negation about the information is no premise correction: %s", (_name, clarification, kinds) => {
    const found = extractSlots(clarification)
      .filter((s) => !s.generic)
      .map((s) => s.kind);
    expect(found.length === 0 ? "none" : [...new Set(found)].join()).toBe(kinds);
  });

  it.each([
    ["The ages of Sam, Tom and Jeremy are not provided.", "The ages of Sam, Tom and Jeremy"],
    ["The problem is clear, but the prices of the apples, pears or plums are not given.", "the prices of the apples, pears or plums"],
    // Without a comma list, "and" still ends the subject; a long item is a clause of its own.
    ["He ate 5 apples and the pears are not given.", "the pears"],
    ["Tom has 5 apples, 3 pears and the number of plums he picked is not given.", "the number of plums he picked"],
  ])("a list before the trigger is one subject: %s", (clarification, subject) => {
    expect(extractSlots(clarification).map((slot) => slot.text)).toEqual([subject]);
  });

  it("marks a slot whose trigger read a count head, and only that one", () => {
    const [counted] = extractSlots("The problem does not specify the number of books.");
    expect(counted?.text).toBe("books");
    expect(counted?.countHead).toBe(true);
    const [plain] = extractSlots("The problem does not specify the books he read.");
    expect(plain?.countHead).toBe(false);
  });

  it("a replace verb after a determiner is a noun, not an edit", () => {
    const slots = extractSlots("The problem only tells me about the changes (7 picked, 2 grew), but not the starting quantity.");
    expect(slots.map((slot) => slot.text)).toEqual(["starting quantity"]);
    expect(extractSlots("The edit changes the 4 to an unknown a.").map((slot) => slot.trigger)).toContain("replaces");
  });

  it.each([
    "I need more information to answer.",
    "I cannot answer this question: Ed had some marbles. How many are left?",
    "The answer is 29.",
    "There is not enough information to solve this problem.",
  ])("declares nothing specific: %s", (clarification) => {
    expect(extractSlots(clarification).filter((slot) => !slot.generic)).toEqual([]);
  });
});

describe("scoreClarification", () => {
  const good = "The problem does not state how many marbles Ed had at first.";
  const sig = signals({
    start: ["how many marbles Ed had at first", "Ed had some marbles (originally 50)", good],
    other: ["how many marbles Ed lost", "The problem does not state how many marbles Ed lost."],
  });

  it("passes a clarification that names the missing fact", () => {
    const result = scoreClarification(good, ANNOTATION, sig);
    expect(result.verified).toBe(true);
    expect(result.score).toBeGreaterThan(0.5);
    expect(result.perFact[0]?.covered).toBe(true);
  });

  it.each([
    ["restatement", `I cannot answer: ${QUESTION}`],
    ["empty", ""],
  ])("gives no credit to a %s", (_name, clarification) => {
    const result = scoreClarification(clarification, ANNOTATION, sig);
    expect(result.verified).toBe(false);
    expect(result.score).toBe(0);
  });

  // A generic slot ("more information") enters the model with no match: far below the threshold, not exactly 0.
  it.each([
    ["generic refusal", "I need more information to answer."],
    ["generic refusal with a trigger", "The problem does not specify enough information."],
  ])("gives next to no credit to a %s", (_name, clarification) => {
    const result = scoreClarification(clarification, ANNOTATION, sig);
    expect(result.verified).toBe(false);
    expect(result.score).toBeLessThan(0.15);
  });

  it("a slot the question states is a false claim", () => {
    const clarification = "The problem does not specify that he lost 21 of his marbles at school.";
    // The proposition copies a sentence of the question word for word: read as a copy, it names nothing.
    const result = scoreClarification(clarification, ANNOTATION, sig);
    expect(result.verified).toBe(false);
    expect(result.checks?.failed).toContain("copies-question");
    const reworded = "The problem does not say how many marbles Ed lost at school.";
    expect(planClarification(reworded, ANNOTATION).slots.every((slot) => slot.falseClaim)).toBe(true);
    expect(scoreClarification(reworded, ANNOTATION, sig).checks?.failed).toContain("slot-stated-in-question");
  });

  it("a property of something the question mentions is not a false claim", () => {
    const plan = planClarification("The question does not say which Michael Scott is meant.", {
      missingFacts: ["michael scott went to college"],
      question: "where did michael scott go to college?",
    });
    expect(plan.slots[0]?.falseClaim).toBe(false);
  });
  // Uniform embeddings (every cosine 1): what separates the cases below is what the slots name.
  const uniform = (clarification: string, annotation: ClarificationAnnotation): ClarificationSignals => ({
    embeddings: new Map(planClarification(clarification, annotation).texts.map((text) => [text, new Float32Array([1])])),
  });
  const FRAZIER: ClarificationAnnotation = {
    missingFacts: ["todd frazier got traded to the rangers"],
    question: "when did todd frazier get traded to the rangers?",
  };
  it.each([
    [
      "negation",
      "This question contains a factual error. Todd Frazier was never traded to the Texas Rangers, so there is no date to provide.",
    ],
    ["premise that", "The premise that Todd Frazier was traded to the Rangers is incorrect."],
    ["actually", "Actually, Todd Frazier went to the Mets and the Yankees, never to the Rangers."],
  ])("a premise correction naming the stated premise passes (%s)", (_name, clarification) => {
    const plan = planClarification(clarification, FRAZIER);
    expect(plan.statedShare).toBe(0);
    const right = scoreClarification(clarification, FRAZIER, uniform(clarification, FRAZIER));
    const wrongText = "This question contains a factual error: it wrongly assumes that tom cruise is someone in marvel, which is not true.";
    const wrong = scoreClarification(wrongText, FRAZIER, uniform(wrongText, FRAZIER));
    expect(right.verified).toBe(true);
    expect(right.score).toBeGreaterThan(wrong.score);
  });

  it("declaring the stated premise missing is still a false claim", () => {
    // Worded as the question (the bench's false claim); the annotation's own inflection ("got traded") still slips through.
    const clarification = "The question does not specify that todd frazier did get traded to the rangers.";
    expect(scoreClarification(clarification, FRAZIER, uniform(clarification, FRAZIER))).toMatchObject({ verified: false, score: 0 });
  });

  it("naming a different, stated condition does not pass", () => {
    const result = scoreClarification("The problem does not state how many marbles Ed lost.", ANNOTATION, sig);
    expect(result.verified).toBe(false);
  });

  it("matches numbers and words lexically, with no model at all", () => {
    const annotation = {
      missingFacts: ["Find the integer n, -90 < n < 90, such that tan n° = tan 1000°"],
      question: "Find the integer n such that tan n° = tan 1000°.",
    };
    // Without embeddings the fitted model lacks its cosine terms: the lexical signal still ranks, at a lower threshold.
    const result = scoreClarification(
      "The modified question removes the interval restriction (-90, 90) on n.",
      annotation,
      {},
      { threshold: 0.3 },
    );
    const wrong = scoreClarification("The modified question removes the value 1000 of the tangent.", annotation, {}, { threshold: 0.3 });
    expect(result.verified).toBe(true);
    expect(result.score).toBeGreaterThan(wrong.score);
  });

  it("scores against a reference clarification when no facts are annotated", () => {
    const annotation = {
      referenceClarification: "The problem does not give the price of one ticket.",
      question: "Tom buys 4 tickets. How much does he pay?",
    };
    const result = scoreClarification("We would need to know the ticket price.", annotation, {}, { threshold: 0.3 });
    expect(result.verified).toBe(true);
  });

  it("uses NLI entailment through its own calibration when given", () => {
    const clarification = "The problem does not mention the beginning amount.";
    const plan = planClarification(clarification, ANNOTATION);
    expect(plan.pairs.length).toBeGreaterThan(0);
    const [premise, hypothesis] = plan.pairs[0] ?? ["", ""];
    // A calibration whose one tree splits on entailment: the result must follow it and its own threshold.
    const nliCalibration = {
      ensemble: {
        features: ["entailment"],
        base: 0,
        trees: [[{ feature: 0, threshold: 0.5, left: 1, right: 2 }, { value: -3 }, { value: 3 }]],
      },
      threshold: 0.7,
      model: "test-nli",
    };
    const key = `${premise}\u0000${hypothesis}`;
    const high = scoreClarification(clarification, ANNOTATION, { entailment: new Map([[key, 0.95]]) }, { nliCalibration });
    const low = scoreClarification(clarification, ANNOTATION, { entailment: new Map([[key, 0.05]]) }, { nliCalibration });
    expect(high.score).toBeCloseTo(1 / (1 + Math.exp(-3)), 9);
    expect(high.verified).toBe(true);
    expect(low.verified).toBe(false);
  });

  it("reports a missing annotation instead of scoring it", () => {
    expect(scoreClarification(good, {}, sig).reason).toMatch(/no missing fact/);
  });

  it("rejects bad options loudly", () => {
    expect(() => scoreClarification(good, ANNOTATION, sig, { threshold: 2 })).toThrow(/threshold/);
  });
});

describe("extractClarification", () => {
  const wrap = (answer: string): string => `thinking\n</thinking>\n<answer>\n${answer}\n</answer>`;
  it.each([
    [
      "after the marker",
      "\\boxed{I don't know.}\nThe speed of the car is not given.",
      "The speed of the car is not given.",
      "after-marker",
    ],
    [
      "around the marker",
      "The speed of the car is not given. \\boxed{I don't know}",
      "The speed of the car is not given.",
      "around-marker",
    ],
    [
      "abstaining sentences",
      "Let me see. The problem does not give the speed. So I cannot answer.",
      "The problem does not give the speed. So I cannot answer.",
      "abstaining-sentences",
    ],
    ["no abstention", "The answer is \\boxed{4}.", "", "none"],
  ])("%s", (_name, answer, text, source) => {
    const response = wrap(answer);
    const extracted = extractClarification(response);
    expect(extracted.text).toBe(text);
    expect(extracted.source).toBe(source);
    if (extracted.span !== null) expect(response.slice(extracted.span.start, extracted.span.end)).toBe(text);
  });
});
