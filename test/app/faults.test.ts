/**
 * GitHub's failures through the real app (issue #9, "Done when": 10% injected API faults over 5
 * items and their commands). The stand-in fails a seeded 10% of the app's requests as GitHub does:
 * 502/503, secondary rate limits (403/429 + retry-after), primary rate limits (x-ratelimit-remaining
 * 0 + reset) and writes whose answer is lost (applied, connection dropped). The app's Octokit
 * (src/github/octokit-client.ts, waits scaled by TEST_RETRY_POLICY) must retry what GitHub says to
 * retry and never repeat a write blindly: every item ends done, with one status comment, one worker
 * run and one merge, and the commands given along the way took effect.
 */
import { describe, expect, it } from "vitest";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";
import type { Harness } from "../support/app-harness.js";
import { simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE, type WorkerRun } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { formBody, REFERENCE_ITEM } from "../support/work-items.js";

const harness = useHarness();
const CONFIG = ["worker:", "  max_concurrent: 5", "  test_command: node test.mjs", ""].join("\n");
const BODY = formBody({ ...REFERENCE_ITEM, scope: "**" });

/** Comments carrying the status marker on an issue. */
function statusComments(h: Harness, issue: number) {
  return [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
}

function stateOf(h: Harness, issue: number) {
  const [comment] = statusComments(h, issue);
  const decoded = comment ? decodeStateBlock(comment.body) : null;
  if (decoded?.kind !== "ok") throw new Error(`no state on #${issue}\n${h.standIn.formatTimeline()}`);
  return decoded.state;
}

const statusOf = (h: Harness, issue: number) => h.standIn.state.issues.get(issue)?.labels.find((l) => l.startsWith("status/"));

describe("10% injected GitHub API faults", { timeout: 900_000 }, () => {
  it("5 items and their commands (/wsjf, /hold, /unhold, /approve) all end done: one status comment, one run and one merge each", async () => {
    const runs: WorkerRun[] = [];
    const h = await harness.start({
      files: { "README.md": "# widgets\n", "test.mjs": 'console.log("ok");\n', [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW, ".github/orchestrator.yml": CONFIG },
      ci: { command: "node test.mjs", name: "test" },
      workflows: { [WORKER_WORKFLOW_FILE]: simulatedWorker(runs) },
    });
    h.standIn.setFaults({ rate: 0.1, seed: 20261130, retryAfterSeconds: 60, resetInSeconds: 5 });
    const alice = h.standIn.as("alice");
    const walt = h.standIn.as("walt");

    const items: number[] = [];
    for (let i = 1; i <= 5; i++) items.push(await alice.openIssue({ title: `Add total ${i}`, body: BODY, ...(i > 3 ? { labels: ["hold"] } : {}) }));
    await h.settle();
    const [, , , heldA, heldB] = items as [number, number, number, number, number];
    expect(statusOf(h, heldA), h.standIn.formatTimeline()).toBe("status/ready");

    await walt.comment(heldA, "/wsjf value=5");
    await h.settle();
    await walt.comment(heldA, "/unhold");
    await walt.comment(heldB, "/unhold");
    await h.settle();
    for (const n of items) expect(statusOf(h, n), `#${n}\n${h.standIn.formatTimeline()}`).toBe("status/in-review");
    expect(stateOf(h, heldA).wsjf).toMatchObject({ value: 5 });

    for (const n of items) await walt.comment(stateOf(h, n).pr!.number, "/approve");
    await h.settle();

    for (const n of items) {
      expect(statusOf(h, n), `#${n}\n${h.standIn.formatTimeline()}`).toBe("status/done");
      expect(h.standIn.state.issues.get(n)?.state).toBe("closed");
      expect(statusComments(h, n), `#${n}: one status comment`).toHaveLength(1);
      expect(runs.filter((r) => r.issue === n), `#${n}: one worker run`).toHaveLength(1);
      const pr = h.standIn.state.pulls.get(stateOf(h, n).pr!.number)!;
      expect(pr.merged).toBe(true);
    }
    // The app's writes of one of each kind of comment are not repeated either.
    const duplicates = [...h.standIn.state.comments.values()].filter(
      (c, i, all) => c.user === "orchestrator[bot]" && all.findIndex((d) => d.issueNumber === c.issueNumber && d.body === c.body && d.user === c.user) !== i,
    );
    expect(duplicates.map((c) => `#${c.issueNumber}: ${c.body.slice(0, 80)}`)).toEqual([]);
    expect(h.standIn.state.workflowRuns.size).toBe(5);
    const kinds = new Set(h.standIn.injectedFaults.map((f) => f.kind));
    // 10% of the app's requests in this run (about 180 since the pass writes an item and its
    // publications in one request and reads the event's pull request with its view).
    expect(h.standIn.injectedFaults.length).toBeGreaterThanOrEqual(15);
    expect([...kinds].sort()).toEqual(["lost-response", "primary-rate-limit", "secondary-rate-limit", "server-error"]);
    // Every delivery was answered 2xx: no handler gave up.
    expect(h.standIn.deliveries.filter((d) => d.status !== undefined && (d.status < 200 || d.status >= 300)).map((d) => `${d.event}.${d.action} ${d.status}`)).toEqual([]);
  });
});
