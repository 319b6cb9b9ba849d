import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Track } from "../../src/config/schema.js";
import {
  landingOrder,
  planMergeQueue,
  serialStrategy,
  type CheckState,
  type LandingItem,
  type QueueEntry,
  type QueueState,
} from "../../src/domain/merge-plan.js";
import { comparePriority, timeKey } from "../../src/domain/order.js";
import { strategyFor } from "../../src/domain/queue/strategies.js";
import { approvedAtMinute, queueEntry } from "../support/queue-entries.js";
import { defaultConfig } from "../../src/config/schema.js";

const at = approvedAtMinute;
const entry = queueEntry;

function queue(entries: QueueEntry[], over: Partial<QueueState> = {}): QueueState {
  return { baseSha: "base000000", entries, unmergedDependencies: {}, ...over };
}

describe("comparePriority", () => {
  const key = (id: number, track: Track, score: number | null, minute: number) => ({ track, score, at: timeKey(at(minute)), id });

  it("puts hotfix before a higher-WSJF standard item", () => {
    expect(comparePriority(key(1, "hotfix", 1, 9), key(2, "standard", 20, 0))).toBeLessThan(0);
  });

  it("orders WSJF descending, unscored last, then earliest time, then id", () => {
    const keys = [
      key(1, "standard", null, 0),
      key(2, "project", 3, 5),
      key(3, "standard", 3, 1),
      key(4, "standard", 8, 9),
      key(5, "standard", 3, 1),
    ];
    expect(keys.sort(comparePriority).map((k) => k.id)).toEqual([4, 3, 5, 2, 1]);
  });

  it("puts a missing time last", () => {
    expect(comparePriority({ track: null, score: 1, at: timeKey(undefined), id: 1 }, key(2, "standard", 1, 50))).toBeGreaterThan(0);
  });
});

describe("planMergeQueue: the head's action", () => {
  it("updates a head that is behind the base, guarded by the current head sha", () => {
    const plan = planMergeQueue(queue([entry(1, { upToDate: false })]));
    expect(plan.action).toEqual({ kind: "update-branch", pr: 101, expectedHeadSha: "head1" });
  });

  it("waits for required checks on an up-to-date head", () => {
    expect(planMergeQueue(queue([entry(1)])).action).toEqual({ kind: "wait-checks", pr: 101, headSha: "head1" });
  });

  it("merges the tested head with sha set to it", () => {
    expect(planMergeQueue(queue([entry(1, { checks: "passed" })])).action).toEqual({ kind: "merge", pr: 101, sha: "head1" });
  });

  it("never merges a head that passed on an old base: it is updated first", () => {
    expect(planMergeQueue(queue([entry(1, { checks: "passed", upToDate: false })])).action.kind).toBe("update-branch");
  });

  it("ejects a head that failed after its update, naming the checks", () => {
    const plan = planMergeQueue(queue([entry(1, { checks: "failed", failedChecks: ["test", "lint"] }), entry(2)]));
    expect(plan.action).toEqual({
      kind: "eject",
      pr: 101,
      reason: "checks `test` and `lint` failed on head1, tested against base base000",
      failedChecks: ["test", "lint"],
    });
  });

  it("reports a conflict, whether flagged or from mergeable=false", () => {
    expect(planMergeQueue(queue([entry(1, { conflict: true })])).action).toEqual({ kind: "conflict", pr: 101 });
    expect(planMergeQueue(queue([entry(1, { mergeable: false, upToDate: false })])).action).toEqual({ kind: "conflict", pr: 101 });
  });

  it("is idle when empty or when everything waits", () => {
    expect(planMergeQueue(queue([])).action).toEqual({ kind: "idle" });
    const waiting = queue([entry(2)], { unmergedDependencies: { 2: ["#1"] } });
    const plan = planMergeQueue(waiting);
    expect(plan.action).toEqual({ kind: "idle" });
    expect(plan.order).toEqual([{ issue: 2, pr: 102, position: 1, waitingFor: "waits for #1 to land" }]);
  });
});

describe("planMergeQueue: order", () => {
  it("orders hotfix first, WSJF descending, then approval time", () => {
    const plan = planMergeQueue(
      queue([
        entry(1, { score: 3, approvedAt: at(1) }),
        entry(2, { score: 9, approvedAt: at(5) }),
        entry(3, { score: 1, track: "hotfix", approvedAt: at(9) }),
        entry(4, { score: 3, approvedAt: at(0) }),
      ]),
    );
    expect(plan.order.map((p) => p.issue)).toEqual([3, 2, 4, 1]);
    expect(plan.order.map((p) => p.position)).toEqual([1, 2, 3, 4]);
    expect(plan.action).toMatchObject({ pr: 103 });
  });

  it("lists an item waiting for an unmerged dependency after the others, however early it was approved", () => {
    const plan = planMergeQueue(
      queue([entry(5, { approvedAt: at(0), score: 20, track: "hotfix", dependsOn: ["#9"] }), entry(6, { approvedAt: at(30) })], {
        unmergedDependencies: { 5: ["#9", "octo/lib#3"] },
      }),
    );
    expect(plan.order).toEqual([
      { issue: 6, pr: 106, position: 1, waitingFor: null },
      { issue: 5, pr: 105, position: 2, waitingFor: "waits for #9 and octo/lib#3 to land" },
    ]);
    expect(plan.action).toMatchObject({ pr: 106 });
  });

  it("treats a dependency on another queued entry as unmerged even if the caller left it out", () => {
    const plan = planMergeQueue(queue([entry(2, { dependsOn: ["#1"], score: 99 }), entry(1, { score: 1 })]));
    expect(plan.order.map((p) => [p.issue, p.waitingFor])).toEqual([
      [1, null],
      [2, "waits for #1 to land"],
    ]);
  });

  it("keeps the in-flight PR at the head when a higher-priority one arrives", () => {
    const plan = planMergeQueue(
      queue([entry(1, { score: 1 }), entry(2, { track: "hotfix", score: 9 })], { inFlight: 101 }),
    );
    expect(plan.order.map((p) => p.issue)).toEqual([1, 2]);
    expect(plan.action).toEqual({ kind: "wait-checks", pr: 101, headSha: "head1" });
  });

  it("reports a dependency cycle and never lands it", () => {
    const plan = planMergeQueue(
      queue([entry(1, { dependsOn: ["#2"] }), entry(2, { dependsOn: ["#1"] }), entry(3, { dependsOn: ["#1"] })]),
    );
    expect(plan.action).toEqual({ kind: "idle" });
    expect(plan.order).toEqual([
      { issue: 3, pr: 103, position: 1, waitingFor: "waits for #1 to land" },
      { issue: 1, pr: 101, position: 2, waitingFor: "cannot land: it and #2 depend on each other; break the dependency cycle" },
      { issue: 2, pr: 102, position: 3, waitingFor: "cannot land: it and #1 depend on each other; break the dependency cycle" },
    ]);
  });

  it("names the serial strategy and exposes it by config name", () => {
    expect(planMergeQueue(queue([])).strategy).toBe("serial");
    expect(strategyFor(defaultConfig().merge)).toBe(serialStrategy);
    expect(strategyFor({ strategy: "batch" }).name).toBe("batch");
  });
});

describe("landingOrder", () => {
  const item = (id: number, dependsOn: number[], minute = id, over: Partial<LandingItem<number>> = {}): LandingItem<number> => ({
    id,
    track: "standard",
    score: 1,
    approvedAt: at(minute),
    dependsOn,
    ...over,
  });

  it("lands A <- B <- C approved as C, B, A in the order A, B, C", () => {
    const order = landingOrder([item(3, [2], 0), item(2, [1], 1), item(1, [], 2)]);
    expect(order).toEqual({ order: [1, 2, 3], cycles: [], blocked: [] });
  });

  it("treats dependencies outside the set as merged", () => {
    expect(landingOrder([item(2, [99]), item(1, [])]).order).toEqual([1, 2]);
  });

  it("prefers the higher-priority item among those that are free", () => {
    const order = landingOrder([item(1, []), item(2, [1], 0, { track: "hotfix" }), item(3, [], 5, { score: 4 })]);
    expect(order.order).toEqual([3, 1, 2]);
  });

  it("reports cycles and items blocked behind them, and lands the rest", () => {
    const result = landingOrder([item(1, [2]), item(2, [3]), item(3, [1]), item(4, [3]), item(5, []), item(6, [6])]);
    expect(result).toEqual({ order: [5], cycles: [[1, 2, 3], [6]], blocked: [4] });
  });

  it("handles a 10,000-item cycle without overflowing the stack", () => {
    const n = 10_000;
    const items = Array.from({ length: n }, (_, i) => item(i + 1, [((i + 1) % n) + 1]));
    const result = landingOrder(items);
    expect(result.order).toEqual([]);
    expect(result.cycles).toHaveLength(1);
    expect(result.cycles[0]).toHaveLength(n);
  });

  it("never puts an item before any of its dependencies (random DAGs, random approval order)", () => {
    fc.assert(
      fc.property(randomQueue(60), (items) => {
        const result = landingOrder(items);
        expect(result.cycles).toEqual([]);
        expect(result.blocked).toEqual([]);
        expect([...result.order].sort((a, b) => a - b)).toEqual(items.map((i) => i.id).sort((a, b) => a - b));
        const position = new Map(result.order.map((id, i) => [id, i]));
        for (const it of items) for (const d of it.dependsOn) expect(position.get(d)).toBeLessThan(position.get(it.id) ?? -1);
      }),
    );
  });

  it("equals the plain priority sort when nothing depends on anything", () => {
    fc.assert(
      fc.property(randomQueue(30), (items) => {
        const free = items.map((i) => ({ ...i, dependsOn: [] }));
        const sorted = [...free]
          .map((i) => ({ track: i.track, score: i.score, at: timeKey(i.approvedAt), id: i.id }))
          .sort(comparePriority)
          .map((k) => k.id);
        expect(landingOrder(free).order).toEqual(sorted);
      }),
    );
  });
});

interface SimItem extends LandingItem<number> {
  /** The item's tests fail whatever base they run on: it must be ejected. */
  fails: boolean;
}

/** Random DAG: item i depends on up to 3 items generated before it; issue numbers and approval times shuffled. */
function randomQueue(max: number): fc.Arbitrary<SimItem[]> {
  return fc.integer({ min: 1, max }).chain((n) =>
    fc
      .record({
        deps: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: n, maxLength: n }),
        ids: fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: n, maxLength: n }),
        minutes: fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: n, maxLength: n }),
        tracks: fc.array(fc.constantFrom<Track>("hotfix", "standard", "project"), { minLength: n, maxLength: n }),
        scores: fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), { minLength: n, maxLength: n }),
        fails: fc.array(fc.integer({ min: 0, max: 99 }).map((x) => x < 15), { minLength: n, maxLength: n }),
      })
      .map(({ deps, ids, minutes, tracks, scores, fails }) =>
        ids.map(
          (id, i): SimItem => ({
            id,
            track: tracks[i],
            score: scores[i],
            approvedAt: at(minutes[i] ?? 0),
            dependsOn: i === 0 ? [] : [...new Set((deps[i] ?? []).map((d) => ids[d % i] as number))],
            fails: fails[i] ?? false,
          }),
        ),
      ),
  );
}

interface SimHead {
  sha: string;
  base: string;
  checks: CheckState;
}

/**
 * Runs the serial queue to completion the way the handler would: each step derives the state,
 * plans, checks the action is legal, and applies it. Returns the merge order and ejected items.
 */
function simulate(items: readonly SimItem[]): { merged: number[]; ejected: Set<number> } {
  let base = "base-0";
  let inFlight: number | null = null;
  const heads = new Map(items.map((it): [number, SimHead] => [it.id, { sha: `h${it.id}-0`, base, checks: "pending" }]));
  const verdicts = new Map<string, CheckState>();
  const merged: number[] = [];
  const ejected = new Set<number>();
  const byPr = new Map(items.map((it) => [it.id + 100_000, it]));
  for (let step = 0; step < 4 * items.length + 5; step++) {
    const open = items.filter((it) => !merged.includes(it.id) && !ejected.has(it.id));
    const entries = open.map((it): QueueEntry => {
      const head = heads.get(it.id) as SimHead;
      return {
        ...entry(it.id, { pr: it.id + 100_000, track: it.track, score: it.score, approvedAt: it.approvedAt ?? "" }),
        dependsOn: it.dependsOn.map((d) => `#${d}`),
        headSha: head.sha,
        upToDate: head.base === base,
        checks: head.checks,
        failedChecks: head.checks === "failed" ? ["test"] : [],
      };
    });
    const unmergedDependencies = Object.fromEntries(
      open.map((it) => [it.id, it.dependsOn.filter((d) => !merged.includes(d)).map((d) => `#${d}`)]),
    );
    const plan = planMergeQueue({ baseSha: base, entries, unmergedDependencies, inFlight });
    for (const p of plan.order) {
      if (p.waitingFor !== null) continue;
      const it = byPr.get(p.pr) as SimItem;
      for (const d of it.dependsOn) expect(merged).toContain(d);
    }
    const action = plan.action;
    if (action.kind === "idle") return { merged, ejected };
    expect(action.pr).toBe(plan.order[0]?.pr);
    const it = byPr.get(action.pr) as SimItem;
    const head = heads.get(it.id) as SimHead;
    switch (action.kind) {
      case "update-branch":
        expect(action.expectedHeadSha).toBe(head.sha);
        heads.set(it.id, { sha: `h${it.id}-${step + 1}`, base, checks: "pending" });
        inFlight = action.pr;
        break;
      case "wait-checks": {
        expect(action.headSha).toBe(head.sha);
        const verdict: CheckState = it.fails ? "failed" : "passed";
        verdicts.set(head.sha, verdict);
        head.checks = verdict;
        break;
      }
      case "merge":
        expect(action.sha).toBe(head.sha);
        expect(verdicts.get(action.sha)).toBe("passed");
        expect(head.base).toBe(base);
        for (const d of it.dependsOn) expect(merged).toContain(d);
        merged.push(it.id);
        base = `base-${merged.length}`;
        inFlight = null;
        break;
      case "eject":
        expect(verdicts.get(head.sha)).toBe("failed");
        expect(action.failedChecks).toEqual(["test"]);
        ejected.add(it.id);
        inFlight = null;
        break;
      case "conflict":
        throw new Error("no conflicts in this simulation");
    }
  }
  throw new Error("the queue did not settle");
}

describe("planMergeQueue: simulated landing", () => {
  it("lands A <- B <- C approved as C, B, A in the order A, B, C", () => {
    const items: SimItem[] = [
      { id: 3, track: "standard", score: 1, approvedAt: at(0), dependsOn: [2], fails: false },
      { id: 2, track: "standard", score: 1, approvedAt: at(1), dependsOn: [1], fails: false },
      { id: 1, track: "standard", score: 1, approvedAt: at(2), dependsOn: [], fails: false },
    ];
    expect(simulate(items).merged).toEqual([1, 2, 3]);
  });

  it("ejects a PR that turns red and lands the others", () => {
    const items: SimItem[] = [
      { id: 1, track: "standard", score: 9, approvedAt: at(0), dependsOn: [], fails: true },
      { id: 2, track: "standard", score: 5, approvedAt: at(1), dependsOn: [], fails: false },
      { id: 3, track: "standard", score: 1, approvedAt: at(2), dependsOn: [], fails: false },
    ];
    const result = simulate(items);
    expect(result.merged).toEqual([2, 3]);
    expect([...result.ejected]).toEqual([1]);
  });

  it("never merges before a dependency, nor an untested or stale sha; lands all it can (random DAGs)", () => {
    fc.assert(
      fc.property(randomQueue(12), (items) => {
        const { merged, ejected } = simulate(items);
        const lost = new Set<number>();
        const byId = new Map(items.map((i) => [i.id, i]));
        const isLost = (id: number): boolean => {
          const it = byId.get(id) as SimItem;
          if (lost.has(id) || it.fails) return true;
          return it.dependsOn.some((d) => isLost(d));
        };
        for (const it of items) if (isLost(it.id)) lost.add(it.id);
        expect(new Set(merged)).toEqual(new Set(items.filter((i) => !lost.has(i.id)).map((i) => i.id)));
        for (const id of ejected) expect(byId.get(id)?.fails).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
