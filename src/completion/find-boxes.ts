import type { BoxedSpan } from "../types.js";

const COMMANDS = [
  { name: "\\boxed", command: "boxed" },
  { name: "\\fbox", command: "fbox" },
] as const;

interface OpenBox {
  start: number;
  contentStart: number;
  depth: number;
  command: BoxedSpan["command"];
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Matches a box command at `i`, not followed by a letter (so `\boxedx` is not `\boxed`). */
function commandAt(text: string, i: number): (typeof COMMANDS)[number] | null {
  for (const candidate of COMMANDS) {
    if (text.startsWith(candidate.name, i) && !isLetter(text.charCodeAt(i + candidate.name.length))) {
      return candidate;
    }
  }
  return null;
}

/** Reads the single-token argument of `\boxed 5` (up to whitespace, `$`, or a brace). */
function tokenEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (isSpace(code) || code === 36 /* $ */ || code === 123 || code === 125) break;
    j += 1;
  }
  return j;
}

/**
 * Finds every `\boxed{…}` and `\fbox{…}` in one linear pass with a brace stack, so nested braces,
 * nested boxes and unbalanced input cost O(n) and can never backtrack. Unclosed boxes are dropped.
 * `\boxed 5` (a single token after a space) counts as a box around `5`.
 * @param text - Any string.
 * @returns The boxes ordered by start offset, nested ones included.
 * @example
 * findBoxes("so \\boxed{\\frac{1}{2}}")[0]?.content; // "\\frac{1}{2}"
 */
export function findBoxes(text: string): BoxedSpan[] {
  // Most texts have no box at all: two native searches instead of a scan.
  if (!text.includes("\\boxed") && !text.includes("\\fbox")) return [];
  const found: BoxedSpan[] = [];
  const open: OpenBox[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 92 /* \ */) {
      const command = commandAt(text, i);
      if (command !== null) {
        let j = i + command.name.length;
        while (j < text.length && isSpace(text.charCodeAt(j))) j += 1;
        if (text.charCodeAt(j) === 123 /* { */) {
          open.push({ start: i, contentStart: j + 1, depth, command: command.command });
          depth += 1;
          i = j + 1;
          continue;
        }
        const end = tokenEnd(text, j);
        if (j > i + command.name.length && end > j) {
          found.push({ content: text.slice(j, end), start: i, end, command: command.command });
        }
        i = Math.max(end, i + command.name.length);
        continue;
      }
      // An escaped brace (`\{`, `\}`) does not change the depth.
      const next = text.charCodeAt(i + 1);
      i += next === 123 || next === 125 ? 2 : 1;
      continue;
    }
    if (code === 123) {
      depth += 1;
    } else if (code === 125) {
      depth = Math.max(0, depth - 1);
      // (An empty stack is checked first: reading index -1 is a slow lookup in V8.)
      const top = open.length === 0 ? undefined : open[open.length - 1];
      if (top !== undefined && top.depth === depth) {
        open.pop();
        found.push({ content: text.slice(top.contentStart, i), start: top.start, end: i + 1, command: top.command });
      }
    }
    i += 1;
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The last outermost box of a text: the final answer by the usual convention.
 * @param text - Any string.
 * @returns The box, or `null` when there is none.
 * @example
 * lastBox("\\boxed{1} then \\boxed{2}")?.content; // "2"
 */
export function lastBox(text: string): BoxedSpan | null {
  const boxes = findBoxes(text);
  let last: BoxedSpan | null = null;
  for (const box of boxes) {
    if (last === null || box.start >= last.end) last = box;
  }
  return last;
}
