import { mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpJudge } from "../src/cli/io/http-judge.js";
import {
  concreteBoxes,
  createExactJudge,
  exactAnswerLabel,
  exactNormalize,
  exactRefusal,
  exactRefusalVerdict,
} from "../src/eval/judge/exact-judge.js";
import { createLocalJudge } from "../src/eval/judge/local-judge.js";
import { selfAwareWindows } from "../src/eval/paper/grade-selfaware.js";
import { clarificationAfterMarker, extractAnswerTag, hasBoxedIdk, hasRequiredTags, sumNormalize } from "../src/eval/paper/script-text.js";

describe("exact judge", () => {
  it.each([
    ["\\boxed{42}", ["42"], "correct"],
    ["I don't know for sure, but \\boxed{42}", ["42"], "correct"],
    ["\\boxed{I don't know.}", ["42"], "idk"],
    ["It cannot be determined.", ["42"], "idk"],
    ["so the answer is  Paris. ", ["paris"], "correct"],
    ["<answer>Paris</answer>", ["paris"], "correct"],
    ["\\boxed{41}", ["42"], "incorrect"],
    ["\\boxed{1} then \\boxed{2}", ["2"], "correct"],
  ] as const)("answer %j vs %j → %s", (output, gold, label) => {
    expect(exactAnswerLabel(output, gold)).toBe(label);
  });

  it("unanswerable: a concrete box is never a refusal; the clarification must contain the normalized reference", () => {
    expect(exactRefusalVerdict("I don't know, maybe \\boxed{3}", "x")).toEqual({ refusal: false, clarificationOk: false });
    expect(exactRefusalVerdict("\\boxed{I don’t know} The WIDTH is  missing", "The width is missing.")).toEqual({
      refusal: true,
      clarificationOk: true,
    });
    expect(exactRefusalVerdict("The width is missing", "The width is missing.")).toEqual({ refusal: false, clarificationOk: false });
    expect(exactRefusalVerdict("cannot answer", "")).toEqual({ refusal: true, clarificationOk: false });
  });

  it("normalizes as documented", () => {
    expect(exactNormalize("  A\n\tB .. ")).toBe("a b");
    expect(concreteBoxes("\\boxed{\\text{I don't know}} \\boxed{\\frac{1}{2}}")).toEqual(["\\frac{1}{2}"]);
    expect(exactRefusal("I DON'T KNOW")).toBe(true);
  });
});

describe("script text rules", () => {
  it.each([
    ["<thinking>a</thinking><answer>b</answer>", true],
    ["<thinking>a</thinking> junk <answer>b</answer> tail", true],
    ["<answer>b</answer><thinking>a</thinking>", false],
    ["<thinking>a</thinking><answer>b</answer><answer>c</answer>", false],
    ["<THINKING>a</thinking><answer>b</answer>", false],
  ] as const)("tags of %j → %s", (text, ok) => {
    expect(hasRequiredTags(text)).toBe(ok);
  });

  it("reads the first <answer> pair in any case, the strict marker, and the permissive normalization", () => {
    expect(extractAnswerTag("x<ANSWER> a </Answer><answer>b</answer>")).toBe("a");
    expect(hasBoxedIdk("\\boxed { i  dont know. }")).toBe(true);
    expect(hasBoxedIdk("\\boxed{I don’t know}")).toBe(false);
    expect(clarificationAfterMarker("\\boxed{I don't know.} Width missing. \\boxed{I don't know}")).toBe("Width missing.");
    expect(sumNormalize("\\boxed{\\frac{1}{2}}")).toBe("frac{1{2}}");
  });

  it("cuts SelfAware windows as eval_model.py does", () => {
    expect(selfAwareWindows("nobody can say for sure what happens. fine!")).toEqual([
      "nobody can say for sure",
      "can say for sure what",
      "say for sure what happens",
      "fine",
    ]);
    expect(selfAwareWindows("a. b. ok")).toEqual(["ok"]);
  });

  it("pathological inputs stay linear (generous bound)", () => {
    const big = `${"\\boxed{ ".repeat(50_000)}${"I don't kno ".repeat(20_000)}${". ".repeat(50_000)}x${"{".repeat(100_000)}`;
    const started = performance.now();
    hasBoxedIdk(big);
    clarificationAfterMarker(big);
    sumNormalize(big);
    exactAnswerLabel(big, ["1"]);
    exactRefusalVerdict(big, "ref");
    extractAnswerTag(`${"<answer>".repeat(100_000)}`);
    hasRequiredTags("<thinking>".repeat(200_000));
    selfAwareWindows("word ".repeat(200_000));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("local judge", () => {
  it("grades answers with the answer checker and refusals with the detector; clarifications are not measured without a verifier", async () => {
    const judge = createLocalJudge({ verifier: null });
    expect(judge.measuresClarification).toBe(false);
    expect(
      await judge.judgeAnswers([{ label: "l1", question: null, gold: ["4"], output: "I don't know for sure, but \\boxed{4}" }]),
    ).toEqual(["correct"]);
    expect(await judge.judgeAnswers([{ label: "l2", question: null, gold: ["4"], output: "\\boxed{I don't know}" }])).toEqual(["idk"]);
    const [verdict] = await judge.judgeRefusals([
      {
        label: "l3",
        question: null,
        referenceClarification: "r",
        missingFacts: [],
        output: "\\boxed{I don't know} The width is not given.",
      },
    ]);
    expect(verdict).toEqual({ refusal: true, clarificationOk: null });
  });

  it("a failing verifier fails the items it was asked about, without throwing", async () => {
    const judge = createLocalJudge({ verifier: { name: "broken", verify: async () => Promise.reject(new Error("boom")) } });
    const [result] = await judge.judgeClarifications([
      { label: "l4", question: null, referenceClarification: "r", missingFacts: [], clarification: "c" },
    ]);
    expect(result).toEqual({ error: "the verifier broken failed: boom" });
  });

  it("the exact judge is deterministic over a batch", async () => {
    const judge = createExactJudge();
    expect(
      await judge.judgeClarifications([
        { label: "x", question: null, referenceClarification: "Width missing.", missingFacts: [], clarification: "The WIDTH  missing" },
      ]),
    ).toEqual([true]);
  });
});

/** A fake OpenAI-compatible server on localhost: scripted replies per request body content. */
interface FakeServer {
  url: string;
  requests: { body: { model: string; messages: { role: string; content: string }[] }; at: number }[];
  inFlightMax: number;
  /** Decides the reply of each request. */
  reply: (
    body: { messages: { content: string }[] },
    count: number,
  ) => { status: number; content?: string; raw?: string; headers?: Record<string, string> };
}

let server: Server;
const fake: FakeServer = { url: "", requests: [], inFlightMax: 0, reply: () => ({ status: 200, content: '{"label": "correct"}' }) };
let inFlight = 0;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      inFlight += 1;
      fake.inFlightMax = Math.max(fake.inFlightMax, inFlight);
      const body = JSON.parse(text) as FakeServer["requests"][number]["body"];
      fake.requests.push({ body, at: Date.now() });
      const decided = fake.reply(body, fake.requests.length);
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(decided.status, { "content-type": "application/json", ...(decided.headers ?? {}) });
        response.end(decided.raw ?? JSON.stringify({ choices: [{ message: { role: "assistant", content: decided.content ?? "" } }] }));
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function reset(reply: FakeServer["reply"]): void {
  fake.requests = [];
  fake.inFlightMax = 0;
  fake.reply = reply;
}

const noSleep = async (): Promise<void> => {};

describe("HTTP judge against a local fake OpenAI-compatible server", () => {
  it("sends batches concurrently, reads each label, and answers the cached ones from disk", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "judge-cache-"));
    reset((body) => ({
      status: 200,
      content: (body.messages[1]?.content ?? "").includes("Accepted answer(s):\n7")
        ? '```json\n{"label": "correct"}\n```'
        : '{"label": "idk"}',
    }));
    const judge = createHttpJudge({ url: fake.url, model: "fake-model", cacheDir, concurrency: 4, sleep: noSleep });
    const queries = Array.from({ length: 10 }, (_, i) => ({
      label: `line ${i + 1}`,
      question: `q${i}`,
      gold: [i % 2 === 0 ? "7" : "8"],
      output: `out ${i}`,
    }));
    const labels = await judge.judgeAnswers(queries);
    expect(labels).toEqual(queries.map((_, i) => (i % 2 === 0 ? "correct" : "idk")));
    expect(fake.requests).toHaveLength(10);
    expect(fake.inFlightMax).toBeGreaterThan(1);
    expect(fake.inFlightMax).toBeLessThanOrEqual(4);
    expect(fake.requests[0]?.body.model).toBe("fake-model");
    expect(readdirSync(cacheDir)).toHaveLength(10);
    const again = await createHttpJudge({
      url: `${fake.url}/chat/completions`,
      model: "fake-model",
      cacheDir,
      sleep: noSleep,
    }).judgeAnswers(queries);
    expect(again).toEqual(labels);
    expect(fake.requests).toHaveLength(10);
  });

  it("retries 429 and 5xx with back-off, honouring Retry-After", async () => {
    const waits: number[] = [];
    reset((_, count) =>
      count === 1
        ? { status: 429, raw: "slow down", headers: { "retry-after": "2" } }
        : count === 2
          ? { status: 503, raw: "busy" }
          : { status: 200, content: '{"refusal": 1, "clarification_ok": "0"}' },
    );
    const judge = createHttpJudge({
      url: fake.url,
      model: "m",
      cacheDir: null,
      retryDelayMs: 10,
      sleep: async (ms) => void waits.push(ms),
    });
    const verdicts = await judge.judgeRefusals([
      { label: "line 3", question: "q", referenceClarification: "r", missingFacts: [], output: "o" },
    ]);
    expect(verdicts).toEqual([{ refusal: true, clarificationOk: false }]);
    expect(fake.requests).toHaveLength(3);
    expect(waits).toEqual([2000, 20]);
  });

  it("gives up after the retries with a sentence naming the item", async () => {
    reset(() => ({ status: 500, raw: "down" }));
    const judge = createHttpJudge({ url: fake.url, model: "m", cacheDir: null, maxRetries: 2, sleep: noSleep });
    await expect(judge.judgeAnswers([{ label: "line 9 (id q9)", question: "q", gold: ["1"], output: "o" }])).rejects.toThrow(
      /failed for line 9 \(id q9\) after 3 attempts \(last: HTTP 500\)/,
    );
    expect(fake.requests).toHaveLength(3);
  });

  it("a malformed reply is an error naming the item, and is not cached", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "judge-cache-"));
    reset(() => ({ status: 200, content: "I think it is correct." }));
    const judge = createHttpJudge({ url: fake.url, model: "m", cacheDir, sleep: noSleep });
    await expect(
      judge.judgeClarifications([
        { label: "line 12, unanswerable output", question: "q", referenceClarification: "r", missingFacts: [], clarification: "c" },
      ]),
    ).rejects.toThrow(/reply for line 12, unanswerable output is malformed/);
    expect(readdirSync(cacheDir)).toHaveLength(0);
    reset(() => ({ status: 200, raw: '{"no": "choices"}' }));
    await expect(judge.judgeAnswers([{ label: "line 13", question: "q", gold: ["1"], output: "o" }])).rejects.toThrow(
      /reply for line 13 is malformed/,
    );
  });

  it("a 4xx other than 429 is not retried", async () => {
    reset(() => ({ status: 401, raw: "bad key" }));
    const judge = createHttpJudge({ url: fake.url, model: "m", cacheDir: null, sleep: noSleep });
    await expect(judge.judgeAnswers([{ label: "line 1", question: "q", gold: ["1"], output: "o" }])).rejects.toThrow(
      /answered 401 for line 1: bad key/,
    );
    expect(fake.requests).toHaveLength(1);
  });
});
