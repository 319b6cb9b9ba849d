import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { agentLog, BRANCH, git, makeSandbox, remoteBranch, remoteFile, reportComment, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

describe("worker: strategies and exhaustion", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("shifts strategy leaving no trace of the abandoned one (history and files)", async () => {
    await writeScript(sb, {
      strategies: [
        [{ write: { "src/answer.txt": "41\n", "src/abandoned.txt": "strategy one was here\n" } }],
        [{ write: { "src/answer.txt": "42\n", "src/kept.txt": "strategy two\n" } }],
      ],
    });
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { max_iterations: 2, max_strategy_shifts: 1 } }));

    expect(result.exitCode).toBe(0);
    const log = await agentLog(sb);
    expect(log.map((l) => [l.strategy, l.iteration])).toEqual([[0, 1], [0, 2], [1, 1]]);
    expect(log[2]?.tried).toEqual([expect.stringContaining("strategy 1: 2 iteration(s)")]);
    expect(log[2]?.feedback).toBeNull();

    const branch = await remoteBranch(sb, BRANCH);
    const main = await git(sb.remote, "rev-parse", "refs/heads/main");
    // Exactly one checkpoint on top of main: the abandoned strategy's commits are gone.
    expect(await git(sb.remote, "rev-list", "--count", `${main}..${branch.sha}`)).toBe("1");
    expect(branch.messages).not.toContain("strategy=0");
    expect(branch.messages).toContain("Orchestrator-Checkpoint: attempt=1 strategy=1 iteration=1");
    expect(await remoteFile(sb, BRANCH, "src/abandoned.txt")).toBeNull();
    expect(await remoteFile(sb, BRANCH, "src/kept.txt")).toBe("strategy two");
    // Nor in the workspace.
    expect(await git(sb.work, "status", "--porcelain")).toBe("");
    const { report } = reportComment(port);
    expect(report.strategies.map((s) => [s.index, s.outcome, s.iterations])).toEqual([[0, "abandoned", 2], [1, "passed", 1]]);
    expect(report.iterations).toBe(3);
  });

  it("gives a blocker report when every strategy is exhausted, keeping the branch", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "13\n" }, stdout: "GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123 leaked?" } });
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { max_iterations: 2, max_strategy_shifts: 1 } }));

    expect(result.exitCode).toBe(1);
    expect(port.calls.map((c) => c.method)).not.toContain("openOrUpdatePullRequest");
    const { body, report } = reportComment(port);
    expect(report.outcome).toBe("blocked");
    expect(report.blocker?.kind).toBe("exhausted");
    expect(report.strategies.map((s) => s.outcome)).toEqual(["abandoned", "exhausted"]);
    expect(report.branch).toBe(BRANCH);
    expect(body).toContain("### Blocked: attempt 1 of #7");
    expect(body).toContain("**Hypothesis:** The same test failed in every iteration");
    expect(body).toContain("**Recommended intervention:**");
    expect(body).toContain("got '13'");
    expect(body).toContain(`Branch kept for inspection: \`${BRANCH}\``);
    expect(body).not.toContain("ghp_abcdefghijklmnopqrstuvwxyz0123");
    // The last strategy's work stays on the branch for inspection.
    expect(await remoteFile(sb, BRANCH, "src/answer.txt")).toBe("13");
  });

  it("stops at the wall-clock budget with a budget blocker", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "1\n" } } });
    // A clock that jumps past worker.max_minutes once the agent has run once.
    const now = () => (existsSync(sb.logPath) ? 61 * 60_000 : 0);
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { max_iterations: 5, max_minutes: 60 } }), { now });

    expect(result.exitCode).toBe(1);
    expect((await agentLog(sb)).length).toBe(1);
    const { report, body } = reportComment(port);
    expect(report.blocker?.kind).toBe("time-budget");
    expect(report.strategies).toEqual([expect.objectContaining({ outcome: "stopped", iterations: 1 })]);
    expect(body).toContain("worker.max_minutes");
  });

  it("stops at the cost ceiling with a budget blocker", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "1\n" }, usage: { costUsd: 2 } } });
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { max_iterations: 5, cost_ceiling_usd: 3 } }));

    expect(result.exitCode).toBe(1);
    expect((await agentLog(sb)).length).toBe(2);
    const { report } = reportComment(port);
    expect(report.blocker?.kind).toBe("cost-budget");
    expect(report.costUsd).toBe(4);
  });
});
