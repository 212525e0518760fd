/**
 * The clarification cases of the quality bench: SUM pairs annotated by deriveMissingFacts (reference
 * clarification positive; easy and hard negatives) and the qaqa false-premise rows. Deterministic.
 */
import { deriveMissingFacts } from "../../../src/clarification/derive-missing-facts.js";
import { extractClarification } from "../../../src/clarification/extract-clarification.js";
import type { ClarificationAnnotation } from "../../../src/types.js";
import { rng } from "./data.js";
import { GENERIC_REFUSALS, hardNegatives } from "./negatives.js";

export interface SumRow { answerable_question: string; unanswerable_question: string; clarification: string }
export interface ResponseRow { source: string; answerable: boolean; question: string; response: string; metadata?: Record<string, unknown> | null }

export const KINDS = ["positive", "easy-other-item", "easy-generic", "hard-restatement", "hard-false-claim", "hard-other-condition-quoted", "hard-other-condition-described"] as const;
export type Kind = (typeof KINDS)[number];
export interface Case { set: "sum" | "qaqa"; item: number; split: "calibration" | "test"; kind: Kind; clarification: string; annotation: ClarificationAnnotation; topic: string }
const OTHER_ITEMS = 5;

export function buildSum(rows: SumRow[]): Case[] {
  const random = rng(6);
  const cases: Case[] = [];
  rows.forEach((row, item) => {
    const annotation: ClarificationAnnotation = { missingFacts: deriveMissingFacts(row.answerable_question, row.unanswerable_question), question: row.unanswerable_question };
    const base = { set: "sum" as const, item, split: item % 2 === 0 ? ("calibration" as const) : ("test" as const), annotation, topic: row.unanswerable_question };
    cases.push({ ...base, kind: "positive", clarification: row.clarification });
    for (let k = 0; k < OTHER_ITEMS; k += 1) {
      let other = Math.floor(random() * rows.length);
      if (other === item) other = (other + 1) % rows.length;
      cases.push({ ...base, kind: "easy-other-item", clarification: rows[other]?.clarification ?? "" });
    }
    for (const refusal of GENERIC_REFUSALS) cases.push({ ...base, kind: "easy-generic", clarification: refusal });
    const hard = hardNegatives(row.answerable_question, row.unanswerable_question);
    cases.push({ ...base, kind: "hard-restatement", clarification: hard.restatement });
    cases.push({ ...base, kind: "hard-false-claim", clarification: hard.falseClaim });
    if (hard.otherConditionQuoted !== null) cases.push({ ...base, kind: "hard-other-condition-quoted", clarification: hard.otherConditionQuoted });
    if (hard.otherConditionDescribed !== null) cases.push({ ...base, kind: "hard-other-condition-described", clarification: hard.otherConditionDescribed });
  });
  return cases;
}

export function buildQaqa(rows: ResponseRow[]): Case[] {
  const random = rng(7);
  const items = rows
    .filter((row) => row.source === "qaqa" && !row.answerable && typeof row.metadata?.["QAQA_questionable_assumption"] === "string")
    .map((row) => ({ row, assumption: String(row.metadata?.["QAQA_questionable_assumption"]), clarification: extractClarification(row.response).text }))
    .filter((entry) => entry.clarification !== "");
  const cases: Case[] = [];
  items.forEach((entry, item) => {
    const annotation: ClarificationAnnotation = { missingFacts: [entry.assumption], question: entry.row.question };
    const base = { set: "qaqa" as const, item, split: "test" as const, annotation, topic: entry.row.question };
    cases.push({ ...base, kind: "positive", clarification: entry.clarification });
    for (let k = 0; k < OTHER_ITEMS; k += 1) {
      let other = Math.floor(random() * items.length);
      if (other === item) other = (other + 1) % items.length;
      cases.push({ ...base, kind: "easy-other-item", clarification: items[other]?.clarification ?? "" });
    }
    for (const refusal of GENERIC_REFUSALS) cases.push({ ...base, kind: "easy-generic", clarification: refusal });
    cases.push({ ...base, kind: "hard-restatement", clarification: `I cannot answer this question: ${entry.row.question}` });
    cases.push({ ...base, kind: "hard-false-claim", clarification: `The question does not specify that ${entry.row.question.replace(/[?.!]+$/, "")}.` });
  });
  return cases;
}

