import { InputError } from "../errors.js";
import { goldList } from "./answer-input.js";
import { resolveScoreAnswerOptions, type ResolvedScoreAnswerOptions, type ScoreAnswerOptions } from "./options.js";
import { parseOneGold, type GoldAnswer } from "./parse-gold.js";

export type { GoldAnswer } from "./parse-gold.js";

/**
 * Gold answers parsed once (Math-Verify's `parse` step), to score many responses against: the 16
 * rollouts of one GRPO prompt share one gold. Pass it to `scoreAnswer` or `answersMatch` in
 * place of the gold string.
 */
export interface ParsedGold {
  readonly kind: "parsed-gold";
  /** The gold answers as given. */
  readonly answers: readonly string[];
  /** Each answer parsed: math, short text, or ungradeable with the reason. */
  readonly golds: readonly GoldAnswer[];
  /** The options it was parsed with (`answerType` and `matchTypes` decide the parse). */
  readonly options: ResolvedScoreAnswerOptions;
  /** Whether some gold needs a math reading of the response, and some a short-text reading. */
  readonly needs: { readonly math: boolean; readonly text: boolean };
}

/**
 * Parses gold answers once, leniently (a whole solution, a plain number, a formula, short text).
 * @param gold - The accepted answer, or several.
 * @param options - Answer options; `answerType` and `matchTypes` shape the parse, the rest is kept for scoring.
 * @returns The parsed gold, frozen; give it to `scoreAnswer` or `answersMatch` as the gold.
 * @throws InputError when the gold is not a string (or string list) or an option is invalid.
 * @example
 * const gold = parseGold("\\frac{1}{2}");
 * rollouts.map((r) => scoreAnswer(r, gold).score);
 */
export function parseGold(gold: string | readonly string[], options?: ScoreAnswerOptions): ParsedGold {
  const answers = [...goldList(gold)];
  const settings = resolveScoreAnswerOptions(options);
  // Built as plain arrays and frozen at the end: V8's filter/some/map on a frozen array take a
  // slow path (ten times slower), and this runs on every scoring call given a gold string.
  const golds: GoldAnswer[] = [];
  let math = false;
  let text = false;
  for (const one of answers) {
    const parsed = Object.freeze(parseOneGold(one, settings));
    golds.push(parsed);
    if (parsed.kind === "math") math = true;
    if (parsed.kind === "text" || (parsed.kind === "math" && parsed.alsoText)) text = true;
  }
  return Object.freeze({
    kind: "parsed-gold",
    answers: Object.freeze(answers),
    golds: Object.freeze(golds),
    options: settings,
    needs: Object.freeze({ math, text }),
  });
}

/**
 * Whether a value is a {@link ParsedGold}.
 * @param value - Anything.
 * @returns `true` for the result of `parseGold`.
 */
export function isParsedGold(value: unknown): value is ParsedGold {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (value as { kind?: unknown }).kind === "parsed-gold";
}

/** Index loop: both lists are usually frozen, and `every` on a frozen array is slow in V8. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks that options given with a parsed value agree with the options it was parsed with on
 * what shaped the parse.
 * @param what - "gold" or "extraction", for the message.
 * @param parsedWith - The options of the parse.
 * @param settings - The options of this call.
 * @throws InputError when `answerType` or `matchTypes` differ.
 */
export function checkSameParse(what: string, parsedWith: ResolvedScoreAnswerOptions, settings: ResolvedScoreAnswerOptions): void {
  if (parsedWith.answerType === settings.answerType && sameList(parsedWith.matchTypes, settings.matchTypes)) return;
  const message =
    `The ${what} was parsed with answerType "${parsedWith.answerType}" and matchTypes ${JSON.stringify(parsedWith.matchTypes)}, ` +
    `but this call asks for answerType "${settings.answerType}" and matchTypes ${JSON.stringify(settings.matchTypes)}; ` +
    `parse it again with the same options, or leave those two options out of this call.`;
  throw new InputError(message, [{ path: ["options"], message: "Options differ from the parse" }], "invalid_options");
}

/**
 * The gold of a scoring call, parsed (or taken as parsed) with the call's options.
 * @param gold - A gold string, list, or {@link ParsedGold}.
 * @param options - The call's options.
 * @returns The parsed gold and the options to score with.
 */
export function resolveGold(
  gold: unknown,
  options: ScoreAnswerOptions | undefined,
): { parsed: ParsedGold; settings: ResolvedScoreAnswerOptions } {
  if (!isParsedGold(gold)) {
    const parsed = parseGold(gold as string | readonly string[], options);
    return { parsed, settings: parsed.options };
  }
  if (options === undefined) return { parsed: gold, settings: gold.options };
  const settings = resolveScoreAnswerOptions({ answerType: gold.options.answerType, matchTypes: gold.options.matchTypes, ...options });
  checkSameParse("gold", gold.options, settings);
  return { parsed: gold, settings };
}
