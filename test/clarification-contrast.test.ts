import { describe, expect, it } from "vitest";
import { clauseContext, clauseContrast, statedClauseAlignment, weightedAlignment } from "../src/clarification/clause-alignment.js";
import { planClarification } from "../src/clarification/clarification-plan.js";
import { foreignGoalShare, foreignQuoteShare, foreignWordShare, slotHead, stripQuestionCopies } from "../src/clarification/grounding.js";
import { prepareAnnotation } from "../src/clarification/prepare-annotation.js";
import { prepareQuestion } from "../src/clarification/prepared-question.js";
import { statesQuantity } from "../src/clarification/stated-quantity.js";
import { tokenize } from "../src/clarification/tokens.js";

// One story, two variants: this one blurs the morning count; another variant's clarification asks for the afternoon.
const EMAILS =
  "Jack received some emails in the morning, 5 emails in the afternoon and 8 emails in the evening. How many emails did Jack receive in all?";
const EMAILS_FACTS = ["Jack received some emails in the morning (originally 4)"];

function contrastOf(slot: string): { contrast: number; stated: number } {
  const prepared = prepareAnnotation({ missingFacts: EMAILS_FACTS, question: EMAILS });
  const head = slotHead(slot);
  const fact = prepared.facts[0];
  return {
    contrast: fact === undefined ? Number.NaN : clauseContrast(head, fact.keys, prepared.clauses),
    stated: statedClauseAlignment(head, prepared.clauses),
  };
}

describe("contrastive alignment: the gap, or an intact clause", () => {
  it("reads the blurred clause as the gap and the numbered ones as intact", () => {
    const context = clauseContext(prepareQuestion(EMAILS), EMAILS_FACTS, new Set());
    expect(context.intact.map((clause) => clause.text.replace(/[.\s]+$/, "").trim())).toEqual([
      "5 emails in the afternoon",
      "8 emails in the evening",
    ]);
    // "email" is in every clause, "afternoon" in one: the telling word weighs more.
    expect(context.weights.get("afternoon")).toBeGreaterThan(context.weights.get("email") ?? 1);
  });

  it.each([
    ["how many emails Jack received in the morning", "how many emails Jack received in the afternoon"],
    ["the number of morning emails", "the number of evening emails"],
  ])("%s points at the gap more than %s", (right, wrong) => {
    const a = contrastOf(right);
    const b = contrastOf(wrong);
    expect(a.contrast).toBeGreaterThan(0.5);
    expect(a.contrast).toBeGreaterThan(b.contrast);
    expect(b.stated).toBeGreaterThan(a.stated);
    expect(b.stated).toBeGreaterThan(0.6);
  });

  it("weights modifiers by how specific they are", () => {
    const weights = new Map([
      ["email", 1 / 3],
      ["afternoon", 1],
    ]);
    expect(weightedAlignment({ head: "email", modifiers: ["jack", "afternoon"] }, ["email", "afternoon"], weights)).toBeCloseTo(0.75);
    expect(weightedAlignment({ head: "", modifiers: [] }, ["email"], weights)).toBe(0);
    expect(weightedAlignment({ head: "email", modifiers: [] }, ["email"], weights)).toBe(0.75);
  });

  it("stays bounded on a question of thousands of clauses", () => {
    const question = `${"Ann has 3 red apples, ".repeat(3000)}and more. How many?`;
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      planClarification("The problem does not say how many green apples Ann has.", { missingFacts: ["some green apples"], question });
      best = Math.min(best, performance.now() - start);
    }
    // Linear work takes tens of ms; generous for shared cores.
    expect(best).toBeLessThan(1500);
  });
});

describe("foreignWordShare: another problem's objects", () => {
  const known = new Set(prepareQuestion("The shop sold 5 shirts and 3 pairs of shoes. What does a shirt cost?").keys);
  it.each([
    ["how many sweaters were sold", 0.5],
    ["the cost of the shoes", 0],
    ["the exact information", 0],
  ])("%s → %d", (text, share) => {
    expect(foreignWordShare(tokenize(text), known)).toBeCloseTo(share);
  });

  it("reads only the given spans", () => {
    const text = "Note: sweaters. The cost of the shoes is missing.";
    expect(foreignWordShare(tokenize(text), known, [{ start: 16, end: text.length }])).toBe(0);
    expect(foreignWordShare(tokenize(text), known)).toBeGreaterThan(0);
  });

  it("a plan reads it in the sentences that declare something missing", () => {
    const annotation = {
      missingFacts: ["the cost of the shoes"],
      question: "The shop sold 5 shirts and 3 pairs of shoes. What does a shirt cost?",
    };
    const plain = planClarification("The problem does not give the cost of the shoes.", annotation).foreignWords;
    expect(planClarification("The problem does not give the cost of the shoes or the sweaters.", annotation).foreignWords).toBeGreaterThan(
      plain,
    );
    expect(planClarification("The problem does not give the cost of the shoes. Note: sweaters.", annotation).foreignWords).toBe(plain);
  });
});

describe("a number states the quantity only of what it counts", () => {
  it.each([
    ["On Monday she had 8 bags of cans. How many cans did she collect?", ["can", "bag"], false],
    ["On Monday she had 8 cans in bags. How many cans did she collect?", ["can", "bag"], true],
    ["She found 7 more bags of cans. How many cans?", ["can", "bag"], false],
    ["He lost 21 of his marbles at school. How many marbles does Ed have now?", ["marble", "lose"], true],
    ["Sara bought some apples and ate 3 of them. How many apples does Sara have left?", ["apple", "sara", "eat"], true],
  ] as const)("%s %j → %s", (question, keys, expected) => {
    expect(statesQuantity(question, keys)).toBe(expected);
  });

  it("a quantity slot is never a false claim only because its words are the question's", () => {
    const question =
      "Tom had 25 cookies. He ate 5 of them. Then he bought a pack of cookies. Each pack has at least 3 cookies. How many more cookies did he eat than those he bought?";
    const slots = planClarification("The problem does not give the exact number of cookies he bought.", {
      missingFacts: ["Each pack has at least 3"],
      question,
    }).slots;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((slot) => !slot.falseClaim)).toBe(true);
  });

  it.each([
    ["breaks without spaces", "a.B".repeat(7000)],
    ["numbers and links", "1 of his more the ".repeat(1200)],
    ["numbers counting long phrases", "7 red big apples ".repeat(1300)],
  ])("pathological question (%s) is read in bounded time, best of 3", (_name, question) => {
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      statesQuantity(prepareQuestion(question), ["apple", "red"]);
      best = Math.min(best, performance.now() - start);
    }
    // Linear reading takes tens of ms; generous for shared cores.
    expect(best).toBeLessThan(1000);
  });

  it("a sentence break without its space still ends the statement", () => {
    const prepared = prepareQuestion("He has 10 action figures now.How many anime figures did he have?");
    expect(prepared.asked.has("anime")).toBe(true);
    expect(prepared.stated.has("anime")).toBe(false);
  });
});

describe("near copies and whole short questions are copies", () => {
  it("a copy with small words dropped is blanked", () => {
    const question = "Find the area of the triangle with vertices (6,5,?), (3,3,1), and (15,11,9).";
    const stripped = stripQuestionCopies(
      "Not enough information. Find the area the triangle with vertices (6,5,?), (3,3,1), (15,11,9).",
      question,
    );
    expect(stripped.copiedShare).toBeGreaterThan(0.5);
    expect(stripped.text).not.toContain("triangle");
  });

  it("a clarification that drops the question's number names a quantity, not a copy", () => {
    const stripped = stripQuestionCopies(
      "The problem does not say how many puppies he gave to his friends.",
      "Tom had some puppies. He gave 3 to his friends. How many puppies does Tom have now?",
    );
    expect(stripped.copiedShare).toBe(0);
  });

  it("a whole question shorter than six tokens is a copy", () => {
    const stripped = stripQuestionCopies(
      "Restating the problem: How can atm keep healthy? Without more, no answer is possible.",
      "How can atm keep healthy?",
    );
    expect(stripped.text).not.toContain("atm");
    expect(stripped.copiedShare).toBeGreaterThan(0.2);
  });

  it.each([
    ["repeated pair", "a b ".repeat(2000), "a b ".repeat(5000)],
    ["near misses", "a b c d e x ".repeat(600), "a b c d e f ".repeat(3000)],
    ["one repeated word", "the ".repeat(3000), `${"the ".repeat(4000)}end`],
  ])("pathological near-copy input (%s) stays bounded, best of 3", (_name, clarification, question) => {
    const prepared = prepareQuestion(question);
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      stripQuestionCopies(clarification, prepared);
      best = Math.min(best, performance.now() - start);
    }
    // Near-linear work takes a few ms; generous for shared cores, far below a quadratic blow-up.
    expect(best).toBeLessThan(500);
  });
});

describe("quotes and stated purposes must be this question's", () => {
  const question = prepareQuestion("Adam has 10 apples. How many more apples does Adam have than Jackie?");
  it.each([
    ['The problem says Adam has "10 apples" but not how many Jackie has.', 0],
    ['The problem says Adam has "several" apples, not an exact count.', 1],
    ['It says "10 apples" and "several pears".', 0.5],
    ["No quotes here.", 0],
  ])("%s → %d", (text, share) => {
    expect(foreignQuoteShare(text, question.keys)).toBeCloseTo(share);
  });

  it.each([
    ["To find how many more apples Adam has, I need Jackie's count.", 0],
    ["To calculate how many pears Jackie sold, I need the price.", 2 / 3],
    ["We cannot determine how many apples Adam has.", 0],
  ])("%s → %d", (text, share) => {
    expect(foreignGoalShare(text, question.keys)).toBeCloseTo(share);
  });

  it.each([
    ["unclosed quotes", `${'"'.repeat(20_000)}x`],
    ["long quoted runs", `"${"word ".repeat(8000)}"`],
    ["repeated goals", "to find ".repeat(8000)],
    ["goal without end", `To calculate ${"x".repeat(40_000)}`],
  ])("pathological input (%s) stays bounded, best of 3", (_name, text) => {
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      foreignQuoteShare(text, question.keys);
      foreignGoalShare(text, question.keys);
      best = Math.min(best, performance.now() - start);
    }
    // Linear scans of bounded patterns take a few ms; generous for shared cores.
    expect(best).toBeLessThan(500);
  });
});
