import { NO_WORDS, YES_WORDS } from "./anchor-phrases.js";
import { stripMarkup, textTokens } from "./text-normalize.js";

/**
 * Hedging in short-text answers: a prediction that names several candidates (`Paris, London,
 * Berlin`, `yes or no`, `either A or B`, `red/blue`, one per line) is not an answer unless the gold
 * itself is such a list. Math answers resist this through their own comparison (a set is not a
 * number); this is the same line for text.
 */

/**
 * Separators between candidates: `;`, a newline (LaTeX `\\` too), a comma not inside a number
 * (`1,000`), a slash, `+`, `&` or `|` between letters (`red/blue`, not `1/2`), a question mark
 * followed by more text, `and/or`, `or` (`\lor`, `\vee`), `and`, `vs`/`versus`. A gold that
 * itself splits (`salt and pepper`, `Procter & Gamble`) is a list and exempt. Input is bounded by
 * the caller (a short answer), and the pattern has no nested quantifiers.
 */
const SEPARATOR =
  /\s{0,8}(?:[;\n]|(?<!\d),|,(?!\d)|(?<=\p{L})\s{0,2}[/+&|]\s{0,2}(?=\p{L})|\?(?=\s{0,8}\p{L})|\band\/or\b|\bor\b|\band\b|\bvs\b\.?|\bversus\b)\s{0,8}/iu;
const SEPARATORS = new RegExp(SEPARATOR.source, "giu");
/** Words that only frame the alternatives. */
const FRAMING = new Set(["either", "maybe", "possibly", "perhaps", "probably", "both"]);
/** A yes/no answer that adds one of these (`yes, maybe`) hedges between yes and no. */
const UNSURE = new Set(["maybe", "possibly", "perhaps", "probably", "unsure", "sometimes", "depends"]);

/** LaTeX spellings of the separators, rewritten before splitting. */
function plainSeparators(text: string): string {
  return text
    .replace(/\\\\/g, "\n")
    .replace(/\\(?:lor|vee)(?![A-Za-z])/g, " or ")
    .replace(/\\(?:land|wedge)(?![A-Za-z])/g, " and ");
}
/** Parts made only of these are discourse (`Thus, Paris`), not candidates. */
const DISCOURSE = new Set(["thus", "so", "therefore", "hence", "finally", "well", "ok", "okay", "hmm", "then", "now", "also"]);
/**
 * A part longer than the gold by more than this many words is a clause (`Yes, because the
 * train…`, `but only one was unwilling`), not a candidate; never more than six words.
 */
const CANDIDATE_SLACK = 2;
const MAX_CANDIDATE_TOKENS = 6;
/** Text longer than this is never split (a short answer is at most a few hundred characters). */
const MAX_SPLIT_CHARS = 2000;

/** What a hedge check saw. */
export interface Hedge {
  /** The candidates named. */
  candidates: string[];
  /** A sentence for the result's reason. */
  description: string;
}

function polarity(tokens: readonly string[]): "yes" | "no" | "unsure" | null {
  const first = tokens.find((token) => !FRAMING.has(token));
  if (first === undefined) return tokens.some((token) => UNSURE.has(token)) ? "unsure" : null;
  if (YES_WORDS.has(first)) return "yes";
  if (NO_WORDS.has(first)) return "no";
  return null;
}

interface Part {
  tokens: string[];
  /** Whether the part opens with an article: an appositive description ("Paris, the capital"). */
  described: boolean;
}

/**
 * An appositive: an article, then at least two words, one of them a lower-case content word
 * ("the capital of France", "a city of lights"), not a bare name behind an article ("the London").
 */
function describes(part: string): boolean {
  const match = /^\s*(?:the|a|an)\s+(.*)$/is.exec(part);
  if (match === null) return false;
  const words = (match[1] ?? "").split(/\s+/).filter((word) => word !== "");
  return words.length >= 2 && words.some((word) => /^\p{Ll}{3,}/u.test(word) && !["and", "the", "for", "with", "from"].includes(word));
}

function splitParts(text: string): Part[] {
  const flat = stripMarkup(plainSeparators(text.slice(0, MAX_SPLIT_CHARS)));
  return flat
    .split(SEPARATORS)
    .map((part) => {
      const tokens = textTokens(part);
      const kept = tokens.filter((token) => !FRAMING.has(token));
      // A part that is only "maybe" is a candidate of its own for a yes/no question.
      return { tokens: kept.length > 0 ? kept : tokens.filter((token) => UNSURE.has(token)), described: describes(part) };
    })
    .filter((part) => part.tokens.length > 0 && !part.tokens.every((token) => DISCOURSE.has(token)));
}

/**
 * The parts of a text split at candidate separators (framing words dropped, empty parts removed).
 * @param text - A short answer.
 * @returns The token lists of its parts.
 */
export function candidateParts(text: string): string[][] {
  return splitParts(text).map((part) => part.tokens);
}

function separatorName(raw: string): string {
  const text = plainSeparators(raw);
  if (/\bor\b/i.test(text)) return '"or"';
  if (/\band\b|&|\+/i.test(text)) return '"and"';
  if (/\bvs\b|\bversus\b/i.test(text)) return '"versus"';
  if (text.includes("?")) return "question marks";
  if (text.includes("|")) return "bars";
  if (text.includes(";")) return "semicolons";
  if (text.includes("\n")) return "one per line";
  if (/\p{L}\s{0,2}\/\s{0,2}\p{L}/u.test(text)) return "slashes";
  return "commas";
}

/**
 * Whether a predicted short-text answer hedges between candidates the gold does not list: at least
 * two distinct parts, every one short (for a yes/no gold, a yes part and a no part).
 * @param gold - One gold answer.
 * @param pred - The extracted prediction.
 * @returns What was seen, or `null` when the prediction names one candidate (or the gold is a list too).
 */
export function textHedge(gold: string, pred: string): Hedge | null {
  if (!SEPARATOR.test(plainSeparators(pred.slice(0, MAX_SPLIT_CHARS)))) return null;
  const goldParts = candidateParts(gold);
  if (goldParts.length >= 2) return null;
  // After the first part, a part that opens with an article describes the answer ("Paris, the
  // capital of France") unless the gold itself opens with one ("the mitochondria").
  const goldDescribed = /^\s*(?:the|a|an)\s/i.test(stripMarkup(gold));
  const parts = splitParts(pred)
    .filter((part, index) => index === 0 || goldDescribed || !part.described)
    .map((part) => part.tokens);
  if (parts.length < 2) return null;
  const goldPolarity = goldParts.length === 1 ? polarity(goldParts[0] as string[]) : null;
  let candidates: string[];
  if (goldPolarity !== null) {
    const polarities = new Set(parts.map(polarity).filter((p) => p !== null));
    if (polarities.size < 2) return null;
    candidates = parts.filter((p) => polarity(p) !== null).map((p) => p.join(" "));
  } else {
    const goldLength = goldParts[0]?.length ?? 1;
    const limit = Math.min(MAX_CANDIDATE_TOKENS, Math.max(3, goldLength + CANDIDATE_SLACK));
    // A list introduced by a clause ("the answer is one of Paris, London, Berlin"): the clause's
    // last words are the list's first candidate.
    const [head, ...rest] = parts;
    if (head !== undefined && head.length > limit && rest.length > 0 && rest.every((p) => p.length <= limit)) {
      parts[0] = head.slice(-goldLength);
    }
    // A list is all short parts; one long clause makes it a sentence with commas.
    if (parts.some((p) => p.length > limit)) return null;
    candidates = [...new Set(parts.map((p) => p.join(" ")))];
    if (candidates.length < 2) return null;
  }
  const shown = candidates
    .slice(0, 4)
    .map((c) => JSON.stringify(c))
    .join(", ");
  return {
    candidates,
    description: `it names ${candidates.length} candidates (${shown}${candidates.length > 4 ? ", …" : ""}, separated by ${separatorName(pred)}) while the gold answer is one, so a list is not an answer`,
  };
}
