import { answerSegment } from "../abstention/answer-segment.js";
import { resolveDetectAbstentionOptions } from "../abstention/detect-abstention.js";
import type { DetectAbstentionOptions } from "../abstention/detect-abstention.js";
import { scanAbstention } from "../abstention/scan-abstention.js";
import type { TextSpan } from "../types.js";

/** Where a clarification came from. */
export type ClarificationSource = "after-marker" | "around-marker" | "abstaining-sentences" | "none";

/** Result of {@link extractClarification}. */
export interface ExtractedClarification {
  /** The clarification text, trimmed; `""` when there is none. */
  text: string;
  /** Its location in the completion, or `null`. */
  span: TextSpan | null;
  source: ClarificationSource;
}

/** Options of {@link extractClarification}: the same template, compat and phrase table as detection. */
export type ExtractClarificationOptions = Pick<DetectAbstentionOptions, "template" | "compat" | "families" | "threshold">;

function spanOf(text: string, start: number, end: number, offset: number): TextSpan | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s += 1;
  while (e > s && /\s/.test(text.charAt(e - 1))) e -= 1;
  return e > s ? { start: s + offset, end: e + offset, text: text.slice(s, e) } : null;
}

/**
 * Extracts the clarification of an abstaining completion: the text after the last abstention
 * marker inside the answer segment (or around it, when nothing follows), else the first abstaining
 * sentence and everything after it.
 * @param response - The completion.
 * @param options - Template, compat mode, phrase table.
 * @returns The clarification text, its span in the completion and where it came from.
 * @example
 * extractClarification("…</thinking><answer>\\boxed{I don't know} The speed is not given.</answer>").text; // "The speed is not given."
 */
export function extractClarification(response: string, options: ExtractClarificationOptions = {}): ExtractedClarification {
  const resolved = resolveDetectAbstentionOptions(options);
  const segment = answerSegment(typeof response === "string" ? response : "", resolved.template, resolved.compat);
  const scan = scanAbstention(segment.text, resolved.families, resolved.compat);
  const last = scan.markers[scan.markers.length - 1];
  if (last !== undefined) {
    const after = spanOf(segment.text, last.end, segment.text.length, segment.offset);
    if (after !== null) return { text: after.text, span: after, source: "after-marker" };
    // Some models explain first and box last: take the text around the markers, markers removed.
    let text = segment.text;
    for (const marker of [...scan.markers].reverse()) text = text.slice(0, marker.start) + text.slice(marker.end);
    const around = text.trim();
    return around === "" ? { text: "", span: null, source: "none" } : { text: around, span: null, source: "around-marker" };
  }
  const first = scan.hits.reduce((min, hit) => Math.min(min, hit.sentence), Number.POSITIVE_INFINITY);
  const sentence = Number.isFinite(first) ? scan.sentences[first] : undefined;
  if (sentence === undefined) return { text: "", span: null, source: "none" };
  const span = spanOf(segment.text, sentence.start, segment.text.length, segment.offset);
  return span === null ? { text: "", span: null, source: "none" } : { text: span.text, span, source: "abstaining-sentences" };
}
