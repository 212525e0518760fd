/**
 * The answer-checking data sets of ../shared/data, loaded for the answer bench and tests, with the
 * held-out split of the agreement corpus fixed before any rule was written:
 *   - `math-verify-cases.all.json`: every case of Math-Verify's test suite; those also in
 *     `math-verify-cases.dev.json` were used to develop the rules, the others are out of sample;
 *   - `answer-agreement.dev.jsonl`: checks labelled by Math-Verify 0.8.0; a row is held out when
 *     the first byte of sha256("answer-split:" + id) is divisible by 5 (about 20% of rows, whatever
 *     their source or type). Held-out rows were never read while writing rules.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ScoreAnswerOptions } from "../src/answer/options.js";

/** The shared data folder beside the repository. */
export const DATA_DIR = resolve(import.meta.dirname, "..", "..", "shared", "data");
export const ALL_CASES = resolve(DATA_DIR, "math-verify-cases.all.json");
export const DEV_CASES = resolve(DATA_DIR, "math-verify-cases.dev.json");
export const AGREEMENT = resolve(DATA_DIR, "answer-agreement.dev.jsonl");
export const RESPONSES = resolve(DATA_DIR, "abstain-cot-responses.dev.jsonl");

/** One case of Math-Verify's test suite. */
export interface MathVerifyCase {
  gold: string;
  pred: string;
  expected: 0 | 1;
  match_types?: ("latex" | "expr")[];
  precision?: number;
  strict?: boolean;
  allow_set_relation_comp?: boolean;
  source: string;
  /** Also in the 193-case dev file (used while writing the rules). */
  inDev: boolean;
}

/** One row of the agreement corpus. */
export interface AgreementRow {
  id: string;
  source: string;
  type: string;
  gold: string;
  pred: string;
  mathVerify: 0 | 1;
  /** Kept out of every rule-writing step. */
  heldOut: boolean;
}

/** Whether the data files are present (tests and benches skip with a message otherwise). */
export function answerDataPresent(): boolean {
  return existsSync(ALL_CASES) && existsSync(DEV_CASES) && existsSync(AGREEMENT);
}

function caseKey(c: Omit<MathVerifyCase, "inDev">): string {
  return JSON.stringify([
    c.gold,
    c.pred,
    c.expected,
    c.match_types ?? null,
    c.precision ?? null,
    c.strict ?? null,
    c.allow_set_relation_comp ?? null,
  ]);
}

/** Every Math-Verify case, each marked with whether the dev file holds it. */
export function loadMathVerifyCases(): MathVerifyCase[] {
  const dev = new Set((JSON.parse(readFileSync(DEV_CASES, "utf8")) as Omit<MathVerifyCase, "inDev">[]).map(caseKey));
  const all = JSON.parse(readFileSync(ALL_CASES, "utf8")) as Omit<MathVerifyCase, "inDev">[];
  return all.map((c) => ({ ...c, inDev: dev.has(caseKey(c)) }));
}

/** The scoreAnswer options of a Math-Verify case (no `match_types` means Math-Verify's default, both). */
export function caseOptions(c: MathVerifyCase): ScoreAnswerOptions {
  const options: ScoreAnswerOptions = {};
  if (c.match_types !== undefined) options.matchTypes = c.match_types;
  if (c.precision !== undefined) options.precision = c.precision;
  if (c.strict !== undefined) options.strict = c.strict;
  if (c.allow_set_relation_comp !== undefined) options.allowSetRelationComp = c.allow_set_relation_comp;
  return options;
}

/** Whether a row of the agreement corpus is held out (decided by its id alone). */
export function isHeldOut(id: string): boolean {
  const first = createHash("sha256").update(`answer-split:${id}`).digest()[0] ?? 0;
  return first % 5 === 0;
}

/** Every row of the agreement corpus, each marked held out or not. */
export function loadAgreementRows(): AgreementRow[] {
  return readFileSync(AGREEMENT, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Omit<AgreementRow, "heldOut">)
    .map((row) => ({ ...row, heldOut: isHeldOut(row.id) }));
}
