import type { AgentName } from "../config/schema.js";
import type { TaskEnvelope } from "../domain/envelope.js";
import type { ReviewEnvelope } from "../domain/review-envelope.js";

/**
 * What an agent run is given: a worker's task envelope, or a reviewer's review envelope
 * (`kind: "review"`, issue #5 "PM review": the reviewer runs through the same adapters).
 */
export type AgentTask = TaskEnvelope | ReviewEnvelope;

/** Whether the run is a review (the review envelope), not a coding task. */
export function isReview(task: AgentTask): task is ReviewEnvelope {
  return "kind" in task && task.kind === "review";
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
}

/** How to start one agent run. `env` is added to the scrubbed environment. */
export interface AgentInvocation {
  command: string;
  args: string[];
  env: Record<string, string>;
  timeoutMs: number;
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
  return [
    `You are working on issue #${envelope.issue}: ${envelope.title}.`,
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
