import { parseArgs } from "node:util";
import { ResilientOctokit } from "./github/octokit-client.js";
import type { GitHubPort, RepoRef } from "./github/port.js";
import { createOctokitPort } from "./github/octokit-port.js";
import { configReaderFor } from "./config/load.js";
import { loadConfigFile } from "./worker/config-file.js";
import { runReview, type ReviewDeps } from "./worker/run-review.js";
import { runVerify, type VerifyDeps } from "./worker/run-verify.js";
import { runPm } from "./worker/run-pm.js";
import { PM_TASKS, type PmTask } from "./domain/pm/tasks.js";
import { reportBlocked, runWorker, type WorkerDeps } from "./worker/run-worker.js";
import { withDetectedTestCommand } from "./worker/test-command.js";
import { defaultBranchOfRunnerEvent, withDefaultBranch } from "./worker/runner-event.js";

/**
 * The `orchestrator` command line (its process entry is src/cli.ts; the Action calls {@link main} too).
 *
 *   orchestrator worker --issue N [--attempt K] [--workspace DIR]
 *   orchestrator review --pr N [--issue N] [--head SHA] [--workspace DIR]
 *   orchestrator verify --issue N --sha SHA [--workspace DIR]
 *   orchestrator pm --task refine|plan --issue N --revision R [--workspace DIR]
 *
 * `worker` runs one worker attempt inside a checkout (default: the current directory), as the
 * worker workflow does. `review` runs the reviewer agent (`review.agent`) on pull request N at
 * commit SHA (default its head) and posts its raw verdict on the pull request, as the worker
 * workflow does with `mode: review` (see src/worker/run-review.ts). `verify` runs `verify.command`
 * against commit SHA and posts its raw result on issue N, as the worker workflow does with
 * `mode: verify` (src/worker/run-verify.ts). `pm` runs the PM agent (`pm.agent`) on issue N for
 * revision R of the task and posts its raw handoff on the issue, as the worker workflow does with
 * `mode: refine` or `mode: plan` (see src/worker/run-pm.ts). Environment: GITHUB_TOKEN (required; used for the API and the worker's own push,
 * never given to the agent), GITHUB_REPOSITORY (`owner/repo`, required), GITHUB_API_URL (default
 * https://api.github.com; GHES or the local stand-in), GITHUB_RUN_ID (recorded in the report),
 * GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL (commit identity, default orchestrator[bot]).
 * Exit codes: worker: 0 pull request, 1 blocked (report posted), 2 bad input or error (message on
 * stderr); review: 0 verdict comment posted (valid or not: the app judges it), 2 bad input or error;
 * pm: 0 handoff comment posted (valid or not), 2 bad input or error.
 */

export const USAGE = [
  "usage: orchestrator worker --issue N [--attempt K] [--workspace DIR]",
  "       orchestrator review --pr N [--issue N] [--head SHA] [--workspace DIR]",
  "       orchestrator verify --issue N --sha SHA [--workspace DIR]",
  "       orchestrator pm --task refine|plan --issue N --revision R [--workspace DIR]",
].join("\n");

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stderr: (line: string) => void;
  cwd: string;
  /** Builds the port (tests inject a fake); default Probot's Octokit + createOctokitPort. */
  createPort?: (token: string, repo: RepoRef, baseUrl: string) => GitHubPort;
  /** Replaces runWorker (tests). */
  runWorker?: typeof runWorker;
  /** Replaces runReview (tests). */
  runReview?: typeof runReview;
  /** Replaces runVerify (tests). */
  runVerify?: typeof runVerify;
  /** Replaces runPm (tests). */
  runPm?: typeof runPm;
}

/** The port and the configuration reader of the app (`_extends` followed), on one Probot Octokit. */
function defaultClients(token: string, repo: RepoRef, baseUrl: string): { port: GitHubPort; remote: (fileName: string) => Promise<unknown> } {
  const octokit = new ResilientOctokit({ auth: { token }, baseUrl });
  return { port: createOctokitPort(octokit, repo), remote: configReaderFor(octokit, repo.owner, repo.repo) };
}

function positiveInt(value: string | undefined, name: string): number | string {
  if (value === undefined) return `--${name} is required`;
  if (!/^[1-9]\d*$/.test(value)) return `--${name} must be a positive integer, got "${value}"`;
  return Number(value);
}

/** Runs the CLI; returns the exit code. Never throws for bad input. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        issue: { type: "string" },
        attempt: { type: "string" },
        pr: { type: "string" },
        head: { type: "string" },
        sha: { type: "string" },
        task: { type: "string" },
        revision: { type: "string" },
        workspace: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.stderr(`orchestrator: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stderr(USAGE);
    return 0;
  }
  const command = positionals[0];
  if ((command !== "worker" && command !== "review" && command !== "verify" && command !== "pm") || positionals.length !== 1) {
    io.stderr(`orchestrator: unknown command "${positionals.join(" ")}"\n${USAGE}`);
    return 2;
  }
  if (command === "pm") return pm(values, io);
  if (values.task !== undefined || values.revision !== undefined) {
    io.stderr(`orchestrator: --task and --revision belong to \`orchestrator pm\`\n${USAGE}`);
    return 2;
  }
  if (command === "review") return review(values, io);
  if (command === "verify") return verify(values, io);
  if (values.sha !== undefined) {
    io.stderr(`orchestrator: --sha belongs to \`orchestrator verify\`\n${USAGE}`);
    return 2;
  }
  if (values.pr !== undefined || values.head !== undefined) {
    io.stderr(`orchestrator: --pr and --head belong to \`orchestrator review\`\n${USAGE}`);
    return 2;
  }
  const issue = positiveInt(values.issue, "issue");
  const attempt = values.attempt === undefined ? 1 : positiveInt(values.attempt, "attempt");
  if (typeof issue === "string" || typeof attempt === "string") {
    io.stderr(`orchestrator: ${typeof issue === "string" ? issue : String(attempt)}\n${USAGE}`);
    return 2;
  }
  const runner = runnerEnv(io);
  if (typeof runner === "string") {
    io.stderr(`orchestrator: ${runner}`);
    return 2;
  }
  const { token, runId, port } = runner;
  const workspace = values.workspace ?? io.cwd;

  const loaded = await loadConfigFile(workspace, runner.remote);
  if (!loaded.ok) {
    io.stderr(`orchestrator: ${loaded.error}`);
    if ((await port.getIssue(issue)) !== null) {
      await reportBlocked(port, { issue, attempt, ...(runId !== undefined ? { runId } : {}), kind: "bad-input", detail: loaded.error });
    }
    return 2;
  }
  // No worker.test_command: the checkout's own (package.json, pytest, go, cargo, make); none found
  // leaves it unset and the worker reports the item blocked, naming the key.
  const { config, found } = await withDetectedTestCommand(loaded.config, workspace);
  if (found) io.stderr(`orchestrator: worker.test_command not set; using \`${found.command}\` (from ${found.source})`);
  const name = io.env.GIT_AUTHOR_NAME;
  const email = io.env.GIT_AUTHOR_EMAIL;
  const deps: WorkerDeps = {
    port,
    workspace,
    issue,
    attempt,
    config,
    token,
    env: io.env,
    ...(runId !== undefined ? { runId } : {}),
    ...(name !== undefined && email !== undefined ? { identity: { name, email } } : {}),
  };
  const result = await (io.runWorker ?? runWorker)(deps);
  if (result.error !== undefined) io.stderr(`orchestrator: ${result.error}`);
  if (result.report !== undefined) io.stderr(`orchestrator: attempt ${attempt} of #${issue}: ${result.report.outcome}${result.report.pr !== undefined ? ` (pull request #${result.report.pr.number})` : ""}`);
  return result.exitCode;
}

/** The runner's environment (see the module comment), or the problem with it. */
function runnerEnv(io: CliIo): { token: string; runId?: number; port: GitHubPort; remote?: (fileName: string) => Promise<unknown> } | string {
  const token = io.env.GITHUB_TOKEN;
  const repository = io.env.GITHUB_REPOSITORY;
  const [owner, repo, ...rest] = (repository ?? "").split("/");
  if (token === undefined || token === "") return "GITHUB_TOKEN is not set";
  if (owner === undefined || owner === "" || repo === undefined || repo === "" || rest.length > 0) return `GITHUB_REPOSITORY must be owner/repo, got "${repository ?? ""}"`;
  const baseUrl = (io.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const runId = io.env.GITHUB_RUN_ID !== undefined && /^\d+$/.test(io.env.GITHUB_RUN_ID) ? Number(io.env.GITHUB_RUN_ID) : undefined;
  const clients = io.createPort ? { port: io.createPort(token, { owner, repo }, baseUrl) } : defaultClients(token, { owner, repo }, baseUrl);
  const port = withDefaultBranch(clients.port, defaultBranchOfRunnerEvent(io.env.GITHUB_EVENT_PATH));
  return { token, ...clients, port, ...(runId !== undefined ? { runId } : {}) };
}

/** Prints `message` and the usage on stderr; the exit code of bad input (2). */
function usageError(io: CliIo, message: string): number {
  io.stderr(`orchestrator: ${message}\n${USAGE}`);
  return 2;
}

/**
 * What a review, verify or PM run needs before it starts: the runner's environment, the checkout
 * (`--workspace`, default the current directory) and its configuration (the app's loader). Null
 * after saying on stderr what is missing or broken (the caller exits 2; the worker reports a broken
 * configuration on the item instead, so it does not use this).
 */
async function sideRunSetup(values: { workspace?: string | undefined }, io: CliIo) {
  const runner = runnerEnv(io);
  if (typeof runner === "string") {
    io.stderr(`orchestrator: ${runner}`);
    return null;
  }
  const workspace = values.workspace ?? io.cwd;
  const loaded = await loadConfigFile(workspace, runner.remote);
  if (!loaded.ok) {
    io.stderr(`orchestrator: ${loaded.error}`);
    return null;
  }
  return { runner, workspace, loaded };
}

/** `orchestrator review`: argument checks, then runReview. Exit 0 verdict posted, 2 otherwise. */
async function review(values: { issue?: string | undefined; attempt?: string | undefined; pr?: string | undefined; head?: string | undefined; sha?: string | undefined; workspace?: string | undefined }, io: CliIo): Promise<number> {
  const fail = (message: string): number => usageError(io, message);
  if (values.attempt !== undefined) return fail("--attempt belongs to `orchestrator worker`");
  if (values.sha !== undefined) return fail("--sha belongs to `orchestrator verify`");
  const pr = positiveInt(values.pr, "pr");
  if (typeof pr === "string") return fail(pr);
  const issue = values.issue === undefined ? undefined : positiveInt(values.issue, "issue");
  if (typeof issue === "string") return fail(issue);
  if (values.head !== undefined && !/^[0-9a-f]{7,64}$/.test(values.head)) return fail(`--head must be a commit sha, got "${values.head}"`);
  const setup = await sideRunSetup(values, io);
  if (setup === null) return 2;
  const { runner, workspace, loaded } = setup;
  const name = io.env.GIT_AUTHOR_NAME;
  const email = io.env.GIT_AUTHOR_EMAIL;
  const deps: ReviewDeps = {
    port: runner.port,
    workspace,
    pr,
    config: loaded.config,
    token: runner.token,
    env: io.env,
    ...(issue !== undefined ? { issue } : {}),
    ...(values.head !== undefined ? { headSha: values.head } : {}),
    ...(runner.runId !== undefined ? { runId: runner.runId } : {}),
    ...(name !== undefined && email !== undefined ? { identity: { name, email } } : {}),
  };
  const result = await (io.runReview ?? runReview)(deps);
  if (result.error !== undefined) io.stderr(`orchestrator: ${result.error}`);
  if (result.block !== undefined) io.stderr(`orchestrator: review of pull request #${pr} at ${result.block.headSha}: ${result.block.problem ?? "verdict posted"}`);
  return result.exitCode;
}

/**
 * `orchestrator verify --issue N --sha S`: argument checks, then runVerify (src/worker/run-verify.ts).
 * Exit 0 when the verification comment was posted (passed or not: the app judges it), 2 otherwise.
 */
async function verify(values: { issue?: string | undefined; attempt?: string | undefined; pr?: string | undefined; head?: string | undefined; sha?: string | undefined; workspace?: string | undefined }, io: CliIo): Promise<number> {
  const fail = (message: string): number => usageError(io, message);
  if (values.attempt !== undefined || values.pr !== undefined || values.head !== undefined) return fail("`orchestrator verify` takes --issue, --sha and --workspace only");
  const issue = positiveInt(values.issue, "issue");
  if (typeof issue === "string") return fail(issue);
  if (values.sha === undefined || !/^[0-9a-f]{7,64}$/.test(values.sha)) return fail(`--sha must be a commit sha, got "${values.sha ?? ""}"`);
  const setup = await sideRunSetup(values, io);
  if (setup === null) return 2;
  const { runner, workspace, loaded } = setup;
  const name = io.env.GIT_AUTHOR_NAME;
  const email = io.env.GIT_AUTHOR_EMAIL;
  const server = (io.env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const deps: VerifyDeps = {
    port: runner.port,
    workspace,
    issue,
    sha: values.sha,
    config: loaded.config,
    token: runner.token,
    env: io.env,
    ...(runner.runId !== undefined ? { runId: runner.runId, runUrl: `${server}/${io.env.GITHUB_REPOSITORY ?? ""}/actions/runs/${runner.runId}` } : {}),
    ...(name !== undefined && email !== undefined ? { identity: { name, email } } : {}),
  };
  const result = await (io.runVerify ?? runVerify)(deps);
  if (result.error !== undefined) io.stderr(`orchestrator: ${result.error}`);
  if (result.block !== undefined) io.stderr(`orchestrator: verification of #${issue} at ${result.block.sha}: ${result.block.problem ?? "posted"}`);
  return result.exitCode;
}

/** `orchestrator pm`: argument checks, then runPm. Exit 0 handoff comment posted, 2 otherwise. */
async function pm(values: { issue?: string | undefined; attempt?: string | undefined; pr?: string | undefined; head?: string | undefined; sha?: string | undefined; task?: string | undefined; revision?: string | undefined; workspace?: string | undefined }, io: CliIo): Promise<number> {
  const fail = (message: string): number => usageError(io, message);
  if (values.attempt !== undefined || values.pr !== undefined || values.head !== undefined || values.sha !== undefined) return fail("--attempt, --pr, --head and --sha do not belong to `orchestrator pm`");
  if (!PM_TASKS.includes(values.task as PmTask)) return fail(`--task must be one of ${PM_TASKS.join(", ")}, got "${values.task ?? ""}"`);
  const task = values.task as PmTask;
  const issue = positiveInt(values.issue, "issue");
  if (typeof issue === "string") return fail(issue);
  const revision = positiveInt(values.revision, "revision");
  if (typeof revision === "string") return fail(revision);
  const setup = await sideRunSetup(values, io);
  if (setup === null) return 2;
  const { runner, workspace, loaded } = setup;
  const result = await (io.runPm ?? runPm)({
    port: runner.port,
    workspace,
    task,
    issue,
    revision,
    config: loaded.config,
    env: io.env,
    ...(runner.runId !== undefined ? { runId: runner.runId } : {}),
  });
  if (result.error !== undefined) io.stderr(`orchestrator: ${result.error}`);
  if (result.block !== undefined) io.stderr(`orchestrator: PM ${task} of #${issue} revision ${revision}: ${result.block.problem ?? "handoff posted"}`);
  return result.exitCode;
}
