import { describe, expect, it } from "vitest";
import { useHarness } from "../support/use-harness.js";
import { formBody, itemState, labelsOf, standardBody, statusComments, statusLabels, statusText } from "../support/work-items.js";

const harness = useHarness();

describe("dependency cycles and child issues through Probot and the stand-in", () => {
  it("reports a cycle (#a depends on #b, #b on #a) on every issue in it, naming the cycle", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const a = await alice.openIssue({ title: "A", body: standardBody(), labels: ["hold"] });
    const b = await alice.openIssue({ title: "B", body: standardBody({ dependsOn: `Depends on #${a}` }), labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, b)).toEqual(["status/waiting"]);
    // Closing the loop: #a now depends on #b.
    await alice.editIssue(a, { body: standardBody({ dependsOn: `Depends on #${b}` }) });
    await h.settle();
    for (const n of [a, b]) {
      expect(statusLabels(h, n)).toEqual(["status/waiting"]);
      const state = itemState(h, n);
      expect(state.cycles).toHaveLength(1);
      expect([...state.cycles[0]!].sort()).toEqual([`#${a}`, `#${b}`].sort());
      const text = statusText(h, n);
      expect(text).toContain("dependency cycle");
      expect(text).toMatch(new RegExp(`#${a} -> #${b} -> #${a}|#${b} -> #${a} -> #${b}`));
    }

    // Breaking the cycle clears the report on both.
    await alice.editIssue(a, { body: standardBody() });
    await h.settle();
    expect(statusLabels(h, a)).toEqual(["status/ready"]);
    expect(itemState(h, a).cycles).toEqual([]);
    expect(statusLabels(h, b)).toEqual(["status/waiting"]);
    expect(itemState(h, b).cycles).toEqual([]);
    expect(statusText(h, b)).not.toContain("dependency cycle");
  });

  it("a three-issue cycle is named on all three", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const a = await alice.openIssue({ title: "A", body: standardBody(), labels: ["hold"] });
    const b = await alice.openIssue({ title: "B", body: standardBody({ dependsOn: `Depends on #${a}` }), labels: ["hold"] });
    const c = await alice.openIssue({ title: "C", body: standardBody({ dependsOn: `Depends on #${b}` }), labels: ["hold"] });
    await alice.editIssue(a, { body: standardBody({ dependsOn: `Depends on #${c}` }) });
    await h.settle();
    for (const n of [a, b, c]) {
      const state = itemState(h, n);
      expect(state.cycles).toHaveLength(1);
      expect([...state.cycles[0]!].sort()).toEqual([`#${a}`, `#${b}`, `#${c}`].sort());
      expect(statusLabels(h, n)).toEqual(["status/waiting"]);
    }
  });

  it("a project item (size L) asks for child issues, then waits on its sub-issues until they close", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const epic = await alice.openIssue({
      title: "Widget analytics",
      body: formBody({ goal: "Know how widgets are used.", value: 4, urgency: 2, risk: 3, size: "L" }),
      labels: ["hold"],
    });
    await h.settle();
    expect(labelsOf(h, epic)).toContain("track/project");
    expect(statusLabels(h, epic)).toEqual(["status/needs-info"]);
    expect(statusText(h, epic).toLowerCase()).toContain("child issue");

    const c1 = await alice.openIssue({ title: "Count widgets", body: standardBody(), labels: ["hold"] });
    const c2 = await alice.openIssue({ title: "Chart widgets", body: standardBody(), labels: ["hold"] });
    await alice.addSubIssue(epic, c1);
    await alice.addSubIssue(epic, c2);
    await h.settle();
    expect(statusLabels(h, epic)).toEqual(["status/waiting"]);
    const state = itemState(h, epic);
    expect(state.children).toEqual([c1, c2]);
    expect(statusText(h, epic)).toContain(`Waiting for the child issues #${c1}, #${c2} to be closed.`);

    await alice.closeIssue(c1);
    await alice.closeIssue(c2);
    await h.settle();
    expect(statusLabels(h, epic)).toEqual(["status/ready"]);
    expect(itemState(h, epic).childStates).toEqual([
      { number: c1, state: "closed" },
      { number: c2, state: "closed" },
    ]);
    // An epic is never dispatched itself.
    expect(h.standIn.state.workflowRuns.size).toBe(0);
  });

  it("an XL item without hold is a project too and is never dispatched", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const epic = await alice.openIssue({ title: "Rewrite", body: formBody({ goal: "Faster widgets.", value: 5, urgency: 5, risk: 5, size: "XL" }) });
    await h.settle();
    expect(labelsOf(h, epic)).toContain("track/project");
    expect(statusLabels(h, epic)).toEqual(["status/needs-info"]);
    expect(h.standIn.requests.byRoute.get("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches")).toBeUndefined();
  });
});
