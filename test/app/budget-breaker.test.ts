/**
 * Issue 12, "Circuit breaker" (app side), through Probot and the stand-in: worker reports whose
 * agent output shows the provider failing (an Anthropic 529 overloaded error) are infrastructure
 * failures; `breaker.threshold` of them in a row open the agent's breaker, so the next ready item
 * is not dispatched and says why; after `breaker.cooldown_minutes` (fake clock, periodic sweep)
 * one probe attempt runs, and its pull request closes the breaker. The dashboard shows the state.
 */
import { describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../src/domain/dashboard/render.js";
import type { Harness } from "../support/app-harness.js";
import { useHarness } from "../support/use-harness.js";
import { itemState, statusLabels, statusText } from "../support/work-items.js";
import { dispatches, itemBody, scriptedWorker, startBudgetHarness, sweep, type Clock } from "./budget-worker.js";

const harness = useHarness();

const CONFIG = ["worker:", "  test_command: node test.mjs", "breaker:", "  threshold: 2", "  cooldown_minutes: 30", "dashboard:", "  enabled: true", ""].join("\n");

const PROVIDER_ERROR = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';

function dashboardBody(h: Harness): string {
  const dashboard = [...h.standIn.state.issues.values()].find((i) => (i.body ?? "").includes(DASHBOARD_MARKER));
  if (!dashboard) throw new Error("no dashboard issue");
  return dashboard.body ?? "";
}

describe("circuit breaker", () => {
  it("opens after provider errors in a row (nothing dispatched, the item says why), lets one probe through after the cool-down, and closes on its success", async () => {
    const clock: Clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    // The first two runs hit the provider's overload; every later one opens a pull request.
    let started = 0;
    const worker = scriptedWorker(() => (++started <= 2 ? { blocker: "exhausted", summary: PROVIDER_ERROR } : { pr: true }));
    const h = await startBudgetHarness(harness, CONFIG, worker.runner, clock);
    const alice = h.standIn.as("alice");

    for (const title of ["First", "Second"]) {
      const n = await alice.openIssue({ title, body: itemBody(title.toLowerCase()) });
      await h.settle();
      expect(itemState(h, n).attempts[0]).toMatchObject({ outcome: "blocked", failure: "infrastructure" });
      clock.ms += 60_000;
    }
    expect(dispatches(h)).toHaveLength(2);
    expect(dashboardBody(h)).toMatch(/\| claude-code \| open since 2026-03-01T10:01:00\.000Z after 2 infrastructure failures in a row/);

    const third = await alice.openIssue({ title: "Third", body: itemBody("third") });
    const fourth = await alice.openIssue({ title: "Fourth", body: itemBody("fourth") });
    await h.settle();
    expect(dispatches(h)).toHaveLength(2);
    for (const n of [third, fourth]) {
      expect(statusLabels(h, n)).toEqual(["status/ready"]);
      expect(statusText(h, n)).toContain("**Not dispatched:** claude-code: circuit breaker open after 2 infrastructure failure(s) in a row");
      expect(itemState(h, n).dispatchWait?.reason).toContain("next probe at 2026-03-01T10:31:00.000Z");
    }

    // Before the cool-down ends the sweep dispatches nothing. After it, ONE probe runs (the older
    // item); its pull request closes the breaker, and only then is the other item dispatched.
    clock.ms = Date.parse("2026-03-01T10:30:00Z");
    await sweep(h, clock);
    expect(dispatches(h)).toHaveLength(2);
    clock.ms = Date.parse("2026-03-01T10:32:00Z");
    await sweep(h, clock);
    expect(dispatches(h).slice(2)).toEqual([`#${third}/1`, `#${fourth}/1`]);
    const probe = itemState(h, third);
    expect(probe.attempts[0]).toMatchObject({ probe: true, outcome: "pr", agent: "claude-code" });
    expect(probe.attempts[0]!.failure).toBeUndefined();
    expect(probe.status).toBe("in-review");
    expect(itemState(h, fourth).attempts[0]).toMatchObject({ outcome: "pr" });
    expect(itemState(h, fourth).attempts[0]!.probe).toBeUndefined();
    expect(dashboardBody(h)).toContain("| claude-code | closed |");
  });
});
