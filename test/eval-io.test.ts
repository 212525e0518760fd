import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress } from "../src/eval/io/progress.js";
import { openRecords, splitLines } from "../src/eval/io/read-records.js";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "eval-io-"));

describe("splitLines", () => {
  it("numbers lines, drops \\r, keeps a last line without newline, and joins UTF-8 split across chunks", async () => {
    const bytes = Buffer.from("a\r\nbé\n\nlast", "utf8");
    const at = bytes.indexOf(0xc3) + 1; // split inside the two bytes of "é"
    const lines = await collect(splitLines(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]), "x"));
    expect(lines).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "bé" },
      { line: 3, text: "" },
      { line: 4, text: "last" },
    ]);
  });

  it("refuses a line over the limit, naming its number", async () => {
    await expect(collect(splitLines(Readable.from(["ok\n", "x".repeat(50), "y".repeat(60)]), "big.jsonl", () => {}, 100))).rejects.toThrow(
      "big.jsonl line 2: the line is longer than 100 characters",
    );
  });

  it("stays linear on one very long line spread over many chunks", async () => {
    const chunks = Array.from({ length: 4000 }, () => "z".repeat(1000));
    const started = performance.now();
    const lines = await collect(splitLines(Readable.from([...chunks, "\n"]), "long"));
    expect(lines[0]?.text.length).toBe(4_000_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("openRecords", () => {
  it("reads JSON Lines, skipping blank lines, with line numbers and bytes consumed", async () => {
    const path = join(dir, "a.jsonl");
    writeFileSync(path, '{"a":1}\n\n{"a":2}\n');
    const source = await openRecords(path, new PassThrough());
    expect(await collect(source.records())).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
    ]);
    expect([source.unit, source.size, source.bytesRead()]).toEqual(["line", 17, 17]);
  });

  it("reads a .json array and SelfAware's { example: [...] } document, numbering items", async () => {
    const array = join(dir, "b.json");
    writeFileSync(array, '[{"a":1},{"a":2}]');
    const selfaware = join(dir, "c.json");
    writeFileSync(selfaware, '{"dataset_name":"SelfAware","example":[{"q":1}]}');
    expect((await collect((await openRecords(array, new PassThrough())).records())).map((r) => r.line)).toEqual([1, 2]);
    const source = await openRecords(selfaware, new PassThrough());
    expect(source.unit).toBe("item");
    expect(await collect(source.records())).toEqual([{ line: 1, value: { q: 1 } }]);
  });

  it("says what a .json file must hold", async () => {
    const path = join(dir, "d.json");
    writeFileSync(path, '{"rows": []}');
    await expect(collect((await openRecords(path, new PassThrough())).records())).rejects.toThrow('must hold an array of records or an object with an "example" array');
  });

  it("reads stdin for -", async () => {
    const stdin = Readable.from(['{"x":1}\n{"x":', "2}\n"]);
    const source = await openRecords("-", stdin);
    expect(source.name).toBe("stdin");
    expect(await collect(source.records())).toEqual([
      { line: 1, value: { x: 1 } },
      { line: 2, value: { x: 2 } },
    ]);
  });

  it("rejects a folder", async () => {
    await expect(openRecords(dir, new PassThrough())).rejects.toThrow("is not a file");
  });
});

describe("createProgress", () => {
  it("draws nothing when the stream is not a terminal", () => {
    const stream = new PassThrough();
    const progress = createProgress(stream, "eval");
    progress.update(10, 0.5);
    progress.done();
    expect(stream.read()).toBeNull();
  });

  it("draws a throttled bar on a terminal and clears it at the end", () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true });
    let now = 0;
    const progress = createProgress(stream, "eval", () => now);
    now = 150;
    progress.update(2560, 0.25);
    now = 160;
    progress.update(2816, 0.3); // within 100 ms: skipped
    now = 300;
    progress.update(5120, null);
    progress.done();
    const text = String(stream.read());
    expect(text).toBe(
      "\r\u001b[Keval [######------------------] 25% 2,560 items 0.1s" + "\r\u001b[Keval 5,120 items 0.3s" + "\r\u001b[K",
    );
  });
});
