import type { AbstentionKind } from "../types.js";

// The `reason` sentences of an AbstentionResult, one per way the detectors decide. Numbers are
// printed with two decimals so a log line says how close the call was.

const KIND_WORDS: Readonly<Record<AbstentionKind, string>> = Object.freeze({
  none: "no abstention",
  unknown: "missing information",
  "false-premise": "a false premise",
  safety: "a safety refusal",
});

const two = (value: number): string => value.toFixed(2);

/**
 * The reason when the boxed "I don't know" marker is present.
 * @param hedged - Whether the segment also boxes or commits to an answer.
 * @returns A sentence.
 * @example
 * markerReason(false); // 'The answer segment has the boxed "I don\'t know" marker.'
 */
export function markerReason(hedged: boolean): string {
  return hedged
    ? `The answer segment has the boxed "I don't know" marker but also commits to an answer, so it hedges.`
    : `The answer segment has the boxed "I don't know" marker.`;
}

/**
 * The reason when the segment has neither the marker nor enough abstention language.
 * @param confidence - Lexical confidence of the language found (0 when none).
 * @param threshold - Confidence needed for language alone to count.
 * @returns A sentence.
 * @example
 * noAbstentionReason(0, 0.5); // 'The answer segment has no boxed "I don\'t know" marker and no abstention language.'
 */
export function noAbstentionReason(confidence: number, threshold: number): string {
  if (confidence <= 0) return `The answer segment has no boxed "I don't know" marker and no abstention language.`;
  return `The answer segment has no boxed "I don't know" marker, and its abstention language is too weak to count (confidence ${two(confidence)}, threshold ${two(threshold)}).`;
}

/**
 * The reason when abstention language decides without the marker.
 * @param kind - The kind of abstention the language names.
 * @param hedged - Whether a committed answer follows (a hedge, not an abstention).
 * @param confidence - Lexical confidence of the language.
 * @returns A sentence.
 * @example
 * languageReason("unknown", false, 0.8); // "The answer segment declines to answer without the boxed marker: …"
 */
export function languageReason(kind: AbstentionKind, hedged: boolean, confidence: number): string {
  const evidence = `abstention language for ${KIND_WORDS[kind]} (confidence ${two(confidence)})`;
  return hedged
    ? `The answer segment uses ${evidence} but then commits to an answer, so it hedges rather than abstains.`
    : `The answer segment declines to answer without the boxed marker: ${evidence}.`;
}

/**
 * The reason when the embedding method (SelfAware) decides: a sentence close to a reference
 * uncertainty sentence.
 * @param hedged - Whether the segment also boxes an answer.
 * @param similarity - The best cosine similarity found.
 * @param threshold - The similarity needed.
 * @returns A sentence.
 * @example
 * similarityReason(false, 0.8, 0.71); // "No abstention phrase matched, but a sentence is close to …"
 */
export function similarityReason(hedged: boolean, similarity: number, threshold: number): string {
  const evidence = `No abstention phrase matched, but a sentence is close to a reference uncertainty sentence (cosine ${two(similarity)}, threshold ${two(threshold)})`;
  return hedged ? `${evidence}; a boxed answer follows, so it hedges rather than abstains.` : `${evidence}.`;
}
