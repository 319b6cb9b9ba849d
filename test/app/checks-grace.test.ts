/**
 * The checks grace (issue #11 "Tokens") through the real app (Probot) and the GitHub stand-in: the
 * simulated worker pushes as github-actions[bot] and the stand-in runs no CI, as GitHub does for a
 * push made with `GITHUB_TOKEN`. With a workflow triggered by pull requests in the repository, the
 * app says so once after `review.checks_grace_minutes` (a pull request comment with the fix and a
 * line in the status comment), however many sweeps follow, and the line goes away when a check
 * reports; without one, nothing is said. Time is the app's injected clock, moved by the test.
 */
import { describe, expect, it } from "vitest";
import { sweepAll } from "../../src/app/periodic.js";
import { CHECKS_MISSING_MARKER } from "../../src/domain/item/markers.js";
import type { Harness } from "../support/app-harness.js";
import { simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { commentsOn, formBody, itemState, REFERENCE_ITEM, statusText, writesSince } from "../support/work-items.js";

const harness = useHarness();
const BODY = formBody({ ...REFERENCE_ITEM, scope: "**" });
const CI_ON_PULL_REQUESTS = "name: ci\non:\n  pull_request:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: node test.mjs\n";
const NIGHTLY_ONLY = "name: nightly\non:\n  schedule:\n    - cron: '0 3 * * *'\n  push:\n    branches: [main]\njobs: {}\n";
const LINE = "**No checks:**";

async function start(workflow: string, clock: { ms: number }): Promise<Harness> {
  return harness.start({
    files: {
      "README.md": "# widgets\n",
      "test.mjs": 'console.log("ok");\n',
      [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW,
      ".github/workflows/ci.yml": workflow,
      ".github/orchestrator.yml": "worker:\n  test_command: node test.mjs\nreview:\n  checks_grace_minutes: 10\n",
    },
    workflows: { [WORKER_WORKFLOW_FILE]: simulatedWorker([]) },
    now: () => new Date(clock.ms).toISOString(),
  });
}

/** One periodic sweep at the clock's time. */
async function sweep(h: Harness, clock: { ms: number }): Promise<void> {
  await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
  await h.settle();
}

const notices = (h: Harness, pr: number) => commentsOn(h, pr).filter((c) => c.body.includes(CHECKS_MISSING_MARKER));

describe("checks grace: a worker pull request nothing reports on", () => {
  it("with a pull_request workflow: said once after the grace (pull request comment with the fix, status line), however many sweeps; a check arriving clears the line", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    const h = await start(CI_ON_PULL_REQUESTS, clock);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: BODY });
    await h.settle();
    const pr = itemState(h, n).pr!.number;
    const head = h.standIn.state.pulls.get(pr)!.headSha;
    expect(itemState(h, n).status).toBe("in-review");
    expect(itemState(h, n).checksWait).toEqual({ headSha: head, since: "2026-03-01T10:00:00.000Z" });

    // Within the grace: nothing is said.
    clock.ms += 9 * 60_000;
    await sweep(h, clock);
    expect(notices(h, pr)).toEqual([]);
    expect(statusText(h, n)).not.toContain(LINE);

    clock.ms += 60_000;
    await sweep(h, clock);
    const said = notices(h, pr);
    expect(said).toHaveLength(1);
    expect(said[0]!.user).toBe("orchestrator[bot]");
    expect(said[0]!.body).toContain(`head commit ${head.slice(0, 7)} within 10 minute(s)`);
    expect(said[0]!.body).toContain("`.github/workflows/ci.yml`");
    expect(said[0]!.body).toContain("actions/create-github-app-token");
    expect(statusText(h, n)).toContain(`${LINE} nothing has reported on ${head.slice(0, 7)}, the head of #${pr}`);
    expect(itemState(h, n).checksWait?.outcome).toBe("noticed");

    // Later sweeps write nothing more: one notice, one line.
    const from = h.standIn.requests.entries.length;
    for (let i = 0; i < 2; i++) {
      clock.ms += 5 * 60_000;
      await sweep(h, clock);
    }
    expect(notices(h, pr)).toHaveLength(1);
    expect(writesSince(h, from).filter((w) => w.item === pr || w.item === n).map((w) => `${w.method} ${w.route}`)).toEqual([]);
    expect(statusText(h, n).split(LINE)).toHaveLength(2);

    // A check arrives (an outside CI's commit status): the next sweep takes the line away.
    const walt = h.standIn.as("walt");
    const response = await fetch(`${h.standIn.apiUrl}/repos/acme/widgets/statuses/${head}`, {
      method: "POST",
      headers: { authorization: `token ${walt.token}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "success", context: "ci/test" }),
    });
    expect(response.status).toBe(201);
    await sweep(h, clock);
    expect(statusText(h, n)).not.toContain(LINE);
    expect(itemState(h, n).checksWait).toBeUndefined();
    expect(notices(h, pr)).toHaveLength(1);
  });

  it("without a workflow triggered by pull requests: nothing is said", async () => {
    const clock = { ms: Date.parse("2026-03-01T10:00:00Z") };
    const h = await start(NIGHTLY_ONLY, clock);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: BODY });
    await h.settle();
    const pr = itemState(h, n).pr!.number;
    for (let i = 0; i < 2; i++) {
      clock.ms += 11 * 60_000;
      await sweep(h, clock);
    }
    expect(notices(h, pr)).toEqual([]);
    expect(statusText(h, n)).not.toContain(LINE);
    // Decided once for the head: the workflow files are not read again.
    expect(itemState(h, n).checksWait?.outcome).toBe("no-pull-request-workflows");
    const workflowReads = h.standIn.requests.entries.map((e) => decodeURIComponent(e.path)).filter((p) => p.includes("/contents/.github/workflows"));
    expect(workflowReads).toEqual([
      "/repos/acme/widgets/contents/.github/workflows",
      "/repos/acme/widgets/contents/.github/workflows/ci.yml",
      `/repos/acme/widgets/contents/.github/workflows/${WORKER_WORKFLOW_FILE}`,
    ]);
  });
});
