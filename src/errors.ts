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
 * A registry-wide symbol, so that every copy of this module agrees on what an error is: the ESM and
 * the CJS build each carry their own class objects (and an app may hold two installed copies), and
 * a plain prototype check would say a `ModelError` thrown by one copy is not a `ModelError` of
 * another. Within one format the entries share a single copy (the build is code-split).
 */
const ERROR_KINDS = Symbol.for("abstain-reward.error-kinds");

type ErrorKind = "RewardError" | "InputError" | "ModelError";

function kindsOf(value: unknown): readonly unknown[] {
  if (typeof value !== "object" || value === null) return [];
  const kinds: unknown = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
  return Array.isArray(kinds) ? kinds : [];
}

function addKind(error: Error, kind: ErrorKind): void {
  // Not enumerable: the brand never shows in JSON, logs or deep-equality checks.
  Object.defineProperty(error, ERROR_KINDS, { value: Object.freeze([...kindsOf(error), kind]), configurable: true });
}

function kindOfClass(candidate: unknown): ErrorKind | undefined {
  if (candidate === RewardError) return "RewardError";
  if (candidate === InputError) return "InputError";
  if (candidate === ModelError) return "ModelError";
  return undefined;
}

/**
 * The one error class of the library. Messages are whole sentences: what was wrong, what was
 * expected, how to fix it. `instanceof` holds across the package's entries and module formats.
 * @example
 * throw new RewardError("internal", "The scorer reached a state it should not; please report it.");
 */
export class RewardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RewardError";
    this.code = code;
    addKind(this, "RewardError");
  }

  /**
   * The prototype check first (subclasses of your own keep plain `instanceof`), then the brand, so
   * that an error from another copy of this package (ESM vs CJS, another entry) still matches.
   * @param value - Anything.
   * @returns Whether `value` is an instance of this class or carries its brand.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` was asked about (InputError, ModelError inherit this method).
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kind = kindOfClass(this);
    return kind !== undefined && kindsOf(value).includes(kind);
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
    addKind(this, "InputError");
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
    addKind(this, "ModelError");
  }
}

/** Formats a list of issues as `path: message; …` for error sentences. */
export function formatIssues(issues: readonly InputIssue[]): string {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`).join("; ");
}
