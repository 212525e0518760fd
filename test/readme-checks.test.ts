// The README's table of grounding checks lists every check the verifier can report, and no other.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GROUNDING_CHECKS } from "../src/types.js";

const README = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");

describe("README grounding checks", () => {
  it("the table names every check in GROUNDING_CHECKS, in order, and nothing else", () => {
    const start = README.indexOf("### Why a clarification was rejected");
    expect(start).toBeGreaterThan(-1);
    const end = README.indexOf("\n#", start + 4);
    const section = README.slice(start, end === -1 ? undefined : end);
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(rows).toEqual([...GROUNDING_CHECKS]);
  });
});
