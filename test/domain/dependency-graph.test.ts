import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareRefs,
  findCycles,
  formatCycle,
  normalizeRef,
  transitiveDependencies,
  type DependencyEdge,
} from "../../src/domain/dependency-graph.js";

const e = (from: string, to: string): DependencyEdge => ({ from, to });
const isEdge = (edges: readonly DependencyEdge[], from: string, to: string): boolean =>
  edges.some((x) => x.from === from && x.to === to);

/** Random DAG: edges only from a higher to a lower index, so no cycle is possible. */
const dag = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 30 })
      .map((pairs) => ({
        nodes: Array.from({ length: n }, (_, i) => `#${i + 1}`),
        edges: pairs.filter(([a, b]) => a > b).map(([a, b]) => e(`#${a + 1}`, `#${b + 1}`)),
      })),
  );

/** Random directed graph, cycles allowed (self-loops too). */
const graph = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc
      .array(fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n })), { maxLength: 20 })
      .map((pairs) => pairs.map(([a, b]) => e(`#${a}`, `#${b}`))),
  );

/** Reachability by brute force, to check cycle coverage independently. */
function reaches(edges: readonly DependencyEdge[], from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = edges.filter((x) => x.from === from).map((x) => x.to);
  while (stack.length > 0) {
    const next = stack.pop() ?? "";
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...edges.filter((x) => x.from === next).map((x) => x.to));
  }
  return false;
}

describe("refs", () => {
  it("normalises refs and same-repository long forms", () => {
    expect(normalizeRef("Octo/Repo#12")).toBe("octo/repo#12");
    expect(normalizeRef("octo/repo#12", "Octo/Repo")).toBe("#12");
    expect(normalizeRef("#0")).toBeNull();
    expect(normalizeRef("12")).toBeNull();
  });

  it("orders same-repository refs first, numerically", () => {
    expect(["a/b#1", "#10", "#2"].sort(compareRefs)).toEqual(["#2", "#10", "a/b#1"]);
  });
});

describe("findCycles", () => {
  it("reports a two-issue cycle once, named from its smallest ref", () => {
    const cycles = findCycles([e("#4", "#3"), e("#3", "#4"), e("#5", "#3")]);
    expect(cycles).toEqual([["#3", "#4"]]);
    expect(formatCycle(cycles[0] ?? [])).toBe("#3 -> #4 -> #3");
  });

  it("reports a self-dependency and finds nothing in a DAG", () => {
    expect(findCycles([e("#7", "#7")])).toEqual([["#7"]]);
    expect(findCycles([e("#1", "#2"), e("#2", "#3"), e("#1", "#3")])).toEqual([]);
  });

  it("covers every issue of a component with several cycles", () => {
    const cycles = findCycles([e("#1", "#2"), e("#2", "#1"), e("#2", "#3"), e("#3", "#2")]);
    expect(cycles).toEqual([
      ["#1", "#2"],
      ["#2", "#3"],
    ]);
  });

  it("property: consecutive refs of each cycle (and last to first) are edges", () => {
    fc.assert(
      fc.property(graph, (edges) => {
        for (const cycle of findCycles(edges)) {
          expect(cycle.length).toBeGreaterThan(0);
          expect(new Set(cycle).size).toBe(cycle.length);
          cycle.forEach((ref, i) => {
            const next = cycle[(i + 1) % cycle.length] ?? "";
            expect(isEdge(edges, ref, next)).toBe(true);
          });
        }
      }),
    );
  });

  it("property: a ref lies on a reported cycle exactly when it can reach itself", () => {
    fc.assert(
      fc.property(graph, (edges) => {
        const onCycle = new Set(findCycles(edges).flat());
        const nodes = new Set(edges.flatMap((x) => [x.from, x.to]));
        for (const node of nodes) expect(onCycle.has(node)).toBe(reaches(edges, node, node));
      }),
    );
  });

  it("property: the result does not depend on edge order", () => {
    fc.assert(
      fc.property(graph, fc.func(fc.integer()), (edges, key) => {
        const shuffled = [...edges].sort((a, b) => key(a) - key(b));
        expect(findCycles(shuffled)).toEqual(findCycles(edges));
      }),
    );
  });
});

