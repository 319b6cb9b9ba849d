import { execa } from "execa";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { type StandIn, type WorkflowRunner } from "../support/standin/index.js";
import { appOctokit, repo, standInWith, startReceiver } from "./helpers.js";

const WORKFLOW = `name: Orchestrator worker
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

describe("stand-in: workflow dispatch, runs, CI and cancel", () => {
  let standIn: StandIn;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const seen: Array<{ inputs: Record<string, string>; env: Record<string, string>; branchInClone: string }> = [];
  let releaseSlow: (() => void) | null = null;

  /** A worker: commits in its fresh clone, pushes a branch with git, opens a PR with its run token. */
  const worker: WorkflowRunner = async ({ inputs, cloneDir, env }) => {
    const branchInClone = (await execa("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd: cloneDir })).stdout;
    seen.push({ inputs, env, branchInClone });
    const branch = `orchestrator/issue-${inputs.issue}`;
    const git = (args: string[]) => execa("git", args, { cwd: cloneDir, env: { ...process.env, ...env, GIT_CONFIG_GLOBAL: "/dev/null" } });
    await git(["checkout", "-q", "-b", branch]);
    await writeFile(path.join(cloneDir, `work-${inputs.issue}.txt`), "done\n");
    await git(["add", "-A"]);
    await git(["commit", "-qm", `Work on #${inputs.issue}`]);
    await git(["push", "-q", "origin", branch]);
    const octokit = new ProbotOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl: env.GITHUB_API_URL, throttle: { enabled: false }, retry: { enabled: false } });
    await octokit.rest.pulls.create({ owner: env.GITHUB_REPOSITORY_OWNER!, repo: env.GITHUB_REPOSITORY!.split("/")[1]!, head: branch, base: "main", title: `Fix #${inputs.issue}`, body: `Closes #${inputs.issue}` });
    return { exitCode: 0 };
  };

  /** Waits until cancelled (or released). */
  const slow: WorkflowRunner = ({ signal }) =>
    new Promise((resolve) => {
      releaseSlow = () => resolve({ exitCode: 0 });
      signal.addEventListener("abort", () => resolve({ exitCode: 143 }));
    });

  beforeAll(async () => {
    receiver = await startReceiver();
    standIn = await standInWith({
      files: {
        "README.md": "# widgets\n",
        ".github/workflows/orchestrator-worker.yml": WORKFLOW,
        ".github/workflows/slow.yml": "on: workflow_dispatch\njobs: {}\n",
        ".github/workflows/push-only.yml": "on: push\njobs: {}\n",
      },
      workflows: { "orchestrator-worker.yml": worker, "slow.yml": slow },
      ci: { command: "test -f README.md", name: "test" },
    });
    standIn.setWebhookUrl(receiver.url);
  });
  afterAll(async () => {
    await standIn.close();
    await receiver.close();
  });

  it("a dispatch runs the runner in a fresh clone with a run token; its push gets CI and its PR is by github-actions[bot]", async () => {
    const octokit = appOctokit(standIn);
    const issue = await standIn.as("alice").openIssue({ title: "Do it" });
    const res = await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "orchestrator-worker.yml", ref: "main", inputs: { issue: String(issue) } });
    expect(res.status).toBe(204);
    await standIn.idle();

    expect(seen).toHaveLength(1);
    expect(seen[0]!.inputs).toEqual({ issue: String(issue), attempt: "1" });
    expect(seen[0]!.branchInClone).toBe("main");
    expect(seen[0]!.env).toMatchObject({ GITHUB_REPOSITORY: "acme/widgets", GITHUB_API_URL: standIn.apiUrl, CI: "true", GITHUB_ACTIONS: "true" });

    const runs = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, event: "workflow_dispatch" });
    expect(runs.data.total_count).toBe(1);
    const run = runs.data.workflow_runs[0]!;
    expect(run).toMatchObject({ status: "completed", conclusion: "success", head_branch: "main", name: "Orchestrator worker" });
    expect(run.id).toBe(Number(seen[0]!.env.GITHUB_RUN_ID));
    const lifecycle = receiver.received.filter((w) => w.event === "workflow_run").map((w) => w.action);
    expect(lifecycle).toEqual(["requested", "in_progress", "completed"]);

    const prs = await octokit.rest.pulls.list({ ...repo, head: `acme:orchestrator/issue-${issue}` });
    expect(prs.data).toHaveLength(1);
    expect(prs.data[0]!.user?.login).toBe("github-actions[bot]");
    const push = receiver.received.find((w) => w.event === "push" && w.payload.ref === `refs/heads/orchestrator/issue-${issue}`)!;
    expect(push.payload.sender.login).toBe("github-actions[bot]");
    const checks = await octokit.rest.checks.listForRef({ ...repo, ref: prs.data[0]!.head.sha });
    expect(checks.data.check_runs.map((c) => [c.name, c.conclusion])).toEqual([["test", "success"]]);

    // The run token no longer works after the run.
    const stale = new ProbotOctokit({ auth: { token: seen[0]!.env.GITHUB_TOKEN }, baseUrl: standIn.apiUrl, throttle: { enabled: false }, retry: { enabled: false } });
    await expect(stale.rest.issues.get({ ...repo, issue_number: issue })).rejects.toMatchObject({ status: 401 });
    expect(standIn.violations).toEqual([]);
  });

  it("rejects dispatches of missing workflows, workflows without workflow_dispatch, and undeclared inputs", async () => {
    const octokit = appOctokit(standIn);
    await expect(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "nope.yml", ref: "main" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "push-only.yml", ref: "main" })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "orchestrator-worker.yml", ref: "main", inputs: { issue: "1", bogus: "x" } })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "orchestrator-worker.yml", ref: "no-such-branch", inputs: { issue: "1" } })).rejects.toMatchObject({ status: 422 });
    expect(standIn.violations).toEqual([]);
  });

  it("cancel aborts the runner and the run completes as cancelled", async () => {
    const octokit = appOctokit(standIn);
    await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "slow.yml", ref: "main" });
    // Wait for the run to reach the runner (in_progress), without timing assumptions.
    while (!releaseSlow) await new Promise((r) => setTimeout(r, 5));
    const { data } = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: "slow.yml" });
    const run = data.workflow_runs[0]!;
    expect(run.status).toBe("in_progress");
    const cancel = await octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: run.id });
    expect(cancel.status).toBe(202);
    await standIn.idle();
    const { data: after } = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: run.id });
    expect(after).toMatchObject({ status: "completed", conclusion: "cancelled" });
    await expect(octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: run.id })).rejects.toMatchObject({ status: 409 });
    const completed = receiver.received.filter((w) => w.event === "workflow_run" && w.action === "completed").at(-1)!;
    expect(completed.payload.workflow_run.conclusion).toBe("cancelled");
    expect(standIn.violations).toEqual([]);
  });

  it("apps create and complete check runs; check_suite completes with the worst conclusion", async () => {
    const octokit = appOctokit(standIn);
    const { data: main } = await octokit.rest.repos.getBranch({ ...repo, branch: "main" });
    const sha = main.commit.sha;
    const start = receiver.received.length;
    const { data: run } = await octokit.rest.checks.create({ ...repo, name: "orchestrator/review", head_sha: sha, status: "in_progress" });
    await octokit.rest.checks.update({ ...repo, check_run_id: run.id, conclusion: "neutral", output: { title: "Review", summary: "ok" } });
    const { data: got } = await octokit.rest.checks.get({ ...repo, check_run_id: run.id });
    expect(got).toMatchObject({ status: "completed", conclusion: "neutral", app: { slug: "orchestrator" } });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "legacy" });
    const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha });
    expect(combined.state).toBe("success");
    await standIn.idle();
    const ev = receiver.received.slice(start).filter((w) => w.event.startsWith("check_")).map((w) => `${w.event}.${w.action}`);
    expect(ev).toEqual(["check_run.created", "check_run.completed", "check_suite.completed"]);
    // Persons cannot write checks.
    const res = await fetch(`${standIn.apiUrl}/repos/acme/widgets/check-runs`, {
      method: "POST",
      headers: { authorization: `token ${standIn.as("alice").token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "x", head_sha: sha }),
    });
    expect(res.status).toBe(403);
    expect(standIn.violations).toEqual([]);
  });

  it("installation webhook and app auth endpoints", async () => {
    standIn.install();
    await standIn.idle();
    const inst = receiver.received.find((w) => w.event === "installation")!;
    expect(inst.payload.installation.id).toBe(777);
    expect(inst.payload.repositories[0].full_name).toBe("acme/widgets");
    const fakeJwt = ["e30", Buffer.from(JSON.stringify({ iss: 4242 })).toString("base64url"), "sig"].join(".");
    const res = await fetch(`${standIn.apiUrl}/app/installations/777/access_tokens`, { method: "POST", headers: { authorization: `Bearer ${fakeJwt}` } });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const who = await fetch(`${standIn.apiUrl}/repos/acme/widgets/issues`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "from token" }),
    });
    expect(((await who.json()) as { user: { login: string } }).user.login).toBe("orchestrator[bot]");
    expect(standIn.violations).toEqual([]);
  });
});
