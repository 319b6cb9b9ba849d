import { describe, expect, it } from "vitest";
import { useHarness } from "../support/use-harness.js";
import { formBody, itemState, labelsOf, standardBody, statusComments, statusLabels, statusText } from "../support/work-items.js";

const harness = useHarness();

describe("dependencies through Probot and the stand-in", () => {
  it("`Depends on #N` gives waiting; closing the dependency releases the item to ready", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const dep = await alice.openIssue({ title: "Store widgets", body: standardBody(), labels: ["hold"] });
    const n = await alice.openIssue({ title: "Add a total", body: standardBody({ dependsOn: `Depends on #${dep}` }), labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, dep)).toEqual(["status/ready"]);
    expect(statusLabels(h, n)).toEqual(["status/waiting"]);
    const waiting = itemState(h, n);
    expect(waiting.dependsOn).toEqual([`#${dep}`]);
    expect(waiting.dependencies).toEqual([{ ref: `#${dep}`, state: "open", status: "ready" }]);
    expect(statusText(h, n)).toContain(`Waiting for #${dep} to be closed.`);

    await alice.closeIssue(dep);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(itemState(h, n).dependencies).toEqual([{ ref: `#${dep}`, state: "closed", status: "ready" }]);
    expect(statusComments(h, n)).toHaveLength(1);

    // Reopened, the dependency blocks again.
    await alice.reopenIssue(dep);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/waiting"]);
    expect(statusComments(h, n)).toHaveLength(1);
  });

  it("free-text `Blocked by #a, #b` waits for both", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const a = await alice.openIssue({ title: "A", body: standardBody(), labels: ["hold"] });
    const b = await alice.openIssue({ title: "B", body: standardBody(), labels: ["hold"] });
    const n = await alice.openIssue({ title: "C", body: `${standardBody()}\n\nBlocked by #${a}, #${b}`, labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/waiting"]);
    expect(itemState(h, n).dependsOn).toEqual([`#${a}`, `#${b}`]);
    await alice.closeIssue(a);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/waiting"]);
    await alice.closeIssue(b);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
  });

  it("GitHub's native blocked_by gives waiting and is released when the blocker closes", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const blocker = await alice.openIssue({ title: "Store widgets", body: standardBody(), labels: ["hold"] });
    const n = await alice.openIssue({ title: "Add a total", body: standardBody(), labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    // The issues' own relation counts said there were none: no relation was listed (request budget).
    const relationReads = () => (h.standIn.requests.byRoute.get("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by") ?? 0) + (h.standIn.requests.byRoute.get("GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues") ?? 0);
    expect(relationReads()).toBe(0);

    await alice.addBlockedBy(n, blocker);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/waiting"]);
    expect(itemState(h, n).dependencies).toEqual([{ ref: `#${blocker}`, state: "open", status: "ready" }]);
    expect(relationReads()).toBeGreaterThan(0);

    await alice.closeIssue(blocker);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(statusComments(h, n)).toHaveLength(1);
  });
});
