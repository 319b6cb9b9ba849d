/**
 * Crash-only: the app dies right after a merge it (or anyone) made, before the bookkeeping. When
 * the issue's `closed` event reaches a fresh app (GitHub's redelivery, or another replica), the
 * landing is recorded: the item is done, with a landed comment carrying the merge commit.
 */
import { describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { useHarness } from "../support/use-harness.js";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../support/fixture-repo.js";
import { agentScript, itemState, scriptsDir, statusOf, workItemBody } from "../support/lifecycle.js";
import { workerRunner } from "../support/worker-runner.js";

const harness = useHarness();

describe("recovery after a crash between merge and bookkeeping", () => {
  it("records the landing when the issue's closed event reaches a restarted app", async () => {
    const plan = agentScript(scriptsDir(), "total", {
      strategies: [[{ write: { "total.mjs": "export const total = 3;\n", "tests/total.test.mjs": 'import assert from "node:assert/strict";\nimport { total } from "../total.mjs";\nassert.equal(total, 3);\n' } }]],
    });
    const h = await harness.start({
      files: fixtureFiles(),
      ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
      workflows: { "orchestrator-worker.yml": workerRunner(() => plan) },
    });
    // Held, so the queue leaves it alone: the merge below happens outside the app.
    const n = await h.standIn.as("alice").openIssue({
      title: "Add a total",
      body: workItemBody({ goal: "A total.", criteria: ["Given the library When imported Then total is 3"] }),
    });
    await h.settle();
    const pr = itemState(h.standIn, n)!.pr!;
    await h.standIn.as("alice").addLabels(n, ["hold"]);
    await h.settle();
    expect(statusOf(h.standIn, n)).toBe("status/in-review");

    await h.stopApp();
    const octokit = new ProbotOctokit({ auth: { token: h.standIn.installationToken() }, baseUrl: h.standIn.apiUrl, throttle: { enabled: false } });
    const merged = await octokit.rest.pulls.merge({ owner: "acme", repo: "widgets", pull_number: pr.number, merge_method: "merge" });
    await h.settle();
    const closed = h.standIn.deliveries.find((d) => d.event === "issues" && d.action === "closed" && (d.payload.issue as { number: number }).number === n);
    expect(closed?.status).toBeUndefined(); // missed: the app was down
    expect(statusOf(h.standIn, n)).toBe("status/in-review");

    await h.startApp();
    h.standIn.redeliver(closed!.id);
    await h.settle();

    expect(statusOf(h.standIn, n)).toBe("status/done");
    expect(itemState(h.standIn, n)?.merged?.sha).toBe(merged.data.sha);
    const landed = [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === n && c.body.includes("orchestrator:landed"));
    expect(landed).toHaveLength(1);
    expect(landed[0]!.body).toContain(merged.data.sha);
  });
});
