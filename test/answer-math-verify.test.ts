import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreAnswer } from "../src/answer/score-answer.js";
import type { ScoreAnswerOptions } from "../src/answer/options.js";

/** Math-Verify's own test cases (MIT), kept in ../shared/data beside the repository, never in it. */
const DATA = resolve(import.meta.dirname, "../../shared/data/math-verify-cases.dev.json");
const REQUIRED_AGREEMENT = 0.97;

interface MathVerifyCase {
  gold: string;
  pred: string;
  expected: 0 | 1;
  match_types: ("latex" | "expr")[];
  precision?: number;
  strict?: boolean;
  allow_set_relation_comp?: boolean;
  source?: string;
}

function optionsOf(c: MathVerifyCase): ScoreAnswerOptions {
  const options: ScoreAnswerOptions = { matchTypes: c.match_types };
  if (c.precision !== undefined) options.precision = c.precision;
  if (c.strict !== undefined) options.strict = c.strict;
  if (c.allow_set_relation_comp !== undefined) options.allowSetRelationComp = c.allow_set_relation_comp;
  return options;
}

describe.skipIf(!existsSync(DATA))(`scoreAnswer agrees with Math-Verify (needs ${DATA}; skipped when absent)`, () => {
  const cases = existsSync(DATA) ? (JSON.parse(readFileSync(DATA, "utf8")) as MathVerifyCase[]) : [];

  it(`agrees on at least ${REQUIRED_AGREEMENT * 100}% of the ${cases.length} cases`, () => {
    const misses: string[] = [];
    for (const [index, c] of cases.entries()) {
      const result = scoreAnswer(c.pred, c.gold, optionsOf(c));
      const got = result.score === 1 ? 1 : 0;
      if (got !== c.expected) {
        misses.push(`#${index} expected ${c.expected}, got ${String(result.score)}: ${result.reason} [${c.source ?? ""}]`);
      }
    }
    const agreement = (cases.length - misses.length) / cases.length;
    console.log(`Math-Verify agreement: ${cases.length - misses.length}/${cases.length} = ${(agreement * 100).toFixed(1)}%`);
    if (misses.length > 0) console.log(`Missed cases:\n${misses.join("\n")}`);
    expect(agreement).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
  });

  it("never throws and always returns a score on these cases", () => {
    for (const c of cases) {
      const result = scoreAnswer(c.pred, c.gold, optionsOf(c));
      expect([0, 1, null]).toContain(result.score);
      expect(result.reason).toMatch(/\.$/);
    }
  });
});
