import { appendFile } from "node:fs/promises";
import type { AgentUsage } from "../agents/adapter.js";
import { redactSecrets } from "../domain/blocker-report.js";
import type { TaskEnvelope } from "../domain/envelope.js";
import type { ReviewerVerdictBlock } from "../domain/reviewer-verdict-block.js";
import type { WorkerReport } from "../domain/worker-report.js";
import type { CommandRun } from "./checks.js";

/**
 * Actions job summaries (issue #15 "Job summaries"): what a worker or reviewer run did, as
 * Markdown appended to the file named by `GITHUB_STEP_SUMMARY`, which GitHub shows on the run's
 * summary page (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#adding-a-job-summary).
 * Rendering is pure; only {@link appendJobSummary} touches the file system.
 */

/** What one worker attempt did, as far as it got (a run that could not start has no envelope). */
export interface WorkerSummaryInput {
  issue: number;
  attempt: number;
  envelope?: TaskEnvelope;
  report?: WorkerReport;
  /** The last test and acceptance-test runs. */
  tests?: CommandRun;
  acceptance?: CommandRun;
  usage?: AgentUsage;
  prUrl?: string;
  /** An error that ended the run without a report. */
  error?: string;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** `$0.2500, 100 input / 20 output tokens`, or that the agent CLI reported nothing. */
export function spendLine(usage: AgentUsage | undefined): string {
  const parts: string[] = [];
  if (usage?.costUsd !== undefined) parts.push(`$${usage.costUsd.toFixed(4)}`);
  if (usage?.inputTokens !== undefined || usage?.outputTokens !== undefined) parts.push(`${usage.inputTokens ?? 0} input / ${usage.outputTokens ?? 0} output tokens`);
  return parts.length > 0 ? parts.join(", ") : "not reported by the agent CLI";
}

function commandLine(label: string, run: CommandRun | undefined): string | null {
  if (!run) return null;
  const verdict = run.timedOut ? "timed out" : run.exitCode === 0 ? "passed" : `failed (exit ${run.exitCode ?? "signal"})`;
  return `- ${label}: ${code(run.command)} ${verdict}`;
}

function scopeLines(r: WorkerReport): string[] {
  const lines: string[] = [];
  lines.push(r.outOfScope.length === 0 ? "- every changed file is within scope" : `- outside scope: ${r.outOfScope.map(code).join(", ")}`);
  if (r.gated.length > 0) lines.push(`- gated paths (a trusted \`/approve\` is needed): ${r.gated.map(code).join(", ")}`);
  if (r.deleted > 0) lines.push(`- ${r.deleted} file(s) deleted`);
  return lines;
}

function usageOf(r: WorkerReport | undefined): AgentUsage | undefined {
  if (!r) return undefined;
  return { ...(r.costUsd !== undefined ? { costUsd: r.costUsd } : {}), ...(r.tokens ? { inputTokens: r.tokens.input, outputTokens: r.tokens.output } : {}) };
}

/**
 * The worker's job summary: heading with the outcome, the goal and acceptance criteria from the
 * task envelope, iterations and strategies, tests, the scope result, spend, and the pull request
 * or the blocker report's key lines (why, hypothesis, intervention, branch kept). Secrets are
 * redacted from free text.
 */
export function renderWorkerSummary(input: WorkerSummaryInput): string {
  const r = input.report;
  const outcome = r?.outcome === "pr" ? `pull request #${r.pr?.number ?? "?"}` : r?.outcome === "blocked" ? "blocked" : "ended without a report";
  const parts = [`## Orchestrator worker: #${input.issue}, attempt ${input.attempt} — ${outcome}`];
  if (input.envelope) {
    const criteria = input.envelope.acceptanceCriteria.length > 0 ? input.envelope.acceptanceCriteria.map((c) => `- ${c}`) : ["- (none listed)"];
    parts.push(`**Goal:** ${input.envelope.goal.split("\n")[0] ?? input.envelope.title}`, ["**Acceptance criteria**", "", ...criteria].join("\n"));
  }
  if (r) {
    const strategies = r.strategies.map((s) => `| ${s.index + 1} | ${s.iterations} | ${s.outcome} | ${redactSecrets(s.summary).replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    parts.push(
      [`**Iterations:** ${r.iterations} agent run(s) over ${r.strategies.length} strateg${r.strategies.length === 1 ? "y" : "ies"}`, ...(strategies.length > 0 ? ["", "| Strategy | Iterations | Outcome | Summary |", "|---|---|---|---|", ...strategies] : [])].join("\n"),
    );
  }
  const tests = [commandLine("Tests", input.tests), commandLine("Acceptance test", input.acceptance)].filter((l): l is string => l !== null);
  if (tests.length > 0) parts.push(["**Tests**", "", ...tests].join("\n"));
  if (r) parts.push(["**Scope**", "", ...scopeLines(r)].join("\n"));
  parts.push(`**Spend:** ${spendLine(input.usage ?? usageOf(r))}`);
  if (r?.outcome === "pr") parts.push(`**Pull request:** ${input.prUrl ?? `#${r.pr?.number ?? "?"}`}`);
  if (r?.blocker) {
    const b = r.blocker;
    parts.push(
      [
        "**Blocker report**",
        "",
        `- Why: ${redactSecrets(b.summary)}`,
        `- Hypothesis: ${redactSecrets(b.hypothesis)}`,
        `- Recommended intervention: ${redactSecrets(b.intervention)}`,
        `- ${b.branch ? `Branch kept for inspection: ${code(b.branch)}` : "No branch was pushed."}`,
      ].join("\n"),
    );
  }
  if (input.error) parts.push(`**Error:** ${code(redactSecrets(input.error))}`);
  return `${parts.join("\n\n")}\n`;
}

/** What one reviewer run did. */
export interface ReviewSummaryInput {
  pr: number;
  headSha?: string;
  issue?: { number: number; title: string; goal?: string };
  acceptanceCriteria?: readonly string[];
  scope?: { outOfScope: readonly string[]; gated: readonly string[] };
  /** The verdict block posted on the pull request (raw verdict or the problem). */
  block?: ReviewerVerdictBlock;
  error?: string;
}

/**
 * The reviewer's job summary: the pull request and head, the item's goal and criteria, the scope
 * result, and what was handed back (a verdict for the app to validate, or the problem).
 */
export function renderReviewSummary(input: ReviewSummaryInput): string {
  const head = input.headSha ? ` at ${code(input.headSha.slice(0, 7))}` : "";
  const parts = [`## Orchestrator review: pull request #${input.pr}${head}`];
  if (input.issue) parts.push(`**Work item:** #${input.issue.number} ${input.issue.title}${input.issue.goal ? `\n\n**Goal:** ${input.issue.goal.split("\n")[0]}` : ""}`);
  if (input.acceptanceCriteria) parts.push(["**Acceptance criteria**", "", ...(input.acceptanceCriteria.length > 0 ? input.acceptanceCriteria.map((c) => `- ${c}`) : ["- (none listed)"])].join("\n"));
  if (input.scope) {
    const lines = [input.scope.outOfScope.length === 0 ? "- every changed file is within scope" : `- outside scope: ${input.scope.outOfScope.map(code).join(", ")}`];
    if (input.scope.gated.length > 0) lines.push(`- gated paths: ${input.scope.gated.map(code).join(", ")}`);
    parts.push(["**Scope**", "", ...lines].join("\n"));
  }
  if (input.block) {
    const verdict = input.block.problem !== undefined ? `no verdict: ${redactSecrets(input.block.problem)}` : "a verdict was returned; the app validates it and posts the review";
    parts.push(`**Reviewer agent** ${code(input.block.agent)}: ${verdict}`);
  }
  if (input.error) parts.push(`**Error:** ${code(redactSecrets(input.error))}`);
  return `${parts.join("\n\n")}\n`;
}

/**
 * Appends `markdown` to the job summary file named by `GITHUB_STEP_SUMMARY` in `env`. Returns
 * whether it wrote (false outside Actions, where the variable is unset). Rejects if the file
 * cannot be written; callers log that and go on (a summary never fails a run).
 */
export async function appendJobSummary(env: Readonly<Record<string, string | undefined>>, markdown: string): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, `${markdown}\n`);
  return true;
}
