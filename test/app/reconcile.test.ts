/**
 * Crash-only (issue #9 item 2): the reconciler re-derives an item from GitHub alone. The app dies
 * at a chosen request (its server stops; webhooks sent while it is down are lost), a fresh app
 * starts, and the periodic sweep (run once on demand) repairs the item: a worker's report and run
 * that were never handled are applied; an attempt recorded but never dispatched is dispatched once;
 * a status label that disagrees with the state block is put back to the block's status.
 */
import { describe, expect, it } from "vitest";
import { sweepAll } from "../../src/app/periodic.js";
import type { Harness } from "../support/app-harness.js";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../support/fixture-repo.js";
import { agentScript, itemState, scriptsDir, statusOf, workItemBody } from "../support/lifecycle.js";
import { isWrite } from "../support/standin/request-log.js";
import { useHarness } from "../support/use-harness.js";
import { workerRunner } from "../support/worker-runner.js";

const harness = useHarness();

const TOTAL = {
  strategies: [[{ write: { "total.mjs": "export const total = 3;\n", "tests/total.test.mjs": 'import assert from "node:assert/strict";\nimport { total } from "../total.mjs";\nassert.equal(total, 3);\n' } }]],
};

/** Starts the app; `dieAt` is called before each app request and may stop the app (a crash). */
async function start(dieAt: (url: string, h: Harness) => "die" | "die-before" | null, clock: { ms: number }): Promise<Harness> {
  const plan = agentScript(scriptsDir(), "total", TOTAL);
  let h: Harness | undefined;
  // `crashed`: the crash happened (once per test); `dead`: the crashed app is down, so every request
  // its unfinished handlers still make fails (a killed process makes none, retries included),
  // until a fresh app starts.
  let crashed = false;
  let dead = false;
  h = await harness.start({
    files: fixtureFiles(),
    ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
    workflows: { "orchestrator-worker.yml": workerRunner(() => plan) },
    now: () => new Date(clock.ms).toISOString(),
    beforeAppRequest: async ({ method, url }) => {
      if (!h) return;
      if (dead) throw new Error("the app is down (crashed)");
      if (crashed) return;
      const verdict = dieAt(`${method} ${url}`, h);
      if (verdict === null) return;
      crashed = true;
      dead = true;
      // The server stops at once: every webhook from now on is lost until startApp.
      void h.stopApp();
      if (verdict === "die-before") throw new Error("crashed before this request");
    },
  });
  const startApp = h.startApp.bind(h);
  h.startApp = async (...args: Parameters<Harness["startApp"]>) => {
    dead = false;
    return startApp(...args);
  };
  return h;
}

const OPEN = { title: "Add a total", body: workItemBody({ goal: "A total.", criteria: ["Given the library When imported Then total is 3"] }) };

describe("reconciler: the sweep repairs what a crash left", () => {
  it("applies a worker's report and run whose webhooks were lost, and puts a status label back to the state block's status", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    // Dies right after recording the attempt it dispatched (the item's write, after the dispatch):
    // the report and the run's completion arrive while the app is down.
    let dispatched = false;
    const h = await start((req) => {
      if (dispatched && req.startsWith("POST") && req.includes("/graphql")) return "die";
      if (req.includes("/dispatches")) dispatched = true;
      return null;
    }, clock);
    const n = await h.standIn.as("alice").openIssue(OPEN);
    await h.settle();
    expect(statusOf(h.standIn, n)).toBe("status/in-progress");
    const pr = [...h.standIn.state.pulls.values()][0];
    expect(pr).toBeDefined();
    // A person sets a status label by hand while the app is down; the state block disagrees.
    await h.standIn.as("alice").addLabels(n, ["status/approved"]);
    await h.settle();

    await h.startApp();
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();

    const state = itemState(h.standIn, n)!;
    expect(state.pr?.number).toBe(pr!.number);
    expect(state.attempts.map((a) => a.outcome)).toEqual(["pr"]);
    expect(statusOf(h.standIn, n)).toBe("status/in-review");
    expect(h.standIn.state.issues.get(n)!.labels.filter((l) => l.startsWith("status/"))).toEqual(["status/in-review"]);
    // Reviewed once the report recorded the pull request.
    expect(state.reviews.some((r) => r.headSha === state.pr!.headSha)).toBe(true);
  });

  it("gives up an attempt whose dispatch was claimed but never sent, and runs the next attempt exactly once", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    // Dies just before the dispatch request: attempt 1's dispatch key is claimed (the commit
    // point), no run exists, and nothing is recorded on the item yet (its record follows the dispatch).
    const h = await start((req) => (req.includes("/dispatches") ? "die-before" : null), clock);
    const n = await h.standIn.as("alice").openIssue(OPEN);
    await h.settle();
    expect(itemState(h.standIn, n)).toBeNull();
    expect(h.standIn.state.workflowRuns.size).toBe(0);

    await h.startApp();
    // The sweep triages the item and dispatches attempt 1 again: its key is claimed, so nothing is
    // sent and the attempt is recorded. Within the grace period the missing run may still be on
    // its way: nothing more is dispatched.
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(itemState(h.standIn, n)!.attempts.map((a) => a.outcome)).toEqual(["dispatched"]);
    expect(h.standIn.state.workflowRuns.size).toBe(0);

    clock.ms += 10 * 60_000;
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    // Attempt 1's dispatch key was claimed before the crash, so it is given up (a key is used once)
    // and attempt 2 runs; its own events reached the app this time: the item is in review.
    expect(h.standIn.state.workflowRuns.size).toBe(1);
    expect(itemState(h.standIn, n)!.attempts.map((a) => a.outcome)).toEqual(["failed", "pr"]);
    expect(statusOf(h.standIn, n)).toBe("status/in-review");
    // A second sweep changes nothing and dispatches nothing.
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(h.standIn.state.workflowRuns.size).toBe(1);
  });

  it("publishes a verdict recorded without its publication: the sweep posts its check runs and review, once", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    const h = await start(() => null, clock);
    const n = await h.standIn.as("alice").openIssue(OPEN);
    await h.settle();
    const state = itemState(h.standIn, n)!;
    const head = state.pr!.headSha!;
    expect(state.reviews.map((r) => r.headSha)).toContain(head);
    const ours = () => [...h.standIn.state.checkRuns.values()].filter((r) => r.headSha === head && r.name.startsWith("orchestrator/"));
    const reviews = () => h.standIn.state.reviews.filter((r) => r.commitId === head && r.user === "orchestrator[bot]");
    expect(ours()).toHaveLength(2);
    // The verdict (the commit point) is written and its publication is not: what a crash leaves
    // when the publication goes in a request of its own (the status comment created in the pass,
    // or written through REST without node ids), or when GitHub refused the publication's fields.
    await h.stopApp();
    for (const run of ours()) h.standIn.state.checkRuns.delete(run.id);
    for (const review of reviews()) h.standIn.state.reviews.splice(h.standIn.state.reviews.indexOf(review), 1);

    await h.startApp();
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(ours().map((r) => r.name).sort()).toEqual(["orchestrator/review", "orchestrator/scope"]);
    expect(reviews()).toHaveLength(1);
    // Another sweep finds it published: nothing more.
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(ours()).toHaveLength(2);
    expect(reviews()).toHaveLength(1);
  });

  it("records a landing a crash lost after GitHub closed the issue: the sweep finds the closed issue still labelled in review", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    // Dies once the merge is sent: GitHub merges and closes the issue (the pull request says
    // `Closes #N`), and the landing's record and the `closed` event are lost with the app.
    const h = await start((req) => (req.startsWith("PUT") && req.endsWith("/merge") ? "die" : null), clock);
    const n = await h.standIn.as("alice").openIssue(OPEN);
    await h.settle();
    const pr = itemState(h.standIn, n)!.pr!;
    await h.standIn.as("alice").comment(pr.number, "/approve");
    await h.settle();
    expect(h.standIn.state.pulls.get(pr.number)!.merged).toBe(true);
    expect(h.standIn.state.issues.get(n)!.state).toBe("closed");
    // The merge records itself: the item's write follows it, and was lost.
    expect(statusOf(h.standIn, n)).toBe("status/in-review");
    expect(itemState(h.standIn, n)!.merged).toBeUndefined();

    await h.startApp();
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(statusOf(h.standIn, n)).toBe("status/done");
    expect(itemState(h.standIn, n)!.merged).toMatchObject({ pr: pr.number, sha: h.standIn.state.pulls.get(pr.number)!.mergeCommitSha });
    const merges = h.standIn.requests.entries.filter((e) => e.route.endsWith("/merge") && e.method === "PUT");
    expect(merges).toHaveLength(1);
    // Another sweep finds nothing left to record: it writes nothing.
    const writes = h.standIn.requests.entries.filter(isWrite).length;
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(h.standIn.requests.entries.filter(isWrite).slice(writes)).toEqual([]);
  });

  it("handles an /approve given while the app was down: the sweep finds the command that left no trace, once", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    const h = await start(() => null, clock);
    const n = await h.standIn.as("alice").openIssue(OPEN);
    await h.settle();
    const pr = itemState(h.standIn, n)!.pr!;
    expect(statusOf(h.standIn, n)).toBe("status/in-review");

    await h.stopApp();
    await h.standIn.as("alice").comment(pr.number, "/approve");
    await h.settle();
    expect(statusOf(h.standIn, n)).toBe("status/in-review");

    await h.startApp();
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(statusOf(h.standIn, n)).toBe("status/done");
    expect(itemState(h.standIn, n)!.commands.filter((c) => c.command.startsWith("/approve"))).toHaveLength(1);
    const merges = h.standIn.requests.entries.filter((e) => e.route.endsWith("/merge") && e.method === "PUT" && e.status === 200);
    expect(merges).toHaveLength(1);
    // Another sweep finds nothing left to handle.
    const before = h.standIn.state.comments.size;
    await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
    await h.settle();
    expect(h.standIn.state.comments.size).toBe(before);
  });
});
