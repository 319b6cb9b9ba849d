/**
 * A simulated worker for app-level tests: the closest to the real flow without an agent. As the
 * worker workflow's runner in the stand-in it reads the item's state and builds the task envelope
 * as the worker does (src/domain/envelope.ts), commits on the worker branch, pushes as
 * github-actions[bot] with the run's token, opens the pull request (`Closes #N`, each acceptance
 * criterion checked with evidence) and posts the worker report, which the monitor turns into
 * `in-review`. Used by the commands and PM review tests.
 */
import { run } from "./standin/spawner.js";
import { readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { configSchema } from "../../src/config/schema.js";
import { buildEnvelope, type TaskEnvelope } from "../../src/domain/envelope.js";
import { parseIssue } from "../../src/domain/parse-issue.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import { writeFiles } from "./app-harness.js";
import type { WorkflowRunner } from "./standin/index.js";
import { decodeStateBlock, encodeWorkerReport, reportMarker, STATUS_MARKER } from "../../src/domain/item/markers.js";

/** The harness's repository. */
export const REPO = { owner: "acme", repo: "widgets" };

/** The worker workflow's file name in `.github/workflows/` (the app's default `worker.workflow`). */
export const WORKER_WORKFLOW_FILE = "orchestrator-worker.yml";

/**
 * A worker workflow for the simulated worker: dispatched with `issue` and `attempt`, its run name
 * carries both, so the app's completion guarantee ties each run to its attempt.
 */
export const WORKER_WORKFLOW = [
  "name: orchestrator worker",
  'run-name: "orchestrator: #${{ inputs.issue }} attempt ${{ inputs.attempt }}"',
  "on:",
  "  workflow_dispatch:",
  "    inputs:",
  "      issue: { required: true, type: string }",
  '      attempt: { required: false, default: "1", type: string }',
  "jobs: {}",
  "",
].join("\n");

/**
 * The worker workflow with the reviewer run's inputs too (`mode`, `pr`, `head`, `agent`) and the
 * shipped workflow's `run-name` (a `format()` per mode, which the stand-in renders as GitHub does),
 * for tests where the app dispatches the reviewer agent.
 */
export const REVIEWING_WORKER_WORKFLOW = [
  "name: orchestrator worker",
  readFileSync(new URL("../../.github/workflows/orchestrator-worker.yml", import.meta.url), "utf8").split("\n").find((l) => l.startsWith("run-name:"))!,
  "on:",
  "  workflow_dispatch:",
  "    inputs:",
  "      issue: { required: true, type: string }",
  '      attempt: { required: false, default: "1", type: string }',
  "      mode: { required: false, default: work, type: string }",
  '      pr: { required: false, default: "", type: string }',
  '      head: { required: false, default: "", type: string }',
  "      agent: { required: false, default: claude-code, type: string }",
  "jobs: {}",
  "",
].join("\n");

/** What the simulated worker saw in one run: the envelope it built from the item's state. */
export interface WorkerRun {
  issue: number;
  attempt: number;
  envelope: TaskEnvelope | null;
}

export interface SimulatedWorkerOptions {
  /** Files an attempt commits (path -> content); by default `total-<issue>.txt` naming the attempt. */
  files?: (attempt: number, issue: number) => Record<string, string>;
  /** Keeps the run going until it is cancelled (then it exits 1) instead of opening a pull request. */
  hang?: (issue: number, attempt: number) => boolean;
  /** The item's worker branch; by default `orchestrator/<issue>-work`. */
  branch?: (issue: number) => string;
  /** Whether the worker report carries the run id (as the real worker's does); default true. */
  reportRunId?: boolean;
}

/**
 * The simulated worker (see the module comment) as a WorkflowRunner; `runs` receives one entry per
 * run, in order. A later attempt continues on the item's branch if it exists on the remote.
 */
export function simulatedWorker(runs: WorkerRun[], options: SimulatedWorkerOptions = {}): WorkflowRunner {
  return async ({ inputs, cloneDir, env, signal }) => {
    const issue = Number(inputs.issue);
    const attempt = Number(inputs.attempt);
    const octokit = new ProbotOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl: env.GITHUB_API_URL, retry: { enabled: false }, throttle: { enabled: false } });
    const port = createOctokitPort(octokit, REPO);
    const snapshot = (await port.getIssue(issue))!;
    const status = await port.findComment(issue, STATUS_MARKER);
    const decoded = status ? decodeStateBlock(status.body) : null;
    const state = decoded?.kind === "ok" ? decoded.state : null;
    const config = configSchema.parse({ worker: { test_command: "node test.mjs" } });
    const parsed = parseIssue({ title: snapshot.title, body: snapshot.body, labels: snapshot.labels }, config);
    const built = buildEnvelope({ number: issue, title: snapshot.title, htmlUrl: snapshot.htmlUrl }, state, parsed, config, { repository: `${REPO.owner}/${REPO.repo}`, attempt });
    runs.push({ issue, attempt, envelope: built.ok ? built.envelope : null });
    if (options.hang?.(issue, attempt)) {
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
      return { exitCode: 1 };
    }

    const branch = options.branch?.(issue) ?? `orchestrator/${issue}-work`;
    const git = (args: string[]) => run("git", args, { cwd: cloneDir, env: { ...env, GIT_AUTHOR_NAME: "worker", GIT_AUTHOR_EMAIL: "w@example.com", GIT_COMMITTER_NAME: "worker", GIT_COMMITTER_EMAIL: "w@example.com" } });
    const exists = (await git(["ls-remote", "--heads", "origin", branch])).stdout.trim() !== "";
    if (exists) await git(["fetch", "--quiet", "origin", branch]);
    await git(["checkout", "--quiet", "-B", branch, exists ? "FETCH_HEAD" : "HEAD"]);
    await writeFiles(cloneDir, options.files?.(attempt, issue) ?? { [`total-${issue}.txt`]: `attempt ${attempt}\n` });
    await git(["add", "-A"]);
    await git(["commit", "--quiet", "-m", `#${issue} attempt ${attempt}`]);
    await git(["push", "--quiet", "origin", `${branch}:${branch}`]);
    const headSha = (await git(["rev-parse", "HEAD"])).stdout.trim();

    const criteria = parsed.acceptanceCriteria.map((c) => `- [x] ${c} — evidence: \`node test.mjs\` passed (exit 0)`).join("\n");
    const pr = await port.openOrUpdatePullRequest({ head: branch, base: "main", title: snapshot.title, body: `Closes #${issue}\n\n## Acceptance criteria\n\n${criteria}` });
    const report = encodeWorkerReport({
      v: 1,
      issue,
      attempt,
      ...(options.reportRunId === false ? {} : { runId: Number(env.GITHUB_RUN_ID) }),
      outcome: "pr",
      pr: { number: pr.number, branch, headSha },
      iterations: 1,
      strategies: [],
      gated: [],
      outOfScope: [],
      deleted: 0,
      needsPerson: false,
    });
    await port.upsertComment(issue, reportMarker(attempt), `${reportMarker(attempt)}\nAttempt ${attempt}: ${pr.htmlUrl}\n\n${report}`);
    return { exitCode: 0 };
  };
}
