import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeHiddenBlock, encodeHiddenBlock } from "../../src/domain/item/markers.js";


const schema = z.object({ text: z.string(), n: z.number().int() });

describe("hidden blocks in comments", () => {
  it("round-trips any string, and the block never contains `--` (invalid inside an HTML comment)", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (text, n) => {
        const block = encodeHiddenBlock("demo", schema, { text, n });
        expect(block.slice(4, -3)).not.toContain("--");
        expect(decodeHiddenBlock(`before\n${block}\nafter`, "demo", schema, "demo block")).toEqual({ kind: "ok", value: { text, n } });
      }),
    );
  });

  it("names what is wrong: absent, not closed, not JSON, breaking the schema", () => {
    expect(decodeHiddenBlock("no block", "demo", schema, "demo block")).toEqual({ kind: "absent" });
    expect(decodeHiddenBlock("<!-- orchestrator:demo {", "demo", schema, "demo block")).toEqual({ kind: "invalid", reason: "demo block is not closed" });
    expect(decodeHiddenBlock("<!-- orchestrator:demo {x -->", "demo", schema, "demo block")).toMatchObject({ kind: "invalid", reason: expect.stringMatching(/^demo block is not JSON/) });
    expect(decodeHiddenBlock('<!-- orchestrator:demo {"text":1,"n":2} -->', "demo", schema, "demo block")).toEqual({
      kind: "invalid",
      reason: "demo block is invalid: text: Invalid input: expected string, received number",
    });
  });
});
