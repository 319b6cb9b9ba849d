import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STATUSES, TRACKS } from "../../src/config/schema.js";
import { planDispatch, type DispatchCandidate } from "../../src/domain/dispatch-plan.js";

const day = (d: number): string => new Date(Date.UTC(2025, 0, 1 + d)).toISOString();

function item(issue: number, over: Partial<DispatchCandidate> = {}): DispatchCandidate {
  return {
    issue,
    status: "ready",
    track: "standard",
    score: 2,
    createdAt: day(issue),
    hold: false,
    attemptsUsed: 0,
    maxAttempts: 3,
    ...over,
  };
}

describe("planDispatch", () => {
  it("dispatches the two highest of five ready items with max_concurrent 2", () => {
    const scores = [1, 5, 3, 8, 2];
    const items = scores.map((score, i) => item(i + 1, { score }));
    expect(planDispatch({ items, inProgress: 0, maxConcurrent: 2 })).toEqual([4, 2]);
  });

  it("puts a hotfix before a standard item with a higher WSJF", () => {
    const items = [item(1, { score: 20 }), item(2, { track: "hotfix", score: 1 })];
    expect(planDispatch({ items, inProgress: 0, maxConcurrent: 1 })).toEqual([2]);
  });

  it("takes the oldest on equal track and score, and puts unscored items last", () => {
    const items = [item(3, { createdAt: day(9) }), item(1, { score: null, createdAt: day(0) }), item(2, { createdAt: day(5) })];
    expect(planDispatch({ items, inProgress: 0, maxConcurrent: 3 })).toEqual([2, 3, 1]);
  });

  it("only fills the free capacity", () => {
    const items = [item(1), item(2), item(3)];
    expect(planDispatch({ items, inProgress: 2, maxConcurrent: 3 })).toEqual([1]);
    expect(planDispatch({ items, inProgress: 3, maxConcurrent: 3 })).toEqual([]);
    expect(planDispatch({ items, inProgress: 5, maxConcurrent: 3 })).toEqual([]);
  });

  it("never dispatches held items, items out of attempts, or items not ready", () => {
    const items = [
      item(1, { hold: true }),
      item(2, { attemptsUsed: 3 }),
      item(3, { status: "waiting" }),
      item(4, { status: "needs-info" }),
      item(5, { status: "needs-approval" }),
      item(6, { status: "blocked" }),
      item(7, { status: "in-progress" }),
      item(8, { attemptsUsed: 2 }),
    ];
    expect(planDispatch({ items, inProgress: 0, maxConcurrent: 10 })).toEqual([8]);
  });

  it("dispatches an issue listed twice only once", () => {
    expect(planDispatch({ items: [item(1), item(1)], inProgress: 0, maxConcurrent: 5 })).toEqual([1]);
  });

  it("never exceeds capacity and only picks dispatchable items (random input)", () => {
    const candidate = fc.record({
      issue: fc.integer({ min: 1, max: 50 }),
      status: fc.constantFrom(...STATUSES),
      track: fc.constantFrom(...TRACKS),
      score: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      createdAt: fc.integer({ min: 0, max: 365 }).map(day),
      hold: fc.boolean(),
      attemptsUsed: fc.integer({ min: 0, max: 4 }),
      maxAttempts: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(candidate), fc.nat(6), fc.integer({ min: 1, max: 5 }), (items, inProgress, maxConcurrent) => {
        const chosen = planDispatch({ items, inProgress, maxConcurrent });
        expect(chosen.length).toBeLessThanOrEqual(Math.max(0, maxConcurrent - inProgress));
        expect(new Set(chosen).size).toBe(chosen.length);
        for (const issue of chosen) {
          const first = items.find((i) => i.issue === issue);
          expect(first?.status).toBe("ready");
          expect(first?.hold).toBe(false);
          expect((first?.attemptsUsed ?? 0) < (first?.maxAttempts ?? 0)).toBe(true);
        }
      }),
    );
  });
});
