/**
 * The answer checker's shortcuts decide exactly what the full path decides: each is compared with
 * the path it skips, on generated inputs and on every row of the shared answer corpora.
 */
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerDataPresent, caseOptions, loadAgreementRows, loadMathVerifyCases, RESPONSES } from "../bench/answer-data.js";
import { MAX_ANSWER_SEGMENT_CHARS, MAX_RESPONSE_CHARS } from "../src/limits.js";
import { answerRegion } from "../src/answer/answer-input.js";
import { mathEqual, mathEqualInGeneral } from "../src/answer/compare-math.js";
import { exactValue } from "../src/answer/exact-value.js";
import { expandPlusMinus } from "../src/answer/expand-plus-minus.js";
import { extractMath, extractMathInOrder } from "../src/answer/extract-math.js";
import { answerBody, type Sentence, sentencesFromEnd } from "../src/answer/final-statement.js";
import { quote } from "../src/answer/grade-answer.js";
import { PlainValueScanner } from "../src/answer/find-plain-numbers.js";
import { IGNORED, isIgnoredCode } from "../src/answer/math-chars.js";
import { MathSyntaxError } from "../src/answer/math-token.js";
import { DEFAULT_SCORE_ANSWER_OPTIONS, type MatchType } from "../src/answer/options.js";
import { parseMathAnswer } from "../src/answer/parse-answer.js";
import { parseMath } from "../src/answer/parse-math.js";

/** The forward split the backward walk replaces: line breaks, and `.`/`!`/`?` before whitespace. */
function forwardSentences(text: string, limit: number): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let filled = false;
  for (let i = 0; i <= limit; i += 1) {
    const code = i < limit ? text.charCodeAt(i) : 10;
    const next = text.charCodeAt(i + 1);
    const newline = code === 10;
    const stop = (code === 46 || code === 33 || code === 63) && (next === 32 || next === 10 || next === 9);
    if (!newline && code !== 32 && code !== 9 && code !== 13) filled = true;
    if (!newline && !stop) continue;
    const end = newline ? i : i + 1;
    if (filled) out.push({ start, end });
    start = i + 1;
    filled = false;
  }
  return out;
}

/** Texts built of the characters that matter to sentence splitting. */
const sentenceText = fc.string({ unit: fc.constantFrom("a", "1", " ", ".", "!", "?", "\n", "\t", "\r", ":"), maxLength: 60 });

interface Row {
  response: string;
  matchTypes: readonly MatchType[];
}

const BOTH: readonly MatchType[] = ["latex", "expr"];

/** Every response of the shared answer corpora with the match types it is scored with. */
function corpusRows(): Row[] {
  if (!answerDataPresent()) return [];
  const rows: Row[] = [
    ...loadAgreementRows().map((row) => ({ response: row.pred, matchTypes: BOTH })),
    ...loadAgreementRows().map((row) => ({ response: row.gold, matchTypes: BOTH })),
    ...loadMathVerifyCases().flatMap((c) => {
      const matchTypes = caseOptions(c).matchTypes ?? BOTH;
      return [
        { response: c.pred, matchTypes },
        { response: c.gold, matchTypes },
      ];
    }),
  ];
  if (existsSync(RESPONSES)) {
    for (const line of readFileSync(RESPONSES, "utf8").split("\n")) {
      if (line.trim() !== "") rows.push({ response: (JSON.parse(line) as { response: string }).response, matchTypes: BOTH });
    }
  }
  return rows;
}

const EXAMPLES: [name: string, row: Row][] = [
  ["one box", { response: "So the answer is \\boxed{12}.", matchTypes: BOTH }],
  [
    "a box and later anchors with I hope",
    { response: "The final answer is $\\boxed{3}$. I hope it is correct. The final answer is $4$. I hope", matchTypes: BOTH },
  ],
  ["a box that does not parse", { response: "\\boxed{\\zzz} but the answer is $5$", matchTypes: BOTH }],
  ["two boxes, latex only", { response: "\\boxed{1}, \\boxed{2}", matchTypes: ["latex"] }],
  ["a box, expr only", { response: "\\boxed{7}", matchTypes: ["expr"] }],
];

/** What `readPrediction` hands to the math extractor. */
function extractionInput(response: string): { kept: string; statementEnd: number } {
  const region = answerRegion(response);
  const body = answerBody(region);
  return { kept: region.slice(0, body.end), statementEnd: body.statementEnd };
}

describe("the backward sentence walk", () => {
  it("finds the sentences of a forward split, last first", () => {
    fc.assert(
      fc.property(sentenceText, fc.nat(70), (text, cut) => {
        const limit = Math.min(text.length, cut);
        expect([...sentencesFromEnd(text, limit)].reverse()).toEqual(forwardSentences(text, limit));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it.skipIf(!answerDataPresent())("finds them on every corpus response (needs ../shared/data)", () => {
    const rows = corpusRows();
    for (const row of rows) {
      const region = answerRegion(row.response);
      expect([...sentencesFromEnd(region, region.length)].reverse()).toEqual(forwardSentences(region, region.length));
    }
    expect(rows.length).toBeGreaterThan(1000);
  });
});

describe("the leading-box and whole-span shortcuts of the math extractor", () => {
  it.each(EXAMPLES)("picks what the full ordering picks: %s", (_name, row) => {
    const { kept, statementEnd } = extractionInput(row.response);
    expect(extractMath(kept, row.matchTypes, statementEnd)).toEqual(extractMathInOrder(kept, row.matchTypes, statementEnd));
  });

  it("picks what the full ordering picks on generated responses with boxes and anchors", () => {
    const piece = fc.constantFrom(
      "\\boxed{3}",
      "\\boxed{\\zzz}",
      "$4$",
      " and ",
      "The final answer is ",
      ". I hope",
      " 5 ",
      "answer: 6",
      "\n",
      "\\boxed{",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const { kept, statementEnd } = extractionInput(pieces.join(""));
        expect(extractMath(kept, BOTH, statementEnd)).toEqual(extractMathInOrder(kept, BOTH, statementEnd));
      }),
      { seed: 12, numRuns: 1500 },
    );
  });

  it("picks what the full ordering picks on generated texts made of one math span or nearly one", () => {
    const content = fc.constantFrom("3", "\\frac{1}{2}", "\\zzz", "x+1", "1,2", "\\boxed{4}", "\\text{answer} 5", "Answer: 6", "$", "");
    const wrap = fc.constantFrom<[string, string]>(["$", "$"], ["$$", "$$"], ["\\(", "\\)"], ["\\[", "\\]"], ["$", ""], ["", "$"]);
    const around = fc.constantFrom("", " ", "\n", " and $2$", "$1$ and ", " 7", "x", ". I hope");
    fc.assert(
      fc.property(around, wrap, content, around, (before, [open, close], inner, after) => {
        const region = `${before}${open}${inner}${close}${after}`;
        for (const matchTypes of [BOTH, ["latex"] as MatchType[]]) {
          expect(extractMath(region, matchTypes)).toEqual(extractMathInOrder(region, matchTypes));
          expect(extractMath(region, matchTypes, Math.max(0, region.length - 1))).toEqual(
            extractMathInOrder(region, matchTypes, Math.max(0, region.length - 1)),
          );
        }
      }),
      { seed: 21, numRuns: 2000 },
    );
  });

  it.skipIf(!answerDataPresent())("picks what the full ordering picks on every corpus response (needs ../shared/data)", () => {
    let shortcuts = 0;
    for (const row of corpusRows()) {
      const { kept, statementEnd } = extractionInput(row.response);
      const fast = extractMath(kept, row.matchTypes, statementEnd);
      expect(fast).toEqual(extractMathInOrder(kept, row.matchTypes, statementEnd));
      if (fast?.source === "boxed") shortcuts += 1;
    }
    // The shortcut is exercised, not just skipped.
    expect(shortcuts).toBeGreaterThan(500);
  });
});

/** What the LaTeX parser makes of a text, without any shortcut. */
function parsedByParser(text: string): unknown {
  try {
    return expandPlusMinus(parseMath(text));
  } catch (error) {
    if (error instanceof MathSyntaxError) return null;
    throw error;
  }
}

describe("the decimal-literal shortcut of the LaTeX parse", () => {
  it.each(["12", "40.0", ".5", "007", "0", "0.000", "123456789012345678901234567890.50", "9007199254740993"])(
    "%s parses as the parser reads it",
    (text) => {
      expect(parseMathAnswer(text, "latex")).toEqual(parsedByParser(text));
    },
  );

  it("agrees with the parser on generated literals", () => {
    const literal = fc.string({ unit: fc.constantFrom("0", "1", "5", "9", "."), minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(literal, (text) => {
        // Only what the shortcut takes is compared; other texts go through the parser anyway.
        if (/^\d*\.?\d+$/.test(text)) expect(parseMathAnswer(text, "latex")).toEqual(parsedByParser(text));
      }),
      { seed: 13, numRuns: 2000 },
    );
  });

  it.skipIf(!answerDataPresent())("agrees with the parser on every number of the corpora (needs ../shared/data)", () => {
    let literals = 0;
    for (const row of corpusRows()) {
      for (const match of row.response.matchAll(/\d*\.?\d+/g)) {
        expect(parseMathAnswer(match[0], "latex")).toEqual(parsedByParser(match[0]));
        literals += 1;
      }
    }
    expect(literals).toBeGreaterThan(10_000);
  });
});

describe("the plain-value scanner reads the same values with and without its index", () => {
  const valueText = fc.string({
    unit: fc.constantFrom("1", "2", " ", "+", "-", "(", ")", ".", ",", "=", "$", "x", "*", "\n", "%"),
    maxLength: 80,
  });

  it("on generated texts", () => {
    fc.assert(
      fc.property(valueText, (text) => {
        expect(new PlainValueScanner(text, 0).all()).toEqual(new PlainValueScanner(text, Number.POSITIVE_INFINITY).all());
        for (let at = 0; at <= text.length; at += 1) {
          expect(new PlainValueScanner(text, 0).at(at)).toEqual(new PlainValueScanner(text, Number.POSITIVE_INFINITY).at(at));
        }
      }),
      { seed: 14, numRuns: 1000 },
    );
  });

  it.skipIf(!answerDataPresent())("on every corpus response (needs ../shared/data)", () => {
    let values = 0;
    for (const row of corpusRows()) {
      const region = answerRegion(row.response);
      const indexed = new PlainValueScanner(region, 0).all();
      expect(new PlainValueScanner(region, Number.POSITIVE_INFINITY).all()).toEqual(indexed);
      // The default switches to the index part-way through a long text.
      expect(new PlainValueScanner(region).all()).toEqual(indexed);
      values += indexed.length;
    }
    expect(values).toBeGreaterThan(5000);
  });
});

describe("one-pass helpers equal the regex and search forms they replace", () => {
  /** The reason quote as a regex replace and trim. */
  const quoteByRegex = (text: string): string => {
    const flat = text.replace(/\s+/g, " ").trim();
    return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
  };
  const spaces = [
    "a",
    "b",
    " ",
    "\t",
    "\n",
    "\r",
    "\v",
    "\f",
    "\u00a0",
    "\u1680",
    "\u2003",
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
    "\ufeff",
    "\u200b",
    "\u0085",
    "\ud83d",
  ];

  it("quote, on generated texts of every kind of white space", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...spaces), maxLength: 200 }), (text) => {
        expect(quote(text)).toBe(quoteByRegex(text));
      }),
      { seed: 15, numRuns: 3000 },
    );
  });

  it("quote, on every code unit as white space or not", () => {
    for (let code = 0; code < 0x10000; code += 1) {
      const text = `a${String.fromCharCode(code)}${String.fromCharCode(code)}b`;
      expect(quote(text)).toBe(quoteByRegex(text));
    }
  });

  /** The answer region as three searches: `</think>`, then `</thinking>` in what follows, then `<answer>`. */
  const regionBySearches = (text: string): string => {
    let region = text.length > MAX_RESPONSE_CHARS ? text.slice(text.length - MAX_RESPONSE_CHARS) : text;
    for (const closer of ["</think>", "</thinking>"]) {
      const at = region.lastIndexOf(closer);
      if (at !== -1) region = region.slice(at + closer.length);
    }
    const open = region.lastIndexOf("<answer>");
    if (open !== -1) {
      const close = region.indexOf("</answer>", open);
      region = region.slice(open + "<answer>".length, close === -1 ? undefined : close);
    }
    return region.length > MAX_ANSWER_SEGMENT_CHARS ? region.slice(region.length - MAX_ANSWER_SEGMENT_CHARS) : region;
  };

  it("answerRegion, on generated tag soups", () => {
    const piece = fc.constantFrom("</think>", "</thinking>", "</think", "ing>", ">", "<answer>", "</answer>", "x", "</thinkin>");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join("");
        expect(answerRegion(text)).toBe(regionBySearches(text));
      }),
      { seed: 16, numRuns: 3000 },
    );
  });

  it.skipIf(!answerDataPresent())("quote and answerRegion, on every corpus response (needs ../shared/data)", () => {
    for (const row of corpusRows()) {
      expect(quote(row.response)).toBe(quoteByRegex(row.response));
      expect(answerRegion(row.response)).toBe(regionBySearches(row.response));
    }
  });
});

describe("the two-numbers shortcut of the comparison", () => {
  const settings = [
    DEFAULT_SCORE_ANSWER_OPTIONS,
    { ...DEFAULT_SCORE_ANSWER_OPTIONS, precision: 2 },
    { ...DEFAULT_SCORE_ANSWER_OPTIONS, strict: false },
    { ...DEFAULT_SCORE_ANSWER_OPTIONS, percent: "fraction" as const },
  ];

  it("decides as the general steps on generated pairs of literals", () => {
    const literal = fc.string({ unit: fc.constantFrom("0", "1", "3", "5", "."), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(literal, literal, fc.constantFrom(...settings), (a, b, options) => {
        const gold = parseMathAnswer(a, "plain");
        const pred = parseMathAnswer(b, "latex");
        if (gold?.kind !== "num" || pred?.kind !== "num") return;
        expect(mathEqual(gold, pred, options)).toBe(mathEqualInGeneral(gold, pred, options));
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it.skipIf(!answerDataPresent())("decides as the general steps on the numbers of the agreement corpus (needs ../shared/data)", () => {
    const numbers = [...new Set(loadAgreementRows().flatMap((row) => [...row.gold.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0])))]
      .slice(0, 110)
      .map((text) => parseMathAnswer(text, "latex"))
      .filter((node) => node?.kind === "num");
    let pairs = 0;
    for (const gold of numbers) {
      for (const pred of numbers) {
        if (gold === null || pred === null) continue;
        for (const options of settings) expect(mathEqual(gold, pred, options)).toBe(mathEqualInGeneral(gold, pred, options));
        pairs += 1;
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
  });
});

describe("exact arithmetic's size bound, compared without writing numbers in binary", () => {
  it.each([
    ["2^{4095}", true],
    ["2^{4096}", false],
    ["2^{4096} - 1", false],
    ["2^{4095} \\cdot 2 - 1", false],
    ["2^{4095} + 2^{4094}", true],
    ["-(2^{4095} + 2^{4094})", true],
    ["2^{4095} + 2^{4095}", false],
    ["\\frac{1}{2^{4095} \\cdot 2}", false],
    ["\\frac{1}{2^{4095}}", true],
  ] as const)("%s has a value: %s", (text, hasValue) => {
    const node = parseMathAnswer(text, "latex");
    expect(node).not.toBeNull();
    expect(exactValue(node as NonNullable<typeof node>) !== null).toBe(hasValue);
  });
});

describe("the tokenizer's ignored characters", () => {
  it("are the same by code as by set, over every UTF-16 code unit", () => {
    for (let code = 0; code < 0x10000; code += 1) expect(isIgnoredCode(code)).toBe(IGNORED.has(String.fromCharCode(code)));
  });
});
