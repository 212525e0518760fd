/**
 * The UMWP clarification cases of the quality bench (`../shared/data/umwp-pairs.dev.jsonl`):
 * stories, the held-out split, and the positive and negative kinds. Deterministic; the split is
 * decided from story ids alone (a hash), before any row's clarification is read.
 */
import { deriveMissingFacts } from "../../../src/clarification/derive-missing-facts.js";
import { diffKeys } from "../../../src/clarification/diff-tokens.js";
import { nameTokens } from "../../../src/clarification/grounding.js";
import { extractClarification } from "../../../src/clarification/extract-clarification.js";
import { isContent, stem, tokenize } from "../../../src/clarification/tokens.js";
import { splitSentences } from "../../../src/text/sentences.js";
import type { ClarificationAnnotation } from "../../../src/types.js";
import { fnv1a, rng } from "./data.js";
import { COPY_WRAPPERS, nearCopy } from "./cases.js";
import { askedThing, askRestated, askTemplate, mainThings, VAGUE_FRAMES } from "./negatives.js";
import { GENERIC_REFUSALS, HELD_OUT_REFUSALS } from "./negatives.js";

export interface UmwpRow {
  id: number;
  category: string;
  answerableQuestion: string;
  unanswerableQuestion: string;
  response: string;
}

export const UMWP_KINDS = [
  "positive",
  "same-story",
  "same-story-blurred-too",
  "other-topic",
  "other-entity",
  "stated-claim",
  "topic-frame",
  "hedge",
  "ask-restated",
  "ask-template",
  "both-ways",
  "vague-frame",
  "restatement",
  "question-copy",
  "generic",
] as const;
export type UmwpKind = (typeof UMWP_KINDS)[number];

export interface UmwpCase {
  set: "umwp";
  /** The problem the clarification is scored against. */
  item: number;
  story: number;
  split: "fit" | "test";
  kind: UmwpKind;
  category: string;
  clarification: string;
  annotation: ClarificationAnnotation;
  question: string;
}

const STORY_JACCARD = 0.4;
/** Share of stories held out of every fitting step. */
export const HELD_OUT_SHARE = 0.4;

function contentKeys(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .filter((t) => isContent(t) && t.type !== "number")
      .map((t) => stem(t.key)),
  );
}

/**
 * Stories: problems whose answerable questions share at least 40% of their content words (numbers
 * left out, so SVAMP variants with other numbers join), closed transitively (union-find).
 * @returns The story id (smallest row id of the component) of every row.
 */
export function stories(rows: readonly UmwpRow[]): number[] {
  const keys = rows.map((row) => contentKeys(row.answerableQuestion));
  const parent = rows.map((_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (let i = 0; i < rows.length; i += 1) {
    for (let j = i + 1; j < rows.length; j += 1) {
      const a = keys[i] as Set<string>;
      const b = keys[j] as Set<string>;
      let shared = 0;
      for (const key of a) if (b.has(key)) shared += 1;
      if (shared / Math.max(1, a.size + b.size - shared) >= STORY_JACCARD) parent[find(i)] = find(j);
    }
  }
  const minId = new Map<number, number>();
  rows.forEach((row, i) => {
    const root = find(i);
    minId.set(root, Math.min(minId.get(root) ?? Number.POSITIVE_INFINITY, row.id));
  });
  return rows.map((_, i) => minId.get(find(i)) ?? 0);
}

/** FNV-1a of the story id: the held-out split depends on nothing but the id. */
export function isHeldOutStory(story: number): boolean {
  return (fnv1a(String(story)) % 1000) / 1000 < HELD_OUT_SHARE;
}

/** Stemmed keys an edit touched, on either side. */
function editKeys(row: UmwpRow): Set<string> {
  const a = tokenize(row.answerableQuestion);
  const b = tokenize(row.unanswerableQuestion);
  const keys = new Set<string>();
  for (const hunk of diffKeys(
    a.map((t) => t.key),
    b.map((t) => t.key),
  )) {
    for (const t of a.slice(hunk.aStart, hunk.aEnd)) if (isContent(t)) keys.add(stem(t.key));
    for (const t of b.slice(hunk.bStart, hunk.bEnd)) if (isContent(t)) keys.add(stem(t.key));
  }
  return keys;
}

/** Token keys with every number read as one placeholder, so variants of a story with other numbers align. */
function shapeKeys(text: string): string[] {
  return tokenize(text).map((t) => (t.type === "number" ? "#" : t.key));
}

/** A hunk's span in the first sequence, never empty (an insertion covers the token before it). */
function span(hunk: { aStart: number; aEnd: number }): [number, number] {
  return hunk.aEnd > hunk.aStart ? [hunk.aStart, hunk.aEnd] : [hunk.aStart - 1, hunk.aStart + 1];
}

/**
 * Whether problem `other` of the same story still says, as `row`'s answerable original did
 * (numbers aside), what `row`'s edit removed or blurred: the places `row`'s edit touched in its
 * original and the places where `other`'s unanswerable question departs from that original share
 * no token. When they do share one, `other` lacks or blurs the same thing (in the same or other
 * words: "He ate some of them" in both), so `row`'s clarification may be right for `other` too and
 * the pair is no same-story negative. Deterministic; reads no clarification.
 */
export function keepsRemovedFact(row: UmwpRow, other: UmwpRow): boolean {
  const original = shapeKeys(row.answerableQuestion);
  const removed = diffKeys(original, shapeKeys(row.unanswerableQuestion)).map(span);
  const departs = diffKeys(original, shapeKeys(other.unanswerableQuestion)).map(span);
  return !removed.some(([lo, hi]) => departs.some(([from, to]) => lo < to && from < hi));
}

/** Names of a question as written (capitalized words used as names, see nameTokens), at least three letters. */
function names(text: string): string[] {
  const keys = new Set(nameTokens(text));
  return [...new Set([...text.matchAll(/\b[A-Z][a-z]{2,14}\b/g)].map((m) => m[0]).filter((w) => keys.has(w.toLowerCase())))];
}

/**
 * A clarification that declares a stated quantity missing: "the number of <words after a stated
 * number>", the words taken from the number's own sentence ("Tom had 40 cookies. He ate some" gives
 * "cookies", not "cookies ate": how many he ate is not stated).
 */
function statedClaim(row: UmwpRow, edited: Set<string>): string | null {
  const tokens = tokenize(row.unanswerableQuestion);
  const ends = splitSentences(row.unanswerableQuestion).map((sentence) => sentence.end);
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t?.type !== "number" || edited.has(t.key)) continue;
    const end = ends.find((at) => at > t.start) ?? Number.POSITIVE_INFINITY;
    const words = tokens
      .slice(i + 1, i + 5)
      .filter((w) => w.start < end && w.type === "word" && isContent(w) && !edited.has(stem(w.key)))
      .slice(0, 2);
    if (words.length === 0) continue;
    return `The problem doesn't specify the number of ${words.map((w) => w.key).join(" ")}, so the answer cannot be determined.`;
  }
  return null;
}

/**
 * Vague frames around the question's own things: they name what the question talks of without
 * saying what about it is missing, which needs no reading of the question. The fit rows and the
 * held-out rows use different frames, so the held-out pass rate measures frames never fitted on.
 */
const TOPIC_FRAMES: Record<"fit" | "test", readonly ((a: string, b: string) => string)[]> = {
  fit: [
    (a, b) => `The problem is unclear about what happened with the ${a} and the ${b}.`,
    (a, b) => `I need more details regarding the ${a} situation and the ${b} situation to answer.`,
    (a, b) => `The problem does not explain the ${a} part or the ${b} part.`,
  ],
  test: [
    (a, b) => `The problem does not make clear what is going on with the ${a} and the ${b}.`,
    (a, b) => `Something about the ${a} and the ${b} is not specified, so I cannot answer.`,
    (a, b) => `Without knowing more about the ${a} and the ${b} circumstances, I cannot answer.`,
  ],
};

/**
 * The asked thing's count declared missing both ways ("how many cookies were bought or sold"): it
 * fits whatever change the question blurred, without reading it. The held-out frames differ from the
 * fit rows' frames, and one of them ("put in or taken out") uses a pair the verifier's list of
 * opposite changes does not hold, so the held-out rate shows what a new wording earns.
 */
const BOTH_WAYS_FRAMES: Record<"fit" | "test", readonly ((thing: string) => string)[]> = {
  fit: [
    (x) => `It is unclear how many ${x} there were before or after the change.`,
    (x) => `The problem does not say how many ${x} were bought or sold.`,
    (x) => `The problem does not say how many ${x} there were at first or how many ${x} there are now.`,
  ],
  test: [
    (x) => `The problem does not tell us how many ${x} were gained or lost.`,
    (x) => `We are not told how many ${x} were put in or taken out.`,
    (x) => `It is not stated how many ${x} there were at the start and at the end.`,
  ],
};

/**
 * Every UMWP case: the own clarification (positive) and the negatives — another problem of the same
 * story whose edit touches other words and which still says what this problem's edit removed
 * (`same-story`; when it lacks or blurs the same thing, `same-story-blurred-too`, not a labelled
 * negative: see {@link keepsRemovedFact}), the two nearest problems of other stories by
 * question cosine (`other-topic`, needs `neighbours`), the own clarification with the question's names
 * replaced by another story's (`other-entity`), a stated quantity declared missing (`stated-claim`), the
 * own clarification followed by that claim (`hedge`, reported only: see REPORT_ONLY_KINDS), the
 * question's ask declared missing in its own words (`ask-restated`, reported only), a template
 * built from the asked thing alone (`ask-template`, reported only), the asked thing's count declared
 * missing both ways (`both-ways`, reported only), the question's main things in a vague denial or
 * request (`vague-frame`, reported only),
 * a restatement, a copy of the question in a wrapper or nearly verbatim (`question-copy`), and the generic refusals.
 * @param rows - The UMWP rows.
 * @param neighbours - For each row, other rows ordered by question similarity (nearest first).
 * @returns The cases.
 */
export function buildUmwp(rows: readonly UmwpRow[], neighbours: readonly (readonly number[])[]): UmwpCase[] {
  const story = stories(rows);
  const random = rng(21);
  const facts = rows.map((row) => deriveMissingFacts(row.answerableQuestion, row.unanswerableQuestion));
  const edits = rows.map(editKeys);
  const clarifications = rows.map((row) => extractClarification(row.response).text);
  const cases: UmwpCase[] = [];
  rows.forEach((row, i) => {
    const storyId = story[i] ?? 0;
    const annotation: ClarificationAnnotation = { missingFacts: facts[i] ?? [], question: row.unanswerableQuestion };
    const base = {
      set: "umwp" as const,
      item: row.id,
      story: storyId,
      split: isHeldOutStory(storyId) ? ("test" as const) : ("fit" as const),
      category: row.category,
      annotation,
      question: row.unanswerableQuestion,
    };
    const own = clarifications[i] ?? "";
    if (own !== "") cases.push({ ...base, kind: "positive", clarification: own });
    rows.forEach((other, j) => {
      if (j === i || story[j] !== storyId || other.unanswerableQuestion === row.unanswerableQuestion) return;
      const mine = edits[i] as Set<string>;
      if ([...(edits[j] as Set<string>)].some((key) => mine.has(key))) return;
      const text = clarifications[j] ?? "";
      // Where the other variant lacks or blurs the same thing, its clarification may be right here too: reported apart, never fitted on.
      if (text !== "")
        cases.push({ ...base, kind: keepsRemovedFact(row, other) ? "same-story" : "same-story-blurred-too", clarification: text });
    });
    for (const j of (neighbours[i] ?? []).filter((j) => story[j] !== storyId).slice(0, 2)) {
      const text = clarifications[j] ?? "";
      if (text !== "") cases.push({ ...base, kind: "other-topic", clarification: text });
    }
    const mineNames = names(row.unanswerableQuestion);
    if (own !== "" && mineNames.length > 0) {
      const pool = rows
        .flatMap((other, j) => (story[j] === storyId ? [] : names(other.unanswerableQuestion)))
        .filter((n) => !row.unanswerableQuestion.includes(n));
      let swapped = own;
      for (const name of mineNames) swapped = swapped.split(name).join(pool[Math.floor(random() * pool.length)] ?? "Someone");
      if (swapped !== own) cases.push({ ...base, kind: "other-entity", clarification: swapped });
    }
    const claim = statedClaim(row, edits[i] as Set<string>);
    if (claim !== null) cases.push({ ...base, kind: "stated-claim", clarification: claim });
    const things = mainThings(row.unanswerableQuestion);
    if (things !== null) {
      for (const frame of TOPIC_FRAMES[base.split]) cases.push({ ...base, kind: "topic-frame", clarification: frame(...things) });
      for (const frame of VAGUE_FRAMES[base.split]) cases.push({ ...base, kind: "vague-frame", clarification: frame(...things) });
    }
    // The right clarification with a stated quantity also declared missing: what listing every quantity earns.
    if (claim !== null && own !== "") cases.push({ ...base, kind: "hedge", clarification: `${own} ${claim}` });
    // The question's own ask declared missing in its words: the cheapest clarification of any question.
    const ask = askRestated(row.unanswerableQuestion);
    if (ask !== null) cases.push({ ...base, kind: "ask-restated", clarification: ask });
    const template = askTemplate(row.unanswerableQuestion);
    if (template !== null) cases.push({ ...base, kind: "ask-template", clarification: template });
    const thing = askedThing(row.unanswerableQuestion);
    if (thing !== null)
      for (const frame of BOTH_WAYS_FRAMES[base.split]) cases.push({ ...base, kind: "both-ways", clarification: frame(thing) });
    cases.push({ ...base, kind: "restatement", clarification: `I cannot answer this question: ${row.unanswerableQuestion}` });
    const wrap = COPY_WRAPPERS[Math.floor(random() * COPY_WRAPPERS.length)] ?? COPY_WRAPPERS[0];
    cases.push({ ...base, kind: "question-copy", clarification: wrap(row.unanswerableQuestion) });
    cases.push({
      ...base,
      kind: "question-copy",
      clarification: `The problem does not give enough information. ${nearCopy(row.unanswerableQuestion)}`,
    });
    const refusals = base.split === "fit" ? GENERIC_REFUSALS : HELD_OUT_REFUSALS;
    for (const refusal of refusals) cases.push({ ...base, kind: "generic", clarification: refusal });
  });
  return cases;
}
