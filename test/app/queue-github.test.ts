/**
 * The `github` strategy (issue #14, `merge.strategy: github`) through the REAL app and the
 * stand-in's simulated GitHub merge queue (GraphQL `enqueuePullRequest`, merge groups on
 * `gh-readonly-queue/main/pr-<n>-<sha>`, `merge_group` and `pull_request.enqueued/dequeued` events).
 * B depends on A and is approved first: it waits until A is in GitHub's queue, then goes in behind
 * it in the same evaluation. C is approved last; its merge group (A + B + C) fails CI (a.txt and
 * c.txt must not both exist), so GitHub dequeues it and the app ejects it; A and B land.
 */
import { describe, expect, it } from "vitest";
import { LANDED_MARKER } from "../../src/domain/item/markers.js";
import { approve, commentsOn, dispatches, itemBody, mainLog, merged, queueCheck, resetWorker, startQueueRepo, stateOf, workItems } from "../support/queue-app.js";
import { useHarness } from "../support/use-harness.js";

const TEST_MJS = `import { existsSync } from "node:fs";
if (existsSync("a.txt") && existsSync("c.txt")) {
  console.error("a.txt and c.txt must not both exist");
  process.exit(1);
}
console.log("ok");
`;

const CONFIG = `worker:
  max_concurrent: 8
merge:
  strategy: github
`;

const harness = useHarness({ beforeClose: resetWorker });

describe("merge queue, github strategy, through the app and the stand-in's merge queue", () => {
  it("enqueues in dependency order, follows merge_group events, lands the green groups and ejects the red one", async () => {
    const h = await startQueueRepo(harness, { testMjs: TEST_MJS, config: CONFIG }, { mergeQueue: true });
    const items = await workItems(h, [
      { goal: "Item A", files: { "a.txt": "A\n" } },
      { goal: "Item B", files: { "b.txt": "B\n" } },
      { goal: "Item C", files: { "c.txt": "C\n" } },
    ]);
    const [a, b, c] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
    await h.standIn.as("alice").editIssue(b.issue, { body: itemBody("Item B", [a.issue]) });
    await h.settle();

    await approve(h, b.pr);
    expect(stateOf(h, b.issue).queue?.reason).toBe(`waits for #${a.issue} to land`);
    expect(h.standIn.deliveries.filter((d) => d.event === "pull_request" && d.action === "enqueued")).toHaveLength(0);

    await approve(h, a.pr);
    await approve(h, c.pr);

    // Enqueued in dependency order, through GraphQL only (no update-branch, no REST merge).
    const enqueued = h.standIn.deliveries.filter((d) => d.event === "pull_request" && d.action === "enqueued" && !d.redelivery).map((d) => d.payload.number);
    expect(enqueued, h.standIn.formatTimeline()).toEqual([a.pr, b.pr, c.pr]);
    expect(h.standIn.requests.byRoute.get("POST /graphql") ?? 0).toBeGreaterThanOrEqual(3);
    expect(h.standIn.requests.byRoute.get("PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch") ?? 0).toBe(0);
    expect(h.standIn.requests.byRoute.get("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge") ?? 0).toBe(0);

    // GitHub's queue tested a merge group per pull request and merged A and B in order.
    const groups = h.standIn.deliveries.filter((d) => d.event === "merge_group" && d.action === "checks_requested").map((d) => (d.payload.merge_group as { head_ref: string }).head_ref);
    expect(groups.map((ref) => /pr-(\d+)-/.exec(ref)?.[1])).toEqual([a.pr, b.pr, c.pr].map(String));
    const destroyed = h.standIn.deliveries.filter((d) => d.event === "merge_group" && d.action === "destroyed").map((d) => d.payload.reason);
    expect(destroyed).toEqual(["merged", "merged", "dequeued"]);
    expect([a, b, c].map((x) => merged(h, x.pr))).toEqual([true, true, false]);
    expect(await mainLog(h)).toEqual([`Merge pull request #${a.pr} into main (merge queue)`, `Merge pull request #${b.pr} into main (merge queue)`]);

    for (const x of [a, b]) {
      const state = stateOf(h, x.issue);
      expect(state.status).toBe("done");
      expect(h.standIn.state.issues.get(x.issue)!.state).toBe("closed");
      expect(commentsOn(h, x.issue, LANDED_MARKER)[0]?.body).toContain("GitHub's merge queue");
      expect(queueCheck(h, x.pr)).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Landed" } });
    }

    // C: dequeued by GitHub (CI_FAILURE), ejected by the app with the reason, back to its worker.
    const dequeued = h.standIn.deliveries.find((d) => d.event === "pull_request" && d.action === "dequeued");
    expect(dequeued?.payload).toMatchObject({ number: c.pr, reason: "CI_FAILURE" });
    const stateC = stateOf(h, c.issue);
    expect(stateC.approval).toBeUndefined();
    expect(stateC.attempts.at(-1)?.reason).toBe("ci-failure");
    expect(commentsOn(h, c.pr, "orchestrator:queue-eject")[0]?.body).toContain("Ejected from the merge queue");
    expect(queueCheck(h, c.pr)).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Ejected from the merge queue" } });
    expect(queueCheck(h, c.pr)?.output.summary).toContain("CI_FAILURE");
    expect(dispatches).toContainEqual({ issue: c.issue, attempt: 2 });
  });
});
