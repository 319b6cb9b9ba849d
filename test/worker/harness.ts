import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import type { CliIo } from "../../src/cli.js";
import { configSchema, type OrchestratorConfig } from "../../src/config/schema.js";
import { emptyItemState, type ItemState } from "../../src/domain/item-state.js";
import { type WorkerReport } from "../../src/domain/worker-report.js";
import { runWorker, type WorkerDeps, type WorkerResult } from "../../src/worker/run-worker.js";
import { createMemoryPort, makeIssue, type MemoryPort } from "../support/memory-port.js";
import { decodeWorkerReport, encodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

/** Shared set-up of worker tests: a bare remote, a clone as workspace, the fake agent, a memory port. */

export const FAKE_AGENT = fileURLToPath(new URL("../support/fake-agent/fake-agent.mjs", import.meta.url));
export const WORKER_CHILD = fileURLToPath(new URL("./fixtures/worker-child.ts", import.meta.url));
/** A token-shaped value the worker holds and the agent must never see. */
export const FAKE_TOKEN = "ghs_TESTtokenTESTtokenTESTtoken0123456789";

export const TEST_MJS = `import fs from "node:fs";
const v = fs.existsSync("src/answer.txt") ? fs.readFileSync("src/answer.txt", "utf8").trim() : "";
if (v !== "42") { console.error("FAIL: expected 42 in src/answer.txt, got '" + v + "'"); process.exit(1); }
console.log("ok: the answer is 42");
`;

export const ISSUE_BODY = `## Goal / problem

Write the answer to src/answer.txt.

## Acceptance criteria

- [ ] \`src/answer.txt\` contains 42

## Scope

- \`src/**\`
- \`.github/workflows/**\`
`;

export interface FakeStep {
  write?: Record<string, string>;
  remove?: string[];
  stdout?: string;
  usage?: { costUsd?: number; inputTokens?: number; outputTokens?: number };
  sleepMs?: number;
  hang?: boolean;
  crash?: boolean;
  exitCode?: number;
}

export interface FakeScript {
  strategies?: FakeStep[][];
  /** The TDD gate's test-phase runs (`worker.tdd`), by run. */
  tdd?: FakeStep[];
  default?: FakeStep;
}

export interface Sandbox {
  root: string;
  remote: string;
  work: string;
  scriptPath: string;
  logPath: string;
  markerPath: string;
  cleanup(): Promise<void>;
}

const GIT_ENV = { GIT_AUTHOR_NAME: "seed", GIT_AUTHOR_EMAIL: "seed@example.com", GIT_COMMITTER_NAME: "seed", GIT_COMMITTER_EMAIL: "seed@example.com" };

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await execa("git", args, { cwd, env: GIT_ENV });
  return String(r.stdout).trim();
}

/** A bare repo with one commit on main (test.mjs + given files) and a clone of it. */
export async function makeSandbox(files: Record<string, string> = {}): Promise<Sandbox> {
  const root = await mkdtemp(path.join(os.tmpdir(), "orch-worker-"));
  const remote = path.join(root, "remote.git");
  const seed = path.join(root, "seed");
  const work = path.join(root, "work");
  await execa("git", ["init", "--bare", "-q", "--initial-branch=main", remote]);
  await execa("git", ["init", "-q", "--initial-branch=main", seed]);
  const all: Record<string, string> = { "test.mjs": TEST_MJS, "src/answer.txt": "0\n", "README.md": "# widgets\n", ...files };
  for (const [file, content] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(seed, file)), { recursive: true });
    await writeFile(path.join(seed, file), content);
  }
  await git(seed, "add", "-A");
  await git(seed, "commit", "-q", "-m", "initial");
  await git(seed, "remote", "add", "origin", remote);
  await git(seed, "push", "-q", "origin", "main");
  await execa("git", ["clone", "-q", remote, work]);
  return {
    root,
    remote,
    work,
    scriptPath: path.join(root, "script.json"),
    logPath: path.join(root, "agent-log.jsonl"),
    markerPath: path.join(root, "token-leak"),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export async function writeScript(sb: Sandbox, script: FakeScript): Promise<void> {
  await writeFile(sb.scriptPath, JSON.stringify({ ...script, log: sb.logPath, tokenMarker: sb.markerPath }));
}

/** Config for tests: the fake agent via `command`, `node test.mjs`, tiny budgets. */
export function testConfig(overrides: { worker?: Record<string, unknown>; agent?: Record<string, unknown>; autonomy?: Record<string, unknown> } = {}): OrchestratorConfig {
  return configSchema.parse({
    agent: { name: "command", command: `node ${FAKE_AGENT}`, env: ["FAKE_AGENT_SCRIPT", "GITHUB_TOKEN", "GH_TOKEN"], timeout_minutes: 1, ...overrides.agent },
    worker: { test_command: "node test.mjs", max_iterations: 2, max_strategy_shifts: 0, max_minutes: 5, ...overrides.worker },
    ...(overrides.autonomy !== undefined ? { autonomy: overrides.autonomy } : {}),
  });
}

/** A memory port holding issue `number` and its status comment. */
export function testPort(number = 7, body = ISSUE_BODY, title = "Write the answer", state?: ItemState): MemoryPort {
  const s = state ?? { ...emptyItemState(number), status: "in-progress" as const, trusted: true };
  return createMemoryPort({
    issues: [makeIssue(number, title, body)],
    comments: {
      [number]: [
        {
          id: 1,
          body: `${STATUS_MARKER}\nstatus\n\n${encodeStateBlock(s)}`,
          author: { login: "orchestrator[bot]", type: "Bot" },
          createdAt: "2026-01-01T00:00:00Z",
          updatedAt: "2026-01-01T00:00:00Z",
          htmlUrl: "https://github.com/acme/widgets/issues/7#issuecomment-1",
        },
      ],
    },
  });
}

/** The worker's environment in tests: the real one plus the fake agent script and tokens. */
export function workerEnv(sb: Sandbox): Record<string, string | undefined> {
  // No job summary unless a test asks for one (CI's own GITHUB_STEP_SUMMARY must not receive the tests' runs).
  return { ...process.env, FAKE_AGENT_SCRIPT: sb.scriptPath, GITHUB_TOKEN: FAKE_TOKEN, GH_TOKEN: FAKE_TOKEN, ACTIONS_RUNTIME_TOKEN: "secret-runtime", GITHUB_STEP_SUMMARY: undefined };
}

export async function run(
  sb: Sandbox,
  port: MemoryPort,
  config: OrchestratorConfig,
  opts: { issue?: number; attempt?: number; adapters?: WorkerDeps["adapters"]; now?: () => number; env?: Record<string, string> } = {},
): Promise<WorkerResult> {
  return runWorker({
    ...(opts.now !== undefined ? { now: opts.now } : {}),
    ...(opts.adapters !== undefined ? { adapters: opts.adapters } : {}),
    port,
    workspace: sb.work,
    issue: opts.issue ?? 7,
    attempt: opts.attempt ?? 1,
    config,
    runId: 99,
    env: { ...workerEnv(sb), ...opts.env },
    log: () => {},
  });
}

/** The worker's report for an attempt, decoded from its comment. */
export function reportComment(port: MemoryPort, issue = 7, attempt = 1): { body: string; report: WorkerReport } {
  const marker = `<!-- orchestrator:report-marker attempt=${attempt} -->`;
  const comment = (port.comments.get(issue) ?? []).find((c) => c.body.includes(marker));
  if (comment === undefined) throw new Error(`no report comment for attempt ${attempt}`);
  const decoded = decodeWorkerReport(comment.body);
  if (decoded.kind !== "ok") throw new Error(`report block ${decoded.kind}`);
  return { body: comment.body, report: decoded.report };
}

/** Lines of the fake agent's log. */
export async function agentLog(sb: Sandbox): Promise<Array<{ strategy: number; iteration: number; tdd?: { phase: string } | null; tried: string[]; feedback: { failures: string[]; testOutputTail?: string } | null; env: string[] }>> {
  if (!existsSync(sb.logPath)) return [];
  const text = await readFile(sb.logPath, "utf8");
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as never);
}

/** Commit subjects and a file's content on a remote branch. */
export async function remoteBranch(sb: Sandbox, branch: string): Promise<{ sha: string; subjects: string[]; messages: string }> {
  const sha = await git(sb.remote, "rev-parse", `refs/heads/${branch}`);
  const subjects = (await git(sb.remote, "log", "--format=%s", sha)).split("\n");
  const messages = await git(sb.remote, "log", "--format=%B", sha);
  return { sha, subjects, messages };
}

export async function remoteFile(sb: Sandbox, branch: string, file: string): Promise<string | null> {
  try {
    return await git(sb.remote, "show", `refs/heads/${branch}:${file}`);
  } catch {
    return null;
  }
}

export const BRANCH = "orchestrator/7-write-the-answer";

/**
 * The CLI's I/O for tests: a repository and token in the environment, stderr lines captured in
 * `lines`, a memory port; `overrides` replace any of it.
 */
export function cliIo(overrides: Partial<CliIo> = {}): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    env: { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: "acme/widgets", GITHUB_RUN_ID: "42" },
    stderr: (line) => lines.push(line),
    cwd: "/nonexistent",
    createPort: () => testPort(),
    lines,
    ...overrides,
  };
}
