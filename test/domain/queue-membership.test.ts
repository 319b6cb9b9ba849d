import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig } from "../../src/config/schema.js";
import {
  evaluateRequiredChecks,
  queueEligibility,
  type CheckRunSummary,
  type QueueCandidate,
} from "../../src/domain/queue-membership.js";

const HEAD = "abc1234def5678";
const ok = (name: string, id?: number): CheckRunSummary => ({ name, status: "completed", conclusion: "success", id });
const red = (name: string, id?: number): CheckRunSummary => ({ name, status: "completed", conclusion: "failure", id });
const running = (name: string): CheckRunSummary => ({ name, status: "in_progress", conclusion: null });

function candidate(over: Partial<QueueCandidate> = {}, pr: Partial<NonNullable<QueueCandidate["pr"]>> = {}): QueueCandidate {
  return {
    issue: 7,
    status: "approved",
    hold: false,
    defaultBranch: "main",
    pr: { number: 42, headSha: HEAD, baseRef: "main", gated: [], outOfScope: [], open: true, ...pr },
    approval: { by: "maintainer", at: "2025-01-01T00:00:00Z", headSha: HEAD, via: "command" },
    checks: [ok("test")],
    ...over,
  };
}

const config = defaultConfig();

describe("queueEligibility", () => {
  it("admits an open PR approved on its current head with passing checks", () => {
    expect(queueEligibility(candidate(), config)).toEqual({ eligible: true });
  });

  it("admits a member whose required checks are still pending", () => {
    expect(queueEligibility(candidate({ checks: [running("test")] }), config)).toEqual({ eligible: true });
  });

  it("waits for /approve when there is no approval", () => {
    expect(queueEligibility(candidate({ approval: null }), config)).toEqual({
      eligible: false,
      reason: "waiting for /approve on abc1234",
    });
  });

  it("does not carry an approval over to a new head pushed after it", () => {
    const c = candidate({ approval: { by: "m", at: "2025-01-01T00:00:00Z", headSha: "0ld0000aaaa" } });
    expect(queueEligibility(c, config)).toEqual({
      eligible: false,
      reason: "waiting for /approve on abc1234 (the approval was for 0ld0000)",
    });
  });

  it("carries the approval over to the queue's own update of the approved head", () => {
    const c = candidate({
      approval: { by: "m", at: "2025-01-01T00:00:00Z", headSha: "approved0000" },
      queueUpdate: { fromSha: "approved0000", toSha: HEAD },
    });
    expect(queueEligibility(c, config)).toEqual({ eligible: true });
  });

  it("does not carry it over when the update started from another head", () => {
    const c = candidate({
      approval: { by: "m", at: "2025-01-01T00:00:00Z", headSha: "approved0000" },
      queueUpdate: { fromSha: "someother000", toSha: HEAD },
    });
    expect(queueEligibility(c, config).eligible).toBe(false);
  });

  it("leaves out held items", () => {
    expect(queueEligibility(candidate({ hold: true }), config)).toEqual({ eligible: false, reason: "held" });
  });

  it("never queues files outside scope", () => {
    const c = candidate({}, { outOfScope: ["src/secret.ts", "README.md"] });
    expect(queueEligibility(c, config)).toEqual({
      eligible: false,
      reason: "changes files outside its scope: `src/secret.ts` and `README.md`",
    });
  });

  it("needs a /approve command, not a review, for gated paths", () => {
    const reviews = configSchema.parse({ merge: { accept_github_reviews: true } });
    const viaReview = candidate(
      { approval: { by: "m", at: "2025-01-01T00:00:00Z", headSha: HEAD, via: "review" } },
      { gated: [".github/workflows/ci.yml"] },
    );
    expect(queueEligibility(viaReview, reviews)).toEqual({
      eligible: false,
      reason: "touches gated paths (`.github/workflows/ci.yml`): waiting for /approve on abc1234 from a trusted person",
    });
    const viaCommand = candidate({}, { gated: [".github/workflows/ci.yml"] });
    expect(queueEligibility(viaCommand, reviews)).toEqual({ eligible: true });
  });

  it("accepts a review approval only when configured", () => {
    const c = candidate({ approval: { by: "m", at: "2025-01-01T00:00:00Z", headSha: HEAD, via: "review" } });
    expect(queueEligibility(c, config)).toEqual({
      eligible: false,
      reason: "waiting for /approve on abc1234 (GitHub reviews are not accepted as approval here)",
    });
    expect(queueEligibility(c, configSchema.parse({ merge: { accept_github_reviews: true } }))).toEqual({ eligible: true });
  });

  it("enforces independent approval when configured", () => {
    const strict = configSchema.parse({ review: { require_independent_approval: true } });
    const c = candidate({ issueAuthor: "maintainer" });
    expect(queueEligibility(c, strict)).toEqual({
      eligible: false,
      reason: "waiting for /approve on abc1234 by someone other than the issue's author @maintainer",
    });
    expect(queueEligibility(c, config)).toEqual({ eligible: true });
  });

  it("names the failed check", () => {
    expect(queueEligibility(candidate({ checks: [ok("lint"), red("test")] }), config)).toEqual({
      eligible: false,
      reason: "check `test` failed",
    });
  });

  it("keeps a PR the queue updated when its checks fail, so the planner ejects it with a report", () => {
    const c = candidate({
      approval: { by: "m", at: "2025-01-01T00:00:00Z", headSha: "approved0000" },
      queueUpdate: { fromSha: "approved0000", toSha: HEAD },
      checks: [red("test")],
    });
    expect(queueEligibility(c, config)).toEqual({ eligible: true });
  });

  it("only looks at the configured required checks", () => {
    const only = configSchema.parse({ merge: { required_checks: ["build"] } });
    expect(queueEligibility(candidate({ checks: [ok("build"), red("flaky")] }), only)).toEqual({ eligible: true });
  });

  it("rejects closed, draft, wrong-base, PR-less and not-yet-reviewed items", () => {
    expect(queueEligibility(candidate({ pr: null }), config)).toEqual({ eligible: false, reason: "no pull request yet" });
    expect(queueEligibility(candidate({}, { open: false }), config)).toEqual({
      eligible: false,
      reason: "pull request #42 is closed",
    });
    expect(queueEligibility(candidate({}, { draft: true }), config)).toEqual({
      eligible: false,
      reason: "pull request #42 is a draft",
    });
    expect(queueEligibility(candidate({}, { baseRef: "release" }), config)).toEqual({
      eligible: false,
      reason: "pull request #42 targets `release`, not the default branch `main`",
    });
    expect(queueEligibility(candidate({ status: "in-progress" }), config)).toEqual({
      eligible: false,
      reason: "item is in-progress",
    });
  });
});

describe("evaluateRequiredChecks", () => {
  it("needs every check on the head when none are configured", () => {
    expect(evaluateRequiredChecks([ok("a"), running("b")], []).state).toBe("pending");
    expect(evaluateRequiredChecks([ok("a"), ok("b")], []).state).toBe("passed");
  });

  it("is pending, never passed, with no checks at all", () => {
    expect(evaluateRequiredChecks([], [])).toEqual({ state: "pending", failed: [], pending: [] });
  });

  it("waits for a required check that has not been reported", () => {
    expect(evaluateRequiredChecks([ok("lint")], ["test"])).toEqual({ state: "pending", failed: [], pending: ["test"] });
  });

  it("counts neutral and skipped as passing and cancelled or timed out as failing", () => {
    const neutral: CheckRunSummary = { name: "a", status: "completed", conclusion: "neutral" };
    const skipped: CheckRunSummary = { name: "b", status: "completed", conclusion: "skipped" };
    const cancelled: CheckRunSummary = { name: "c", status: "completed", conclusion: "cancelled" };
    const timedOut: CheckRunSummary = { name: "d", status: "completed", conclusion: "timed_out" };
    expect(evaluateRequiredChecks([neutral, skipped], []).state).toBe("passed");
    expect(evaluateRequiredChecks([neutral, skipped, cancelled, timedOut], [])).toEqual({
      state: "failed",
      failed: ["c", "d"],
      pending: [],
    });
  });

  it("takes the latest run of a re-run check", () => {
    expect(evaluateRequiredChecks([ok("test", 2), red("test", 1)], []).state).toBe("passed");
    expect(evaluateRequiredChecks([red("test", 3), ok("test", 2)], []).state).toBe("failed");
  });

  it("leaves ignored checks out of 'every check'", () => {
    expect(evaluateRequiredChecks([ok("test"), running("orchestrator/queue")], [], ["orchestrator/queue"]).state).toBe(
      "passed",
    );
  });
});
