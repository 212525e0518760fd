import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { InputError } from "../../errors.js";
import { didYouMean } from "../../reward/did-you-mean.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags: strings, booleans, and the positionals. */
export interface ParsedFlags {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * The first sentence of a `node:util` parseArgs error, without a final period: Node appends a hint
 * about `--` and positionals to unknown-option errors that only confuses a user who mistyped a flag.
 * @param error - What parseArgs threw.
 * @param options - The option table; when given, an unknown flag gets the closest known one.
 * @returns E.g. `Unknown option '--jsn' (did you mean "--json"?)`.
 * @example
 * parseArgsMessage(new TypeError("Unknown option '--x'. To specify a positional argument …")); // "Unknown option '--x'"
 */
export function parseArgsMessage(error: unknown, options?: Options): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.replace(/\s*To specify a positional argument[\s\S]*$/, "").replace(/\.$/, "");
  const unknown = /^Unknown option '--([^'=]{1,100})'/.exec(first)?.[1];
  return unknown === undefined || options === undefined ? first : `${first}${didYouMean(unknown, Object.keys(options), "--")}`;
}

/**
 * Parses a command's flags with `node:util` parseArgs, turning its errors into usage errors.
 * @param command - The command name, for messages.
 * @param args - The arguments after the command name.
 * @param options - parseArgs option table (no `multiple` options).
 * @returns Values and positionals.
 * @example
 * parseFlags("eval", ["r.jsonl", "--json"], { json: { type: "boolean" } }).values.json; // true
 */
export function parseFlags(command: string, args: readonly string[], options: Options): ParsedFlags {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new InputError(
      `${parseArgsMessage(error, options)}. Run \`abstain-reward ${command} --help\` for its options.`,
      [],
      "invalid_options",
    );
  }
}

/**
 * Reads a string flag that must be one of a closed set.
 * @param flag - The flag name without dashes.
 * @param value - Its value, if given.
 * @param allowed - Allowed values.
 * @param fallback - The default.
 * @returns The value.
 * @example
 * enumFlag("join", "id", ["question", "id"], "question"); // "id"
 */
export function enumFlag<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      `--${flag} must be one of ${allowed.join(", ")}; got "${String(value)}".`,
      [{ path: [flag], message: "Unknown value" }],
      "invalid_options",
    );
  }
  return value as T;
}

/**
 * Reads an integer flag written as plain digits (no sign, exponent, hex or spaces).
 * @param flag - Flag name without dashes, for the message.
 * @param value - The raw value (`true` when the flag was given without one).
 * @param min - Smallest allowed value.
 * @returns The number, or `undefined` when the flag is absent.
 * @example
 * integerFlag("batch-size", "128", 1) ?? 256; // 128
 */
export function integerFlag(flag: string, value: string | boolean | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min)) {
    throw new InputError(
      `--${flag} must be an integer ≥ ${min}, got "${String(value)}"; write it as plain digits, for example --${flag} ${Math.max(min, 1)}.`,
      [{ path: [flag], message: `Expected an integer ≥ ${min}` }],
      "invalid_options",
    );
  }
  return number;
}

/**
 * Reads an optional string flag.
 * @param value - Its value, if given.
 * @returns The string or `undefined`.
 * @example
 * stringFlag("out.json"); // "out.json"
 */
export function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The one input path of a command.
 * @param command - The command name.
 * @param positionals - Positional arguments.
 * @param what - What the path holds, for the message.
 * @returns The path (`-` for stdin).
 * @example
 * inputPath("score", ["samples.jsonl"], "samples"); // "samples.jsonl"
 */
export function inputPath(command: string, positionals: readonly string[], what: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined) {
    const got = positionals.length === 0 ? "none" : positionals.map((p) => `"${p}"`).join(", ");
    throw new InputError(
      `\`abstain-reward ${command}\` takes exactly one ${what} file (or - for stdin); got ${got}. Run \`abstain-reward ${command} --help\`.`,
      [],
      "invalid_options",
    );
  }
  return positionals[0];
}

/**
 * Reads `--verifier default|none` (the worker's spelling) and `--no-verifier` (its shorthand).
 * @param verifier - The `--verifier` value, if given.
 * @param noVerifier - The `--no-verifier` switch, if given.
 * @returns Whether the clarification verifier is loaded.
 * @example
 * verifierFlag("none", undefined); // false
 */
export function verifierFlag(verifier: string | boolean | undefined, noVerifier: string | boolean | undefined): boolean {
  const choice = enumFlag("verifier", verifier, ["default", "none"] as const, "default");
  if (noVerifier === true && verifier !== undefined && choice === "default") {
    throw new InputError(
      "--no-verifier contradicts --verifier default; pass only one of them.",
      [{ path: ["verifier"], message: "Contradictory flags" }],
      "invalid_options",
    );
  }
  return choice === "default" && noVerifier !== true;
}
