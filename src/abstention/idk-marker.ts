import type { CompatMode } from "../types.js";
import { findBoxes } from "../parse/find-boxes.js";
import type { BoxedSpan } from "../types.js";

// The reference matches `\boxed{I don't know}` with an optional final period, byte for byte.
const REFERENCE_BOX = /^I don't know\.?$/;
const REFERENCE_PHRASE = "I don't know";

// Fixed mode: any apostrophe, case, `do not`, `\text{…}` wrappers, trailing period. Bounded input only.
const FIXED_PHRASE = /\bi\s{0,3}(?:don[\u2019\u2018'`\u00b4\u02bc]?t|do\s{1,3}not)\s{1,3}know\b/i;

/** Strips `\text{…}`, `\mathrm{…}`, `\textbf{…}` wrappers, `$`, and escaped apostrophes from a box's content. */
export function unwrapBoxText(content: string): string {
  let text = content.trim();
  for (let pass = 0; pass < 3; pass += 1) {
    const match = /^\\(?:text|mathrm|textbf|textit|mbox|operatorname)\s*\{([^{}]*)\}$/.exec(text);
    if (match === null) break;
    text = (match[1] ?? "").trim();
  }
  return text.replace(/\$/g, "").replace(/\\\s/g, " ").replace(/\\'/g, "'").trim();
}

/**
 * Whether a box's content is the explicit abstention marker.
 * @param content - The text inside `\boxed{…}`.
 * @param compat - `reference` accepts only `I don't know` with an optional final period.
 * @returns `true` for the marker.
 * @example
 * isIdkBox("\\text{I don’t know.}", "fixed"); // true
 */
export function isIdkBox(content: string, compat: CompatMode = "fixed"): boolean {
  if (compat === "reference") return REFERENCE_BOX.test(content);
  if (content.length > 200) return false;
  // The final period may sit inside or outside a `\text{…}` wrapper: `\text{I don't know}.`.
  const text = unwrapBoxText(content.trim().replace(/[.!]+$/, "")).replace(/[.!]+$/, "").trim();
  return /^i\s{0,3}(?:don[\u2019\u2018'`\u00b4\u02bc]?t|do\s{1,3}not)\s{1,3}know$/i.test(text);
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
 * Whether a text says "I don't know" anywhere (the reference's answerable-question penalty).
 * @param text - An answer segment.
 * @param compat - `reference` is a case-sensitive substring test with a straight apostrophe.
 * @returns `true` when the phrase occurs.
 * @example
 * containsIdk("i don’t know", "fixed"); // true
 */
export function containsIdk(text: string, compat: CompatMode = "fixed"): boolean {
  if (compat === "reference") return text.includes(REFERENCE_PHRASE);
  return FIXED_PHRASE.test(text);
}
