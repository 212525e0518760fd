import { RewardError } from "../../errors.js";
import type { AnswerLabel, AnswerQuery, ClarificationQuery, RefusalQuery, RefusalVerdict } from "./judge-types.js";
import { ANSWER_LABELS } from "./judge-types.js";

/**
 * The prompts the HTTP judge sends for each question the paper's judge answers, and the strict
 * readers of its replies. Written for this project (not the scripts' wording); each asks for one
 * JSON object so any OpenAI-compatible server (vLLM, llama.cpp, hosted APIs) can answer it.
 */

/** One chat message. */
export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** Longest model output put in a prompt; the rest is cut (the judge reads the final answer). */
const MAX_OUTPUT_CHARS = 12_000;

const SYSTEM =
  "You are a strict, consistent grader for a benchmark of language-model answers. Read the task, then reply with one JSON object and nothing else.";

function cut(text: string): string {
  // Keep the end: the final answer and any refusal sit there.
  return text.length > MAX_OUTPUT_CHARS ? `[…]${text.slice(text.length - MAX_OUTPUT_CHARS)}` : text;
}

/**
 * Messages asking whether an answer is correct, wrong, or a refusal.
 * @param query - The question, accepted answers and the output.
 * @returns The chat messages.
 * @example
 * answerMessages({ label: "line 1", question: "2+2?", gold: ["4"], output: "\\boxed{4}" })[1]?.content;
 */
export function answerMessages(query: AnswerQuery): ChatMessage[] {
  const user = [
    "Grade the model's FINAL answer to the question against the accepted answer(s). Ignore its reasoning; only the final answer counts.",
    'Reply {"label": "correct"} when the final answer is equivalent to an accepted answer (formatting, units written out, 12 vs 12.0 do not matter);',
    '{"label": "idk"} when the model declines to answer, says it does not know, or says the question cannot be answered, without committing to a final answer;',
    '{"label": "incorrect"} in every other case, including a wrong, missing or ambiguous final answer.',
    "",
    `Question:\n${query.question ?? "(not given)"}`,
    "",
    `Accepted answer(s):\n${query.gold.join("\n")}`,
    "",
    `Model output:\n${cut(query.output)}`,
  ];
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: user.join("\n") },
  ];
}

/**
 * Messages asking whether an output to an unanswerable question refuses, and whether its stated
 * reason is the missing information of the reference clarification.
 * @param query - The question, reference clarification and output.
 * @returns The chat messages.
 * @example
 * refusalMessages({ label: "line 2", question: "q", referenceClarification: "The width is missing.", missingFacts: [], output: "\\boxed{I don't know}" });
 */
export function refusalMessages(query: RefusalQuery): ChatMessage[] {
  const user = [
    "The question below cannot be answered as asked; the reference explains what is missing or wrong.",
    '"refusal": true when the model does not commit to a final answer and says, in any words, that it cannot answer or lacks information; false when it gives a concrete final answer (even a hedged one).',
    '"clarification_ok": true only when the model refuses AND the reason it states names the same missing or wrong information as the reference; false otherwise, and false when unsure.',
    'Reply {"refusal": true|false, "clarification_ok": true|false}.',
    "",
    `Question:\n${query.question ?? "(not given)"}`,
    "",
    `Reference clarification:\n${query.referenceClarification}`,
    "",
    `Model output:\n${cut(query.output)}`,
  ];
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: user.join("\n") },
  ];
}

/**
 * Messages asking whether a clarification (the refusal marker already removed) names the same
 * missing information as the reference.
 * @param query - The question, reference and clarification.
 * @returns The chat messages.
 * @example
 * clarificationMessages({ label: "line 3", question: "q", referenceClarification: "r", missingFacts: [], clarification: "c" });
 */
export function clarificationMessages(query: ClarificationQuery): ChatMessage[] {
  const user = [
    "A model declined to answer the question below and explained why. Decide whether its explanation names the same missing or wrong information as the reference clarification (other wording is fine; a generic or different reason is not).",
    'Reply {"clarification_ok": true|false}.',
    "",
    `Question:\n${query.question ?? "(not given)"}`,
    "",
    `Reference clarification:\n${query.referenceClarification}`,
    "",
    `Model explanation:\n${cut(query.clarification)}`,
  ];
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: user.join("\n") },
  ];
}

function malformed(label: string, content: string, expected: string): RewardError {
  const shown = content.length > 200 ? `${content.slice(0, 197)}...` : content;
  return new RewardError(
    "verifier_error",
    `The judge's reply for ${label} is malformed: expected ${expected}, got ${JSON.stringify(shown)}. Check that --judge-model is an instruction-following chat model, or use --judge exact or --judge local.`,
  );
}

/** The one JSON object in a reply (a code fence or words around it are tolerated). */
function replyObject(label: string, content: string, expected: string): Record<string, unknown> {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  if (start === -1 || end <= start) throw malformed(label, content, expected);
  try {
    const value: unknown = JSON.parse(content.slice(start, end + 1));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below as malformed.
  }
  throw malformed(label, content, expected);
}

function bit(value: unknown): boolean | null {
  if (value === true || value === 1 || value === "1" || value === "true") return true;
  if (value === false || value === 0 || value === "0" || value === "false") return false;
  return null;
}

/**
 * Reads an answer label from a reply.
 * @param label - Names the item in the error.
 * @param content - The reply's message content.
 * @returns The label.
 * @throws RewardError naming the item when the reply is malformed.
 * @example
 * parseAnswerReply("line 1", '{"label": "correct"}'); // "correct"
 */
export function parseAnswerReply(label: string, content: string): AnswerLabel {
  const expected = 'a JSON object {"label": "correct"|"incorrect"|"idk"}';
  const value = replyObject(label, content, expected).label;
  if (typeof value === "string" && (ANSWER_LABELS as readonly string[]).includes(value.trim().toLowerCase()))
    return value.trim().toLowerCase() as AnswerLabel;
  throw malformed(label, content, expected);
}

/**
 * Reads a refusal verdict from a reply.
 * @param label - Names the item in the error.
 * @param content - The reply's message content.
 * @returns The verdict.
 * @throws RewardError naming the item when the reply is malformed.
 * @example
 * parseRefusalReply("line 2", '{"refusal": true, "clarification_ok": false}'); // { refusal: true, clarificationOk: false }
 */
export function parseRefusalReply(label: string, content: string): RefusalVerdict {
  const expected = 'a JSON object {"refusal": true|false, "clarification_ok": true|false}';
  const object = replyObject(label, content, expected);
  const refusal = bit(object.refusal);
  const clarificationOk = bit(object.clarification_ok);
  if (refusal === null || clarificationOk === null) throw malformed(label, content, expected);
  return { refusal, clarificationOk };
}

/**
 * Reads a clarification verdict from a reply.
 * @param label - Names the item in the error.
 * @param content - The reply's message content.
 * @returns The verdict.
 * @throws RewardError naming the item when the reply is malformed.
 * @example
 * parseClarificationReply("line 3", '{"clarification_ok": 1}'); // true
 */
export function parseClarificationReply(label: string, content: string): boolean {
  const expected = 'a JSON object {"clarification_ok": true|false}';
  const value = bit(replyObject(label, content, expected).clarification_ok);
  if (value === null) throw malformed(label, content, expected);
  return value;
}
