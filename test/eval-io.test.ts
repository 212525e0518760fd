import { mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runEvalCommand } from "../src/cli/eval.js";
import { runScoreCommand } from "../src/cli/score.js";
import { assertOutputsAreNotInputs, openOutput } from "../src/cli/io/output-sink.js";
import { createProgress } from "../src/cli/io/progress.js";
import { openRecords, splitLines } from "../src/cli/io/read-records.js";

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
    await expect(collect((await openRecords(path, new PassThrough())).records())).rejects.toThrow(
      'must hold an array of records or an object with an "example" array',
    );
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
    expect(text).toBe("\r\u001b[Keval [######------------------] 25% 2,560 items 0.1s" + "\r\u001b[Keval 5,120 items 0.3s" + "\r\u001b[K");
  });
});

describe("outputs never destroy inputs", () => {
  const io = () => ({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() });
  const fresh = (name: string, text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), "eval-io-out-")), name);
    writeFileSync(path, text);
    return path;
  };

  it("score -o onto its own input is refused before anything is read, naming both", async () => {
    const path = fresh("s.jsonl", '{"response":"x","answerable":true,"goldAnswer":"1"}\n');
    await expect(runScoreCommand([path, "-o", path], io())).rejects.toThrow(
      /^-o .*s\.jsonl is the samples file .*s\.jsonl; writing it would destroy the input/,
    );
    expect(readFileSync(path, "utf8")).toContain("goldAnswer");
  });

  it("score -o onto a symlink of its input is refused", async () => {
    const path = fresh("s.jsonl", "{}\n");
    const link = join(dirname(path), "link.jsonl");
    symlinkSync(path, link);
    await expect(runScoreCommand([path, "-o", link], io())).rejects.toThrow(/link\.jsonl is the same file as .*s\.jsonl/);
    expect(readFileSync(path, "utf8")).toBe("{}\n");
  });

  it.each([
    ["--items onto the results", (results: string) => [results, "--protocol", "abstain-test", "--items", results]],
    ["-o onto the results", (results: string) => [results, "--protocol", "abstain-test", "-o", results]],
    [
      "-o onto the reference",
      (results: string, reference: string) => [results, "--reference", reference, "--protocol", "abstain-test", "-o", reference],
    ],
    [
      "-o onto a symlink of the reference",
      (results: string, reference: string) => {
        const link = join(dirname(reference), "ref-link.jsonl");
        symlinkSync(reference, link);
        return [results, "--reference", reference, "--protocol", "abstain-test", "-o", link];
      },
    ],
    [
      "-o and --items onto one file",
      (results: string) => [
        results,
        "--protocol",
        "abstain-test",
        "-o",
        join(dirname(results), "same.txt"),
        "--items",
        join(dirname(results), "same.txt"),
      ],
    ],
  ])("eval %s is refused and the files are untouched", async (_name, argsOf) => {
    const results = fresh("results.jsonl", '{"question":"q","response":"r"}\n');
    const reference = join(dirname(results), "reference.jsonl");
    writeFileSync(reference, '{"question":"q","answer":"1"}\n');
    await expect(runEvalCommand(argsOf(results, reference), io())).rejects.toThrow(
      /would destroy the input|are the same file; give each output its own file/,
    );
    expect(readFileSync(results, "utf8")).toBe('{"question":"q","response":"r"}\n');
    expect(readFileSync(reference, "utf8")).toBe('{"question":"q","answer":"1"}\n');
  });

  it("assertOutputsAreNotInputs skips stdin/stdout and accepts distinct files", () => {
    const a = fresh("a.jsonl", "a");
    expect(() =>
      assertOutputsAreNotInputs(
        [
          { flag: "-o", path: "-" },
          { flag: "--items", path: undefined },
        ],
        [{ flag: "input", path: "-" }],
      ),
    ).not.toThrow();
    expect(() =>
      assertOutputsAreNotInputs([{ flag: "-o", path: join(dirname(a), "b.jsonl") }], [{ flag: "input", path: a }]),
    ).not.toThrow();
  });

  it("writes through a temporary file: the target appears whole on close, and abort leaves the old file as it was", async () => {
    const path = fresh("out.jsonl", "old\n");
    const sink = await openOutput(path, new PassThrough());
    await sink.write("new 1\n");
    expect(readFileSync(path, "utf8")).toBe("old\n"); // not truncated while the run goes on
    expect(readdirSync(dirname(path))).toContain(`.out.jsonl.partial-${process.pid}`);
    await sink.abort();
    expect(readFileSync(path, "utf8")).toBe("old\n");
    expect(readdirSync(dirname(path))).toEqual(["out.jsonl"]);

    const second = await openOutput(path, new PassThrough());
    await second.write("new 2\n");
    await second.close();
    await second.abort(); // a no-op after close
    expect(readFileSync(path, "utf8")).toBe("new 2\n");
    expect(readdirSync(dirname(path))).toEqual(["out.jsonl"]);
  });

  it("writes a device such as /dev/null directly, never replacing it", async () => {
    const sink = await openOutput("/dev/null", new PassThrough());
    await sink.write("x\n");
    await sink.close();
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});
