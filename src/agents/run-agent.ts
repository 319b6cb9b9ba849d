import { accessSync, constants } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import type { AgentAdapter, AgentOptions, AgentTask, AgentUsage, EnvelopeFiles } from "./adapter.js";
import { agentEnvironment } from "./agent-env.js";
import { runBounded, type BoundedRunResult } from "./bounded-process.js";

/**
 * The result of one agent run: the bounded process result (output fields are bounded tails;
 * `missing` also covers bash's `command not found`; `error` is one line for reports) and the
 * usage the CLI reported.
 */
export interface AgentRunResult extends BoundedRunResult {
  usage: AgentUsage;
}

export interface RunAgentInput {
  adapter: AgentAdapter;
  files: EnvelopeFiles;
  /** The task envelope (worker) or the review envelope (reviewer). */
  envelope: AgentTask;
  options: AgentOptions;
  /** The worker's environment, source of the allowed variables (never passed whole). */
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** `agent.env`. */
  allowEnv: readonly string[];
}

/** Absolute path of `name` on `PATH` (or `name` itself if it has a `/` and is executable); null if absent. */
export function findExecutable(name: string, pathVariable: string | undefined): string | null {
  const executable = (candidate: string): boolean => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (name.includes("/")) return executable(name) ? name : null;
  for (const dir of (pathVariable ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return null;
}

/** At most this many directories are watched for stall detection (inotify watches are a shared limit). */
const MAX_WATCHED_DIRS = 2000;

/**
 * Directories whose file changes show a live agent: the workspace and every directory holding a
 * tracked file (not ignored trees such as node_modules), shallowest first, at most
 * {@link MAX_WATCHED_DIRS}. Just the workspace when it is not a git checkout.
 */
export async function activityDirs(workspace: string): Promise<string[]> {
  const listed = await execa("git", ["ls-files", "-z"], { cwd: workspace, reject: false, encoding: "utf8" });
  const dirs = new Set<string>(["."]);
  if (listed.exitCode === 0) {
    for (const file of String(listed.stdout).split("\0")) {
      for (let dir = path.posix.dirname(file); file !== "" && dir !== "."; dir = path.posix.dirname(dir)) dirs.add(dir);
    }
  }
  return [...dirs]
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))
    .slice(0, MAX_WATCHED_DIRS)
    .map((dir) => path.join(workspace, dir));
}

/**
 * Runs the agent once in the workspace: scrubbed environment (see agent-env.ts), the adapter's
 * invocation, its timeout (the process group is killed), bounded output. Never rejects; a
 * missing CLI is reported as `missing` with a clear `error`.
 */
export async function runAgent(input: RunAgentInput): Promise<AgentRunResult> {
  const base = agentEnvironment(input.parentEnv, input.allowEnv);
  const options = { ...input.options, env: base };
  const invocation = input.adapter.buildInvocation(input.files, input.envelope, options);
  const env = agentEnvironment(input.parentEnv, input.allowEnv, invocation.env);
  for (const file of invocation.files ?? []) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
  }
  let reportedCost: number | undefined;
  const result = await runBounded(invocation.command, invocation.args, {
    cwd: input.options.workspace,
    env,
    timeoutMs: invocation.timeoutMs,
    watch: {
      ...(options.stallMs !== undefined ? { stallMs: options.stallMs, activityDirs: await activityDirs(options.workspace) } : {}),
      inspect: (stdout) => {
        const cost = input.adapter.parseUsage(stdout, "").costUsd;
        if (cost !== undefined) reportedCost = cost;
        const limit = options.spendLimitUsd;
        if (limit !== undefined && cost !== undefined && cost > limit) {
          return `reported spend $${cost} passed the $${limit} left of the budget: stopped`;
        }
        const turns = input.adapter.turnsOf?.(stdout);
        if (turns !== undefined && turns > options.maxTurns) return `${turns} tool turns passed agent.max_turns (${options.maxTurns}): stopped`;
        return undefined;
      },
    },
  });
  const bashMissing = input.adapter.name === "command" && result.exitCode === 127 && /command not found|No such file/.test(result.stderr);
  const missing = result.missing || bashMissing;
  const run: AgentRunResult = {
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    missing,
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.output,
    usage: input.adapter.parseUsage(result.stdout, result.stderr),
  };
  // A run stopped mid-way may never print its final usage: keep the last spend it reported.
  if (run.usage.costUsd === undefined && reportedCost !== undefined) run.usage = { ...run.usage, costUsd: reportedCost };
  if (result.stopped !== undefined) run.stopped = result.stopped;
  if (result.missing) run.error = `agent CLI \`${invocation.command}\` not found on PATH (${result.error ?? "ENOENT"})`;
  else if (bashMissing) run.error = `agent command failed with 127: ${result.stderr.trim().split("\n").at(-1) ?? "command not found"}`;
  else if (result.error !== undefined) run.error = result.error;
  return run;
}
