import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serialStrategy } from "../../../src/domain/merge-plan.js";
import { batchStrategy } from "../../../src/domain/queue/batch-strategy.js";
import { mulberry32, simulateQueue, type SimPr, type SimResult } from "../../support/queue-simulator.js";

/** Random dependency graphs (edges only to earlier PRs, so acyclic) with a random failure set. */
const graphs = fc
  .integer({ min: 1, max: 24 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({ deps: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, i) }), { maxLength: i === 0 ? 0 : 2 }), bad: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }),
      ),
    ),
  )
  .map((rows): SimPr[] => rows.map((r, i) => ({ issue: i + 1, dependsOn: r.deps, bad: r.bad })));

/** PRs that can land: good, and no dependency (directly or not) is bad. */
function landable(prs: readonly SimPr[]): Set<number> {
  const ok = new Set<number>();
  for (const p of prs) if (!p.bad && p.dependsOn.every((d) => ok.has(d))) ok.add(p.issue);
  return ok;
}

/** Bad PRs whose dependencies can all land: the culprits the queue must find. */
function culprits(prs: readonly SimPr[]): Set<number> {
  const ok = landable(prs);
  return new Set(prs.filter((p) => p.bad && p.dependsOn.every((d) => ok.has(d))).map((p) => p.issue));
}

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

/** The four queue properties on a run without flakes. */
function expectQueueProperties(prs: readonly SimPr[], r: SimResult): void {
  expect(r.settled).toBe(true);
  expect(r.dependencyViolations).toBe(0);
  expect(r.untestedLandings).toBe(0);
  expect(sorted(r.ejected)).toEqual(sorted(culprits(prs)));
  expect(sorted(r.landed)).toEqual(sorted(landable(prs)));
}

describe("merge queue properties (simulated CI, issue #14)", () => {
  it("batch: nothing lands before its dependencies, every landed tree was tested, every culprit is ejected, the rest lands", () => {
    fc.assert(
      fc.property(graphs, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 2 }), (prs, batchSize, flakyRetries) => {
        expectQueueProperties(prs, simulateQueue(prs, batchStrategy({ batchSize, flakyRetries })));
      }),
      { numRuns: 150 },
    );
  });

  it("serial (the same simulator): the same four properties", () => {
    fc.assert(
      fc.property(graphs, (prs) => {
        expectQueueProperties(prs, simulateQueue(prs, serialStrategy));
      }),
      { numRuns: 50 },
    );
  });

  it("batch with flaky CI: still nothing untested and nothing out of dependency order lands, and no bad PR lands", () => {
    fc.assert(
      fc.property(graphs, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 2 }), fc.integer(), (prs, batchSize, flakyRetries, seed) => {
        const r = simulateQueue(prs, batchStrategy({ batchSize, flakyRetries }), { flakeRate: 0.2, random: mulberry32(seed) });
        expect(r.settled).toBe(true);
        expect(r.dependencyViolations).toBe(0);
        expect(r.untestedLandings).toBe(0);
        const bad = new Set(prs.filter((p) => p.bad).map((p) => p.issue));
        expect(r.landed.filter((i) => bad.has(i))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
