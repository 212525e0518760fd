import { InputError, formatIssues } from "../errors.js";
import type { InputIssue } from "../errors.js";
import type { ResolvedRewardOptions } from "../reward/reward-options.js";
import { unknownSampleKey } from "../reward/sample-schema.js";
import type { RewardResult } from "../types.js";
import { RewardLabelSchema } from "./http-protocol.js";
import type { GetRewardRequest, GetRewardResponse } from "./http-protocol.js";

/**
 * The response part of an OpenRLHF query: the text after the first occurrence of its prompt
 * (decoded queries may carry padding or BOS tokens before the prompt).
 * @param query - Prompt + response as OpenRLHF decoded it.
 * @param prompt - The prompt.
 * @returns The response, or `null` when the prompt does not occur in the query.
 * @example
 * responseFromQuery("<pad>Q: 2+2? A: <thinking>4</thinking>", "Q: 2+2? A: "); // "<thinking>4</thinking>"
 */
export function responseFromQuery(query: string, prompt: string): string | null {
  if (query.startsWith(prompt)) return query.slice(prompt.length);
  const at = query.indexOf(prompt);
  return at === -1 ? null : query.slice(at + prompt.length);
}

function parseLabel(label: GetRewardRequest["labels"][number], index: number, issues: InputIssue[]): Record<string, unknown> | null {
  let value: unknown = label;
  if (typeof label === "string") {
    try {
      value = JSON.parse(label);
    } catch {
      issues.push({
        path: ["labels", index],
        message: 'The label is not JSON; it must be a JSON object of sample fields such as {"answerable": true, "goldAnswer": "12"}',
      });
      return null;
    }
  }
  // Hugging Face datasets fill the keys a row lacks with null when a label column holds objects.
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    value = Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null));
  }
  const parsed = RewardLabelSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) issues.push({ path: ["labels", index, key], message: unknownLabelKey(key) });
      } else {
        issues.push({ path: ["labels", index, ...issue.path.map(String)], message: issue.message });
      }
    }
    return null;
  }
  return parsed.data;
}

const LABEL_FIELDS = Object.keys(RewardLabelSchema.shape);

function unknownLabelKey(key: string): string {
  // Python datasets often spell the fields in snake_case; the file-mode adapter accepts that, HTTP does not.
  return unknownSampleKey(key, LABEL_FIELDS, "label");
}

function invalidBody(issues: readonly InputIssue[]): InputError {
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return new InputError(`Invalid /get_reward body — ${formatIssues(issues.slice(0, 5))}${more}.`, issues);
}

/**
 * Re-addresses the handler's sample errors to the request's own fields: sample *i*'s `response`
 * came from `query[i]`, its other fields from `labels[i]`. Other errors pass through unchanged.
 * @param error - What scoring the samples of a `/get_reward` body threw.
 * @returns The error to report.
 * @example
 * getRewardInputError(new InputError("…", [{ path: [0, "missingFacts"], message: "…" }])).message; // "Invalid /get_reward body — labels.0.missingFacts: …"
 */
export function getRewardInputError(error: unknown): unknown {
  if (!(error instanceof InputError) || error.code !== "invalid_input" || error.issues.length === 0) return error;
  const issues = error.issues.map((issue): InputIssue => {
    const [index, field, ...rest] = issue.path;
    if (typeof index !== "number") return issue;
    return {
      path: field === "response" ? ["query", index, ...rest] : ["labels", index, ...(field === undefined ? [] : [field]), ...rest],
      message: issue.message,
    };
  });
  return invalidBody(issues);
}

/**
 * Builds raw samples (validated later by the handler) from an OpenRLHF `/get_reward` body.
 * @param body - The parsed body.
 * @returns One raw sample per query.
 * @example
 * samplesFromGetReward({ query: ["P R"], prompts: ["P "], labels: ['{"answerable":true,"goldAnswer":"4"}'] });
 */
export function samplesFromGetReward(body: GetRewardRequest): Record<string, unknown>[] {
  const { query, prompts, labels } = body;
  if (query.length !== prompts.length || query.length !== labels.length) {
    throw new InputError(
      `query, prompts and labels must have the same length; got ${query.length}, ${prompts.length} and ${labels.length}. Start OpenRLHF with --label_key pointing at a column of sample-field JSON.`,
      [{ path: [], message: "Length mismatch" }],
    );
  }
  const issues: InputIssue[] = [];
  const samples = query.map((text, index) => {
    const label = parseLabel(labels[index] ?? "", index, issues);
    const response = responseFromQuery(text, prompts[index] ?? "");
    if (response === null) {
      issues.push({ path: ["query", index], message: "The prompt does not occur in the query, so the response cannot be cut out of it" });
    }
    return { ...label, response: response ?? "" };
  });
  if (issues.length > 0) throw invalidBody(issues);
  return samples;
}

/**
 * Shapes rewards as OpenRLHF expects them.
 * @param results - One result per query.
 * @param options - The rewarder's resolved options (their weights bound the reward for `scores`).
 * @returns `rewards`, `scores` in [0, 1], and per-component `extra_logs`.
 * @example
 * getRewardResponse(results, rewarder.options).rewards;
 */
export function getRewardResponse(results: readonly RewardResult[], options: Pick<ResolvedRewardOptions, "weights">): GetRewardResponse {
  const { weights } = options;
  const maxReward = weights.format + weights.answer * Math.max(1, weights.abstention + weights.clarification);
  const scale = (reward: number): number => (maxReward > 0 ? Math.min(1, Math.max(0, reward / maxReward)) : reward);
  return {
    rewards: results.map((result) => result.reward),
    scores: results.map((result) => scale(result.reward)),
    extra_logs: {
      format: results.map((result) => result.components.format),
      answer: results.map((result) => result.components.answer),
      abstention: results.map((result) => result.components.abstention),
      clarification: results.map((result) => result.components.clarification),
    },
  };
}
