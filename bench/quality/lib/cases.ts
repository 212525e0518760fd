/**
 * The clarification cases of the quality bench: SUM pairs annotated by deriveMissingFacts (reference
 * clarification positive; easy and hard negatives) and the qaqa and falseqa false-premise rows. Deterministic.
 */
import { deriveMissingFacts } from "../../../src/clarification/derive-missing-facts.js";
import { extractClarification } from "../../../src/clarification/extract-clarification.js";
import type { ClarificationAnnotation } from "../../../src/types.js";
import { rng } from "./data.js";
import { GENERIC_REFUSALS, HELD_OUT_REFUSALS, hardNegatives, mainThings, VAGUE_FRAMES } from "./negatives.js";

export interface SumRow {
  answerable_question: string;
  unanswerable_question: string;
  clarification: string;
}
export interface ResponseRow {
  source: string;
  answerable: boolean;
  question: string;
  response: string;
  reference_answers?: string[] | null;
  metadata?: Record<string, unknown> | null;
}

export const KINDS = [
  "positive",
  "easy-other-item",
  "easy-generic",
  "hard-restatement",
  "hard-question-copy",
  "hard-false-claim",
  "hard-other-condition-quoted",
  "hard-other-condition-described",
  "hard-wrong-premise",
  "vague-frame",
] as const;
export type Kind = (typeof KINDS)[number];
export interface Case {
  set: "sum" | "qaqa" | "falseqa";
  item: number;
  split: "fit" | "test";
  kind: Kind;
  clarification: string;
  annotation: ClarificationAnnotation;
  topic: string;
}

/** Wrappers around a copied question: the copy rule must not depend on any one of them. */
export const COPY_WRAPPERS = [
  (q: string) => `The information needed is missing: ${q}`,
  (q: string) => `${q} This cannot be determined from what is given.`,
  (q: string) => `Restating the problem: ${q} Without more, no answer is possible.`,
] as const;

/** A near-verbatim copy: every seventh word dropped. */
export function nearCopy(question: string): string {
  return question
    .split(/\s+/)
    .filter((_, i) => i % 7 !== 3)
    .join(" ");
}
const OTHER_ITEMS = 5;

export function buildSum(rows: SumRow[]): Case[] {
  const random = rng(6);
  const cases: Case[] = [];
  rows.forEach((row, item) => {
    const annotation: ClarificationAnnotation = {
      missingFacts: deriveMissingFacts(row.answerable_question, row.unanswerable_question),
      question: row.unanswerable_question,
    };
    const base = {
      set: "sum" as const,
      item,
      split: item % 2 === 0 ? ("fit" as const) : ("test" as const),
      annotation,
      topic: row.unanswerable_question,
    };
    cases.push({ ...base, kind: "positive", clarification: row.clarification });
    for (let k = 0; k < OTHER_ITEMS; k += 1) {
      let other = Math.floor(random() * rows.length);
      if (other === item) other = (other + 1) % rows.length;
      cases.push({ ...base, kind: "easy-other-item", clarification: rows[other]?.clarification ?? "" });
    }
    for (const refusal of base.split === "fit" ? GENERIC_REFUSALS : HELD_OUT_REFUSALS)
      cases.push({ ...base, kind: "easy-generic", clarification: refusal });
    const hard = hardNegatives(row.answerable_question, row.unanswerable_question);
    cases.push({ ...base, kind: "hard-restatement", clarification: hard.restatement });
    cases.push({
      ...base,
      kind: "hard-question-copy",
      clarification: (COPY_WRAPPERS[item % COPY_WRAPPERS.length] ?? COPY_WRAPPERS[0])(row.unanswerable_question),
    });
    cases.push({
      ...base,
      kind: "hard-question-copy",
      clarification: `The problem does not give enough information. ${nearCopy(row.unanswerable_question)}`,
    });
    cases.push({ ...base, kind: "hard-false-claim", clarification: hard.falseClaim });
    if (hard.otherConditionQuoted !== null)
      cases.push({ ...base, kind: "hard-other-condition-quoted", clarification: hard.otherConditionQuoted });
    if (hard.otherConditionDescribed !== null)
      cases.push({ ...base, kind: "hard-other-condition-described", clarification: hard.otherConditionDescribed });
    const sumThings = mainThings(row.unanswerable_question);
    if (sumThings !== null)
      for (const frame of VAGUE_FRAMES[base.split]) cases.push({ ...base, kind: "vague-frame", clarification: frame(...sumThings) });
  });
  return cases;
}

/** The annotation of one false-premise row: qaqa's questionable assumption, falseqa's first reference answer. */
function premiseOf(row: ResponseRow): { annotation: ClarificationAnnotation; premise: string } | null {
  if (row.source === "qaqa") {
    const assumption = row.metadata?.["QAQA_questionable_assumption"];
    return typeof assumption === "string"
      ? { annotation: { missingFacts: [assumption], question: row.question }, premise: assumption }
      : null;
  }
  const reference = row.reference_answers?.[0];
  return typeof reference === "string" && reference.trim() !== ""
    ? { annotation: { referenceClarification: reference, question: row.question }, premise: reference }
    : null;
}

/**
 * The false-premise rows of one source of the responses file (`qaqa`: annotation = the questionable
 * assumption; `falseqa`: annotation = the first reference answer as `referenceClarification`);
 * positive = the model's own clarification. Split by the row's index in the file: even rows
 * calibrate, odd rows are held out. Hard negatives: a restatement, a false claim (the question
 * itself declared missing) and a premise correction naming another row's premise (right form,
 * wrong assumption).
 */
export function buildFalsePremise(rows: ResponseRow[], source: "qaqa" | "falseqa"): Case[] {
  const random = rng(source === "qaqa" ? 7 : 8);
  // A second stream, so the other-item draws stay those of earlier runs.
  const randomWrong = rng(source === "qaqa" ? 17 : 18);
  const items = rows
    .map((row, index) => ({ row, index, premise: row.source === source && !row.answerable ? premiseOf(row) : null }))
    .flatMap(({ row, index, premise }) =>
      premise === null ? [] : [{ row, index, ...premise, clarification: extractClarification(row.response).text }],
    )
    .filter((entry) => entry.clarification !== "");
  const cases: Case[] = [];
  items.forEach((entry, item) => {
    const base = {
      set: source,
      item: entry.index,
      split: entry.index % 2 === 0 ? ("fit" as const) : ("test" as const),
      annotation: entry.annotation,
      topic: entry.row.question,
    };
    cases.push({ ...base, kind: "positive", clarification: entry.clarification });
    for (let k = 0; k < OTHER_ITEMS; k += 1) {
      let other = Math.floor(random() * items.length);
      if (other === item) other = (other + 1) % items.length;
      cases.push({ ...base, kind: "easy-other-item", clarification: items[other]?.clarification ?? "" });
    }
    for (const refusal of base.split === "fit" ? GENERIC_REFUSALS : HELD_OUT_REFUSALS)
      cases.push({ ...base, kind: "easy-generic", clarification: refusal });
    cases.push({ ...base, kind: "hard-restatement", clarification: `I cannot answer this question: ${entry.row.question}` });
    cases.push({
      ...base,
      kind: "hard-question-copy",
      clarification: (COPY_WRAPPERS[item % COPY_WRAPPERS.length] ?? COPY_WRAPPERS[0])(entry.row.question),
    });
    cases.push({
      ...base,
      kind: "hard-false-claim",
      clarification: `The question does not specify that ${entry.row.question.replace(/[?.!]+$/, "")}.`,
    });
    const wrong = items[(item + 1 + Math.floor(randomWrong() * (items.length - 1))) % items.length]?.premise ?? "";
    const claim = source === "qaqa" ? `it wrongly assumes that ${wrong.replace(/[?.!]+$/, "")}, which is not true.` : wrong;
    cases.push({ ...base, kind: "hard-wrong-premise", clarification: `This question contains a factual error: ${claim}` });
    const things = mainThings(entry.row.question);
    if (things !== null)
      for (const frame of VAGUE_FRAMES[base.split]) cases.push({ ...base, kind: "vague-frame", clarification: frame(...things) });
  });
  return cases;
}
