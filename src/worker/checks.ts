import { agentEnvironment } from "../agents/agent-env.js";
import { runBounded } from "../agents/bounded-process.js";
import { tail } from "../domain/blocker-report.js";
import { checkScope, type ScopeFile, type ScopeResult } from "../domain/scope.js";

/**
 * The mechanical checks after each agent run (issue 4, "Loop"): the change set against scope and
 * gate, the test command, and the item's acceptance test. Commands run with the agent's scrubbed
 * environment, since they execute code the agent wrote.
 */

export interface CommandRun {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  /** Bounded tail of stdout+stderr. */
  outputTail: string;
}

export interface CheckResult {
  files: ScopeFile[];
  scope: ScopeResult;
  tests: CommandRun;
  acceptance?: CommandRun;
  /** One line per failed check; empty means the checks pass. */
  failures: string[];
}

export interface CommandContext {
  cwd: string;
  parentEnv: Readonly<Record<string, string | undefined>>;
  allowEnv: readonly string[];
  timeoutMs: number;
}

/** Runs `bash -c command` in the scrubbed environment. */
export async function runCommand(command: string, ctx: CommandContext): Promise<CommandRun> {
  const result = await runBounded("bash", ["-c", command], {
    cwd: ctx.cwd,
    env: agentEnvironment(ctx.parentEnv, ctx.allowEnv, { CI: "true" }),
    timeoutMs: Math.max(1000, ctx.timeoutMs),
    tailChars: 16 * 1024,
  });
  return { command, exitCode: result.exitCode, timedOut: result.timedOut, outputTail: tail(result.output, 4000) };
}

export interface CheckSpec {
  files: ScopeFile[];
  scope: readonly string[];
  gate: readonly string[];
  maxDeleted: number;
  /** The base tree's paths, to name scope globs that match nothing (see {@link checkScope}). */
  repositoryFiles?: readonly string[];
  testCommand: string;
  acceptanceTestCommand?: string;
  defaultBranch: string;
}

function commandFailure(label: string, run: CommandRun): string | null {
  if (run.timedOut) return `${label} \`${run.command}\` timed out`;
  if (run.exitCode !== 0) return `${label} \`${run.command}\` failed (exit ${run.exitCode ?? "signal"})`;
  return null;
}

/** Runs the checks on the staged change set. */
export async function runChecks(spec: CheckSpec, ctx: CommandContext): Promise<CheckResult> {
  const scope = checkScope(spec.files, spec.scope, spec.gate, spec.maxDeleted, spec.repositoryFiles);
  const failures: string[] = [];
  if (spec.files.length === 0) failures.push(`no changes: the branch does not differ from ${spec.defaultBranch}`);
  if (scope.outOfScope.length > 0) failures.push(`files outside scope (${spec.scope.join(", ")}): ${scope.outOfScope.join(", ")}`);
  if (scope.unmatchedScope.length > 0) failures.push(`scope glob(s) matching no file in the repository: ${scope.unmatchedScope.join(", ")}`);
  const tests = await runCommand(spec.testCommand, ctx);
  const testFailure = commandFailure("test command", tests);
  if (testFailure !== null) failures.push(testFailure);
  const result: CheckResult = { files: spec.files, scope, tests, failures };
  if (spec.acceptanceTestCommand !== undefined) {
    result.acceptance = await runCommand(spec.acceptanceTestCommand, ctx);
    const acceptanceFailure = commandFailure("acceptance test", result.acceptance);
    if (acceptanceFailure !== null) failures.push(acceptanceFailure);
  }
  return result;
}
