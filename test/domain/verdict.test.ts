import { describe, expect, it } from "vitest";
import { isOwnCheck, reviewPullRequest, type ReviewCheckRun, type ReviewInput } from "../../src/domain/verdict.js";

const HEAD = "0123456789abcdef";
const green = (name: string, appSlug = "github-actions"): ReviewCheckRun => ({ name, status: "completed", conclusion: "success", appSlug });
const red = (name: string, conclusion = "failure"): ReviewCheckRun => ({ name, status: "completed", conclusion, appSlug: "github-actions" });
const running = (name: string): ReviewCheckRun => ({ name, status: "in_progress", conclusion: null, appSlug: "github-actions" });

const CRITERIA = ["Dates are shown in the user's time zone", "The CSV export has a header row"];

function input(over: Partial<ReviewInput> = {}): ReviewInput {
  return {
    headSha: HEAD,
    checks: [green("test"), green("lint")],
    requiredChecks: [],
    acceptanceCriteria: CRITERIA,
    evidence: { [CRITERIA[0] as string]: "test/date.test.ts: 'renders in Europe/Paris' passes", [CRITERIA[1] as string]: "test/csv.test.ts checks the first line" },
    scope: { outOfScope: [], gated: [] },
    ...over,
  };
}

const validReviewer = {
  verdict: "approve",
  criteria: CRITERIA.map((criterion) => ({ criterion, met: true, evidence: "seen in tests" })),
  findings: [{ severity: "nit", file: "src/csv.ts", line: 3, message: "name could be clearer" }],
};

describe("reviewPullRequest: a passing pull request", () => {
  const result = reviewPullRequest(input());

  it("is APPROVED with a line per criterion", () => {
    expect(result.verdict).toBe("APPROVED");
    expect(result.findings).toEqual([]);
    expect(result.lines[0]).toBe(`- [x] ${CRITERIA[0]} — test/date.test.ts: 'renders in Europe/Paris' passes`);
    expect(result.lines[1]).toBe(`- [x] ${CRITERIA[1]} — test/csv.test.ts checks the first line`);
  });

  it("posts a successful review check and a COMMENT review (the verdict never merges)", () => {
    expect(result.reviewCheck).toMatchObject({ name: "orchestrator/review", headSha: HEAD, status: "completed", conclusion: "success", title: "Approved: 2/2 criteria backed, tests green" });
    expect(result.reviewCheck.summary).toMatch(/never merges anything by itself/);
    expect(result.review?.event).toBe("COMMENT");
    expect(result.review?.body).toMatch(/APPROVED for `0123456`/);
    expect(result.scopeCheck).toMatchObject({ name: "orchestrator/scope", conclusion: "success", annotations: [] });
  });

  it("matches evidence ignoring case and spacing, and accepts a Map", () => {
    const evidence = new Map([[`  ${CRITERIA[0]?.toUpperCase()} `, "yes"], [CRITERIA[1] as string, "yes"]]);
    expect(reviewPullRequest(input({ evidence })).verdict).toBe("APPROVED");
  });
});

describe("reviewPullRequest: a failing pull request", () => {
  it("a red check requests changes, naming the check, and no criterion is backed", () => {
    const result = reviewPullRequest(input({ checks: [green("lint"), red("test")] }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.findings).toContain("check `test` failure on the head commit");
    expect(result.lines).toContain(`- [ ] ${CRITERIA[0]} — evidence given, but the tests on the head commit are not green`);
    expect(result.reviewCheck).toMatchObject({ conclusion: "failure", title: `Changes requested: ${result.findings.length} finding(s)` });
    expect(result.reviewCheck.summary).toContain("check `test` failure");
    expect(result.review?.event).toBe("REQUEST_CHANGES");
  });

  it("a criterion without evidence is not backed", () => {
    const result = reviewPullRequest(input({ evidence: { [CRITERIA[0] as string]: "  " } }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.lines).toEqual(expect.arrayContaining([`- [ ] ${CRITERIA[0]} — no evidence in the worker report or pull request body`, `- [ ] ${CRITERIA[1]} — no evidence in the worker report or pull request body`]));
    expect(result.findings).toHaveLength(2);
  });

  it("files outside scope fail the scope check with one annotation each", () => {
    const result = reviewPullRequest(input({ scope: { outOfScope: ["src/other.ts", "README.md"], gated: [] } }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.findings).toEqual(["`src/other.ts` is outside the item's scope", "`README.md` is outside the item's scope"]);
    expect(result.scopeCheck.conclusion).toBe("failure");
    expect(result.scopeCheck.annotations).toEqual([
      { path: "src/other.ts", startLine: 1, endLine: 1, level: "failure", title: "Outside scope", message: "src/other.ts is outside the work item's scope." },
      { path: "README.md", startLine: 1, endLine: 1, level: "failure", title: "Outside scope", message: "README.md is outside the work item's scope." },
    ]);
  });

  it("treats cancelled and timed-out checks as failures", () => {
    expect(reviewPullRequest(input({ checks: [red("test", "cancelled")] })).verdict).toBe("CHANGES_REQUESTED");
    expect(reviewPullRequest(input({ checks: [red("test", "timed_out")] })).verdict).toBe("CHANGES_REQUESTED");
  });
});

describe("reviewPullRequest: gated paths are flagged, not failed", () => {
  it("approves with a gated line and a neutral scope check", () => {
    const result = reviewPullRequest(input({ scope: { outOfScope: [], gated: ["package.json"] } }));
    expect(result.verdict).toBe("APPROVED");
    expect(result.lines).toContain("- ⚠️ gated paths changed, merging needs a trusted `/approve`: `package.json`");
    expect(result.scopeCheck).toMatchObject({ conclusion: "neutral", annotations: [] });
  });
});

describe("reviewPullRequest: checks", () => {
  it("is PENDING while a check runs, with no review to post, and the scope check is still given", () => {
    const result = reviewPullRequest(input({ checks: [green("lint"), running("test")], scope: { outOfScope: ["x.ts"], gated: [] } }));
    expect(result.verdict).toBe("PENDING");
    expect(result.review).toBeNull();
    expect(result.reviewCheck).toMatchObject({ status: "in_progress" });
    expect(result.reviewCheck.conclusion).toBeUndefined();
    expect(result.scopeCheck.conclusion).toBe("failure");
  });

  it("is PENDING when no check has reported", () => {
    expect(reviewPullRequest(input({ checks: [] })).verdict).toBe("PENDING");
  });

  it("excludes our own check runs when judging tests green (no self-reference)", () => {
    const ownRed = [red("orchestrator/review"), red("orchestrator/scope")];
    expect(reviewPullRequest(input({ checks: [green("test"), ...ownRed] })).verdict).toBe("APPROVED");
    expect(reviewPullRequest(input({ checks: ownRed })).verdict).toBe("PENDING");
    const ownRunning = { name: "orchestrator/review", status: "in_progress", conclusion: null, appSlug: "agent-orchestrator" };
    expect(reviewPullRequest(input({ checks: [green("test"), ownRunning] })).verdict).toBe("APPROVED");
  });

  it("with the app slug, excludes only our app's runs of those names", () => {
    expect(isOwnCheck({ name: "orchestrator/review", appSlug: "agent-orchestrator" }, "agent-orchestrator")).toBe(true);
    expect(isOwnCheck({ name: "orchestrator/review", appSlug: "impostor" }, "agent-orchestrator")).toBe(false);
    const impostor = { ...red("orchestrator/review"), appSlug: "impostor" };
    expect(reviewPullRequest(input({ checks: [green("test"), impostor], appSlug: "agent-orchestrator" })).verdict).toBe("CHANGES_REQUESTED");
  });

  it("judges only the required checks when configured; a missing one is awaited; our names are never required", () => {
    expect(reviewPullRequest(input({ checks: [green("test"), red("flaky-optional")], requiredChecks: ["test"] })).verdict).toBe("APPROVED");
    const missing = reviewPullRequest(input({ checks: [green("lint")], requiredChecks: ["test"] }));
    expect(missing.verdict).toBe("PENDING");
    expect(missing.lines.join("\n")).toMatch(/`test` \(not reported yet\)/);
    const self = reviewPullRequest(input({ checks: [green("test")], requiredChecks: ["test", "orchestrator/review"] }));
    expect(self.verdict).toBe("APPROVED");
    expect(self.lines.join("\n")).toMatch(/cannot require itself/);
  });
});

describe("reviewPullRequest: the reviewer agent", () => {
  it("a valid approving verdict keeps APPROVED and lists non-blocking findings as notes", () => {
    const result = reviewPullRequest(input({ reviewerVerdict: validReviewer, reviewerExpected: true }));
    expect(result.verdict).toBe("APPROVED");
    expect(result.lines).toContain("- ℹ️ reviewer (nit) `src/csv.ts:3`: name could be clearer");
  });

  it("is PENDING while the expected reviewer has not answered", () => {
    expect(reviewPullRequest(input({ reviewerExpected: true })).verdict).toBe("PENDING");
  });

  it("does not wait for the reviewer when something is already wrong", () => {
    expect(reviewPullRequest(input({ reviewerExpected: true, checks: [red("test")] })).verdict).toBe("CHANGES_REQUESTED");
  });

  it("a malformed verdict is a failed review with a finding naming the problem", () => {
    const result = reviewPullRequest(input({ reviewerVerdict: { verdict: "lgtm", criteria: [], findigns: [] } }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    const finding = result.findings.find((f) => f.startsWith("reviewer agent returned an invalid verdict: "));
    expect(finding).toMatch(/verdict: /);
    expect(finding).toMatch(/findings: /);
    expect(result.reviewCheck.conclusion).toBe("failure");
  });

  it.each([null, "not json", 42, []])("a verdict that is not an object (%j) is a failed review", (raw) => {
    const result = reviewPullRequest(input({ reviewerVerdict: raw }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.findings[0]).toMatch(/^reviewer agent returned an invalid verdict: \(root\): /);
  });

  it("request_changes carries the reviewer's findings; an unmet criterion is not backed", () => {
    const reviewerVerdict = {
      verdict: "request_changes",
      criteria: [{ criterion: CRITERIA[1], met: false, evidence: "no header written" }],
      findings: [{ severity: "major", file: "src/csv.ts", message: "header missing" }],
    };
    const result = reviewPullRequest(input({ reviewerVerdict }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.findings).toContain("reviewer (major) `src/csv.ts`: header missing");
    expect(result.lines).toContain(`- [ ] ${CRITERIA[1]} — the reviewer agent found it not met: no header written`);
    expect(result.lines[0]).toMatch(/^- \[x\]/);
  });

  it("a blocker finding fails the review even with an approving verdict", () => {
    const reviewerVerdict = { ...validReviewer, findings: [{ severity: "blocker", message: "deletes the tests" }] };
    const result = reviewPullRequest(input({ reviewerVerdict }));
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.findings).toEqual(["reviewer (blocker): deletes the tests"]);
  });
});
