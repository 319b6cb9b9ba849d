/**
 * Issue 12, "Dead-letter list" (app side), through Probot and the stand-in: runs that die without
 * a worker report (a crashed runner: the infrastructure's failure) are retried by the completion
 * guarantee until three in a row put the item on the dead-letter list: blocked, the `dead-letter`
 * label, the reason and the last run as evidence in its status comment. A trusted `/retry` takes
 * it off the list and the next attempt opens a pull request.
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/use-harness.js";
import { itemState, labelsOf, statusLabels, statusText } from "../support/work-items.js";
import { dispatches, itemBody, scriptedWorker, startBudgetHarness, type Clock } from "./budget-worker.js";

const harness = useHarness();

// A breaker threshold above the item's three failures keeps this test about the item alone.
const CONFIG = ["worker:", "  test_command: node test.mjs", "  max_attempts: 5", "breaker:", "  threshold: 10", ""].join("\n");

describe("dead-letter list", () => {
  it("three runs in a row dying without a report dead-letter the item with its last run as evidence; /retry revives it", async () => {
    const clock: Clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    let revived = false;
    const worker = scriptedWorker(() => (revived ? { pr: true } : { exitCode: 1 }));
    const h = await startBudgetHarness(harness, CONFIG, worker.runner, clock);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: itemBody("a total") });
    await h.settle();

    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`, `#${n}/3`]);
    const state = itemState(h, n);
    expect(state.attempts.map((a) => [a.outcome, a.failure])).toEqual([
      ["failed", "infrastructure"],
      ["failed", "infrastructure"],
      ["failed", "infrastructure"],
    ]);
    const lastRun = state.attempts[2]!.runUrl!;
    expect(state.deadLetter).toMatchObject({ reason: "infrastructure", evidence: { attempt: 3, detail: "the run ended failure without a worker report", url: lastRun } });
    expect(statusLabels(h, n)).toEqual(["status/blocked"]);
    expect(labelsOf(h, n)).toContain("dead-letter");
    expect(statusText(h, n)).toContain(`**Dead letter (infrastructure):** 3 runs in a row died of infrastructure failures`);
    expect(statusText(h, n)).toContain(`Last evidence: attempt 3: the run ended failure without a worker report ([run](${lastRun}))`);

    revived = true;
    await h.standIn.as("alice").comment(n, "/retry the runner is fixed");
    await h.settle();
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`, `#${n}/3`, `#${n}/4`]);
    const after = itemState(h, n);
    expect(after.deadLetter).toBeUndefined();
    expect(after.attempts[3]).toMatchObject({ reason: "retry", outcome: "pr" });
    expect(after.status).toBe("in-review");
    expect(labelsOf(h, n)).not.toContain("dead-letter");
    expect(statusText(h, n)).not.toContain("Dead letter");
  });
});
