import { describe, expect, it } from "vitest";
import { reviewPullRequest } from "../../src/domain/verdict.js";
import { decodeReviewerVerdictBlock, encodeReviewerVerdictBlock, reviewerVerdictMarker } from "../../src/domain/item/markers.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("the reviewer's verdict block", () => {
  it("round-trips a raw verdict, even one that breaks the verdict schema, and text with `--` and `-->` inside", () => {
    const verdict = { verdict: "ship it -->", criteria: "all -- good" };
    const body = `${reviewerVerdictMarker(SHA)}\nsome text\n${encodeReviewerVerdictBlock({ v: 1, pr: 3, headSha: SHA, agent: "codex", verdict })}`;
    const json = body.slice(body.indexOf("reviewer-verdict-block ") + "reviewer-verdict-block ".length, body.lastIndexOf(" -->"));
    expect(json).toContain("\\u002d\\u002d");
    expect(json).not.toContain("-");
    expect(decodeReviewerVerdictBlock(body)).toEqual({ kind: "ok", block: { v: 1, pr: 3, headSha: SHA, agent: "codex", verdict } });
  });

  it("names what is wrong with a broken block; a comment without one is absent", () => {
    expect(decodeReviewerVerdictBlock("hello")).toEqual({ kind: "absent" });
    expect(decodeReviewerVerdictBlock("<!-- orchestrator:reviewer-verdict-block {nope} -->")).toMatchObject({ kind: "invalid", reason: expect.stringContaining("not JSON") });
    expect(decodeReviewerVerdictBlock('<!-- orchestrator:reviewer-verdict-block {"v":1,"pr":0} -->')).toMatchObject({ kind: "invalid", reason: expect.stringMatching(/pr: .*headSha: /) });
  });

  it("a reviewer problem fails the review with a finding naming it; an awaited reviewer keeps it pending", () => {
    const input = {
      headSha: SHA,
      checks: [{ name: "test", status: "completed", conclusion: "success", appSlug: "ci" }],
      requiredChecks: [],
      acceptanceCriteria: [],
      evidence: {},
      scope: { outOfScope: [], gated: [] },
    };
    const failed = reviewPullRequest({ ...input, reviewerExpected: true, reviewerProblem: "no verdict file" });
    expect(failed.verdict).toBe("CHANGES_REQUESTED");
    expect(failed.findings).toEqual(["reviewer agent gave no valid verdict: no verdict file"]);
    const waiting = reviewPullRequest({ ...input, reviewerExpected: true });
    expect(waiting.verdict).toBe("PENDING");
    expect(waiting.lines).toContain("- ⏳ waiting for the reviewer agent's verdict");
  });
});
