import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { claudeCodeAdapter } from "../../src/agents/claude-code.js";
import { agentLog, FAKE_TOKEN, makeSandbox, reportComment, run, testConfig, testPort, workerEnv, writeScript, type Sandbox } from "./harness.js";

describe("worker: the agent's environment and bad input", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("the agent sees no GitHub token, even when agent.env names one", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
    // The worker itself holds the token ...
    expect(workerEnv(sb).GITHUB_TOKEN).toBe(FAKE_TOKEN);
    // ... and config tries to pass it (testConfig lists GITHUB_TOKEN and GH_TOKEN in agent.env).
    const config = testConfig();
    expect(config.agent.env).toContain("GITHUB_TOKEN");
    const port = testPort();
    const result = await run(sb, port, config);

    expect(result.exitCode).toBe(0);
    // The fake agent checks its own environment and writes the marker on any leak.
    expect(existsSync(sb.markerPath)).toBe(false);
    const [entry] = await agentLog(sb);
    expect(entry?.env).toContain("FAKE_AGENT_SCRIPT");
    expect(entry?.env).toContain("ORCHESTRATOR_ENVELOPE");
    expect(entry?.env.filter((n) => /GITHUB|GH_TOKEN|ACTIONS_/.test(n))).toEqual([]);
    expect(entry?.env).toContain("GIT_TERMINAL_PROMPT");
  });

  it("a missing agent CLI gives a clear error and a report", async () => {
    const port = testPort();
    const config = testConfig({ agent: { name: "claude-code" } });
    // The real adapter, looking for an executable that is surely absent (a dev machine may have `claude`).
    const adapters = { "claude-code": { ...claudeCodeAdapter, executable: () => "claude-not-installed" } };
    const result = await run(sb, port, config, { adapters });

    expect(result.exitCode).toBe(2);
    expect(result.error).toContain("agent CLI `claude-not-installed` for agent `claude-code` not found on PATH");
    const { body, report } = reportComment(port);
    expect(report.blocker?.kind).toBe("agent-missing");
    expect(body).toContain("Install the agent CLI");
  });

  it("a command agent that is not installed is reported as missing", async () => {
    const port = testPort();
    const config = testConfig({ agent: { command: "definitely-not-an-agent-cli --go" } });
    const result = await run(sb, port, config);

    expect(result.exitCode).toBe(2);
    expect(reportComment(port).report.blocker?.kind).toBe("agent-missing");
  });

  it("no test command is bad input with a report", async () => {
    const port = testPort();
    const config = testConfig();
    delete config.worker.test_command;
    const result = await run(sb, port, config);

    expect(result.exitCode).toBe(2);
    expect(result.error).toContain("no test command");
    expect(reportComment(port).report.blocker?.kind).toBe("bad-input");
  });

  it("a missing issue is a clear error and no comment", async () => {
    const port = testPort();
    const result = await run(sb, port, testConfig(), { issue: 404 });

    expect(result.exitCode).toBe(2);
    expect(result.error).toBe("issue #404 not found in acme/widgets");
    expect(port.calls.map((c) => c.method)).not.toContain("upsertComment");
  });

  it("a re-run of the same attempt edits its report instead of adding one", async () => {
    const port = testPort();
    const config = testConfig();
    delete config.worker.test_command;
    await run(sb, port, config);
    await run(sb, port, config);
    const reports = (port.comments.get(7) ?? []).filter((c) => c.body.includes("report-marker attempt=1 "));
    expect(reports).toHaveLength(1);
    expect(reportComment(port).report.attempt).toBe(1);
  });
});
