/**
 * Human commands through the real app (Probot) and the local GitHub stand-in (issue #5
 * "Commands", done-when list): accepted from a writer, refused with a reply and no change from a
 * read-only collaborator, an outsider and a bot; `/approve` on an issue versus a pull request;
 * approval voided by a new commit and kept across the merge queue's own base update; `/retry`
 * guidance reaching the next attempt's envelope; `/cancel`; a redelivered comment acting once.
 *
 * Workers are simulated (test/support/simulated-worker.ts): each run builds the task envelope from
 * the item's state, pushes the worker branch, opens the pull request and posts the worker report.
 */
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import type { ItemState } from "../../src/domain/item-state.js";
import { labelCatalog } from "../../src/domain/labels.js";
import { loadItem, saveItem } from "../../src/app/item-store.js";
import { itemWrites } from "../../src/app/item-writes.js";
import type { RepoSession } from "../../src/app/session.js";
import { ownership } from "../../src/domain/item/ownership.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { Harness, HarnessOptions } from "../support/app-harness.js";
import { REPO, simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE, type SimulatedWorkerOptions, type WorkerRun } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { formBody, REFERENCE_ITEM } from "../support/work-items.js";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

const harness = useHarness();

const CONFIG = ["review:", "  require_independent_approval: true", "merge:", "  accept_github_reviews: true", "worker:", "  test_command: node test.mjs", ""].join("\n");
/** The reference work item, every path in scope. */
const BODY = formBody({ ...REFERENCE_ITEM, scope: "**" });

async function start(runs: WorkerRun[], options: SimulatedWorkerOptions = {}, beforeAppRequest?: HarnessOptions["beforeAppRequest"]): Promise<Harness> {
  return harness.start({
    ...(beforeAppRequest ? { beforeAppRequest } : {}),
    files: {
      "README.md": "# widgets\n",
      "test.mjs": 'console.log("ok");\n',
      [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW,
      ".github/orchestrator.yml": CONFIG,
    },
    ci: { command: "node test.mjs", name: "test" },
    workflows: { [WORKER_WORKFLOW_FILE]: simulatedWorker(runs, options) },
  });
}

// --- reading the stand-in ------------------------------------------------------------------------

function statusComment(h: Harness, issue: number) {
  return [...h.standIn.state.comments.values()].find((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
}

function stateOf(h: Harness, issue: number): ItemState {
  const comment = statusComment(h, issue);
  const decoded = comment ? decodeStateBlock(comment.body) : null;
  if (decoded?.kind !== "ok") throw new Error(`no state on #${issue}\n${h.standIn.formatTimeline()}`);
  return decoded.state;
}

function labelsOf(h: Harness, issue: number): string[] {
  return [...(h.standIn.state.issues.get(issue)?.labels ?? [])].sort();
}

function statusOf(h: Harness, issue: number): string | undefined {
  return h.standIn.state.issues.get(issue)?.labels.find((l) => l.startsWith("status/"));
}

/** The app's replies to comment `id` (by marker). */
function repliesTo(h: Harness, id: number) {
  return [...h.standIn.state.comments.values()].filter((c) => c.body.includes(`<!-- orchestrator:reply comment=${id} -->`));
}

function reactionsOn(h: Harness, id: number): string[] {
  return h.standIn.state.reactions.filter((r) => r.commentId === id).map((r) => `${r.user}:${r.content}`);
}

/** Everything a refused command must leave alone: the status comment and the labels. */
function snapshot(h: Harness, issue: number) {
  return { status: statusComment(h, issue)?.body, labels: labelsOf(h, issue), runs: h.standIn.state.workflowRuns.size };
}

async function comment(h: Harness, login: string, issue: number, text: string): Promise<number> {
  const id = await h.standIn.as(login).comment(issue, text);
  await h.settle();
  return id;
}

/** Polls until `condition` holds (for states `settle` cannot wait for, such as a worker still running). */
async function waitFor(h: Harness, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}\n${h.standIn.formatTimeline()}`);
}

/** Opens a held, trusted work item, lets the app triage it, and returns its number. */
async function heldItem(h: Harness, by = "alice"): Promise<number> {
  const n = await h.standIn.as(by).openIssue({ title: `Add a total ${by}`, body: BODY, labels: ["hold"] });
  await h.settle();
  return n;
}

/** Opens an item and lets the simulated worker take it to a pull request in review. */
async function itemInReview(h: Harness): Promise<{ issue: number; pr: number; head: string }> {
  const issue = await h.standIn.as("alice").openIssue({ title: "Add a total", body: BODY });
  await h.settle();
  const state = stateOf(h, issue);
  expect(statusOf(h, issue), h.standIn.formatTimeline()).toBe("status/in-review");
  return { issue, pr: state.pr!.number, head: state.pr!.headSha! };
}

/** A session acting as the app's installation (to play the merge queue's own writes). */
function appSession(h: Harness): RepoSession {
  const octokit = new ProbotOctokit({ auth: { token: h.standIn.installationToken() }, baseUrl: h.standIn.apiUrl, retry: { enabled: false }, throttle: { enabled: false } });
  const config = configSchema.parse({ review: { require_independent_approval: true }, merge: { accept_github_reviews: true }, worker: { test_command: "node test.mjs" } });
  const quiet = { info() {}, warn() {}, error() {}, debug() {} };
  const catalog = labelCatalog(config);
  const now = () => new Date().toISOString();
  const items = itemWrites(createOctokitPort(octokit, REPO, { appSlug: "orchestrator" }), catalog, now);
  return { port: items.port, items, config, catalog, log: quiet, ours: ownership("orchestrator"), now };
}

// --- tests ---------------------------------------------------------------------------------------

const EVERY_COMMAND = ["/approve", "/approve cancel", "/retry try again", "/hold wait", "/unhold", "/wsjf value=5", "/track hotfix", "/cancel"];

describe("commands: permission", () => {
  it("refuses every command from a read-only collaborator and an outsider with a reply saying why and who may, and changes nothing; a bot is ignored silently", async () => {
    const h = await start([]);
    const n = await heldItem(h);
    const before = snapshot(h, n);
    for (const login of ["rita", "olga"]) {
      for (const text of EVERY_COMMAND) {
        const id = await comment(h, login, n, text);
        const replies = repliesTo(h, id);
        expect(replies, `${login} ${text}`).toHaveLength(1);
        expect(replies[0]!.user).toBe("orchestrator[bot]");
        expect(replies[0]!.body).toContain(`\`${text}\` was not accepted`);
        expect(replies[0]!.body).toContain(login === "rita" ? "`read` permission" : "no permission");
        expect(replies[0]!.body).toContain("Who may: people with write, maintain or admin permission");
        expect(reactionsOn(h, id)).toEqual([]); // the reply says it: one answer, not two
      }
    }
    for (const text of [...EVERY_COMMAND, "/help"]) {
      const id = await comment(h, "dependabot[bot]", n, text);
      expect(repliesTo(h, id), text).toEqual([]);
      expect(reactionsOn(h, id)).toEqual([]);
    }
    expect(snapshot(h, n)).toEqual(before);
    expect(stateOf(h, n).commands).toEqual([]);
  });

  it("accepts each command from a writer: labels, rescoring, hold, retry guidance, cancel of the running worker", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs, { hang: () => true });
    const n = await heldItem(h);
    expect(statusOf(h, n)).toBe("status/ready");

    const wsjf = await comment(h, "walt", n, "/wsjf value=5 urgency=4");
    expect(labelsOf(h, n)).toEqual(expect.arrayContaining(["value/5", "urgency/4"]));
    expect(stateOf(h, n).wsjf).toMatchObject({ value: 5, urgency: 4 });
    expect(reactionsOn(h, wsjf)).toEqual([]);
    expect(repliesTo(h, wsjf)).toHaveLength(1);

    await comment(h, "walt", n, "/track project");
    expect(labelsOf(h, n)).toContain("track/project");
    expect(stateOf(h, n).track).toBe("project");
    await comment(h, "walt", n, "/track standard");
    expect(stateOf(h, n).track).toBe("standard");

    // The worker keeps running until cancelled, so wait for it instead of for a quiet stand-in.
    const unhold = await h.standIn.as("walt").comment(n, "/unhold");
    await waitFor(h, () => repliesTo(h, unhold).length > 0 && runs.length > 0, "the answer and the worker run started");
    expect(labelsOf(h, n)).not.toContain("hold");
    expect(reactionsOn(h, unhold)).toEqual([]);
    expect(statusOf(h, n)).toBe("status/in-progress");
    expect(runs.map((r) => r.attempt)).toEqual([1]);
    const run = [...h.standIn.state.workflowRuns.values()][0]!;
    // Recorded by the pass that dispatched it: GitHub names the run in the dispatch's answer.
    expect(stateOf(h, n).attempts[0]?.runId).toBe(run.id);

    const cancel = await h.standIn.as("walt").comment(n, "/cancel");
    await waitFor(h, () => run.status === "completed", "the run to be cancelled");
    await h.settle();
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("cancelled");
    expect(stateOf(h, n).attempts[0]).toMatchObject({ outcome: "cancelled", summary: "cancelled by @walt" });
    expect(labelsOf(h, n)).toContain("hold");
    expect(statusOf(h, n)).toBe("status/ready");
    expect(reactionsOn(h, cancel)).toEqual([]);
    expect(repliesTo(h, cancel)[0]?.body).toContain(`Cancelling attempt 1 (run ${run.id}).`);
    expect(h.standIn.state.workflowRuns.size).toBe(1); // the completion guarantee did not re-dispatch

    await comment(h, "walt", n, "/retry keep it small");
    expect(stateOf(h, n).guidance).toEqual(["keep it small"]);
    expect(h.standIn.state.workflowRuns.size).toBe(1); // held: the attempt starts after /unhold

    const hold = await comment(h, "walt", n, "/hold");
    expect(reactionsOn(h, hold)).toEqual([]);
    expect(repliesTo(h, hold)).toHaveLength(1); // accepted; already on hold, and says so
    const help = await comment(h, "olga", n, "/help");
    expect(repliesTo(h, help)[0]?.body).toContain("### Orchestrator commands");

    expect(stateOf(h, n).commands.map((c) => `${c.by} ${c.command}`)).toEqual([
      "walt /wsjf value=5 urgency=4",
      "walt /track project",
      "walt /track standard",
      "walt /unhold",
      "walt /cancel",
      "walt /retry keep it small",
      "walt /hold",
      "olga /help",
    ]);
  });

  it("answers a malformed command with what is wrong and the correct form, changing nothing", async () => {
    const h = await start([]);
    const n = await heldItem(h);
    const before = snapshot(h, n);
    const id = await comment(h, "walt", n, "/wsjf value=9\n/aprove");
    const reply = repliesTo(h, id)[0]!.body;
    expect(reply).toContain("`value=9` must be a whole number from 1 to 5");
    expect(reply).toContain("Did you mean `/approve`?");
    expect(reactionsOn(h, id)).toEqual([]);
    expect(snapshot(h, n)).toEqual(before);
  });

  it("/approve on an issue approves an outsider's item for the agents; refused from a read-only collaborator", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs);
    const n = await h.standIn.as("olga").openIssue({ title: "Please add a total", body: BODY });
    await h.settle();
    expect(statusOf(h, n)).toBe("status/needs-approval");

    await comment(h, "rita", n, "/approve");
    expect(statusOf(h, n)).toBe("status/needs-approval");
    expect(stateOf(h, n).itemApproval).toBeUndefined();

    const ok = await comment(h, "walt", n, "/approve");
    expect(stateOf(h, n)).toMatchObject({ trusted: true, itemApproval: { by: "walt" } });
    expect(stateOf(h, n).approval).toBeUndefined(); // not a pull request approval
    expect(repliesTo(h, ok)[0]?.body).toContain("Approved for the agents by @walt");
    expect(runs.map((r) => r.issue)).toEqual([n]); // triaged to ready and dispatched
    expect(statusOf(h, n)).toBe("status/in-review");
  });
});

describe("commands on pull requests", () => {
  it("/approve on the pull request records the head and moves the item to approved (not on the issue; not by the issue's author; a trusted GitHub review APPROVE counts); the queue's base update keeps it, a new commit voids it", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs);
    const { issue, pr, head } = await itemInReview(h);
    await comment(h, "alice", issue, "/hold");

    const self = await comment(h, "alice", pr, "/approve");
    expect(repliesTo(h, self)[0]?.body).toContain("opened the issue this pull request implements");
    expect(stateOf(h, issue).approval).toBeUndefined();

    const onIssue = await comment(h, "walt", issue, "/approve");
    expect(repliesTo(h, onIssue)[0]?.body).toContain("needs no approval");
    expect(stateOf(h, issue).approval).toBeUndefined();

    await h.standIn.as("rita").review(pr, "APPROVE");
    await h.settle();
    expect(stateOf(h, issue).approval).toBeUndefined();
    expect([...h.standIn.state.comments.values()].some((c) => c.issueNumber === pr && c.body.includes("orchestrator:reply review=") && c.body.includes("`read` permission"))).toBe(true);

    const ok = await comment(h, "walt", pr, "/approve");
    expect(stateOf(h, issue).approval).toMatchObject({ by: "walt", headSha: head, commentId: ok, via: "command" });
    expect(statusOf(h, issue)).toBe("status/approved");
    expect(stateOf(h, issue).commands.at(-1)).toMatchObject({ command: "/approve", by: "walt", headSha: head });
    expect(reactionsOn(h, ok)).toEqual([]);
    expect(repliesTo(h, ok)).toHaveLength(1);

    await comment(h, "walt", pr, "/approve cancel");
    expect(stateOf(h, issue).approval).toBeUndefined();
    expect(statusOf(h, issue)).toBe("status/in-review");

    await h.standIn.as("walt").review(pr, "APPROVE", "looks good");
    await h.settle();
    expect(stateOf(h, issue).approval).toMatchObject({ by: "walt", headSha: head, via: "review" });
    expect(statusOf(h, issue)).toBe("status/approved");

    // The queue's own update from the base (as src/app/queue.ts does it): intent recorded, then
    // update-branch as the app; the approval carries over to the updated head.
    await h.standIn.as("alice").pushCommit("main", { "CHANGELOG.md": "base moved\n" }, "base moves on");
    await h.settle();
    const app = appSession(h);
    const item = (await loadItem(app, issue))!;
    await saveItem(app, item, { ...item.state, status: "merging", queue: { reason: "updating", updatedFrom: head } });
    const result = await app.port.updateBranch(pr, head);
    expect(result.ok).toBe(true);
    await h.settle();
    const updated = h.standIn.state.pulls.get(pr)!.headSha;
    expect(updated).not.toBe(head);
    const kept = stateOf(h, issue);
    expect(kept.approval?.headSha).toBe(head);
    expect(kept.queue).toMatchObject({ updatedFrom: head, updatedTo: updated });
    expect(kept.pr?.headSha).toBe(updated);
    expect(statusOf(h, issue), h.standIn.formatTimeline()).toBe("status/approved");
    expect([...h.standIn.state.comments.values()].filter((c) => c.body.includes("orchestrator:approval-voided"))).toEqual([]);

    // Anyone else's commit voids it.
    const pushed = await h.standIn.as("walt").pushCommit(`orchestrator/${issue}-work`, { "extra.txt": "more\n" }, "one more thing");
    await h.settle();
    const voided = stateOf(h, issue);
    expect(voided.approval).toBeUndefined();
    expect(voided.pr?.headSha).toBe(pushed);
    expect(statusOf(h, issue)).toBe("status/in-review");
    const notes = [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === pr && c.body.includes("orchestrator:approval-voided"));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(`voided by commit \`${pushed.slice(0, 7)}\``);
    expect(notes[0]!.body).toContain("@walt");
  });
});

describe("commands: retry and redelivery", () => {
  it("/approve whose pass fails after recording it (the merge request breaks) still gets its reply, sent last", async () => {
    let breakMerge = true;
    const h = await start([], {}, async ({ method, url }) => {
      if (breakMerge && method === "PUT" && url.endsWith("/merge")) {
        breakMerge = false;
        throw new Error("connection reset by peer");
      }
    });
    const { issue, pr, head } = await itemInReview(h);
    const ok = await comment(h, "walt", pr, "/approve");
    expect(breakMerge).toBe(false);
    expect(stateOf(h, issue).approval).toMatchObject({ by: "walt", headSha: head, commentId: ok });
    expect(reactionsOn(h, ok)).toEqual([]); // one answer: the reply
    expect(repliesTo(h, ok)).toHaveLength(1);
    // Sent last: after the item's write and the merge queue's check run of that pass.
    const replyAt = repliesTo(h, ok)[0]!.id;
    expect(statusComment(h, issue)!.id).toBeLessThan(replyAt);
  });

  it("a landed pull request whose body no longer closes its issue: the app closes the issue itself (GitHub closes it only for a closing keyword)", async () => {
    const h = await start([]);
    const { issue, pr } = await itemInReview(h);
    expect(h.standIn.state.issues.get(pr)!.body).toContain(`Closes #${issue}`);
    await h.standIn.as("walt").editIssue(pr, { body: "The work of the item, described without a closing keyword." });
    await h.settle();
    await comment(h, "walt", pr, "/approve");
    await waitFor(h, () => h.standIn.state.pulls.get(pr)!.merged, "the merge");
    await h.settle();
    expect(statusOf(h, issue)).toBe("status/done");
    expect(h.standIn.state.issues.get(issue)!.state).toBe("closed");
    const closes = h.standIn.requests.entries.filter((e) => e.caller === "orchestrator[bot]" && e.method === "PATCH" && e.path.endsWith(`/issues/${issue}`));
    expect(closes).toHaveLength(1);
  });

  it("/retry puts the guidance into the state and dispatches a new attempt whose envelope carries it; a redelivered comment acts once; an edited comment is not re-run", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs);
    const { issue } = await itemInReview(h);
    const id = await comment(h, "walt", issue, "/retry Use a reduce instead of a loop");
    const state = stateOf(h, issue);
    expect(state.guidance).toEqual(["Use a reduce instead of a loop"]);
    expect(state.attempts.map((a) => `${a.n}:${a.reason}:${a.outcome}`)).toEqual(["1:initial:pr", "2:retry:pr"]);
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
    expect(runs[0]!.envelope?.retryGuidance).toEqual([]);
    expect(runs[1]!.envelope?.retryGuidance).toEqual(["Use a reduce instead of a loop"]);
    expect(repliesTo(h, id)[0]?.body).toContain("The guidance goes into the next attempt's task envelope.");
    expect(statusOf(h, issue)).toBe("status/in-review");

    const before = { state: statusComment(h, issue)?.body, runs: h.standIn.state.workflowRuns.size, comments: h.standIn.state.comments.size, reactions: h.standIn.state.reactions.length };
    const delivery = h.standIn.deliveries.find((d) => d.event === "issue_comment" && (d.payload.comment as { id: number }).id === id)!;
    h.standIn.redeliver(delivery.id);
    await h.settle();
    expect(h.standIn.deliveries.filter((d) => d.id === delivery.id)).toHaveLength(2);
    expect(h.standIn.deliveries.at(-1)?.status).toBe(200);

    await h.standIn.as("walt").editComment(id, "/retry Use a reduce instead of a loop\n/hold");
    await h.settle();

    const after = { state: statusComment(h, issue)?.body, runs: h.standIn.state.workflowRuns.size, comments: h.standIn.state.comments.size, reactions: h.standIn.state.reactions.length };
    expect(after).toEqual(before);
    expect(repliesTo(h, id)).toHaveLength(1);
    expect(reactionsOn(h, id)).toEqual([]);
    expect(stateOf(h, issue).commands.filter((c) => c.commentId === id)).toHaveLength(1);
    expect(labelsOf(h, issue)).not.toContain("hold");
  });
});
