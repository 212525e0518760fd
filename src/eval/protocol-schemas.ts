import { z } from "zod";
import type { EvalProtocol } from "./eval-types.js";

/**
 * The record formats of each protocol, as zod schemas (the CLI's input boundary). Field names are
 * those of the benchmark files and of the reference scripts' result files, so a result file written
 * by those scripts is read as it is.
 */

const id = z.union([z.string(), z.number()]);
const answers = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);

/** The fields of a reference record, per protocol (a combined results file also holds them). */
export const REFERENCE_SHAPES = {
  "abstain-test": {
    question: z.string(),
    answer: answers.nullable(),
    should_abstain: z.boolean(),
    clarification: z.string().nullable(),
    dataset: z.string(),
    id: id.optional(),
  },
  sum: {
    answerable_question: z.string(),
    unanswerable_question: z.string(),
    ground_truth: answers,
    clarification: z.string().nullable(),
    dataset: z.string().optional(),
    id: id.optional(),
  },
  selfaware: {
    question_id: id,
    question: z.string(),
    answer: answers.nullable(),
    answerable: z.boolean(),
    source: z.string().optional(),
  },
} as const satisfies Record<EvalProtocol, Record<string, z.ZodType>>;

/** The model-output fields of each protocol; each group accepts exactly one of its aliases. */
export const OUTPUT_FIELDS: Record<EvalProtocol, readonly (readonly string[])[]> = {
  "abstain-test": [["response", "output"]],
  sum: [
    ["answerable_output", "answerable_response"],
    ["unanswerable_output", "unanswerable_response"],
  ],
  selfaware: [["output", "response", "generated_text"]],
};

/** Human descriptions of each field's type, for error messages. */
export const FIELD_TYPES: Readonly<Record<string, string>> = {
  question: "a string",
  answer: "a string, a list of strings, or null",
  should_abstain: "true or false",
  clarification: "a string or null",
  dataset: "a string",
  id: "a string or a number",
  answerable_question: "a string",
  unanswerable_question: "a string",
  ground_truth: "a string or a list of strings",
  question_id: "a string or a number",
  answerable: "true or false",
  source: "a string",
};

/** Fields whose presence marks a record as belonging to a protocol (used to name the right one). */
export const SIGNATURE_FIELDS: Record<EvalProtocol, readonly string[]> = {
  "abstain-test": ["should_abstain"],
  sum: ["answerable_question", "unanswerable_question"],
  selfaware: ["question_id"],
};

/** The field a `--join question` matches on, per protocol (as the reference scripts key them). */
export const QUESTION_KEY: Record<EvalProtocol, string> = {
  "abstain-test": "question",
  sum: "answerable_question",
  selfaware: "question",
};

/** The field a `--join id` matches on, per protocol. */
export const ID_KEY: Record<EvalProtocol, string> = {
  "abstain-test": "id",
  sum: "id",
  selfaware: "question_id",
};

/** Which part a record plays: both in one file, a results file joined to a reference, or the reference. */
export type RecordRole = "combined" | "results" | "reference";

function outputShape(protocol: EvalProtocol): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const group of OUTPUT_FIELDS[protocol]) for (const name of group) shape[name] = z.string().optional();
  return shape;
}

/**
 * The schema of one record.
 * @param protocol - Which benchmark.
 * @param role - `combined`: reference fields and outputs in one record; `results`: outputs plus
 *   whatever reference fields the record repeats (all optional); `reference`: no outputs.
 * @param strict - Reject unknown keys (the default at the CLI; `--allow-extra-fields` relaxes it).
 * @returns A zod object schema.
 * @example
 * recordSchema("abstain-test", "combined", true).safeParse({ question: "q" }).success; // false
 */
export function recordSchema(protocol: EvalProtocol, role: RecordRole, strict: boolean): z.ZodObject {
  // One schema per shape, built with the module like SampleSchema: zod compiles a schema on its
  // first parse, far too slow to repeat for every line.
  return SCHEMAS[protocol][role][strict ? "strict" : "loose"];
}

function buildSchema(protocol: EvalProtocol, role: RecordRole, strict: boolean): z.ZodObject {
  const reference: Record<string, z.ZodType> = { ...REFERENCE_SHAPES[protocol] };
  let shape: Record<string, z.ZodType>;
  if (role === "reference") {
    shape = reference;
  } else if (role === "combined") {
    shape = { ...reference, ...outputShape(protocol) };
  } else {
    shape = {};
    for (const [name, schema] of Object.entries(reference)) shape[name] = z.optional(schema);
    Object.assign(shape, outputShape(protocol));
  }
  return strict ? z.strictObject(shape) : z.object(shape);
}

/** Every field a protocol knows (reference fields and output aliases), for "allowed:" lists. */
export function knownFields(protocol: EvalProtocol, withOutputs: boolean): string[] {
  const names = Object.keys(REFERENCE_SHAPES[protocol]);
  if (withOutputs) for (const group of OUTPUT_FIELDS[protocol]) names.push(...group);
  return names;
}

const SCHEMAS: Readonly<Record<EvalProtocol, Record<RecordRole, { strict: z.ZodObject; loose: z.ZodObject }>>> = Object.freeze(
  Object.fromEntries(
    (Object.keys(REFERENCE_SHAPES) as EvalProtocol[]).map((protocol) => [
      protocol,
      Object.fromEntries(
        (["combined", "results", "reference"] as const).map((role) => [
          role,
          { strict: buildSchema(protocol, role, true), loose: buildSchema(protocol, role, false) },
        ]),
      ),
    ]),
  ) as Record<EvalProtocol, Record<RecordRole, { strict: z.ZodObject; loose: z.ZodObject }>>,
);
