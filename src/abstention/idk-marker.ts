import type { CompatMode } from "../types.js";
import { findBoxes } from "../completion/find-boxes.js";
import { PY_WHITESPACE_CLASS, REFERENCE_MARKER_PHRASE } from "../completion/py-strip.js";
import type { BoxedSpan } from "../types.js";
import { foldMarkerText, hasFoldedPhrase, isFoldedMarker } from "./marker-text.js";

/** The longest box content that can be the marker; longer contents are never the marker. */
const MAX_MARKER_CONTENT = 400;

// The reference's marker regex applied to one box's content: `\s*I\s+don'?t\s+know\.?\s*`,
// case-insensitive, with Python's whitespace set and case folds (see reward/reference-rules.ts).
const PY_WS = `[${PY_WHITESPACE_CLASS}]`;
const REFERENCE_BOX = new RegExp(`^${PY_WS}*${REFERENCE_MARKER_PHRASE}${PY_WS}*$`);
const REFERENCE_PHRASE = "I don't know";

/**
 * Folding an ASCII text only drops `{`, `}`, `$` and turns commands into spaces, so its folded form
 * can say "know" only where the raw text has k-n-o-w with at most those characters between: a
 * linear pre-check that spares a 1 MB answer (or 100,000 boxes of it) the fold.
 */
function cannotSayKnow(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text) && !/k[{}$]*n[{}$]*o[{}$]*w/i.test(text);
}

/**
 * Whether a box's content is the explicit abstention marker.
 * @param content - The text inside `\boxed{…}`.
 * @param compat - `reference` applies the reference's regex (case-insensitive, optional
 *   apostrophe, flexible spaces, straight apostrophe only); `fixed` accepts every spelling that
 *   folds to "I don't know" (see {@link foldMarkerText}).
 * @returns `true` for the marker.
 * @example
 * isIdkBox("\\text{I don’t know.}", "fixed"); // true
 */
export function isIdkBox(content: string, compat: CompatMode = "fixed"): boolean {
  if (content.length > MAX_MARKER_CONTENT) return false;
  if (compat === "reference") return REFERENCE_BOX.test(content);
  if (cannotSayKnow(content)) return false;
  return isFoldedMarker(foldMarkerText(content));
}

/**
 * The boxes of a text that are the explicit abstention marker.
 * @param text - An answer segment.
 * @param compat - Marker strictness.
 * @returns The marker boxes, in order.
 * @example
 * findIdkBoxes("\\boxed{I don't know}").length; // 1
 */
export function findIdkBoxes(text: string, compat: CompatMode = "fixed"): BoxedSpan[] {
  return findBoxes(text).filter((box) => box.command === "boxed" && isIdkBox(box.content, compat));
}

/**
 * Whether a text says "I don't know" anywhere (the answerable-question penalty). In fixed mode
 * the text goes through the same folding as the marker box, so every spelling that earns the
 * unanswerable bonus also earns this penalty.
 * @param text - An answer segment.
 * @param compat - `reference` is the reference's case-sensitive substring test with a straight apostrophe.
 * @returns `true` when the phrase occurs.
 * @example
 * containsIdk("\\boxed{I don\\'t know}", "fixed"); // true
 */
export function containsIdk(text: string, compat: CompatMode = "fixed"): boolean {
  if (compat === "reference") return text.includes(REFERENCE_PHRASE);
  if (cannotSayKnow(text)) return false;
  return hasFoldedPhrase(foldMarkerText(text));
}
