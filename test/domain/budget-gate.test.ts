/**
 * Issue 12, the derivations the app wires: spend from the attempts, the breaker folded from every
 * item's attempts, the dispatch gate (breaker, then per-item, then per-day), the dead letter of an
 * item's state, and the dashboard's spend, breaker and dead-letter sections.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { daySpendUsd, describeSpend, itemSpend } from "../../src/domain/budget-check.js";
import { breakerFromAttempts, describeBreaker } from "../../src/domain/circuit-breaker.js";
import type { DashboardItem } from "../../src/domain/dashboard/model.js";
import { renderDashboard } from "../../src/domain/dashboard/render.js";
import { deadLetterOfState } from "../../src/domain/dead-letter.js";
import { dispatchGate, type GateAttempt } from "../../src/domain/dispatch-gate.js";
import { itemStateSchema } from "../../src/domain/item-state.js";

const policy = { threshold: 3, cooldownMs: 30 * 60_000 };
const caps = { perItemUsd: 10, perDayUsd: 50 };

/** A settled attempt of `claude-code` dispatched at `at` (minutes after 10:00) and settled 10 minutes later. */
function settled(at: number, end: "pr" | "infra" | "agent", extra: Partial<GateAttempt> = {}): GateAttempt {
  const base = Date.parse("2026-03-01T10:00:00Z") + at * 60_000;
  return {
    agent: "claude-code",
    dispatchedAt: new Date(base).toISOString(),
    finishedAt: new Date(base + 10 * 60_000).toISOString(),
    outcome: end === "pr" ? "pr" : end === "infra" ? "failed" : "blocked",
    ...(end === "pr" ? {} : { failure: end === "infra" ? "infrastructure" : "agent" }),
    summary: end,
    ...extra,
  };
}

describe("spend from the attempts", () => {
  it("sums cost, tokens and finished minutes per item, and cost per UTC day of dispatch", () => {
    const attempts = [settled(0, "agent", { costUsd: 1.25, tokens: { input: 100, output: 20 } }), settled(30, "pr", { costUsd: 0.5 }), { dispatchedAt: "2026-03-01T11:00:00Z" }];
    const spend = itemSpend(attempts);
    expect(spend).toEqual({ usd: 1.75, tokens: { input: 100, output: 20 }, minutes: 20, attempts: 3 });
    expect(describeSpend(spend)).toBe("$1.75 · 120 tokens (in 100, out 20) · 20 min · 3 attempts");
    expect(daySpendUsd([attempts, [{ dispatchedAt: "2026-02-28T23:59:00Z", costUsd: 9 }]], "2026-03-01")).toBe(1.75);
  });
});

describe("breaker derived from the attempts", () => {
  it("infrastructure failures in a row open it; agent failures and pull requests count as successes; other agents do not count", () => {
    expect(breakerFromAttempts([settled(0, "infra"), settled(1, "infra"), settled(2, "agent"), settled(3, "infra")], "claude-code", policy)).toMatchObject({ status: "closed", consecutiveFailures: 1 });
    const open = breakerFromAttempts([settled(3, "infra"), settled(0, "infra"), settled(1, "infra"), settled(2, "infra", { agent: "codex" })], "claude-code", policy);
    expect(open).toMatchObject({ status: "open", consecutiveFailures: 3, openedAt: Date.parse("2026-03-01T10:13:00Z") });
    expect(describeBreaker(open, policy)).toContain("next probe at 2026-03-01T10:43:00.000Z");
    expect(breakerFromAttempts([settled(0, "infra"), settled(1, "infra"), settled(2, "infra")], "codex", policy)).toEqual({ status: "closed", consecutiveFailures: 0 });
  });

  it("a probe makes it half-open; its success closes it, its failure reopens it", () => {
    const failures = [settled(0, "infra"), settled(1, "infra"), settled(2, "infra")];
    const probe = { agent: "claude-code", dispatchedAt: "2026-03-01T10:45:00Z", probe: true, outcome: "dispatched" };
    expect(breakerFromAttempts([...failures, probe], "claude-code", policy)).toMatchObject({ status: "half-open", probeAt: Date.parse("2026-03-01T10:45:00Z") });
    expect(breakerFromAttempts([...failures, { ...probe, outcome: "pr", finishedAt: "2026-03-01T10:50:00Z" }], "claude-code", policy)).toEqual({ status: "closed", consecutiveFailures: 0 });
    expect(breakerFromAttempts([...failures, { ...probe, outcome: "failed", failure: "infrastructure", finishedAt: "2026-03-01T10:50:00Z" }], "claude-code", policy)).toMatchObject({ status: "open", consecutiveFailures: 4 });
  });
});

describe("dispatch gate", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const gate = (item: GateAttempt[], others: GateAttempt[][] = [], at = now) =>
    dispatchGate({ item: { track: "standard", attempts: item }, repository: [{ track: "standard", attempts: item }, ...others.map((attempts) => ({ track: "standard", attempts }))], agent: "claude-code", now: at, caps, breaker: policy });

  it("denies while the breaker is open, then lets one probe through after the cool-down", () => {
    const failures = [[settled(0, "infra"), settled(1, "infra"), settled(2, "infra")]];
    expect(gate([], failures, Date.parse("2026-03-01T10:30:00Z"))).toMatchObject({ allow: false, gate: "breaker" });
    expect(gate([], failures)).toMatchObject({ allow: true, probe: true });
  });

  it("checks the item's cap with the track's median estimate, then the day's with running attempts' estimates", () => {
    expect(gate([settled(0, "agent", { costUsd: 6 })], [[settled(1, "agent", { costUsd: 4 })]])).toMatchObject({ allow: false, gate: "per-item" });
    const day = [settled(0, "agent", { costUsd: 40 }), settled(1, "agent", { costUsd: 2 }), settled(2, "agent", { costUsd: 3 })];
    expect(gate([], [day])).toMatchObject({ allow: true, estimateUsd: 3, itemLeftUsd: 10 });
    const running = { agent: "claude-code", dispatchedAt: "2026-03-01T11:50:00Z", outcome: "dispatched" };
    const denied = gate([], [[...day, running]]);
    expect(denied).toMatchObject({ allow: false, gate: "per-day" });
    if (!denied.allow) expect(denied.reason).toContain("spent $48 of its $50 daily budget");
  });
});

describe("dead letter of an item's state", () => {
  it("three infrastructure failures in a row since the last /retry, or the attempts used up; nothing after a success", () => {
    const infra = (n: number) => ({ n, outcome: "failed", summary: `run ${n} died`, runUrl: `https://x/runs/${n}` });
    expect(deadLetterOfState({ attempts: [infra(1), infra(2), infra(3)], attemptBudgetFrom: 0 }, 5)).toMatchObject({ reason: "infrastructure", evidence: { attempt: 3, detail: "run 3 died", url: "https://x/runs/3" } });
    expect(deadLetterOfState({ attempts: [infra(1), infra(2), infra(3)], attemptBudgetFrom: 1 }, 5)).toBeNull();
    const agent = (n: number) => ({ n, outcome: "blocked", failure: "agent", summary: "tests still fail" });
    expect(deadLetterOfState({ attempts: [agent(1), agent(2)], attemptBudgetFrom: 0 }, 2)).toMatchObject({ reason: "attempts-exhausted" });
    expect(deadLetterOfState({ attempts: [agent(1), { n: 2, outcome: "pr" }], attemptBudgetFrom: 0 }, 2)).toBeNull();
  });
});

describe("dashboard: spend, breaker, dead letters", () => {
  it("shows today's spend against the cap, each agent's breaker and the dead letters with the search link", () => {
    const config = defaultConfig();
    const state = itemStateSchema.parse({
      issue: 4,
      status: "blocked",
      attempts: [1, 2, 3].map((n) => ({ ...settled(n, "infra"), n, costUsd: 0.5, runUrl: `https://x/runs/${n}` })),
      deadLetter: { reason: "infrastructure", summary: "3 runs in a row died", evidence: { attempt: 3, detail: "infra", url: "https://x/runs/3" }, at: "2026-03-01T11:00:00Z" },
    });
    const items: DashboardItem[] = [{ number: 4, title: "Answer", status: "blocked", track: "standard", held: false, state }];
    const body = renderDashboard({ items, now: "2026-03-01T12:00:00Z", config, repository: "acme/widgets" });
    expect(body).toContain("Today (2026-03-01 UTC): $1.5 of $50 (budget.per_day_usd)");
    expect(body).toContain("| #4 Answer | $1.5 of $10 | 0 | 30 | 3 |");
    expect(body).toMatch(/\| claude-code \| open since 2026-03-01T10:13:00\.000Z after 3 infrastructure failures in a row/);
    expect(body).toContain("- #4 Answer — infrastructure: 3 runs in a row died; last evidence: attempt 3 ([run](https://x/runs/3))");
    expect(body).toContain("https://github.com/acme/widgets/issues?q=is%3Aissue%20is%3Aopen%20label%3A%22dead-letter%22");
  });
});
