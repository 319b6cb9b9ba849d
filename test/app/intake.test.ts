import { describe, expect, it } from "vitest";
import { useHarness } from "../support/use-harness.js";
import { formBody, itemState, labelsOf, REFERENCE_BODY, statusComments, statusLabels, statusText, writesSince } from "../support/work-items.js";
import { STATUS_MARKER } from "../../src/domain/item/markers.js";

const harness = useHarness();

describe("intake through Probot and the stand-in", () => {
  it("triages the reference example (3, 2, 2, S) to 3.5 / standard / ready", async () => {
    const h = await harness.start();
    // Held so the scheduler leaves it at ready (dispatch is covered by the scheduler tests).
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(labelsOf(h, n)).toContain("track/standard");
    expect(statusComments(h, n)).toHaveLength(1);
    const state = itemState(h, n);
    expect(state.wsjf.score).toBe(3.5);
    expect(state.track).toBe("standard");
    expect(state.status).toBe("ready");
    expect(state.trusted).toBe(true);
    // The human-readable summary says the same.
    expect(statusText(h, n)).toContain("**Status:** `ready` · **Track:** standard · **WSJF:** 3.5");
  });

  it("asks for missing acceptance criteria and WSJF inputs, then moves to ready once the author edits the issue", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: "Widgets need a total.", labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);
    const asked = statusText(h, n);
    expect(asked).toContain("`needs-info`");
    expect(itemState(h, n).missing.length).toBeGreaterThanOrEqual(5);
    // The comment names precisely what is missing: criteria and each WSJF input.
    for (const what of ["acceptance criteri", "business value", "time criticality", "risk reduction", "job size"]) {
      expect(asked.toLowerCase()).toContain(what);
    }

    // Partly answered: only the criteria are still missing.
    await alice.editIssue(n, { body: formBody({ goal: "Widgets need a total.", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);
    expect(itemState(h, n).missing).toHaveLength(1);
    expect(statusText(h, n).toLowerCase()).toContain("acceptance criteri");

    await alice.editIssue(n, { body: REFERENCE_BODY });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    const state = itemState(h, n);
    expect(state.status).toBe("ready");
    expect(state.missing).toEqual([]);
    expect(state.wsjf.score).toBe(3.5);
    // Still one status comment, edited in place through every change.
    const all = [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === n && c.body.includes(STATUS_MARKER));
    expect(all).toHaveLength(1);
    // Created once (REST or GraphQL: GitHub sends issue_comment.created either way).
    const created = h.standIn.deliveries.filter((d) => {
      const p = d.payload as { issue?: { number?: number }; comment?: { body?: string } };
      return d.event === "issue_comment" && d.action === "created" && p.issue?.number === n && (p.comment?.body ?? "").includes(STATUS_MARKER);
    });
    expect(created).toHaveLength(1);
  });

  it("once ready, an item without hold is dispatched: the scheduler starts a worker run for it", async () => {
    const h = await harness.start({
      files: {
        "README.md": "# widgets\n",
        ".github/workflows/orchestrator-worker.yml": [
          "name: orchestrator worker",
          "on:",
          "  workflow_dispatch:",
          "    inputs:",
          "      issue: { required: true }",
          "      attempt: { required: true }",
          "jobs: {}",
          "",
        ].join("\n"),
      },
    });
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: "Widgets need a total." });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);
    expect(h.standIn.state.workflowRuns.size).toBe(0);
    await alice.editIssue(n, { body: REFERENCE_BODY });
    await h.settle();
    // Ready, then dispatched at once: the worker run is the evidence it became ready. (No runner
    // is registered, so the run fails; what the monitor does next is its own tests' business.)
    const runs = [...h.standIn.state.workflowRuns.values()];
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs[0]!.inputs).toEqual({ issue: String(n), attempt: "1" });
    const state = itemState(h, n);
    expect(state.attempts[0]).toMatchObject({ n: 1, reason: "initial" });
    expect(statusComments(h, n)).toHaveLength(1);
  });

  it("stops an untrusted author's issue at needs-approval and never dispatches it", async () => {
    const h = await harness.start();
    const rita = await h.standIn.as("rita").openIssue({ title: "Add a total (rita)", body: REFERENCE_BODY });
    const olga = await h.standIn.as("olga").openIssue({ title: "Add a total (olga)", body: REFERENCE_BODY });
    await h.settle();
    for (const n of [rita, olga]) {
      expect(statusLabels(h, n)).toEqual(["status/needs-approval"]);
      const state = itemState(h, n);
      expect(state.status).toBe("needs-approval");
      expect(state.trusted).toBe(false);
      expect(statusText(h, n)).toContain("/approve");
    }
    expect(h.standIn.state.workflowRuns.size).toBe(0);
    expect(h.standIn.requests.byRoute.get("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches")).toBeUndefined();
  });

  it("an approver listed in config is trusted even with read permission", async () => {
    const h = await harness.start({ files: { "README.md": "# w\n", ".github/orchestrator.yml": "trust:\n  approvers: [rita]\n" } });
    const n = await h.standIn.as("rita").openIssue({ title: "Add a total", body: REFERENCE_BODY });
    await h.standIn.as("alice").addLabels(n, ["hold"]);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
  });

  it("keeps exactly one status comment, edited in place, after several edits and label changes", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    const first = statusComments(h, n)[0]!.id;
    await alice.editIssue(n, { body: REFERENCE_BODY.replace("\n3\n", "\n5\n") });
    await alice.addLabels(n, ["urgency/5"]);
    await alice.editIssue(n, { title: "Add a grand total" });
    await alice.removeLabel(n, "urgency/5");
    await alice.addLabels(n, ["size/XS"]);
    await h.settle();
    const comments = statusComments(h, n);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first);
    const state = itemState(h, n);
    // value 5 (edited), urgency 2, risk 2, size XS (label wins) -> 9 -> hotfix by WSJF.
    expect(state.wsjf.score).toBe(9);
    expect(state.track).toBe("hotfix");
    expect(labelsOf(h, n)).toContain("track/hotfix");
    expect(labelsOf(h, n)).not.toContain("track/standard");
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(comments[0]!.body).toContain("Add a grand total");
  });

  it("status labels are the app's: one a person adds or removes is put right", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    await alice.addLabels(n, ["status/done"]);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    await alice.removeLabel(n, "status/ready");
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(statusComments(h, n)).toHaveLength(1);
  });

  it("re-triaging an unchanged issue writes nothing (labels from a person, an edit that changes nothing)", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    const from = h.standIn.requests.total;
    await alice.editIssue(n, { body: REFERENCE_BODY });
    await alice.addLabels(n, ["documentation"]);
    await h.settle();
    expect(writesSince(h, from)).toEqual([]);
  });
});
