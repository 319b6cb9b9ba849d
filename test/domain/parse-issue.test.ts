import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig } from "../../src/config/schema.js";
import { findIssueRefs, parseIssue, parseJobSize, parseRating } from "../../src/domain/parse-issue.js";

const config = defaultConfig();
const parse = (body: string | null, labels: string[] = []) => parseIssue({ title: "Title", body, labels }, config);

describe("parseIssue: free text", () => {
  it("reads the same headings in any case, with ## or ###, with a trailing colon", () => {
    const body = [
      "## GOAL:",
      "Ship the export.",
      "",
      "### acceptance criteria",
      "* Given a report, when exported, then a CSV is written",
      "1. Given no data, when exported, then the CSV has only a header",
      "- [x] Given an error, when exporting, then the user sees it",
      "",
      "## Business value (1-5):",
      "**4**",
      "## Urgency",
      "2 - low",
      "## Risk reduction / opportunity enablement",
      "1",
      "## Size",
      "medium",
      "## Notes",
      "Unrelated text - Given nothing",
    ].join("\n");
    const parsed = parse(body);
    expect(parsed.goal).toBe("Ship the export.");
    expect(parsed.acceptanceCriteria).toEqual([
      "Given a report, when exported, then a CSV is written",
      "Given no data, when exported, then the CSV has only a header",
      "Given an error, when exporting, then the user sees it",
    ]);
    expect(parsed.wsjf).toEqual({ value: 4, urgency: 2, risk: 1, size: "M" });
  });

  it("takes the text before any heading as the goal when there is no goal section", () => {
    const parsed = parse("The login page crashes on an empty password.\nDepends on #4\n\n## Acceptance criteria\n- works");
    expect(parsed.goal).toBe("The login page crashes on an empty password.");
    expect(parsed.dependsOn).toEqual(["#4"]);
  });

  it("handles a null or empty body", () => {
    expect(parse(null)).toMatchObject({ goal: null, acceptanceCriteria: [], scope: [], dependsOn: [], files: [], wsjf: {} });
    expect(parse("  \r\n ").goal).toBeNull();
  });

  it("ignores headings and dependency lines inside fenced code", () => {
    const body = ["## Goal", "Fix it", "```md", "## Acceptance criteria", "Depends on #99", "```", "Blocked by #5, #6 and o/r#7"].join("\r\n");
    const parsed = parse(body);
    expect(parsed.acceptanceCriteria).toEqual([]);
    expect(parsed.dependsOn).toEqual(["#5", "#6", "o/r#7"]);
    expect(parsed.goal).toContain("## Acceptance criteria");
  });

  it("finds dependency lines anywhere, but not bare mentions", () => {
    const parsed = parse("See #1 for context.\n**Depends on:** #2\n- blocked by Octo/Repo#3\nRelated to #4");
    expect(parsed.dependsOn).toEqual(["#2", "octo/repo#3"]);
  });

  it("names an acceptance test on a single line and files in inline code", () => {
    const parsed = parse("## Goal\nChange `src/a/b.ts` and `package.json`, not `npm run x` or `3.5`.\n\nAcceptance test: `npm test -- a`");
    expect(parsed.acceptanceTest).toBe("npm test -- a");
    expect(parsed.files).toEqual(["src/a/b.ts", "package.json"]);
  });

  it("unwraps a fenced acceptance test command", () => {
    expect(parse("### Acceptance test command\n\n```sh\nnpm test\n```").acceptanceTest).toBe("npm test");
  });
});

describe("parseIssue: labels override the body", () => {
  const body = "### Business value\n\n1 - minimal\n\n### Time criticality\n\n1\n\n### Risk reduction / opportunity enablement\n\n1\n\n### Job size\n\nXL - more than a month";

  it("takes value/urgency/risk/size labels over form answers, key by key", () => {
    const parsed = parse(body, ["value/3", "size/S"]);
    expect(parsed.wsjf).toEqual({ value: 3, urgency: 1, risk: 1, size: "S" });
    expect(parsed.size).toBe("S");
    expect(parsed.wsjfSources).toEqual({ value: "label", urgency: "body", risk: "body", size: "label" });
  });

  it("uses the configured prefixes", () => {
    const custom = configSchema.parse({ labels: { urgency_prefix: "tc:" } });
    expect(parseIssue({ title: "t", body, labels: ["tc:5", "urgency/2"] }, custom).wsjf.urgency).toBe(5);
  });
});

describe("small parsers", () => {
  it("reads ratings and sizes robustly", () => {
    expect(["3", "3 - medium", " **3**", "3/5"].map(parseRating)).toEqual([3, 3, 3, 3]);
    expect(["", "_No response_", "6", "10", "3.5", "high"].map(parseRating)).toEqual([null, null, null, null, null, null]);
    expect(["XS - hours", "s", "M", "l - weeks", "xl", "Extra large", "small", "huge", "Medium-ish"].map(parseJobSize)).toEqual([
      "XS",
      "S",
      "M",
      "L",
      "XL",
      "XL",
      "S",
      null,
      "M",
    ]);
  });

  it("finds refs and issue URLs but not anchors or code-like hashes", () => {
    expect(findIssueRefs("#1, a/b#2 https://github.com/C/D/issues/3 https://github.com/e/f/pull/4 x#5 see/#6 url#7")).toEqual([
      "#1",
      "a/b#2",
      "c/d#3",
      "e/f#4",
    ]);
  });

  it("property: parsing never throws and returns deduplicated lists", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: "grapheme-ascii", maxLength: 400 }), { nil: null }), fc.array(fc.string()), (body, labels) => {
        const parsed = parseIssue({ title: "t", body, labels }, config);
        for (const list of [parsed.acceptanceCriteria, parsed.scope, parsed.dependsOn, parsed.files]) {
          expect(new Set(list).size).toBe(list.length);
        }
      }),
    );
  });

  it("property: dependency refs written on a Depends on line are all found", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99999 }), { minLength: 1, maxLength: 6 }), (numbers) => {
        const refs = numbers.map((n) => `#${n}`);
        expect(parse(`## Goal\nx\n\nDepends on ${refs.join(", ")}`).dependsOn).toEqual(refs);
      }),
    );
  });
});
