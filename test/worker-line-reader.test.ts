import { describe, expect, it } from "vitest";
import { LINE_HEAD_BYTES, createLineReader } from "../src/worker/line-reader.js";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function collect(maxLineBytes: number): {
  lines: string[];
  oversized: { head: string; bytes: number }[];
  reader: ReturnType<typeof createLineReader>;
} {
  const lines: string[] = [];
  const oversized: { head: string; bytes: number }[] = [];
  const reader = createLineReader(maxLineBytes, {
    onLine: (line) => lines.push(line),
    onOversized: (head, bytes) => oversized.push({ head, bytes }),
  });
  return { lines, oversized, reader };
}

describe("createLineReader", () => {
  it.each<[string, string[], string[]]>([
    ["one line", ["a\n"], ["a"]],
    ["two lines in one chunk", ["a\nb\n"], ["a", "b"]],
    ["a line split over chunks", ['{"id"', ":1}\n"], ['{"id":1}']],
    ["CRLF endings", ["a\r\nb\r\n"], ["a", "b"]],
    ["empty lines are passed through", ["\n\na\n"], ["", "", "a"]],
    ["a split multi-byte character", ["é".slice(0, 1), "\n"], ["é"]],
  ])("%s", (_name, chunks, expected) => {
    const { lines, reader } = collect(100);
    for (const chunk of chunks) reader.push(encode(chunk));
    expect(lines).toEqual(expected);
  });

  it("joins a UTF-8 character whose bytes arrive in two chunks", () => {
    const { lines, reader } = collect(100);
    const bytes = encode("x€y\n");
    reader.push(bytes.subarray(0, 2));
    reader.push(bytes.subarray(2));
    expect(lines).toEqual(["x€y"]);
  });

  it("flushes a last line without newline on end()", () => {
    const { lines, reader } = collect(100);
    reader.push(encode("a\nlast"));
    expect(lines).toEqual(["a"]);
    reader.end();
    expect(lines).toEqual(["a", "last"]);
  });

  it("reports an oversized line once, keeps its head, and resyncs at the next newline", () => {
    const { lines, oversized, reader } = collect(10);
    reader.push(encode('{"id":7,"x":"'));
    reader.push(encode("y".repeat(5000)));
    expect(reader.buffered).toBe(0);
    reader.push(encode('"}\nok\n'));
    expect(oversized).toEqual([{ head: `{"id":7,"x":"${"y".repeat(LINE_HEAD_BYTES - 13)}`, bytes: 13 + 5000 + 2 }]);
    expect(lines).toEqual(["ok"]);
  });

  it("accepts a line of exactly the limit and rejects one byte more", () => {
    const { lines, oversized, reader } = collect(5);
    reader.push(encode("12345\n123456\n"));
    expect(lines).toEqual(["12345"]);
    expect(oversized.map((entry) => entry.bytes)).toEqual([6]);
  });

  it("reports an oversized last line at end()", () => {
    const { oversized, reader } = collect(3);
    reader.push(encode("abcdef"));
    reader.end();
    expect(oversized).toEqual([{ head: "abcdef", bytes: 6 }]);
  });

  it("never buffers more than the limit, whatever arrives", () => {
    const { oversized, reader } = collect(1024);
    let peak = 0;
    for (let index = 0; index < 2000; index += 1) {
      reader.push(new Uint8Array(4096).fill(0x61));
      peak = Math.max(peak, reader.buffered);
    }
    reader.push(encode("\n"));
    expect(peak).toBeLessThanOrEqual(1024);
    expect(oversized).toHaveLength(1);
    expect(oversized[0]?.bytes).toBe(2000 * 4096);
  });

  it("survives random bytes and does not reuse the caller's buffer", () => {
    const { lines, reader } = collect(64);
    const chunk = new Uint8Array(32);
    for (let round = 0; round < 500; round += 1) {
      for (let index = 0; index < chunk.length; index += 1) chunk[index] = (round * 31 + index * 17) % 256;
      reader.push(chunk);
    }
    reader.push(encode("\nend\n"));
    expect(lines.at(-1)).toBe("end");
    const partial = collect(100);
    const buffer = encode("abc");
    partial.reader.push(buffer);
    buffer.fill(0x7a);
    partial.reader.push(encode("\n"));
    expect(partial.lines).toEqual(["abc"]);
  });

  it("rejects a non-positive limit", () => {
    expect(() => collect(0)).toThrow(RangeError);
  });
});
