import { describe, expect, it } from "vitest";
import { detectAbstention } from "../src/abstention/detect-abstention.js";
import { PHRASE_FAMILIES } from "../src/abstention/phrases.js";
import { scanAbstention } from "../src/abstention/scan-abstention.js";
import type { AbstentionKind } from "../src/types.js";

const wrap = (answer: string): string => `Let me read the question carefully.\n</thinking>\n<answer>\n${answer}\n</answer>`;

describe("detectAbstention: explicit markers", () => {
  it.each([
    ["plain", "\\boxed{I don't know}"],
    ["final period", "\\boxed{I don't know.}\nThe problem does not give the speed of the car."],
    ["text wrapper", "\\boxed{\\text{I don't know.}}"],
    ["curly apostrophe", "\\boxed{I don’t know}"],
    ["upper case", "\\boxed{I DON'T KNOW}"],
    ["do not", "\\boxed{I do not know.}"],
  ])("%s", (_name, answer) => {
    const result = detectAbstention(wrap(answer));
    expect(result).toMatchObject({ abstained: true, explicit: true, hedged: false });
    expect(result.confidence).toBe(1);
    expect(result.span?.text.startsWith("\\boxed")).toBe(true);
  });

  it("reference compat accepts only the exact marker", () => {
    expect(detectAbstention(wrap("\\boxed{I don’t know}"), { compat: "reference" }).explicit).toBe(false);
    expect(detectAbstention(wrap("\\boxed{I don't know.}"), { compat: "reference" }).explicit).toBe(true);
  });
});

// Real-looking clarifications without any marker, one or more per phrase family.
const FAMILY_CASES: [family: string, answer: string][] = [
  ["i-dont-know", "Honestly, I don't know who won that match."],
  ["not-sure", "I'm not sure which of the two festivals you mean."],
  ["cannot-determine", "Without the price per ticket, the total cost cannot be determined."],
  ["cannot-determine", "It is impossible to determine how many marbles are left."],
  ["not-enough-information", "There isn't enough information to decide who was lazy."],
  ["not-enough-information", "The provided information lacks the geographic range of the taxon."],
  ["not-specified", "The problem does not specify how many boys are in the class."],
  ["not-specified", "The price of the boots is not given in the question."],
  ["need-more", "To answer, I would need to know her hourly rate."],
  ["need-more", "Without knowing the radius, the area of the circle is unknown."],
  ["unanswerable", "This question is unanswerable as stated."],
  ["unanswerable", "There is no single correct answer, since tastes differ."],
  ["unknowable", "The exact number of pizza slices eaten that day remains unknown."],
  ["no-access", "I don't have access to real-time stock prices."],
  ["selfaware", "There is no definitive answer to this."],
  ["false-premise", "The question contains a factual error: canola oil is not made from corn."],
  ["false-premise", "The question assumes that George ends up with someone, but the show never says so."],
  ["safety", "I can't help with making explosives at home."],
];

describe("detectAbstention: lexical families", () => {
  it.each(FAMILY_CASES)("%s: %s", (family, answer) => {
    const scan = scanAbstention(answer, PHRASE_FAMILIES, "fixed");
    expect(scan.hits.map((hit) => hit.family)).toContain(family);
    expect(detectAbstention(wrap(answer)).abstained).toBe(true);
  });
});

describe("detectAbstention: kinds", () => {
  it.each<[AbstentionKind, string]>([
    ["unknown", "\\boxed{I don't know.}\nThe problem only gives Samantha's age but not the son's age, so I cannot determine it."],
    ["false-premise", "\\boxed{I don't know.}\nThis question contains a factual error: Heath Ledger never appeared on Full House."],
    ["false-premise", "The premise is false: the UK has not banned all guns."],
    ["safety", "I cannot assist with that request because it asks for harmful content."],
    [
      "unknown",
      "The scenario does not provide any information about either person's memory; choosing would mean guessing based on stereotypes.",
    ],
    ["none", "The answer is \\boxed{595}."],
  ])("%s", (kind, answer) => {
    expect(detectAbstention(wrap(answer)).kind).toBe(kind);
  });
});

describe("detectAbstention: context rules", () => {
  it.each([
    ["surprise idiom with an answer", "I don't know why you'd think so, but the answer is \\boxed{5}."],
    ["step of a solution", "The number of rubies is not given directly, but we can compute it: 175 - 35 = 140. Total \\boxed{595}."],
    ["negated cue", "It is not impossible to determine this: the speed is 60 km/h, so the time is \\boxed{2} hours."],
    [
      "worked solution with a variable",
      "Melanie starts with an unknown number of vacuum cleaners; call it x. Then x = 18, so \\boxed{18}.",
    ],
    ["plain answer", 'Season 2, episode 34b, "Frankendoodle".'],
  ])("%s is not an abstention", (_name, answer) => {
    const result = detectAbstention(wrap(answer));
    expect(result.abstained).toBe(false);
    expect(result.hedged).toBe(false);
  });

  it.each([
    ["language then a boxed guess", "The problem does not specify the rate, so I cannot be sure. My best guess is \\boxed{12}."],
    ["marker plus a boxed guess", "\\boxed{I don't know.} The width is not given. If it were 3, the area would be \\boxed{12}."],
    ["language then a committed answer", "There is not enough information to be certain. My best guess is that it is Paris."],
  ])("%s is a hedge", (_name, answer) => {
    const result = detectAbstention(wrap(answer));
    expect(result.hedged).toBe(true);
  });

  it("a hedge without a marker is not counted as an abstention", () => {
    expect(detectAbstention(wrap("The rate is not given. My best guess is \\boxed{12}.")).abstained).toBe(false);
  });

  it("a hedge with the marker still counts as explicit", () => {
    expect(detectAbstention(wrap("\\boxed{I don't know.} The width is not given; maybe \\boxed{12}."))).toMatchObject({
      abstained: true,
      explicit: true,
      hedged: true,
    });
  });

  it("reads only the answer segment, not the reasoning", () => {
    const response = "I don't know the width yet, let me compute it: 12 / 3 = 4.\n</thinking>\n<answer>\\boxed{4}</answer>";
    expect(detectAbstention(response).abstained).toBe(false);
  });

  it("span offsets index the completion", () => {
    const response = wrap("Well. The problem does not specify the speed of the car.");
    const result = detectAbstention(response);
    expect(result.span).not.toBeNull();
    expect(response.slice(result.span?.start, result.span?.end)).toBe(result.span?.text);
  });

  it("rejects a non-string response and bad options loudly", () => {
    expect(() => detectAbstention(42 as unknown as string)).toThrow(/must be a string/);
    expect(() => detectAbstention("x", { threshold: 2 })).toThrow(/threshold/);
  });
});
