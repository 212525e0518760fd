import { describe, expect, it } from "vitest";
import {
  AGREEMENT,
  answerDataPresent,
  caseOptions,
  loadAgreementRows,
  loadMathVerifyCases,
  type AgreementRow,
} from "../bench/answer-data.js";
import { MATH_VERIFY_WRONG } from "../bench/answer-mv-wrong.js";
import { answersMatch } from "../src/answer/answers-match.js";
import { extractAnswer } from "../src/answer/extract-answer.js";
import { parseGold } from "../src/answer/parsed-gold.js";
import { scoreAnswer } from "../src/answer/score-answer.js";

const REQUIRED = 0.99;
const WRONG = new Set(MATH_VERIFY_WRONG.map((row) => row.id));

function verdict(row: AgreementRow): 0 | 1 {
  return scoreAnswer(row.pred, row.gold).score === 1 ? 1 : 0;
}

describe.skipIf(!answerDataPresent())(`agreement with Math-Verify on real checks (needs ${AGREEMENT}; skipped when absent)`, () => {
  const rows = answerDataPresent() ? loadAgreementRows() : [];

  it.each([
    ["rows used to write the rules", false],
    ["held-out rows", true],
  ] as const)(`agrees on at least ${REQUIRED * 100}%% of the %s, documented Math-Verify errors aside`, (_name, heldOut) => {
    const part = rows.filter((row) => row.heldOut === heldOut);
    const counted = part.filter((row) => !WRONG.has(row.id));
    const agree = counted.filter((row) => verdict(row) === row.mathVerify).length;
    const wrongHere = part.length - counted.length;
    console.log(
      `${heldOut ? "held-out" : "in-sample"}: ${agree}/${counted.length} = ${((100 * agree) / counted.length).toFixed(2)}% (+${wrongHere} documented Math-Verify errors)`,
    );
    expect(agree / counted.length).toBeGreaterThanOrEqual(REQUIRED);
  });

  it("accepts no near miss: every accepted row that Math-Verify rejects is a documented Math-Verify error", () => {
    const accepted = rows.filter((row) => row.mathVerify === 0 && verdict(row) === 1).map((row) => row.id);
    expect(accepted.filter((id) => !WRONG.has(id))).toEqual([]);
  });

  it("every documented Math-Verify error is a row of the corpus where scoreAnswer differs from it", () => {
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { id } of MATH_VERIFY_WRONG) {
      const row = byId.get(id);
      expect(row, id).toBeDefined();
      if (row !== undefined) expect(verdict(row), id).not.toBe(row.mathVerify);
    }
  });
});

describe.skipIf(!answerDataPresent())("the parse-once API agrees with scoreAnswer on every case", () => {
  it("parseGold + scoreAnswer, and extractAnswer + answersMatch, give scoreAnswer's result", () => {
    const jobs = [
      ...loadAgreementRows().map((row) => ({ pred: row.pred, gold: row.gold, options: {} })),
      ...loadMathVerifyCases().map((c) => ({ pred: c.pred, gold: c.gold, options: caseOptions(c) })),
    ];
    let compared = 0;
    for (const job of jobs) {
      const direct = scoreAnswer(job.pred, job.gold, job.options);
      const gold = parseGold(job.gold, job.options);
      expect(scoreAnswer(job.pred, gold), job.pred.slice(-80)).toEqual(direct);
      expect(answersMatch(gold, extractAnswer(job.pred, job.options)), job.pred.slice(-80)).toEqual(direct);
      compared += 1;
    }
    expect(compared).toBe(jobs.length);
    expect(compared).toBeGreaterThan(2000);
  });
});
