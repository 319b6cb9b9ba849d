/**
 * Issue 12, "Stall detection" (app side), through Probot and the stand-in: a worker run still in
 * progress past `budget.per_attempt_minutes` plus the grace (5 minutes) is cancelled by the
 * periodic sweep (fake clock), its attempt recorded as failed, and the next attempt follows the
 * normal retry rules. A run within its time budget is left alone.
 */
import { describe, expect, it } from "vitest";
import { sweepAll } from "../../src/app/periodic.js";
import { useHarness } from "../support/use-harness.js";
import { itemState, statusLabels } from "../support/work-items.js";
import { dispatches, itemBody, quietWhileRunning, scriptedWorker, startBudgetHarness, sweep, type Clock } from "./budget-worker.js";

const harness = useHarness();

const CONFIG = ["worker:", "  test_command: node test.mjs", "budget:", "  per_attempt_minutes: 10", ""].join("\n");

describe("over-time runs", () => {
  it("the sweep leaves a run within its time budget alone, cancels one past it, records the attempt failed and runs the next attempt", async () => {
    const clock: Clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    const worker = scriptedWorker((_issue, attempt) => (attempt === 1 ? { hang: true } : { pr: true }));
    const h = await startBudgetHarness(harness, CONFIG, worker.runner, clock);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: itemBody("a total") });
    await quietWhileRunning(h);
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    const runId = itemState(h, n).attempts[0]!.runId!;

    // 14 minutes in: within 10 minutes' budget + 5 minutes' grace, so nothing happens.
    clock.ms = Date.parse("2026-03-01T10:14:00Z");
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await quietWhileRunning(h);
    expect(h.standIn.state.workflowRuns.get(runId)?.status).not.toBe("completed");
    expect(itemState(h, n).attempts.map((a) => a.outcome)).toEqual(["dispatched"]);

    clock.ms = Date.parse("2026-03-01T10:16:00Z");
    await sweep(h, clock);
    expect(h.standIn.state.workflowRuns.get(runId)?.conclusion).toBe("cancelled");
    const state = itemState(h, n);
    expect(state.attempts[0]).toMatchObject({ outcome: "failed", failure: "agent", runId });
    expect(state.attempts[0]!.summary).toContain("still running after 10 minutes (budget.per_attempt_minutes)");
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`]);
    expect(state.attempts[1]).toMatchObject({ reason: "rerun", outcome: "pr" });
    expect(statusLabels(h, n)).toEqual(["status/in-review"]);
  });
});
