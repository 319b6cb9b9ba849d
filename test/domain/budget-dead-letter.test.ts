import { describe, expect, it } from "vitest";
import { attemptOverTime, checkDispatchBudget, estimateAttemptUsd, utcDay } from "../../src/domain/budget-check.js";
import { deadLetterFor, deadLetterSearchUrl } from "../../src/domain/dead-letter.js";

const caps = { perItemUsd: 10, perDayUsd: 50 };

describe("dispatch budget", () => {
  it("a cap prevents a dispatch: the item's, then the day's, each saying why", () => {
    const item = checkDispatchBudget({ itemUsd: 9.5, dayUsd: 0 }, 1, caps);
    expect(item).toMatchObject({ allow: false, cap: "per-item" });
    if (!item.allow) expect(item.reason).toContain("spent $9.5 of its $10 budget (budget.per_item_usd)");
    const day = checkDispatchBudget({ itemUsd: 0, dayUsd: 49.5 }, 1, caps);
    expect(day).toMatchObject({ allow: false, cap: "per-day" });
    if (!day.allow) expect(day.reason).toContain("budget.per_day_usd");
  });

  it("allows a dispatch within both caps and says what is left of the item's budget", () => {
    expect(checkDispatchBudget({ itemUsd: 2.25, dayUsd: 20 }, 1, caps)).toEqual({ allow: true, itemLeftUsd: 7.75 });
    expect(checkDispatchBudget({ itemUsd: 9, dayUsd: 49 }, 1, caps)).toEqual({ allow: true, itemLeftUsd: 1 });
  });

  it("estimates an attempt by the median of the track's recent costs, with a fallback", () => {
    expect(estimateAttemptUsd([])).toBe(1);
    expect(estimateAttemptUsd([], 2)).toBe(2);
    expect(estimateAttemptUsd([0.5, 80, 0.7])).toBe(0.7);
    expect(estimateAttemptUsd([1, 2, 3, 4])).toBe(2.5);
  });

  it("counts spend per UTC day and flags a run past its time budget plus grace", () => {
    expect(utcDay(Date.UTC(2026, 10, 30, 23, 59))).toBe("2026-11-30");
    expect(attemptOverTime(0, 65 * 60_000, 60)).toBe(false);
    expect(attemptOverTime(0, 65 * 60_000 + 1, 60)).toBe(true);
  });
});

describe("dead letters", () => {
  const last = { attempt: 3, detail: "tests still fail", url: "https://github.com/a/b/actions/runs/1" };

  it("attempts used up", () => {
    expect(deadLetterFor({ attemptsCounted: 3, maxAttempts: 3, last: { ...last, failure: "agent" }, infrastructureFailuresInARow: 0 })).toEqual({
      reason: "attempts-exhausted",
      summary: "all 3 attempts used (worker.max_attempts; last: tests still fail); /retry with guidance to try again",
      evidence: { attempt: 3, detail: "tests still fail", url: "https://github.com/a/b/actions/runs/1" },
    });
    expect(deadLetterFor({ attemptsCounted: 2, maxAttempts: 3, last: { ...last, failure: "agent" }, infrastructureFailuresInARow: 0 })).toBeNull();
  });

  it("runs that keep dying of infrastructure failures, before the attempts are used up", () => {
    const letter = deadLetterFor({ attemptsCounted: 1, maxAttempts: 5, last: { attempt: 4, failure: "infrastructure", detail: "runner lost" }, infrastructureFailuresInARow: 3 });
    expect(letter).toMatchObject({ reason: "infrastructure", evidence: { attempt: 4, detail: "runner lost" } });
    expect(deadLetterFor({ attemptsCounted: 1, maxAttempts: 5, last: { attempt: 2, failure: "infrastructure", detail: "x" }, infrastructureFailuresInARow: 2 })).toBeNull();
  });

  it("not for a success or an item a person must fix", () => {
    expect(deadLetterFor({ attemptsCounted: 3, maxAttempts: 3, infrastructureFailuresInARow: 0 })).toBeNull();
    expect(deadLetterFor({ attemptsCounted: 3, maxAttempts: 3, last: { ...last, failure: "item" }, infrastructureFailuresInARow: 0 })).toBeNull();
  });

  it("the list is one documented search link until a dashboard exists", () => {
    expect(deadLetterSearchUrl("acme/widgets", "orchestrator:dead-letter")).toBe(
      "https://github.com/acme/widgets/issues?q=is%3Aissue%20is%3Aopen%20label%3A%22orchestrator%3Adead-letter%22",
    );
  });
});
