import type { AnswerMethod, AnswerResult } from "../types.js";
import { mathEqual } from "./compare-math.js";
import type { MathNode } from "./math-ast.js";
import type { Prediction } from "./read-prediction.js";
import type { ResolvedScoreAnswerOptions } from "./options.js";
import type { GoldAnswer } from "./parse-gold.js";
import { textHedge } from "./text-hedge.js";
import { endsWithGold, textMatch } from "./text-match.js";
import { normalizeText } from "./text-normalize.js";

export type { Prediction } from "./read-prediction.js";

const DESCRIPTIONS: Readonly<Record<AnswerMethod, string>> = {
  exact: "same answer after normalization",
  numeric: "equal as numbers",
  symbolic: "equal as expressions at every sample point",
  set: "same elements",
  interval: "same interval",
  tuple: "same elements in the same order",
  choice: "same multiple-choice letter",
  "yes-no": "same yes/no answer",
  alias: "matches an accepted alias",
  fuzzy: "close enough as text",
  none: "no match",
  relation: "equivalent relation",
  matrix: "equal matrices",
  contains: "the prediction contains the gold answer",
};

/** What `\s` matches (and `trim` removes): ASCII and Unicode white space, line terminators, BOM. */
function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Quotes a value for a reason sentence, shortened to keep logs readable: white-space runs become
 * one space, the ends are trimmed, and more than 80 characters are cut to 77 and `...`. One pass
 * that stops at the 81st character, so a long solution gold costs no more than a short one.
 */
export function quote(text: string): string {
  let flat = "";
  const n = text.length;
  for (let i = 0; i < n && flat.length <= 80; ) {
    const gap = i;
    while (i < n && isWhiteSpace(text.charCodeAt(i))) i += 1;
    if (i >= n) break;
    if (i > gap && flat !== "") flat += " ";
    // Whole words at a time, each read no further than the 81 characters that can be shown.
    const word = i;
    while (i < n && !isWhiteSpace(text.charCodeAt(i)) && i - word <= 80) i += 1;
    flat += text.slice(word, i);
  }
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

interface Hit {
  method: AnswerMethod;
  extracted: string;
  detail: string;
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

/**
 * Math-Verify's string fallback when one side did not parse: an unparsed gold is compared with
 * the normalized text; a parsed gold only with the prediction written the same way (`[-1,1,1)` is
 * not `(-1,1,1)` just because its words are).
 */
function stringFallback(goldNode: MathNode | null, gold: string, pred: string): boolean {
  if (goldNode !== null) return squash(pred) !== "" && squash(pred) === squash(gold);
  return normalizeText(pred) !== "" && normalizeText(pred) === normalizeText(gold);
}

/** Why a text answer was refused before matching (hedging); reported when nothing matches. */
type Notes = string[];

function compareOne(gold: GoldAnswer, pred: Prediction, index: number, options: ResolvedScoreAnswerOptions, notes: Notes): Hit | null {
  if (gold.kind === "ungradeable") return null;
  if (gold.kind === "math" && pred.math !== null) {
    if (pred.math.node !== null && gold.node !== null) {
      const method = mathEqual(gold.node, pred.math.node, options);
      if (method !== null) return { method, extracted: pred.math.text, detail: DESCRIPTIONS[method] };
    } else if (stringFallback(gold.node, gold.text, pred.math.text)) {
      return { method: "exact", extracted: pred.math.text, detail: DESCRIPTIONS.exact };
    }
  }
  if ((gold.kind === "text" || (gold.kind === "math" && gold.alsoText)) && pred.text !== null) {
    const hedge = textHedge(gold.text, pred.text.text);
    if (hedge !== null) {
      notes.push(`The answer ${quote(pred.text.text)} is not accepted: ${hedge.description}.`);
      return null;
    }
    const match = textMatch(gold.text, pred.text.text, options.fuzzyThreshold);
    if (match.method !== null) {
      const method: AnswerMethod = match.method === "exact" && index > 0 ? "alias" : match.method;
      const detail =
        match.method === "fuzzy" ? `text similarity ${match.similarity.toFixed(2)} ≥ ${options.fuzzyThreshold}` : DESCRIPTIONS[method];
      return { method, extracted: pred.text.text, detail };
    }
    if (pred.text.source === "text" && endsWithGold(gold.text, pred.text.text)) {
      return { method: "contains", extracted: pred.text.text, detail: "the response's last sentence ends with the gold answer" };
    }
    for (const alternative of pred.text.alternatives) {
      if (textHedge(gold.text, alternative) !== null) continue;
      const other = textMatch(gold.text, alternative, options.fuzzyThreshold);
      if (other.method !== null && other.method !== "fuzzy")
        return { method: other.method, extracted: alternative, detail: DESCRIPTIONS[other.method] };
      if (endsWithGold(gold.text, alternative))
        return { method: "contains", extracted: alternative, detail: "the response's last sentence ends with the gold answer" };
    }
    // A long prose gold (e.g. QAQA's) answered verbatim: only an exact match of the whole answer counts.
    if (pred.text.whole !== null && textMatch(gold.text, pred.text.whole, 1).method === "exact") {
      return { method: "exact", extracted: pred.text.whole, detail: DESCRIPTIONS.exact };
    }
  }
  return null;
}

/**
 * Grades a prediction against one or more parsed gold answers; the first gold that matches wins.
 * @param golds - Parsed gold answers (aliases).
 * @param pred - What was read from the response.
 * @param options - Resolved options.
 * @returns The answer result, with `score: null` when no gold answer is gradeable.
 */
export function gradeAnswer(golds: readonly GoldAnswer[], pred: Prediction, options: ResolvedScoreAnswerOptions): AnswerResult {
  // Index loops throughout: a parsed gold's list is frozen, and filter/entries on a frozen array are slow in V8.
  let gradeable = 0;
  let firstGradeable: GoldAnswer | null = null;
  for (let i = 0; i < golds.length; i += 1) {
    const gold = golds[i] as GoldAnswer;
    if (gold.kind === "ungradeable") continue;
    gradeable += 1;
    firstGradeable ??= gold;
  }
  const extracted = pred.math?.text ?? pred.text?.text ?? null;
  if (gradeable === 0) {
    const first = golds[0];
    const reason = first?.kind === "ungradeable" ? first.reason : "No gold answer was given, so the answer cannot be graded.";
    return { correct: false, score: null, extracted, method: "none", reason };
  }
  const notes: Notes = [];
  for (let index = 0; index < golds.length; index += 1) {
    const gold = golds[index] as GoldAnswer;
    const hit = compareOne(gold, pred, index, options, notes);
    if (hit !== null) {
      const alias = golds.length > 1 ? ` (accepted answer ${index + 1} of ${golds.length})` : "";
      return {
        correct: true,
        score: 1,
        extracted: hit.extracted,
        method: hit.method,
        reason: `The answer ${quote(hit.extracted)} matches the gold answer ${quote((gold as { text: string }).text)}${alias}: ${hit.detail}.`,
      };
    }
  }
  if (pred.truncated !== null) {
    return { correct: false, score: 0, extracted: null, method: "none", reason: `No final answer was graded: ${pred.truncated}.` };
  }
  if (extracted === null || extracted === "") {
    return {
      correct: false,
      score: 0,
      extracted: null,
      method: "none",
      reason: "No final answer was found in the response: no \\boxed{…}, answer phrase, math expression or short answer.",
    };
  }
  if (notes.length > 0) return { correct: false, score: 0, extracted, method: "none", reason: notes[0] as string };
  const target =
    gradeable === 1 ? `the gold answer ${quote((firstGradeable as { text: string }).text)}` : `any of the ${gradeable} gold answers`;
  return { correct: false, score: 0, extracted, method: "none", reason: `The answer ${quote(extracted)} does not match ${target}.` };
}
