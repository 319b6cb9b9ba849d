/**
 * The merge queue's stand-in tests (test/app/queue*.test.ts) share this: a repository with the
 * worker workflow, a scripted worker (the workflow's runner) that commits an item's planned files,
 * opens the pull request and posts the worker report as github-actions[bot], and readers of the
 * outcome (item state, comments, main's history, the queue's check run).
 */
import { run } from "./standin/spawner.js";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ProbotOctokit } from "probot";
import { expect } from "vitest";
import type { ItemState } from "../../src/domain/item-state.js";
import { decodeStateBlock, encodeWorkerReport, reportMarker, STATUS_MARKER } from "../../src/domain/item/markers.js";
import { QUEUE_CHECK_NAME } from "../../src/domain/queue/queue-check.js";
import type { Harness, HarnessOptions } from "./app-harness.js";
import type { WorkflowRunner } from "./standin/index.js";
import type { TestHarness } from "./use-harness.js";
import { formBody, REFERENCE_ITEM } from "./work-items.js";

export const WORKFLOW = `name: orchestrator worker
on:
  workflow_dispatch:
    inputs:
      issue:
        required: true
      attempt:
        default: "1"
jobs:
  work:
    runs-on: ubuntu-latest
    steps: [{ run: "echo" }]
`;

const CRITERION = "The change is in place";

/** A work item in the issue form's shape (reference WSJF 3/2/2/S, no scope); dependencies as a line after the form. */
export function itemBody(goal: string, dependsOn: number[] = []): string {
  const notes = dependsOn.length > 0 ? { notes: `Depends on ${dependsOn.map((n) => `#${n}`).join(", ")}` } : {};
  return formBody({ ...REFERENCE_ITEM, goal, criteria: CRITERION, ...notes });
}

/**
 * What the scripted worker does for an item's first attempt: the PR title, the files it commits and
 * the branch it starts from (`base`, a stacked dependency's branch; default: the default branch).
 */
const plans = new Map<number, { title: string; files: Record<string, string>; base?: string }>();
/** Every dispatch the stand-in ran: issue and attempt. */
export const dispatches: Array<{ issue: number; attempt: number }> = [];

/**
 * A scripted worker (the workflow's runner): on attempt 1 it commits the item's files on
 * `orchestrator/<n>-x`, pushes with git, opens the pull request (`Closes #n`, criteria evidence
 * for the review) and posts the worker report, all as github-actions[bot] with the run's token.
 * Later attempts (sent back by the queue) are only recorded.
 */
export const worker: WorkflowRunner = async ({ inputs, cloneDir, env }) => {
  const issue = Number(inputs.issue);
  const attempt = Number(inputs.attempt ?? "1");
  dispatches.push({ issue, attempt });
  const plan = plans.get(issue);
  if (!plan || attempt > 1) return { exitCode: 0 };
  const branch = `orchestrator/${issue}-x`;
  const git = (args: string[]) => run("git", args, { cwd: cloneDir, env: { ...process.env, ...env, GIT_CONFIG_GLOBAL: "/dev/null" } });
  if (plan.base) await git(["fetch", "-q", "origin", `+refs/heads/${plan.base}:refs/remotes/origin/${plan.base}`]);
  await git(["checkout", "-q", "-b", branch, ...(plan.base ? [`origin/${plan.base}`] : [])]);
  for (const [file, content] of Object.entries(plan.files)) await writeFile(path.join(cloneDir, file), content);
  await git(["add", "-A"]);
  await git(["commit", "-qm", `Work on #${issue}`]);
  await git(["push", "-q", "origin", branch]);
  const headSha = (await git(["rev-parse", "HEAD"])).stdout.trim();
  const octokit = new ProbotOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl: env.GITHUB_API_URL, throttle: { enabled: false }, retry: { enabled: false } });
  const repo = { owner: env.GITHUB_REPOSITORY_OWNER!, repo: env.GITHUB_REPOSITORY!.split("/")[1]! };
  const body = `Closes #${issue}\n\n- [x] ${CRITERION} — evidence: \`node test.mjs\` passes`;
  const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: branch, base: "main", title: plan.title, body });
  const report = encodeWorkerReport({
    v: 1,
    issue,
    attempt,
    runId: Number(env.GITHUB_RUN_ID),
    outcome: "pr",
    pr: { number: pr.number, branch, headSha },
    branch,
    iterations: 1,
    strategies: [{ index: 0, iterations: 1, outcome: "passed", summary: "scripted" }],
    gated: [],
    outOfScope: [],
    deleted: 0,
    needsPerson: false,
  });
  await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body: `${reportMarker(attempt)}\nPull request #${pr.number} is ready.\n\n${report}` });
  return { exitCode: 0 };
};

/**
 * Starts the app and the stand-in on a repository with `test.mjs` (the CI, `node test.mjs`), the
 * orchestrator config and the worker workflow; the scripted worker runs the workflow.
 */
export async function startQueueRepo(harness: TestHarness, repo: { testMjs: string; config: string; ci?: { branches?: RegExp } }, options: HarnessOptions = {}): Promise<Harness> {
  return harness.start({
    files: {
      "README.md": "# widgets\n",
      "test.mjs": repo.testMjs,
      "shared.txt": "one\ntwo\nthree\n",
      ".github/orchestrator.yml": repo.config,
      ".github/workflows/orchestrator-worker.yml": WORKFLOW,
    },
    workflows: { "orchestrator-worker.yml": worker },
    ci: { command: "node test.mjs", name: "test", ...repo.ci },
    ...options,
  });
}

/** Forgets the scripted worker's plans and dispatches (call before closing a test's harness). */
export function resetWorker(): void {
  plans.clear();
  dispatches.length = 0;
}

/** A work item to open: its goal, the files its worker commits, its dependencies, the branch its worker starts from. */
export interface PlannedItem {
  goal: string;
  files: Record<string, string>;
  dependsOn?: number[];
  base?: string;
}

/** Opens work items as alice with the scripted worker's plan for each (nothing awaited). Returns their issue numbers. */
export async function openItems(h: Harness, items: PlannedItem[]): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const issue = await h.standIn.as("alice").openIssue({ title: item.goal, body: itemBody(item.goal, item.dependsOn) });
    plans.set(issue, { title: item.goal, files: item.files, ...(item.base ? { base: item.base } : {}) });
    out.push(issue);
  }
  return out;
}

/** Opens work items as alice; each is triaged, dispatched, and its worker opens a PR. Returns {issue, pr}. */
export async function workItems(h: Harness, items: PlannedItem[]): Promise<Array<{ issue: number; pr: number }>> {
  const out = (await openItems(h, items)).map((issue) => ({ issue, pr: 0 }));
  await h.settle();
  for (const entry of out) {
    const state = stateOf(h, entry.issue);
    expect(state.status, `#${entry.issue} reached review`).toBe("in-review");
    entry.pr = state.pr!.number;
  }
  return out;
}

export function stateOf(h: Harness, issue: number): ItemState {
  const comment = [...h.standIn.state.comments.values()].find((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
  if (!comment) throw new Error(`no status comment on #${issue}`);
  const decoded = decodeStateBlock(comment.body);
  if (decoded.kind !== "ok") throw new Error(`bad state on #${issue}`);
  return decoded.state;
}

export function commentsOn(h: Harness, number: number, marker: string) {
  return [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === number && c.body.includes(marker));
}

export async function approve(h: Harness, pr: number): Promise<void> {
  await h.standIn.as("alice").comment(pr, "/approve");
  await h.settle();
}

/** Subjects of the first-parent history of main, oldest first (the seed commit excluded). */
export async function mainLog(h: Harness): Promise<string[]> {
  const { stdout } = await run("git", ["log", "--first-parent", "--reverse", "--format=%s", "main"], { cwd: h.standIn.bareRepo });
  return stdout.split("\n").slice(1);
}

export function merged(h: Harness, pr: number): boolean {
  return h.standIn.state.pulls.get(pr)?.merged === true;
}

/** The orchestrator/queue check run on the pull request's current head. */
export function queueCheck(h: Harness, pr: number) {
  const head = h.standIn.state.pulls.get(pr)!.headSha;
  return [...h.standIn.state.checkRuns.values()].find((r) => r.name === QUEUE_CHECK_NAME && r.headSha === head);
}

