import { detectAbstention } from "../abstention/detect-abstention.js";
import { containsIdk, findIdkBoxes, isIdkBox } from "../abstention/idk-marker.js";
import { scoreAnswer } from "../answer/score-answer.js";
import { findBoxes } from "../completion/find-boxes.js";
import { withoutTrailingRestatement } from "../clarification/trailing-restatement.js";
import { parseResponse } from "../completion/parse-response.js";
import { referenceAnswerMatches } from "./reference-answer.js";
import { hasReferenceMarker, referenceClarification, referenceSegments } from "./reference-rules.js";
import type { AbstentionResult, AnswerResult, BoxedSpan, ClarificationAnnotation, ParsedResponse, Sample } from "../types.js";
import type { ResolvedRewardOptions } from "./reward-options.js";

/** Phase-one outcome of one sample: everything pure, plus the clarification still to verify. */
export interface PureChecks {
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
  // The reference's format rule: the literal `\boxed{` (closed or not); no compat fix touches it. Fixed mode
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
    score: first !== undefined ? 1 : 0,
    reason:
      first !== undefined
        ? `The reference's marker rule finds \\boxed{I don't know} in the answer segment.`
        : `The reference's marker rule finds no \\boxed{I don't know} in the answer segment.`,
    abstained: first !== undefined,
    explicit: first !== undefined,
    hedged: false,
    kind: first !== undefined ? "unknown" : "none",
    span: first !== undefined ? { start: first.start, end: first.end, text: answer.slice(first.start, first.end) } : null,
    confidence: first !== undefined ? 1 : 0,
  };
}

function referenceAnswer(answer: string, sample: Sample, options: ResolvedRewardOptions): AnswerResult {
  const correct = referenceAnswerMatches(answer, sample.goldAnswer ?? [], options.fuzzyThreshold);
  return {
    correct,
    score: correct ? 1 : 0,
    extracted: null,
    method: correct ? "numeric" : "none",
    reason: correct
      ? "The reference's Math-Verify check matches the answer segment to the gold answer."
      : "The reference's Math-Verify check finds no mathematical match between the answer segment and the gold answer.",
  };
}

/**
 * Phase one in `compat: "reference"`: the rules of Abstain-R1's `sum_reward.py`, string for
 * string (see reward/reference-rules.ts). The judge is called for any non-empty clarification of
 * a sample that has its question, as the reference does.
 */
function referenceChecks(sample: Sample, options: ResolvedRewardOptions): PureChecks {
  const segments = referenceSegments(sample.response);
  const answer = segments.answer ?? "";
  const parsed: ParsedResponse = {
    template: "abstain-r1",
    ok: segments.tagsOk,
    error: segments.error,
    thinking: segments.thinking,
    answer,
    prefixed: segments.prefixed,
  };
  const draft: PureChecks = { sample, parsed, format: 0, answer: null, idkAnswer: false, abstention: null, clarification: null };
  if (!segments.tagsOk) return draft;
  draft.format = answer.includes("\\boxed{") ? 1 : 0;
  const marker = hasReferenceMarker(answer);
  if (sample.answerable) {
    draft.abstention = markerAbstention(answer, marker ? findMarkerSpan(answer) : []);
    draft.idkAnswer = containsIdk(answer, "reference");
    if (!draft.idkAnswer) draft.answer = referenceAnswer(answer, sample, options);
    return draft;
  }
  draft.abstention = detectAbstention(answer, { template: "plain", compat: "reference" });
  if (marker) {
    const question = sample.question?.trim() ?? "";
    const annotation = annotationOf(sample) ?? (question === "" ? null : { question });
    draft.clarification = { text: referenceClarification(answer), annotation };
  }
  return draft;
}

/** Where the reference's marker sits, for reporting (`abstention.span`). */
function findMarkerSpan(answer: string): { start: number; end: number }[] {
  const boxes = findIdkBoxes(answer, "reference");
  return boxes.length > 0 ? boxes : [{ start: 0, end: 0 }];
}

/**
 * Phase one of the reward: parse, gate, format, answer check and marker detection, all pure.
 * @param sample - A validated sample.
 * @param options - Resolved reward options.
 * @returns The draft; `clarification` is set when a verifier pass is needed.
 * @example
 * runPureChecks({ response: "x</thinking><answer>\\boxed{4}</answer>", answerable: true, goldAnswer: "4" }, resolveRewardOptions());
 */
export function runPureChecks(sample: Sample, options: ResolvedRewardOptions): PureChecks {
  if (options.compat === "reference" && options.template === "abstain-r1") return referenceChecks(sample, options);
  const parsed = parseResponse(sample.response, { template: options.template, compat: options.compat });
  const draft: PureChecks = {
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
  // A marker box folds to "I don't know", so an answer whose folded text never says it has no
  // marker: the box scan is skipped then, unless the format rule needs it (no literal `\boxed{`).
  const saysIdk = containsIdk(answer, options.compat);
  // The reference's marker ("i dont know") escapes its own penalty test, so it is always scanned.
  const mayHoldMarker = saysIdk || options.compat === "reference";
  const literalBox = answer.includes("\\boxed{");
  const boxes = mayHoldMarker || !literalBox ? findBoxes(answer) : [];
  draft.format = literalBox || hasBox(answer, boxes, options) ? 1 : 0;
  const markers = mayHoldMarker ? boxes.filter((box) => box.command === "boxed" && isIdkBox(box.content, options.compat)) : [];
  if (sample.answerable) {
    // Answerable samples only need the marker itself; the full lexical scan is saved for unanswerable ones.
    draft.abstention = markerAbstention(answer, markers);
    // The penalty reads the same folded text as the marker test: no spelling earns the
    // unanswerable bonus without also earning this penalty.
    draft.idkAnswer = markers.length > 0 || saysIdk;
    if (!draft.idkAnswer) {
      draft.answer = scoreAnswer(answer, sample.goldAnswer ?? [], { fuzzyThreshold: options.fuzzyThreshold });
    }
    return draft;
  }
  // The full lexical scan reports kind and hedge; the reward itself follows the reference and
  // depends on the explicit marker alone.
  draft.abstention = detectAbstention(answer, { template: "plain", compat: options.compat });
  if (markers.length > 0) {
    // A tail that only repeats the question adds nothing and must not move the score.
    const text = textAfterMarkers(answer, markers);
    const question = sample.question ?? "";
    draft.clarification = { text: question === "" ? text : withoutTrailingRestatement(text, question), annotation: annotationOf(sample) };
  }
  return draft;
}
