import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coveredBothWays } from "../src/clarification/both-ways.js";
import {
  CLARIFICATION_SCORER,
  COPY_ALLOWANCE,
  FOREIGN_PEOPLE_SCALE,
  groundingScale,
  readScorerParams,
  SENTENCE_SLOT_SCALE,
} from "../src/clarification/clarification-model.js";
import {
  countFirst,
  countsUncountedThings,
  deniesVagueRelation,
  inheritElliptical,
  namesBareThing,
  namesThing,
  planClarification,
  quotesFormula,
  relatesBareObjects,
  sentenceSlots,
  slotNumbers,
  withoutVagueHead,
} from "../src/clarification/clarification-plan.js";
import { countedKeys } from "../src/clarification/counted-things.js";
import { extractSlots } from "../src/clarification/extract-slots.js";
import { askedUnknowns } from "../src/clarification/question-ask.js";
import { annotationKey, prepareAnnotation } from "../src/clarification/prepare-annotation.js";
import { askedSplit, compactMath, prepareQuestion } from "../src/clarification/prepared-question.js";
import { blankDiagrams, specificKeys, stem, tokenize } from "../src/clarification/tokens.js";
import { deriveMissingFacts } from "../src/clarification/derive-missing-facts.js";
import {
  bagOfWordsCosine,
  entityGrounding,
  exampleSpans,
  countedThing,
  functionNames,
  amountRuns,
  foreignBounds,
  foreignQuoteShare,
  quoteKeys,
  headForeign,
  rateThing,
  writtenNumbers,
  nameTokens,
  slotAlignment,
  slotHead,
  slotForeignShare,
  slotNearStatedNumber,
  groundingContext,
  stripQuestionCopies,
} from "../src/clarification/grounding.js";
import { scoreClarification } from "../src/clarification/score-clarification.js";
import { ensembleScore } from "../src/clarification/tree-ensemble.js";
import { loadManifest } from "../src/models/manifest.js";

const TOM = {
  answerable: "Tom had 18 puppies. He gave 3 to his friends. How many puppies does Tom have now?",
  unanswerable: "Tom had some puppies. He gave 3 to his friends. How many puppies does Tom have now?",
};

/** Nothing of `clarification` reads as a copy of `question`: no copied share, the text kept whole. */
function expectNoCopy(clarification: string, question: string): void {
  const { text, copiedShare } = stripQuestionCopies(clarification, question);
  expect(copiedShare).toBe(0);
  expect(text).toBe(clarification);
}

describe("stripQuestionCopies", () => {
  it.each([
    ["a wrapper around the whole question", `The information needed is missing: ${TOM.unanswerable}`, 0.6],
    ["the question first, a remark after", `${TOM.unanswerable} This cannot be determined.`, 0.7],
    ["nothing copied", "The problem does not say how many puppies Tom started with.", 0],
  ])("%s", (_name, clarification, atLeast) => {
    if (atLeast === 0) {
      expectNoCopy(clarification, TOM.unanswerable);
      return;
    }
    const { text, copiedShare } = stripQuestionCopies(clarification, TOM.unanswerable);
    expect(copiedShare).toBeGreaterThanOrEqual(atLeast);
    expect(text).not.toContain("He gave 3");
  });

  it("keeps offsets (blanked with spaces) and is a no-op without a question", () => {
    const clarification = "Missing: Tom had some puppies.";
    expect(stripQuestionCopies(clarification, TOM.unanswerable).text).toHaveLength(clarification.length);
    expect(stripQuestionCopies(clarification, "")).toEqual({ text: clarification, copiedShare: 0 });
  });
});

describe('a short copy right after "how many" names the thing counted', () => {
  const question =
    "There were 26 children riding on the bus. At the bus stop some more children got on the bus. How many children are on the bus now?";

  it("is kept (not a copy) when it names more than the question's ask", () => {
    expectNoCopy("The problem does not say how many more children got on the bus at the bus stop.", question);
  });

  it("stays a copy when it restates the ask, holds a number, runs long, or follows no opener", () => {
    // The question's ask, restated as missing.
    expect(stripQuestionCopies("I don't know how many children are on the bus now.", question).copiedShare).toBeGreaterThan(0.5);
    // A number inside the run.
    expect(stripQuestionCopies("We cannot tell how many 26 children riding on the bus got off.", question).copiedShare).toBeGreaterThan(
      0.3,
    );
    // Longer than ten tokens: a copied sentence, not a name for a thing.
    const long = "Nobody says how many more children got on the bus. How many children are on the bus now?";
    expect(stripQuestionCopies(long, question).copiedShare).toBeGreaterThan(0.5);
    // No quantity opener before it.
    expect(stripQuestionCopies("It is unclear: some more children got on the bus.", question).copiedShare).toBeGreaterThan(0.5);
  });
});

describe("short quotations of a vague amount point at the gap", () => {
  const question = "At the fair they sold more than 40 chocolate cakes to the visitors. How much money did they make?";

  it("a quoted vague phrase is kept (not a copy) and the slot keeps its words", () => {
    expectNoCopy('The problem only says "sold more than 40 chocolate cakes to the visitors", not the exact number of cakes.', question);
  });

  it("the same words unquoted, or a quoted run without a vague amount, are still a copy", () => {
    const unquoted = "The problem only says they sold more than 40 chocolate cakes to the visitors.";
    expect(stripQuestionCopies(unquoted, question).copiedShare).toBeGreaterThan(0.5);
    const plain = "At the fair the cakes cost 3 dollars each. How much money did they make?";
    const quoted = 'It asks "At the fair the cakes cost 3 dollars each" and nothing else.';
    expect(stripQuestionCopies(quoted, plain).copiedShare).toBeGreaterThan(0.5);
  });

  it("a long quotation stays a copy even when it holds a vague amount", () => {
    const clarification = `It says "${question.slice(0, 75)}" only.`;
    expect(stripQuestionCopies(clarification, question).copiedShare).toBeGreaterThan(0.5);
  });

  it("stays fast on many quotes (bounded)", () => {
    const text = '"more than 40 chocolate cakes to the visitors" '.repeat(4_000);
    const start = performance.now();
    stripQuestionCopies(text, question);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("slotForeignShare", () => {
  it("the slot most about the question's things decides", () => {
    const known = new Set(["shirt", "jersey", "sold"]);
    expect(slotForeignShare([{ keys: ["sweater", "sold"] }], known)).toBe(0.5);
    expect(slotForeignShare([{ keys: ["sweater", "price"] }, { keys: ["shirt", "sold"] }], known)).toBe(0);
    expect(slotForeignShare([{ keys: [] }], known)).toBe(0);
  });

  it("in a plan: another problem's objects read 1, the question's own 0, a premise correction is exempt", () => {
    const question = "A shop sold 20 shirts and some jerseys. How much money did it make?";
    const annotation = { missingFacts: ["the number of jerseys sold"], question };
    expect(planClarification("The problem does not say how many sweaters were knitted.", annotation).slotForeign).toBe(1);
    expect(planClarification("The problem does not say how many jerseys the shop sold.", annotation).slotForeign).toBe(0);
    expect(planClarification("Factual error: the shop never sold sweaters.", annotation).slotForeign).toBe(0);
  });
});

describe("headForeign", () => {
  it("every headed slot about a thing the question never mentions reads 1; one known head clears it", () => {
    const known = new Set(["shirt", "jersey", "sold"]);
    const slot = (text: string) => countedThing(text);
    expect(headForeign([slot("sweaters were sold")], known)).toBe(1);
    expect(headForeign([slot("sweaters were sold"), slot("jerseys sold")], known)).toBe(0);
    // Within one edit of a known key counts as known ("jersies").
    expect(headForeign([slot("jersies sold")], known)).toBe(0);
    expect(headForeign([slot("the exact number")], known)).toBe(0);
    expect(headForeign([], known)).toBe(0);
  });

  it("countedThing: the first specific word past the opener; none after a subject pronoun", () => {
    expect(countedThing("of the 30 fruits sold")).toBe("fruit");
    expect(countedThing("his mom's strawberries weighed")).toBe("mom");
    // A subject pronoun: the slot counts an action ("how much she earns"), no thing.
    expect(countedThing("she earns per hour")).toBe("");
    expect(countedThing("it takes Brooke")).toBe("");
    // A word that says nothing of what ("pieces") before the subject: no thing, not the verb after it.
    expect(countedThing("pieces he started with at the beginning of the week")).toBe("");
    expect(countedThing("pieces of fruit he ate")).toBe("fruit");
    expect(countedThing("")).toBe("");
    expect(headForeign([countedThing("she earns")], new Set(["shirt"]))).toBe(0);
    expect(headForeign([countedThing("total sweaters")], new Set(["shirt"]))).toBe(0);
  });

  it("in a plan: the counted thing past the opener decides, and a non-quantity slot is not read", () => {
    const question =
      "Marco and his dad went strawberry picking. His dad's strawberries weighed 11 pounds. How much did they weigh together?";
    const annotation = { missingFacts: ["Marco's strawberries weighed 15 pounds"], question };
    expect(planClarification("The problem does not say how much his mom's strawberries weighed.", annotation).headForeign).toBe(1);
    expect(planClarification("The problem does not say how much Marco's strawberries weighed.", annotation).headForeign).toBe(0);
    // "how long" is the opener, not the head: "Will jogged" is the question's.
    const jog =
      "Will's breakfast gave him 900 calories. Then he jogged for hours, using 10 calories per minute. What is Will's net intake?";
    const plan = planClarification("It does not say how long Will jogged.", {
      missingFacts: ["he jogged for half an hour"],
      question: jog,
    });
    expect(plan.headForeign).toBe(0);
    expect(plan.foreignNames).toEqual([]);
  });
});

describe("entityGrounding", () => {
  it.each([
    ["another person", "We are not told how many puppies Steven had.", [], ["steven"]],
    ["another number", "The problem does not say whether the 45 puppies were sold.", ["45"], []],
    ["a derived number (18 - 3) is the question's own", "If he had 21, he would have 18 now; the start is missing.", [], []],
    ["sentence openers are not names", "While the gift is known, the start is not. Without it we cannot answer.", [], []],
    ["the question's own names and numbers", "Tom gave 3 away, but how many puppies Tom had is not given.", [], []],
  ])("%s", (_name, clarification, numbers, names) => {
    const result = entityGrounding(
      clarification,
      "Tom had some puppies. He gave 3 to his friends and has 18 left. How many did he have?",
      [],
    );
    expect(result.foreignNumbers).toEqual(numbers);
    expect(result.foreignNames).toEqual(names);
  });

  it("a bound the clarification cites must be the question's, as written, or its own one step of arithmetic", () => {
    const question = "A trivia team had 7 members, but during a game 2 members didn't show up. Each member that came scored 4 points.";
    const bounds = (clarification: string, facts: string[] = []) => foreignBounds(clarification, groundingContext(question, facts));
    // Another variant's bounds ("less than 12", "at least 10"): no step of arithmetic gives them.
    expect(bounds("It doesn't say how many members came (only that it's less than 12) or scored (at least 10).")).toEqual(["12", "10"]);
    // One step on the question's numbers is the clarification's own reasoning (7 - 2 = 5).
    expect(bounds("So at least 5 members came, but not how many exactly.")).toEqual([]);
    // The question's own numbers, as digits or words, and the facts' numbers, are its bounds.
    expect(bounds("Fewer than 7 members came, and each scored no more than 4 points.")).toEqual([]);
    expect(foreignBounds("At most seven came.", groundingContext("Seven members came.", []))).toEqual([]);
    expect(foreignBounds("At most 7 came.", groundingContext("Seven members came.", []))).toEqual([]);
    expect(bounds("It says more than 12 members.", ["12 members joined"])).toEqual([]);
    // Grouped digits are one number; a bare number is no bound.
    expect(foreignBounds("It was more than 2,200 years ago.", groundingContext("It was 2200 years ago.", []))).toEqual([]);
    // Prepositions that may bound but more often place: not read.
    expect(bounds("Spread over 3 days, starting around 5 pm, about 9 members came.")).toEqual([]);
    expect(bounds("So 5 members came.")).toEqual([]);
    // Read from a clarification by the plan, and named in the checks.
    const result = scoreClarification("The problem doesn't say exactly how many members came, only that it's less than 12.", {
      question,
      missingFacts: ["2 members didn't show up"],
    });
    expect(result.checks?.failed).toContain("foreign-bound");
    expect(result.checks?.foreignBounds).toEqual(["12"]);
  });

  it("numbers in a report of what the question states must be the question's, as written", () => {
    const question = "26 children were riding on the bus. At least 38 more got on. Three stops later 2.5 more got on.";
    const misreported = (clarification: string) => entityGrounding(clarification, question, []).misreportedNumbers;
    // Small numbers count in a report, though 2 is not a foreign number elsewhere.
    expect(misreported("The problem tells us that 2 more children got on, but not how many in all.")).toEqual(["2"]);
    expect(entityGrounding("The problem tells us that 2 more children got on.", question, []).foreignNumbers).toEqual([]);
    // A number derived from the question's (26 + 38) is no report of it.
    expect(misreported("According to the problem, 64 children rode; we are told 26 were riding.")).toEqual(["64"]);
    // The question's numbers, as digits, as decimals or as words, are reported right.
    expect(misreported("The problem says 38 more got on; it only gives 3 stops and 2.5 more.")).toEqual([]);
    // A number outside a report, or in brackets inside one, may be the clarification's own arithmetic;
    // a denial reports nothing.
    expect(misreported("The problem tells us how many got on in all (64), not how many rode.")).toEqual([]);
    expect(misreported("So 64 rode. The problem doesn't say 7 children got off.")).toEqual([]);
    // Working in brackets is one step of arithmetic, as an inference is; a bracketed number that no
    // step gives quotes another problem.
    expect(misreported("It only gives the number of children who got on (40), not how many rode.")).toEqual(["40"]);
    expect(misreported("It only gives the children riding at first (26 + 38 = 64).")).toEqual([]);
    // Arithmetic shown in brackets is working, however many steps it takes.
    expect(misreported("It only gives the children left at the end (26 + 38 - 10 = 54).")).toEqual([]);
    // "it's stated as" is a report, like "it is stated as".
    expect(misreported("The count at the last stop is not clear: it's stated as 0.")).toEqual(["0"]);
    // "only that …" is an elliptical report ("it says only that …"): arithmetic is no excuse there,
    // though 64 (26 + 38) is one step away; "not only that" reports nothing.
    expect(misreported("It does not say how many rode at the end (only that it's less than 64).")).toEqual(["64"]);
    expect(misreported("I don't know how many got off, only that 7 stayed on.")).toEqual(["7"]);
    expect(misreported("Not only that 64 rode; the stops are unclear.")).toEqual([]);
    // Numbers the question writes in words, or with thousands separators, are reported right.
    const worded = "Twenty-five kids paid $1,200. A third of them left on the second day.";
    expect(entityGrounding("The problem says 25 kids paid $1200 and 1/3 left on day 2.", worded, []).misreportedNumbers).toEqual([]);
    expect(entityGrounding("The problem says 26 kids paid 1,300 dollars.", worded, []).misreportedNumbers).toEqual(["26", "1300"]);
    expect([...writtenNumbers("Twenty-five kids, 1,200 dollars, a dozen eggs, half of it.")].sort((a, b) => a - b)).toEqual([
      1, 2, 5, 12, 20, 25, 1200,
    ]);
    // A fact's numbers are the question's too.
    expect(entityGrounding("The problem says 12 got off.", question, ["12 got off"]).misreportedNumbers).toEqual([]);
    // What a clarification says is known, or given, is a report too; "I don't know" reports nothing.
    expect(misreported("We only know that 30 children were left, not how many got off.")).toEqual(["30"]);
    expect(misreported("I know 26 were riding and 40 got on.")).toEqual(["40"]);
    expect(misreported("We're told 5 got on. The count is given as 26.")).toEqual(["5"]);
    expect(misreported("I don't know 64 is right.")).toEqual([]);
    expect(misreported("We know 38 more got on, but not the exact count.")).toEqual([]);
    // What it says is known may be its own inference (26 + 38 = 64); what it quotes may not.
    expect(misreported("We know 64 children rode in the end.")).toEqual([]);
    expect(misreported("The problem says 64 children rode in the end.")).toEqual(["64"]);
  });

  it("a named function the question never applies is another problem's symbol", () => {
    const symbols = (clarification: string, question: string) => entityGrounding(clarification, question, []).foreignSymbols;
    expect(symbols("It omits the angle needed to compute csc.", "Let p be the projection of v onto w. Find |p|.")).toEqual(["csc"]);
    // Named in words or in LaTeX, the question's own function is no foreign one ("cosine" is cos, "ln" is log).
    expect(symbols("It omits the argument of the cosine.", "Find \\(\\cos\\).")).toEqual([]);
    expect(symbols("The base of the logarithm is missing.", "Solve \\(\\ln x = \\).")).toEqual([]);
    // A word problem has no symbols, but a function it never applies is still foreign.
    expect(symbols("The sine of the angle is missing.", "Tom had some apples.")).toEqual(["sin"]);
    // "tangent" and "secant" also name lines: never read as functions.
    expect([...functionNames(tokenize("the tangent line, the secant, \\arctan x and the arcsine"))]).toEqual(["arctan", "arcsin"]);
  });

  it("a question written with symbols: the clarification's symbols must be its own", () => {
    const question = "If x + y = 7 and x - y = 1, find x y.";
    const symbols = (clarification: string) => entityGrounding(clarification, question, []).foreignSymbols;
    expect(symbols("Without the value of k, the product cannot be found.")).toEqual(["k"]);
    expect(symbols("It does not say whether 𝑥 and y are integers.")).toEqual([]);
    // Abbreviations, the pronoun, the article and the constants π and e are not a problem's symbols.
    expect(symbols("I see that a bound on x (i.e. an interval of length π) is missing.")).toEqual([]);
    // A word problem has no symbols: a clarification may introduce its own unknown.
    expect(entityGrounding("Let x be the number of apples; x is not given.", "Tom had some apples.", []).foreignSymbols).toEqual([]);
  });

  it("reads possessives and mid-sentence capitals as names", () => {
    expect(nameTokens("Ask Jackie. Steven's count is missing.")).toEqual(["jackie", "steven"]);
  });

  it("a contraction or a function word is no name, even after a quotation mark", () => {
    // "It's" is "it is", not a possessive; a quoted question opens with a capital.
    expect(nameTokens('The question "How much?" is incomplete. It\'s unclear what Steven wants.')).toEqual(["steven"]);
    expect(nameTokens("There's no total. That's why Jackie's count matters. Let's ask.")).toEqual(["jackie"]);
    // "Will" may be a person.
    expect(nameTokens("Will's count is missing.")).toEqual(["will"]);
  });

  it("a sentence that opens after a closing quote or bracket is an opener, not a name", () => {
    expect(nameTokens('It only says "some emails." To find the total, ask Jackie.')).toEqual(["jackie"]);
    expect(nameTokens("It is vague (about 5.) Without it nothing follows.")).toEqual([]);
    expect(nameTokens("It only says \u201csome emails.\u201d Then Steven left.")).toEqual(["steven"]);
    expect(nameTokens("She found 4 bags on Tuesday and more in May, as Steven did.")).toEqual(["steven"]);
    // A clarification about this question's people that quotes the question keeps its whole score.
    const question = "Jack got some emails in the morning and 3 in the afternoon. How many emails did Jack get?";
    const plan = planClarification(
      'It does not say how many emails Jack got in the morning; it only says "some emails." To add them up I need that number.',
      {
        missingFacts: ["some emails in the morning"],
        question,
      },
    );
    expect(plan.foreignNames).toEqual([]);
    expect(groundingScale(plan)).toBe(1);
  });
});

describe("rateThing: a rate names its unit", () => {
  const known = new Set(["page", "problem", "homework", "katie"]);
  it.each([
    ["a foreign unit is the thing", "problem", "worksheet", "worksheet"],
    ["a known unit leaves the counted thing", "problem", "page", "problem"],
    ["a unit of time is any problem's", "problem", "hour", "problem"],
    ["no unit", "problem", undefined, "problem"],
    ["a misspelling of a known unit is known", "problem", "homewerk", "problem"],
  ])("%s", (_name, counted, unit, expected) => {
    expect(rateThing(counted, unit, known)).toBe(expected);
  });

  it("a rate slot whose unit the question never mentions is another problem's subject", () => {
    const question =
      "Katie had 7 pages of math homework and 3 pages of reading homework. If each page had 9 problems on it, how many writing problems did she have to complete total?";
    const annotation = { missingFacts: ["how many writing problems"], question };
    const plan = (text: string) => planClarification(text, annotation);
    expect(plan("To answer, I would need to know how many problems are on each worksheet.").headForeign).toBe(1);
    expect(plan("To answer, I would need to know how many problems are on each page.").headForeign).toBe(0);
    expect(plan("The problem does not say how many problems are in each hour.").headForeign).toBe(0);
  });
});

describe("slotNearStatedNumber", () => {
  it.each([
    [["book"], true],
    [["magazine"], false],
    [["autobiography"], false],
  ])("%j", (keys, expected) => {
    expect(slotNearStatedNumber(keys, "He has 9 books and some magazines on each shelf.", ["some magazines"])).toBe(expected);
  });
});

describe("slotHead and slotAlignment", () => {
  it.each([
    ["how many marbles Ed had at the start", "marble", ["ed", "start"]],
    ["the exact number of books", "book", []],
    // Stemmed: "-ie" reads as its plural "-ies" does ("cookie", "cookies" → "cooky"), names alike.
    ["Jackie's count", "jacky", ["count"]],
    ["the information", "", []],
  ])("%s", (slot, head, modifiers) => {
    expect(slotHead(slot)).toEqual({ head, modifiers });
  });

  it("rewards the head in context, less without its modifiers", () => {
    const fact = ["ed", "had", "marble", "50"];
    const right = slotAlignment(slotHead("how many marbles Ed had"), fact);
    const wrongPerson = slotAlignment(slotHead("how many marbles Jackie had"), fact);
    const wrongThing = slotAlignment(slotHead("how many apples Jackie bought"), fact);
    expect(right).toBe(1);
    expect(wrongPerson).toBeLessThan(right);
    expect(wrongThing).toBeLessThan(wrongPerson);
  });

  it("bagOfWordsCosine is 1 for the same words and 0 for none shared", () => {
    expect(bagOfWordsCosine("marbles Ed had", "Ed had marbles.")).toBeCloseTo(1, 9);
    expect(bagOfWordsCosine("speed of the train", "Ed had marbles.")).toBe(0);
  });
});

describe("grounding checks in the result", () => {
  const annotation = { missingFacts: deriveMissingFacts(TOM.answerable, TOM.unanswerable), question: TOM.unanswerable };
  it.each([
    ["foreign entity", "The problem does not state how many puppies Steven had at the start.", "foreign-entities"],
    ["stated slot", "The problem does not say how many puppies he gave to his friends.", "slot-stated-in-question"],
    ["copied question", `The information needed is missing: ${TOM.unanswerable}`, "copies-question"],
    ["generic refusal", "I need more information to answer.", "declares-nothing-missing"],
    ["quotation from another problem", 'The problem only says "several kittens", not how many puppies Tom had.', "foreign-context"],
    [
      "what is missing in another problem's words",
      "The problem does not say how many sweaters and scarves were knitted in the workshop.",
      "foreign-context",
    ],
  ])("%s", (_name, clarification, check) => {
    const result = scoreClarification(clarification, annotation, {});
    expect(result.checks?.failed).toContain(check);
    expect(result.verified).toBe(false);
  });

  it("a rejection's reason names the foreign context", () => {
    const result = scoreClarification(
      "The problem does not say how many sweaters and scarves were knitted in the workshop.",
      annotation,
      {},
    );
    expect(result.verified).toBe(false);
    expect(result.reason).toMatch(/Grounding: .*belongs to another problem/);
  });

  it("a grounded clarification fails no entity or stated check", () => {
    const result = scoreClarification("The problem does not state how many puppies Tom had at the start.", annotation, {});
    expect(result.checks?.failed).not.toContain("foreign-entities");
    expect(result.checks?.failed).not.toContain("slot-stated-in-question");
    expect(result.checks?.failed).not.toContain("foreign-context");
  });

  it("a goal named by its arithmetic alone ('the total', 'the difference') is any problem's", () => {
    const share = (clarification: string) => scoreClarification(clarification, annotation, {}).checks?.foreignGoalShare;
    expect(share("To calculate the total, I need to know how many puppies Tom had at the start.")).toBe(0);
    expect(share("To find the difference, I need to know how many puppies Tom had at the start.")).toBe(0);
    expect(share("To calculate the total weight, I need to know how many puppies Tom had at the start.")).toBe(1);
  });

  it("reports the share of a stated purpose that is another problem's, as evidence", () => {
    const clarification =
      "To calculate the total weight of the watermelons in the truck, I need to know how many puppies Tom had at the start.";
    expect(scoreClarification(clarification, annotation, {}).checks?.foreignGoalShare).toBe(1);
    const own = scoreClarification(
      "To find how many puppies Tom has now, I need to know how many puppies Tom had at the start.",
      annotation,
      {},
    );
    expect(own.checks?.foreignGoalShare).toBe(0);
    expect(own.checks?.failed).not.toContain("foreign-context");
  });
});

describe("appending a copy of the question never raises the score", () => {
  const QUESTIONS = [
    TOM,
    {
      answerable: "Bryan has 9 books and 46 magazines on each of his 10 shelves. How many magazines does he have?",
      unanswerable: "Bryan has 9 books and 46 magazines on each of his 10 shelves. How many autobiographies does he have?",
    },
    {
      answerable: "A train travels at 60 km/h for 3 hours. How far does it go?",
      unanswerable: "A train travels for 3 hours. How far does it go?",
    },
  ];
  const CLARIFICATIONS = [
    "The problem does not state how many puppies Tom had at the start.",
    "The problem does not say how many of the books are autobiographies.",
    "The speed of the train is not given, so the distance cannot be found.",
    "I need more information to answer.",
  ];
  it("for any clarification, question and copied span of six or more words", () => {
    fc.assert(
      fc.property(
        fc.nat(QUESTIONS.length - 1),
        fc.nat(CLARIFICATIONS.length - 1),
        fc.nat(40),
        fc.integer({ min: 6, max: 40 }),
        fc.constantFrom(" ", "\n", " Note: "),
        (q, c, from, length, glue) => {
          const pair = QUESTIONS[q] ?? TOM;
          const clarification = CLARIFICATIONS[c] ?? "";
          const words = pair.unanswerable.split(" ");
          const start = Math.min(from, Math.max(0, words.length - 6));
          const copy = words.slice(start, start + length).join(" ");
          const annotation = { missingFacts: deriveMissingFacts(pair.answerable, pair.unanswerable), question: pair.unanswerable };
          const before = scoreClarification(clarification, annotation, {}).score;
          const after = scoreClarification(`${clarification}${glue}${copy}`, annotation, {}).score;
          expect(after).toBeLessThanOrEqual(before + 1e-12);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe("the shipped scorer parameter file", () => {
  const raw = readFileSync(join(import.meta.dirname, "../models/clarification-scorer.json"), "utf8");
  it("matches its version and sha256 in models/manifest.json", () => {
    const entry = loadManifest().scorers?.find((s) => s.id === "clarification-scorer");
    expect(entry?.sha256).toBe(createHash("sha256").update(raw).digest("hex"));
    expect(entry?.version).toBe(CLARIFICATION_SCORER.version);
  });

  it("has trees over known features and a threshold in (0, 1)", () => {
    expect(CLARIFICATION_SCORER.ensemble.trees.length).toBeGreaterThan(0);
    expect(CLARIFICATION_SCORER.threshold).toBeGreaterThan(0);
    expect(CLARIFICATION_SCORER.threshold).toBeLessThan(1);
    expect(() => readScorerParams({ ...JSON.parse(raw), features: ["unknownFeature"] })).toThrow(/features/);
  });

  it("evaluates a tree to its leaf", () => {
    const ensemble = {
      features: ["a"],
      base: 0,
      trees: [[{ feature: 0, threshold: 0.5, left: 1, right: 2 }, { value: -2 }, { value: 2 }]],
    };
    expect(ensembleScore(ensemble, { a: 1 })).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(ensembleScore(ensemble, { a: 0 })).toBeCloseTo(1 / (1 + Math.exp(2)), 12);
  });

  it("entailment without an NLI calibration joins as a bounded, flagged blend", () => {
    const annotation = { missingFacts: ["the speed of the train"], question: "A train travels for 3 hours. How far does it go?" };
    const clarification = "The speed of the train is not given.";
    const plan = planClarification(clarification, annotation);
    expect(plan.slots.length).toBeGreaterThan(0);
    const key = plan.pairs[0] === undefined ? "" : `${plan.pairs[0][0]}\u0000${plan.pairs[0][1]}`;
    const base = scoreClarification(clarification, annotation, {}).score;
    const high = scoreClarification(clarification, annotation, { entailment: new Map([[key, 1]]) });
    const low = scoreClarification(clarification, annotation, { entailment: new Map([[key, 0]]) });
    expect(high.score).toBeCloseTo(0.8 * base + 0.2, 9);
    expect(low.score).toBeCloseTo(0.8 * base, 9);
    expect(high.reason).toMatch(/NLI uncalibrated/);
    const custom = scoreClarification(clarification, annotation, { entailment: new Map([[key, 1]]) }, { nliWeight: 0.5 });
    expect(custom.score).toBeCloseTo(0.5 * base + 0.5, 9);
  });
});

describe("prepared annotations (one reading of a question per batch)", () => {
  const annotation = { missingFacts: ["Tom had 18 puppies"], question: TOM.unanswerable };
  it.each([
    ["an own clarification", "The problem does not say how many puppies Tom had at the start."],
    ["a stated-number claim", "The problem doesn't specify the number of friends."],
    ["a foreign name and number", "We do not know how many of the 40 puppies Steven had."],
    ["a copy of the question", `I cannot answer: ${TOM.unanswerable}`],
  ])("a shared preparation plans %s exactly as a fresh one", (_name, clarification) => {
    const shared = prepareAnnotation(annotation);
    expect(planClarification(clarification, annotation, shared)).toEqual(planClarification(clarification, annotation));
    // Sharing is read-only: planning twice with it gives the same plan.
    expect(planClarification(clarification, annotation, shared)).toEqual(planClarification(clarification, annotation, shared));
  });

  it("equal annotations share a key, different ones do not", () => {
    expect(annotationKey({ missingFacts: ["x"], question: "q" })).toBe(annotationKey({ question: "q", missingFacts: ["x"] }));
    expect(annotationKey({ missingFacts: ["x"], question: "q" })).not.toBe(annotationKey({ missingFacts: ["x"], question: "q2" }));
  });

  it("prepareQuestion reads statements, asked keys and numbers once", () => {
    const prepared = prepareQuestion(TOM.unanswerable);
    expect(prepared.numbers).toEqual([3]);
    expect(prepared.stated.has("give")).toBe(true);
    expect(prepared.asked.has("puppy")).toBe(true);
    expect(prepared.stated.has("puppy")).toBe(true);
    expect(prepared.statements).toHaveLength(2);
    expect(prepareQuestion("").tokens).toEqual([]);
  });

  it("irregular past forms stem to their base verb, regular ones as before", () => {
    expect(["spent", "spend", "spends"].map(stem)).toEqual(["spend", "spend", "spend"]);
    expect(["bought", "buys", "ate", "eats", "sold", "sells"].map(stem)).toEqual(["buy", "buy", "eat", "eat", "sell", "sell"]);
    expect(["marbles", "collected", "baking"].map(stem)).toEqual(["marble", "collect", "bak"]);
  });

  it("a doubled final consonant before -ed or -ing is read once, except l, s, z and three-letter stems", () => {
    expect(["jogged", "jogging", "jog", "stopped", "planned", "sitting"].map(stem)).toEqual(["jog", "jog", "jog", "stop", "plan", "sit"]);
    expect(["added", "adding", "add", "filled", "passed", "buzzed"].map(stem)).toEqual(["add", "add", "add", "fill", "pass", "buzz"]);
  });

  it('"off" is a content word: "got off the bus" is not "got on the bus"', () => {
    expect(prepareQuestion("10 children got off the bus.").keys.has("off")).toBe(true);
  });

  it("an unclosed diagram is blanked to the end of the text", () => {
    expect(blankDiagrams("Find x. [asy] draw(A--B);").trim()).toBe("Find x.");
    expect(blankDiagrams("a [asy]x[/asy] b [asy]y")).toBe(`a ${" ".repeat(12)} b ${" ".repeat(6)}`);
  });
});

describe("groundingScale", () => {
  const missing = { kind: "missing", falseClaim: false };
  const correction = { kind: "false", falseClaim: false };
  it.each([
    ["nothing foreign, nothing copied", { copiedShare: 0, foreignNames: [], slots: [missing] }, 1],
    ["a quarter copied (a report of the question) costs nothing", { copiedShare: 0.25, foreignNames: [], slots: [missing] }, 1],
    ["half copied", { copiedShare: 0.5, foreignNames: [], slots: [missing] }, 0.5 / 0.75],
    ["all copied", { copiedShare: 1, foreignNames: [], slots: [missing] }, 0],
    [
      "another problem's person in a missing-information claim",
      { copiedShare: 0, foreignNames: ["steven"], slots: [missing] },
      FOREIGN_PEOPLE_SCALE,
    ],
    ["both", { copiedShare: 0.5, foreignNames: ["steven"], slots: [missing] }, (FOREIGN_PEOPLE_SCALE * 0.5) / 0.75],
    ["a premise correction may name a new person", { copiedShare: 0, foreignNames: ["spielberg"], slots: [correction] }, 1],
    ["another problem's thing", { copiedShare: 0, foreignNames: [], slots: [missing], headForeign: 1 }, FOREIGN_PEOPLE_SCALE],
    ["another problem's symbol", { copiedShare: 0, foreignNames: [], slots: [missing], foreignSymbols: ["k"] }, FOREIGN_PEOPLE_SCALE],
    [
      "a premise correction's symbol",
      { copiedShare: 0, foreignNames: [], slots: [correction], foreignSymbols: ["k"] },
      FOREIGN_PEOPLE_SCALE,
    ],
    [
      "a quotation the question does not have",
      { copiedShare: 0, foreignNames: [], slots: [missing], foreignQuotes: 0.5 },
      FOREIGN_PEOPLE_SCALE,
    ],
    ["a premise correction may quote the truth", { copiedShare: 0, foreignNames: [], slots: [correction], foreignQuotes: 1 }, 1],
    ["a misreported number", { copiedShare: 0, foreignNames: [], slots: [missing], misreportedNumbers: ["2"] }, FOREIGN_PEOPLE_SCALE],
    ["another problem's bound", { copiedShare: 0, foreignNames: [], slots: [missing], foreignBounds: ["6"] }, FOREIGN_PEOPLE_SCALE],
    [
      "another problem's count in a declared slot",
      { copiedShare: 0, foreignNames: [], slots: [missing], slotNumbers: ["7"] },
      FOREIGN_PEOPLE_SCALE,
    ],
    [
      "a premise correction may cite a bound of its own",
      { copiedShare: 0, foreignNames: [], slots: [correction], foreignBounds: ["2200"] },
      1,
    ],
    [
      "a count the question gives beside its number, declared missing next to the right slot",
      {
        copiedShare: 0,
        foreignNames: [],
        slots: [missing, { kind: "missing", falseClaim: true, nearStated: true, keys: ["green", "pear"] }],
      },
      FOREIGN_PEOPLE_SCALE,
    ],
    ["only the question's things, named bare", { copiedShare: 0, foreignNames: [], slots: [missing], namesOnlyThings: true }, 0],
    [
      "a false claim away from any stated number is left to the model",
      {
        copiedShare: 0,
        foreignNames: [],
        slots: [missing, { kind: "missing", falseClaim: true, nearStated: false, keys: ["green", "pear"] }],
      },
      1,
    ],
    [
      "a change declared missing both ways",
      { copiedShare: 0, foreignNames: [], slots: [missing], bothWays: ["added or removed"] },
      FOREIGN_PEOPLE_SCALE,
    ],
    [
      "another problem's person and thing: halved once",
      { copiedShare: 0, foreignNames: ["steven"], slots: [missing], headForeign: 1 },
      FOREIGN_PEOPLE_SCALE,
    ],
  ])("%s", (_name, plan, expected) => {
    expect(
      groundingScale({
        headForeign: 0,
        foreignSymbols: [],
        misreportedNumbers: [],
        foreignBounds: [],
        slotNumbers: [],
        foreignQuotes: 0,
        bothWays: [],
        ...plan,
      } as never),
    ).toBeCloseTo(expected, 12);
  });

  it("halves a clarification that also declares missing a count the question gives (a hedge)", () => {
    const question = "A shop had some apples and sold 5 of them. It also had 17 green pears. How many apples are left?";
    const annotation = { missingFacts: ["A shop had 40 apples (now some)"], question };
    const own = scoreClarification("The problem does not say how many apples the shop had at first.", annotation, {});
    const hedge = scoreClarification(
      "The problem does not say how many apples the shop had at first. It also does not give the number of green pears.",
      annotation,
      {},
    );
    expect(own.score).toBeGreaterThan(0);
    expect(hedge.checks?.statedSlots).toEqual(["green pears"]);
    expect(hedge.checks?.failed).toContain("slot-stated-in-question");
    expect(hedge.score).toBeLessThanOrEqual(own.score * FOREIGN_PEOPLE_SCALE + 1e-12);
  });

  it("for any stated count and wording, declaring it missing beside the right slot never pays", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("apples", "pears", "boxes", "stamps", "marbles"),
        fc.constantFrom("green", "small", "old", "red"),
        fc.constantFrom("pears", "melons", "crates", "buttons"),
        fc.integer({ min: 3, max: 999 }),
        fc.constantFrom(
          (thing: string) => `It also does not give the number of ${thing}.`,
          (thing: string) => `The number of ${thing} is not given either.`,
          (thing: string) => `Nor does it say the number of ${thing}.`,
          // A bare count of the thing: every count of it the question gives is stated.
          (thing: string) => `Nor does it say how many ${thing} there are.`,
          // The trigger reads "the number of" and leaves the slot one word: the count head still counts.
          (thing: string) => `The problem doesn't specify the number of ${thing}, so the answer cannot be determined.`,
        ),
        fc.boolean(),
        fc.boolean(),
        (item, adjective, other, count, claim, first, withAdjective) => {
          if (other === item) return;
          // "The number of pears is not given" beside "3 green pears" names fewer words than the
          // question counts: a bare count (statesBareCount), stated since no clause blurs the pears.
          const question = `A shop had some ${item} and sold 5 of them. It also had ${count} ${adjective} ${other}. How many ${item} are left?`;
          // The lost count (1000) is outside the stated counts' range: a stated number equal to a lost
          // one reads as the lost one (a known limit of groundingContext, docs/decisions.md).
          const annotation = { missingFacts: [`A shop had 1000 ${item} (now some)`], question };
          const honest = `The problem does not say how many ${item} the shop had at first.`;
          const extra = claim(withAdjective ? `${adjective} ${other}` : other);
          const hedge = first ? `${extra} ${honest}` : `${honest} ${extra}`;
          const own = scoreClarification(honest, annotation, {}).score;
          expect(scoreClarification(hedge, annotation, {}).score).toBeLessThanOrEqual(own * FOREIGN_PEOPLE_SCALE + 1e-12);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("halves the verifier's score for a clarification about another person (no embeddings)", () => {
    const annotation = { missingFacts: deriveMissingFacts(TOM.answerable, TOM.unanswerable), question: TOM.unanswerable };
    const own = scoreClarification("The problem does not state how many puppies Tom had at the start.", annotation, {});
    const other = scoreClarification("The problem does not state how many puppies Steven had at the start.", annotation, {});
    expect(other.score).toBeLessThanOrEqual(FOREIGN_PEOPLE_SCALE + 1e-12);
    expect(other.score).toBeLessThan(own.score);
  });

  it("halves the score of a clarification about another problem's thing, and says so in its checks", () => {
    const question = "A train leaves a station and travels to a city. How long does the trip take?";
    const annotation = { missingFacts: ["the distance to the city", "the speed of the train"], question };
    const color = scoreClarification("The problem does not give the color of the train.", annotation, {});
    const speed = scoreClarification("The problem does not give the speed of the train.", annotation, {});
    expect(color.checks?.failed).toContain("foreign-subject");
    expect(color.reason).toMatch(/another problem's subject/);
    expect(speed.checks?.failed).not.toContain("foreign-subject");
    expect(color.score).toBeLessThanOrEqual(FOREIGN_PEOPLE_SCALE + 1e-12);
  });
});

describe("slots that leave their thing out, and formulas the question shows", () => {
  const question = "Tom had 9 sweet cookies and 6 salty cookies. He ate 3 sweet cookies. How many salty cookies did Tom have left?";
  const annotation = { question, missingFacts: ["Tom had 9 sweet cookies and 6 salty cookies"] };
  const slots = (clarification: string) => planClarification(clarification, annotation).slots;

  it("a count that leaves its thing out takes the verdict of the count named before it", () => {
    const planned = slots("I need to know how many sweet cookies he had at first; it does not say how many he started with.");
    expect(planned.map((slot) => slot.falseClaim)).toEqual([true, true]);
    // Alone, it names no thing and keeps its own verdict; a duration ("how long it took") is not a left-out count.
    expect(slots("It does not say how many he started with.").map((slot) => slot.falseClaim)).toEqual([false]);
    const duration = slots(
      "I need to know how many sweet cookies he had at first. The problem does not say how long it took him to eat them.",
    );
    expect(duration.map((slot) => slot.falseClaim)).toEqual([true, false]);
  });

  it("inheritElliptical leaves slots without a count alone", () => {
    const planned = slots("It does not say what kind of cookies he likes.");
    expect(inheritElliptical(planned)).toEqual(planned);
  });

  it("a formula the question shows is not missing, however it is spaced or bracketed", () => {
    const compact = compactMath("If \\(\\|\\mathbf{v}\\| = 4,\\) find \\(wz = 12-8i\\).");
    expect(quotesFormula("v | = 4,", compact)).toBe(true);
    expect(quotesFormula("wz = 12-", compact)).toBe(true);
    // A formula the question lacks, a short one, or words without a formula are not quotes.
    expect(quotesFormula("wz = 13", compact)).toBe(false);
    expect(quotesFormula("= 4", compact)).toBe(false);
    expect(quotesFormula("find wz", compact)).toBe(false);
    const plan = planClarification("The modified question omits wz = 12-, so it cannot be answered.", {
      question: "Suppose that wz = 12-8i. What is |z|?",
      missingFacts: ["Suppose that wz = 12-8i, and |w| = √13"],
    });
    expect(plan.slots.find((slot) => slot.text.includes("wz"))?.falseClaim).toBe(true);
  });
});

describe("a quoted amount must be the question's amount", () => {
  const question = "The remaining students were put into 8 groups. At least 38 more children got on.";
  const sources = [quoteKeys(question)];
  const known = new Set(
    quoteKeys(question)
      .filter((key) => !/^\d/.test(key))
      .concat(["8", "38"]),
  );

  it("reads amounts as runs of numbers and qualifiers with the word after them", () => {
    expect(quoteKeys("at least 1,200 apples")).toEqual(["least", "1200", "apple"]);
    expect(amountRuns(quoteKeys("three times planning time minus more than 5 minutes"))).toEqual([["more", "than", "5", "minute"]]);
    expect(amountRuns(quoteKeys("What percentage of the chips does Ian have?"))).toEqual([]);
  });

  it("an amount with a qualifier the question lacks is another problem's; the question's own amount is not", () => {
    expect(foreignQuoteShare('It says "more than 8 groups" but not how many.', known, sources)).toBe(1);
    expect(foreignQuoteShare('It says "8 groups" and "at least 38 more children".', known, sources)).toBe(0);
    // Without sources only the words are checked (every word here is the question's).
    expect(foreignQuoteShare('It says "more than 8 groups".', known)).toBe(0);
  });

  it("a vague amount quoted alone must be the question's word for it", () => {
    const several = "A store had several bottles of soda and 9 cans. How many more bottles than cans?";
    const keys = new Set(quoteKeys(several));
    expect(foreignQuoteShare('It is only described as "some".', keys, [quoteKeys(several)])).toBe(1);
    expect(foreignQuoteShare('It is only described as "several".', keys, [quoteKeys(several)])).toBe(0);
    // A fact may hold the word: "some" of what the edit inserted.
    expect(foreignQuoteShare('It only says "some".', keys, [quoteKeys(several), quoteKeys("9 cans (now some)")])).toBe(0);
    // Quotes of nothing at all ("", "?") are not read.
    expect(foreignQuoteShare('It asks "?" and says "".', keys, [quoteKeys(several)])).toBe(0);
  });
});

describe("a clarification whose slots all name nothing declares nothing", () => {
  const annotation = { question: "Compute ?", missingFacts: ["Compute cos 72°"] };

  it("keeps nothing of the model score, and says so in checks", () => {
    const plan = planClarification("The problem does not give enough information. Compute ?", annotation);
    expect(plan.slots.length).toBeGreaterThan(0);
    expect(plan.declaresNothing).toBe(true);
    expect(groundingScale(plan)).toBe(0);
    const result = scoreClarification("The problem does not give enough information. Compute ?", annotation, {});
    expect(result.score).toBe(0);
    expect(result.checks?.failed).toContain("declares-nothing-missing");
  });

  it("a slot or sentence that names something, or says no question is asked, is not nothing", () => {
    expect(planClarification("The problem does not give the angle of the cosine.", annotation).declaresNothing).toBe(false);
    expect(
      planClarification("The problem doesn't ask a specific question.", {
        question: "Tom had 3 apples.",
        missingFacts: ["How many apples does Tom have?"],
      }).declaresNothing,
    ).toBe(false);
  });
});

describe("a clarification that declares nothing in words the triggers read is scored by its sentences", () => {
  const question =
    "A waiter had at least 14 customers to wait on. If at most 3 customers left and he got another 39 customers, how many customers would he have?";
  const annotation = { question, missingFacts: ["A waiter had at least 14 customers to wait on (originally 14)"] };
  const ranges =
    'The problem cannot be solved because it only gives ranges: the waiter started with "at least 14" customers, so the starting count is open.';

  it("sentenceSlots keeps a sentence that names the question's things and says something of its own", () => {
    const known = new Set(["waiter", "customer", "14"]);
    const questionKeys = new Set(["waiter", "customer", "14", "wait", "left", "3", "39"]);
    const slots = sentenceSlots("It only gives ranges for the customers, so the starting count is open.", known, questionKeys);
    expect(slots.map((slot) => [slot.kind, slot.trigger])).toEqual([["missing", "sentence"]]);
    // Nothing of the question: a refusal. Nothing of its own beyond refusal words: a restatement.
    expect(sentenceSlots("I don't know the answer to this question.", known, questionKeys)).toEqual([]);
    expect(sentenceSlots("I cannot tell: the waiter had customers.", known, questionKeys)).toEqual([]);
  });

  it("ranks it above nothing but never verifies it, whatever the threshold, and says why", () => {
    const plan = planClarification(ranges, annotation);
    expect(extractSlots(ranges)).toEqual([]);
    expect(plan.sentenceSlots).toBe(true);
    expect(plan.slots.length).toBeGreaterThan(0);
    expect(groundingScale(plan)).toBe(SENTENCE_SLOT_SCALE);
    const result = scoreClarification(ranges, annotation, {}, { threshold: 0.01 });
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThanOrEqual(SENTENCE_SLOT_SCALE);
    expect(result.verified).toBe(false);
    expect(result.perFact.every((fact) => !fact.covered)).toBe(true);
    expect(result.checks?.failed).toContain("declares-nothing-missing");
    expect(result.reason).toMatch(/declares nothing missing in words the scorer reads/);
  });

  it("a generic refusal and a restatement still score 0", () => {
    for (const clarification of ["I don't know the answer to this question.", `I cannot answer this question: ${question}`]) {
      const plan = planClarification(clarification, annotation);
      expect(plan.sentenceSlots).toBe(false);
      expect(scoreClarification(clarification, annotation, {}).score).toBe(0);
    }
  });

  it("one that copies more of the question than a clarification may quote keeps nothing", () => {
    const copied = `${question} It only gives ranges for the customers, so the starting count is open.`;
    const plan = planClarification(copied, annotation);
    expect(plan.sentenceSlots).toBe(true);
    expect(plan.copiedShare).toBeGreaterThan(COPY_ALLOWANCE);
    expect(groundingScale(plan)).toBe(0);
  });

  it("a clarification with a declared slot is read as before", () => {
    const plan = planClarification("The problem does not say how many customers the waiter started with.", annotation);
    expect(plan.sentenceSlots).toBe(false);
    expect(plan.slots.every((slot) => slot.trigger !== "sentence")).toBe(true);
  });
});

describe("topic babble that declares nothing", () => {
  it("is read by its sentences, keeps at most a quarter of the model score and is never verified", () => {
    const question = "A shop had some apples and sold 5 of them. It also had 17 green pears. How many apples are left?";
    const annotation = { question, missingFacts: ["how many apples the shop had at first"] };
    const babble = "This is a problem about a shop that sells apples and green pears on a busy market day.";
    const plan = planClarification(babble, annotation);
    expect(plan.sentenceSlots).toBe(true);
    const result = scoreClarification(babble, annotation, {}, { threshold: 0.01 });
    expect(result.verified).toBe(false);
    expect(result.score).toBeLessThanOrEqual(SENTENCE_SLOT_SCALE);
  });
});

describe("naming the question's things without saying what about them is missing", () => {
  const question = "Tom bought some apples and 12 pears at the market. He ate 3 apples. How many apples does he have left?";
  const annotation = { question, missingFacts: ["Tom bought 20 apples (now some)"] };
  /** A bare declared-missing slot of `text`, as extractSlots would give it. */
  const slot = (text: string) => ({
    text,
    kind: "missing" as const,
    trigger: "need",
    sentence: { start: 0, end: 0, text },
    generic: false,
    proposition: false,
  });

  it("withoutVagueHead reads a slot past a head that only says something is missing", () => {
    expect(withoutVagueHead(slot("more details regarding the apples")).text).toBe("the apples");
    expect(withoutVagueHead(slot("any information about how many apples Tom bought")).text).toBe("how many apples Tom bought");
    expect(withoutVagueHead(slot("the specifics of the pears")).text).toBe("the pears");
    expect(withoutVagueHead(slot("the speed of the car")).text).toBe("the speed of the car");
    // "(know) more about" asks for more and names nothing; "how many more apples" counts.
    expect(withoutVagueHead(slot("more about the point and the plane"))).toMatchObject({
      text: "the point and the plane",
      detailHead: true,
    });
    expect(withoutVagueHead(slot("how many more apples Tom bought")).text).toBe("how many more apples Tom bought");
    expect(withoutVagueHead(slot("more details about")).text).toBe("more details about");
  });

  it.each([
    "I need more details regarding the apples and the pears to answer.",
    "There is no information about the apples and the pears.",
    "The problem is unclear about the apples, the pears and the market.",
    "The problem lacks details about the pears.",
    "The problem doesn't specify the apples.",
  ])("naming only things the question talks of scores 0: %s", (clarification) => {
    const plan = planClarification(clarification, annotation);
    expect(plan.slots.length).toBeGreaterThan(0);
    expect(plan.slots.filter((slot) => slot.kind === "missing").every((slot) => slot.falseClaim || slot.bare)).toBe(true);
    expect(groundingScale(plan)).toBe(0);
    const result = scoreClarification(clarification, annotation, {});
    expect(result.score).toBe(0);
    expect(result.checks?.failed).toContain("slot-stated-in-question");
  });

  it.each(["The problem is unclear about what happened with the pears.", "I need more details regarding the pears situation to answer."])(
    "a thing in a frame of new words that name no property scores 0: %s",
    (clarification) => {
      const plan = planClarification(clarification, annotation);
      expect(plan.slots.some((slot) => slot.bare)).toBe(true);
      expect(plan.namesOnlyThings).toBe(true);
      expect(groundingScale(plan)).toBe(0);
    },
  );

  it.each([
    "We are not told the relevant apple particulars for the pears.",
    "The question omits the complete apple figures for the pears.",
    "Without further specifics on the apples and the pears, no answer is possible.",
    "The question lacks accurate apple details concerning the pears.",
  ])("words that only insist on more detail name nothing beside the question's things: %s", (clarification) => {
    const plan = planClarification(clarification, annotation);
    expect(plan.slots.some((slot) => slot.kind === "missing")).toBe(true);
    expect(
      plan.slots.filter((slot) => slot.kind === "missing").every((slot) => slot.bare && (slot.falseClaim || plan.namesOnlyThings)),
    ).toBe(true);
    expect(scoreClarification(clarification, annotation, {}).score).toBe(0);
  });

  it("a count written after a counted thing is read like a count head", () => {
    const { question: apples } = prepareAnnotation({
      question: "Adam has 10 apples. How many more apples does Adam have than Jackie?",
      missingFacts: [],
    });
    expect(countFirst(slot("the apples count for Adam"), apples)).toMatchObject({ text: "apples for Adam", countHead: true });
    // Adam is not counted, apples are: the count is of apples.
    expect(countFirst(slot("the Adam count for the apples"), apples)).toMatchObject({ text: "apples for Adam", countHead: true });
    // Already count first, or no counted thing before the count: left as it is.
    expect(countFirst(slot("the initial number of apples"), apples).text).toBe("the initial number of apples");
    expect(countFirst(slot("the exact number"), apples).text).toBe("the exact number");
    expect(countFirst(slot("Jackie's number"), apples).text).toBe("Jackie's number");
    const { question: emails } = prepareAnnotation({
      question: "Jack got some emails in the morning and 5 emails in the afternoon.",
      missingFacts: [],
    });
    expect(countFirst(slot("the afternoon count"), emails).countHead).toBeUndefined();
    // A question that writes no number counts nothing: what the count follows is what it counts.
    const { question: college } = prepareAnnotation({ question: "Where did Michael Scott go to college?", missingFacts: [] });
    expect(countFirst(slot("the Michael count for the Scott"), college)).toMatchObject({ text: "Michael for the Scott", countHead: true });
  });

  it.each([
    [
      "a thing's count after it, for another thing",
      "The question does not state the apples count for Adam.",
      "Adam has 10 apples. How many more apples does Adam have than Jackie?",
      ["Jackie has 2 apples"],
    ],
    [
      "the counts of a question that writes no number",
      "The question does not state the Michael count for the Scott.",
      "Where did Michael Scott go to college?",
      ["Michael Scott went to college"],
    ],
    [
      "the counts of a question that writes no number, count first",
      "The question does not state the number of Michael for the Scott.",
      "Where did Michael Scott go to college?",
      ["Michael Scott went to college"],
    ],
  ])("%s scores 0", (_name, clarification, question, missingFacts) => {
    expect(scoreClarification(clarification, { question, missingFacts }, {}).score).toBe(0);
  });

  it("the same count, written count first or after its thing, gets the same verdict", () => {
    const question = "Adam has 10 apples. How many more apples does Adam have than Jackie?";
    const annotation = { question, missingFacts: ["Jackie has 2 apples"] };
    const after = planClarification("The question does not state the apples count for Adam.", annotation);
    const first = planClarification("The question does not state the number of apples for Adam.", annotation);
    expect(after.slots.map((slot) => [slot.falseClaim, slot.countStated])).toEqual(
      first.slots.map((slot) => [slot.falseClaim, slot.countStated]),
    );
    expect(after.slots.some((slot) => slot.falseClaim || slot.countStated)).toBe(true);
  });

  it("'anything further about' and 'involving' only ask for more about the question's things", () => {
    for (const clarification of [
      "It does not mention anything further about the apples or the pears.",
      "The question is missing a key value involving the pears.",
    ]) {
      const plan = planClarification(clarification, annotation);
      expect(plan.slots.some((slot) => slot.kind === "missing")).toBe(true);
      expect(scoreClarification(clarification, annotation, {}).score).toBe(0);
    }
  });

  it("an insisting adjective is generic only after a determiner; the verb keeps its meaning", () => {
    expect(specificKeys("the complete apple figures")).toEqual(["apple"]);
    expect(specificKeys("a full account of the pears")).toEqual(["account", "pear"]);
    expect(specificKeys("how many pages she had to complete")).toContain("complete");
    expect(specificKeys("how many full boxes")).toContain("full");
    expect(specificKeys("the apple particulars regarding the pears")).toEqual(["apple", "pear"]);
  });

  it.each([
    ["a property", "The problem does not say what color the pears were."],
    ["a property after the thing", "The problem does not give the pears' price."],
    ["a measure", "The problem does not specify the exact weight of the pears."],
    ["a wh-word that names a place", "The problem does not say where the pears came from."],
    ["the question's own words", "The problem does not say what happened to the apples Tom bought."],
  ])("a slot that says what about the thing is missing is not bare: %s", (_name, clarification) => {
    const plan = planClarification(clarification, annotation);
    expect(plan.slots.filter((slot) => slot.kind === "missing").length).toBeGreaterThan(0);
    expect(plan.slots.some((slot) => slot.bare)).toBe(false);
    expect(plan.namesOnlyThings).toBe(false);
  });

  it("namesBareThing reads the frame around one thing", () => {
    const context = {
      talkedOf: new Set(["pear", "apple"]),
      knownKeys: new Set(["pear", "apple", "market"]),
      lost: new Set(["20"]),
      inserted: new Set<string>(),
    };
    expect(namesBareThing("what happened with the pears", ["happen", "pear"], context)).toBe(true);
    expect(namesBareThing("the pears", ["pear"], context)).toBe(true);
    expect(namesBareThing("which pears", ["pear"], context)).toBe(false);
    // Cut before its verb ("how the pears and the apples are related" → "how the pears"), "how" asks nothing.
    expect(namesBareThing("how the pears", ["pear"], context)).toBe(true);
    expect(namesBareThing("how the pears ripen", ["pear", "ripen"], context)).toBe(false);
    expect(namesBareThing("how the pears changed", ["pear", "chang"], context)).toBe(true);
    expect(namesBareThing("the pears at the market", ["pear", "market"], context)).toBe(false);
    expect(namesBareThing("the size of the pears", ["size", "pear"], context)).toBe(false);
    expect(namesBareThing("the pears part or the apples part", ["pear", "apple"], context)).toBe(true);
    expect(namesBareThing("the pears or the apples", ["pear", "apple"], context)).toBe(false);
    expect(namesBareThing("the relationship between the pears and the apples", ["relationship", "pear", "apple"], context)).toBe(true);
    expect(namesBareThing("the relationship between the pears and the plums", ["relationship", "pear", "plum"], context)).toBe(false);
    expect(namesBareThing("which pears or apples", ["pear", "apple"], context)).toBe(false);
    expect(namesBareThing("what happened with the pears", ["happen", "pear"], { ...context, knownKeys: new Set(["happen"]) })).toBe(false);
    expect(namesBareThing("the pears' ripeness", ["pear", "ripeness"], context)).toBe(false);
    expect(namesBareThing("the pears and the apples at the market", ["pear", "apple", "market"], context)).toBe(false);
    expect(namesBareThing("the whole pear harvest story", ["whole", "pear", "harvest", "story"], context)).toBe(false);
    // Read past a head that only asks for more ("further specifics on | the pears and the apples"): two things, nothing of them.
    expect(namesBareThing("the pears and the apples", ["pear", "apple"], context, true)).toBe(true);
    expect(namesBareThing("the pears and the apples", ["pear", "apple"], context)).toBe(false);
    expect(namesBareThing("the size of the pears", ["size", "pear"], context, true)).toBe(false);
  });

  it("relatesBareObjects reads math objects beside general words alone", () => {
    const context = {
      talkedOf: new Set(["point", "plane", "light"]),
      knownKeys: new Set(["point", "plane", "light", "reflect"]),
      lost: new Set<string>(),
      inserted: new Set(["sphere"]),
    };
    expect(relatesBareObjects(["point", "relation", "plane"], context)).toBe(true);
    expect(relatesBareObjects(["point", "relat", "plane"], context)).toBe(true);
    // A thing beside an object is read the same way ("the light situation at the point").
    expect(relatesBareObjects(["light", "situation", "point"], context)).toBe(true);
    // An object alone may be the gap ("the angle"), and a word that names a property is no general word.
    expect(relatesBareObjects(["point"], context)).toBe(false);
    expect(relatesBareObjects(["coordinate", "point"], { ...context, talkedOf: new Set(["point"]) })).toBe(false);
    expect(relatesBareObjects(["position", "point", "relation", "plane"], context)).toBe(false);
    // What the edit inserted is what is missing; a general word the question uses names something of it.
    expect(relatesBareObjects(["sphere", "relation", "point"], context)).toBe(false);
    expect(relatesBareObjects(["point", "relation", "plane"], { ...context, knownKeys: new Set(["relation"]) })).toBe(false);
    // Three objects are more than a frame around things.
    expect(relatesBareObjects(["point", "relation", "plane", "light"], context)).toBe(false);
    // Beside a word that only asks for more, math objects are named and nothing of them; alone they may be the gap.
    expect(namesBareThing("the point and the plane", ["point", "plane"], context, true)).toBe(true);
    expect(namesBareThing("information about the point", ["point"], context)).toBe(true);
    expect(namesBareThing("the point", ["point"], context)).toBe(false);
    expect(namesBareThing("the sphere and the plane", ["sphere", "plane"], context, true)).toBe(false);
  });

  it("a math question's objects in a relational frame declare nothing, the gap beside them does", () => {
    const math = {
      question:
        "A ray of light passes through the point A = (-3,9,11), reflects at a point B on a plane, and then passes through the point C = (3,5,9). What is the point B?",
      missingFacts: deriveMissingFacts(
        "A ray of light passes through the point A = (-3,9,11), reflects off the plane x + y + z = 12 at B, and then passes through the point C = (3,5,9). What is the point B?",
        "A ray of light passes through the point A = (-3,9,11), reflects at a point B on a plane, and then passes through the point C = (3,5,9). What is the point B?",
      ),
    };
    for (const clarification of [
      "The problem fails to describe the light in relation to the passes.",
      "It is not clear how the light relates to the point.",
    ]) {
      const plan = planClarification(clarification, math);
      expect(plan.slots.length, clarification).toBeGreaterThan(0);
      expect(plan.namesOnlyThings, clarification).toBe(true);
    }
    const right = planClarification("The problem does not give the equation of the plane that reflects the ray.", math);
    expect(right.namesOnlyThings).toBe(false);
  });

  it("countFirst marks a count after a word the question never counts, nor its object", () => {
    const question = prepareAnnotation({
      question: "Adam has 10 apples and a basket. Find the area of the triangle.",
      missingFacts: [],
    }).question;
    const slot = (text: string) => ({
      text,
      kind: "missing" as const,
      trigger: "need",
      sentence: { start: 0, end: 0, text: "" },
      generic: false,
      proposition: false,
    });
    expect(countFirst(slot("the area count for the triangle"), question).uncountedCount).toBe(true);
    expect(countFirst(slot("the basket count"), question).uncountedCount).toBe(true);
    // A counted word, or a counted object, is read as a count of it.
    expect(countFirst(slot("the apple count for Adam"), question)).toMatchObject({ text: "apple for Adam", countHead: true });
    expect(countFirst(slot("the basket count for the apples"), question)).toMatchObject({ countHead: true });
    expect(countFirst(slot("the basket count for the apples"), question).uncountedCount).toBeUndefined();
    // A question without numbers counts nothing: what the count follows is what it counts.
    const wordy = prepareAnnotation({ question: "Why did the UK ban guns?", missingFacts: [] }).question;
    expect(countFirst(slot("the gun count"), wordy)).toMatchObject({ countHead: true });
  });

  it("countsUncountedThings reads one or two of the question's things or objects beside the count", () => {
    const context = {
      talkedOf: new Set(["area", "triangle", "vertex", "adam"]),
      knownKeys: new Set(["area", "triangle", "vertex", "adam"]),
      lost: new Set(["3"]),
      inserted: new Set(["certain"]),
    };
    expect(countsUncountedThings(["area", "count", "triangle"], context)).toBe(true);
    expect(countsUncountedThings(["adam", "total"], context)).toBe(true);
    // A word the question does not talk of, or one the edit inserted, may be what is missing.
    expect(countsUncountedThings(["side", "count", "triangle"], context)).toBe(false);
    expect(countsUncountedThings(["certain", "count", "triangle"], context)).toBe(false);
    expect(countsUncountedThings(["area", "vertex", "count", "triangle"], context)).toBe(false);
    expect(countsUncountedThings(["count"], context)).toBe(false);
  });

  it("a count of the question's uncounted objects declares nothing, the vector it lost does", () => {
    const math = {
      question:
        "Let a and b be orthogonal vectors. If the projection of a certain vector onto a is (-3/5, -6/5), what is the projection of that vector onto b?",
      missingFacts: deriveMissingFacts(
        "Let a and b be orthogonal vectors. If the projection of the vector (3, -3) onto a is (-3/5, -6/5), what is the projection of the vector (3, -3) onto b?",
        "Let a and b be orthogonal vectors. If the projection of a certain vector onto a is (-3/5, -6/5), what is the projection of that vector onto b?",
      ),
    };
    for (const clarification of [
      "The question does not state the projection count for the vectors.",
      "The question is missing the projection total for the vectors.",
    ]) {
      expect(planClarification(clarification, math).namesOnlyThings, clarification).toBe(true);
    }
    expect(planClarification("The problem does not say which vector is projected onto a.", math).namesOnlyThings).toBe(false);
  });

  it('countedKeys reads a number or an amount word before a thing, across adjectives and "of"', () => {
    const counted = countedKeys(
      tokenize("Ed has 12 green apples, lots of cans and the number of pens. How many cups? He saw the pears at 5 pm."),
    );
    expect([...counted].sort()).toEqual(["apple", "can", "cup", "green", "pen", "pm"]);
    // A function word or a verb ends the phrase: "5 of the pears" is read, "5 ate pears" is not.
    expect(countedKeys(tokenize("He had 5 and then ate pears.")).has("pear")).toBe(false);
    expect(countedKeys(tokenize(`${"x ".repeat(500)}5 pears`)).has("pear")).toBe(true);
  });

  it("a count of things nothing counts, where the facts restate the question's premises, declares nothing", () => {
    const premise = { question: "When is Star Screen Awards 2022?", missingFacts: ["Star Screen Awards was held in 2022"] };
    expect(prepareAnnotation(premise).countLost).toBe(false);
    for (const clarification of [
      "The question does not state the number of stars for the screen.",
      "The question does not say how many stars there are.",
    ]) {
      expect(planClarification(clarification, premise).namesOnlyThings, clarification).toBe(true);
    }
    // A fact that writes a number the question lacks took a count out: such a count may be the gap.
    const edited = { ...premise, missingFacts: ["Star Screen Awards was held in 2021 (now 2022)"] };
    expect(prepareAnnotation(edited).countLost).toBe(true);
    expect(planClarification("The question does not state the number of stars for the screen.", edited).namesOnlyThings).toBe(false);
    // A count a fact names ("the number of emails Jack got") was lost, though the question counts no email.
    const question = "Jack got emails in the morning and 5 letters in the evening. What did he get in all?";
    const bare = (missingFacts: string[]) =>
      planClarification("The problem does not give the number of morning emails.", { question, missingFacts }).slots.map(
        (slot) => slot.bare,
      );
    expect(bare(["the number of emails Jack got in the morning"])).toEqual([false]);
    expect(bare(["Jack got emails in the morning"])).toEqual([true]);
  });

  it("a bare thing beside a slot that says what is missing leaves the clarification to the model", () => {
    const plan = planClarification(
      "The problem does not say how many apples Tom bought at first, nor anything about the pears.",
      annotation,
    );
    expect(plan.namesOnlyThings).toBe(false);
    expect(plan.slots.some((slot) => slot.quantity && !slot.falseClaim)).toBe(true);
  });

  it.each([
    "The problem lacks details about how many apples Tom bought.",
    "The problem is unclear about how many apples Tom bought.",
    "I need more information regarding the number of apples Tom bought at the market.",
  ])("what about it is missing is read through the vague head: %s", (clarification) => {
    const plan = planClarification(clarification, annotation);
    expect(plan.slots.some((slot) => slot.quantity && !slot.falseClaim)).toBe(true);
  });

  it("when the question states nothing, what it asks about is what it talks of", () => {
    const boats = { question: "Why can boats fly in the sky?", missingFacts: ["Boats cannot fly in the sky."] };
    expect(planClarification("The problem does not explain the boats part or the sky part.", boats).namesOnlyThings).toBe(true);
    expect(planClarification("The problem does not specify how the boats and the sky are related.", boats).namesOnlyThings).toBe(true);
    expect(planClarification("The question does not say whether boats or planes are meant.", boats).namesOnlyThings).toBe(false);
    const template = planClarification("There is no information about the boats and the sky.", boats);
    expect(template.namesOnlyThings).toBe(true);
    expect(groundingScale(template)).toBe(0);
    // Against a premise in the question's own words, which boats are meant corrects nothing (eleventh round);
    // against one that says the question's boats are not unique, it is the gap.
    expect(planClarification("The question does not say which boats are meant.", boats).namesOnlyThings).toBe(true);
    const unique = { question: "Why can the boats fly in the sky?", missingFacts: ["There are contextually unique boats."] };
    expect(planClarification("The question does not say which boats are meant.", unique).namesOnlyThings).toBe(false);
  });

  it("a thing only the question's ask names, a symbol and a kind of math object stay usable", () => {
    expect(namesThing("email")).toBe(true);
    expect(namesThing("n")).toBe(false);
    expect(namesThing("angle")).toBe(false);
    const days = {
      question: "Julia played with 5 kids on Monday and 7 on Tuesday. How many kids did she play with on Wednesday?",
      missingFacts: ["She played with 4 kids on Wednesday"],
    };
    const plan = planClarification("There is no information about Wednesday.", days);
    expect(plan.slots.some((slot) => !slot.falseClaim)).toBe(true);
    expect(plan.namesOnlyThings).toBe(false);
  });
});

describe("fourteenth round readings (v32)", () => {
  it("a title's period ends no slot", () => {
    expect(extractSlots("The problem doesn't specify how many slices Mrs. Hilt sold. I know the rest.").map((s) => s.text)).toContain(
      "how many slices Mrs. Hilt sold",
    );
    expect(extractSlots("The number of pages Dr. Smith read is not given.").map((s) => s.text)).toContain(
      "The number of pages Dr. Smith read",
    );
    // A plain sentence end still ends one.
    expect(extractSlots("It does not give the speed. So no answer.").map((s) => s.text)).toEqual(["the speed"]);
  });

  it("a slot sits on a stated number only beside one number of its own sentence", () => {
    // "$18." ends its sentence: the amount spent is not stated.
    expect(slotNearStatedNumber(["spend"], "Jerry had $18. He spent some on new video games.")).toBe(false);
    expect(slotNearStatedNumber(["spend"], "Jerry spent $18 on new video games.")).toBe(true);
    // Hilt beside one 6, slices beside another: no number states how many slices Mrs. Hilt sold.
    const pizzas = "Mrs. Hilt has 6 pizzas. Each pizza has 6 slices. She sold part of the pizza slices.";
    expect(slotNearStatedNumber(["slice", "hilt", "sell"], pizzas)).toBe(false);
    expect(slotNearStatedNumber(["slice", "pizza"], pizzas)).toBe(true);
  });

  it("a generic slot declares the question missing only by what its trigger governs", () => {
    const annotation = { question: "How many children are now following the truck?", missingFacts: ["the missing quantity"] };
    const slots = (text: string) => planClarification(text, annotation).slots;
    const numbers = slots("The question doesn't provide any numbers or context.");
    expect(numbers.map((s) => [s.asksQuestion, s.falseClaim])).toEqual([[false, false]]);
    expect(slots("The question does not say what to calculate.").map((s) => s.asksQuestion)).toEqual([true]);
    expect(slots("The problem does not contain a question.").map((s) => s.asksQuestion)).toEqual([true]);
    expect(slots("The question is missing.").map((s) => s.asksQuestion)).toEqual([true]);
  });

  it("a possessive or 'starting' measure asks a property, not a restatement", () => {
    const amber = {
      question:
        "Amber worked for several hours last weekend. Armand worked one-third as long. How many hours did the 3 people work in total?",
      missingFacts: ["Amber worked 12 hours"],
    };
    const slot = planClarification("Without knowing Amber's exact hours, I cannot calculate the total.", amber).slots[0];
    expect(slot?.text).toBe("Amber's exact hours");
    expect(slot?.falseClaim).toBe(false);
    const dogs = {
      question: "A pet store had some dogs. On Sunday they got 5 more. On Monday they got 3 more. How many dogs now?",
      missingFacts: ["12 dogs"],
    };
    const starting = planClarification(
      "I need to know the starting number before they got the additional dogs on Sunday and Monday.",
      dogs,
    ).slots;
    expect(starting.map((s) => s.falseClaim)).toEqual([false]);
    // A phrase in the question's own words that opens with no property is still a restatement.
    const market = { question: "Sara bought 5 apples at the market. How many apples does she have?", missingFacts: ["the apples she ate"] };
    const stated = planClarification("The problem does not specify the apples Sara bought at the market.", market).slots;
    expect(stated.map((s) => s.falseClaim)).toEqual([true]);
  });

  it("a number joined to its unit measures the counted thing", () => {
    expect(countedThing("120-ounce buckets are needed")).toBe("bucket");
    expect(countedThing("12-oz cans")).toBe("can");
    expect(countedThing("5 boxes")).toBe("box");
  });

  it("the question's number words and one step of arithmetic on them are not foreign numbers", () => {
    const students =
      "There are fifty-eight students trying out. The rest were put into five groups. How many students would be in each group?";
    expect(entityGrounding("I know there are 58 total students in 5 groups.", students, []).foreignNumbers).toEqual([]);
    expect(entityGrounding("I know there are 60 students.", students, []).foreignNumbers).toEqual(["60"]);
    const hawks = "The Hawks scored three touchdowns worth 7 points each. How many points do their opponents have?";
    expect(entityGrounding("The Hawks scored 21 points.", hawks, []).foreignNumbers).toEqual([]);
    // Working in brackets may step from a number word; a report of what the problem says must quote it.
    expect(
      entityGrounding("The problem tells me the Hawks' score (21 points from three touchdowns).", hawks, []).misreportedNumbers,
    ).toEqual([]);
    expect(entityGrounding("The problem says the Hawks scored 21 points.", hawks, []).misreportedNumbers).toEqual(["21"]);
  });
});

describe("fifteenth round readings (v33)", () => {
  it("a list marker or 'the missing information is' is no part of a slot", () => {
    expect(extractSlots("- The number of cookies Tom bought is not explicitly given.").map((s) => s.text)).toEqual([
      "The number of cookies Tom bought",
    ]);
    expect(extractSlots("The missing information is the exact number of apples that Adam has.").map((s) => s.text)).toEqual([
      "the exact number of apples that Adam has",
    ]);
  });

  it("'we need to find …' states a goal; 'we need to know …' and 'you need to specify …' a gap", () => {
    expect(extractSlots("We need to find how many bags she found on the next day.")).toEqual([]);
    expect(extractSlots("We would need to know how many bags she found.").map((s) => s.text)).toEqual(["how many bags she found"]);
    expect(extractSlots("You would need to specify which house you mean.").map((s) => s.text)).toEqual(["which house you mean"]);
    expect(extractSlots("We need the speed of the car.").map((s) => s.text)).toEqual(["the speed of the car"]);
  });

  it("a count of things is money only when the things are", () => {
    const lewis = {
      question: "For weeks of harvest Lewis earns a total of $ 133. How much money does Lewis earn each week?",
      missingFacts: ["5 weeks"],
    };
    const weeks = planClarification(
      "We would need to know exactly how many weeks Lewis works during the harvest to earn that total.",
      lewis,
    ).slots;
    expect(weeks.map((s) => s.falseClaim)).toEqual([false]);
    const bars = { question: "Each bar costs $ 3. Olivia sold some bars. How much money did she make?", missingFacts: ["she sold 4 bars"] };
    expect(planClarification("The problem does not say how much each bar costs.", bars).slots.map((s) => s.falseClaim)).toEqual([true]);
  });

  it("a rate named by its two things is not a restatement", () => {
    const cans = { question: "On Monday Tiffany had 8 bags of cans. How many cans did she have?", missingFacts: ["each bag had 5 cans"] };
    expect(planClarification("But the problem does not provide the cans per bag.", cans).slots.map((s) => s.falseClaim)).toEqual([false]);
  });
});

describe("sixteenth round readings (v34)", () => {
  it("a slot sits on a stated number only with what sets it apart, and never with a word the question only asks", () => {
    const tom = "Tom had 9 sweet cookies and 6 salty cookies. He ate 15 sweet cookies. How many salty cookies did Tom have left?";
    // "started" is what sets the slot apart from "ate 15 sweet cookies".
    expect(slotNearStatedNumber(["sweet", "cooky", "start"], tom)).toBe(false);
    expect(slotNearStatedNumber(["sweet", "cooky", "eat"], tom)).toBe(true);
    const ryan =
      "Every day Ryan spends 7 hours on English and 2 hours on Chinese. How many more hours does he spend on English than on Japanese?";
    expect(slotNearStatedNumber(["hour", "spend", "japanese"], ryan)).toBe(false);
    expect(slotNearStatedNumber(["hour", "spend", "chinese"], ryan)).toBe(true);
  });

  it("a rate slot does not sit on a count of its things", () => {
    const cans = { question: "On Monday Tiffany had 8 bags of cans. How many cans did she have?", missingFacts: ["each bag had 5 cans"] };
    const planned = planClarification("The problem does not say how many cans are in each bag.", cans).slots;
    expect(planned.map((s) => s.nearStated)).toEqual([false]);
    expect(planClarification("The problem does not say how many bags of cans she had.", cans).slots.map((s) => s.nearStated)).toEqual([
      true,
    ]);
  });

  it("a condition after the ask is stated", () => {
    expect(askedSplit("How many more racks will Michelle need if she uses three 8-cup bags of flour?")).toEqual({
      statement: "if she uses three 8-cup bags of flour",
      asked: "How many more racks will Michelle need?",
    });
    expect(askedSplit("How many apples are left?")).toEqual({ statement: "", asked: "How many apples are left?" });
    expect(prepareQuestion("How much will she earn, given that she works 5 hours?").stated.has("work")).toBe(true);
  });

  it("a slot between dashes after a head that only says something is missing", () => {
    expect(
      extractSlots("The problem is unanswerable because the key value—how many cookies Tom ate—is missing.").map((s) => s.text),
    ).toEqual(["how many cookies Tom ate"]);
  });
});

describe("seventeenth round readings (v35)", () => {
  it("'we don't know X' declares X missing; the bare marker, 'the answer' and a reason do not", () => {
    expect(extractSlots("We don't know how many lives she got.").map((s) => s.text)).toEqual(["how many lives she got"]);
    expect(extractSlots("I do not know the price of the ticket.").map((s) => s.text)).toEqual(["the price of the ticket"]);
    expect(extractSlots("I don't know.")).toEqual([]);
    expect(extractSlots("I don't know the answer.")).toEqual([]);
    expect(extractSlots("I don't know because the speed is not given.").map((s) => s.text)).toEqual(["the speed"]);
  });

  it("a head that only says something is missing, then a colon: the slot is after the colon", () => {
    expect(extractSlots("The missing information is: how many lives she got in the next level.").map((s) => s.text)).toEqual([
      "how many lives she got in the next level",
    ]);
    expect(extractSlots("Missing information: the exact number of groups.").map((s) => s.text)).toEqual(["the exact number of groups"]);
    // A colon after words that name something is still a boundary.
    expect(extractSlots("The missing price: we cannot go on.").map((s) => s.text)).toEqual(["price"]);
  });

  it("a vague amount that ends a quotation must be the question's word for it", () => {
    const eaten = "Megan baked 68 cupcakes. If her brother, Todd, ate 32 of them how many packages could she make?";
    const some = "Megan baked 68 cupcakes. If her brother, Todd, ate some of them how many packages could she make?";
    const quote = 'The problem says "If her brother, Todd, ate some of them" but not how many he ate.';
    expect(amountRuns(quoteKeys("Todd ate some of them"))).toEqual([["some"]]);
    expect(foreignQuoteShare(quote, new Set(quoteKeys(eaten)), [quoteKeys(eaten)])).toBe(1);
    expect(foreignQuoteShare(quote, new Set(quoteKeys(some)), [quoteKeys(some)])).toBe(0);
  });

  it("an example the clarification makes up (e.g., for example) is neither a quotation of the question nor its number", () => {
    const question = "Paige raised 15 goldfish in the pond. Some of them were eaten by the cat. How many goldfish remained?";
    const example = 'We would need to know how many goldfish were eaten (e.g., "3 goldfish were eaten").';
    const text = (span: { start: number; end: number }): string => example.slice(span.start, span.end);
    expect(exampleSpans(example).map(text)).toEqual(['e.g., "3 goldfish were eaten"']);
    expect(exampleSpans("For example, she lost 5 kilograms. The weight is missing.").map((span) => span.end)).toEqual([33]);
    expect(foreignQuoteShare(example, new Set(quoteKeys(question)), [quoteKeys(question)])).toBe(0);
    expect(entityGrounding(example, question).foreignNumbers).toEqual([]);
    // The same words reported as the question's are another problem's.
    const report = 'The problem says "3 goldfish were eaten" but not how many remained.';
    expect(foreignQuoteShare(report, new Set(quoteKeys(question)), [quoteKeys(question)])).toBe(1);
    expect(entityGrounding(report, question).foreignNumbers).toEqual(["3"]);
  });

  it("words in capitals for emphasis and the writer's 'I'll' name no one; a short acronym alone and names still do", () => {
    expect(nameTokens("Total number of bars: NOT GIVEN. We DON'T know.")).toEqual([]);
    expect(nameTokens("The problem is UNANSWERABLE since Steven left; I'll say so.")).toEqual(["steven"]);
    expect(nameTokens("He works at NASA in Paris.")).toEqual(["nasa", "paris"]);
    expect(
      entityGrounding("The count is NOT GIVEN, so we DON'T know how many Tom ate.", "Tom ate some cookies. How many are left?")
        .foreignNames,
    ).toEqual([]);
  });
});

describe("eighteenth round readings (v36)", () => {
  it("a singular in -ie stems as its plural in -ies does", () => {
    const pairs: [string, string][] = [
      ["cookie", "cookies"],
      ["movie", "movies"],
      ["brownie", "brownies"],
      ["calorie", "calories"],
      ["berry", "berries"],
      ["pie", "pies"],
    ];
    for (const [one, many] of pairs) expect(stem(one)).toBe(stem(many));
    // Short words keep their ending.
    expect(stem("tie")).toBe("tie");
  });

  it("a movie ticket's price is no foreign subject for a question about the movies", () => {
    const question = "If he has 42 dollars for the week, how many times can he go to the movies?";
    expect(
      planClarification("I need to know how much a movie ticket costs.", { missingFacts: ["the price of a ticket"], question }).headForeign,
    ).toBe(0);
  });
});

describe("a slot that is the question's own ask (v37)", () => {
  const cookies = "Tom ate some cookies and had 35 cookies left. How many cookies did he have in the beginning?";
  const facts = ["Tom ate some cookies and had 35 cookies left (originally 19)"];
  const slotsOf = (clarification: string, question = cookies, missingFacts = facts) =>
    planClarification(clarification, { missingFacts, question }).slots.map((slot) => [slot.text, slot.restatesAsk]);

  it("reads what a question asks for as a count of one thing, with its compound kinds and polarity", () => {
    expect(askedUnknowns(["How many cookies did he have in the beginning?"])).toEqual([{ counted: "cooky", signature: "" }]);
    expect(askedUnknowns(["How many alligators were not hiding?"])).toEqual([{ counted: "alligator", signature: "not " }]);
    expect(askedUnknowns(["How many more kids did she play with on monday than on friday?"])).toEqual([
      { counted: "kid", signature: "than" },
    ]);
    expect(askedUnknowns(["How long will it take?"])).toEqual([]);
  });

  it("the asked count in the ask's words, the name for its pronoun or 'the number of', is the ask", () => {
    expect(slotsOf("The problem doesn't specify how many cookies he had in the beginning.")).toEqual([
      ["how many cookies he had in the beginning", true],
    ]);
    expect(slotsOf("We don't know how many cookies Tom had in the beginning.")).toEqual([
      ["how many cookies Tom had in the beginning", true],
    ]);
    expect(slotsOf("The number of cookies he had in the beginning is not given.")).toEqual([
      ["The number of cookies he had in the beginning", true],
    ]);
    // "At first", "initially", "originally" say "in the beginning" in other words.
    expect(slotsOf("We don't know how many cookies Tom had at first.")).toEqual([["how many cookies Tom had at first", true]]);
    expect(slotsOf("The problem doesn't say how many cookies he initially had.")).toEqual([["how many cookies he initially had", true]]);
    // Another count of the same thing is another ask.
    expect(slotsOf("The problem doesn't say how many cookies he had left.")).toEqual([["how many cookies he had left", false]]);
    const result = scoreClarification("The problem doesn't specify how many cookies he had in the beginning.", {
      missingFacts: facts,
      question: cookies,
    });
    expect(result.score).toBe(0);
    expect(result.checks?.failed).toContain("slot-is-the-ask");
  });

  it("an input of the ask is not the ask: what was eaten, one side of a comparison, the other polarity, another verb", () => {
    expect(slotsOf("The problem doesn't specify how many cookies Tom ate.")).toEqual([["how many cookies Tom ate", false]]);
    const edward = "Edward spent $ 16 to buy books and some dollars to buy pens. How much more did Edward spend on books than pens?";
    expect(slotsOf("I don't know how much he spent on pens.", edward, ["some dollars to buy pens (originally 8)"])).toEqual([
      ["how much he spent on pens", false],
    ]);
    const zoo = "At the zoo, a cage had 95 snakes and 61 alligators. If 64 snakes were hiding. How many alligators were not hiding?";
    expect(slotsOf("It does not say how many alligators were hiding.", zoo, ["64 snakes were hiding (now alligators)"])).toEqual([
      ["how many alligators were hiding", false],
    ]);
    expect(slotsOf("It does not say how many tomatoes Freda had.", "How many tomatoes did Freda use?", ["the tomatoes"])).toEqual([
      ["how many tomatoes Freda had", false],
    ]);
  });

  it("'initial' and 'total' say which count: the initial number is no restated 'how many … left'", () => {
    const left = "Tom had some cookies. He ate 5 of them. How many cookies does he have left?";
    expect(slotsOf("The problem doesn't give the initial number of cookies.", left, ["Tom had 12 cookies (now some)"])).toEqual([
      ["the initial number of cookies", false],
    ]);
    const total = "Tom has some cookies in a jar and 5 in a box. How many cookies does he have in total?";
    expect(
      slotsOf("The problem doesn't give the total number of cookies he has.", total, ["some cookies in a jar (originally 7)"]),
    ).toEqual([["the total number of cookies he has", true]]);
  });

  it("an ask the edit touched may be named: the word it put in is the gap", () => {
    const answerable = "Adam has 8 apples. Jackie has 4 apples. How many apples does Adam have?";
    const question = "Adam has 8 apples. Jackie has 4 apples. How many apples does Hero have?";
    expect(slotsOf("The problem doesn't say how many apples Hero has.", question, deriveMissingFacts(answerable, question))).toEqual([
      ["how many apples Hero has", false],
    ]);
  });
});

describe("quantities offered as alternatives (v39)", () => {
  it("a slot that offers a second quantity with 'or' is split, each part an alternative; 'and' lists what is needed", () => {
    const slots = extractSlots("The problem does not give the initial number of cards or how many cards were added or removed.");
    expect(slots.filter((slot) => slot.alternative === true).map((slot) => slot.text)).toEqual([
      "the initial number of cards",
      "how many cards were added or removed",
    ]);
    expect(
      extractSlots("The problem does not give the number of apples and how many pears there are.").some(
        (slot) => slot.alternative === true,
      ),
    ).toBe(false);
    expect(extractSlots("The problem does not give the number of red or green apples.").some((slot) => slot.alternative === true)).toBe(
      false,
    );
  });

  it("an alternative the question states makes the clarification a hedge: at most half the score", () => {
    const question =
      "Nell collects baseball cards. She had 242 cards. She gave some of her cards to Jeff. How many cards does Nell have left?";
    const facts = ["She gave 136 of her cards to Jeff (now some)"];
    const hedge = planClarification("The problem does not give how many cards Nell had or how many cards she gave to Jeff.", {
      missingFacts: facts,
      question,
    });
    expect(hedge.slots.filter((slot) => slot.alternative === true && slot.falseClaim).map((slot) => slot.text)).toEqual([
      "how many cards Nell had",
    ]);
    expect(groundingScale(hedge)).toBeLessThanOrEqual(0.5);
    const plain = planClarification("The problem does not give how many cards she gave to Jeff.", { missingFacts: facts, question });
    expect(groundingScale(plain)).toBe(1);
  });
});

describe("a change declared missing both ways (twenty-second round)", () => {
  const question = "Tom had some puppies. He gave 3 to his friends. How many puppies does Tom have now?";
  const facts = ["Tom had 18 puppies (now some)"];

  it("names the pairs a clarification's missing sentences cover both ways, and only those the question tells one way", () => {
    const sentence = (text: string) => [{ start: 0, end: text.length, text }];
    const both = "It does not say how many puppies were added or removed before or after the visit.";
    expect(coveredBothWays(both, sentence(both), [], question)).toEqual(["added or removed", "before or after"]);
    // The question telling both ways makes each a possible gap.
    expect(coveredBothWays(both, sentence(both), [], "He added 3 puppies and removed 2 before lunch and after it. How many?")).toEqual([]);
    // A question that states no number has nothing to read the gap against.
    expect(coveredBothWays(both, sentence(both), [], "How many puppies does Tom have?")).toEqual([]);
    const one = "It does not say how many puppies Tom had before he gave some away.";
    expect(coveredBothWays(one, sentence(one), [], question)).toEqual([]);
  });

  it("a change told with its number, a purpose and an example are not declared", () => {
    const sentence = (text: string) => [{ start: 0, end: text.length, text }];
    const stated = "I need the starting number to count the bin after removing 9 and adding 38.";
    expect(coveredBothWays(stated, sentence(stated), [], question)).toEqual([]);
    const purpose = "To find how many were riding before the stop, I would need the total number after it.";
    expect(coveredBothWays(purpose, sentence(purpose), [], question)).toEqual([]);
    // Offsets are UTF-16 units: characters outside the Basic Multilingual Plane before a purpose do not shift it.
    const emoji = `${"😀".repeat(100)} ${purpose}`;
    const noStart = "Some children rode the bus. 2 more got on. How many were riding at first?";
    expect(coveredBothWays(emoji, sentence(emoji), [], noStart)).toEqual(coveredBothWays(purpose, sentence(purpose), [], noStart));
    expect(coveredBothWays(emoji, sentence(emoji), [], noStart)).toEqual([]);
    const example = "It does not give the rule for each layer (e.g., whether they increase or decrease).";
    expect(coveredBothWays(example, sentence(example), exampleSpans(example), question)).toEqual([]);
  });

  it("keeps such a clarification at most half and reports the check; the honest one keeps all", () => {
    const hedge = planClarification("The problem does not give the initial number of puppies or how many puppies were added or removed.", {
      missingFacts: facts,
      question,
    });
    expect(hedge.bothWays).toEqual(["added or removed"]);
    expect(groundingScale(hedge)).toBeLessThanOrEqual(FOREIGN_PEOPLE_SCALE);
    const result = scoreClarification("It is unclear how many puppies there were before or after the change.", {
      missingFacts: facts,
      question,
    });
    expect(result.checks?.failed).toContain("covers-both-ways");
    expect(result.checks?.bothWays).toEqual(["before or after"]);
    expect(result.reason).toContain("before or after");
    const honest = planClarification("The problem does not say how many puppies Tom had before he gave 3 away.", {
      missingFacts: facts,
      question,
    });
    expect(honest.bothWays).toEqual([]);
    expect(groundingScale(honest)).toBe(1);
  });

  it("property: a template that declares the asked count missing both ways is never verified, whatever the story", () => {
    const words = fc.constantFrom("puppies", "cookies", "marbles", "stickers", "apples", "cards", "coins");
    const names = fc.constantFrom("Tom", "Sara", "Nell", "Ravi", "Mia");
    const verbs = fc.constantFrom("gave away", "ate", "found", "lost", "picked");
    const pairs = fc.constantFrom(
      (x: string) => `The problem does not say how many ${x} were added or removed.`,
      (x: string) => `It does not tell us how many ${x} were gained or lost.`,
      (x: string) => `It is unclear how many ${x} there were before or after the change.`,
      (x: string) => `The problem does not say how many ${x} were bought or sold.`,
      (x: string) => `We are not told how many ${x} there were at the start and at the end.`,
      (x: string) => `The problem does not give the initial number of ${x} or how many ${x} were added or removed.`,
    );
    fc.assert(
      fc.property(words, names, verbs, pairs, fc.integer({ min: 2, max: 90 }), (thing, name, verb, frame, n) => {
        const q = `${name} had some ${thing}. Then ${name} ${verb} ${n} of them. How many ${thing} does ${name} have?`;
        const annotation = { missingFacts: [`${name} had ${n + 7} ${thing} (now some)`], question: q };
        const template = scoreClarification(frame(thing), annotation);
        expect(template.score).toBeLessThanOrEqual(FOREIGN_PEOPLE_SCALE);
        expect(template.verified).toBe(false);
        expect(template.checks?.failed).toContain("covers-both-ways");
        // The honest clarification of the same question is not read as a hedge.
        const honest = planClarification(`The problem does not say how many ${thing} ${name} had at first.`, annotation);
        expect(honest.bothWays).toEqual([]);
      }),
      { numRuns: 120, seed: 40 },
    );
  });
});

describe("vague denials and requests name nothing of the question (twenty-second round)", () => {
  const jack = "Jack received some emails in the morning and 5 emails in the afternoon. How many emails did Jack receive in the day?";
  const jackFacts = ["Jack received 3 emails in the morning (now some)"];
  const context = (keys: string[]) => ({
    talkedOf: new Set(keys),
    knownKeys: new Set(keys),
    lost: new Set<string>(),
    inserted: new Set<string>(),
  });

  it.each<[string, string, string[], string[], string, boolean, boolean]>([
    [
      "two things of a question with numbers",
      "There is no evidence that emails have anything to do with Jack",
      ["evidence", "email", "jack"],
      ["email", "jack"],
      jack,
      true,
      true,
    ],
    ["'something about' one thing", "something about puppies that is not correct", ["puppy", "correct"], ["puppy"], "", false, true],
    // A question with no number that relates the two things: denying the relation corrects its premise.
    [
      "two things a premise question relates",
      "no evidence that vaccines have anything to do with autism",
      ["evidence", "vaccine", "autism"],
      ["vaccine", "cause", "autism", "child"],
      "Why do vaccines cause autism in children?",
      false,
      false,
    ],
    // Two words the question writes side by side are one name: relating them denies nothing it claims.
    [
      "the two words of one name",
      "no evidence that todd has anything to do with frazier",
      ["evidence", "todd", "frazier"],
      ["todd", "frazier", "trade", "ranger"],
      "when did todd frazier get traded to the rangers?",
      false,
      true,
    ],
    // A specific denial has no vague phrase, whatever its keys.
    ["a specific denial", "leaves do not have blood", ["leave", "blood"], ["leave", "blood"], "", false, false],
  ])("deniesVagueRelation: %s", (_name, text, keys, known, question, numbered, expected) => {
    expect(deniesVagueRelation(text, keys, context(known), tokenize(question), numbered)).toBe(expected);
  });

  it("deniesVagueRelation: a thing the edit lost is what the question got wrong", () => {
    const lost = { ...context(["email", "jack"]), lost: new Set(["email"]) };
    expect(
      deniesVagueRelation("no evidence that emails have anything to do with Jack", ["evidence", "email", "jack"], lost, [], true),
    ).toBe(false);
  });

  it("a clarification made only of vague denials scores nothing; a specific correction is kept", () => {
    const vague = scoreClarification("There is no evidence that emails have anything to do with Jack.", {
      missingFacts: jackFacts,
      question: jack,
    });
    expect(vague.score).toBe(0);
    expect(vague.checks?.failed).toContain("slot-stated-in-question");
    const assumes = planClarification("The question assumes something about emails that is not correct.", {
      missingFacts: jackFacts,
      question: jack,
    });
    expect(assumes.namesOnlyThings).toBe(true);
    const falseqa = { missingFacts: ["Vaccines cause autism."], question: "Why do vaccines cause autism in children?" };
    expect(planClarification("There is no evidence that vaccines cause autism.", falseqa).namesOnlyThings).toBe(false);
    expect(planClarification("There is no evidence that vaccines have anything to do with autism.", falseqa).namesOnlyThings).toBe(false);
    // Beside a real missing slot, a vague denial takes nothing away.
    const mixed = planClarification(
      "The problem does not say how many emails Jack received in the morning. There is no evidence that emails have anything to do with Jack.",
      { missingFacts: jackFacts, question: jack },
    );
    expect(mixed.namesOnlyThings).toBe(false);
  });

  it("'the specific A details about the B' and 'which A it refers to' name only the question's things", () => {
    const trivia = ["todd", "frazier", "trade", "ranger"];
    expect(namesBareThing("the specific todd details needed about the frazier", ["todd", "frazier"], context(trivia))).toBe(true);
    expect(namesBareThing("which guns it refers to", ["gun", "refer"], context(["gun", "ban"]))).toBe(false);
    const guns = { missingFacts: ["the uk banned guns"], question: "Why did the UK ban guns?" };
    expect(planClarification("The question does not specify which guns it refers to.", guns).namesOnlyThings).toBe(true);
    // Where a fact makes the thing's identity the gap, asking which one is meant is the clarification.
    const star = { missingFacts: ["Star Screen Awards could refer to several ceremonies"], question: "When is the Star Screen Awards?" };
    expect(planClarification("The question does not specify which awards it refers to.", star).namesOnlyThings).toBe(false);
  });
});

describe("twenty-fourth round: counts in a declared slot, prices, and asks cut short", () => {
  const span = (text: string) => ({ text, sentence: { start: 0, end: text.length, text } });

  it("slotNumbers lists the foreign numbers a declared slot writes, not options, ranges or all-but-one", () => {
    expect(slotNumbers([span("how many of the 7 customers left a tip")], ["7"], [5, 3])).toEqual(["7"]);
    // Not foreign: nothing to read.
    expect(slotNumbers([span("how many of the 7 customers left a tip")], [], [5, 7])).toEqual([]);
    // One less than a number of the question counts the rest.
    expect(slotNumbers([span("how many apples are on the other 51 trees")], ["51"], [52])).toEqual([]);
    // Alternatives and ranges are the clarification's own options, read in the slot's sentence.
    const sentence = "I need to know whether the month has 28, 30, 31, or some other number of days.";
    expect(slotNumbers([{ text: "the month has 28", sentence: { start: 0, end: sentence.length, text: sentence } }], ["28"], [24])).toEqual(
      [],
    );
    expect(slotNumbers([span("a price between 4 and 8 dollars")], ["4", "8"], [2])).toEqual([]);
    // A clause standing in for a slot carries the clarification's working.
    const clause = "this, we cannot determine if the remaining 65 inches must be met exactly with whole subs or not at all";
    expect(slotNumbers([span(clause)], ["65"], [81])).toEqual([]);
  });

  it("another problem's count in what it declares missing keeps at most half, and says so", () => {
    const question =
      "At lunch a waiter had several customers and 5 of them didn't leave a tip. If he got $3 each from the ones who did tip, how much money did he earn?";
    const annotation = { missingFacts: ["At lunch a waiter had 10 customers (now several)"], question };
    const own = scoreClarification("The problem doesn't specify how many customers the waiter had in total.", annotation, {});
    const other = scoreClarification("The problem doesn't specify how many of the 7 customers left a tip.", annotation, {});
    expect(other.checks?.failed).toContain("foreign-slot-number");
    expect(other.checks?.slotNumbers).toEqual(["7"]);
    expect(other.reason).toContain("(7)");
    expect(own.checks?.failed).not.toContain("foreign-slot-number");
    expect(other.score).toBeLessThan(own.score);
    // A premise correction may write numbers of its own.
    const correction = planClarification("The question is wrong: the waiter actually served 12 customers.", annotation);
    expect(correction.slotNumbers).toEqual([]);
  });

  it("a count of the things does not state their price", () => {
    const question = "Josh buys 3 packs of string cheese. Each pack has 20 string cheeses in them. How many dollars did he pay?";
    const annotation = { missingFacts: ["Each piece of string cheese cost 10 cents."], question };
    const plan = planClarification("I need to know how much each string cheese costs.", annotation);
    expect(plan.slots.map((slot) => slot.falseClaim)).toEqual([false]);
    // A count read with the money word beside it ("7 more bags worth of cans") still states it.
    const worth = planClarification("The problem doesn't specify the number of bags worth of cans found the next day.", {
      missingFacts: ["On monday she had 8 bags of cans."],
      question: "On monday she had some bags of cans. The next day she found 7 more bags worth of cans. How many cans?",
    });
    expect(worth.slots.some((slot) => slot.falseClaim)).toBe(true);
  });

  it("a generic slot that points back ('without knowing that exact number') takes the verdict of what it points at", () => {
    const question = "Tom had 9 cookies. He ate 4 cookies. How many cookies did Tom have left?";
    const annotation = { missingFacts: ["Tom had 9 cookies (originally 12)"], question };
    const stated = planClarification(
      "The problem does not specify how many cookies Tom ate. Without knowing that exact number, I cannot calculate the rest.",
      annotation,
    );
    expect(stated.slots.map((slot) => slot.falseClaim)).toEqual([true, true]);
    expect(scoreClarification(stated.text, annotation, {}).score).toBe(0);
    // Pointing back at a slot the question does not state keeps it usable.
    const lost = planClarification("The problem does not say how much money Tom had. Without that, I cannot answer.", annotation);
    expect(lost.slots.every((slot) => !slot.falseClaim)).toBe(true);
    // It names what every slot before it named: one usable antecedent keeps it.
    const both = planClarification(
      "The problem does not specify how many cookies Tom ate or how much money Tom had. Without that information, I cannot answer.",
      annotation,
    );
    expect(both.slots.at(-1)?.falseClaim).toBe(false);
  });

  it("an ask cut off after its opener is a missing question, and saying so names the gap", () => {
    const cut = "One hundred chips were divided by Ian and Lyle in the ratio 4:6. What percentage";
    expect(prepareQuestion(cut).asksNothing).toBe(true);
    expect(prepareQuestion("Mark can buy a $300 lens or a $220 lens. How much ?").asksNothing).toBe(true);
    expect(prepareQuestion("Ian has 4 chips. How old is he?").asksNothing).toBe(false);
    // The ask cut off in the last clause of a sentence, and an instruction with nothing after it.
    expect(prepareQuestion("When 1 - i√3 is written as re^{iθ}, what is?").asksNothing).toBe(true);
    expect(prepareQuestion("When x is divided by 5, what is the remainder?").asksNothing).toBe(false);
    expect(prepareQuestion("Let x = cos 72°. Compute ?").asksNothing).toBe(true);
    expect(prepareQuestion("Let x = cos 72°. Compute x.").asksNothing).toBe(false);
    expect(prepareQuestion("If Ian has 4 chips, how many are left?").asksNothing).toBe(false);
    const plan = planClarification("The question is incomplete: I need to know what the question is asking.", {
      missingFacts: ["What percentage of the chips did Lyle have"],
      question: cut,
    });
    expect(plan.questionGap).toBe(true);
    expect(plan.slots.map((slot) => slot.asksQuestion)).toEqual([true]);
    // Of a question that asks, the same words claim missing what it gives.
    const asks = planClarification("I need to know what the question is asking.", {
      missingFacts: ["Ian had 40 chips"],
      question: "Ian and Lyle shared some chips in the ratio 4:6. What percentage of the chips did Lyle have?",
    });
    expect(asks.slots.map((slot) => slot.falseClaim)).toEqual([true]);
  });
});
