import { describe, expect, it } from "vitest";
import { findBoxes, lastBox } from "../src/completion/find-boxes.js";
import { parseResponse } from "../src/completion/parse-response.js";
import { InputError } from "../src/errors.js";
import { bestTimeMs } from "./helpers/timing.js";

describe("parseResponse abstain-r1", () => {
  it.each([
    ["<thinking>a</thinking><answer>\\boxed{4}</answer>", true, "\\boxed{4}", false],
    ["a</thinking>\n\n<answer> x </answer>", true, " x ", true],
    ["a</thinking> junk <answer>x</answer>", false, "", true],
    ["a</thinking><answer>x</answer><answer>y</answer>", false, "", true],
    ["<answer>x</answer></thinking>", false, "", true],
    ["no tags at all", false, "", true],
    ["a</thinking><answer>x</answer> trailing text", true, "x", true],
  ])("%j → ok=%s", (text, ok, answer, prefixed) => {
    const parsed = parseResponse(text);
    expect(parsed.ok).toBe(ok);
    expect(parsed.prefixed).toBe(prefixed);
    if (ok) expect(parsed.answer).toBe(answer);
    else expect(parsed.error).toMatch(/\./);
  });

  it("strips leading whitespace before testing for <thinking> in both modes, as the reference does", () => {
    const text = "  <thinking>a</thinking><answer>x</answer>";
    expect(parseResponse(text).ok).toBe(true);
    expect(parseResponse(text, { compat: "reference" })).toMatchObject({ ok: true, prefixed: false });
    // U+FEFF is JavaScript whitespace but not Python's: the reference prepends a second <thinking>.
    expect(parseResponse(`\ufeff${text.trim()}`, { compat: "reference" })).toMatchObject({ ok: false, prefixed: true });
  });

  it("rejects a non-string and an unknown template with InputError", () => {
    expect(() => parseResponse(5 as unknown as string)).toThrow(InputError);
    expect(() => parseResponse("x", { template: "nope" as "plain" })).toThrow(/expected one of abstain-r1, r1, plain/);
  });
});

describe("parseResponse r1 and plain", () => {
  it.each([
    ["<think>hmm</think>The answer is 4.", true, "The answer is 4."],
    ["hmm</think>4", true, "4"],
    ["<think>never closed", false, ""],
    ["a</think>b</think>c", false, ""],
  ])("r1 %j", (text, ok, answer) => {
    const parsed = parseResponse(text, { template: "r1" });
    expect(parsed.ok).toBe(ok);
    if (ok) expect(parsed.answer).toBe(answer);
  });

  it("plain keeps everything", () => {
    expect(parseResponse("<answer>", { template: "plain" }).answer).toBe("<answer>");
  });
});

describe("findBoxes", () => {
  it.each([
    ["\\boxed{4}", ["4"]],
    ["\\boxed{\\frac{1}{2}}", ["\\frac{1}{2}"]],
    ["\\boxed{1} and \\boxed{2}", ["1", "2"]],
    ["\\fbox{x}", ["x"]],
    ["\\boxed 5 done", ["5"]],
    ["\\boxed{a \\{ b}", ["a \\{ b"]],
    ["\\boxed{unclosed", []],
    ["\\boxedx{1}", []],
    ["}}} \\boxed{ok} {{{", ["ok"]],
    ["\\boxed{\\boxed{3}}", ["\\boxed{3}", "3"]],
  ])("%j", (text, contents) => {
    expect(findBoxes(text).map((box) => box.content)).toEqual(contents);
  });

  it("lastBox returns the last outermost box", () => {
    expect(lastBox("\\boxed{1} \\boxed{\\boxed{2}}")?.content).toBe("\\boxed{2}");
    expect(lastBox("none")).toBeNull();
  });
});

describe("pathological input stays fast", () => {
  const cases: [string, string][] = [
    ["1 MB of text", "x".repeat(1_000_000)],
    ["10,000 nested braces", `\\boxed{${"{".repeat(10_000)}1${"}".repeat(10_000)}}`],
    ["10,000 unclosed boxes", "\\boxed{".repeat(10_000)],
    ["unbalanced closers", "}".repeat(100_000) + "\\boxed{1}"],
    ["repeated tags", "<thinking></thinking>".repeat(50_000)],
    ["binary junk", String.fromCharCode(...Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 65_536))],
  ];
  it.each(cases)("%s", async (_name, text) => {
    const ms = await bestTimeMs(() => {
      findBoxes(text);
      parseResponse(text);
      parseResponse(text, { template: "r1" });
    });
    // Budget 50 ms (bench/pathological.ts); asserted with 5x headroom for a loaded CI machine.
    expect(ms).toBeLessThan(250);
  });
});
