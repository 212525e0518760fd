/** Stable error codes; callers branch on `code`, never on the message. */
export const ERROR_CODES = [
  "invalid_input",
  "invalid_options",
  "model_error",
  "verifier_error",
  "not_found",
  "disposed",
  "network_unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One issue found while validating input (the shape of a zod issue, kept independent of zod). */
export interface InputIssue {
  path: readonly (string | number)[];
  message: string;
}

/**
 * The one error class of the library. Messages are whole sentences: what was wrong, what was
 * expected, how to fix it.
 * @example
 * throw new RewardError("internal", "The scorer reached a state it should not; please report it.");
 */
export class RewardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RewardError";
    this.code = code;
  }
}

/**
 * Bad input or options; carries the individual issues.
 * @example
 * throw new InputError("`response` must be a string, got number.", [{ path: ["response"], message: "Expected string" }]);
 */
export class InputError extends RewardError {
  readonly issues: readonly InputIssue[];
  constructor(message: string, issues: readonly InputIssue[] = [], code: ErrorCode = "invalid_input") {
    super(code, message);
    this.name = "InputError";
    this.issues = issues;
  }
}

/**
 * A model could not be loaded or run.
 * @example
 * throw new ModelError("No tokenizer.json in /models/x; run `abstain-reward models build`.");
 */
export class ModelError extends RewardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("model_error", message, options);
    this.name = "ModelError";
  }
}

/** Formats a list of issues as `path: message; …` for error sentences. */
export function formatIssues(issues: readonly InputIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}
