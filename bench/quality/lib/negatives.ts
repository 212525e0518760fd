import { splitSentences } from "../../../src/text/sentences.js";
import { diffKeys } from "../../../src/clarification/diff-tokens.js";
import { plainText } from "../../../src/clarification/plain-text.js";
import { GENERIC_SLOT_WORDS } from "../../../src/clarification/stopwords.js";
import { IRREGULAR_PAST, isContent, tokenize } from "../../../src/clarification/tokens.js";
import type { Token } from "../../../src/clarification/tokens.js";

/** Fixed generic refusals: they name nothing and must never pass. */
export const GENERIC_REFUSALS = [
  "I need more information to answer.",
  "The question cannot be answered with the information given.",
  "There is not enough information to solve this problem.",
  "I don't know the answer to this question.",
  "Some key information is missing, so the problem cannot be solved.",
  "The problem is missing a necessary condition, so a unique answer cannot be determined.",
  "This question is unanswerable because essential details are not provided.",
  "Without additional information, it is impossible to determine the answer.",
] as const;

/**
 * Generic refusals used only on held-out items, never in fitting or rule writing. They were written
 * for the grounded-verification work, after GENERIC_SLOT_WORDS existed, so they are not independent
 * of it: report them as what they are.
 */
export const HELD_OUT_REFUSALS = [
  "Sorry, I can't work this one out as it is written.",
  "The problem as posed does not let me reach an answer.",
  "Too much is left open here to give a definite result.",
  "I would be guessing, so I will not give a number.",
  "Not everything required to solve this is stated.",
  "This can't be solved without being told more.",
] as const;

/** Hard negatives of one paired item: same problem, wrong reason. */
export interface HardNegatives {
  restatement: string;
  falseClaim: string;
  /** A stated condition of the same problem, quoted as if it were missing. */
  otherConditionQuoted: string | null;
  /** The same condition described in words ("the value of the distance"), without its number. */
  otherConditionDescribed: string | null;
}

/** Unchanged runs of `b` (token index ranges) according to the diff with `a`. */
function unchangedRuns(a: Token[], b: Token[]): [number, number][] {
  const hunks = diffKeys(
    a.map((t) => t.key),
    b.map((t) => t.key),
  );
  const runs: [number, number][] = [];
  let at = 0;
  for (const hunk of hunks) {
    if (hunk.bStart > at) runs.push([at, hunk.bStart]);
    at = hunk.bEnd;
  }
  if (at < b.length) runs.push([at, b.length]);
  return runs;
}

/**
 * A stated, unchanged condition of the unanswerable question: the unchanged window (away from
 * every edit) holding the most content, preferring one with a number.
 */
function statedCondition(answerable: string, unanswerable: string): { quoted: string; described: string | null } | null {
  const a = tokenize(answerable);
  const b = tokenize(unanswerable);
  let best: { score: number; from: number; to: number } | null = null;
  for (const [start, end] of unchangedRuns(a, b)) {
    // Keep two tokens away from each edit so the window is really unchanged context.
    const from = start + 2;
    const to = end - 2;
    for (let i = from; i + 3 <= to; i += 1) {
      const window = b.slice(i, Math.min(i + 6, to));
      const content = window.filter(isContent).length;
      const hasNumber = window.some((t) => t.type === "number");
      const score = content + (hasNumber ? 2 : 0);
      if (content >= 2 && (best === null || score > best.score)) best = { score, from: i, to: Math.min(i + 6, to) };
    }
  }
  if (best === null) return null;
  const first = b[best.from];
  const last = b[best.to - 1];
  if (first === undefined || last === undefined) return null;
  const quoted = plainText(unanswerable.slice(first.start, last.end));
  const words = b
    .slice(Math.max(0, best.from - 3), best.to + 3)
    .filter((t) => t.type === "word" && isContent(t))
    .map((t) => t.key);
  return { quoted, described: words.length === 0 ? null : words.slice(0, 3).join(" ") };
}

/**
 * Builds the hard negatives of one SUM item: a restatement, a false claim (a sentence the
 * question states, declared missing) and another stated condition declared missing, quoted and
 * described. Deterministic.
 * @param answerable - The answerable question.
 * @param unanswerable - The unanswerable question.
 * @returns The negatives.
 */
export function hardNegatives(answerable: string, unanswerable: string): HardNegatives {
  const plainU = plainText(unanswerable);
  const sentences = splitSentences(unanswerable)
    .map((s) => plainText(s.text))
    .filter((s) => s.length > 8);
  const answerableSentences = new Set(splitSentences(answerable).map((s) => plainText(s.text)));
  const statement =
    sentences.find((s) => answerableSentences.has(s) && !s.endsWith("?")) ??
    sentences.find((s) => !s.endsWith("?")) ??
    sentences[0] ??
    plainU;
  const condition = statedCondition(answerable, unanswerable);
  return {
    restatement: `I cannot answer this question: ${plainU}`,
    falseClaim: `The problem does not specify that ${statement.replace(/[.?!]+$/, "")}.`,
    otherConditionQuoted:
      condition === null
        ? null
        : `The modified question omits ${condition.quoted}, so without that information the answer cannot be uniquely determined.`,
    otherConditionDescribed:
      condition === null || condition.described === null
        ? null
        : `The modified question does not specify the value of the ${condition.described}, so the answer cannot be uniquely determined.`,
  };
}

/**
 * Past tenses of common irregular verbs (English, not any dataset's), for {@link askRestated}: the
 * stemmer's table read backwards, and a few verbs it need not read (their past is not a stem it meets).
 */
const PAST_TENSE: ReadonlyMap<string, string> = new Map([
  ...[...IRREGULAR_PAST].map(([past, base]): [string, string] => [base, past]),
  ..."find found|leave left|put put|read read|cut cut|sleep slept|do did".split("|").map((pair) => pair.split(" ") as [string, string]),
]);

/** The question's last sentence (trimmed) that the pattern finds, if any. */
function lastSentence(question: string, pattern: RegExp): string | undefined {
  return splitSentences(question)
    .map((sentence) => sentence.text.trim())
    .filter((sentence) => pattern.test(sentence))
    .at(-1);
}

function pastTense(verb: string): string {
  const irregular = PAST_TENSE.get(verb);
  if (irregular !== undefined) return irregular;
  if (verb.endsWith("e")) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  return `${verb}ed`;
}

function thirdPerson(verb: string): string {
  if (verb === "have") return "has";
  if (/(?:s|x|z|ch|sh|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/**
 * The question's own ask declared missing in its own words, as a statement: "How many cookies did
 * he have in the beginning?" → "The problem doesn't specify how many cookies he had in the
 * beginning." It names the unknown the question asks for, not what the question lacks: the cheapest
 * clarification a policy can write for any question. Asks of the shape "how many/much …
 * <auxiliary> <subject> <verb> …?" are turned; one already in statement order is kept; `null` when
 * no sentence asks "how many/much".
 * @param question - The unanswerable question.
 * @returns The restated ask, or `null`.
 * @example
 * askRestated("Tom ate some cookies. How many cookies did he have in the beginning?"); // "The problem doesn't specify how many cookies he had in the beginning."
 */
export function askRestated(question: string): string | null {
  const ask = lastSentence(question, /^how (?:many|much)\b/i);
  if (ask === undefined) return null;
  const match =
    /^([Hh]ow (?:many|much)(?: [\w$'-]+){0,4}?) (did|does|do|will|would|can|could|is|are|was|were) (he|she|they|it|we|you|i|there|[A-Z][a-z]+) ([a-z]+)((?: [^?]*)?)\?+$/.exec(
      ask,
    );
  // "How many alligators were not hiding?" is already in statement order.
  if (match === null) return `The problem doesn't specify ${ask.charAt(0).toLowerCase()}${ask.slice(1).replace(/\?+$/, "")}.`;
  const [, head = "", aux = "", subject = "", verb = "", rest = ""] = match;
  let predicate: string;
  if (/^(?:is|are|was|were)$/.test(aux)) predicate = `${subject} ${aux} ${verb}`;
  else if (aux === "did") predicate = `${subject} ${pastTense(verb)}`;
  else if (aux === "does") predicate = `${subject} ${thirdPerson(verb)}`;
  else if (aux === "do") predicate = `${subject} ${verb}`;
  else predicate = `${subject} ${aux} ${verb}`;
  const head0 = `${head.charAt(0).toLowerCase()}${head.slice(1)}`;
  return `The problem doesn't specify ${head0} ${predicate}${rest}.`;
}

/**
 * A template built from the thing the question counts, and nothing else: "The problem does not give
 * the initial number of cookies or how many cookies were added or removed." It reads nothing of the
 * problem but its ask, and names the two gaps an arithmetic story most often has, as alternatives:
 * what a policy would write for every question if it paid. `null` when no sentence asks "how many".
 * @param question - The unanswerable question.
 * @returns The template, or `null`.
 * @example
 * askTemplate("Tom ate some cookies. How many cookies are left?"); // "The problem does not give the initial number of cookies or how many cookies were added or removed."
 */
export function askTemplate(question: string): string | null {
  const thing = askedThing(question);
  return thing === null ? null : `The problem does not give the initial number of ${thing} or how many ${thing} were added or removed.`;
}

/**
 * The word after the last "how many" of a question (the thing it counts), as written; `null` when
 * no sentence asks "how many" or an auxiliary follows it ("how many did she buy").
 * @param question - The question.
 * @returns The counted word, or `null`.
 * @example
 * askedThing("Tom ate some cookies. How many cookies are left?"); // "cookies"
 */
export function askedThing(question: string): string | null {
  const ask = lastSentence(question, /\bhow many\b/i);
  const thing = /\bhow many (?:more |less |fewer |)([a-z]+)/i.exec(ask ?? "")?.[1]?.toLowerCase();
  if (thing === undefined || /^(?:of|did|does|do|are|were|is|was|will|would|can|could)$/.test(thing)) return null;
  return thing;
}

/** The two content words a question uses most (four letters or more, not generic), as written: its main things. */
export function mainThings(question: string): [string, string] | null {
  const counts = new Map<string, number>();
  for (const token of tokenize(question)) {
    if (token.type !== "word" || !isContent(token) || token.key.length < 4 || GENERIC_SLOT_WORDS.has(token.key)) continue;
    counts.set(token.key, (counts.get(token.key) ?? 0) + 1);
  }
  const ranked = [...counts].sort((x, y) => y[1] - x[1]).map(([word]) => word);
  return ranked.length >= 2 ? [ranked[0] as string, ranked[1] as string] : null;
}

/**
 * The question's two main things ({@link mainThings}) in a vague denial or request that reads
 * nothing else of it: a relation denied ("no evidence that the A has anything to do with the B"),
 * "something about" a thing declared wrong, "which A it refers to", "the specific A details" asked
 * for. The fit rows and the held-out rows use different wordings; both were written with the
 * verifier's vague-denial rules in view, so the held-out rate tests other wordings, not other ideas.
 */
export const VAGUE_FRAMES: Record<"fit" | "test", readonly ((a: string, b: string) => string)[]> = {
  fit: [
    (a, b) => `There is no evidence that ${a} has anything to do with ${b}.`,
    (a) => `The question assumes something about ${a} that is not correct.`,
    (a) => `The question does not specify which ${a} it refers to.`,
    (a, b) => `The question does not give the specific ${a} details needed about the ${b}.`,
  ],
  test: [
    (a, b) => `The question wrongly assumes that the ${a} is connected to the ${b}.`,
    (a) => `Something about the ${a} in the question is not accurate.`,
    (a) => `It is unclear which ${a} the question means.`,
    (a, b) => `The question leaves out the exact ${a} information regarding the ${b}.`,
  ],
};
