import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { AgentName, OrchestratorConfig } from "../config/schema.js";
import { agentEnvironment } from "../agents/agent-env.js";
import { ADAPTERS } from "../agents/index.js";
import type { AgentAdapter, AgentUsage } from "../agents/adapter.js";
import { findExecutable } from "../agents/run-agent.js";
import type { BlockerInput } from "../domain/blocker-report.js";
import { diagnose } from "../domain/blocker-report.js";
import { branchName } from "../domain/branch-name.js";
import { buildEnvelope, type TaskEnvelope } from "../domain/envelope.js";
import type { ItemState } from "../domain/item-state.js";
import { parseIssue } from "../domain/parse-issue.js";
import { stackBase, type StackDependency } from "../domain/queue/stack.js";
import { MAX_ENVELOPE_TEXT } from "../domain/bounds.js";
import { approvedTextFor } from "../domain/trust/approval-digest.js";
import { type BlockerKind, type WorkerReport } from "../domain/worker-report.js";
import type { GitHubPort, IssueSnapshot } from "../github/port.js";
import { runAttemptLoop, type LoopOutcome } from "./attempt-loop.js";
import type { CheckResult } from "./checks.js";
import { Git, type GitIdentity } from "./git.js";
import { appendJobSummary, renderWorkerSummary } from "./job-summary.js";
import { renderBlockedComment, renderPrBody, renderSuccessComment } from "./report-comment.js";
import { checkpointRef, ENVELOPE_DIR, Workspace } from "./workspace.js";
import { decodeStateBlock, reportMarker, STATUS_MARKER } from "../domain/item/markers.js";

/**
 * The worker: one attempt at one work item (issue 4, "The worker CLI"). Reads the issue and its
 * status comment through the port, builds the task envelope, runs the agent loop in the git
 * workspace, and ends in exactly one report comment per attempt (outcome `pr` or `blocked`).
 * It never changes labels or the status comment: the app is the single writer of item state.
 */

export type WorkerLog = (message: string, meta?: Record<string, unknown>) => void;

export interface WorkerDeps {
  port: GitHubPort;
  /** The checkout (actions/checkout's work tree) with an `origin` remote. */
  workspace: string;
  issue: number;
  /** 1-based attempt number (the dispatch input). */
  attempt: number;
  config: OrchestratorConfig;
  /** GITHUB_RUN_ID, recorded in the report. */
  runId?: number;
  /** GITHUB_TOKEN, used only by the worker's own fetch/push over https. */
  token?: string;
  /** The worker's environment: source of `agent.env` variables (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Commit identity (default orchestrator[bot]). */
  identity?: GitIdentity;
  /** Clock, epoch ms (default Date.now). */
  now?: () => number;
  log?: WorkerLog;
  /** Adapter overrides by name (tests); default the real adapters. */
  adapters?: Partial<Record<AgentName, AgentAdapter>>;
  /** Waits `ms` milliseconds (default a timer); see {@link RECORD_WAITS_MS}. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * How long the worker waits, and re-reads its item, when the item has no state yet (no status
 * comment), ms per wait (60 s in all). The app dispatches first and records the attempt right
 * after (app/scheduler.ts: the dispatch's key is its commit point), so a new item's first runner,
 * started at once, may read the item a moment before its status comment exists; without it the
 * item is not approved for agents (trust, issue #10). A run dispatched by hand, or one whose
 * record a crash lost, goes on after the last wait with what the item says.
 */
export const RECORD_WAITS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export interface WorkerResult {
  /** 0: pull request opened/updated; 1: blocked (report posted); 2: bad input or error. */
  exitCode: 0 | 1 | 2;
  report?: WorkerReport;
  /** A one-line error for stderr when exitCode is 2 (or the report could not be posted). */
  error?: string;
}

export const DEFAULT_IDENTITY: GitIdentity = { name: "orchestrator[bot]", email: "orchestrator[bot]@users.noreply.github.com" };

const defaultLog: WorkerLog = (message, meta) => {
  process.stderr.write(`[orchestrator worker] ${message}${meta !== undefined ? ` ${JSON.stringify(meta)}` : ""}\n`);
};

function emptyReport(issue: number, attempt: number, runId: number | undefined): WorkerReport {
  return {
    v: 1,
    issue,
    attempt,
    ...(runId !== undefined ? { runId } : {}),
    outcome: "blocked",
    iterations: 0,
    strategies: [],
    gated: [],
    outOfScope: [],
    deleted: 0,
    needsPerson: false,
  };
}

function usageFields(u: AgentUsage): Pick<WorkerReport, "costUsd" | "tokens"> {
  const out: Pick<WorkerReport, "costUsd" | "tokens"> = {};
  if (u.costUsd !== undefined) out.costUsd = u.costUsd;
  if (u.inputTokens !== undefined || u.outputTokens !== undefined) out.tokens = { input: u.inputTokens ?? 0, output: u.outputTokens ?? 0 };
  return out;
}

/**
 * Posts a blocked report for an attempt that could not start (bad input, missing CLI, invalid
 * config, unexpected error). Returns the report. Rejects only if GitHub does.
 */
export async function reportBlocked(
  port: GitHubPort,
  ctx: { issue: number; attempt: number; runId?: number; kind: BlockerKind; detail: string; branch?: string; agentName?: string },
  partial: Partial<WorkerReport> = {},
  input: Partial<BlockerInput> = {},
): Promise<WorkerReport> {
  const blockerInput: BlockerInput = {
    kind: ctx.kind,
    issue: ctx.issue,
    attempt: ctx.attempt,
    strategies: partial.strategies ?? [],
    iterations: [],
    detail: ctx.detail,
    ...(ctx.branch !== undefined ? { branch: ctx.branch } : {}),
    ...(ctx.agentName !== undefined ? { agentName: ctx.agentName } : {}),
    ...input,
  };
  const d = diagnose(blockerInput);
  const report: WorkerReport = {
    ...emptyReport(ctx.issue, ctx.attempt, ctx.runId),
    ...partial,
    outcome: "blocked",
    blocker: { kind: ctx.kind, summary: d.summary, hypothesis: d.hypothesis, intervention: d.intervention, ...(ctx.branch !== undefined ? { branch: ctx.branch } : {}) },
  };
  await port.upsertComment(ctx.issue, reportMarker(ctx.attempt), renderBlockedComment(report, blockerInput));
  return report;
}

/**
 * `worker.stack_on_approved`: the branch this attempt starts on, from the item's dependencies as
 * GitHub shows them now (each same-repository dependency's issue, status comment and pull request;
 * the rule is `stackBase`), or undefined (start from the default branch).
 */
async function stackedOnFor(port: GitHubPort, state: ItemState | null, enabled: boolean, log: WorkerLog): Promise<TaskEnvelope["stackedOn"]> {
  if (!enabled || !state) return undefined;
  const deps: StackDependency[] = [];
  for (const ref of state.dependsOn) {
    const n = /^#(\d+)$/.exec(ref)?.[1];
    // The dependency and its comments in one request; readState then finds its status comment among them.
    const issue = n ? ((await port.getIssueWithComments(Number(n)))?.issue ?? null) : null;
    if (!issue) {
      deps.push({ ref, open: true, status: null, pr: null, approvedHead: null });
      continue;
    }
    const dep = issue.state === "open" ? await readState(port, issue.number, log) : null;
    const pr = dep?.pr ? await port.getPullRequest(dep.pr.number) : null;
    deps.push({
      ref,
      open: issue.state === "open",
      status: dep?.status ?? null,
      pr: pr && pr.state === "open" ? { headRef: pr.headRef, headSha: pr.headSha } : null,
      approvedHead: dep?.approval?.headSha ?? null,
    });
  }
  const base = stackBase(deps, enabled);
  if (base) log("stacking on the dependency's approved pull request", { dependency: base.ref, branch: base.branch });
  return base ? { dependency: base.ref, branch: base.branch, headSha: base.headSha } : undefined;
}

/** The item's state from its status comment (the app's), or null when there is none usable (logged). */
export async function readState(port: GitHubPort, issue: number, log: WorkerLog): Promise<ItemState | null> {
  const comment = await port.findComment(issue, STATUS_MARKER);
  if (comment === null) {
    log("no status comment: building the envelope without item state", { issue });
    return null;
  }
  const decoded = decodeStateBlock(comment.body);
  if (decoded.kind === "ok") return decoded.state;
  log("status comment has no usable state block", { issue, ...(decoded.kind === "invalid" ? { reason: decoded.reason } : {}) });
  return null;
}

/**
 * The item's state, once there is one (see {@link RECORD_WAITS_MS}): read again, issue and
 * comments in one request, after each wait; after the last, null.
 */
async function recordedState(deps: WorkerDeps, log: WorkerLog): Promise<ItemState | null> {
  const { port, issue, attempt } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let state = await readState(port, issue, log);
  for (const ms of RECORD_WAITS_MS) {
    if (state !== null) return state;
    log("the item has no state yet; waiting for the app to record this attempt", { issue, attempt, waitMs: ms });
    await sleep(ms);
    await port.getIssueWithComments(issue);
    state = await readState(port, issue, log);
  }
  return state;
}

/** What the job summary needs beyond the report, filled in as the attempt goes. */
interface SummaryFacts {
  envelope?: TaskEnvelope;
  checks?: CheckResult;
  prUrl?: string;
}

/**
 * Runs one attempt and writes its Actions job summary (src/worker/job-summary.ts) when
 * `GITHUB_STEP_SUMMARY` is set. Never rejects for agent, test or input problems; see {@link WorkerResult}.
 */
export async function runWorker(deps: WorkerDeps): Promise<WorkerResult> {
  const facts: SummaryFacts = {};
  const result = await runAttempt(deps, facts);
  const { envelope, checks, prUrl } = facts;
  const summary = renderWorkerSummary({
    issue: deps.issue,
    attempt: deps.attempt,
    ...(envelope ? { envelope } : {}),
    ...(result.report ? { report: result.report } : {}),
    ...(checks ? { tests: checks.tests, ...(checks.acceptance ? { acceptance: checks.acceptance } : {}) } : {}),
    ...(prUrl ? { prUrl } : {}),
    ...(result.error ? { error: result.error } : {}),
  });
  try {
    await appendJobSummary(deps.env ?? process.env, summary);
  } catch (error) {
    (deps.log ?? defaultLog)("job summary not written", { detail: (error as Error).message });
  }
  return result;
}

async function runAttempt(deps: WorkerDeps, facts: SummaryFacts): Promise<WorkerResult> {
  const log = deps.log ?? defaultLog;
  const env = deps.env ?? process.env;
  const now = deps.now ?? Date.now;
  const start = now();
  const { port, issue: number, attempt, config } = deps;
  const base = { issue: number, attempt, ...(deps.runId !== undefined ? { runId: deps.runId } : {}) };

  // The issue and its comments in one request (issue #9 "A request budget"): the status comment
  // (readState) and this attempt's report comment (upsertComment) are then found without a listing.
  const issue = (await port.getIssueWithComments(number))?.issue ?? null;
  if (issue === null) return { exitCode: 2, error: `issue #${number} not found in ${port.repo.owner}/${port.repo.repo}` };

  const badInput = async (kind: BlockerKind, detail: string, extra: { branch?: string } = {}): Promise<WorkerResult> => {
    const report = await reportBlocked(port, { ...base, kind, detail, agentName: config.agent.name, ...extra });
    return { exitCode: 2, report, error: detail };
  };

  try {
    if (issue.isPullRequest) return await badInput("bad-input", `#${number} is a pull request, not a work item`);
    const state = await recordedState(deps, log);
    // trust (#10): the agent gets the approved text (the snapshot, or the live text only while its
    // digest matches the approval), never an edit made after the approval.
    const approved = approvedTextFor({ trusted: state?.trusted ?? false, approval: state?.itemApproval }, { title: issue.title, body: issue.body });
    if (!approved.ok) return await badInput("bad-input", approved.reason);
    const { title, body } = approved.text;
    const parsed = parseIssue({ title, body, labels: issue.labels }, config);
    const stackedOn = await stackedOnFor(port, state, config.worker.stack_on_approved, log);
    const built = buildEnvelope({ ...issue, title }, state, parsed, config, {
      repository: `${port.repo.owner}/${port.repo.repo}`,
      attempt,
      ...(stackedOn ? { stackedOn } : {}),
    });
    if (!built.ok) return await badInput("bad-input", built.errors.join("; "));
    const size = JSON.stringify(built.envelope).length;
    if (size > MAX_ENVELOPE_TEXT) return await badInput("bad-input", `the task envelope is ${size} characters, over the limit of ${MAX_ENVELOPE_TEXT}; shorten the issue or the /retry guidance`);
    facts.envelope = built.envelope;

    const adapter = deps.adapters?.[config.agent.name] ?? ADAPTERS[config.agent.name];
    if (config.agent.name === "command" && config.agent.command === undefined) {
      return await badInput("bad-input", "agent.name is `command` but agent.command is not set in .github/orchestrator.yml");
    }
    const agentPath = agentEnvironment(env, config.agent.env).PATH;
    const executable = adapter.executable({ maxTurns: config.agent.max_turns, timeoutMs: 0, workspace: deps.workspace });
    if (findExecutable(executable, agentPath) === null) {
      return await badInput("agent-missing", `agent CLI \`${executable}\` for agent \`${adapter.name}\` not found on PATH`);
    }
    return await runLoop(deps, issue, built.envelope, adapter, { log, env, now, start, facts });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log("worker error", { detail });
    return await badInput("error", detail);
  }
}

async function runLoop(
  deps: WorkerDeps,
  issue: IssueSnapshot,
  envelope: Parameters<typeof runAttemptLoop>[0]["envelope"],
  adapter: AgentAdapter,
  ctx: { log: WorkerLog; env: Readonly<Record<string, string | undefined>>; now: () => number; start: number; facts: SummaryFacts },
): Promise<WorkerResult> {
  const { port, config, attempt } = deps;
  const defaultBranch = await port.getDefaultBranch();
  const branch = branchName(issue.number, issue.title, config.worker.branch_prefix);
  const git = new Git({ cwd: deps.workspace, identity: deps.identity ?? DEFAULT_IDENTITY, baseEnv: ctx.env, ...(deps.token !== undefined ? { token: deps.token } : {}) });
  const ws = new Workspace(git, branch, defaultBranch, checkpointRef(issue.number), envelope.stackedOn?.branch ?? null);
  const setup = await ws.setup(attempt);
  const dir = path.join(deps.workspace, ENVELOPE_DIR);
  await mkdir(dir, { recursive: true });
  const files = { json: path.join(dir, "envelope.json"), markdown: path.join(dir, "envelope.md") };
  ctx.log("attempt started", { issue: issue.number, attempt, branch, resumed: setup.resumed !== null });

  const outcome = await runAttemptLoop({
    ws,
    setup,
    adapter,
    config,
    envelope,
    files,
    parentEnv: ctx.env,
    issue: issue.number,
    attempt,
    now: ctx.now,
    // min(worker.max_minutes, budget.per_attempt_minutes), as the envelope says.
    deadline: ctx.start + envelope.budget.minutes * 60_000,
    log: ctx.log,
  });
  // Checkpoints went to the checkpoint ref (no CI); the branch is pushed once, for the pull
  // request or the blocker report (which links the branch when there is work on it).
  if (outcome.kind === "passed" || outcome.iterations.length > 0) await ws.publish();
  const checks = outcome.kind === "passed" ? outcome.checks : outcome.last;
  if (checks) ctx.facts.checks = checks;
  return outcome.kind === "passed"
    ? finishPassed(deps, issue, envelope, branch, defaultBranch, outcome, ctx.facts)
    : finishBlocked(deps, branch, outcome);
}

function reportFrom(deps: WorkerDeps, outcome: LoopOutcome, scope: { gated: string[]; outOfScope: string[]; deleted: number; needsPerson: boolean }): WorkerReport {
  return {
    ...emptyReport(deps.issue, deps.attempt, deps.runId),
    iterations: outcome.iterations.length,
    strategies: outcome.strategies,
    ...scope,
    ...usageFields(outcome.usage),
    ...(outcome.tdd !== undefined ? { tdd: outcome.tdd } : {}),
  };
}

async function finishPassed(
  deps: WorkerDeps,
  issue: IssueSnapshot,
  envelope: Parameters<typeof runAttemptLoop>[0]["envelope"],
  branch: string,
  defaultBranch: string,
  outcome: Extract<LoopOutcome, { kind: "passed" }>,
  facts: SummaryFacts,
): Promise<WorkerResult> {
  const s = outcome.checks.scope;
  const draft = reportFrom(deps, outcome, { gated: s.gated, outOfScope: s.outOfScope, deleted: s.deleted, needsPerson: s.needsPerson });
  const body = renderPrBody({
    issue: issue.number,
    envelope,
    checks: outcome.checks,
    report: draft,
    usage: outcome.usage,
    ...(outcome.acceptanceBefore !== undefined ? { acceptanceBefore: outcome.acceptanceBefore } : {}),
  });
  const pr = await deps.port.openOrUpdatePullRequest({ head: branch, base: defaultBranch, title: issue.title, body });
  const report: WorkerReport = { ...draft, outcome: "pr", branch, pr: { number: pr.number, branch, headSha: outcome.headSha } };
  facts.prUrl = pr.htmlUrl;
  await deps.port.upsertComment(issue.number, reportMarker(deps.attempt), renderSuccessComment(report, pr.htmlUrl, outcome.usage));
  return { exitCode: 0, report };
}

async function finishBlocked(deps: WorkerDeps, branch: string, outcome: Extract<LoopOutcome, { kind: "blocked" }>): Promise<WorkerResult> {
  const s = outcome.last?.scope;
  const partial = {
    ...reportFrom(deps, outcome, { gated: s?.gated ?? [], outOfScope: s?.outOfScope ?? [], deleted: s?.deleted ?? 0, needsPerson: s?.needsPerson ?? false }),
    branch,
  };
  const pushed = outcome.iterations.length > 0;
  const report = await reportBlocked(
    deps.port,
    {
      issue: deps.issue,
      attempt: deps.attempt,
      ...(deps.runId !== undefined ? { runId: deps.runId } : {}),
      kind: outcome.blocker,
      detail: outcome.detail ?? outcome.strategies.at(-1)?.summary ?? outcome.blocker,
      agentName: deps.config.agent.name,
      ...(pushed ? { branch } : {}),
    },
    partial,
    { iterations: outcome.iterations },
  );
  return { exitCode: outcome.blocker === "agent-missing" ? 2 : 1, report };
}
