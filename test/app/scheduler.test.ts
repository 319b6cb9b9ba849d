/**
 * Scheduling, dispatch and the completion guarantee through the real app (Probot) and the local
 * GitHub stand-in (issue #4 "Scheduling and dispatch (app side)", "Completion guarantee (app
 * side)", done-when: "a redelivered event dispatching once; capacity and WSJF order respected
 * with five ready items and max_concurrent: 2").
 *
 * Workers are simulated by a gate: each workflow run records its inputs and then waits until the
 * test finishes it (a worker blocker report and exit 0, or an exit code without any report), or
 * finishes at once by a policy. While runs wait in the gate the stand-in is never idle, so
 * `quiet()` waits until every delivery is answered and every unfinished run waits in the gate.
 */
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { Harness } from "../support/app-harness.js";
import { fixtureFiles } from "../support/fixture-repo.js";
import { workItemBody } from "../support/lifecycle.js";
import type { WorkflowRunner } from "../support/standin/index.js";
import { REPO, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE as WORKFLOW_FILE } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { commentsOn, itemState, labelsOf, statusLabels, statusText } from "../support/work-items.js";
import { encodeWorkerReport, reportMarker, RUN_FAILURE_MARKER } from "../../src/domain/item/markers.js";

const harness = useHarness();


function config(worker: { maxConcurrent?: number; maxAttempts?: number }): string {
  return [
    "worker:",
    ...(worker.maxConcurrent !== undefined ? [`  max_concurrent: ${worker.maxConcurrent}`] : []),
    ...(worker.maxAttempts !== undefined ? [`  max_attempts: ${worker.maxAttempts}`] : []),
    "  test_command: node test.mjs",
    "",
  ].join("\n");
}

// --- the gate: simulated workers the test finishes ------------------------------------------------

/** How a simulated worker run ends: a blocker report (then exit 0), or an exit code and no report. */
type Finish = { report: true } | { report?: false; exitCode: number };

interface GateRun {
  runId: number;
  issue: number;
  attempt: number;
  /** Set while the run waits for the test. */
  release?: (finish: Finish) => void;
}

interface Gate {
  runner: WorkflowRunner;
  /** Every run the stand-in started, in start order. */
  runs: GateRun[];
  /** Finishes the one waiting run of `issue`. */
  finish(issue: number, how: Finish): void;
}

/**
 * A gate of simulated workers. `policy` decides at once for a run (else the run waits); a run
 * cancelled through the API ends at once (the stand-in concludes it `cancelled`).
 */
function gate(policy: (issue: number, attempt: number) => Finish | undefined = () => undefined): Gate {
  const runs: GateRun[] = [];
  const runner: WorkflowRunner = async ({ runId, inputs, env, signal }) => {
    const run: GateRun = { runId, issue: Number(inputs.issue), attempt: Number(inputs.attempt) };
    runs.push(run);
    const finish =
      policy(run.issue, run.attempt) ??
      (await new Promise<Finish>((resolve) => {
        run.release = resolve;
        signal.addEventListener("abort", () => resolve({ exitCode: 1 }), { once: true });
      }));
    delete run.release;
    if (!finish.report) return { exitCode: finish.exitCode };
    // The worker's blocker report, posted as github-actions[bot] with the run's token.
    const octokit = new ProbotOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl: env.GITHUB_API_URL, retry: { enabled: false }, throttle: { enabled: false } });
    const port = createOctokitPort(octokit, REPO);
    const report = encodeWorkerReport({
      v: 1,
      issue: run.issue,
      attempt: run.attempt,
      runId,
      outcome: "blocked",
      iterations: 2,
      strategies: [{ index: 0, iterations: 2, outcome: "exhausted", summary: "tried the obvious" }],
      gated: [],
      outOfScope: [],
      deleted: 0,
      needsPerson: false,
      blocker: { kind: "exhausted", summary: `attempt ${run.attempt} found no way`, hypothesis: "unclear goal", intervention: "clarify the goal" },
    });
    const marker = reportMarker(run.attempt);
    await port.upsertComment(run.issue, marker, `${marker}\n### Blocker report\n\n${report}`);
    return { exitCode: 0 };
  };
  return {
    runner,
    runs,
    finish(issue, how) {
      const waiting = runs.filter((r) => r.issue === issue && r.release);
      if (waiting.length !== 1) throw new Error(`expected one waiting run of #${issue}, found ${waiting.length}`);
      waiting[0]!.release!(how);
    },
  };
}

/** The sample repository with the worker workflow and `cfg` as .github/orchestrator.yml; `edit` changes its files. */
async function start(g: Gate, cfg: string, edit: (files: Record<string, string>) => void = () => {}): Promise<Harness> {
  const files = { ...fixtureFiles({ config: cfg }), [`.github/workflows/${WORKFLOW_FILE}`]: WORKER_WORKFLOW };
  edit(files);
  return harness.start({ files, workflows: { [WORKFLOW_FILE]: g.runner } });
}

/**
 * Waits until the app and the stand-in are quiet apart from runs waiting in the gate: every
 * delivery answered (the app answers after its handlers finished) and every unfinished run
 * waiting for the test. With no waiting run this is `settle()`.
 */
async function quiet(h: Harness, g: Gate): Promise<void> {
  let calm = 0;
  for (let i = 0; i < 3000 && calm < 3; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const open = [...h.standIn.state.workflowRuns.values()].filter((r) => r.status !== "completed");
    const parked = open.every((r) => g.runs.some((x) => x.runId === r.id && x.release));
    const answered = h.standIn.deliveries.every((d) => d.status !== undefined || d.error !== undefined);
    calm = parked && answered ? calm + 1 : 0;
  }
  if (calm < 3) throw new Error(`the app did not become quiet\n${h.standIn.formatTimeline()}`);
}

// --- reading the stand-in ------------------------------------------------------------------------

/** Workflow runs of the worker workflow as `#issue/attempt`, in dispatch order. */
function dispatches(h: Harness): string[] {
  return [...h.standIn.state.workflowRuns.values()]
    .filter((r) => r.workflowFile === WORKFLOW_FILE)
    .sort((a, b) => a.id - b.id)
    .map((r) => `#${r.inputs.issue}/${r.inputs.attempt}`);
}

/** Runs not completed yet. */
function runningRuns(h: Harness): number {
  return [...h.standIn.state.workflowRuns.values()].filter((r) => r.status !== "completed").length;
}

/** Issues labelled `status/in-progress` now. */
function inProgress(h: Harness): number[] {
  return [...h.standIn.state.issues.values()].filter((i) => i.labels.includes("status/in-progress")).map((i) => i.number).sort((a, b) => a - b);
}

/**
 * The most runs ever unfinished at once, from the timeline (a run counts from its dispatch to its
 * completion): capacity holds at every moment, not only when the test looks.
 */
function peakConcurrentRuns(h: Harness): number {
  let open = 0;
  let peak = 0;
  for (const e of h.standIn.timeline) {
    if (e.kind !== "workflow") continue;
    if (/ dispatched on /.test(e.summary)) peak = Math.max(peak, ++open);
    else if (/^run \d+ \(.*\) completed: /.test(e.summary)) open--;
  }
  return peak;
}

/** The stand-in's web address of a run (what the app records as `runUrl`). */
function runUrl(h: Harness, runId: number): string {
  return `${h.standIn.url}/${REPO.owner}/${REPO.repo}/actions/runs/${runId}`;
}

function runsOf(h: Harness, issue: number) {
  return [...h.standIn.state.workflowRuns.values()].filter((r) => r.inputs.issue === String(issue)).sort((a, b) => a.id - b.id);
}

function body(input: { goal: string; value: number; urgency: number; risk: number; size: string; dependsOn?: number[] }): string {
  return workItemBody({ ...input, criteria: [`Given widgets When I ask for ${input.goal} Then I get it`] });
}

// --- tests ---------------------------------------------------------------------------------------

describe("scheduling: capacity and order", () => {
  it("five ready items with max_concurrent 2: two dispatched (hotfix first, then WSJF descending, then oldest); each freed slot goes to the next in that order; never more than 2 in progress", async () => {
    const g = gate();
    // max_attempts 1: a run that ends without a report blocks its item at once and frees the slot.
    const h = await start(g, config({ maxConcurrent: 2, maxAttempts: 1 }));
    const alice = h.standIn.as("alice");
    // The five items wait for #base, so all five become ready in one event (closing #base).
    const base = await alice.openIssue({ title: "Store widgets", body: body({ goal: "storage", value: 3, urgency: 2, risk: 2, size: "S" }), labels: ["hold"] });
    const dependsOn = [base];
    const low = await alice.openIssue({ title: "Low", body: body({ goal: "low", value: 1, urgency: 1, risk: 1, size: "M", dependsOn }) }); // WSJF 1
    const midOld = await alice.openIssue({ title: "Mid, older", body: body({ goal: "mid old", value: 3, urgency: 2, risk: 3, size: "S", dependsOn }) }); // WSJF 4
    const high = await alice.openIssue({ title: "High", body: body({ goal: "high", value: 5, urgency: 4, risk: 3, size: "S", dependsOn }) }); // WSJF 6
    const midNew = await alice.openIssue({ title: "Mid, newer", body: body({ goal: "mid new", value: 4, urgency: 2, risk: 2, size: "S", dependsOn }) }); // WSJF 4
    const hotfix = await alice.openIssue({ title: "Hotfix", body: body({ goal: "hotfix", value: 2, urgency: 1, risk: 1, size: "S", dependsOn }), labels: ["track/hotfix"] }); // WSJF 2
    const five = [low, midOld, high, midNew, hotfix];
    await quiet(h, g);
    expect(dispatches(h)).toEqual([]);
    for (const n of five) expect(statusLabels(h, n), `#${n}`).toEqual(["status/waiting"]);
    expect(itemState(h, high).wsjf?.score).toBe(6);
    expect(itemState(h, hotfix).track).toBe("hotfix");

    await alice.closeIssue(base);
    await quiet(h, g);
    expect(dispatches(h), h.standIn.formatTimeline()).toEqual([`#${hotfix}/1`, `#${high}/1`]);
    expect(inProgress(h)).toEqual([high, hotfix].sort((a, b) => a - b));
    for (const n of [low, midOld, midNew]) expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(itemState(h, hotfix).attempts).toMatchObject([{ n: 1, reason: "initial", outcome: "dispatched", runId: runsOf(h, hotfix)[0]!.id }]);

    // The hotfix worker files a blocker report: its slot goes to the older of the two WSJF-4 items.
    g.finish(hotfix, { report: true });
    await quiet(h, g);
    expect(statusLabels(h, hotfix)).toEqual(["status/blocked"]);
    expect(itemState(h, hotfix).attempts[0]).toMatchObject({ outcome: "blocked", summary: "attempt 1 found no way" });
    expect(dispatches(h)).toEqual([`#${hotfix}/1`, `#${high}/1`, `#${midOld}/1`]);
    expect(inProgress(h)).toEqual([midOld, high].sort((a, b) => a - b));
    expect(runningRuns(h)).toBe(2);

    // The high item's run ends without a report (its one attempt is used): blocked, slot to mid-newer.
    g.finish(high, { exitCode: 1 });
    await quiet(h, g);
    expect(statusLabels(h, high)).toEqual(["status/blocked"]);
    expect(itemState(h, high).attempts[0]).toMatchObject({ outcome: "failed", runUrl: runUrl(h, runsOf(h, high)[0]!.id) });
    expect(dispatches(h)).toEqual([`#${hotfix}/1`, `#${high}/1`, `#${midOld}/1`, `#${midNew}/1`]);
    expect(inProgress(h)).toEqual([midOld, midNew].sort((a, b) => a - b));
    expect(statusLabels(h, low)).toEqual(["status/ready"]);

    g.finish(midNew, { report: true });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${hotfix}/1`, `#${high}/1`, `#${midOld}/1`, `#${midNew}/1`, `#${low}/1`]);
    expect(inProgress(h)).toEqual([midOld, low].sort((a, b) => a - b));

    g.finish(midOld, { report: true });
    g.finish(low, { report: true });
    await h.settle();
    expect(dispatches(h)).toHaveLength(5);
    for (const n of five) expect(statusLabels(h, n), `#${n}`).toEqual(["status/blocked"]);
    expect(peakConcurrentRuns(h)).toBe(2);
  });

  it("waiting, held, blocked, needs-approval and needs-info items are never dispatched", async () => {
    const g = gate();
    const h = await start(g, config({ maxConcurrent: 2, maxAttempts: 3 }));
    const alice = h.standIn.as("alice");
    const held = await alice.openIssue({ title: "Held", body: body({ goal: "held", value: 5, urgency: 5, risk: 5, size: "S" }), labels: ["hold"] });
    const waiting = await alice.openIssue({ title: "Waiting", body: body({ goal: "waiting", value: 5, urgency: 5, risk: 5, size: "S", dependsOn: [held] }) });
    const unapproved = await h.standIn.as("olga").openIssue({ title: "Outsider's", body: body({ goal: "outsider", value: 5, urgency: 5, risk: 5, size: "S" }) });
    const incomplete = await alice.openIssue({ title: "Incomplete", body: "### Goal / problem\n\nSomething about widgets.\n" });
    const blocked = await alice.openIssue({ title: "Will block", body: body({ goal: "blocks", value: 1, urgency: 1, risk: 1, size: "S" }) });
    await quiet(h, g);
    expect(statusLabels(h, held)).toEqual(["status/ready"]);
    expect(labelsOf(h, held)).toContain("hold");
    expect(statusLabels(h, waiting)).toEqual(["status/waiting"]);
    expect(statusLabels(h, unapproved)).toEqual(["status/needs-approval"]);
    expect(statusLabels(h, incomplete)).toEqual(["status/needs-info"]);
    expect(dispatches(h)).toEqual([`#${blocked}/1`]);

    // Its worker files a blocker report: two slots free, and nothing else may take them.
    g.finish(blocked, { report: true });
    await quiet(h, g);
    expect(statusLabels(h, blocked)).toEqual(["status/blocked"]);
    // More events that schedule: an edit that leaves the item incomplete, a label on the held one.
    await alice.editIssue(incomplete, { body: "### Goal / problem\n\nSomething about widgets, still vague.\n" });
    await alice.addLabels(held, ["value/5"]);
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${blocked}/1`]);

    // A new ready item is dispatched at once: the scheduler runs, and passes over the others.
    const ready = await alice.openIssue({ title: "Ready", body: body({ goal: "ready", value: 1, urgency: 1, risk: 1, size: "M" }) });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${blocked}/1`, `#${ready}/1`]);
    for (const n of [held, waiting, unapproved, incomplete]) expect(itemState(h, n).attempts, `#${n}`).toEqual([]);
    expect(statusLabels(h, blocked)).toEqual(["status/blocked"]);
    g.finish(ready, { report: true });
    await h.settle();
    expect(dispatches(h)).toEqual([`#${blocked}/1`, `#${ready}/1`]);
  });
});

describe("dispatch once", () => {
  it("a redelivered issues.opened and redelivered workflow_run events dispatch once: one workflow run per attempt", async () => {
    const g = gate();
    const h = await start(g, config({ maxConcurrent: 2, maxAttempts: 3 }));
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: body({ goal: "a total", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`]);

    const opened = h.standIn.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const again = h.standIn.redeliver(opened.id);
    await quiet(h, g);
    expect(again.status).toBe(200);
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    expect(itemState(h, n).attempts).toHaveLength(1);
    expect(statusLabels(h, n)).toEqual(["status/in-progress"]);

    // Attempt 1 ends without a report: attempt 2 is dispatched once, however often GitHub
    // redelivers the first run's events.
    g.finish(n, { exitCode: 1 });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`]);
    const first = runsOf(h, n)[0]!;
    const runEvents = h.standIn.deliveries.filter((d) => d.event === "workflow_run" && (d.payload.workflow_run as { id: number }).id === first.id);
    expect(runEvents.map((d) => d.action)).toEqual(["requested", "in_progress", "completed"]);
    for (const d of runEvents) h.standIn.redeliver(d.id);
    h.standIn.redeliver(opened.id);
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`]);
    expect(itemState(h, n).attempts.map((a) => `${a.n}:${a.reason}:${a.outcome}`)).toEqual(["1:initial:failed", "2:rerun:dispatched"]);

    // Attempt 2 reports a blocker; its report and its run's completion redelivered change nothing.
    g.finish(n, { report: true });
    await h.settle();
    const settled = statusText(h, n);
    const second = runsOf(h, n)[1]!;
    const redeliverable = h.standIn.deliveries.filter(
      (d) =>
        !d.redelivery &&
        ((d.event === "workflow_run" && (d.payload.workflow_run as { id: number }).id === second.id) ||
          (d.event === "issue_comment" && String((d.payload.comment as { body?: string }).body).includes(reportMarker(2)))),
    );
    expect(redeliverable.map((d) => `${d.event}.${d.action}`).sort()).toEqual(["issue_comment.created", "workflow_run.completed", "workflow_run.in_progress", "workflow_run.requested"]);
    for (const d of redeliverable) h.standIn.redeliver(d.id);
    await h.settle();
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`]);
    expect(statusText(h, n)).toBe(settled);
    expect(statusLabels(h, n)).toEqual(["status/blocked"]);
    expect(h.standIn.deliveries.every((d) => d.status === 200)).toBe(true);
  });
});

describe("completion guarantee", () => {
  it("runs that exit 1 without a report: each attempt recorded failed with its run, re-dispatched up to max_attempts, then blocked with one blocker report linking every run", async () => {
    const g = gate(() => ({ exitCode: 1 }));
    const h = await start(g, config({ maxAttempts: 3 }));
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: body({ goal: "a total", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await h.settle();
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`, `#${n}/3`]);
    const runs = runsOf(h, n);
    expect(runs.map((r) => r.conclusion)).toEqual(["failure", "failure", "failure"]);
    const state = itemState(h, n);
    expect(state.status).toBe("blocked");
    expect(state.attempts.map((a) => ({ n: a.n, reason: a.reason, outcome: a.outcome, runId: a.runId, runUrl: a.runUrl }))).toEqual(
      runs.map((r, i) => ({ n: i + 1, reason: i === 0 ? "initial" : "rerun", outcome: "failed", runId: r.id, runUrl: runUrl(h, r.id) })),
    );
    for (const a of state.attempts) expect(a.summary).toBe("the run ended failure without a worker report");
    expect(statusLabels(h, n)).toEqual(["status/blocked"]);
    expect(state.blockedReason).toContain("all 3 attempts are used");

    const reports = commentsOn(h, n).filter((c) => c.body.includes(RUN_FAILURE_MARKER));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.user).toBe("orchestrator[bot]");
    expect(reports[0]!.body).toContain("Blocker report");
    for (const r of runs) expect(reports[0]!.body).toContain(`(${runUrl(h, r.id)})`);
    expect(reports[0]!.body).toContain("/retry");

    // The last run's completion redelivered: no fourth attempt, no second report.
    const last = h.standIn.deliveries.find((d) => d.event === "workflow_run" && d.action === "completed" && (d.payload.workflow_run as { id: number }).id === runs[2]!.id)!;
    h.standIn.redeliver(last.id);
    await h.settle();
    expect(dispatches(h)).toHaveLength(3);
    expect(commentsOn(h, n).filter((c) => c.body.includes(RUN_FAILURE_MARKER))).toHaveLength(1);
  });

  it("/cancel by a writer cancels the run and nothing is re-dispatched; a run cancelled in Actions (as a timeout is reported) counts as a failed attempt", async () => {
    const g = gate();
    const h = await start(g, config({ maxAttempts: 3 }));
    const alice = h.standIn.as("alice");
    const stopped = await alice.openIssue({ title: "Stopped by a person", body: body({ goal: "stopped", value: 3, urgency: 2, risk: 2, size: "S" }) });
    const timedOut = await alice.openIssue({ title: "Cancelled in Actions", body: body({ goal: "cancelled", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${stopped}/1`, `#${timedOut}/1`]);
    // The runs are recorded on their attempts (so /cancel can find them).
    expect(itemState(h, stopped).attempts[0]?.runId).toBe(runsOf(h, stopped)[0]!.id);

    await h.standIn.as("walt").comment(stopped, "/cancel");
    await quiet(h, g);
    expect(runsOf(h, stopped).map((r) => r.conclusion)).toEqual(["cancelled"]);
    expect(itemState(h, stopped).attempts).toMatchObject([{ n: 1, outcome: "cancelled", summary: "cancelled by @walt", runUrl: runUrl(h, runsOf(h, stopped)[0]!.id) }]);
    expect(statusLabels(h, stopped)).toEqual(["status/ready"]);
    expect(labelsOf(h, stopped)).toContain("hold");

    // GitHub reports a job past `timeout-minutes` as `cancelled`, like a cancel from the Actions
    // tab: the run ended without a report, so the guarantee records it failed and tries again.
    const run = runsOf(h, timedOut)[0]!;
    const res = await fetch(`${h.standIn.apiUrl}/repos/${REPO.owner}/${REPO.repo}/actions/runs/${run.id}/cancel`, {
      method: "POST",
      headers: { authorization: `token ${h.standIn.as("walt").token}`, accept: "application/vnd.github+json" },
    });
    expect(res.status).toBe(202);
    await quiet(h, g);
    expect(run.conclusion).toBe("cancelled");
    expect(itemState(h, timedOut).attempts.map((a) => `${a.n}:${a.reason}:${a.outcome}`)).toEqual(["1:initial:failed", "2:rerun:dispatched"]);
    expect(itemState(h, timedOut).attempts[0]?.summary).toBe("the run ended cancelled without a worker report");

    g.finish(timedOut, { report: true });
    await h.settle();
    expect(dispatches(h)).toEqual([`#${stopped}/1`, `#${timedOut}/1`, `#${timedOut}/2`]);
    expect(statusLabels(h, stopped)).toEqual(["status/ready"]);
  });
});

describe("completion guarantee: edge cases", () => {
  it("a run that fails while a person holds the item is recorded failed but not re-dispatched and not reported as out of attempts; /unhold dispatches the next attempt", async () => {
    const g = gate();
    const h = await start(g, config({ maxAttempts: 3 }));
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: body({ goal: "a total", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    await h.standIn.as("walt").addLabels(n, ["hold"]);
    await quiet(h, g);
    g.finish(n, { exitCode: 1 });
    await h.settle();
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    expect(itemState(h, n).attempts.map((a) => `${a.n}:${a.outcome}`)).toEqual(["1:failed"]);
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(labelsOf(h, n)).toContain("hold");
    expect(commentsOn(h, n).filter((c) => c.body.includes(RUN_FAILURE_MARKER))).toEqual([]);

    await h.standIn.as("walt").removeLabel(n, "hold");
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`, `#${n}/2`]);
    g.finish(n, { report: true });
    await h.settle();
  });

  it("a run whose report comment was not delivered (or arrives after the run's completion) is settled by the report on GitHub, not re-dispatched", async () => {
    const g = gate();
    const h = await start(g, config({ maxAttempts: 3 }));
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: body({ goal: "a total", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    // The app is down while the worker reports and its run completes: both deliveries fail.
    await h.stopApp();
    g.finish(n, { report: true });
    await h.settle();
    await h.startApp();
    const failed = h.standIn.deliveries.filter((d) => d.error !== undefined);
    const completed = failed.find((d) => d.event === "workflow_run" && d.action === "completed")!;
    const report = failed.find((d) => d.event === "issue_comment")!;
    expect(completed).toBeDefined();
    expect(report).toBeDefined();
    // GitHub's redelivery order is not guaranteed: the run's completion first.
    h.standIn.redeliver(completed.id);
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    expect(itemState(h, n).attempts).toMatchObject([{ n: 1, outcome: "blocked", summary: "attempt 1 found no way", runUrl: runUrl(h, runsOf(h, n)[0]!.id) }]);
    expect(statusLabels(h, n)).toEqual(["status/blocked"]);
    const settled = statusText(h, n);
    h.standIn.redeliver(report.id);
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/1`]);
    expect(statusText(h, n)).toBe(settled);
    expect(commentsOn(h, n).filter((c) => c.body.includes(RUN_FAILURE_MARKER))).toEqual([]);
  });
});

describe("setup problems", () => {
  it("a missing worker workflow blocks the item with a message naming the file and the fix; every delivery answered 2xx; adding the file and /retry dispatches", async () => {
    const g = gate();
    const h = await start(g, config({ maxAttempts: 3 }), (files) => delete files[`.github/workflows/${WORKFLOW_FILE}`]);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: body({ goal: "a total", value: 3, urgency: 2, risk: 2, size: "S" }) });
    await h.settle();
    expect(dispatches(h)).toEqual([]);
    expect(statusLabels(h, n)).toEqual(["status/blocked"]);
    const state = itemState(h, n);
    expect(state.blockedReason).toContain(`.github/workflows/${WORKFLOW_FILE}\` was not found`);
    expect(state.blockedReason).toContain("/retry");
    expect(state.attempts).toMatchObject([{ n: 1, outcome: "failed", summary: "dispatch refused" }]);
    expect(statusText(h, n)).toContain(`.github/workflows/${WORKFLOW_FILE}`);
    expect(h.standIn.timeline.filter((e) => e.kind === "webhook-failed")).toEqual([]);
    expect(h.standIn.deliveries.length).toBeGreaterThan(0);
    for (const d of h.standIn.deliveries) expect(d.status, `${d.event}.${d.action}`).toBeGreaterThanOrEqual(200);
    for (const d of h.standIn.deliveries) expect(d.status, `${d.event}.${d.action}`).toBeLessThan(300);

    // The fix the message names works.
    await h.standIn.as("alice").pushCommit("main", { [`.github/workflows/${WORKFLOW_FILE}`]: WORKER_WORKFLOW }, "Add the worker workflow");
    await h.settle();
    await h.standIn.as("walt").comment(n, "/retry");
    await quiet(h, g);
    expect(dispatches(h)).toEqual([`#${n}/2`]);
    expect(statusLabels(h, n)).toEqual(["status/in-progress"]);
    g.finish(n, { report: true });
    await h.settle();
    expect(h.standIn.timeline.filter((e) => e.kind === "webhook-failed")).toEqual([]);
  });
});
