import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TaskEnvelope } from "../../src/domain/envelope.js";
import { spendLeft } from "../../src/worker/attempt-loop.js";
import { BRANCH, makeSandbox, remoteBranch, remoteFile, reportComment, run, testConfig, testPort, type Sandbox } from "./harness.js";

/**
 * The worker's watchdogs on a running agent (issue 12): stall detection (`agent.stall_minutes`)
 * and the spend cap (what is left of `budget.per_item_usd`). The agents are bash one-liners run
 * through the `command` adapter.
 */

/** 0.02 minutes = 1.2 s without output or file change. */
const STALL_MINUTES = 0.02;
/** True in the first run only (a marker next to the workspace, outside what the stall watch sees). */
const FIRST_RUN = `[ ! -e ../ran-once ] && touch ../ran-once`;

describe("worker: watchdogs on the agent", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("stops an agent that prints nothing and changes no file, counts the iteration failed (even with passing checks), runs the next", async () => {
    // The first run makes the checks pass, then hangs silently.
    const command = `if ${FIRST_RUN}; then echo 42 > src/answer.txt; sleep 50; fi`;
    const port = testPort();
    const result = await run(sb, port, testConfig({ agent: { command, stall_minutes: STALL_MINUTES, timeout_minutes: 1 } }));

    expect(result.exitCode).toBe(0);
    const { report } = reportComment(port);
    expect(report.outcome).toBe("pr");
    expect(report.iterations).toBe(2);
    const { messages } = await remoteBranch(sb, BRANCH);
    expect(messages).toContain("the agent was stopped: no output and no file change for 1 s: stopped as stalled");
    expect(await remoteFile(sb, BRANCH, "src/answer.txt")).toBe("42");
  });

  // Both run about 3 s, well past the 1.2 s stall limit: one prints, the other only writes files.
  it.each([
    ["printing", `for i in $(seq 15); do echo "working $i"; sleep 0.2; done; echo 42 > src/answer.txt`],
    ["only editing files", `for i in $(seq 15); do echo "$i" > src/progress.txt; sleep 0.2; done >/dev/null; echo 42 > src/answer.txt`],
  ])("never stops a live agent for being slow (%s)", async (_kind, command) => {
    const port = testPort();
    const result = await run(sb, port, testConfig({ agent: { command, stall_minutes: STALL_MINUTES, timeout_minutes: 1 } }));
    expect(result.exitCode).toBe(0);
    expect(reportComment(port).report.iterations).toBe(1);
    const { messages } = await remoteBranch(sb, BRANCH);
    expect(messages).not.toContain("stalled");
  });

  it("stops the agent once its reported spend passes what is left of the item's budget", async () => {
    // Reports $0.5 and keeps working (printing) for the whole minute unless stopped.
    const command = `echo 'orchestrator-usage: {"costUsd":0.5}'; for i in $(seq 300); do echo "still spending $i"; sleep 0.2; done`;
    const config = testConfig({ agent: { command, timeout_minutes: 1 }, worker: { max_iterations: 3 } });
    config.budget.per_item_usd = 0.4;
    const port = testPort();
    const result = await run(sb, port, config);

    expect(result.exitCode).toBe(1);
    const { report } = reportComment(port);
    expect(report.blocker?.kind).toBe("cost-budget");
    expect(report.costUsd).toBe(0.5);
    expect(report.iterations).toBe(1);
    const { messages } = await remoteBranch(sb, BRANCH);
    expect(messages).toContain("reported spend $0.5 passed the $0.4 left of the budget: stopped");
    expect(messages).not.toContain("timed out");
  });

  it("what is left to spend: the smaller cap minus the attempt's spend; none without caps", () => {
    const envelope = (left?: number) => ({ budget: { iterations: 1, strategyShifts: 0, minutes: 1, ...(left !== undefined ? { itemRemainingUsd: left } : {}) } }) as TaskEnvelope;
    expect(spendLeft(envelope(4), 10, 1.5)).toBe(2.5);
    expect(spendLeft(envelope(4), 3, 1)).toBe(2);
    expect(spendLeft(envelope(), undefined, 7)).toBeUndefined();
    expect(spendLeft(envelope(0), undefined, 0)).toBe(0);
  });
});
