import { detectAbstention } from "../abstention/detect-abstention.js";
import { containsIdk, isIdkBox } from "../abstention/idk-marker.js";
import { scoreAnswer } from "../answer/score-answer.js";
import { findBoxes } from "../parse/find-boxes.js";
import { parseResponse } from "../parse/parse-response.js";
import type {
  AbstentionResult,
  AnswerResult,
  BoxedSpan,
  ClarificationAnnotation,
  ParsedResponse,
  Sample,
} from "../types.js";
import type { ResolvedRewardOptions } from "./reward-options.js";

/** Phase-one outcome of one sample: everything pure, plus the clarification still to verify. */
export interface RewardDraft {
  sample: Sample;
  parsed: ParsedResponse;
  format: number;
  answer: AnswerResult | null;
  idkAnswer: boolean;
  abstention: AbstentionResult | null;
  /** Set when the sample abstained explicitly on an unanswerable question. */
  clarification: { text: string; annotation: ClarificationAnnotation | null } | null;
}

function hasBox(answer: string, boxes: readonly BoxedSpan[], options: ResolvedRewardOptions): boolean {
  // SPEC §1: the literal `\boxed{` (closed or not); no compat fix touches the format rule. Fixed mode
  // also counts a `\boxed {…}` / `\boxed 5` the scanner found, so a marker box always earns format;
  // `\fbox` never does (the prompt asks for `\boxed`).
  if (answer.includes("\\boxed{")) return true;
  return options.compat === "fixed" && boxes.some((box) => box.command === "boxed");
}

/** Removes the marker boxes and returns what is left: the clarification. */
function textAfterMarkers(answer: string, markers: readonly { start: number; end: number }[]): string {
  let text = "";
  let from = 0;
  for (const marker of markers) {
    text += answer.slice(from, marker.start);
    from = marker.end;
  }
  return (text + answer.slice(from)).trim();
}

function annotationOf(sample: Sample): ClarificationAnnotation | null {
  const facts = (sample.missingFacts ?? []).filter((fact) => fact.trim() !== "");
  const reference = sample.referenceClarification?.trim() ?? "";
  if (facts.length === 0 && reference === "") return null;
  const annotation: ClarificationAnnotation = {};
  if (facts.length > 0) annotation.missingFacts = facts;
  if (reference !== "") annotation.referenceClarification = reference;
  if (sample.question !== undefined) annotation.question = sample.question;
  return annotation;
}

function markerAbstention(answer: string, markers: readonly { start: number; end: number }[]): AbstentionResult {
  const first = markers[0];
  return {
    abstained: first !== undefined,
    explicit: first !== undefined,
    hedged: false,
    kind: first !== undefined ? "unknown" : "none",
    span: first !== undefined ? { start: first.start, end: first.end, text: answer.slice(first.start, first.end) } : null,
    confidence: first !== undefined ? 1 : 0,
  };
}

/**
 * Phase one of the reward: parse, gate, format, answer check and marker detection, all pure.
 * @param sample - A validated sample.
 * @param options - Resolved reward options.
 * @returns The draft; `clarification` is set when a verifier pass is needed.
 * @example
 * draftReward({ response: "x</thinking><answer>\\boxed{4}</answer>", answerable: true, goldAnswer: "4" }, resolveRewardOptions());
 */
export function draftReward(sample: Sample, options: ResolvedRewardOptions): RewardDraft {
  const parsed = parseResponse(sample.response, { template: options.template, compat: options.compat });
  const draft: RewardDraft = {
    sample,
    parsed,
    format: 0,
    answer: null,
    idkAnswer: false,
    abstention: null,
    clarification: null,
  };
  if (!parsed.ok) return draft;
  const answer = parsed.answer;
  // One scan of the answer segment serves the format check and the marker search.
  const boxes = findBoxes(answer);
  draft.format = hasBox(answer, boxes, options) ? 1 : 0;
  const markers = boxes.filter((box) => box.command === "boxed" && isIdkBox(box.content, options.compat));
  if (sample.answerable) {
    // Answerable samples only need the marker itself; the full lexical scan is saved for unanswerable ones.
    draft.abstention = markerAbstention(answer, markers);
    draft.idkAnswer = containsIdk(answer, options.compat);
    if (!draft.idkAnswer) {
      draft.answer = scoreAnswer(answer, sample.goldAnswer ?? [], { fuzzyThreshold: options.fuzzyThreshold });
    }
    return draft;
  }
  // The full lexical scan reports kind and hedge; the reward itself follows the reference and
  // depends on the explicit marker alone.
  draft.abstention = detectAbstention(answer, { template: "plain", compat: options.compat });
  if (markers.length > 0) {
    draft.clarification = { text: textAfterMarkers(answer, markers), annotation: annotationOf(sample) };
  }
  return draft;
}
