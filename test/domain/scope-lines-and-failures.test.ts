import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { normalizeFailureText } from "../../src/domain/blocker-report.js";
import { parseIssue, splitGlobs } from "../../src/domain/parse-issue.js";

describe("Scope lines with comma-separated globs (issue #9 item 7)", () => {
  it("splits on commas outside braces", () => {
    expect(splitGlobs("src/**, test/**")).toEqual(["src/**", "test/**"]);
    expect(splitGlobs("src/{a,b}/**,docs/*.md")).toEqual(["src/{a,b}/**", "docs/*.md"]);
    expect(splitGlobs("lib/**")).toEqual(["lib/**"]);
  });

  it("an issue's Scope line `src/**, test/**` gives two globs", () => {
    const parsed = parseIssue({ title: "t", body: "## Goal\nA thing.\n\n## Scope\n- `src/**`, `test/**`\n", labels: [] }, configSchema.parse({}));
    expect(parsed.scope).toEqual(["src/**", "test/**"]);
  });
});

describe("blocker report: the same failure across runs (issue #9 item 7)", () => {
  it("ignores node:test durations, timestamps and process ids", () => {
    const a = "not ok 1 - total\n  ---\n  duration_ms: 12.345\n  failureType: 'testCodeFailure'\n  at 2026-03-01T10:00:01.123Z pid 4242";
    const b = "not ok 1 - total\n  ---\n  duration_ms: 3.9\n  failureType: 'testCodeFailure'\n  at 2026-03-01T10:07:55.001Z pid 4310";
    expect(normalizeFailureText(a)).toBe(normalizeFailureText(b));
  });

  it("still tells different failures apart", () => {
    expect(normalizeFailureText("not ok 1 - total\n  duration_ms: 1")).not.toBe(normalizeFailureText("not ok 2 - parse\n  duration_ms: 1"));
  });
});
