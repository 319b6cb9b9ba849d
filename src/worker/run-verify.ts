import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OrchestratorConfig } from "../config/schema.js";
import { agentEnvironment } from "../agents/agent-env.js";
import { runBounded } from "../agents/bounded-process.js";
import { redactSecrets, tail } from "../domain/blocker-report.js";
import { decodeStateBlock, encodeVerifyRunBlock, STATUS_MARKER, verifyRunMarker } from "../domain/item/markers.js";
import { parseIssue } from "../domain/parse-issue.js";
import { approvedTextFor } from "../domain/trust/approval-digest.js";
import { judgeVerification, revertBranchName, VERIFICATION_PATH, VERIFY_ENVELOPE_PATH, type VerifyEnvelope, type VerifyRunBlock } from "../domain/verify.js";
import type { GitHubPort } from "../github/port.js";
import { Git, type GitIdentity } from "./git.js";
import { DEFAULT_IDENTITY, type WorkerLog } from "./run-worker.js";
import { Workspace } from "./workspace.js";

/**
 * The verify run (issue #13 item 4, "verify after landing"): `orchestrator verify --issue N --sha S`
 * on an Actions runner, dispatched by the app as the worker workflow with `mode: verify` after the
 * item landed (or was deployed):
 *
 * 1. reads the issue and its acceptance criteria (the approved text, as the worker does);
 * 2. checks out commit S (detached);
 * 3. writes the verify envelope to {@link VERIFY_ENVELOPE_PATH} and removes any stale
 *    {@link VERIFICATION_PATH} (the landed tree must not carry its own verdict);
 * 4. runs `verify.command` with `bash -c`, bounded by `verify.timeout_minutes`, in the scrubbed
 *    environment (no GitHub token), with `ORCHESTRATOR_VERIFY_ENVELOPE` and
 *    `ORCHESTRATOR_VERIFICATION` naming the two files;
 * 5. with `verify.on_failure: revert` and a failed criterion, pushes a branch that reverts S
 *    (`git revert`, `-m 1` for a merge commit) on top of the default branch, for the app to open;
 * 6. posts the RAW verification (or the problem) on the issue in a comment marked per commit.
 *    Validating it is the app's job (domain/verify.ts).
 */

export interface VerifyDeps {
  port: GitHubPort;
  /** The checkout with an `origin` remote. */
  workspace: string;
  issue: number;
  /** The landed commit. */
  sha: string;
  config: OrchestratorConfig;
  runId?: number;
  /** The run's page, recorded as evidence. */
  runUrl?: string;
  /** GITHUB_TOKEN, for the worker's own fetch and push only. */
  token?: string;
  env?: Readonly<Record<string, string | undefined>>;
  identity?: GitIdentity;
  log?: WorkerLog;
}

export interface VerifyRunResult {
  /** 0: the comment was posted (whatever it says); 2: bad input or error, nothing posted. */
  exitCode: 0 | 2;
  block?: VerifyRunBlock;
  error?: string;
}

/** Characters of a non-JSON verification file kept in the comment. */
const TEXT_LIMIT = 2000;

const defaultLog: WorkerLog = (message, meta) => {
  process.stderr.write(`[orchestrator verify] ${message}${meta !== undefined ? ` ${JSON.stringify(meta)}` : ""}\n`);
};

/** Runs one verification. Never rejects for command or file problems (they are posted). */
export async function runVerify(deps: VerifyDeps): Promise<VerifyRunResult> {
  const log = deps.log ?? defaultLog;
  const env = deps.env ?? process.env;
  const { port, config, sha } = deps;
  const command = config.verify.command;
  if (command === undefined) return { exitCode: 2, error: "verify.command is not set in .github/orchestrator.yml: there is nothing to run" };
  // The issue and its comments in one request: the status comment and this run's comment are found among them.
  const issue = (await port.getIssueWithComments(deps.issue))?.issue ?? null;
  if (issue === null || issue.isPullRequest) return { exitCode: 2, error: `issue #${deps.issue} not found in ${port.repo.owner}/${port.repo.repo}` };

  const post = async (fields: Omit<VerifyRunBlock, "v" | "issue" | "sha" | "runId" | "runUrl">): Promise<VerifyRunBlock> => {
    const block: VerifyRunBlock = { v: 1, issue: issue.number, sha, ...(deps.runId !== undefined ? { runId: deps.runId } : {}), ...(deps.runUrl !== undefined ? { runUrl: deps.runUrl } : {}), ...fields };
    const marker = verifyRunMarker(sha);
    const outcome = fields.problem !== undefined ? `no verification: ${fields.problem}` : "verification returned; the app validates it and records the evidence";
    const body = [marker, `**Verify run** on \`${sha.slice(0, 7)}\`: ${outcome.replace(/\s+/g, " ")}`, "", encodeVerifyRunBlock(block)].join("\n");
    await port.upsertComment(issue.number, marker, body);
    log("verification posted", { issue: issue.number, sha, problem: fields.problem ?? null });
    return block;
  };

  const status = await port.findComment(issue.number, STATUS_MARKER);
  const decoded = status === null ? null : decodeStateBlock(status.body);
  const state = decoded?.kind === "ok" ? decoded.state : null;
  const approved = approvedTextFor({ trusted: state?.trusted ?? false, approval: state?.itemApproval }, { title: issue.title, body: issue.body });
  if (!approved.ok) return { exitCode: 0, block: await post({ problem: approved.reason }) };
  const criteria = parseIssue({ ...approved.text, labels: issue.labels }, config).acceptanceCriteria;

  const defaultBranch = await port.getDefaultBranch();
  const git = new Git({ cwd: deps.workspace, identity: deps.identity ?? DEFAULT_IDENTITY, baseEnv: env, ...(deps.token !== undefined ? { token: deps.token } : {}) });
  const ws = new Workspace(git, defaultBranch, defaultBranch);
  try {
    await ws.sanitize();
    await git.run(["fetch", "--no-tags", "origin", `+refs/heads/${defaultBranch}:refs/remotes/origin/${defaultBranch}`], { remote: true });
    await git.run(["checkout", "--force", "--detach", sha]);
    await git.run(["clean", "-fd"]);
  } catch (error) {
    return { exitCode: 0, block: await post({ problem: `cannot check out ${sha}: ${redactSecrets((error as Error).message)}` }) };
  }

  const envelope: VerifyEnvelope = {
    v: 1,
    kind: "verify",
    repository: `${port.repo.owner}/${port.repo.repo}`,
    issue: issue.number,
    title: approved.text.title,
    commit: sha,
    acceptanceCriteria: criteria,
    output: { path: VERIFICATION_PATH },
  };
  const envelopeFile = path.join(deps.workspace, VERIFY_ENVELOPE_PATH);
  const resultFile = path.join(deps.workspace, VERIFICATION_PATH);
  await mkdir(path.dirname(envelopeFile), { recursive: true });
  await writeFile(envelopeFile, `${JSON.stringify(envelope, null, 2)}\n`);
  await rm(resultFile, { force: true });

  log("verify command", { issue: issue.number, sha, command });
  const run = await runBounded("bash", ["-c", command], {
    cwd: deps.workspace,
    env: agentEnvironment(env, config.agent.env, { CI: "true", ORCHESTRATOR_VERIFY_ENVELOPE: envelopeFile, ORCHESTRATOR_VERIFICATION: resultFile }),
    timeoutMs: config.verify.timeout_minutes * 60_000,
    tailChars: 16 * 1024,
  });
  const how = run.missing ? `could not start (${run.error ?? "bash not found"})` : run.timedOut ? `timed out after ${config.verify.timeout_minutes} minute(s)` : `exited with code ${run.exitCode ?? "signal"}`;
  const output = redactSecrets(tail(run.output, 1500)).trim();
  let raw: string;
  try {
    raw = await readFile(resultFile, "utf8");
  } catch {
    return { exitCode: 0, block: await post({ exitCode: run.exitCode, problem: `the verify command wrote no \`${VERIFICATION_PATH}\` (it ${how}); output: ${output || "(none)"}` }) };
  }
  let verification: unknown;
  try {
    verification = JSON.parse(raw);
  } catch (error) {
    return { exitCode: 0, block: await post({ exitCode: run.exitCode, problem: `\`${VERIFICATION_PATH}\` is not JSON (${(error as Error).message}; the command ${how})`, text: redactSecrets(raw.slice(0, TEXT_LIMIT)) }) };
  }
  const revert = config.verify.on_failure === "revert" && judgeVerification({ verification }, criteria).kind === "FAILED" ? await pushRevert(ws, issue.number, sha, config, log) : {};
  return { exitCode: 0, block: await post({ exitCode: run.exitCode, verification, ...revert }) };
}

/**
 * Pushes `<branch_prefix>revert-<issue>-<sha7>`: the default branch plus `git revert` of `sha`
 * (mainline 1 for a merge commit). Returns the branch, or the problem (a conflict, a refused push).
 */
async function pushRevert(ws: Workspace, issue: number, sha: string, config: OrchestratorConfig, log: WorkerLog): Promise<Pick<VerifyRunBlock, "revertBranch" | "revertProblem">> {
  const branch = revertBranchName(issue, sha, config.worker.branch_prefix);
  const { git } = ws;
  try {
    await git.run(["checkout", "--force", "-B", branch, `refs/remotes/origin/${ws.defaultBranch}`]);
    const parents = (await git.run(["rev-list", "--parents", "-n", "1", sha])).split(" ").length - 1;
    await git.run(["revert", "--no-edit", ...(parents > 1 ? ["-m", "1"] : []), sha]);
    await git.run(["push", "--no-verify", "--force", "origin", `HEAD:refs/heads/${branch}`], { remote: true });
    log("revert branch pushed", { branch, sha });
    return { revertBranch: branch };
  } catch (error) {
    await git.tryRun(["revert", "--abort"]);
    const problem = `the revert of ${sha.slice(0, 7)} could not be pushed: ${redactSecrets((error as Error).message).slice(0, 500)}`;
    log("revert failed", { sha, problem });
    return { revertProblem: problem };
  }
}
