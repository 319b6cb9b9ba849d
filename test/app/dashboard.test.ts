/**
 * The dashboard issue through the real app (Probot) and the local GitHub stand-in (issue #15):
 * its content through a lifecycle (a worker in flight, a blocked item with its reason, a pull
 * request in the merge queue, a landed item gone), no rewrite when nothing on it changed, and a
 * ticked box acting with the same permissions as the command (refused and unticked for a triager,
 * applied for a writer). Workers are simulated (test/support/simulated-worker.ts); a blocked
 * attempt posts the worker's blocker report as the real worker does.
 */
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../src/domain/dashboard/render.js";
import { encodeWorkerReport, reportMarker } from "../../src/domain/item/markers.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { Harness } from "../support/app-harness.js";
import { REPO, simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE, type WorkerRun } from "../support/simulated-worker.js";
import type { WorkflowRunner } from "../support/standin/index.js";
import { useHarness } from "../support/use-harness.js";
import { commentsOn, itemState, labelsOf, requestsSince, workItemBody, writesSince } from "../support/work-items.js";

const harness = useHarness();

const CONFIG = ["dashboard:", "  enabled: true", "worker:", "  test_command: node test.mjs", ""].join("\n");

/** A worker run that ends in a blocker report (what the real worker posts when strategies run out). */
const blockedWorker: WorkflowRunner = async ({ inputs, env }) => {
  const issue = Number(inputs.issue);
  const attempt = Number(inputs.attempt);
  const octokit = new ProbotOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl: env.GITHUB_API_URL, retry: { enabled: false }, throttle: { enabled: false } });
  const report = encodeWorkerReport({
    v: 1,
    issue,
    attempt,
    runId: Number(env.GITHUB_RUN_ID),
    outcome: "blocked",
    iterations: 4,
    strategies: [],
    gated: [],
    outOfScope: [],
    deleted: 0,
    needsPerson: false,
    blocker: { kind: "exhausted", summary: "strategies exhausted after 4 iterations", hypothesis: "the test expects 42", intervention: "say which answer is right" },
  });
  await createOctokitPort(octokit, REPO).upsertComment(issue, reportMarker(attempt), `${reportMarker(attempt)}\n### Blocked: attempt ${attempt} of #${issue}\n\n${report}`);
  return { exitCode: 1 };
};

/** Items whose title starts with "Stuck" are blocked on their first attempt; "Slow" ones hang until cancelled. */
async function start(runs: WorkerRun[]): Promise<Harness> {
  const simulated = simulatedWorker(runs, { hang: (issue) => titles.get(issue)?.startsWith("Slow") ?? false });
  const titles = new Map<number, string>();
  const h = await harness.start({
    users: [
      { login: "alice", permission: "admin" },
      { login: "walt", permission: "write" },
      { login: "tess", permission: "triage" },
    ],
    files: { "README.md": "# widgets\n", "test.mjs": 'console.log("ok");\n', [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW, ".github/orchestrator.yml": CONFIG },
    ci: { command: "node test.mjs", name: "test" },
    workflows: {
      [WORKER_WORKFLOW_FILE]: async (args) => {
        const issue = Number(args.inputs.issue);
        titles.set(issue, h.standIn.state.issues.get(issue)?.title ?? "");
        return titles.get(issue)!.startsWith("Stuck") && args.inputs.attempt === "1" ? blockedWorker(args) : simulated(args);
      },
    },
  });
  return h;
}

const body = (goal: string, value = 3) => workItemBody({ goal, criteria: [`Given the library When I call it Then ${goal}`], value });

/** The dashboard issues (bot-authored, with the marker). */
function dashboards(h: Harness) {
  return [...h.standIn.state.issues.values()].filter((i) => i.user === "orchestrator[bot]" && (i.body ?? "").includes(DASHBOARD_MARKER));
}

function dashboard(h: Harness) {
  const found = dashboards(h);
  if (found.length !== 1) throw new Error(`expected one dashboard, found ${found.length}\n${h.standIn.formatTimeline()}`);
  return found[0]!;
}

const text = (h: Harness) => dashboard(h).body ?? "";

async function waitFor(h: Harness, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 6000 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}\n${h.standIn.formatTimeline()}`);
}

/** Ticks the box of `action` on `item` as `login` (an edit of the dashboard's body). */
async function tick(h: Harness, login: string, action: string, item: number): Promise<void> {
  const d = dashboard(h);
  const ticked = (d.body ?? "").replace(`- [ ] <!-- orchestrator:dashboard-action ${action} ${item} -->`, `- [x] <!-- orchestrator:dashboard-action ${action} ${item} -->`);
  expect(ticked).not.toBe(d.body);
  await h.standIn.as(login).editIssue(d.number, { body: ticked });
  await h.settle();
}

describe("dashboard issue", { timeout: 400_000 }, () => {
  it("shows a worker in flight, a blocked item, the merge queue and the backlog, follows the lifecycle, and is not rewritten when nothing on it changed", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs);
    const alice = h.standIn.as("alice");
    const stuck = await alice.openIssue({ title: "Stuck answer", body: body("answer is 42") });
    const total = await alice.openIssue({ title: "Add a total", body: body("total is 42", 4) });
    const slow = await alice.openIssue({ title: "Slow report", body: body("report is 9", 2) });
    await waitFor(h, () => dashboards(h).length === 1 && /\| #\d+ Slow report \| 1 of 3 \(initial\) \| under 1 min \| \[run\]\(/.test(text(h)), "the slow worker on the dashboard");
    await h.standIn.as("walt").comment(slow, "/cancel");
    await h.settle();

    const d = dashboard(h);
    expect(d.labels).toContain("orchestrator/ignore");
    expect(labelsOf(h, d.number).some((l) => l.startsWith("status/"))).toBe(false);
    const pr = itemState(h, total).pr!.number;
    expect(text(h)).toMatch(new RegExp(`^- \\[ \\] <!-- orchestrator:dashboard-action retry ${stuck} --> Retry #${stuck} Stuck answer — blocked: strategies exhausted after 4 iterations$`, "m"));
    expect(text(h)).toMatch(new RegExp(`\\| — \\| #${total} Add a total \\| #${pr} \\| in-review \\| waiting for /approve on [0-9a-f]{7} \\|`));
    expect(text(h)).toContain("No workers in flight.");
    expect(text(h)).toMatch(new RegExp(`\\| 1 \\| #${total} Add a total \\| in-review \\| 4 \\|`));

    await h.standIn.as("walt").comment(pr, "/approve");
    await h.settle();
    expect(h.standIn.state.issues.get(total)?.state).toBe("closed");
    expect(text(h)).not.toContain("Add a total");
    expect(text(h)).toContain("The merge queue is empty.");
    expect(dashboards(h)).toHaveLength(1);

    // A write that changes nothing on the dashboard: it is read and compared, not rewritten.
    const from = h.standIn.requests.entries.length;
    const before = text(h);
    await alice.comment(stuck, "/help");
    await h.settle();
    expect(commentsOn(h, stuck).some((c) => c.body.includes("Who may use them"))).toBe(true);
    expect(requestsSince(h, from)).toContain("GET /repos/acme/widgets/issues");
    expect(writesSince(h, from).filter((w) => w.path === `/repos/acme/widgets/issues/${d.number}`)).toEqual([]);
    expect(text(h)).toBe(before);
  });

  it("a ticked retry box is refused and unticked for a triager, with a reply saying who may, and retries the item for a writer", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs);
    const stuck = await h.standIn.as("alice").openIssue({ title: "Stuck answer", body: body("answer is 42") });
    await h.settle();
    expect(itemState(h, stuck).status).toBe("blocked");

    await tick(h, "tess", "retry", stuck);
    const reply = commentsOn(h, dashboard(h).number).find((c) => c.body.includes("@tess"));
    expect(reply?.body).toContain(`\`/retry\` on #${stuck} was not accepted: @tess has \`triage\` permission`);
    expect(reply?.body).toContain("Who may: people with write, maintain or admin permission");
    expect(itemState(h, stuck).status).toBe("blocked");
    expect(text(h)).toContain(`- [ ] <!-- orchestrator:dashboard-action retry ${stuck} -->`);
    expect(runs).toHaveLength(0);

    await tick(h, "walt", "retry", stuck);
    const state = itemState(h, stuck);
    expect(state.attempts.map((a) => a.reason)).toEqual(["initial", "retry"]);
    expect(state.commands.map((c) => `${c.by} ${c.command}`)).toEqual(["walt /retry"]);
    expect(state.status).toBe("in-review");
    expect(commentsOn(h, stuck).some((c) => c.body.includes("@walt New attempt requested by @walt."))).toBe(true);
    expect(text(h)).not.toContain("dashboard-action retry");
  });
});
