import { MAX_ANSWER_SEGMENT_CHARS, MAX_RESPONSE_CHARS } from "../limits.js";
import { parseResponse } from "../completion/parse-response.js";
import type { CompatMode, Template } from "../types.js";

/** The part of a completion that abstention detection reads, and where it sits in the completion. */
export interface AnswerSegment {
  text: string;
  /** Offset of `text` in the (cut) completion. */
  offset: number;
  /** Whether the template's tag gate passed; when not, the segment is a best-effort fallback. */
  parsed: boolean;
}

const FALLBACK_OPENERS = ["<answer>", "</thinking>", "</think>"] as const;

/**
 * Locates the answer segment: the template's answer when its gate passes, else the text after the
 * last `<answer>` / `</thinking>` / `</think>`, else the whole completion; always bounded.
 * @param response - The completion.
 * @param template - Response template.
 * @param compat - Passed to the parser.
 * @returns The segment with its offset.
 * @example
 * answerSegment("r</thinking><answer>x</answer>", "abstain-r1", "fixed").text; // "x"
 */
export function answerSegment(response: string, template: Template, compat: CompatMode): AnswerSegment {
  const text = response.length > MAX_RESPONSE_CHARS ? response.slice(0, MAX_RESPONSE_CHARS) : response;
  const parsed = parseResponse(text, { template, compat });
  let segment: string;
  let offset: number;
  if (parsed.ok) {
    segment = parsed.answer;
    const at = segment === "" ? -1 : text.lastIndexOf(segment);
    offset = at === -1 ? text.length : at;
  } else {
    offset = 0;
    for (const opener of FALLBACK_OPENERS) {
      const at = text.lastIndexOf(opener);
      if (at !== -1) {
        offset = at + opener.length;
        break;
      }
    }
    segment = text.slice(offset);
    const close = segment.lastIndexOf("</answer>");
    if (close !== -1) segment = segment.slice(0, close);
  }
  if (segment.length > MAX_ANSWER_SEGMENT_CHARS) {
    offset += segment.length - MAX_ANSWER_SEGMENT_CHARS;
    segment = segment.slice(segment.length - MAX_ANSWER_SEGMENT_CHARS);
  }
  return { text: segment, offset, parsed: parsed.ok };
}
