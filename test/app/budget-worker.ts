/**
 * The worker side of the budget tests (issue 12): a scripted worker workflow in the stand-in whose
 * every run ends as the test's plan says: a pull request (the simulated worker: real git, a real
 * pull request, a worker report), a blocker report with a reported cost (posted as
 * github-actions[bot] with the run's token, as the real worker does), an exit without any report
 * (a crashed runner), or a run that hangs until it is cancelled. Plus the harness start and the
 * readers the four budget test files share.
 */
import { ProbotOctokit } from "probot";
import { sweepAll } from "../../src/app/periodic.js";
import type { BlockerKind } from "../../src/domain/worker-report.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import { encodeWorkerReport, reportMarker } from "../../src/domain/item/markers.js";
import type { Harness } from "../support/app-harness.js";
import { fixtureFiles } from "../support/fixture-repo.js";
import { workItemBody } from "../support/lifecycle.js";
import type { WorkflowRunner } from "../support/standin/index.js";
import { REPO, simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE, type WorkerRun } from "../support/simulated-worker.js";
import type { TestHarness } from "../support/use-harness.js";
import { itemState, statusComments } from "../support/work-items.js";

/** How one run ends. */
export type RunEnd =
  | { pr: true }
  | { blocker: BlockerKind; summary: string; costUsd?: number; tokens?: { input: number; output: number } }
  | { exitCode: number }
  | { hang: true };

/** The scripted worker: `plan(issue, attempt)` decides each run's end. `runs` lists every run started. */
export function scriptedWorker(plan: (issue: number, attempt: number) => RunEnd): { runner: WorkflowRunner; runs: WorkerRun[] } {
  const runs: WorkerRun[] = [];
  const pr = simulatedWorker(runs);
  const hang = simulatedWorker(runs, { hang: () => true });
  const runner: WorkflowRunner = async (input) => {
    const issue = Number(input.inputs.issue);
    const attempt = Number(input.inputs.attempt);
    const end = plan(issue, attempt);
    if ("pr" in end) return pr(input);
    if ("hang" in end) return hang(input);
    runs.push({ issue, attempt, envelope: null });
    if ("exitCode" in end) return { exitCode: end.exitCode };
    const octokit = new ProbotOctokit({ auth: { token: input.env.GITHUB_TOKEN }, baseUrl: input.env.GITHUB_API_URL, retry: { enabled: false }, throttle: { enabled: false } });
    const port = createOctokitPort(octokit, REPO);
    const report = encodeWorkerReport({
      v: 1,
      issue,
      attempt,
      runId: input.runId,
      outcome: "blocked",
      iterations: 1,
      strategies: [{ index: 0, iterations: 1, outcome: "exhausted", summary: end.summary }],
      gated: [],
      outOfScope: [],
      deleted: 0,
      needsPerson: false,
      ...(end.costUsd !== undefined ? { costUsd: end.costUsd } : {}),
      ...(end.tokens !== undefined ? { tokens: end.tokens } : {}),
      blocker: { kind: end.blocker, summary: end.summary, hypothesis: "see the summary", intervention: "see the summary" },
    });
    const marker = reportMarker(attempt);
    await port.upsertComment(issue, marker, `${marker}\n### Blocker report\n\n${report}`);
    return { exitCode: 0 };
  };
  return { runner, runs };
}

/** A fake clock the app and the sweep read (ISO 8601). */
export interface Clock {
  ms: number;
}

/** Starts the app on the fixture repository with the worker workflow and `config` (YAML) as .github/orchestrator.yml. */
export async function startBudgetHarness(harness: TestHarness, config: string, runner: WorkflowRunner, clock: Clock): Promise<Harness> {
  const files = { ...fixtureFiles({ config }), [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW };
  return harness.start({ files, workflows: { [WORKER_WORKFLOW_FILE]: runner }, now: () => new Date(clock.ms).toISOString() });
}

/** The periodic sweep, run once at the fake clock's time, then the app settled. */
export async function sweep(h: Harness, clock: Clock): Promise<void> {
  await sweepAll(h.probot, { appSlug: "orchestrator", now: () => new Date(clock.ms).toISOString() });
  await h.settle();
}

/** Worker workflow runs as `#issue/attempt`, in dispatch order. */
export function dispatches(h: Harness): string[] {
  return [...h.standIn.state.workflowRuns.values()]
    .filter((r) => r.workflowFile === WORKER_WORKFLOW_FILE)
    .sort((a, b) => a.id - b.id)
    .map((r) => `#${r.inputs.issue}/${r.inputs.attempt}`);
}

/** A ready work item's body (acceptance criteria, WSJF inputs). */
export function itemBody(goal: string): string {
  return workItemBody({ goal, criteria: [`Given widgets When I ask for ${goal} Then I get it`] });
}

/**
 * Waits until the app is quiet while runs hang (the stand-in is never idle then): every delivery
 * answered and every unfinished run's attempt recorded with its run id, three checks in a row.
 */
export async function quietWhileRunning(h: Harness): Promise<void> {
  let calm = 0;
  for (let i = 0; i < 3000 && calm < 3; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const answered = h.standIn.deliveries.every((d) => d.status !== undefined || d.error !== undefined);
    const open = [...h.standIn.state.workflowRuns.values()].filter((r) => r.status !== "completed");
    // A run starts before its attempt is recorded (the dispatch is the commit point; a new item's
    // status comment follows it).
    const recorded = open.every((r) => statusComments(h, Number(r.inputs.issue)).length === 1 && itemState(h, Number(r.inputs.issue)).attempts.some((a) => a.runId === r.id));
    calm = answered && recorded ? calm + 1 : 0;
  }
  if (calm < 3) throw new Error(`the app did not become quiet\n${h.standIn.formatTimeline()}`);
}
