import { z } from "zod";
import { InputError } from "../errors.js";
import type { InputIssue } from "../errors.js";
import type { CompatMode, Sample } from "../types.js";
import { didYouMean } from "./did-you-mean.js";

/** zod schema of one {@link Sample}; unknown keys are rejected so typos fail loudly. */
export const SampleSchema = z.strictObject({
  id: z.string().optional(),
  response: z.string(),
  answerable: z.boolean(),
  goldAnswer: z.union([z.string(), z.array(z.string())]).optional(),
  missingFacts: z.array(z.string()).optional(),
  referenceClarification: z.string().optional(),
  question: z.string().optional(),
});

/** The fields a sample accepts, in the order they are documented. */
export const SAMPLE_FIELDS: readonly string[] = Object.keys(SampleSchema.shape);

/**
 * The sentence for a key a sample does not accept, with the closest field when one is near
 * (`gold_answer` → `goldAnswer`); the worker, the HTTP server and the JS API all use it.
 * @param key - The unknown key.
 * @param fields - The accepted fields.
 * @returns E.g. `"gold_answer" is not a sample field (did you mean "goldAnswer"?); samples take …`.
 * @example
 * unknownSampleKey("missing_facts"); // '"missing_facts" is not a sample field (did you mean "missingFacts"?); …'
 */
export function unknownSampleKey(key: string, fields: readonly string[] = SAMPLE_FIELDS, noun = "sample"): string {
  return `"${key}" is not a ${noun} field${didYouMean(key, fields)}; ${noun}s take the camelCase sample fields ${fields.join(", ")}`;
}

function hasAnnotation(sample: Sample): boolean {
  const facts = sample.missingFacts?.some((fact) => fact.trim() !== "") ?? false;
  const reference = (sample.referenceClarification ?? "").trim() !== "";
  return facts || reference;
}

/** Issues of one sample beyond its shape: what the reward needs to be computed at all. */
function semanticIssues(sample: Sample, index: number, compat: CompatMode): InputIssue[] {
  const issues: InputIssue[] = [];
  if (sample.answerable) {
    const gold = sample.goldAnswer;
    if (gold === undefined || (Array.isArray(gold) && gold.length === 0)) {
      issues.push({
        path: [index, "goldAnswer"],
        message: "An answerable sample needs `goldAnswer` (a string or a non-empty list of accepted answers)",
      });
    }
  } else if (compat === "fixed" && !hasAnnotation(sample)) {
    // The reference read these from a place the data never filled, so its bonus silently never fired.
    issues.push({
      path: [index, "missingFacts"],
      message:
        'An unanswerable sample needs `missingFacts` or `referenceClarification` to verify its clarification (pass compat: "reference" to score it without)',
    });
  }
  return issues;
}

/**
 * Validates samples at the API boundary.
 * @param input - Anything; usually parsed JSON.
 * @param compat - `fixed` also requires the clarification annotation of unanswerable samples.
 * @returns The samples, typed.
 * @example
 * validateSamples([{ response: "\\boxed{4}", answerable: true, goldAnswer: "4" }]);
 */
export function validateSamples(input: unknown, compat: CompatMode = "fixed"): Sample[] {
  if (!Array.isArray(input)) {
    throw new InputError("Samples must be an array of objects like { response, answerable, goldAnswer }.", [
      { path: [], message: "Expected array" },
    ]);
  }
  const issues: InputIssue[] = [];
  const samples: Sample[] = [];
  input.forEach((raw: unknown, index) => {
    const parsed = SampleSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = [index, ...issue.path.map((part) => (typeof part === "symbol" ? String(part) : part))];
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) issues.push({ path: [...path, key], message: unknownSampleKey(key) });
        } else {
          issues.push({ path, message: issue.message });
        }
      }
      return;
    }
    const sample = parsed.data as Sample;
    issues.push(...semanticIssues(sample, index, compat));
    samples.push(sample);
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map((issue) => `sample ${issue.path.join(".")}: ${issue.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    throw new InputError(`Invalid sample input — ${shown.join("; ")}${more}.`, issues);
  }
  return samples;
}
