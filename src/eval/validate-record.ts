import type { EvalProtocol } from "./eval-types.js";
import { EVAL_PROTOCOLS } from "./eval-types.js";
import { FIELD_TYPES, OUTPUT_FIELDS, SIGNATURE_FIELDS, knownFields, recordSchema } from "./protocol-schemas.js";
import type { RecordRole } from "./protocol-schemas.js";

/** One problem with one record; `field` is `null` when the record as a whole is wrong. */
export interface RecordIssue {
  field: string | null;
  message: string;
}

/** Outcome of {@link validateRecord}. */
export type RecordCheck = { ok: true; record: Record<string, unknown> } | { ok: false; issues: RecordIssue[] };

export type { RecordRole };

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "a string" : typeof value === "object" ? "an object" : String(typeof value);
}

/** Names the protocol a record belongs to when it carries another protocol's signature fields. */
function wrongProtocol(record: Record<string, unknown>, protocol: EvalProtocol): RecordIssue | null {
  const has = (name: string): boolean => Object.hasOwn(record, name);
  if (SIGNATURE_FIELDS[protocol].some(has)) return null;
  for (const other of EVAL_PROTOCOLS) {
    if (other === protocol) continue;
    const present = SIGNATURE_FIELDS[other].filter(has);
    if (present.length > 0) {
      return {
        field: null,
        message: `this looks like ${/^[aeiou]/.test(other) ? "an" : "a"} ${other} record (it has ${present.map((f) => `"${f}"`).join(", ")}), not ${protocol}; run with --protocol ${other}`,
      };
    }
  }
  if (has("goldAnswer") || (has("answerable") && has("response") && protocol !== "selfaware")) {
    return {
      field: null,
      message:
        "this looks like a reward sample (goldAnswer/answerable/response); score it with `abstain-reward score`, or give the benchmark's own fields",
    };
  }
  return null;
}

function outputIssues(record: Record<string, unknown>, protocol: EvalProtocol): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const group of OUTPUT_FIELDS[protocol]) {
    const present = group.filter((name) => record[name] !== undefined);
    const first = group[0] ?? "response";
    if (present.length === 0) {
      const aliases = group.map((name) => `"${name}"`).join(" or ");
      issues.push({ field: first, message: `is missing: add the model output as a ${aliases} field (a string)` });
    } else if (present.length > 1) {
      issues.push({ field: present[1] ?? first, message: `repeats the model output already given as "${present[0] ?? first}"; keep one` });
    }
  }
  return issues;
}

/**
 * Checks one parsed JSON value against a protocol's record format.
 * @param value - The parsed line.
 * @param protocol - Which benchmark.
 * @param role - What the record is (see {@link RecordRole}).
 * @param strict - Unknown keys are errors (the default).
 * @returns The record, or the issues, each naming its field.
 * @example
 * validateRecord({ question: "q" }, "abstain-test", "combined", true).ok; // false
 */
export function validateRecord(value: unknown, protocol: EvalProtocol, role: RecordRole, strict: boolean): RecordCheck {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, issues: [{ field: null, message: `expected a JSON object, got ${jsonType(value)}` }] };
  }
  const record = value as Record<string, unknown>;
  const wrong = wrongProtocol(record, protocol);
  if (wrong !== null) return { ok: false, issues: [wrong] };
  const parsed = recordSchema(protocol, role, strict).safeParse(record);
  const issues: RecordIssue[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        const allowed = knownFields(protocol, role !== "reference").join(", ");
        for (const key of issue.keys) {
          issues.push({
            field: key,
            message: `is not a field of --protocol ${protocol} (allowed: ${allowed}); remove it, fix its spelling, or pass --allow-extra-fields`,
          });
        }
        continue;
      }
      const field = typeof issue.path[0] === "string" ? issue.path[0] : null;
      const expected = field !== null ? (FIELD_TYPES[field] ?? "a string") : "an object";
      if (field !== null && record[field] === undefined) {
        issues.push({ field, message: `is missing (expected ${expected})` });
      } else {
        issues.push({ field, message: `must be ${expected}, got ${jsonType(field === null ? record : record[field])}` });
      }
    }
  }
  if (role !== "reference") issues.push(...outputIssues(record, protocol));
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, record: parsed.success ? (parsed.data as Record<string, unknown>) : record };
}
