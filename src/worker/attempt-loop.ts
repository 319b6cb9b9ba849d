import { writeFile } from "node:fs/promises";
import type { OrchestratorConfig } from "../config/schema.js";
import type { AgentAdapter, AgentUsage, EnvelopeFiles } from "../agents/adapter.js";
import { runAgent, type AgentRunResult } from "../agents/run-agent.js";
import { redactSecrets, tail, type IterationRecord } from "../domain/blocker-report.js";
import { renderEnvelopeMarkdown, withProgress, type IterationFeedback, type TaskEnvelope } from "../domain/envelope.js";
import type { BlockerKind, StrategyRecord } from "../domain/worker-report.js";
import { checkpointMessage, type Checkpoint } from "./checkpoint.js";
import { runChecks, runCommand, type CheckResult, type CommandRun } from "./checks.js";
import type { SetupResult, Workspace } from "./workspace.js";
import { greenChecks, runTestPhase, type TddReady } from "./tdd-phase.js";
import type { TddEvidence } from "../domain/tdd.js";

/**
 * The iteration/strategy loop of one attempt (issue 4, "Loop"): up to `max_iterations` agent runs
 * per strategy, checks after each, a checkpoint commit + push after each; an exhausted strategy is
 * rolled back to the attempt's base (force-pushed: no trace) and the next one is told what was
 * tried; at most `max_strategy_shifts` shifts; wall-clock and cost budgets stop it early.
 */

export interface LoopDeps {
  ws: Workspace;
  setup: SetupResult;
  adapter: AgentAdapter;
  config: OrchestratorConfig;
  envelope: TaskEnvelope;
  files: EnvelopeFiles;
  parentEnv: Readonly<Record<string, string | undefined>>;
  issue: number;
  attempt: number;
  now: () => number;
  /** Epoch ms when the wall-clock budget ends. */
  deadline: number;
  log: (message: string, meta?: Record<string, unknown>) => void;
}

export interface LoopTotals {
  iterations: IterationRecord[];
  strategies: StrategyRecord[];
  usage: AgentUsage;
  /** Acceptance test run before the agent (fresh attempts only). */
  acceptanceBefore?: CommandRun;
  /** `worker.tdd`: the red-then-green evidence (head results set once the checks passed). */
  tdd?: TddEvidence;
}

export type LoopOutcome =
  | ({ kind: "passed"; checks: CheckResult; headSha: string } & LoopTotals)
  | ({ kind: "blocked"; blocker: BlockerKind; detail?: string; last?: CheckResult } & LoopTotals);

function addUsage(total: AgentUsage, u: AgentUsage): AgentUsage {
  const sum = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const out: AgentUsage = {};
  const cost = sum(total.costUsd, u.costUsd);
  const input = sum(total.inputTokens, u.inputTokens);
  const output = sum(total.outputTokens, u.outputTokens);
  if (cost !== undefined) out.costUsd = Math.round(cost * 1e6) / 1e6;
  if (input !== undefined) out.inputTokens = input;
  if (output !== undefined) out.outputTokens = output;
  return out;
}

/**
 * What is left to spend in this attempt, USD: the smaller of `worker.cost_ceiling_usd` and the
 * envelope's `budget.itemRemainingUsd` (what is left of `budget.per_item_usd`), minus what the
 * agent reported so far; undefined when neither cap is set.
 */
export function spendLeft(envelope: TaskEnvelope, ceilingUsd: number | undefined, spentUsd: number): number | undefined {
  const caps = [ceilingUsd, envelope.budget.itemRemainingUsd].filter((c): c is number => c !== undefined);
  if (caps.length === 0) return undefined;
  return Math.round((Math.min(...caps) - spentUsd) * 1e6) / 1e6;
}

/** The failure line of an agent run that did not end by itself (stall, spend cap, turns, timeout, exit code). */
function agentFailure(agent: AgentRunResult): string | undefined {
  if (agent.stopped !== undefined) return `the agent was stopped: ${agent.stopped.detail}`;
  if (agent.timedOut) return "the agent run timed out before finishing";
  if (agent.exitCode !== 0) return `the agent exited with code ${agent.exitCode ?? "signal"}`;
  return undefined;
}

function feedbackFrom(iteration: number, checks: CheckResult, agent?: AgentRunResult): IterationFeedback {
  const failures = [...checks.failures];
  const agentLine = agent !== undefined ? agentFailure(agent) : undefined;
  if (agentLine !== undefined && !failures.includes(agentLine)) failures.push(agentLine);
  const failing = checks.acceptance !== undefined && checks.acceptance.exitCode !== 0 && checks.tests.exitCode === 0 ? checks.acceptance : checks.tests;
  return { iteration, failures, testOutputTail: redactSecrets(tail(failing.outputTail, 3000)) };
}

function strategySummary(strategy: number, iterations: number, last: CheckResult | undefined): string {
  const failure = last?.failures[0] ?? "checks failed";
  return `strategy ${strategy + 1}: ${iterations} iteration(s), last failure: ${failure}`;
}

/** Runs the loop. Git or GitHub errors reject (the caller reports them); agent/test failures never do. */
export async function runAttemptLoop(d: LoopDeps): Promise<LoopOutcome> {
  const w = d.config.worker;
  const totals: LoopTotals = { iterations: [], strategies: [], usage: {} };
  // Tests get the remaining budget but at least a minute: a run that reached its budget during
  // the agent's run still gets a verdict (the workflow's timeout-minutes is the hard stop).
  const cmdCtx = (timeoutMs: number) => ({ cwd: d.ws.git.cwd, parentEnv: d.parentEnv, allowEnv: d.config.agent.env, timeoutMs: Math.max(60_000, timeoutMs) });
  const remaining = () => d.deadline - d.now();
  let repositoryFiles: string[] | undefined;
  const check = async (): Promise<CheckResult> => {
    const files = await d.ws.changedFiles(d.setup.mergeBase);
    repositoryFiles ??= await d.ws.trackedFiles(d.setup.mergeBase);
    const spec = {
      files,
      repositoryFiles,
      scope: d.envelope.scope,
      gate: d.config.autonomy.gate,
      maxDeleted: d.config.autonomy.max_deleted_files,
      testCommand: d.envelope.testCommand,
      defaultBranch: d.ws.defaultBranch,
      ...(d.envelope.acceptanceTestCommand !== undefined ? { acceptanceTestCommand: d.envelope.acceptanceTestCommand } : {}),
    };
    const result = await runChecks(spec, cmdCtx(remaining()));
    if (tdd === null) return result;
    const green = await greenChecks(d.ws, tdd, cmdCtx(remaining()));
    totals.tdd = green.evidence;
    return { ...result, failures: [...result.failures, ...green.failures] };
  };
  const agentRun = async (envelope: TaskEnvelope, left: number | undefined): Promise<AgentRunResult> => {
    await writeFile(d.files.json, `${JSON.stringify(envelope, null, 2)}\n`);
    await writeFile(d.files.markdown, renderEnvelopeMarkdown(envelope));
    const saved = await d.ws.protect();
    const agent = await runAgent({
      adapter: d.adapter,
      files: d.files,
      envelope,
      parentEnv: d.parentEnv,
      allowEnv: d.config.agent.env,
      options: {
        maxTurns: d.config.agent.max_turns,
        timeoutMs: Math.max(1000, Math.min(d.config.agent.timeout_minutes * 60_000, remaining())),
        workspace: d.ws.git.cwd,
        network: d.envelope.grants?.network ?? false,
        stallMs: d.config.agent.stall_minutes * 60_000,
        ...(left !== undefined ? { spendLimitUsd: left } : {}),
        ...(d.config.agent.model !== undefined ? { model: d.config.agent.model } : {}),
        ...(d.config.agent.command !== undefined ? { command: d.config.agent.command } : {}),
      },
    });
    await d.ws.restore(saved);
    return agent;
  };

  // The TDD gate (src/domain/tdd.ts): the failing tests first, committed; every strategy then
  // starts from that commit, and the implement runs are told which tests to make pass.
  let tdd: TddReady | null = null;
  let base = d.setup.attemptBase;
  let implementEnvelope = d.envelope;
  if (w.tdd) {
    const phase = await runTestPhase({
      ws: d.ws,
      issue: d.issue,
      mergeBase: d.setup.mergeBase,
      envelope: d.envelope,
      maxRuns: w.max_iterations,
      runAgent: (envelope) => agentRun(envelope, spendLeft(d.envelope, w.cost_ceiling_usd, totals.usage.costUsd ?? 0)),
      commandContext: () => cmdCtx(remaining()),
      log: d.log,
    });
    for (const u of phase.usage) totals.usage = addUsage(totals.usage, u);
    if (phase.kind === "blocked") {
      totals.strategies.push({ index: 0, iterations: 0, outcome: "stopped", summary: phase.detail });
      return { kind: "blocked", blocker: phase.missing === true ? "agent-missing" : "exhausted", detail: phase.detail, ...totals };
    }
    tdd = phase;
    totals.tdd = phase.evidence;
    base = phase.evidence.testsCommit;
    implementEnvelope = { ...d.envelope, tdd: { phase: "implement", manifest: "", tests: phase.evidence.tests.map((t) => ({ criterion: t.criterion, name: t.name, files: t.files })) } };
  }

  let strategy = d.setup.resumed?.strategy ?? 0;
  let iteration = d.setup.resumed?.iteration ?? 0;
  const tried = [...(d.setup.resumed?.tried ?? [])];
  let feedback: IterationFeedback | undefined;
  let last: CheckResult | undefined;

  if (d.setup.resumed !== null) {
    // A killed run left a checkpoint: judge it as it stands before running the agent again.
    d.log("resuming from checkpoint", { ...d.setup.resumed });
    last = await check();
    if (last.failures.length === 0) {
      totals.strategies.push({ index: strategy, iterations: iteration, outcome: "passed", summary: `strategy ${strategy + 1}: checks passed at the resumed checkpoint` });
      return { kind: "passed", checks: last, headSha: await d.ws.head(), ...totals };
    }
    feedback = feedbackFrom(Math.max(1, iteration), last);
  } else if (d.envelope.acceptanceTestCommand !== undefined) {
    totals.acceptanceBefore = await runCommand(d.envelope.acceptanceTestCommand, cmdCtx(remaining()));
    d.log("acceptance test before the agent", { exitCode: totals.acceptanceBefore.exitCode });
  }

  for (; strategy <= w.max_strategy_shifts; strategy++) {
    while (iteration < w.max_iterations) {
      if (remaining() <= 0) return stop("time-budget", strategy, iteration);
      const left = spendLeft(d.envelope, w.cost_ceiling_usd, totals.usage.costUsd ?? 0);
      if (left !== undefined && left <= 0) return stop("cost-budget", strategy, iteration);
      iteration += 1;
      const envelope = withProgress(implementEnvelope, { strategy, tried, iteration, ...(feedback !== undefined ? { feedback } : {}) });
      d.log("agent run", { strategy, iteration });
      const agent = await agentRun(envelope, left);
      if (agent.missing) {
        return { kind: "blocked", blocker: "agent-missing", detail: agent.error ?? "agent CLI not found", ...totals };
      }
      totals.usage = addUsage(totals.usage, agent.usage);
      last = await check();
      // A stalled or capped run counts as a failed iteration even if the checks pass (issue 12).
      const stoppedFailure = agent.stopped !== undefined ? agentFailure(agent) : undefined;
      if (stoppedFailure !== undefined) {
        d.log("agent stopped", { strategy, iteration, kind: agent.stopped?.kind, detail: agent.stopped?.detail });
        last = { ...last, failures: [...last.failures, stoppedFailure] };
      }
      const record: IterationRecord = {
        strategy,
        iteration,
        failures: last.failures,
        testOutputTail: redactSecrets(tail(last.tests.outputTail, 2000)),
        agent: { exitCode: agent.exitCode, timedOut: agent.timedOut },
        outOfScope: last.scope.outOfScope,
        ...(last.scope.unmatchedScope.length > 0 ? { unmatchedScope: last.scope.unmatchedScope } : {}),
      };
      totals.iterations.push(record);
      const summary = last.failures.length === 0 ? "checks passed" : `failed: ${last.failures.join("; ")}`;
      await d.ws.commit(checkpointMessage(d.issue, { attempt: d.attempt, strategy, iteration, tried }, redactSecrets(summary)));
      const headSha = await d.ws.pushCheckpoint();
      d.log("checkpoint pushed", { strategy, iteration, headSha, passed: last.failures.length === 0 });
      if (last.failures.length === 0) {
        totals.strategies.push({ index: strategy, iterations: iteration, outcome: "passed", summary: `strategy ${strategy + 1}: checks passed` });
        return { kind: "passed", checks: last, headSha, ...totals };
      }
      const overSpent = spendLeft(d.envelope, w.cost_ceiling_usd, totals.usage.costUsd ?? 0);
      if (overSpent !== undefined && overSpent <= 0) return stop("cost-budget", strategy, iteration);
      feedback = feedbackFrom(iteration, last, agent);
    }
    const summary = strategySummary(strategy, iteration, last);
    if (strategy < w.max_strategy_shifts) {
      d.log("strategy exhausted: rolling back", { strategy, base: d.setup.attemptBase });
      await d.ws.rollback(base);
      totals.strategies.push({ index: strategy, iterations: iteration, outcome: "abandoned", summary });
      tried.push(summary);
      iteration = 0;
      feedback = undefined;
    } else {
      totals.strategies.push({ index: strategy, iterations: iteration, outcome: "exhausted", summary });
    }
  }
  const kind: BlockerKind = last !== undefined && last.scope.outOfScope.length > 0 ? "out-of-scope" : "exhausted";
  return { kind: "blocked", blocker: kind, ...totals, ...(last !== undefined ? { last } : {}) };

  function stop(blocker: BlockerKind, s: number, i: number): LoopOutcome {
    totals.strategies.push({ index: s, iterations: i, outcome: "stopped", summary: `strategy ${s + 1}: stopped at iteration ${i} (${blocker})` });
    return { kind: "blocked", blocker, ...totals, ...(last !== undefined ? { last } : {}) };
  }
}

