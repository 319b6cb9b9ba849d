import type { AgentName } from "../config/schema.js";
import type { TaskEnvelope } from "../domain/envelope.js";
import type { PmEnvelope } from "../domain/pm/envelope.js";
import type { ReviewEnvelope } from "../domain/review-envelope.js";

/**
 * What an agent run is given: a worker's task envelope, a reviewer's review envelope
 * (`kind: "review"`, issue #5 "PM review") or a PM run's envelope (`kind: "pm"`, issue #13): all
 * run through the same adapters.
 */
export type AgentTask = TaskEnvelope | ReviewEnvelope | PmEnvelope;

/** Whether the run is a review (the review envelope), not a coding task. */
export function isReview(task: AgentTask): task is ReviewEnvelope {
  return "kind" in task && task.kind === "review";
}

/** Whether the run is a coding task (the task envelope): neither a review nor a PM run. */
export function isCodingTask(task: AgentTask): task is TaskEnvelope {
  return !("kind" in task);
}

/** Where the worker wrote the envelope for this run (absolute paths). */
export interface EnvelopeFiles {
  json: string;
  markdown: string;
}

/** Per-run options from config (`agent.*`) and the remaining time budget. */
export interface AgentOptions {
  /** `agent.model`, passed where the CLI takes one. */
  model?: string;
  /** `agent.max_turns`, passed where the CLI has a turn limit. */
  maxTurns: number;
  /** Wall-clock limit of this run, ms (min of `agent.timeout_minutes` and the attempt's remaining budget). */
  timeoutMs: number;
  /** `agent.command`, for the `command` adapter. */
  command?: string;
  /** The workspace (cwd of the agent), absolute. */
  workspace: string;
  /** Offer the CLI's web tools (the envelope's `grants.network`); default false: they are taken away. */
  network?: boolean;
  /** Stop the run once the spend the CLI reports passes this, USD (what is left of the item's budget). */
  spendLimitUsd?: number;
  /** Stop the run after this long without output or file change, ms (`agent.stall_minutes`). */
  stallMs?: number;
  /**
   * The scrubbed environment the agent gets (set by runAgent before buildInvocation), for
   * adapters that turn a variable into a flag (e.g. Codex's provider base URL).
   */
  env?: Readonly<Record<string, string>>;
}

/** How to start one agent run. `env` is added to the scrubbed environment. */
export interface AgentInvocation {
  command: string;
  args: string[];
  env: Record<string, string>;
  timeoutMs: number;
  /** Files written before the run (CLI settings outside the repository's tracked tree), absolute paths. */
  files?: Array<{ path: string; content: string }>;
}

/** Usage the CLI printed, where it prints any. Tokens are counts; cost is USD. */
export interface AgentUsage {
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
}

/** One adapter per agent CLI (issue 4: "Agent adapters behind one interface"). */
export interface AgentAdapter {
  readonly name: AgentName;
  /** The executable looked up on PATH before the first run, to report a missing CLI clearly. */
  executable(options: AgentOptions): string;
  buildInvocation(files: EnvelopeFiles, envelope: AgentTask, options: AgentOptions): AgentInvocation;
  parseUsage(stdout: string, stderr: string): AgentUsage;
  /**
   * Tool turns so far, read from the CLI's streamed stdout, for a CLI with no turn-limit flag:
   * the worker stops the run when it passes `agent.max_turns`. Absent when the CLI enforces it.
   */
  turnsOf?(stdout: string): number;
}

/** The short prompt given to CLIs that take one: the envelope file carries the task. */
export function agentPrompt(files: EnvelopeFiles, envelope: AgentTask): string {
  if (isReview(envelope)) {
    return [
      `You are reviewing pull request #${envelope.pullRequest.number} for issue #${envelope.issue.number}: ${envelope.issue.title}.`,
      `Your complete task (acceptance criteria, scope, the diff summary, instructions, the verdict's JSON Schema) is in ${files.markdown} (the same as JSON: ${files.json}). Read it first and follow it.`,
      `Do not change, commit or push anything. Write only your verdict as JSON to ${envelope.output.path}.`,
    ].join("\n");
  }
  if (!isCodingTask(envelope)) {
    return [
      `You are the product manager refining issue #${envelope.issue.number}: ${envelope.issue.title} (task: ${envelope.task}, revision ${envelope.revision}).`,
      `Your complete task (instructions, the issue as untrusted data, the author's answers, the repository's files, the handoff's JSON Schema) is in ${files.markdown} (the same as JSON: ${files.json}). Read it first and follow it.`,
      `Do not change, commit or push anything. Write only your handoff as JSON to ${envelope.output.path}.`,
    ].join("\n");
  }
  const criteria = envelope.acceptanceCriteria.length > 0 ? ["Acceptance criteria:", ...envelope.acceptanceCriteria.map((c) => `- ${c}`)] : [];
  return [
    `You are working on issue #${envelope.issue}: ${envelope.title}.`,
    ...criteria,
    `Your complete task (goal, acceptance criteria, scope, rules, feedback from earlier runs) is in ${files.markdown} (the same as JSON: ${files.json}). Read it first and follow it.`,
    `Change only files matching the scope globs. Make \`${envelope.testCommand}\` pass. Do not commit or push: the worker does that.`,
  ].join("\n");
}

/** Each JSON object found on its own line of `text` (JSONL or a trailing JSON document). */
export function jsonLines(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) objects.push(value as Record<string, unknown>);
    } catch {
      // not JSON: progress text
    }
  }
  if (objects.length === 0) {
    const start = text.indexOf("{");
    if (start >= 0) {
      try {
        const value: unknown = JSON.parse(text.slice(start));
        if (value !== null && typeof value === "object" && !Array.isArray(value)) objects.push(value as Record<string, unknown>);
      } catch {
        // not one JSON document either
      }
    }
  }
  return objects;
}

/** A finite non-negative number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The object at `key`, or undefined. */
export function obj(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return inner !== null && typeof inner === "object" && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined;
}

/** Drops undefined fields so results compare cleanly. */
export function usage(u: AgentUsage): AgentUsage {
  const out: AgentUsage = {};
  if (u.costUsd !== undefined) out.costUsd = u.costUsd;
  if (u.inputTokens !== undefined) out.inputTokens = u.inputTokens;
  if (u.outputTokens !== undefined) out.outputTokens = u.outputTokens;
  return out;
}
