/**
 * Every clarification case of the quality bench in one shape: UMWP (split by story), SUM (split by
 * item parity), qaqa and falseqa (split by row parity). The split of every row is fixed by ids
 * alone, before any clarification is read; "fit" rows are the only ones any fitting step sees.
 */
import { cosine } from "../../../src/vector/vector-math.js";
import type { Embedder } from "../../../src/types.js";
import type { ClarificationAnnotation } from "../../../src/types.js";
import { buildFalsePremise, buildSum } from "./cases.js";
import type { ResponseRow, SumRow } from "./cases.js";
import { readJsonl } from "./data.js";
import { buildUmwp } from "./umwp.js";
import type { UmwpRow } from "./umwp.js";

export const SETS = ["umwp", "sum", "qaqa", "falseqa"] as const;
export type SetName = (typeof SETS)[number];

export interface BenchCase {
  set: SetName;
  /** The row the clarification is scored against (its id). */
  item: number;
  /** Rows that must stay on one side of a cross-validation fold: the UMWP story, else the item. */
  group: number;
  split: "fit" | "test";
  /** "positive" or the negative kind. */
  kind: string;
  clarification: string;
  annotation: ClarificationAnnotation;
  question: string;
  category: string;
}

/** Negative kinds that are "easy" (other items, generic refusals); all others are hard. */
export const EASY_KINDS: ReadonlySet<string> = new Set(["other-topic", "generic", "easy-other-item", "easy-generic"]);

/**
 * Kinds reported on their own, never fitted on and left out of the easy/hard aggregates: another
 * variant's clarification where that variant lacks or blurs the same thing (it may be right here
 * too, so it is neither a positive nor a negative), and the hedge (the own clarification with a
 * stated quantity also declared missing) and the topic frame (the question's main things in a vague
 * frame, "unclear about what happened with the apples and the pears"), attack shapes kept out of the
 * fit so that their numbers say what the grounding rules alone make of them; so is the question's
 * ask declared missing in its own words ("The problem doesn't specify how many cookies he had in
 * the beginning."), the cheapest clarification of any question, and a template built from the
 * asked thing alone ("the initial number of cookies or how many cookies were added or removed") or its
 * count declared missing both ways ("how many cookies were bought or sold"), and the question's main
 * things in a vague denial or request ("no evidence that the A has anything to do with the B"), in
 * every set. (Fitting the topic
 * frames was tried: the trees learnt the fit frames but same-story and other-topic lost out of fold.)
 */
export const REPORT_ONLY_KINDS: ReadonlySet<string> = new Set([
  "same-story-blurred-too",
  "hedge",
  "topic-frame",
  "ask-restated",
  "ask-template",
  "both-ways",
  "vague-frame",
]);

/** Loads every case, or null when the shared data is absent. UMWP's other-topic neighbours need the embedder. */
export async function loadBenchCases(embedder: Embedder): Promise<BenchCase[] | null> {
  const umwp = readJsonl<UmwpRow>("umwp-pairs.dev.jsonl");
  const sum = readJsonl<SumRow>("abstain-test-sum.dev.jsonl");
  const responses = readJsonl<ResponseRow>("abstain-cot-responses.dev.jsonl");
  if (umwp === null || sum === null || responses === null) return null;
  // Same topic = nearest questions by the embedder's cosine (other stories only, filtered in buildUmwp).
  const vectors = await embedder.embed(umwp.map((row) => row.unanswerableQuestion));
  const neighbours = umwp.map((_, i) => {
    const mine = vectors[i] as Float32Array;
    return umwp
      .map((_, j) => ({ j, c: j === i ? -2 : cosine(mine, vectors[j] as Float32Array) }))
      .sort((a, b) => b.c - a.c)
      .slice(0, 12)
      .map((x) => x.j);
  });
  const cases: BenchCase[] = buildUmwp(umwp, neighbours).map((c) => ({
    set: "umwp",
    item: c.item,
    group: c.story,
    split: c.split,
    kind: c.kind,
    clarification: c.clarification,
    annotation: c.annotation,
    question: c.question,
    category: c.category,
  }));
  for (const c of [...buildSum(sum), ...buildFalsePremise(responses, "qaqa"), ...buildFalsePremise(responses, "falseqa")]) {
    cases.push({
      set: c.set,
      item: c.item,
      group: c.item,
      split: c.split,
      kind: c.kind,
      clarification: c.clarification,
      annotation: c.annotation,
      question: c.topic,
      category: c.set,
    });
  }
  return cases;
}
