/**
 * Issue 12, "Budgets" (app side), through Probot and the stand-in: no run is started over a cap.
 * Worker reports carry each attempt's cost; the dispatch gate adds the track's estimate (the
 * median of its recent costs) to the item's spend and to the day's, against `budget.per_item_usd`
 * and `budget.per_day_usd`. A capped item stays ready, says why in its status comment, and is
 * dispatched once the UTC day rolls over (the periodic sweep on a fake clock).
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/use-harness.js";
import { itemState, statusLabels, statusText } from "../support/work-items.js";
import { dispatches, itemBody, scriptedWorker, startBudgetHarness, sweep, type Clock } from "./budget-worker.js";

const harness = useHarness();

const CONFIG = ["worker:", "  test_command: node test.mjs", "budget:", "  per_item_usd: 5", "  per_day_usd: 6", ""].join("\n");

describe("budgets: caps checked before a dispatch", () => {
  it("a per-day cap holds a second item until the day rolls over; a per-item cap refuses a /retry of an item that spent its budget", async () => {
    const clock: Clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    const worker = scriptedWorker((issue, attempt) => ({
      blocker: "exhausted",
      summary: `attempt ${attempt} of #${issue} found no way`,
      costUsd: issue === first ? 4 : 1,
      tokens: { input: 3000, output: 400 },
    }));
    let first = 0;
    const h = await startBudgetHarness(harness, CONFIG, worker.runner, clock);
    const alice = h.standIn.as("alice");

    first = await alice.openIssue({ title: "First", body: itemBody("first") });
    await h.settle();
    expect(dispatches(h)).toEqual([`#${first}/1`]);
    expect(itemState(h, first).attempts[0]).toMatchObject({ outcome: "blocked", costUsd: 4, tokens: { input: 3000, output: 400 }, failure: "agent", agent: "claude-code" });
    expect(statusText(h, first)).toContain("**Spend:** $4 · 3400 tokens (in 3000, out 400)");

    // $4 spent today + the track's estimate ($4, the median of its one attempt) passes $6 a day.
    const second = await alice.openIssue({ title: "Second", body: itemBody("second") });
    await h.settle();
    expect(dispatches(h)).toEqual([`#${first}/1`]);
    expect(statusLabels(h, second)).toEqual(["status/ready"]);
    expect(itemState(h, second).dispatchWait?.reason).toContain("the repository has spent $4 of its $6 daily budget (budget.per_day_usd)");
    expect(statusText(h, second)).toContain("**Not dispatched:** the repository has spent $4 of its $6 daily budget");

    // A /retry of the first: $4 spent + $4 expected passes its own $5 (checked before the day's cap).
    await alice.comment(first, "/retry");
    await h.settle();
    expect(dispatches(h)).toEqual([`#${first}/1`]);
    expect(statusLabels(h, first)).toEqual(["status/ready"]);
    expect(itemState(h, first).dispatchWait?.reason).toContain("this item has spent $4 of its $5 budget (budget.per_item_usd)");

    // The sweep on the same day changes nothing and writes nothing for the held items.
    const before = statusText(h, second);
    await sweep(h, clock);
    expect(dispatches(h)).toEqual([`#${first}/1`]);
    expect(statusText(h, second)).toBe(before);

    // Next UTC day: the day's spend starts at $0, so the second item is dispatched; the first stays capped.
    clock.ms = Date.parse("2026-03-02T00:05:00Z");
    await sweep(h, clock);
    expect(dispatches(h)).toEqual([`#${first}/1`, `#${second}/1`]);
    expect(itemState(h, second).dispatchWait).toBeUndefined();
    expect(itemState(h, second).attempts[0]).toMatchObject({ outcome: "blocked", costUsd: 1 });
    expect(statusLabels(h, first)).toEqual(["status/ready"]);
  });
});
