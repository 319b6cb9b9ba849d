/**
 * The merge queue (issue #6) through the REAL app (Probot, every handler) and the local GitHub
 * stand-in with real git: workers are scripted runners of the worker workflow that push a branch,
 * open the pull request and post the worker report as github-actions[bot]; CI is `node test.mjs`
 * on every pushed commit; people approve with `/approve`.
 */
import { describe, expect, it } from "vitest";
import { QUEUE_CHECK_NAME } from "../../src/domain/queue/queue-check.js";
import { sweepAll } from "../../src/app/periodic.js";
import type { Harness, HarnessOptions } from "../support/app-harness.js";
import { useHarness } from "../support/use-harness.js";
import { approve, commentsOn, dispatches, itemBody, mainLog, merged, queueCheck, resetWorker, startQueueRepo, stateOf, workItems } from "../support/queue-app.js";
import { EPIC_SUMMARY_MARKER, LANDED_MARKER, STATUS_MARKER } from "../../src/domain/item/markers.js";

/** CI: a.txt and b.txt must not both exist (each alone passes: a PR turns red only after its update). */
const TEST_MJS = `import { existsSync } from "node:fs";
if (existsSync("a.txt") && existsSync("b.txt")) {
  console.error("a.txt and b.txt must not both exist");
  process.exit(1);
}
console.log("ok");
`;

const CONFIG = `worker:
  max_concurrent: 8
merge:
  method: squash
`;

const harness = useHarness({ beforeClose: resetWorker });

async function start(options: HarnessOptions = {}): Promise<Harness> {
  return startQueueRepo(harness, { testMjs: TEST_MJS, config: CONFIG }, options);
}

const MERGE_ROUTE = "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge";

function mergeRequests(h: Harness): Array<{ path: string; status: number }> {
  return h.standIn.requests.entries.filter((e) => `${e.method} ${e.route}` === MERGE_ROUTE || e.route === MERGE_ROUTE).map((e) => ({ path: e.path, status: e.status }));
}

describe("merge queue through the app and the stand-in", () => {
  it("lands A <- B <- C approved as C, B, A in the order A, B, C; closes their epic with a summary; a redelivered event never merges twice", async () => {
    const h = await start();
    const [a, b, c] = await workItems(h, [
      { goal: "Item A", files: { "a.txt": "A\n" } },
      { goal: "Item B", files: { "c1.txt": "B\n" } },
      { goal: "Item C", files: { "c2.txt": "C\n" } },
    ]);
    const alice = h.standIn.as("alice");
    // A person declares the dependencies after the work is done: B needs A, C needs B.
    await alice.editIssue(b!.issue, { body: itemBody("Item B", [a!.issue]) });
    await alice.editIssue(c!.issue, { body: itemBody("Item C", [b!.issue]) });
    const epic = await alice.openIssue({ title: "Epic ABC", body: "### Goal / problem\n\nShip A, B and C.", labels: ["track/project"] });
    for (const item of [a!, b!, c!]) await alice.addSubIssue(epic, item.issue);
    await h.settle();
    expect(stateOf(h, c!.issue).dependsOn).toEqual([`#${b!.issue}`]);

    await approve(h, c!.pr);
    expect(merged(h, c!.pr)).toBe(false);
    expect(stateOf(h, c!.issue).queue?.reason).toContain(`#${b!.issue}`);
    // The reason is on the pull request too: its orchestrator/queue check run, position and why.
    expect(queueCheck(h, c!.pr)).toMatchObject({ status: "queued", conclusion: null, output: { title: "Position 1 in the merge queue" } });
    expect(queueCheck(h, c!.pr)?.output.summary).toContain(`waits for #${b!.issue} to land`);
    await approve(h, b!.pr);
    expect(stateOf(h, b!.issue).queue?.reason).toContain(`#${a!.issue}`);
    expect(mergeRequests(h)).toEqual([]);
    await approve(h, a!.pr);

    expect([a, b, c].map((x) => merged(h, x!.pr))).toEqual([true, true, true]);
    // C's and B's approvals waited (each was answered); A's was merged by the pass that handled it,
    // and that merge, on the same thread, is its only answer.
    expect([a, b, c].map((x) => commentsOn(h, x!.pr, "<!-- orchestrator:reply comment=").length)).toEqual([0, 1, 1]);
    expect(await mainLog(h)).toEqual([`Item A (#${a!.pr})`, `Item B (#${b!.pr})`, `Item C (#${c!.pr})`]);
    for (const item of [a!, b!, c!]) {
      const issue = h.standIn.state.issues.get(item.issue)!;
      expect(issue.state).toBe("closed");
      expect(issue.labels).toContain("status/done");
      const state = stateOf(h, item.issue);
      expect(state.merged?.sha).toBe(h.standIn.state.pulls.get(item.pr)!.mergeCommitSha);
      // GitHub closed the issue for the pull request's `Closes #N` (its close names the pull
      // request): the status comment says what landed, and no landed note is written.
      expect(commentsOn(h, item.issue, LANDED_MARKER)).toHaveLength(0);
      expect(commentsOn(h, item.issue, STATUS_MARKER)[0]!.body).toContain(`Done: merged as ${state.merged!.sha.slice(0, 7)} via #${item.pr}.`);
    }
    // At most one queue check run per merged head, updated in place: a head that showed a standing
    // ends as landed; a head merged by the pass that ranked it shows none (its merge says it).
    for (const item of [a!, b!, c!]) {
      const pr = h.standIn.state.pulls.get(item.pr)!;
      const runs = [...h.standIn.state.checkRuns.values()].filter((r) => r.name === QUEUE_CHECK_NAME && r.headSha === pr.headSha);
      expect(runs.length).toBeLessThanOrEqual(1);
      for (const r of runs) expect([r.status, r.conclusion, r.output.title]).toEqual(["completed", "success", "Landed"]);
    }
    // B and C were each brought up to date after the previous landing and tested as they landed.
    const ciOnMergedHeads = [b!, c!].map((x) => {
      const pr = h.standIn.state.pulls.get(x.pr)!;
      return [...h.standIn.state.checkRuns.values()].some((r) => r.headSha === pr.headSha && r.conclusion === "success");
    });
    expect(ciOnMergedHeads).toEqual([true, true]);

    const epicIssue = h.standIn.state.issues.get(epic)!;
    expect(epicIssue.state).toBe("closed");
    expect(epicIssue.stateReason).toBe("completed");
    const summary = commentsOn(h, epic, EPIC_SUMMARY_MARKER);
    expect(summary).toHaveLength(1);
    for (const item of [a!, b!, c!]) expect(summary[0]!.body).toContain(`#${item.issue} Item`);
    expect(summary[0]!.body).toContain("(3 of 3)");

    // Every event the queue reacts to, delivered again: nothing merges twice, nothing is re-posted.
    const mergesBefore = mergeRequests(h);
    expect(mergesBefore.map((m) => m.status)).toEqual([200, 200, 200]);
    const commentsBefore = h.standIn.state.comments.size;
    const approvedLabel = (d: { event: string; payload: Record<string, unknown> }) => d.event === "issues" && (d.payload.label as { name?: string } | undefined)?.name === "status/approved";
    const again = h.standIn.deliveries.filter((d) => !d.redelivery && (["check_run", "check_suite", "pull_request", "push"].includes(d.event) || approvedLabel(d)));
    expect(again.length).toBeGreaterThan(10);
    for (const d of again) h.standIn.redeliver(d.id);
    await h.settle();
    expect(mergeRequests(h)).toEqual(mergesBefore);
    expect(h.standIn.state.comments.size).toBe(commentsBefore);
    expect(await mainLog(h)).toHaveLength(3);
  });

  it("ejects a PR that turns red after its update (failed check named and linked) and sends a real conflict back, while the others land", async () => {
    const h = await start();
    const [a, b, c, d] = await workItems(h, [
      { goal: "Item A", files: { "a.txt": "A\n", "shared.txt": "uno\ntwo\nthree\n" } },
      { goal: "Item B", files: { "b.txt": "B\n" } },
      { goal: "Item C", files: { "c.txt": "C\n" } },
      { goal: "Item D", files: { "shared.txt": "eins\ntwo\nthree\n" } },
    ]);
    // Each PR is green on its own; B is red once it contains A; D edits the line A edits.
    for (const x of [a!, b!, c!, d!]) await h.standIn.as("alice").comment(x.pr, "/approve");
    await h.settle();

    expect([a, b, c, d].map((x) => merged(h, x!.pr))).toEqual([true, false, true, false]);
    expect(await mainLog(h)).toEqual([`Item A (#${a!.pr})`, `Item C (#${c!.pr})`]);

    const prB = h.standIn.state.pulls.get(b!.pr)!;
    const red = [...h.standIn.state.checkRuns.values()].find((r) => r.headSha === prB.headSha && r.name === "test")!;
    expect(red.conclusion).toBe("failure");
    const ejected = [...h.standIn.state.comments.values()].filter((cm) => cm.issueNumber === b!.pr && cm.body.includes("Ejected from the merge queue"));
    expect(ejected).toHaveLength(1);
    expect(ejected[0]!.body).toContain("[`test`](");
    expect(ejected[0]!.body).toContain(`${red.id})`);
    expect(queueCheck(h, b!.pr)).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Ejected from the merge queue" } });
    expect(queueCheck(h, b!.pr)?.output.summary).toContain("`test` failed");
    const stateB = stateOf(h, b!.issue);
    expect(stateB.approval).toBeUndefined();
    expect(stateB.feedback.some((f) => f.includes("`test`") && f.includes(`#${b!.pr}`))).toBe(true);
    expect(stateB.attempts.at(-1)?.reason).toBe("ci-failure");
    expect(stateB.status).toBe("in-progress");
    expect(h.standIn.state.issues.get(b!.issue)!.state).toBe("open");

    for (const n of [d!.pr, d!.issue]) {
      const reports = [...h.standIn.state.comments.values()].filter((cm) => cm.issueNumber === n && cm.body.includes("Merge conflict"));
      expect(reports, `conflict reported on #${n}`).toHaveLength(1);
    }
    const stateD = stateOf(h, d!.issue);
    expect(stateD.approval).toBeUndefined();
    expect(stateD.attempts.at(-1)?.reason).toBe("conflict");
    expect(stateD.feedback.some((f) => f.includes("conflicts with `main`"))).toBe(true);
    expect(dispatches).toContainEqual({ issue: b!.issue, attempt: 2 });
    expect(dispatches).toContainEqual({ issue: d!.issue, attempt: 2 });
  });

  it("the queue's own update of a head whose CI ran waits for the new head's CI: its synchronize records the update only, the CI's completion reviews and lands it", async () => {
    // CI that takes a while, as production CI does: the synchronize is handled long before it ends.
    const h = await start({ ci: { command: "sleep 2 && node test.mjs", name: "test" } });
    const [a, b] = await workItems(h, [
      { goal: "Item A", files: { "a1.txt": "A\n" } },
      { goal: "Item B", files: { "b1.txt": "B\n" } },
    ]);
    await approve(h, a!.pr);
    expect(merged(h, a!.pr)).toBe(true);
    const approvedHead = stateOf(h, b!.issue).pr!.headSha;
    await approve(h, b!.pr);
    expect(merged(h, b!.pr)).toBe(true);
    // The head merged is the queue's update of the approved one (A landed first).
    const updated = h.standIn.state.pulls.get(b!.pr)!.headSha;
    expect(updated).not.toBe(approvedHead);
    const short = updated.slice(0, 7);
    const lines = h.standIn.timeline.map((e) => `${e.kind} ${e.summary}`);
    const ciDone = lines.findIndex((l) => l.startsWith("ci ") && l.includes(`on ${short}`) && l.endsWith(": success"));
    const firstOwnRun = lines.findIndex((l) => l.startsWith("write ") && /check run "orchestrator\/(review|scope)"/.test(l) && l.includes(` on ${short} `));
    expect(ciDone, h.standIn.formatTimeline()).toBeGreaterThan(0);
    // The review's check runs on the updated head come after its CI, from the suite's completion.
    expect(firstOwnRun, h.standIn.formatTimeline()).toBeGreaterThan(ciDone);
    expect(mergeRequests(h).filter((m) => m.status === 200)).toHaveLength(2);
  });

  it("never merges a stale sha: a head moved after its checks passed makes the merge fail with 409 and the queue re-evaluate", async () => {
    let moved = false;
    let target = 0;
    const h = await start({
      beforeAppRequest: async ({ method, url, params }) => {
        if (moved || method !== "PUT" || !url.endsWith("/merge") || params.pull_number !== target) return;
        moved = true;
        // Someone pushes to the branch after the queue decided to merge the tested head.
        await h.standIn.as("walt").pushCommit(`orchestrator/${target - 1}-x`, { "late.txt": "late\n" }, "A late change");
      },
    });
    const [a] = await workItems(h, [{ goal: "Item A", files: { "a.txt": "A\n" } }]);
    expect(a!.pr).toBe(a!.issue + 1);
    target = a!.pr;
    const approvedHead = h.standIn.state.pulls.get(a!.pr)!.headSha;
    await approve(h, a!.pr);

    expect(moved).toBe(true);
    expect(merged(h, a!.pr)).toBe(false);
    expect(mergeRequests(h).map((m) => m.status)).toEqual([409]);
    expect(await mainLog(h)).toEqual([]);
    const newHead = h.standIn.state.pulls.get(a!.pr)!.headSha;
    expect(newHead).not.toBe(approvedHead);
    const state = stateOf(h, a!.issue);
    expect(state.queue?.reason).toContain(`waiting for /approve on ${newHead.slice(0, 7)}`);
    expect(h.standIn.state.issues.get(a!.issue)!.labels).toContain("status/in-review");

    // A new approval of the new head lands exactly that head, tested.
    await approve(h, a!.pr);
    expect(merged(h, a!.pr)).toBe(true);
    expect(mergeRequests(h).map((m) => m.status)).toEqual([409, 200]);
    expect(stateOf(h, a!.issue).merged?.sha).toBe(h.standIn.state.pulls.get(a!.pr)!.mergeCommitSha);
    expect([...h.standIn.state.checkRuns.values()].some((r) => r.headSha === newHead && r.name === "test" && r.conclusion === "success")).toBe(true);
  });

  it("finishes the queue after a restart in the middle: a new app instance reads the queue back from GitHub", async () => {
    const h = await start();
    const [a, b, c] = await workItems(h, [
      { goal: "Item A", files: { "a1.txt": "A\n" } },
      { goal: "Item B", files: { "b1.txt": "B\n" } },
      { goal: "Item C", files: { "c1.txt": "C\n" } },
    ]);
    for (const x of [a!, b!, c!]) await h.standIn.as("alice").comment(x.pr, "/approve");
    // Crash once A has landed and the other approvals are recorded, whatever the queue is doing then.
    const midQueue = () => merged(h, a!.pr) && [b!, c!].every((x) => stateOf(h, x.issue).approval !== undefined);
    for (let i = 0; i < 20_000 && !midQueue(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(midQueue()).toBe(true);
    await h.stopApp();
    await h.settle();
    const missed = h.standIn.deliveries.filter((d) => d.status === undefined || d.status >= 300).length;
    expect(missed).toBeGreaterThan(0);
    expect(merged(h, c!.pr)).toBe(false);

    await h.startApp();
    await sweepAll(h.probot, { appSlug: "orchestrator" });
    await h.settle();
    expect([a, b, c].map((x) => merged(h, x!.pr))).toEqual([true, true, true]);
    // C's and B's approvals waited (each was answered); A's was merged by the pass that handled it,
    // and that merge, on the same thread, is its only answer.
    expect([a, b, c].map((x) => commentsOn(h, x!.pr, "<!-- orchestrator:reply comment=").length)).toEqual([0, 1, 1]);
    expect(await mainLog(h)).toEqual([`Item A (#${a!.pr})`, `Item B (#${b!.pr})`, `Item C (#${c!.pr})`]);
    expect(mergeRequests(h).map((m) => m.status)).toEqual([200, 200, 200]);
  });
});
