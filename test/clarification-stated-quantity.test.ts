import { describe, expect, it } from "vitest";
import { perUnit, planClarification } from "../src/clarification/clarification-plan.js";
import { CLAUSE_SPLIT, QUANTITY_BLUR } from "../src/clarification/fact-rules.js";
import { scoreClarification } from "../src/clarification/score-clarification.js";
import { statesBareCount, statesQuantity } from "../src/clarification/stated-quantity.js";
import { FOREIGN_PEOPLE_SCALE, declaresStatedCount, groundingScale } from "../src/clarification/clarification-model.js";
import { askedSplit, deniesNumber, prepareQuestion } from "../src/clarification/prepared-question.js";
import { tokenize } from "../src/clarification/tokens.js";

const FALSE_CLAIM_REASON = "The clarification only claims missing what the question states.";

/** Whether the plan flags the clarification's first slot as a false claim. */
function falseClaim(question: string, clarification: string): boolean | undefined {
  return planClarification(clarification, { missingFacts: ["x"], question }).slots[0]?.falseClaim;
}

// A slot asking for a quantity that the question blurs is exactly the missing fact, never a false claim.
const BLURRED: [cue: string, question: string, clarification: string][] = [
  [
    "some",
    "Sara bought some apples and ate 3 of them. How many apples does Sara have left?",
    "The problem does not state how many apples Sara bought.",
  ],
  [
    "some (reference wording)",
    "Sara bought some apples and ate 3 of them. How many apples does Sara have left?",
    "The question does not say how many apples Sara bought, so the number left cannot be determined.",
  ],
  [
    "some, second clause",
    "Ed had 50 marbles and lost some of them at school. How many marbles does Ed have now?",
    "The problem does not say how many marbles Ed lost.",
  ],
  [
    "a few",
    "Tom picked a few pears and gave 2 to his sister. How many pears does Tom have?",
    "It is not stated how many pears Tom picked.",
  ],
  [
    "several",
    "A farmer has several cows, and each cow gives 8 liters of milk a day. How much milk does the farm produce each day?",
    "The problem does not say how many cows the farmer has.",
  ],
  [
    "a number of",
    "Mia baked a number of cookies and sold 12 of them. How many cookies are left?",
    "We would need to know how many cookies Mia baked.",
  ],
  [
    "less than",
    "Jake stacked less than 53 blocks and then removed 4 blocks. How many blocks are in the stack?",
    "The problem does not specify how many blocks Jake stacked.",
  ],
  [
    "at most",
    "Lena read at most 30 pages on Monday and 20 pages on Tuesday. How many pages did she read?",
    "The question does not give how many pages Lena read on Monday.",
  ],
  [
    "range with to",
    "Omar bought 4 to 6 boxes of pens with 10 pens in each box. How many pens did he buy?",
    "It does not specify how many boxes Omar bought.",
  ],
  [
    "range with dash",
    "Omar bought 4-6 boxes of pens with 10 pens in each box. How many pens did he buy?",
    "It does not specify how many boxes Omar bought.",
  ],
  [
    "between",
    "A class has between 20 and 30 students, and 5 students are absent. How many students are present?",
    "The exact number of students in the class is not given.",
  ],
  [
    "about",
    "A tank holds about 40 liters and 15 liters leak out. How much water is left?",
    "The problem does not state the exact amount of water the tank holds.",
  ],
  [
    "an unknown number of",
    "Ravi owns an unknown number of books and gives away 7 books. How many books does he keep?",
    "The problem does not say how many books Ravi owns.",
  ],
  [
    "an adverb before the quantity",
    "Nina weighed 60 kilograms. After training she lost more than 4 kilograms. How much does Nina weigh now?",
    "The problem does not say exactly how many kilograms she lost.",
  ],
  [
    "a total beside a blurred part (both clauses match the slot)",
    "At the fair and the market they sold a total of 90 cakes. If they sold more than 40 cakes at the fair. How much money did they make at the fair?",
    "The problem does not give the exact number of cakes sold at the fair.",
  ],
  [
    "dozens of",
    "At lunch a waiter had dozens of customers and 5 of them didn't leave a tip. How much money did he earn?",
    "I need to know how many customers tipped.",
  ],
  [
    "a possessive count (X's number of Y)",
    "Charlie owns some flutes and two horns. Carli owns 3 harps. How many instruments do they own?",
    "The problem does not say Charlie's number of flutes.",
  ],
  [
    "numbers for (plural opener)",
    "A grocery store had several bottles of regular soda and lots of bottles of diet soda. How many more bottles of regular soda than diet soda?",
    "It doesn't provide any actual numbers for the bottles of regular soda or diet soda.",
  ],
];

// The same slots against questions that state the number plainly stay false claims.
const STATED: [name: string, question: string, clarification: string][] = [
  [
    "stated in the first clause",
    "Sara bought 12 apples and ate some of them. How many apples does Sara have left?",
    "The problem does not state how many apples Sara bought.",
  ],
  [
    "stated in its own sentence",
    "Ed had some marbles. He lost 21 of his marbles at school. How many marbles does Ed have now?",
    "The problem does not say how many marbles Ed lost.",
  ],
  [
    "stated in the second clause",
    "Sara bought some apples and ate 3 of them. How many apples does Sara have left?",
    "The problem does not state how many apples Sara ate.",
  ],
  [
    "stated, with an adverb before the quantity",
    "Nina weighed 60 kilograms. After training she lost 4 kilograms. How much does Nina weigh now?",
    "The problem does not say exactly how many kilograms she lost.",
  ],
  [
    "stated, other clause blurred",
    "Ed had 50 marbles and lost some of them at school. How many marbles does Ed have now?",
    "The problem does not say how many marbles Ed had.",
  ],
];

describe("plural and possessive quantity openers are read as counts", () => {
  it("'any actual numbers for' the stated bottles is a false claim; 'Charlie's number of' the stated flutes too", () => {
    const soda = "A grocery store had 30 bottles of regular soda, 8 bottles of diet soda and 41 apples. How many apple bottles?";
    expect(falseClaim(soda, "It doesn't provide any actual numbers for the bottles of regular soda or diet soda.")).toBe(true);
    const flutes = "Charlie owns 4 flutes and two horns. Carli owns 3 harps. How many instruments do they own?";
    expect(falseClaim(flutes, "The problem does not say Charlie's number of flutes.")).toBe(true);
  });
});

describe("a quantity the question blurs is not a false claim", () => {
  it.each(BLURRED)("%s", (_cue, question, clarification) => {
    expect(falseClaim(question, clarification)).toBe(false);
    const result = scoreClarification(clarification, { missingFacts: ["the number of items at the start"], question });
    expect(result.reason).not.toBe(FALSE_CLAIM_REASON);
  });

  it.each(STATED)("%s stays a false claim", (_name, question, clarification) => {
    expect(falseClaim(question, clarification)).toBe(true);
  });
});

describe("statesQuantity", () => {
  it.each([
    ["Sara bought some apples and ate 3 of them. How many apples does Sara have left?", ["apple", "sara", "bought"], false],
    ["Sara bought some apples and ate 3 of them. How many apples does Sara have left?", ["apple", "sara", "eat"], true],
    ["He lost 21 of his marbles at school. How many marbles does Ed have now?", ["marble", "lose"], true],
    ["He lost fewer than 21 of his marbles. How many marbles does Ed have now?", ["marble", "lose"], false],
    ["Tom has boxes, and each box holds apples. How many apples are there?", ["apple", "box", "hold"], false],
    ["anything", ["one"], false],
  ] as const)("%s %j → %s", (question, keys, expected) => {
    expect(statesQuantity(question, keys)).toBe(expected);
  });

  it.each([
    ["some apples", true],
    ["a couple of pens", true],
    ["nearly 40 liters", true],
    ["3 or 4 cats", true],
    ["4 – 6 boxes", true],
    ["over the weekend he read 20 pages", false],
    ["another 5 apples", false],
    ["21 of his marbles", false],
  ] as const)("QUANTITY_BLUR on %j → %s", (text, expected) => {
    expect(QUANTITY_BLUR.test(text)).toBe(expected);
  });

  it.each([["some ".repeat(40_000)], [`${"1 ".repeat(40_000)}x`], [`${"a, and ".repeat(20_000)}.`], [`${"between ".repeat(30_000)}?`]])(
    "pathological input stays under 200 ms, best of 3 (%#)",
    (text) => {
      // Generous for shared cores (linear runs take ~5–30 ms); catastrophic backtracking takes seconds.
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        const start = performance.now();
        QUANTITY_BLUR.test(text);
        CLAUSE_SPLIT.test(text);
        statesQuantity(text, ["some", "between"]);
        planClarification(`The problem does not say how many ${text}`, { missingFacts: ["x"], question: text });
        best = Math.min(best, performance.now() - start);
      }
      expect(best).toBeLessThan(200);
    },
  );
});

describe("a symbol the edit put in is named, not stated", () => {
  const question =
    "Let D be the determinant of the matrix whose column vectors are 𝒂, 𝒃, and 𝒄. Find the determinant of the matrix whose column vectors are 𝒂 + 𝒃, 𝒃 + 𝒅, and 𝒄 + 𝒂, in terms of D.";
  const missingFacts = ["vectors are 𝒂 + 𝒃, 𝒃 + 𝒄, and 𝒄 + 𝒂, in terms of D (now 𝒅)"];
  it("declared undefined → a usable slot, not a false claim", () => {
    const slots = planClarification("The vector 𝒅 is not defined anywhere in the problem.", {
      missingFacts: [...missingFacts],
      question,
    }).slots;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.some((slot) => slot.falseClaim)).toBe(false);
  });

  it("quoted as a proposition → nothing usable (the quote copies six+ question tokens and is blanked)", () => {
    const plan = planClarification("The problem does not specify that the column vectors are 𝒂 + 𝒃, 𝒃 + 𝒅, and 𝒄 + 𝒂.", {
      missingFacts: [...missingFacts],
      question,
    });
    expect(plan.copiedShare).toBeGreaterThan(0.5);
    expect(plan.slots.every((slot) => slot.falseClaim || slot.generic)).toBe(true);
  });
});

describe("a clarification that declares the question itself missing", () => {
  const statement = "A shop sold 20 shirts on Monday and 15 shirts on Tuesday.";
  const asking = `${statement} How many shirts did the shop sell in all?`;
  const clarification = "The problem does not specify what quantity needs to be calculated.";

  it("names the gap when the question asks and instructs nothing", () => {
    const plan = planClarification(clarification, {
      missingFacts: ["the question: how many shirts were sold in all"],
      question: statement,
    });
    expect(plan.questionGap).toBe(true);
    expect(plan.slots[0]?.asksQuestion).toBe(true);
    expect(plan.slots[0]?.falseClaim).toBe(false);
  });

  it("is a false claim when the question asks something", () => {
    const plan = planClarification(clarification, { missingFacts: ["the number of shirts sold on Monday"], question: asking });
    expect(plan.questionGap).toBe(false);
    expect(plan.slots[0]?.falseClaim).toBe(true);
  });

  it("an instruction is a question; an empty one (How much ?) is not, so saying so names the gap", () => {
    const instructed = `${statement} Using these, calculate the total number of shirts.`;
    expect(planClarification(clarification, { missingFacts: ["x"], question: instructed }).questionGap).toBe(false);
    const empty = `${statement} How much ?`;
    const plan = planClarification(clarification, { missingFacts: ["x"], question: empty });
    expect(plan.slots[0]?.falseClaim).toBe(false);
    expect(plan.questionGap).toBe(true);
  });
});

describe("a conditional question states its condition and asks the rest", () => {
  it("askedSplit cuts at the last clause that opens with how, what or an instruction", () => {
    expect(askedSplit("If he removes 30 comic books, how many toys are left?")).toEqual({
      statement: "If he removes 30 comic books",
      asked: "how many toys are left?",
    });
    expect(askedSplit("How many are left?")).toEqual({ statement: "", asked: "How many are left?" });
    expect(askedSplit("He had 3 pens, what a day.")).toEqual({ statement: "He had 3 pens, what a day.", asked: "" });
    // "who", "which" after a comma open relative clauses, not questions.
    expect(askedSplit("Tom, who has 4 apples, gives 2 away?").asked).toBe("");
  });

  it("the asked clause is asked, so a claim that no question is asked is false, and its words are not stated", () => {
    const question = "If he removes 30 comic books, how many toys does he need to remove?";
    const prepared = prepareQuestion(question);
    expect(prepared.asksSomething).toBe(true);
    expect(prepared.stated.has("toy")).toBe(false);
    expect(prepared.stated.has("book")).toBe(true);
    // How many comic books there are to begin with is not the 30 he removes: asking for it is no false claim.
    expect(falseClaim(question, "The problem doesn't say how many comic books or toys there are to begin with.")).toBe(false);
    expect(falseClaim(question, "The problem does not specify what quantity needs to be calculated.")).toBe(true);
  });

  it("'what is being assembled' asks about the story, not for the question", () => {
    const plan = planClarification("I would need to know what is being assembled and how many bolts each part requires.", {
      missingFacts: ["x"],
      question: "How many bolts in total does it take?",
    });
    expect(plan.slots[0]?.asksQuestion).toBe(false);
    expect(plan.slots[0]?.falseClaim).toBe(false);
    expect(falseClaim("How many bolts does it take?", "The problem does not say what is being asked.")).toBe(true);
  });
});

describe("a rate is stated only with its unit", () => {
  it("perUnit reads the unit of a rate slot, and nothing of a plain count", () => {
    expect(perUnit("how many cups are in one bottle to convert them")).toBe("bottle");
    expect(perUnit("how many slices are in one loaf of bread")).toBe("loaf");
    expect(perUnit("how much he earns per hour")).toBe("hour");
    expect(perUnit("how many apples Sara bought")).toBeUndefined();
  });

  it("'in each of the three months' is a rate per month; 'in each of them' names no unit", () => {
    expect(perUnit("how many downloads occurred in each of the three months")).toBe("month");
    expect(perUnit("how many apples are in each of the boxes")).toBe("box");
    expect(perUnit("how many apples are in each box")).toBe("box");
    expect(perUnit("how many apples are in each of them")).toBeUndefined();
  });

  it("a count of the thing is not its rate; a rate the question gives is stated", () => {
    const soda = "A store had 19 bottles of diet soda and 60 cups of regular soda. How many more bottles of regular soda?";
    expect(statesQuantity(soda, ["cup", "bottle"], "bottle")).toBe(false);
    expect(statesQuantity(soda, ["cup", "regular", "soda"])).toBe(true);
    expect(statesQuantity("Each pack has 12 cookies. Tom ate 3 packs. How many cookies did he eat?", ["cooky", "pack"], "pack")).toBe(true);
    const plan = planClarification("I need to know how many cups are in one bottle to convert the regular soda.", {
      question: soda,
      missingFacts: ["60 bottles of regular soda (now cups)"],
    });
    expect(plan.slots.map((slot) => slot.falseClaim)).toEqual([false]);
  });
});

describe("a number states a quantity only when it counts it", () => {
  /** The clauses of the question's first statement sentence. */
  const clausesOf = (question: string) => prepareQuestion(question).statements[0]?.clauses ?? [];

  it("a comparison counts nothing: '4 more balloons than Allan' gives no one's balloons", () => {
    expect(clausesOf("Jake brought 4 more balloons than Allan.")[0]?.counted.has("balloon")).toBe(false);
    expect(clausesOf("Carl has 3 times as many stamps as Bo.")[0]?.counted.size).toBe(0);
    // Without "than", "more" adds to a count: "7 more bags" counts bags.
    expect(clausesOf("Sara bought 7 more bags.")[0]?.counted.has("bag")).toBe(true);
    const question = "Jake brought 4 more balloons than Allan brought. How many balloons did Allan bring?";
    expect(statesQuantity(question, ["balloon", "jake", "brought"])).toBe(false);
    expect(statesQuantity("Jake brought 6 balloons. How many did Allan bring?", ["balloon", "jake", "brought"])).toBe(true);
  });

  it("deniesNumber: a denied number or a range gives no one quantity", () => {
    expect(deniesNumber(tokenize("each player had not 6 lives"))).toBe(true);
    expect(deniesNumber(tokenize("a trivia team didn't have 7 members"))).toBe(true);
    expect(deniesNumber(tokenize("Lewis earns $ 1357 to $ 2000 every week"))).toBe(true);
    expect(deniesNumber(tokenize("a trivia team had 7 members"))).toBe(false);
    // A negation far from the number denies something else.
    expect(deniesNumber(tokenize("he did not like the long walk past 7 houses"))).toBe(false);
    const team = "A trivia team didn't have 7 members. How many points did they score?";
    expect(statesQuantity(team, ["member", "team", "trivia"])).toBe(false);
  });

  it("an amount of money counts no noun, so it states no count", () => {
    const clause = clausesOf("Each chocolate bar in a box cost $3.")[0];
    expect(clause?.countsUnread).toBe(false);
    expect(clause?.counted.size).toBe(0);
    // Without the sign the number may count anything (it counts nothing readable).
    expect(clausesOf("Each chocolate bar in a box cost 3.")[0]?.countsUnread).toBe(true);
    const question = "Each chocolate bar in a box cost $3. If a box had bars total and Wendy sold all but 3 bars, how much did she make?";
    expect(statesQuantity(question, ["chocol", "bar", "box"])).toBe(false);
    // A slot that asks for money is stated by the amount: "how much each chocolate bar costs".
    expect(prepareQuestion(question).statements[0]?.clauses[0]?.moneyed).toBe(true);
    expect(statesQuantity(question, ["chocol", "bar", "cost"])).toBe(true);
  });

  it("a rate counts per unit: '10 pins per day' states pins per day, not how many pins", () => {
    const clause = clausesOf("Members contributed 10 pins per day.")[0];
    expect(clause?.rated.has("pin")).toBe(true);
    expect(clause?.counted.has("pin")).toBe(false);
    const question = "Members contributed 10 pins per day. How many pins are there after a month?";
    expect(statesQuantity(question, ["pin", "member"])).toBe(false);
    expect(statesQuantity(question, ["pin", "day"], "day")).toBe(true);
  });

  it("a slot that cites the clause's number asks for a part of it", () => {
    const question = "At lunch a waiter had 7 customers. He got $9 from each one who tipped. How much did he earn?";
    expect(statesQuantity(question, ["7", "customer", "waiter"])).toBe(false);
    expect(statesQuantity(question, ["customer", "waiter"])).toBe(true);
  });
});

describe("a bare count names the thing alone: every count of it the question gives is stated", () => {
  const shirts = "The shop made $ 215 by selling 5 shirts and 3 pairs of shoes. What is the cost of each shirt?";
  const annotation = { question: shirts, missingFacts: ["the price of the shoes"] };
  /** The first slot's countStated flag, and whether the plan declares a stated count. */
  const read = (clarification: string) => {
    const slot = planClarification(clarification, annotation).slots[0];
    return [slot?.countStated, slot === undefined ? undefined : declaresStatedCount(slot)];
  };

  it.each([
    ["A cage had 93 snakes and 97 alligators. How many alligators were not hiding?", "alligator", true],
    // A clause that blurs the thing ("more than snakes") may be the count meant: not stated.
    ["A cage had 97 alligators. The hiding alligators were more than 20. How many were not hiding?", "alligator", false],
    ["Tom had some cookies. How many cookies did he give away?", "cooky", false],
    // Counted only where it is asked: nothing states it.
    ["Tom has 3 boxes. How many apples does he have?", "apple", false],
    ["anything", "", false],
    ["He has 7 apples.", "7", false],
  ] as const)("statesBareCount(%j, %j) → %s", (question, thing, expected) => {
    expect(statesBareCount(question, thing)).toBe(expected);
  });

  it.each([
    ["The problem does not specify how many shirts there are.", [true, true]],
    // The trigger reads past "the number of", leaving "shirts": a count head, judged the same way.
    ["It does not give the number of shirts.", [true, true]],
    ["I would need to know how many shirts there are in all.", [true, true]],
    // A total may sum parts the question counts ("60 girls" of the students): more than the thing alone.
    ["I would need to know how many shirts were there in total.", [false, false]],
    // A part, a comparison, one of each, or a property: more than the thing alone.
    ["The problem does not say how many of those were shirts.", [false, false]],
    ["The problem does not say how many more shirts there were.", [false, false]],
    ["The problem does not say how many shirts each customer bought.", [false, false]],
    ["The problem does not give the color of the shirts.", [false, false]],
    // What the question lacks, named with its context: not bare.
    ["The problem does not give the price of the shoes.", [false, false]],
  ] as const)("%s → countStated, declares a stated count: %j", (clarification, expected) => {
    expect(read(clarification)).toEqual(expected);
  });

  it("keeps at most half of the score and says which slot is stated", () => {
    const bare = scoreClarification("The problem does not specify how many shirts there are.", annotation);
    expect(bare.checks?.failed).toContain("slot-stated-in-question");
    const plan = planClarification("The problem does not specify how many shirts there are.", annotation);
    expect(groundingScale(plan)).toBe(FOREIGN_PEOPLE_SCALE);
    const right = planClarification("The problem does not give the price of the shoes.", annotation);
    expect(groundingScale(right)).toBe(1);
  });
});

describe("a list item shares its list's subject and verb", () => {
  const question =
    "Jack received some emails in the morning, 5 emails in the afternoon and 8 emails in the evening. How many more emails did Jack receive in the afternoon and evening than in the morning?";

  it("reads the words before the list's first amount as every item's lead", () => {
    const clauses = prepareQuestion(question).statements[0]?.clauses ?? [];
    expect(clauses.map((clause) => [...clause.lead])).toEqual([[], ["jack", "receiv"], ["jack", "receiv"]]);
    // A clause that does not open with its amount sets a new lead and has none itself.
    const later = prepareQuestion("Ann read 3 books and then Ben wrote some letters, 4 notes.").statements[0]?.clauses ?? [];
    expect(later.map((clause) => [...clause.lead])).toEqual([[], [], ["ben", "write"]]);
    // The second number of a range cut at "and" opens no item.
    const range = prepareQuestion("A class has between 20 and 30 students, and 5 are absent.").statements[0]?.clauses ?? [];
    expect(range.map((clause) => [...clause.lead])).toEqual([[], [], []]);
  });

  it("so the item that names the slot's modifier states it; the blurred item does not", () => {
    expect(statesQuantity(question, ["email", "jack", "receiv", "afternoon"])).toBe(true);
    expect(statesQuantity(question, ["email", "jack", "receiv", "morn"])).toBe(false);
    // Nothing tells the items apart: one of them blurs its amount, so the count is not read as stated.
    expect(statesQuantity(question, ["email", "jack", "receiv"])).toBe(false);
  });
});

describe("a count of a thing where no number is written names only the thing", () => {
  const annotation = {
    question: "Why did the city council ban bicycles from the park?",
    missingFacts: ["the city council banned bicycles from the park"],
  };

  it("is bare, so the clarification keeps nothing", () => {
    const plan = planClarification("The problem does not specify how many bicycles there are.", annotation);
    expect(plan.slots.map((slot) => slot.bare)).toEqual([true]);
    expect(plan.namesOnlyThings).toBe(true);
    expect(groundingScale(plan)).toBe(0);
  });

  it.each([
    // A number in the question or a fact: a count may be what was lost.
    ["The problem does not specify how many bicycles there are.", { ...annotation, question: "Why did the council ban 3 bicycles?" }],
    ["The problem does not specify how many bicycles there are.", { ...annotation, missingFacts: ["the council banned 40 bicycles"] }],
    // More than the thing alone, or a thing the question does not talk of.
    ["The problem does not say how many of the bicycles were banned.", annotation],
    ["The problem does not specify how many scooters there are.", annotation],
  ])("%s is not bare (%#)", (clarification, given) => {
    expect(planClarification(clarification, given).slots.some((slot) => slot.bare)).toBe(false);
  });
});

describe("a count the trigger read past its head is judged like a quantity slot", () => {
  const question =
    "Jack received some emails in the afternoon, 6 emails in the morning and some more in the evening. How many emails did Jack receive in the evening?";
  const annotation = { question, missingFacts: ["Jack received 3 emails in the afternoon (now some)"] };
  const first = (clarification: string) => planClarification(clarification, annotation).slots[0];

  it("declares a stated count missing when the question counts the words after the head", () => {
    // "emails morning" sits four words from "6": not beside it, but the morning item counts them.
    const hedge = first("The problem doesn't specify the number of emails morning, so the answer cannot be determined.");
    expect(hedge?.countHead).toBe(true);
    expect(hedge?.countStated).toBe(true);
    expect(hedge === undefined ? undefined : declaresStatedCount(hedge)).toBe(true);
  });

  it("not when the item it names blurs its amount", () => {
    const own = first("The problem doesn't specify the number of emails Jack received in the afternoon.");
    expect(own?.countHead).toBe(true);
    expect(own?.countStated).toBe(false);
  });
});

describe("an identity question about the question's own thing names only the thing, unless a fact makes its identity the gap", () => {
  const premise = { question: "Why do penguins fly south in the winter?", missingFacts: ["penguins fly south in the winter"] };

  it.each([
    "It is unclear what the penguins are.",
    "It is unclear what penguins means.",
    "It is unclear what the penguins refer to.",
    "The problem does not say which penguins are meant.",
    "It is unclear which penguins.",
  ])("%s names only the thing when no fact speaks of which thing is meant", (clarification) => {
    const plan = planClarification(clarification, premise);
    expect(plan.namesOnlyThings).toBe(true);
    expect(groundingScale(plan)).toBe(0);
    // A correction in words the question lacks says nothing of identity either.
    const corrected = { question: "What color is the blood of leaves?", missingFacts: ["Leaves have no blood."] };
    expect(planClarification(clarification.replace(/penguins/g, "leaves"), corrected).namesOnlyThings).toBe(true);
  });

  it.each([
    // A fact that makes the term's identity the gap: made up, or not unique.
    ["It is unclear what the zorblax is.", { question: "What does the zorblax eat?", missingFacts: ["the zorblax is a made-up animal"] }],
    [
      "It is unclear what the star refers to.",
      { question: "Who is the star from Harvard?", missingFacts: ["there is a unique star from Harvard"] },
    ],
    // A fact that speaks of reference ("which"), even in passing, keeps the slot: the rule errs towards paying.
    ["It is unclear which penguins are meant.", { ...premise, missingFacts: ["penguins, which cannot fly, swim south"] }],
    // A fact that is a question is the lost part of the question: which thing it asks about may be the gap.
    [
      "It is unclear which chips are meant.",
      { question: "Ian and Lyle divided 100 chips. What percentage", missingFacts: ["What percentage of the chips did Lyle have"] },
    ],
    // More than the thing.
    ["It is unclear what the penguins eat in the winter.", premise],
    ["The problem does not say which penguins in the zoo are meant.", premise],
  ])("%s keeps its slot (%#)", (clarification, annotation) => {
    expect(planClarification(clarification, annotation).namesOnlyThings).toBe(false);
  });
});

describe("statesQuantity, fifteenth round (v33)", () => {
  it("a number given to each of something is a rate, and one compared after its noun counts nothing", () => {
    const haley =
      "In Haley's class some boys love to play marbles. Haley gives 2 marbles to each boy. How many boys did she give the marbles to?";
    expect(statesQuantity(haley, ["marble", "haley", "give", "total"])).toBe(false);
    expect(statesQuantity("Haley gives 12 marbles to her friends. How many boys are there?", ["marble", "haley", "give"])).toBe(true);
    const ryan =
      "Every day Ryan spends hours on learning English. He spends 2 hours more on learning English than on learning Chinese. How many hours does he spend on Chinese?";
    expect(statesQuantity(ryan, ["hour", "spend", "english"])).toBe(false);
  });

  it("most of what sets a slot apart must be in the clause; the first statement is the start, 'left' says 'remaining'", () => {
    const tom =
      "Tom had 9 sweet cookies and 6 salty cookies. He ate 36 sweet cookies and 13 salty cookies. How many salty cookies did Tom have left?";
    expect(statesQuantity(tom, ["cooky", "obtain", "eat"])).toBe(false);
    expect(statesQuantity(tom, ["sweet", "cooky", "initially"])).toBe(true);
    const dave = "Dave had 24 files and 13 apps. He deleted a few of them. He had 17 apps left. How many files did he delete?";
    expect(statesQuantity(dave, ["app", "remain"])).toBe(true);
    // "initially" is not the start when the first statement does not give it.
    const eaters = "Some people came to have a snack. Then 20 new outsiders joined. Half of them left. How many snack eaters are left?";
    expect(statesQuantity(eaters, ["snack", "eater", "initially"])).toBe(false);
  });
});
