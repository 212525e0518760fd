import { describe, expect, it } from "vitest";
import { scoreBatch } from "../src/reward/score-batch.js";
import type { ClarificationVerifier, Sample } from "../src/types.js";

/**
 * Golden tests for every difference between the fixed mode and `compat: "reference"` that the
 * README lists ("Fixed mode and the reference"), one row per difference, same example.
 */

const wrap = (answer: string): string => `Working.\n</thinking>\n<answer>${answer}</answer>`;
const acceptAll: ClarificationVerifier = {
  name: "accept-all",
  verify: async (requests) => requests.map(() => ({ score: 1, verified: true, perFact: [], reason: "stub" })),
};
const failing: ClarificationVerifier = {
  name: "failing",
  verify: async () => {
    throw new Error("judge down");
  },
};
const UNANSWERABLE = { answerable: false, question: "How long does the trip take?", missingFacts: ["the speed of the train"] } as const;

interface Row {
  name: string;
  sample: Sample;
  fixed: number | "InputError";
  reference: number;
  verifier?: ClarificationVerifier;
}

const ROWS: Row[] = [
  {
    name: "marker spellings: a curly apostrophe earns the bonus",
    sample: { ...UNANSWERABLE, response: wrap("\\boxed{I don’t know}") },
    fixed: 1.3,
    reference: 1,
  },
  {
    name: "marker spellings: an escaped apostrophe earns the bonus",
    sample: { ...UNANSWERABLE, response: wrap("\\boxed{I don\\'t know}") },
    fixed: 1.3,
    reference: 1,
  },
  {
    name: "marker spellings: a \\text wrapper earns the bonus",
    sample: { ...UNANSWERABLE, response: wrap("\\boxed{\\text{I don't know}}") },
    fixed: 1.3,
    reference: 1,
  },
  {
    name: "the penalty follows the marker: any spelling on an answerable question",
    sample: { answerable: true, goldAnswer: "12", response: wrap("\\boxed{i dont know} so \\boxed{12}") },
    fixed: 0,
    reference: 2,
  },
  {
    name: "the answer check reads short text",
    sample: { answerable: true, goldAnswer: "Paris", response: wrap("Paris") },
    fixed: 1,
    reference: 0,
  },
  {
    name: "the prefix rule strips JavaScript whitespace, the reference Python's",
    sample: { answerable: true, goldAnswer: "4", response: "\ufeff<thinking>x</thinking><answer>\\boxed{4}</answer>" },
    fixed: 2,
    reference: 0,
  },
  {
    name: "format counts a \\boxed 5 the scanner reads",
    sample: { answerable: true, goldAnswer: "5", response: wrap("\\boxed 5") },
    fixed: 2,
    reference: 1,
  },
  { name: "\\BOXED is not a LaTeX box", sample: { ...UNANSWERABLE, response: wrap("\\BOXED{I don't know}") }, fixed: 0, reference: 0.3 },
  {
    name: "an upper-case <ANSWER> in the reasoning does not open the answer",
    sample: {
      answerable: true,
      goldAnswer: "4",
      response: "The <ANSWER> is unclear, I don't know yet.</thinking><answer>\\boxed{4}</answer>",
    },
    fixed: 2,
    reference: 0,
  },
  {
    name: "a missing annotation is an error, not a bonus that never fires",
    sample: { answerable: false, response: wrap("\\boxed{I don't know} The speed is not given.") },
    fixed: "InputError",
    reference: 1.3,
    verifier: acceptAll,
  },
  {
    name: "a verifier failure is its own reason, not a silent 0",
    sample: { ...UNANSWERABLE, response: wrap("\\boxed{I don't know} The speed is not given.") },
    fixed: 1.3,
    reference: 1.3,
    verifier: failing,
  },
];

describe("fixed mode vs compat reference", () => {
  it.each(ROWS)("$name", async (row) => {
    const options = row.verifier === undefined ? {} : { verifier: row.verifier };
    const [reference] = await scoreBatch([row.sample], { ...options, compat: "reference" });
    expect(reference?.reward).toBeCloseTo(row.reference, 10);
    if (row.fixed === "InputError") {
      await expect(scoreBatch([row.sample], options)).rejects.toThrow(/missingFacts/);
    } else {
      const [fixed] = await scoreBatch([row.sample], options);
      expect(fixed?.reward).toBeCloseTo(row.fixed, 10);
    }
  });

  it("names a verifier failure only in fixed mode", async () => {
    const sample = { ...UNANSWERABLE, response: wrap("\\boxed{I don't know} The speed is not given.") };
    const [fixed] = await scoreBatch([sample], { verifier: failing });
    const [reference] = await scoreBatch([sample], { verifier: failing, compat: "reference" });
    expect(fixed?.reason).toBe("abstained-verifier-error");
    expect(reference?.reason).toBe("abstained-unclarified");
  });
});
