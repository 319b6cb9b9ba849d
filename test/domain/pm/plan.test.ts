/**
 * The plan of an epic (issue #13 item 3), pure: validation beyond the schema, the status-comment
 * rendering, the child body (read back by parse-issue), the reconciliation with existing children,
 * the next step, and the plan commands.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/schema.js";
import { parseCommands } from "../../../src/domain/commands.js";
import { parsePlanChildMarker } from "../../../src/domain/item/markers.js";
import { parseIssue } from "../../../src/domain/parse-issue.js";
import type { PlanChild } from "../../../src/domain/pm/plan.js";
import { approvePlan, requestReplan } from "../../../src/domain/pm/plan-commands.js";
import { renderChildText } from "../../../src/domain/pm/plan-child.js";
import { childAction, childrenByKey, droppedChildren, nextPlanStep, type ExistingChild, type PlanStepInput } from "../../../src/domain/pm/plan-reconcile.js";
import { mermaidGraph, planItems, renderPlanSection } from "../../../src/domain/pm/plan-render.js";
import type { PlanState } from "../../../src/domain/pm/plan-state.js";
import { MAX_SUB_ISSUES, validatePlan } from "../../../src/domain/pm/plan-validate.js";

const criteria = [{ given: "a widget", when: "I count", then: "I get one" }];
const child = (key: string, depends_on: string[] = [], extra: Partial<PlanChild> = {}): PlanChild => ({ key, title: `Child ${key}`, story: `Story of ${key}.`, acceptance_criteria: criteria, size: "S", scope: [], depends_on, ...extra });
const plan = (...children: ReturnType<typeof child>[]) => ({ kind: "plan", summary: "A plan.", children });

function problems(raw: unknown, others = 0): string[] {
  const result = validatePlan(raw, others);
  return result.ok ? [] : result.problems;
}

describe("validatePlan", () => {
  it("accepts a chain and a parallel branch, ordered dependencies first", () => {
    const result = validatePlan(plan(child("c", ["b"]), child("a"), child("b", ["a"]), child("d")));
    expect(result.ok && result.value.order).toEqual(["a", "b", "c", "d"]);
  });

  it("reports duplicate keys, unknown and self dependencies, and cycles, each by name", () => {
    expect(problems(plan(child("a"), child("a")))).toEqual(["the key `a` is used by more than one child"]);
    expect(problems(plan(child("a", ["x"])))).toEqual(["child `a` depends on `x`, which is not a key of this plan"]);
    expect(problems(plan(child("a", ["a"])))).toEqual(["child `a` depends on itself"]);
    expect(problems(plan(child("a", ["b"]), child("b", ["c"]), child("c", ["a"])))).toEqual(["the dependencies form a cycle: a -> b -> c -> a"]);
  });

  it("reports schema problems with their path, and GitHub's sub-issue limit counting the epic's other sub-issues", () => {
    expect(problems({ kind: "plan", summary: "x", children: [] })).toEqual(["children: Too small: expected array to have >=1 items"]);
    expect(problems(plan(child("Bad Key")))[0]).toMatch(/^children\.0\.key: key: lowercase/);
    expect(problems(plan(child("a"), child("b")), MAX_SUB_ISSUES - 1)).toEqual([`the plan has 2 children and the epic ${MAX_SUB_ISSUES - 1} other sub-issues: GitHub allows 100 sub-issues per issue`]);
    expect(problems(plan(child("a"), child("b")), MAX_SUB_ISSUES - 2)).toEqual([]);
    // Too large for the status comment: reported, never cut.
    const wide = Array.from({ length: 100 }, (_, i) => child(`child-${i}`, [], { title: "t-".repeat(100), scope: Array.from({ length: 20 }, () => "a-b-c/**") }));
    expect(problems(plan(...wide))[0]).toMatch(/^the plan is too large to show in the status comment \(\d+ characters/);
  });

  it("property: a random acyclic plan is accepted and every child comes after its dependencies", () => {
    // Child i depends on some of 0..i-1 (acyclic by construction), listed in a random order.
    const dag = fc.integer({ min: 1, max: 30 }).chain((n) => {
      const range = Array.from({ length: n }, (_, i) => i);
      const deps = fc.tuple(...range.map((i) => fc.subarray(range.slice(0, i), { maxLength: Math.min(5, i) })));
      return fc.tuple(deps, fc.shuffledSubarray(range, { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(dag, ([deps, listing]) => {
        const children = deps.map((d, i) => child(`k${i}`, d.map((j) => `k${j}`)));
        const shuffled = listing.map((i) => children[i]!);
        const result = validatePlan(plan(...shuffled));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const position = new Map(result.value.order.map((k, i) => [k, i]));
        expect(position.size).toBe(children.length);
        for (const c of children) for (const d of c.depends_on) expect(position.get(d)!).toBeLessThan(position.get(c.key)!);
      }),
      { numRuns: 200 },
    );
  });

  it("property: a plan with a back edge (a cycle) is always refused, naming a cycle", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), (n) => {
        const children = Array.from({ length: n }, (_, i) => child(`k${i}`, i === 0 ? [`k${n - 1}`] : [`k${i - 1}`]));
        const found = problems(plan(...children));
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(/^the dependencies form a cycle: k0 -> /);
      }),
    );
  });
});

describe("the child body", () => {
  it("is read back by parse-issue: story, criteria, scope, dependencies, WSJF inherited, and the marker", () => {
    const text = renderChildText(7, child("b", ["a"], { scope: ["src/**", "test/**"], size: "M" }), [12], { value: 4, urgency: undefined, risk: 2 });
    const parsed = parseIssue({ title: text.title, body: text.body, labels: [] }, defaultConfig());
    expect(parsed.goal).toBe("Story of b.");
    expect(parsed.acceptanceCriteria).toEqual(["Given a widget When I count Then I get one"]);
    expect(parsed.scope).toEqual(["src/**", "test/**"]);
    expect(parsed.dependsOn).toEqual(["#12"]);
    expect(parsed.wsjf).toMatchObject({ value: 4, urgency: 3, risk: 2, size: "M" });
    expect(text.body).toContain("The epic gives no urgency: 3");
    expect(parsePlanChildMarker(text.body)).toEqual({ epic: 7, key: "b" });
  });

  it("is deterministic, and a heading in the story stays text", () => {
    const c = child("a", [], { story: "## Goal\n\nDo it." });
    expect(renderChildText(1, c, [], {})).toEqual(renderChildText(1, c, [], {}));
    expect(parseIssue({ title: "t", body: renderChildText(1, c, [], {}).body, labels: [] }, defaultConfig()).goal).toContain("Do it.");
  });
});

const state = (over: Partial<PlanState> = {}): PlanState => ({ revision: 1, requestedAt: "2026-01-01T00:00:00Z", textDigest: "d", outcome: "ready", items: [], replanRequested: false, children: [], dropped: [], ...over });

describe("the plan in the status comment", () => {
  const items = planItems(plan(child("a", [], { scope: ["src/**"] }), child("b-2", ["a"]), child("c", ["a", "b-2"])) as never);

  it("renders a checklist with issue numbers once created, ticks closed children, and a Mermaid graph", () => {
    const lines = renderPlanSection(state({ outcome: "created", items, children: [{ key: "a", number: 5 }, { key: "b-2", number: 6 }] }), { childStates: [{ number: 5, state: "closed" }], gate: true });
    expect(lines).toContain("- [x] #5 **a**: Child a · size S · scope `src/**`");
    expect(lines).toContain("- [ ] #6 **b-2**: Child b-2 · size S · after #5");
    expect(lines).toContain("- [ ] **c**: Child c · size S · after #5, #6");
    expect(lines.join("\n")).toContain(["```mermaid", "graph TD", '  k_a["#5 a: Child a (S)"]', '  k_b_2["#6 b-2: Child b-2 (S)"]', '  k_c["c: Child c (S)"]', "  k_a --> k_b_2", "  k_a --> k_c", "  k_b_2 --> k_c", "```"].join("\n"));
  });

  it("says what the plan waits for, why it was refused, and which children were dropped", () => {
    expect(renderPlanSection(state({ items }), { childStates: [], gate: true })[1]).toContain("`/approve plan`");
    expect(renderPlanSection(state({ outcome: "invalid", problem: "child `a` depends on itself" }), { childStates: [], gate: true })[1]).toContain("was not accepted:** child `a` depends on itself");
    const dropped = renderPlanSection(state({ outcome: "created", items, children: [{ key: "old", number: 9 }], dropped: ["old"] }), { childStates: [], gate: true });
    expect(dropped.at(-1)).toBe("**No longer in the plan:** #9 (`old`): kept as they are; close them by hand if they are not needed.");
  });

  it("escapes agent text in labels: quotes, markup and line breaks", () => {
    const [, node] = mermaidGraph([{ key: "a", title: 'Say "hi" <b>\nnow', size: "S", scope: [], dependsOn: [] }]);
    expect(node).toBe('  k_a["a: Say #quot;hi#quot; b now (S)"]');
  });
});

describe("reconciliation with the children that exist", () => {
  const existing = (key: string, number: number, extra: Partial<ExistingChild> = {}): ExistingChild => ({ key, number, state: "open", title: "T", body: "B", ...extra });

  it("creates a missing key, updates a changed open child, keeps an unchanged or closed one", () => {
    expect(childAction({ title: "T", body: "B" }, undefined)).toEqual({ kind: "create" });
    expect(childAction({ title: "T", body: "B2" }, existing("a", 3))).toEqual({ kind: "update", number: 3 });
    expect(childAction({ title: "T", body: "B\r\n" }, existing("a", 3))).toEqual({ kind: "unchanged", number: 3 });
    expect(childAction({ title: "Renamed by the plan", body: "B" }, existing("a", 3))).toEqual({ kind: "unchanged", number: 3 });
    expect(childAction({ title: "T", body: "B2" }, existing("a", 3, { state: "closed" }))).toEqual({ kind: "closed", number: 3 });
  });

  it("reports keys the plan dropped and keeps one child per key (first source, lowest number)", () => {
    expect(droppedChildren(["a"], [existing("b", 4), existing("a", 3)]).map((c) => c.key)).toEqual(["b"]);
    const byKey = childrenByKey([existing("a", 9), existing("a", 4)], [existing("a", 1), existing("b", 2)]);
    expect([...byKey].map(([k, c]) => [k, c.number])).toEqual([["a", 4], ["b", 2]]);
  });
});

describe("nextPlanStep", () => {
  const input = (over: Partial<PlanStepInput> = {}): PlanStepInput => ({ plan: undefined, agent: true, gate: true, open: true, track: "project", trusted: true, hasChildren: false, textDigest: "d", ...over });

  it("asks for revision 1 of a trusted epic without children, and nothing otherwise", () => {
    expect(nextPlanStep(input())).toEqual({ kind: "request", revision: 1 });
    for (const over of [{ agent: false }, { open: false }, { track: "standard" }, { trusted: false }, { hasChildren: true }]) expect(nextPlanStep(input(over)).kind).toBe("none");
  });

  it("re-plans on /plan or an edit, reads a requested handoff, creates behind the gate only when approved", () => {
    expect(nextPlanStep(input({ plan: state({ replanRequested: true }) }))).toEqual({ kind: "request", revision: 2 });
    expect(nextPlanStep(input({ plan: state({ outcome: "created" }), textDigest: "edited" }))).toEqual({ kind: "request", revision: 2 });
    expect(nextPlanStep(input({ plan: state({ outcome: "requested" }) }))).toEqual({ kind: "read-handoff", revision: 1 });
    expect(nextPlanStep(input({ plan: state() }))).toMatchObject({ kind: "none", reason: "the plan waits for `/approve plan`" });
    expect(nextPlanStep(input({ plan: state({ approval: { by: "a", at: "t", revision: 1 } }) }))).toEqual({ kind: "create", revision: 1 });
    expect(nextPlanStep(input({ gate: false, plan: state() }))).toEqual({ kind: "create", revision: 1 });
    expect(nextPlanStep(input({ plan: state({ outcome: "created", approval: { by: "a", at: "t", revision: 1 } }) })).kind).toBe("none");
  });
});

describe("plan commands", () => {
  it("parses /approve plan and /plan", () => {
    expect(parseCommands("/approve plan\n/plan")).toMatchObject([{ kind: "approve-plan" }, { kind: "plan" }]);
    expect(parseCommands("/plan now")[0]).toMatchObject({ kind: "error" });
  });

  it("approves a ready plan once; refuses one not in, invalid or absent; /plan asks for the next revision once", () => {
    expect(approvePlan(state(), "alice", "t")).toMatchObject({ status: "applied", plan: { approval: { by: "alice", revision: 1 } } });
    expect(approvePlan(state({ approval: { by: "bob", at: "t", revision: 1 } }), "alice", "t").status).toBe("unchanged");
    for (const p of [undefined, state({ outcome: "requested" }), state({ outcome: "invalid" })]) expect(approvePlan(p, "alice", "t").status).toBe("refused");
    expect(requestReplan(state(), true)).toMatchObject({ status: "applied", plan: { replanRequested: true } });
    expect(requestReplan(state({ replanRequested: true }), true).status).toBe("unchanged");
    expect(requestReplan(state(), false).status).toBe("refused");
  });
});
