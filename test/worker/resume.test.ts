import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { runWorker } from "../../src/worker/run-worker.js";
import { checkpointRef } from "../../src/worker/workspace.js";
import { agentLog, BRANCH, git, makeSandbox, remoteBranch, remoteFile, reportComment, testConfig, testPort, WORKER_CHILD, workerEnv, type Sandbox } from "./harness.js";

async function waitFor<T>(probe: () => Promise<T | null>, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("condition not reached");
}

/** Where the worker keeps issue 7's checkpoints (see `checkpointRef`). */
const CHECKPOINTS = checkpointRef(7);

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

describe("worker: a run killed mid-way", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("is resumed from its checkpoint by the next run", async () => {
    const pidFile = path.join(sb.root, "agent.pid");
    // First run: iteration 1 fails the tests, iteration 2 hangs until the worker is killed.
    await writeFile(sb.scriptPath, JSON.stringify({ log: sb.logPath, tokenMarker: sb.markerPath, pidFile, strategies: [[{ write: { "src/answer.txt": "41\n" } }, { hang: true }]] }));
    const config = testConfig({ worker: { max_iterations: 3 } });
    const port = testPort();
    const spec = path.join(sb.root, "child.json");
    await writeFile(spec, JSON.stringify({ port: port.snapshot(), workspace: sb.work, issue: 7, attempt: 1, config, env: workerEnv(sb) }));
    const child = execa("node", ["--import", "tsx", WORKER_CHILD, spec], { cwd: process.cwd(), detached: true, reject: false });
    const pid = child.pid;
    if (pid === undefined) throw new Error("worker child did not start");

    // Kill the worker once its first checkpoint is pushed and the agent hangs in iteration 2.
    const firstSha = await waitFor(async () => {
      const sha = await git(sb.remote, "rev-parse", "--verify", "--quiet", CHECKPOINTS).catch(() => "");
      return sha !== "" && existsSync(pidFile) ? sha : null;
    });
    killGroup(pid);
    killGroup(Number(await readFile(pidFile, "utf8")));
    const killed = await child;
    expect(killed.exitCode ?? null).toBeNull();
    expect(killed.signal).toBe("SIGKILL");
    // The checkpoint is on the checkpoint ref, outside refs/heads: no branch, so no CI ran on it.
    expect(await git(sb.remote, "for-each-ref", "--format=%(refname)", "refs/heads/")).toBe("refs/heads/main");
    expect(await git(sb.remote, "log", "-1", "--format=%B", CHECKPOINTS)).toContain("Orchestrator-Checkpoint: attempt=1 strategy=0 iteration=1");
    expect(await git(sb.remote, "show", `${CHECKPOINTS}:src/answer.txt`)).toBe("41");

    // A re-dispatched run on a fresh checkout: iteration 2 now succeeds.
    await writeFile(sb.scriptPath, JSON.stringify({ log: sb.logPath, tokenMarker: sb.markerPath, strategies: [[{ write: { "src/answer.txt": "wrong\n" } }, { write: { "src/answer.txt": "42\n" } }]] }));
    const fresh = path.join(sb.root, "work2");
    await execa("git", ["clone", "-q", sb.remote, fresh]);
    const result = await runWorker({ port, workspace: fresh, issue: 7, attempt: 1, config, env: workerEnv(sb), log: () => {} });

    expect(result.exitCode).toBe(0);
    const runs = await agentLog(sb);
    // Run 1 did iterations 1 and 2 (hung); run 2 continued with iteration 2, told what failed at the checkpoint.
    expect(runs.map((r) => r.iteration)).toEqual([1, 2, 2]);
    expect(runs[2]?.feedback?.testOutputTail).toContain("got '41'");
    const branch = await remoteBranch(sb, BRANCH);
    expect(await git(sb.remote, "merge-base", "--is-ancestor", firstSha, branch.sha).then(() => true)).toBe(true);
    expect(branch.subjects.filter((s) => s.startsWith("orchestrator:"))).toEqual([
      "orchestrator: #7 attempt 1, strategy 1, iteration 2",
      "orchestrator: #7 attempt 1, strategy 1, iteration 1",
    ]);
    expect(reportComment(port).report).toMatchObject({ outcome: "pr", iterations: 1 });
  });

  it("a checkpoint that already passes is finished without running the agent again", async () => {
    await writeFile(sb.scriptPath, JSON.stringify({ log: sb.logPath, tokenMarker: sb.markerPath, default: { write: { "src/answer.txt": "42\n" } } }));
    const config = testConfig();
    // Simulate a run killed after pushing a passing checkpoint but before opening the PR.
    await git(sb.work, "checkout", "-q", "-b", BRANCH);
    await writeFile(path.join(sb.work, "src/answer.txt"), "42\n");
    await git(sb.work, "commit", "-q", "-am", "orchestrator: #7 attempt 1, strategy 1, iteration 1\n\nchecks passed\n\nOrchestrator-Checkpoint: attempt=1 strategy=0 iteration=1");
    const checkpoint = await git(sb.work, "rev-parse", "HEAD");
    await git(sb.work, "push", "-q", "origin", `HEAD:${CHECKPOINTS}`);
    await git(sb.work, "checkout", "-q", "main");
    const port = testPort();
    const result = await runWorker({ port, workspace: sb.work, issue: 7, attempt: 1, config, env: workerEnv(sb), log: () => {} });

    expect(result.exitCode).toBe(0);
    expect(await agentLog(sb)).toEqual([]);
    expect(reportComment(port).report).toMatchObject({ outcome: "pr", iterations: 0 });
    // The branch is pushed once, for the pull request, at the resumed checkpoint.
    expect((await remoteBranch(sb, BRANCH)).sha).toBe(checkpoint);
  });
});
