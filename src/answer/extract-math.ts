import type { Candidate } from "./find-candidates.js";
import { candidateFinder } from "./find-candidates.js";
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
 * Picks the final math answer the way Math-Verify does: candidates by priority (boxed and
 * "final answer is … I hope" first, then "final answer … is", "answer:", "answer", then any math
 * span or plain value), right-most first within a priority, first one that parses wins. Numbers
 * inside a formula that failed to parse are not used. When nothing parses, the first candidate's
 * text is returned with `node: null`.
 * @param region - The bounded answer region.
 * @param matchTypes - `latex`, `expr` or both.
 * @returns The extraction, or `null` when the text has no candidate at all.
 */
export function extractMath(region: string, matchTypes: readonly MatchType[]): MathExtraction | null {
  const finder = candidateFinder(region, matchTypes);
  const failed: [number, number][] = [];
  let fallback: MathExtraction | null = null;
  for (const phase of [() => finder.anchored(), () => finder.unanchored()]) {
    for (const candidate of phase().sort(byPriority)) {
      if (candidate.mode === "plain" && failed.some(([lo, hi]) => candidate.valueStart < hi && candidate.valueEnd > lo)) continue;
      const text = candidate.parts.join(" and ").trim();
      const node = parseCandidate(candidate);
      if (node !== null) return { text, node, source: candidate.source, mode: candidate.mode };
      fallback ??= { text, node: null, source: candidate.source, mode: candidate.mode };
      if (candidate.mode === "latex") failed.push([candidate.valueStart, candidate.valueEnd]);
    }
  }
  return fallback;
}
