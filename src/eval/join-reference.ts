import { InputError } from "../errors.js";
import type { EvalProtocol, JoinKey } from "./eval-types.js";
import { ID_KEY, OUTPUT_FIELDS, QUESTION_KEY } from "./protocol-schemas.js";
import type { RecordIssue } from "./validate-record.js";

/** One reference record and whether a result has joined it. */
export interface ReferenceEntry {
  line: number;
  record: Record<string, unknown>;
  matched: boolean;
}

/** Reference records keyed by the join field. */
export interface ReferenceIndex {
  protocol: EvalProtocol;
  join: JoinKey;
  /** The record field the join reads. */
  field: string;
  entries: Map<string, ReferenceEntry>;
}

/**
 * The join field of a protocol.
 * @param protocol - Which benchmark.
 * @param join - `question` (as the reference scripts do) or `id`.
 * @returns The record field name.
 * @example
 * joinField("sum", "question"); // "answerable_question"
 */
export function joinField(protocol: EvalProtocol, join: JoinKey): string {
  return join === "question" ? QUESTION_KEY[protocol] : ID_KEY[protocol];
}

/** The join key of a record as a string, or `null` when the field is absent. */
export function joinKeyOf(record: Record<string, unknown>, field: string): string | null {
  const value = record[field];
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Indexes validated reference records by the join field. Two records with the same key and
 * different content are an error (the reference scripts silently kept the last one).
 * @param records - Validated reference records with their 1-based line numbers.
 * @param protocol - Which benchmark.
 * @param join - The join key.
 * @param file - The reference file's name, for messages.
 * @returns The index.
 * @example
 * buildReferenceIndex([{ line: 1, record: { question: "q", answer: "4", should_abstain: false, clarification: null, dataset: "d" } }], "abstain-test", "question", "ref.jsonl").entries.size; // 1
 */
export function buildReferenceIndex(
  records: readonly { line: number; record: Record<string, unknown> }[],
  protocol: EvalProtocol,
  join: JoinKey,
  file: string,
): ReferenceIndex {
  const field = joinField(protocol, join);
  const entries = new Map<string, ReferenceEntry>();
  for (const { line, record } of records) {
    const key = joinKeyOf(record, field);
    if (key === null) {
      const hint = join === "id" ? ` The reference has no ids; join by question with --join question.` : "";
      throw new InputError(`${file} line ${line}: missing field "${field}", which --join ${join} needs.${hint}`, [
        { path: [file, line, field], message: "Missing join field" },
      ]);
    }
    const seen = entries.get(key);
    if (seen !== undefined) {
      if (JSON.stringify(seen.record) === JSON.stringify(record)) continue;
      throw new InputError(
        `${file} line ${line}: field "${field}" repeats line ${seen.line} with different content, so results cannot be joined to one of them; remove the duplicate or join with --join id.`,
        [{ path: [file, line, field], message: "Duplicate join key" }],
      );
    }
    entries.set(key, { line, record, matched: false });
  }
  return { protocol, join, field, entries };
}

function isOutputField(protocol: EvalProtocol, name: string): boolean {
  return OUTPUT_FIELDS[protocol].some((group) => group.includes(name));
}

/**
 * Joins one validated results record to its reference record.
 * @param results - The results record.
 * @param index - The reference index.
 * @returns The merged record, `unmatched` with its key when no reference has that key, or issues
 *   when the record lacks the key or repeats a reference field with a different value.
 * @example
 * joinRecord({ question: "q", response: "r" }, index);
 */
export function joinRecord(
  results: Record<string, unknown>,
  index: ReferenceIndex,
): { kind: "joined"; record: Record<string, unknown> } | { kind: "unmatched"; key: string } | { kind: "invalid"; issues: RecordIssue[] } {
  const key = joinKeyOf(results, index.field);
  if (key === null) {
    return {
      kind: "invalid",
      issues: [{ field: index.field, message: `is missing; --join ${index.join} needs it to find the reference record` }],
    };
  }
  const entry = index.entries.get(key);
  if (entry === undefined) return { kind: "unmatched", key };
  const issues: RecordIssue[] = [];
  for (const [name, value] of Object.entries(results)) {
    if (isOutputField(index.protocol, name) || !Object.hasOwn(entry.record, name)) continue;
    if (JSON.stringify(value) !== JSON.stringify(entry.record[name])) {
      issues.push({
        field: name,
        message: `differs from the reference (line ${entry.line}); drop the field from the results or fix the reference`,
      });
    }
  }
  if (issues.length > 0) return { kind: "invalid", issues };
  entry.matched = true;
  return { kind: "joined", record: { ...entry.record, ...results } };
}

/**
 * Lines of reference records that no result joined.
 * @param index - The index after every result was joined.
 * @returns Their line numbers, ascending.
 * @example
 * unjoinedReferenceLines(index); // [3, 9]
 */
export function unjoinedReferenceLines(index: ReferenceIndex): number[] {
  const lines: number[] = [];
  for (const entry of index.entries.values()) if (!entry.matched) lines.push(entry.line);
  return lines.sort((a, b) => a - b);
}
