import { InputError } from "../errors.js";
import type { CompatMode, ParsedResponse, Template } from "../types.js";
import { TEMPLATES } from "../types.js";
import { pyStrip } from "./py-strip.js";
import { countOf } from "../text/count-of.js";

/** Options of {@link parseResponse}. */
export interface ParseOptions {
  /**
   * Which completion layout to expect.
   * @default "abstain-r1"
   */
  template?: Template;
  /**
   * `reference` strips Python whitespace before testing for `<thinking>` (and prepends it to the
   * unstripped text when missing), as the reference does; `fixed` drops leading whitespace.
   * @default "fixed"
   */
  compat?: CompatMode;
}

const ABSTAIN_R1_TAGS = ["<thinking>", "</thinking>", "<answer>", "</answer>"] as const;

function failed(template: Template, error: string, prefixed: boolean, answer = ""): ParsedResponse {
  return { template, ok: false, error, thinking: null, answer, prefixed };
}

function parseAbstainR1(raw: string, compat: CompatMode): ParsedResponse {
  // The training prompt ends with `<thinking>`, so completions usually omit it. The reference
  // strips (Python whitespace) before testing and prepends to the unstripped text; fixed mode drops
  // leading whitespace.
  const lead = compat === "fixed" ? raw.trimStart() : raw;
  const prefixed = compat === "fixed" ? !lead.startsWith("<thinking>") : raw !== "" && !pyStrip(raw).startsWith("<thinking>");
  const text = prefixed ? `<thinking>\n${raw}` : lead;
  for (const tag of ABSTAIN_R1_TAGS) {
    const count = countOf(text, tag);
    if (count !== 1) {
      return failed("abstain-r1", `The tag ${tag} must occur exactly once, found ${count}.`, prefixed);
    }
  }
  const [open, close, answerOpen, answerClose] = ABSTAIN_R1_TAGS.map((tag) => text.indexOf(tag)) as [number, number, number, number];
  if (!(open < close && close < answerOpen && answerOpen < answerClose)) {
    return failed("abstain-r1", "The tags must appear in the order <thinking>, </thinking>, <answer>, </answer>.", prefixed);
  }
  const between = text.slice(close + "</thinking>".length, answerOpen);
  if (between.trim() !== "") {
    return failed("abstain-r1", "Only whitespace may stand between </thinking> and <answer>.", prefixed);
  }
  return {
    template: "abstain-r1",
    ok: true,
    error: null,
    thinking: text.slice(open + "<thinking>".length, close),
    answer: text.slice(answerOpen + "<answer>".length, answerClose),
    prefixed,
  };
}

function parseR1(text: string): ParsedResponse {
  const closes = countOf(text, "</think>");
  if (closes !== 1) {
    return failed("r1", `The tag </think> must occur exactly once, found ${closes}.`, false);
  }
  const close = text.indexOf("</think>");
  const before = text.slice(0, close);
  const opens = countOf(before, "<think>");
  if (opens > 1 || countOf(text, "<think>") !== opens) {
    return failed("r1", "The tag <think> may occur at most once, before </think>.", false);
  }
  const openAt = before.indexOf("<think>");
  return {
    template: "r1",
    ok: true,
    error: null,
    thinking: openAt === -1 ? before : before.slice(openAt + "<think>".length),
    answer: text.slice(close + "</think>".length),
    prefixed: openAt === -1,
  };
}

/**
 * Splits a completion into reasoning and answer segments and applies the template's tag gate.
 * Linear in the input length; never throws on garbage text, only on a non-string or bad options.
 * @param text - The completion.
 * @param options - Template and compat mode.
 * @returns The segments, with `ok: false` and an `error` sentence when the gate fails.
 * @example
 * parseResponse("reasoning</thinking>\n<answer>\\boxed{4}</answer>").answer; // "\\boxed{4}"
 */
export function parseResponse(text: string, options: ParseOptions = {}): ParsedResponse {
  if (typeof text !== "string") {
    throw new InputError(`The response must be a string, got ${text === null ? "null" : typeof text}.`, [
      { path: ["response"], message: "Expected string" },
    ]);
  }
  const template = options.template ?? "abstain-r1";
  if (!TEMPLATES.includes(template)) {
    throw new InputError(
      `Unknown template "${String(template)}"; expected one of ${TEMPLATES.join(", ")}.`,
      [{ path: ["template"], message: "Unknown template" }],
      "invalid_options",
    );
  }
  if (template === "plain") {
    return { template, ok: true, error: null, thinking: null, answer: text, prefixed: false };
  }
  if (template === "r1") return parseR1(text);
  return parseAbstainR1(text, options.compat ?? "fixed");
}
