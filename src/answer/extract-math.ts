import type { Candidate } from "./find-candidates.js";
import { type CandidateFinder, candidateFinder } from "./find-candidates.js";
import type { MathNode } from "./math-ast.js";
import type { MatchType } from "./options.js";
import { parseMathAnswer, type MathMode } from "./parse-answer.js";

/** The math answer chosen from a text. */
export interface MathExtraction {
  /** The answer text as written (parts joined with ` and `). */
  text: string;
  /** The parsed answer; `null` when nothing parsed and this is the fallback text. */
  node: MathNode | null;
  source: Candidate["source"];
  mode: MathMode;
}

function byPriority(a: Candidate, b: Candidate): number {
  return a.priority - b.priority || b.end - a.end || a.start - b.start;
}

function flatten(nodes: readonly MathNode[]): MathNode {
  const items = nodes.flatMap((node) => (node.kind === "set" || node.kind === "list" ? node.items : [node]));
  return { kind: "set", items };
}

function parseCandidate(candidate: Candidate): MathNode | null {
  const nodes: MathNode[] = [];
  for (const part of candidate.parts) {
    const node = parseMathAnswer(part, candidate.mode);
    if (node === null) break;
    nodes.push(node);
  }
  if (nodes.length === candidate.parts.length) return nodes.length === 1 ? (nodes[0] as MathNode) : flatten(nodes);
  // Connected answers count only when all of them parse; otherwise the first one alone.
  return nodes.length > 0 && candidate.parts.length > 1 ? (nodes[0] as MathNode) : null;
}

/**
 * Tries the candidates in Math-Verify's order: by priority, right-most first within a priority,
 * the first one that parses wins.
 * @param known - A candidate already parsed without success (not parsed again), or `null`.
 */
function pick(finder: CandidateFinder, region: string, statementEnd: number, known: Candidate | null): MathExtraction | null {
  // Characters covered by a LaTeX candidate that failed to parse. A mask, not a list of spans: checking
  // each plain value against every failed span was quadratic on thousands of broken `$(1$` spans.
  // Allocated at the first failure: most regions have none.
  let failed: Uint8Array | null = null;
  const overlapsFailed = (lo: number, hi: number): boolean => {
    if (failed === null) return false;
    for (let at = Math.max(0, lo); at < hi && at < failed.length; at += 1) if (failed[at] === 1) return true;
    return false;
  };
  let fallback: MathExtraction | null = null;
  for (const phase of [() => finder.anchored(), () => finder.unanchored()]) {
    for (const candidate of phase().sort(byPriority)) {
      if (candidate.source !== "boxed" && candidate.end > statementEnd) continue;
      if (candidate.mode === "plain" && overlapsFailed(candidate.valueStart, candidate.valueEnd)) continue;
      const text = candidate.parts.join(" and ").trim();
      const node = candidate === known ? null : parseCandidate(candidate);
      if (node !== null) return { text, node, source: candidate.source, mode: candidate.mode };
      fallback ??= { text, node: null, source: candidate.source, mode: candidate.mode };
      if (candidate.mode === "latex") {
        failed ??= new Uint8Array(region.length + 1);
        failed.fill(1, Math.max(0, candidate.valueStart), Math.max(0, candidate.valueEnd));
      }
    }
  }
  return fallback;
}

/**
 * Picks the final math answer the way Math-Verify does: candidates by priority (boxed and
 * "final answer is … I hope" first, then "final answer … is", "answer:", "answer", then any math
 * span or plain value), right-most first within a priority, first one that parses wins. Numbers
 * inside a formula that failed to parse are not used. When nothing parses, the first candidate's
 * text is returned with `node: null`.
 * @param region - The bounded answer region.
 * @param matchTypes - `latex`, `expr` or both.
 * @param statementEnd - Anchors and bare values must end by here (a check of the answer follows); boxes may not.
 * @returns The extraction, or `null` when the text has no candidate at all.
 */
export function extractMath(region: string, matchTypes: readonly MatchType[], statementEnd = region.length): MathExtraction | null {
  const finder = candidateFinder(region, matchTypes);
  // The usual case: a final box that parses. When it is certainly tried first, no other
  // candidate (math spans, anchors, plain values) needs to be found.
  const box = finder.leadingBox();
  if (box !== null) {
    const node = parseCandidate(box);
    if (node !== null) return { text: box.parts.join(" and ").trim(), node, source: box.source, mode: box.mode };
  }
  // A region that is one math span and nothing else: the span is tried first (a failed parse falls through).
  if (box === null && statementEnd >= region.length) {
    const span = finder.wholeSpan();
    const node = span === null ? null : parseCandidate(span);
    if (span !== null && node !== null) return { text: span.parts.join(" and ").trim(), node, source: span.source, mode: span.mode };
  }
  return pick(finder, region, statementEnd, box);
}

/**
 * {@link extractMath} without its shortcut for a leading box: every candidate is found and
 * ordered. Exported so tests can show the shortcut picks what the full ordering picks.
 * @param region - The bounded answer region.
 * @param matchTypes - `latex`, `expr` or both.
 * @param statementEnd - As for {@link extractMath}.
 * @returns The same extraction as {@link extractMath}.
 */
export function extractMathInOrder(region: string, matchTypes: readonly MatchType[], statementEnd = region.length): MathExtraction | null {
  return pick(candidateFinder(region, matchTypes), region, statementEnd, null);
}
