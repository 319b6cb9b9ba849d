import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AgentName, OrchestratorConfig } from "../config/schema.js";
import type { AgentAdapter, AgentTask } from "../agents/adapter.js";
import { agentEnvironment } from "../agents/agent-env.js";
import { ADAPTERS } from "../agents/index.js";
import { findExecutable, runAgent } from "../agents/run-agent.js";
import { redactSecrets } from "../domain/blocker-report.js";
import { ENVELOPE_DIR } from "./workspace.js";

/**
 * One run of a role agent that answers with a JSON file (the reviewer's verdict, issue #5; the PM
 * agent's handoff, issue #13): writes the envelope (JSON and Markdown) under `.orchestrator/`,
 * removes any output file the checkout carries (a change must never answer for itself), runs the
 * agent through the same adapters and scrubbed environment as the coder (no GitHub token reaches
 * it), and reads the output back RAW. Validation is the app's job.
 */

/** The role agent as configured (`review.agent`, `pm.agent`). */
export interface RoleAgent {
  name: AgentName;
  command?: string | undefined;
  model?: string | undefined;
}

export interface HandoffRun {
  agent: RoleAgent;
  /** Which config key names the agent, for messages (`review.agent`, `pm.agent`). */
  key: string;
  /** What the agent is, for messages ("reviewer agent", "PM agent"). */
  role: string;
  envelope: AgentTask;
  markdown: string;
  /** File names under `.orchestrator/` for the envelope, e.g. `review-envelope`. */
  envelopeName: string;
  /** The output file, relative to the workspace. */
  outputPath: string;
  /** What the output is, for messages ("verdict", "handoff"). */
  outputName: string;
  workspace: string;
  config: OrchestratorConfig;
  env: Readonly<Record<string, string | undefined>>;
  adapters?: Partial<Record<AgentName, AgentAdapter>>;
}

/** The parsed JSON (`value`), or the problem (with the start of a non-JSON file as `text`). */
export type HandoffResult = { value: unknown } | { problem: string; text?: string };

/** Characters of a non-JSON output file kept for the comment. */
const TEXT_LIMIT = 2000;

/** Runs the agent once and reads its output file (see the module comment). Never rejects for agent problems. */
export async function runHandoffAgent(run: HandoffRun): Promise<HandoffResult> {
  const { agent, config, workspace } = run;
  const adapter = run.adapters?.[agent.name] ?? ADAPTERS[agent.name];
  if (agent.name === "command" && agent.command === undefined) return { problem: `${run.key}.name is \`command\` but ${run.key}.command is not set` };
  const agentPath = agentEnvironment(run.env, config.agent.env).PATH;
  const executable = adapter.executable({ maxTurns: config.agent.max_turns, timeoutMs: 0, workspace });
  if (findExecutable(executable, agentPath) === null) return { problem: `${run.role} CLI \`${executable}\` for \`${adapter.name}\` not found on PATH` };

  const dir = path.join(workspace, ENVELOPE_DIR);
  await mkdir(dir, { recursive: true });
  const files = { json: path.join(dir, `${run.envelopeName}.json`), markdown: path.join(dir, `${run.envelopeName}.md`) };
  await writeFile(files.json, `${JSON.stringify(run.envelope, null, 2)}\n`);
  await writeFile(files.markdown, run.markdown);
  const outputFile = path.join(workspace, run.outputPath);
  await rm(outputFile, { force: true });

  const result = await runAgent({
    adapter,
    files,
    envelope: run.envelope,
    parentEnv: run.env,
    allowEnv: config.agent.env,
    options: {
      maxTurns: config.agent.max_turns,
      timeoutMs: Math.max(1000, config.agent.timeout_minutes * 60_000),
      workspace,
      ...(agent.model !== undefined ? { model: agent.model } : {}),
      ...(agent.command !== undefined ? { command: agent.command } : {}),
    },
  });
  if (result.missing) return { problem: result.error ?? `${run.role} CLI not found` };
  const how = result.timedOut ? "timed out" : `exited with code ${result.exitCode ?? "signal"}`;
  let text: string;
  try {
    text = await readFile(outputFile, "utf8");
  } catch {
    return { problem: `the ${run.role} wrote no ${run.outputName} to \`${run.outputPath}\` (it ${how})` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `\`${run.outputPath}\` is not JSON (${(error as Error).message}; the agent ${how})`, text: redactSecrets(text.slice(0, TEXT_LIMIT)) };
  }
}
