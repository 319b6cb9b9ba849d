import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { agentLog, BRANCH, makeSandbox, remoteBranch, remoteFile, reportComment, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

describe("worker: success", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("opens a pull request after one iteration, with Closes #N, evidence and a pr report", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" }, usage: { costUsd: 0.25, inputTokens: 100, outputTokens: 20 } } });
    const port = testPort();
    const result = await run(sb, port, testConfig());

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(await remoteFile(sb, BRANCH, "src/answer.txt")).toBe("42");
    const branch = await remoteBranch(sb, BRANCH);
    expect(branch.messages).toContain("Orchestrator-Checkpoint: attempt=1 strategy=0 iteration=1");

    const prCall = port.calls.find((c) => c.method === "openOrUpdatePullRequest");
    const spec = prCall?.args[0] as { head: string; base: string; title: string; body: string };
    expect(spec.head).toBe(BRANCH);
    expect(spec.base).toBe("main");
    expect(spec.title).toBe("Write the answer");
    expect(spec.body).toContain("Closes #7");
    expect(spec.body).toContain("`src/answer.txt` contains 42");
    expect(spec.body).toContain("ok: the answer is 42");
    expect(spec.body).toContain("$0.2500");

    const { report } = reportComment(port);
    expect(report).toMatchObject({ outcome: "pr", issue: 7, attempt: 1, runId: 99, iterations: 1, costUsd: 0.25, needsPerson: false, gated: [], outOfScope: [] });
    expect(report.pr).toEqual({ number: expect.any(Number), branch: BRANCH, headSha: branch.sha });
    expect(report.strategies).toEqual([{ index: 0, iterations: 1, outcome: "passed", summary: expect.any(String) }]);
    // The worker never writes item state: no label or status-comment writes.
    expect(port.calls.map((c) => c.method)).not.toContain("applyLabels");
    expect(port.calls.filter((c) => c.method === "upsertComment").every((c) => String(c.args[1]).includes("report-marker"))).toBe(true);
    // The envelope stayed out of the commits.
    expect(await remoteFile(sb, BRANCH, ".orchestrator/envelope.json")).toBeNull();
    expect(existsSync(sb.markerPath)).toBe(false);
  });

  it("succeeds after failed iterations, feeding each failure into the next run", async () => {
    await writeScript(sb, {
      strategies: [[{ write: { "src/answer.txt": "41\n" } }, { write: { "src/answer.txt": "40\n" } }, { write: { "src/answer.txt": "42\n" } }]],
    });
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { max_iterations: 3 } }));

    expect(result.exitCode).toBe(0);
    const log = await agentLog(sb);
    expect(log.map((l) => l.iteration)).toEqual([1, 2, 3]);
    expect(log[0]?.feedback).toBeNull();
    expect(log[1]?.feedback?.failures.join("\n")).toContain("test command `node test.mjs` failed");
    expect(log[1]?.feedback?.testOutputTail).toContain("got '41'");
    expect(log[2]?.feedback?.testOutputTail).toContain("got '40'");
    const branch = await remoteBranch(sb, BRANCH);
    expect(branch.subjects.filter((s) => s.startsWith("orchestrator:"))).toHaveLength(3);
    expect(reportComment(port).report).toMatchObject({ outcome: "pr", iterations: 3 });
  });
});
