/**
 * Runs the REAL worker CLI (src/cli.ts, through tsx) for a workflow dispatch of the stand-in: the
 * stand-in hands over a fresh clone of the repository at the dispatched ref and the run's
 * environment (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, ...), exactly what the shipped
 * worker workflow gives the CLI on an Actions runner.
 */
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import type { WorkflowRunner } from "./standin/index.js";

const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url));
/** The scripted fake agent (a test agent; the real adapters are unchanged). */
export const FAKE_AGENT = fileURLToPath(new URL("./fake-agent/fake-agent.mjs", import.meta.url));

export interface RunnerLog {
  issue: string;
  attempt: string;
  exitCode: number;
  stderr: string;
}

/**
 * A WorkflowRunner that runs `orchestrator worker --issue N --attempt K` in the clone (with the
 * dispatch's `mode: verify`, `orchestrator verify --issue N --sha S`, as the shipped workflow's verify job).
 * @param agentScript path of the fake agent's JSON script for an issue (FAKE_AGENT_SCRIPT).
 * @param log receives one entry per run (exit code and stderr tail), for test diagnostics.
 */
export function workerRunner(agentScript: (issue: number) => string, log: RunnerLog[] = []): WorkflowRunner {
  return async ({ inputs, cloneDir, env, signal }) => {
    const issue = inputs.issue ?? "";
    const attempt = inputs.attempt ?? "1";
    const command = inputs.mode === "verify" ? ["verify", "--issue", issue, "--sha", inputs.sha ?? ""] : ["worker", "--issue", issue, "--attempt", attempt];
    const result = await execa(process.execPath, ["--import", TSX, CLI, ...command], {
      cwd: cloneDir,
      extendEnv: false,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/tmp",
        ...env,
        GIT_AUTHOR_NAME: "orchestrator[bot]",
        GIT_AUTHOR_EMAIL: "orchestrator@users.noreply.local",
        GIT_COMMITTER_NAME: "orchestrator[bot]",
        GIT_COMMITTER_EMAIL: "orchestrator@users.noreply.local",
        FAKE_AGENT_SCRIPT: agentScript(Number(issue)),
      },
      cancelSignal: signal,
      reject: false,
      all: true,
    });
    const exitCode = typeof result.exitCode === "number" ? result.exitCode : 1;
    log.push({ issue, attempt, exitCode, stderr: (result.all ?? "").slice(-4000) });
    return { exitCode };
  };
}
