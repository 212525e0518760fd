import { findBoxes } from "../parse/find-boxes.js";

/** The boxed final answer: the last outermost box, with the boxes just before it when only a connector separates them. */
export interface BoxedAnswer {
  /** Contents of the boxes, in order. */
  parts: string[];
  start: number;
  end: number;
}

/** Boxes further apart than this are separate steps, not one answer. */
const MAX_GAP = 60;
const MAX_PARTS = 10;

const TEXT_CONNECTOR = /\\text\{\s{0,3}(?:and|or|,)\s{0,3}\}/g;
const SPACING = /\\q?quad|\\[,;:! ]|\band\b|\bor\b/g;
const ONLY_PUNCTUATION = /^[\s$,;+&.\\]*$/;

/** `\boxed{-2} \quad \text{and} \quad \boxed{1}`, `\boxed{1}\boxed{2}`, `\boxed{a} ++ \boxed{b}`: one answer in parts. */
function joins(gap: string): boolean {
  if (gap.length > MAX_GAP) return false;
  return ONLY_PUNCTUATION.test(gap.replace(TEXT_CONNECTOR, " ").replace(SPACING, " "));
}

/**
 * Finds the final boxed answer with the linear box scanner.
 * @param text - Bounded text.
 * @returns The boxes that form the final answer, or `null` when there is no box.
 */
export function finalBoxes(text: string): BoxedAnswer | null {
  const outer: { content: string; start: number; end: number }[] = [];
  let lastEnd = -1;
  for (const box of findBoxes(text)) {
    if (box.start >= lastEnd) {
      outer.push(box);
      lastEnd = box.end;
    }
  }
  let index = outer.length - 1;
  const last = outer[index];
  if (last === undefined) return null;
  const parts = [last.content];
  let start = last.start;
  while (index > 0 && parts.length < MAX_PARTS) {
    const previous = outer[index - 1] as { content: string; start: number; end: number };
    if (!joins(text.slice(previous.end, start))) break;
    parts.unshift(previous.content);
    start = previous.start;
    index -= 1;
  }
  return { parts, start, end: last.end };
}
