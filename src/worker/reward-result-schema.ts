import { z } from "zod";
import { ABSTENTION_KINDS, ANSWER_METHODS, CLARIFICATION_STATUSES, GROUNDING_CHECKS, REWARD_REASONS, TEMPLATES } from "../types.js";

// zod mirror of the RewardResult contract in src/types.ts, for the wire protocol and its published
// JSON Schema. test/worker-protocol.test.ts checks both directions of assignability.

const TextSpanSchema = z.strictObject({ start: z.number(), end: z.number(), text: z.string() });

const AnswerResultSchema = z.strictObject({
  correct: z.boolean(),
  score: z.union([z.literal(0), z.literal(1), z.null()]),
  extracted: z.string().nullable(),
  method: z.enum(ANSWER_METHODS),
  reason: z.string(),
});

const AbstentionResultSchema = z.strictObject({
  score: z.union([z.literal(0), z.literal(1)]),
  reason: z.string(),
  abstained: z.boolean(),
  explicit: z.boolean(),
  hedged: z.boolean(),
  kind: z.enum(ABSTENTION_KINDS),
  span: TextSpanSchema.nullable(),
  confidence: z.number(),
});

const ClarificationResultSchema = z.strictObject({
  score: z.number(),
  verified: z.boolean(),
  perFact: z.array(z.strictObject({ fact: z.string(), covered: z.boolean(), score: z.number() })),
  reason: z.string(),
  // The built-in verifier's grounding evidence; custom verifiers may leave it out.
  checks: z
    .strictObject({
      failed: z.array(z.enum(GROUNDING_CHECKS)),
      copiedShare: z.number(),
      foreignNumbers: z.array(z.string()),
      foreignNames: z.array(z.string()),
      foreignSymbols: z.array(z.string()),
      misreportedNumbers: z.array(z.string()),
      foreignBounds: z.array(z.string()),
      slotNumbers: z.array(z.string()),
      foreignWordShare: z.number(),
      foreignQuoteShare: z.number(),
      foreignGoalShare: z.number(),
      statedSlots: z.array(z.string()),
      nearStatedSlots: z.array(z.string()),
      bothWays: z.array(z.string()),
      alignment: z.number(),
    })
    .exactOptional(),
});

/** zod schema of `RewardResult.components`. */
export const RewardComponentsSchema = z.strictObject({
  format: z.number(),
  answer: z.number(),
  abstention: z.number(),
  clarification: z.number(),
});

/** zod schema of `RewardResult.details`. */
export const RewardDetailsSchema = z.strictObject({
  template: z.enum(TEMPLATES),
  gatePassed: z.boolean(),
  gateError: z.string().nullable(),
  answerSegment: z.string(),
  answer: AnswerResultSchema.nullable(),
  abstention: AbstentionResultSchema.nullable(),
  clarification: z
    .strictObject({
      status: z.enum(CLARIFICATION_STATUSES),
      text: z.string(),
      result: ClarificationResultSchema.nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});

/**
 * zod schema of one `RewardResult` as it travels on the wire.
 * @example
 * RewardResultSchema.parse(JSON.parse(line).result).reward;
 */
export const RewardResultSchema = z.strictObject({
  id: z.string().optional(),
  reward: z.number(),
  /** The reward when the sample was graded, `null` when it was not (`gradeable: false`). */
  score: z.number().nullable(),
  components: RewardComponentsSchema,
  reason: z.enum(REWARD_REASONS),
  message: z.string(),
  gradeable: z.boolean(),
  details: RewardDetailsSchema,
});
