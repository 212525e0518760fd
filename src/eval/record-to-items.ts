import type { CompatMode } from "../types.js";
import type { EvalItem, EvalProtocol } from "./eval-types.js";
import { OUTPUT_FIELDS } from "./protocol-schemas.js";
import type { RecordIssue } from "./validate-record.js";

/** Derives the missing facts of a paired unanswerable question (SUM). */
export type MissingFactsDeriver = (answerableQuestion: string, unanswerableQuestion: string) => readonly string[];

/** Options of {@link recordToItems}. */
export interface RecordToItemsOptions {
  protocol: EvalProtocol;
  /** `fixed` requires a clarification annotation on unanswerable items. @default "fixed" */
  compat?: CompatMode;
  /** SUM: annotates the unanswerable variant; without one only the reference clarification is used. */
  deriveMissingFacts?: MissingFactsDeriver;
}

/** Outcome of {@link recordToItems}. */
export type ItemsCheck = { ok: true; items: EvalItem[] } | { ok: false; issues: RecordIssue[] };

function str(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** A gold answer field as a list of non-empty strings. */
function goldList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(str).filter((entry): entry is string => entry !== null && entry.trim() !== "");
}

/** The value of the one alias of an output group present in the record (validated before). */
function output(record: Record<string, unknown>, group: readonly string[]): string {
  for (const name of group) {
    const value = record[name];
    if (typeof value === "string") return value;
  }
  return "";
}

function base(line: number, id: string | null, dataset: string): Pick<EvalItem, "line" | "id" | "dataset"> {
  return { line, id, dataset };
}

function abstainTestItems(record: Record<string, unknown>, line: number, compat: CompatMode): ItemsCheck {
  const answerable = record.should_abstain === false;
  const gold = goldList(record.answer);
  const clarification = str(record.clarification)?.trim() ?? "";
  if (answerable && gold.length === 0) {
    return {
      ok: false,
      issues: [{ field: "answer", message: "is empty or null but should_abstain is false: an answerable item needs its gold answer" }],
    };
  }
  if (!answerable && clarification === "" && compat === "fixed") {
    return {
      ok: false,
      issues: [
        {
          field: "clarification",
          message:
            "is empty or null but should_abstain is true: the clarification check needs the reference clarification (pass --compat reference to grade without it)",
        },
      ],
    };
  }
  const item: EvalItem = {
    ...base(line, str(record.id), str(record.dataset) ?? "abstain-test"),
    variant: null,
    answerable,
    response: output(record, OUTPUT_FIELDS["abstain-test"][0] ?? []),
    question: str(record.question),
    gold: answerable ? gold : [],
    referenceClarification: answerable || clarification === "" ? null : clarification,
    missingFacts: [],
  };
  return { ok: true, items: [item] };
}

function sumItems(record: Record<string, unknown>, line: number, options: RecordToItemsOptions): ItemsCheck {
  const gold = goldList(record.ground_truth);
  if (gold.length === 0)
    return { ok: false, issues: [{ field: "ground_truth", message: "is empty: the answerable variant needs its gold answer" }] };
  const answerableQuestion = str(record.answerable_question) ?? "";
  const unanswerableQuestion = str(record.unanswerable_question) ?? "";
  const clarification = str(record.clarification)?.trim() ?? "";
  const facts = options.deriveMissingFacts?.(answerableQuestion, unanswerableQuestion) ?? [];
  const missingFacts = facts.filter((fact) => fact.trim() !== "");
  if (clarification === "" && missingFacts.length === 0 && (options.compat ?? "fixed") === "fixed") {
    return {
      ok: false,
      issues: [
        {
          field: "clarification",
          message:
            "is empty and no missing fact could be derived from the question pair: the clarification check has nothing to compare with (pass --compat reference to grade without it)",
        },
      ],
    };
  }
  const [answerableGroup = [], unanswerableGroup = []] = OUTPUT_FIELDS.sum;
  const common = base(line, str(record.id), str(record.dataset) ?? "sum");
  return {
    ok: true,
    items: [
      {
        ...common,
        variant: "answerable",
        answerable: true,
        response: output(record, answerableGroup),
        question: answerableQuestion,
        gold,
        referenceClarification: null,
        missingFacts: [],
      },
      {
        ...common,
        variant: "unanswerable",
        answerable: false,
        response: output(record, unanswerableGroup),
        question: unanswerableQuestion,
        gold: [],
        referenceClarification: clarification === "" ? null : clarification,
        missingFacts,
      },
    ],
  };
}

function selfAwareItems(record: Record<string, unknown>, line: number): ItemsCheck {
  const answerable = record.answerable === true;
  const gold = goldList(record.answer);
  if (answerable && gold.length === 0) {
    return {
      ok: false,
      issues: [{ field: "answer", message: "is empty or null but answerable is true: an answerable item needs its accepted answers" }],
    };
  }
  const item: EvalItem = {
    ...base(line, str(record.question_id), str(record.source) ?? "selfaware"),
    variant: null,
    answerable,
    response: output(record, OUTPUT_FIELDS.selfaware[0] ?? []),
    question: str(record.question),
    gold: answerable ? gold : [],
    referenceClarification: null,
    missingFacts: [],
  };
  return { ok: true, items: [item] };
}

/**
 * Turns one validated (and joined) record into the items to grade: one per record, two for a
 * SUM pair (its answerable and unanswerable variants).
 * @param record - A record that passed `validateRecord` (and `joinRecord` when a reference is used).
 * @param line - Its 1-based line number.
 * @param options - Protocol, compat mode, and the SUM missing-fact deriver.
 * @returns The items, or issues naming the field that makes the record ungradeable.
 * @example
 * recordToItems({ question: "2+2?", answer: "4", should_abstain: false, clarification: null, dataset: "gsm8k", response: "…" }, 1, { protocol: "abstain-test" });
 */
export function recordToItems(record: Record<string, unknown>, line: number, options: RecordToItemsOptions): ItemsCheck {
  switch (options.protocol) {
    case "abstain-test":
      return abstainTestItems(record, line, options.compat ?? "fixed");
    case "sum":
      return sumItems(record, line, options);
    case "selfaware":
      return selfAwareItems(record, line);
  }
}
