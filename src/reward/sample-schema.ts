import { z } from "zod";
import { InputError } from "../errors.js";
import type { InputIssue } from "../errors.js";
import type { CompatMode, Sample } from "../types.js";

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
        "An unanswerable sample needs `missingFacts` or `referenceClarification` to verify its clarification (pass compat: \"reference\" to score it without)",
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
        issues.push({ path: [index, ...issue.path.map((part) => (typeof part === "symbol" ? String(part) : part))], message: issue.message });
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
