import { NextIndex } from "./next-index.js";
import { ANCHOR_REACH, MATH_ANCHOR_PRIORITY } from "./anchor-phrases.js";
import { exprCandidate, iHopeEnd, indicesOf, isSpace, joinedFrom, latexCandidate, skipSpaces, type Candidate } from "./candidate.js";
import { finalBoxes } from "./final-boxes.js";
import { findMathSpans, type MathSpan } from "./find-math-spans.js";
import { PlainValueScanner, type PlainMatch } from "./find-plain-numbers.js";
import type { MatchType } from "./options.js";

export type { Candidate } from "./candidate.js";

/**
 * Finds candidates in two phases, so the costly unanchored scan runs only when no anchor yields an
 * answer. The lower-cased copy, the math spans and the newline index are built on first use: a
 * response whose final box parses needs none of them.
 */
export class CandidateFinder {
  private found: Candidate[] = [];
  private lowerText: string | null = null;
  private spanList: MathSpan[] | null = null;
  private spanIndex: Map<number, number> | null = null;
  private scanner: PlainValueScanner | null = null;
  /** Next newline at or after the last query (queries only move right). */
  private newlineIndex: NextIndex | null = null;
  /** The final boxed answer, once looked for (`undefined` until then). */
  private box: Candidate | null | undefined;

  /** Use {@link candidateFinder}. */
  constructor(
    private readonly text: string,
    private readonly latex: boolean,
    private readonly expr: boolean,
  ) {}

  private get lower(): string {
    this.lowerText ??= this.text.toLowerCase();
    return this.lowerText;
  }

  private get spans(): MathSpan[] {
    this.spanList ??= this.latex ? findMathSpans(this.text) : [];
    return this.spanList;
  }

  private get spanAt(): Map<number, number> {
    if (this.spanIndex === null) {
      const index = new Map<number, number>();
      this.spans.forEach((span, k) => {
        index.set(span.start, k);
      });
      this.spanIndex = index;
    }
    return this.spanIndex;
  }

  private get newline(): NextIndex {
    this.newlineIndex ??= new NextIndex(this.text, "\n", false);
    return this.newlineIndex;
  }

  private plain(): PlainValueScanner {
    this.scanner ??= new PlainValueScanner(this.text);
    return this.scanner;
  }

  /**
   * The boxed candidate when it is certainly the first one tried: there is a final box and no
   * `final answer is … I hope` anchor (the only other priority-0 candidate; it needs `I hope`).
   * @returns The box candidate, or `null` when the full ordering must decide.
   */
  leadingBox(): Candidate | null {
    const box = this.boxCandidate();
    return box !== null && !this.text.includes("I hope") ? box : null;
  }

  /**
   * The math span candidate when the text is one math span and nothing else (`$\\frac{1}{2}$`, the
   * usual short gold and a common short answer): with no box and no `answer` in the text there are no
   * anchored candidates, and among the unanchored ones the span ends last and starts first, so it is
   * tried first.
   * @returns The span candidate, or `null` when the full ordering must decide.
   */
  wholeSpan(): Candidate | null {
    if (!this.latex || this.text.includes("\\boxed") || this.text.includes("\\fbox") || this.lower.includes("answer")) return null;
    const spans = this.spans;
    const span = spans[0];
    if (spans.length !== 1 || span === undefined || span.start !== 0 || span.end !== this.text.length) return null;
    return latexCandidate(this.text, spans, 0, MATH_ANCHOR_PRIORITY.unanchored);
  }

  private boxCandidate(): Candidate | null {
    if (this.box !== undefined) return this.box;
    const boxes = this.latex ? finalBoxes(this.text) : null;
    this.box =
      boxes === null
        ? null
        : {
            priority: MATH_ANCHOR_PRIORITY.boxed,
            start: boxes.start,
            end: boxes.end,
            parts: boxes.parts,
            mode: "latex",
            source: "boxed",
            valueStart: boxes.start,
            valueEnd: boxes.end,
          };
    return this.box;
  }

  /** Boxed answers and anchor phrases (priorities 0 to 200). */
  anchored(): Candidate[] {
    this.found = [];
    if (this.latex) this.boxed();
    for (const at of indicesOf(this.lower, "final answer is")) this.finalAnswerIsIHope(at + 15);
    for (const at of indicesOf(this.lower, "final answer")) this.finalAnswerIs(at + 12);
    for (const at of indicesOf(this.lower, "answer")) {
      if (this.text[at + 6] === ":") this.answerWord(at + 7, MATH_ANCHOR_PRIORITY.answerColon);
      this.answerWord(at + 6, MATH_ANCHOR_PRIORITY.answerWord);
    }
    return this.found;
  }

  private boxed(): void {
    const box = this.boxCandidate();
    if (box !== null) this.found.push(box);
  }

  private finalAnswerIsIHope(after: number): void {
    let at = this.text[after] === ":" ? after + 1 : after;
    const valueAt = skipSpaces(this.text, at);
    const k = this.spanAt.get(valueAt);
    if (this.latex && k !== undefined) {
      const joined = joinedFrom(this.text, this.spans, k);
      const end = iHopeEnd(this.text, joined.end);
      if (end !== -1) this.found.push(latexCandidate(this.text, this.spans, k, MATH_ANCHOR_PRIORITY.finalAnswerIsIHope, end));
    }
    if (this.expr && valueAt > at) {
      at = valueAt;
      const match = this.plain().at(at);
      const end = match === null ? -1 : iHopeEnd(this.text, match.end);
      if (match !== null && end !== -1) this.found.push(exprCandidate(match, MATH_ANCHOR_PRIORITY.finalAnswerIsIHope, match.start, end));
    }
  }

  /** `final answer.{0,100}?\s+is:?` then the value; the first `is` that leads to one wins (lazy match). */
  private finalAnswerIs(after: number): void {
    let latexDone = !this.latex;
    let exprDone = !this.expr;
    for (let w = after; w <= after + ANCHOR_REACH.far && w < this.text.length && !(latexDone && exprDone); w += 1) {
      if (!isSpace(this.text[w])) continue;
      const v = skipSpaces(this.text, w);
      if (!this.text.startsWith("is", v)) continue;
      const z = this.text[v + 2] === ":" ? v + 3 : v + 2;
      if (!latexDone) {
        const k = this.spanAt.get(skipSpaces(this.text, z));
        if (k !== undefined) {
          this.found.push(latexCandidate(this.text, this.spans, k, MATH_ANCHOR_PRIORITY.finalAnswerIs));
          latexDone = true;
        }
      }
      if (!exprDone && isSpace(this.text[z])) {
        const match = this.plain().at(z + 1);
        if (match !== null) {
          this.found.push(exprCandidate(match, MATH_ANCHOR_PRIORITY.finalAnswerIs));
          exprDone = true;
        }
      }
    }
  }

  /** `answer:?` then, within 50 characters, a formula; or (plain) the value after the last `=` within 100. */
  private answerWord(after: number, priority: number): void {
    if (this.latex) {
      const k = this.firstSpanFrom(after);
      if (k < this.spans.length && (this.spans[k] as MathSpan).start <= after + ANCHOR_REACH.near) {
        this.found.push(latexCandidate(this.text, this.spans, k, priority));
      }
    }
    if (this.expr) {
      const match = this.afterLastEquals(after) ?? this.nearValue(after);
      if (match !== null) this.found.push(exprCandidate(match, priority));
    }
  }

  /** Index of the first span starting at or after `at` (binary search: spans are sorted). */
  private firstSpanFrom(at: number): number {
    const spans = this.spans;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid] as MathSpan).start < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lineEnd(from: number, reach: number): number {
    const newlineAt = this.newline.find(from);
    const limit = Math.min(this.text.length, from + reach);
    return newlineAt === -1 ? limit : Math.min(newlineAt, limit);
  }

  private notFollowedByEquals(match: PlainMatch): boolean {
    return this.text[skipSpaces(this.text, match.end)] !== "=";
  }

  private afterLastEquals(after: number): PlainMatch | null {
    const limit = this.lineEnd(after, ANCHOR_REACH.far + 1);
    // Right to left inside the window only (`lastIndexOf` would rescan the text before it).
    for (let eq = limit - 1; eq >= after; eq -= 1) {
      if (this.text[eq] !== "=") continue;
      const value = skipSpaces(this.text, eq + 1);
      if (value === eq + 1) continue;
      const match = this.plain().at(value);
      if (match !== null && this.notFollowedByEquals(match)) return match;
    }
    return null;
  }

  private nearValue(after: number): PlainMatch | null {
    const limit = this.lineEnd(after, ANCHOR_REACH.near + 2);
    for (let at = after; at <= limit; at += 1) {
      const match = this.plain().at(at);
      if (match !== null && this.notFollowedByEquals(match)) return match;
    }
    return null;
  }

  /** `30-day`, `5-year-old`: a number glued to a word by a hyphen modifies it; it is not a stated value. */
  private compoundModifier(end: number): boolean {
    const code = this.text.charCodeAt(end + 1);
    return this.text[end] === "-" && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122));
  }

  /** Every math span and plain value (priority 300). */
  unanchored(): Candidate[] {
    this.found = [];
    if (this.latex) {
      const spans = this.spans;
      for (let k = 0; k < spans.length; ) {
        const candidate = latexCandidate(this.text, spans, k, MATH_ANCHOR_PRIORITY.unanchored);
        this.found.push(candidate);
        k += candidate.parts.length;
      }
    }
    if (this.expr) {
      for (const match of this.plain().all()) {
        if (!this.compoundModifier(match.end)) this.found.push(exprCandidate(match, MATH_ANCHOR_PRIORITY.unanchored));
      }
    }
    return this.found;
  }
}

/**
 * A finder over a (bounded) text for the given match types: boxes, anchor phrases, math spans and
 * plain values.
 * @param text - The answer region.
 * @param matchTypes - `latex`, `expr` or both.
 * @returns The finder; call `anchored()` then, if needed, `unanchored()`.
 */
export function candidateFinder(text: string, matchTypes: readonly MatchType[]): CandidateFinder {
  return new CandidateFinder(text, matchTypes.includes("latex"), matchTypes.includes("expr"));
}
