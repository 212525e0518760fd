import { createHash } from "node:crypto";
import { InputError } from "../../errors.js";
import type { CompatMode } from "../../types.js";
import type {
  DuplicatePolicy,
  DuplicateRecord,
  EvalInputReport,
  EvalItem,
  EvalProtocol,
  JoinKey,
  UnmatchedItem,
} from "../../eval/eval-types.js";
import type { ReferenceIndex } from "../../eval/join-reference.js";
import { buildReferenceIndex, joinField, joinKeyOf, joinRecord, unjoinedReferenceLines } from "../../eval/join-reference.js";
import { OUTPUT_FIELDS } from "../../eval/protocol-schemas.js";
import type { MissingFactsDeriver } from "../../eval/record-to-items.js";
import { recordToItems } from "../../eval/record-to-items.js";
import type { RecordIssue, RecordRole } from "../../eval/validate-record.js";
import { validateRecord } from "../../eval/validate-record.js";
import type { RecordSource } from "./read-records.js";
import { openRecords } from "./read-records.js";

/** Where the input comes from and how it is read. */
export interface EvalInputOptions {
  results: string;
  reference: string | null;
  join: JoinKey;
  /** The record format. */
  protocol: EvalProtocol;
  compat: CompatMode;
  strict: boolean;
  batchSize: number;
  duplicates: DuplicatePolicy;
  /** Grade results records without reference as missing-reference items (sum-strict) instead of listing them only. */
  gradeUnmatched: boolean;
}

/** What the input held, known once every batch was read. */
export interface EvalInputSummary {
  records: number;
  unmatched: number;
  unmatchedItems: UnmatchedItem[];
  duplicates: number;
  duplicateItems: DuplicateRecord[];
  referenceWithoutResultLines: number[];
}

/** Keeps at most this many unmatched or duplicate records listed; all are counted. */
const MAX_LISTED = 10_000;
/** Duplicates named in the error message. */
const NAMED_IN_ERROR = 5;

/**
 * Formats the issues of one record as an error naming the file, the line and each field.
 * @param source - The file's name and unit.
 * @param line - The record's line.
 * @param issues - Its issues.
 * @returns An `InputError` ready to throw.
 * @example
 * throw recordError({ name: "r.jsonl", unit: "line" }, 3, [{ field: "answer", message: "is missing" }]);
 */
export function recordError(source: Pick<RecordSource, "name" | "unit">, line: number, issues: readonly RecordIssue[]): InputError {
  const parts = issues.map((issue) => (issue.field === null ? issue.message : `field "${issue.field}" ${issue.message}`));
  return new InputError(
    `${source.name} ${source.unit} ${line}: ${parts.join("; ")}.`,
    issues.map((issue) => ({
      path: issue.field === null ? [source.name, line] : [source.name, line, issue.field],
      message: issue.message,
    })),
  );
}

async function loadReference(options: EvalInputOptions, stdin: NodeJS.ReadableStream): Promise<ReferenceIndex> {
  const source = await openRecords(options.reference ?? "-", stdin);
  const records: { line: number; record: Record<string, unknown> }[] = [];
  for await (const { line, value } of source.records()) {
    const check = validateRecord(value, options.protocol, "reference", false);
    if (!check.ok) throw recordError(source, line, check.issues);
    records.push({ line, record: check.record });
  }
  if (records.length === 0) throw new InputError(`The reference ${source.name} holds no records.`);
  return buildReferenceIndex(records, options.protocol, options.join, source.name);
}

function noJoinError(results: RecordSource, options: EvalInputOptions, first: UnmatchedItem | undefined): InputError {
  const other = options.join === "question" ? "id" : "question";
  const example = first === undefined ? "" : ` (${results.unit} ${first.line} has "${first.key.slice(0, 80)}")`;
  return new InputError(
    `${results.name} does not join with ${options.reference ?? ""} by ${options.join}: none of its records matches a reference record${example}. Check that the two files belong to the same benchmark and its --protocol, or join by ${other} with --join ${other}.`,
    [{ path: [results.name, options.join], message: "No record joins" }],
  );
}

function duplicateError(source: RecordSource, options: EvalInputOptions, count: number, listed: readonly DuplicateRecord[]): InputError {
  const field = joinField(options.protocol, options.join);
  const named = listed
    .slice(0, NAMED_IN_ERROR)
    .map(
      (d) => `${source.unit} ${d.line} repeats ${source.unit} ${d.firstLine} ("${d.key.length > 60 ? `${d.key.slice(0, 57)}...` : d.key}")`,
    )
    .join("; ");
  const more = count > NAMED_IN_ERROR ? `; and ${count - NAMED_IN_ERROR} more` : "";
  return new InputError(
    `${source.name} has ${count} duplicate record(s) — the same "${field}" as an earlier record, which would be counted twice: ${named}${more}. Remove the duplicates, pass --duplicates first to grade each ${field} once, or --duplicates all to grade every line as the paper's scripts do.`,
    listed.slice(0, NAMED_IN_ERROR).map((d) => ({ path: [source.name, d.line, field], message: `Duplicate of line ${d.firstLine}` })),
    "invalid_input",
  );
}

function str(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** The two items of a SUM results record without reference, as the strict scripts still count it. */
function missingReferenceItems(record: Record<string, unknown>, line: number): EvalItem[] {
  const [answerableGroup = [], unanswerableGroup = []] = OUTPUT_FIELDS.sum;
  const output = (group: readonly string[]): string =>
    group.map((name) => record[name]).find((value): value is string => typeof value === "string") ?? "";
  const common = {
    line,
    id: str(record.id),
    dataset: str(record.dataset) ?? "sum",
    gold: [],
    referenceClarification: null,
    missingFacts: [],
    missingReference: true,
  } as const;
  return [
    { ...common, variant: "answerable", answerable: true, response: output(answerableGroup), question: str(record.answerable_question) },
    {
      ...common,
      variant: "unanswerable",
      answerable: false,
      response: output(unanswerableGroup),
      question: str(record.unanswerable_question),
    },
  ];
}

/** The records of one evaluation as batches of items, with what was left out counted. */
export interface EvalInput {
  source: RecordSource;
  batches(): AsyncGenerator<EvalItem[]>;
  /** Call after `batches()` is exhausted. */
  summary(): EvalInputSummary;
}

/**
 * Opens the results (and reference) of one evaluation: validates every record, joins it, checks
 * duplicates, and yields items in batches. Bad input throws an error naming file, line and field.
 * @param options - Files, join, record format, duplicates policy.
 * @param stdin - The stream `-` reads.
 * @param derive - The SUM missing-fact deriver.
 * @returns The input; iterate `batches()`, then read `summary()`.
 * @example
 * const input = await openEvalInput(options, process.stdin, deriveMissingFacts);
 * for await (const items of input.batches()) grade(items);
 */
export async function openEvalInput(
  options: EvalInputOptions,
  stdin: NodeJS.ReadableStream,
  derive: MissingFactsDeriver,
): Promise<EvalInput> {
  const source = await openRecords(options.results, stdin);
  const index = options.reference === null ? null : await loadReference(options, stdin);
  const role: RecordRole = index === null ? "combined" : "results";
  const keyField = joinField(options.protocol, options.join);
  const seen = new Map<string, number>();
  let joinedCount = 0;
  const summary: EvalInputSummary = {
    records: 0,
    unmatched: 0,
    unmatchedItems: [],
    duplicates: 0,
    duplicateItems: [],
    referenceWithoutResultLines: [],
  };
  async function* batches(): AsyncGenerator<EvalItem[]> {
    let batch: EvalItem[] = [];
    for await (const { line, value } of source.records()) {
      summary.records += 1;
      const check = validateRecord(value, options.protocol, role, options.strict);
      if (!check.ok) throw recordError(source, line, check.issues);
      let record = check.record;
      const key = joinKeyOf(record, keyField);
      if (key !== null) {
        // A digest, not the key: a million long questions must not sit in memory twice.
        const digest = createHash("sha1").update(key).digest("base64");
        const firstLine = seen.get(digest);
        if (firstLine !== undefined) {
          summary.duplicates += 1;
          if (summary.duplicateItems.length < MAX_LISTED) summary.duplicateItems.push({ line, firstLine, key });
          if (options.duplicates !== "all") continue;
        } else {
          seen.set(digest, line);
        }
      }
      // Under `error`, once a duplicate is seen nothing more is graded: the rest is only scanned to count.
      if (options.duplicates === "error" && summary.duplicates > 0) continue;
      if (index !== null) {
        const joined = joinRecord(record, index);
        if (joined.kind === "invalid") throw recordError(source, line, joined.issues);
        if (joined.kind === "unmatched") {
          summary.unmatched += 1;
          if (summary.unmatchedItems.length < MAX_LISTED) summary.unmatchedItems.push({ line, key: joined.key });
          if (options.gradeUnmatched && options.protocol === "sum") batch.push(...missingReferenceItems(record, line));
          if (batch.length >= options.batchSize) {
            yield batch;
            batch = [];
          }
          continue;
        }
        record = joined.record;
        joinedCount += 1;
      }
      const made = recordToItems(record, line, { protocol: options.protocol, compat: options.compat, deriveMissingFacts: derive });
      if (!made.ok) throw recordError(source, line, made.issues);
      batch.push(...made.items);
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (summary.records === 0) throw new InputError(`${source.name} holds no records; expected one JSON object per line.`);
    if (options.duplicates === "error" && summary.duplicates > 0)
      throw duplicateError(source, options, summary.duplicates, summary.duplicateItems);
    if (index !== null && joinedCount === 0 && summary.duplicates === 0) throw noJoinError(source, options, summary.unmatchedItems[0]);
    if (batch.length > 0) yield batch;
    summary.referenceWithoutResultLines = index === null ? [] : unjoinedReferenceLines(index);
  }
  return { source, batches, summary: () => summary };
}

/**
 * The report's `input` section, the same for every grading: what was read, graded, unmatched and
 * duplicated.
 * @param results - The results file's name.
 * @param options - Reference file and join key as given.
 * @param summary - The input's summary, read after the last batch.
 * @param items - How many items were graded.
 * @param duplicatePolicy - The duplicate policy in force.
 * @returns The `input` section.
 * @example
 * evalInputReport(source.name, options, input.summary(), graded, "error");
 */
export function evalInputReport(
  results: string,
  options: { reference: string | null; join: JoinKey },
  summary: EvalInputSummary,
  items: number,
  duplicatePolicy: DuplicatePolicy,
): EvalInputReport {
  return {
    results,
    reference: options.reference,
    join: options.reference === null ? null : options.join,
    records: summary.records,
    items,
    unmatched: summary.unmatched,
    unmatchedItems: summary.unmatchedItems,
    referenceWithoutResult: summary.referenceWithoutResultLines.length,
    referenceWithoutResultLines: summary.referenceWithoutResultLines,
    duplicates: summary.duplicates,
    duplicateItems: summary.duplicateItems,
    duplicatePolicy,
  };
}
