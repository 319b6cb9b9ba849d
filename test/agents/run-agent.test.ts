import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { execa } from "execa";
import os from "node:os";
import path from "node:path";
import { agentEnvironment, isForbiddenVariable } from "../../src/agents/agent-env.js";
import { commandAdapter } from "../../src/agents/command.js";
import { activityDirs, findExecutable, runAgent } from "../../src/agents/run-agent.js";
import { runBounded } from "../../src/agents/bounded-process.js";
import { configSchema } from "../../src/config/schema.js";
import { buildEnvelope } from "../../src/domain/envelope.js";
import { parseIssue } from "../../src/domain/parse-issue.js";

const config = configSchema.parse({ worker: { test_command: "true" } });
const built = buildEnvelope({ number: 1, title: "T", htmlUrl: "u" }, null, parseIssue({ title: "T", body: "Do.", labels: [] }, config), config, { repository: "a/b", attempt: 1 });
if (!built.ok) throw new Error("envelope");
const envelope = built.envelope;

describe("agent environment", () => {
  const parent = {
    PATH: "/usr/bin",
    HOME: "/home/r",
    GITHUB_TOKEN: "ghs_0123456789abcdef0123",
    GH_TOKEN: "x",
    ACTIONS_RUNTIME_TOKEN: "y",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "z",
    GITHUB_REPOSITORY: "a/b",
    ANTHROPIC_API_KEY: "sk-ant-1",
    SNEAKY: "ghp_0123456789abcdef0123",
    UNLISTED: "nope",
  };

  it("starts empty: base variables, listed ones, git without credentials", () => {
    const env = agentEnvironment(parent, ["ANTHROPIC_API_KEY", "GITHUB_TOKEN", "GH_TOKEN", "ACTIONS_RUNTIME_TOKEN", "SNEAKY"], { ORCHESTRATOR_ENVELOPE: "/e.json" });
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/r",
      ANTHROPIC_API_KEY: "sk-ant-1",
      ORCHESTRATOR_ENVELOPE: "/e.json",
      GIT_TERMINAL_PROMPT: "0",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "credential.helper",
      GIT_CONFIG_VALUE_0: "",
    });
  });

  it("forbids GitHub and Actions credentials by name and by value", () => {
    expect(isForbiddenVariable("GITHUB_TOKEN", "")).toBe(true);
    expect(isForbiddenVariable("ACTIONS_CACHE_URL", "")).toBe(true);
    expect(isForbiddenVariable("FOO", "github_pat_11AAAAAAAAAAAAAAAAAAAA_x")).toBe(true);
    expect(isForbiddenVariable("OPENAI_API_KEY", "sk-abc")).toBe(false);
  });
});

describe("running an agent", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "orch-agent-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const files = { json: "/tmp/e.json", markdown: "/tmp/e.md" };
  const run = (command: string, timeoutMs = 30_000) =>
    runAgent({
      adapter: commandAdapter,
      files,
      envelope,
      options: { maxTurns: 3, timeoutMs, workspace: dir, command },
      parentEnv: { ...process.env, GITHUB_TOKEN: "ghs_0123456789abcdef0123", MY_KEY: "k" },
      allowEnv: ["MY_KEY", "GITHUB_TOKEN"],
    });

  it("runs in the workspace with the scrubbed environment and parses usage", async () => {
    const r = await run('pwd; echo "tok=${GITHUB_TOKEN:-none} key=$MY_KEY env=$ORCHESTRATOR_ENVELOPE"; echo \'orchestrator-usage: {"costUsd":0.2}\'');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(dir);
    expect(r.stdout).toContain("tok=none key=k env=/tmp/e.json");
    expect(r.usage).toEqual({ costUsd: 0.2 });
    expect(r.missing).toBe(false);
  });

  it("kills the process group at the timeout", async () => {
    const r = await run("sleep 30 & sleep 30; echo never", 300);
    expect(r.timedOut).toBe(true);
    expect(r.stdout).not.toContain("never");
  });

  it("reports a missing command (127 from bash) as missing", async () => {
    const r = await run("no-such-agent-cli --do-it");
    expect(r).toMatchObject({ missing: true, exitCode: 127 });
    expect(r.error).toContain("127");
  });

  it("reports a missing executable (ENOENT) as missing", async () => {
    const r = await runBounded("no-such-binary-xyz", [], { cwd: dir, env: { PATH: "/usr/bin:/bin" }, timeoutMs: 5000 });
    expect(r).toMatchObject({ missing: true, exitCode: null });
    expect(findExecutable("no-such-binary-xyz", "/usr/bin:/bin")).toBeNull();
    expect(findExecutable("bash", process.env.PATH)).not.toBeNull();
  });

  it("keeps only a bounded tail of the output", async () => {
    const r = await runBounded("bash", ["-c", "for i in $(seq 1 20000); do echo line-$i; done"], { cwd: dir, env: { PATH: process.env.PATH ?? "" }, timeoutMs: 20_000, tailChars: 1000 });
    expect(r.stdout.length).toBeLessThanOrEqual(1000);
    expect(r.stdout).toContain("line-20000");
  });

  it("watches the workspace and the directories of tracked files for stall detection, not ignored trees", async () => {
    await mkdir(path.join(dir, "src", "deep"), { recursive: true });
    await mkdir(path.join(dir, "node_modules", "pkg"), { recursive: true });
    await writeFile(path.join(dir, "src", "deep", "a.ts"), "x");
    await writeFile(path.join(dir, "node_modules", "pkg", "i.js"), "x");
    await writeFile(path.join(dir, ".gitignore"), "node_modules/\n");
    await execa("git", ["init", "-q", dir]);
    await execa("git", ["add", "-A"], { cwd: dir });
    expect(await activityDirs(dir)).toEqual([dir, path.join(dir, "src"), path.join(dir, "src", "deep")]);
    const plain = await mkdtemp(path.join(os.tmpdir(), "orch-plain-"));
    expect(await activityDirs(plain)).toEqual([plain]);
    await rm(plain, { recursive: true, force: true });
  });
});
