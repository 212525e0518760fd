// The built CLI's worker over real pipes: `node dist/cli.js worker`.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { WorkerReadySchema, WorkerResponseSchema } from "../src/worker/protocol.js";
import { collect, ensureBuilt, spawnCli } from "./worker-build.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

const RIGHT = "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>";
const WRONG = "3 + 4 = 7.\n</thinking>\n<answer>\n\\boxed{7}\n</answer>";
// Nothing follows the marker, so the clarification is rejected with or without a verifier: 1.3.
const IDK = "The speed is not given.\n</thinking>\n<answer>\n\\boxed{I don't know.}\n</answer>";

const answerable = (response: string): Record<string, unknown> => ({ response, answerable: true, goldAnswer: "12" });
const unanswerable = { response: IDK, answerable: false, missingFacts: ["the speed of the train"] };

type Line = Record<string, unknown>;
const parse = (lines: readonly string[]): Line[] => lines.filter((line) => line !== "").map((line) => JSON.parse(line) as Line);

/** A deterministic pseudo-random generator, so failures reproduce. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

beforeAll(async () => {
  await ensureBuilt();
}, 600_000);

describe("abstain-reward worker (built CLI, real pipes)", () => {
  it("writes the ready line first and only protocol lines on stdout", async () => {
    const child = spawnCli(["worker"]);
    const out = collect(child);
    child.stdin.end(`${JSON.stringify({ id: "a", sample: answerable(RIGHT) })}\n`);
    expect(await out.exited).toBe(0);
    const [ready, ...rest] = parse(out.lines);
    expect(WorkerReadySchema.parse(ready)).toMatchObject({ ready: true, version });
    expect(rest).toHaveLength(1);
    expect(WorkerResponseSchema.parse(rest[0])).toMatchObject({ id: "a", result: { reward: 2, reason: "answer-correct" } });
    expect(out.stderr()).toContain("abstain-reward worker: done (eof)");
    // Every log line says where it comes from (a trainer interleaves it with its own stderr).
    for (const logLine of out
      .stderr()
      .split("\n")
      .filter((text) => text !== ""))
      expect(logLine).toMatch(/^abstain-reward( worker)?: /);
  });

  it("answers 10,000 requests with 10% malformed lines interleaved: each valid id once, right reward, one error per bad line", async () => {
    const child = spawnCli(["worker"]);
    const out = collect(child);
    const random = prng(42);
    const expected = new Map<string, number | number[]>();
    const badKinds = [
      "{not json",
      '{"id": "dangling", "sample": {"response": ',
      JSON.stringify({ sample: answerable(RIGHT) }),
      JSON.stringify({ id: "wrong-shape", sample: { response: 3 } }),
      JSON.stringify(["array"]),
      "\u0000\u0001\u0002",
      JSON.stringify({ id: "no-annotation", sample: { response: IDK, answerable: false } }),
    ];
    let bad = 0;
    let text = "";
    for (let index = 0; index < 10_000; index += 1) {
      const roll = random();
      if (roll < 0.1) {
        text += `${badKinds[bad % badKinds.length]}\n`;
        bad += 1;
      } else if (roll < 0.2) {
        expected.set(`b${index}`, [2, 1, 1.3]);
        text += `${JSON.stringify({ id: `b${index}`, samples: [answerable(RIGHT), answerable(WRONG), unanswerable] })}\n`;
      } else {
        const kind = Math.floor(random() * 3);
        expected.set(`r${index}`, [2, 1, 1.3][kind] ?? 0);
        text += `${JSON.stringify({ id: `r${index}`, sample: kind === 0 ? answerable(RIGHT) : kind === 1 ? answerable(WRONG) : unanswerable })}\n`;
      }
      if (text.length > 256 * 1024) {
        child.stdin.write(text);
        text = "";
      }
    }
    child.stdin.end(text);
    expect(await out.exited).toBe(0);
    const [ready, ...answers] = parse(out.lines);
    expect(ready).toMatchObject({ ready: true });
    expect(answers).toHaveLength(10_000);
    const seen = new Map<string, number | number[]>();
    let errors = 0;
    for (const answer of answers) {
      const response = WorkerResponseSchema.parse(answer);
      if ("error" in response) {
        errors += 1;
        continue;
      }
      const id = String(response.id);
      expect(seen.has(id)).toBe(false);
      seen.set(id, "result" in response ? response.result.reward : response.results.map((result) => result.reward));
    }
    expect(errors).toBe(bad);
    expect(seen).toEqual(expected);
  });

  it("scores a 1 MB line and rejects one over --max-line-bytes with its id, then carries on", async () => {
    const long = answerable(`${"Let me think about it. ".repeat(45_000)}\n</thinking>\n<answer>\n\\boxed{12}\n</answer>`);
    const line = JSON.stringify({ id: "big", sample: long });
    expect(line.length).toBeGreaterThan(1_000_000);

    const accepted = spawnCli(["worker"]);
    const acceptedOut = collect(accepted);
    accepted.stdin.end(`${line}\n`);
    expect(await acceptedOut.exited).toBe(0);
    expect(parse(acceptedOut.lines)[1]).toMatchObject({ id: "big", result: { reward: 2 } });

    const limited = spawnCli(["worker", "--max-line-bytes", "200000"]);
    const limitedOut = collect(limited);
    limited.stdin.write(`${line}\n`);
    limited.stdin.end(`${JSON.stringify({ id: "next", sample: answerable(RIGHT) })}\n`);
    expect(await limitedOut.exited).toBe(0);
    expect(parse(limitedOut.lines).slice(1)).toEqual([
      { id: "big", error: { code: "line_too_long", message: expect.stringContaining("limit of 200000 bytes") } },
      expect.objectContaining({ id: "next", result: expect.objectContaining({ reward: 2 }) }),
    ]);
  });

  it("survives random bytes: error lines for the garbage, answers after it, exit 0", async () => {
    const child = spawnCli(["worker"]);
    const out = collect(child);
    const random = prng(7);
    const garbage = Buffer.alloc(256 * 1024);
    for (let index = 0; index < garbage.length; index += 1) garbage[index] = Math.floor(random() * 256);
    child.stdin.write(garbage);
    child.stdin.end(`\n${JSON.stringify({ id: "after", sample: answerable(RIGHT) })}\n`);
    expect(await out.exited).toBe(0);
    const answers = parse(out.lines).slice(1);
    expect(answers.length).toBeGreaterThan(1);
    for (const answer of answers) WorkerResponseSchema.parse(answer);
    expect(answers.filter((answer) => "error" in answer).length).toBe(answers.length - 1);
    expect(answers.at(-1)).toMatchObject({ id: "after", result: { reward: 2 } });
  });

  it("on SIGTERM finishes what it read, flushes and exits 0", async () => {
    const child = spawnCli(["worker"]);
    const out = collect(child);
    await out.waitForLines(1);
    for (let index = 0; index < 2000; index += 1) child.stdin.write(`${JSON.stringify({ id: index, sample: answerable(RIGHT) })}\n`);
    await out.waitForLines(2);
    child.kill("SIGTERM");
    expect(await out.exited).toBe(0);
    const answers = parse(out.lines).slice(1);
    expect(answers.length).toBeGreaterThan(0);
    const ids = answers.map((answer) => WorkerResponseSchema.parse(answer).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(out.stderr()).toContain("SIGTERM received");
  });

  it("prints usage, the JSON Schema, and rejects unknown flags with exit code 2", async () => {
    const help = spawnCli(["worker", "--help"]);
    const helpOut = collect(help);
    help.stdin.end();
    expect(await helpOut.exited).toBe(0);
    expect(helpOut.lines.join("\n")).toContain("Usage: abstain-reward worker");

    const schema = spawnCli(["worker", "--json-schema"]);
    const schemaOut = collect(schema);
    schema.stdin.end();
    expect(await schemaOut.exited).toBe(0);
    expect(`${schemaOut.lines.join("\n")}\n`).toBe(
      readFileSync(new URL("../docs/schemas/worker-protocol.schema.json", import.meta.url), "utf8"),
    );

    const bad = spawnCli(["worker", "--presett", "x"]);
    const badOut = collect(bad);
    bad.stdin.end();
    expect(await badOut.exited).toBe(2);
    expect(badOut.stderr()).toContain("worker --help");
    expect(badOut.lines.join("")).toBe("");
  });
});
