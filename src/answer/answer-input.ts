/** Validating and bounding the inputs of the answer scorers: every later scan sees a string of bounded length. */
import { MAX_ANSWER_SEGMENT_CHARS, MAX_RESPONSE_CHARS } from "../limits.js";
import { InputError } from "../errors.js";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/**
 * Throws unless `value` is a string.
 * @param value - The argument.
 * @param name - Its name, for the message.
 * @throws InputError with code `invalid_input`.
 */
export function checkString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string") {
    throw new InputError(`The ${name} must be a string, got ${describe(value)}; pass the text itself (use "" for none).`, [
      { path: [name], message: "Expected string" },
    ]);
  }
}

/**
 * Normalizes a gold argument to a list of strings.
 * @param gold - A string or an array of strings.
 * @returns The accepted answers.
 * @throws InputError with code `invalid_input` for anything else.
 */
export function goldList(gold: unknown): readonly string[] {
  if (typeof gold === "string") return [gold];
  if (Array.isArray(gold) && gold.every((item) => typeof item === "string")) return gold as string[];
  const list: readonly unknown[] | null = Array.isArray(gold) ? gold : null;
  const bad = list === null ? -1 : list.findIndex((item) => typeof item !== "string");
  throw new InputError(
    `The gold answer must be a string or an array of strings, got ${list === null ? describe(gold) : `${describe(list[bad])} at index ${bad}`}.`,
    [{ path: bad === -1 ? ["gold"] : ["gold", bad], message: "Expected string or string[]" }],
  );
}

/**
 * The part of a completion where the final answer lives: after the last `</think>` or
 * `</thinking>`, inside the last `<answer>…</answer>` when present, and at most the last
 * {@link MAX_ANSWER_SEGMENT_CHARS} characters, so every later scan is bounded.
 * @param text - A completion or its answer segment.
 * @returns The bounded region.
 */
export function answerRegion(text: string): string {
  // The answer is at the end: an over-long completion keeps its tail.
  let region = text.length > MAX_RESPONSE_CHARS ? text.slice(text.length - MAX_RESPONSE_CHARS) : text;
  // After the last `</think>` or `</thinking>`, whichever comes later: one backward search for both.
  for (let at = region.lastIndexOf("</think"); at !== -1; at = at === 0 ? -1 : region.lastIndexOf("</think", at - 1)) {
    const closer = region.startsWith(">", at + 7) ? 8 : region.startsWith("ing>", at + 7) ? 11 : 0;
    if (closer > 0) {
      region = region.slice(at + closer);
      break;
    }
  }
  const open = region.lastIndexOf("<answer>");
  if (open !== -1) {
    const close = region.indexOf("</answer>", open);
    region = region.slice(open + "<answer>".length, close === -1 ? undefined : close);
  }
  return region.length > MAX_ANSWER_SEGMENT_CHARS ? region.slice(region.length - MAX_ANSWER_SEGMENT_CHARS) : region;
}
