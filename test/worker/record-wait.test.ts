/**
 * The worker waits for its item's state when it starts before the app recorded the attempt: the
 * app dispatches first and records the attempt right after (app/scheduler.ts; the dispatch's key is
 * the commit point, issue #9), so a new item's first runner may find no status comment yet.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RECORD_WAITS_MS, runWorker } from "../../src/worker/run-worker.js";
import { makeSandbox, reportComment, testConfig, testPort, workerEnv, writeScript, type Sandbox } from "./harness.js";

describe("worker: waiting for the item's state", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("reads the item again after each wait until its status comment exists, then runs the attempt", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
    const port = testPort();
    const status = port.comments.get(7)!;
    port.comments.set(7, []);
    const waits: number[] = [];
    const result = await runWorker({
      port,
      workspace: sb.work,
      issue: 7,
      attempt: 1,
      config: testConfig(),
      runId: 99,
      env: workerEnv(sb),
      log: () => {},
      sleep: async (ms) => {
        waits.push(ms);
        // The app's record lands during the second wait.
        if (waits.length === 2) port.comments.set(7, status);
      },
    });
    expect(waits).toEqual(RECORD_WAITS_MS.slice(0, 2));
    expect(port.calls.filter((c) => c.method === "getIssueWithComments")).toHaveLength(3);
    expect(result.exitCode).toBe(0);
    expect(reportComment(port).report).toMatchObject({ outcome: "pr", attempt: 1 });
  });

  it("does not wait when the status comment is there", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
    const port = testPort();
    const waits: number[] = [];
    const result = await runWorker({ port, workspace: sb.work, issue: 7, attempt: 1, config: testConfig(), env: workerEnv(sb), log: () => {}, sleep: async (ms) => void waits.push(ms) });
    expect(result.exitCode).toBe(0);
    expect(waits).toEqual([]);
    expect(port.calls.filter((c) => c.method === "getIssueWithComments")).toHaveLength(1);
  });

  it("goes on after the last wait with what the item says: without state the item is not approved, and says so", async () => {
    const port = testPort();
    port.comments.set(7, []);
    const waits: number[] = [];
    const result = await runWorker({ port, workspace: sb.work, issue: 7, attempt: 1, config: testConfig(), env: workerEnv(sb), log: () => {}, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([...RECORD_WAITS_MS]);
    expect(result.exitCode).toBe(2);
    expect(reportComment(port).report).toMatchObject({ outcome: "blocked", blocker: { kind: "bad-input" } });
  });
});
