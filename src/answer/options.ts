import { InputError } from "../errors.js";

/** Where a mathematical answer may be found: `latex` = only inside math delimiters or `\boxed`; `expr` = plain numbers and expressions too. */
export const MATCH_TYPES = ["latex", "expr"] as const;
/** One of {@link MATCH_TYPES}. */
export type MatchType = (typeof MATCH_TYPES)[number];

/** How the gold answer is read: decided from the gold (`auto`), or forced to math or short text. */
export const ANSWER_TYPES = ["auto", "math", "text"] as const;
/** One of {@link ANSWER_TYPES}. */
export type AnswerType = (typeof ANSWER_TYPES)[number];

/**
 * How a percent answer compares with a number: `either` — `25\%` equals both 25 and 0.25 when the
 * other side has no percent sign (a "what percent" question is often answered either way);
 * `fraction` — Math-Verify's reading, `25\%` is 0.25 only.
 */
export const PERCENT_MODES = ["either", "fraction"] as const;
/** One of {@link PERCENT_MODES}. */
export type PercentMode = (typeof PERCENT_MODES)[number];

/** Options of {@link scoreAnswer}, {@link extractAnswer} and {@link answersMatch}. */
export interface ScoreAnswerOptions {
  /**
   * Which kinds of mathematical answers the extractor looks for in the prediction (and in a gold
   * that is a whole solution): `latex` only reads `\boxed{…}` and math delimiters; `expr` also
   * reads plain numbers and expressions such as `2/3` or `1,000.99`.
   * @default ["latex", "expr"]
   */
  matchTypes?: readonly MatchType[];
  /**
   * Decimal places compared when either side is a decimal number (`0.333333` vs `1/3`).
   * @default 6
   */
  precision?: number;
  /**
   * When false, variable names do not matter (`f(x)` equals `f(y)`): the prediction's variables are
   * renamed to the gold's, in sorted order, when both use the same number of variables.
   * @default true
   */
  strict?: boolean;
  /**
   * Also compare a relation in the prediction with a set in the gold (`-2 \le x \le 7` vs
   * `[-2, 7]`). A set in the prediction is always compared with a relation in the gold.
   * @default false
   */
  allowSetRelationComp?: boolean;
  /**
   * Minimum normalized Levenshtein similarity, in [0, 1], for two short text answers to match;
   * 1 disables fuzzy matching.
   * @default 0.9
   */
  fuzzyThreshold?: number;
  /**
   * Read the gold as math, as short text, or decide from the gold itself.
   * @default "auto"
   */
  answerType?: AnswerType;
  /**
   * How a percent compares with a bare number: `either` (`25\%` = 25 = 0.25 when only one side
   * has a percent sign) or `fraction` (Math-Verify's: `25\%` = 0.25 only). Two percents always
   * compare as numbers.
   * @default "either"
   */
  percent?: PercentMode;
}

/** Every option filled in and validated. */
export interface ResolvedScoreAnswerOptions {
  readonly matchTypes: readonly MatchType[];
  readonly precision: number;
  readonly strict: boolean;
  readonly allowSetRelationComp: boolean;
  readonly fuzzyThreshold: number;
  readonly answerType: AnswerType;
  readonly percent: PercentMode;
}

/** The defaults, frozen. */
export const DEFAULT_SCORE_ANSWER_OPTIONS: ResolvedScoreAnswerOptions = Object.freeze({
  matchTypes: Object.freeze(["latex", "expr"] as const),
  precision: 6,
  strict: true,
  allowSetRelationComp: false,
  fuzzyThreshold: 0.9,
  answerType: "auto",
  percent: "either",
});

const KNOWN_KEYS = new Set(Object.keys(DEFAULT_SCORE_ANSWER_OPTIONS));

function invalid(key: string, message: string): InputError {
  return new InputError(message, [{ path: [key], message }], "invalid_options");
}

function checkBoolean(key: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw invalid(key, `Option \`${key}\` must be true or false, got ${String(value)}.`);
  return value;
}

function checkMatchTypes(value: unknown): readonly MatchType[] {
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === "string" && (MATCH_TYPES as readonly string[]).includes(item));
  if (!ok) {
    throw invalid(
      "matchTypes",
      `Option \`matchTypes\` must be a non-empty list of ${MATCH_TYPES.map((t) => `"${t}"`).join(", ")}; got ${JSON.stringify(value)}.`,
    );
  }
  return Object.freeze([...(value as MatchType[])]);
}

/**
 * Fills in defaults and validates every option, so the scorers never see a bad value.
 * @param options - Partial options, or `undefined`.
 * @returns The complete, frozen options.
 * @throws InputError with code `invalid_options` for an unknown key or a value out of range.
 * @example
 * resolveScoreAnswerOptions({ precision: 2 }).precision; // 2
 */
export function resolveScoreAnswerOptions(options: ScoreAnswerOptions | undefined): ResolvedScoreAnswerOptions {
  if (options === undefined) return DEFAULT_SCORE_ANSWER_OPTIONS;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalid("(root)", `The answer options must be an object, got ${options === null ? "null" : typeof options}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) {
      throw invalid(key, `Unknown answer option \`${key}\`; expected one of ${[...KNOWN_KEYS].join(", ")}.`);
    }
  }
  const d = DEFAULT_SCORE_ANSWER_OPTIONS;
  const precision = options.precision ?? d.precision;
  if (!Number.isInteger(precision) || precision < 0 || precision > 15) {
    throw invalid("precision", `Option \`precision\` must be an integer from 0 to 15 decimal places, got ${String(precision)}.`);
  }
  const fuzzyThreshold = options.fuzzyThreshold ?? d.fuzzyThreshold;
  if (typeof fuzzyThreshold !== "number" || !(fuzzyThreshold >= 0 && fuzzyThreshold <= 1)) {
    throw invalid("fuzzyThreshold", `Option \`fuzzyThreshold\` must be a number in [0, 1], got ${String(fuzzyThreshold)}.`);
  }
  const answerType = options.answerType ?? d.answerType;
  if (!(ANSWER_TYPES as readonly string[]).includes(answerType)) {
    throw invalid("answerType", `Option \`answerType\` must be one of ${ANSWER_TYPES.join(", ")}, got ${String(answerType)}.`);
  }
  const percent = options.percent ?? d.percent;
  if (!(PERCENT_MODES as readonly string[]).includes(percent)) {
    throw invalid(
      "percent",
      `Option \`percent\` must be one of ${PERCENT_MODES.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(percent)}.`,
    );
  }
  return Object.freeze({
    matchTypes: options.matchTypes === undefined ? d.matchTypes : checkMatchTypes(options.matchTypes),
    precision,
    strict: options.strict === undefined ? d.strict : checkBoolean("strict", options.strict),
    allowSetRelationComp:
      options.allowSetRelationComp === undefined
        ? d.allowSetRelationComp
        : checkBoolean("allowSetRelationComp", options.allowSetRelationComp),
    fuzzyThreshold,
    answerType,
    percent,
  });
}
