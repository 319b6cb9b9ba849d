import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AgentName } from "../../src/config/schema.js";
import { runWorker, type WorkerResult } from "../../src/worker/run-worker.js";
import type { MemoryPort } from "../support/memory-port.js";
import { startModelServer, type ModelScript, type ModelServer, type RecordedRequest } from "../support/model-server/server.js";
import { FAKE_TOKEN, makeSandbox, testConfig, testPort, workerEnv, type Sandbox } from "../worker/harness.js";

/**
 * Shared set-up of the real-CLI tier (issue 12, "Real CLIs"): one worker attempt end to end with a
 * real agent CLI from node_modules talking to the scripted model server, against a local bare
 * repository. Run with `npm run test:agents`.
 */

/** node_modules/.bin, where the pinned CLIs are. */
export const BIN = fileURLToPath(new URL("../../node_modules/.bin", import.meta.url));

/** How one CLI is pointed at the model server. */
export interface CliCase {
  agent: AgentName;
  /** A model name the CLI knows (Claude Code prices by it; Gemini skips its router with one). */
  model: string;
  /** Variables that point the CLI at `url` with a dummy key; passed through `agent.env`. */
  env(url: string): Record<string, string>;
}

export const CLAUDE: CliCase = {
  agent: "claude-code",
  model: "claude-sonnet-4-5",
  env: (url) => ({ ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: "sk-ant-test-key" }),
};

export const CODEX: CliCase = {
  agent: "codex",
  model: "gpt-5-codex",
  env: (url) => ({ OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: "sk-test-key" }),
};

export const GEMINI: CliCase = {
  agent: "gemini",
  model: "gemini-2.5-pro",
  env: (url) => ({ GOOGLE_GEMINI_BASE_URL: url, GEMINI_API_KEY: "test-key" }),
};

export interface RealAttempt {
  sb: Sandbox;
  server: ModelServer;
  port: MemoryPort;
  result: WorkerResult;
  cleanup(): Promise<void>;
}

/** Absolute path of a file in the workspace (the CLIs' file tools take absolute paths). */
export function inWork(sb: Sandbox, file: string): string {
  return path.join(sb.work, file);
}

/**
 * Runs one worker attempt (issue 7 of the harness's issue body) with the real CLI of `cli`.
 * `makeScript` gets the sandbox so steps can name workspace files.
 */
export async function realAttempt(
  cli: CliCase,
  makeScript: (sb: Sandbox) => ModelScript,
  overrides: { agent?: Record<string, unknown>; worker?: Record<string, unknown>; budget?: Record<string, unknown> } = {},
): Promise<RealAttempt> {
  const sb = await makeSandbox();
  const server = await startModelServer(makeScript(sb));
  const home = path.join(sb.root, "home");
  await mkdir(home, { recursive: true });
  const cliEnv = cli.env(server.url);
  const config = testConfig({
    agent: { name: cli.agent, model: cli.model, env: [...Object.keys(cliEnv), "GITHUB_TOKEN", "GH_TOKEN"], timeout_minutes: 2, max_turns: 10, ...overrides.agent },
    worker: { max_iterations: 1, ...overrides.worker },
  });
  if (overrides.budget !== undefined) Object.assign(config.budget, overrides.budget);
  const port = testPort();
  const result = await runWorker({
    port,
    workspace: sb.work,
    issue: 7,
    attempt: 1,
    config,
    runId: 99,
    env: { ...workerEnv(sb), ...cliEnv, HOME: home, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}` },
    log: () => {},
  });
  return {
    sb,
    server,
    port,
    result,
    cleanup: async () => {
      await server.close();
      await sb.cleanup();
    },
  };
}

/** Every request mentioning a GitHub credential the worker holds (must be none). */
export function leakedToken(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => {
    const text = `${JSON.stringify(r.headers)}\n${r.url}\n${r.raw}`;
    return text.includes(FAKE_TOKEN) || text.includes("secret-runtime") || /\bgh[opsur]_[A-Za-z0-9]{16,}/.test(text);
  });
}

/** The acceptance criterion of the harness's issue, as it appears in a JSON request body. */
export const CRITERION = "`src/answer.txt` contains 42";
