import { findBoxes } from "../completion/find-boxes.js";

/** The boxed final answer: the last outermost box, with the boxes just before it when only a connector separates them. */
export interface BoxedAnswer {
  /** Contents of the boxes, in order. */
  parts: string[];
  start: number;
  end: number;
}

/** Boxes this close are one answer whatever stands between them (`\boxed{1}\) and \(\boxed{2}`). */
const NEAR_GAP = 10;
/** Boxes up to this far apart are one answer when a separator (and, or, a comma) stands between them. */
const MAX_GAP = 70;
const MAX_PARTS = 10;

const SEPARATOR = /\band\b|\bor\b|[,;]/;

/**
 * latex2sympy's rule for several boxes: joined when the gap is short, or a bit longer with a
 * separator and different contents (`\boxed{(3, 3)} \text{ for part (a) and } \boxed{(1, 1)}`).
 */
function joins(gap: string, content: string, next: string): boolean {
  if (gap.length < NEAR_GAP) return true;
  return gap.length < MAX_GAP && content !== next && SEPARATOR.test(gap);
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
    if (!joins(text.slice(previous.end, start), previous.content.trim(), (parts[0] as string).trim())) break;
    // The same answer boxed twice in a row is one answer.
    if (previous.content.trim() !== (parts[0] as string).trim()) parts.unshift(previous.content);
    start = previous.start;
    index -= 1;
  }
  return { parts, start, end: last.end };
}
