import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QueueState } from "../../../src/domain/merge-plan.js";
import { githubStrategy, type NativeQueueEntry } from "../../../src/domain/queue/github-strategy.js";
import { queueEntry } from "../../support/queue-entries.js";

/** A queue state of `entries` (checks passed unless given) with GitHub's queue `native`. */
function state(entries: ReturnType<typeof queueEntry>[], native: NativeQueueEntry[] | null = []): QueueState {
  return { baseSha: "base", entries, unmergedDependencies: {}, native };
}

const inNative = (issue: number, position: number): NativeQueueEntry => ({ pr: issue + 100, position, state: "AWAITING_CHECKS", headSha: `head${issue}`, groupSha: `group${issue}` });

describe("github strategy (GitHub's merge queue fed in dependency order)", () => {
  it("enqueues a free entry guarded by its head, and a dependent only once its dependency is in GitHub's queue", () => {
    const a = queueEntry(1, { checks: "passed" });
    const b = queueEntry(2, { checks: "passed", dependsOn: ["#1"] });
    expect(githubStrategy.plan(state([b, a])).action).toEqual({ kind: "enqueue", pr: 101, expectedHeadSha: "head1" });
    const plan = githubStrategy.plan(state([b, a]));
    expect(plan.order.find((p) => p.issue === 2)?.waitingFor).toBe("waits for #1 to enter GitHub's merge queue ahead of it");
    const next = githubStrategy.plan(state([a, b], [inNative(1, 1)]));
    expect(next.action).toEqual({ kind: "enqueue", pr: 102, expectedHeadSha: "head2" });
    expect(next.order[0]).toMatchObject({ issue: 1, position: 1, waitingFor: "in GitHub's merge queue at position 1: waiting for the required checks on merge group group1" });
  });

  it("waits for checks on the pull request, ejects a red one and reports a conflict; never waits for an update", () => {
    expect(githubStrategy.plan(state([queueEntry(1, { checks: "pending", upToDate: false })])).order[0]!.waitingFor).toBe(
      "waiting for the required checks on head1 before entering GitHub's merge queue",
    );
    expect(githubStrategy.plan(state([queueEntry(1, { checks: "passed", upToDate: false })])).action.kind).toBe("enqueue");
    expect(githubStrategy.plan(state([queueEntry(1, { checks: "failed", failedChecks: ["test"] })])).action).toMatchObject({ kind: "eject", pr: 101 });
    expect(githubStrategy.plan(state([queueEntry(1, { checks: "passed", conflict: true })])).action).toEqual({ kind: "conflict", pr: 101 });
  });

  it("takes a dependent out of GitHub's queue when its dependency is no longer ahead of it there", () => {
    const a = queueEntry(1, { checks: "passed" });
    const b = queueEntry(2, { checks: "passed", dependsOn: ["#1"] });
    const c = queueEntry(3, { checks: "passed" });
    // A left GitHub's queue (ejected, not landed): B, still in it, would land without A.
    expect(githubStrategy.plan(state([a, b, c], [inNative(2, 1)])).action).toEqual({
      kind: "dequeue",
      pr: 102,
      dependencies: [1],
      reason: "#1 left GitHub's merge queue ahead of it and has not landed",
    });
    // Behind it instead of ahead (someone reordered the queue): same.
    expect(githubStrategy.plan(state([a, b], [inNative(2, 1), inNative(1, 2)])).action).toMatchObject({ kind: "dequeue", pr: 102 });
    // Ahead of it: nothing to do but enqueue the next.
    expect(githubStrategy.plan(state([a, b, c], [inNative(1, 1), inNative(2, 2)])).action).toEqual({ kind: "enqueue", pr: 103, expectedHeadSha: "head3" });
  });

  it("without a merge queue on the base branch, every member waits and says why", () => {
    const plan = githubStrategy.plan(state([queueEntry(1, { checks: "passed" })], null));
    expect(plan.action).toEqual({ kind: "idle" });
    expect(plan.order[0]!.waitingFor).toContain("no merge queue");
  });

  it("property: driven to the end, everything is enqueued, each entry after all of its dependencies", () => {
    const graphs = fc.integer({ min: 1, max: 16 }).chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, i) }), { maxLength: i === 0 ? 0 : 3 }))),
    );
    fc.assert(
      fc.property(graphs, fc.array(fc.integer(), { minLength: 16, maxLength: 16 }), (deps, scores) => {
        const entries = deps.map((d, i) => queueEntry(i + 1, { checks: "passed", score: Math.abs(scores[i]!) % 10, dependsOn: d.map((x) => `#${x}`) }));
        const native: NativeQueueEntry[] = [];
        for (let step = 0; step <= entries.length; step++) {
          const { action } = githubStrategy.plan(state(entries, native));
          if (action.kind === "idle") break;
          expect(action.kind).toBe("enqueue");
          if (action.kind !== "enqueue") return;
          const issue = action.pr - 100;
          for (const d of deps[issue - 1]!) expect(native.some((n) => n.pr === d + 100)).toBe(true);
          native.push(inNative(issue, native.length + 1));
        }
        expect(native.map((n) => n.pr).sort((x, y) => x - y)).toEqual(entries.map((e) => e.pr));
      }),
    );
  });
});
