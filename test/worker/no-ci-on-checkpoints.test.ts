/**
 * No CI on checkpoints (issue #14 item 4): a worker attempt that ends blocked, run by the REAL
 * worker CLI on a stand-in "runner", pushes its checkpoints to refs/orchestrator/checkpoints/<n>
 * (the stand-in, like GitHub's push trigger, runs CI only for branch pushes) and the branch once,
 * with the blocker report: CI ran once, on the branch head, never on a checkpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../support/fixture-repo.js";
import { agentScript, scriptsDir, workItemBody } from "../support/lifecycle.js";
import type { StandIn } from "../support/standin/index.js";
import { workerRunner, type RunnerLog } from "../support/worker-runner.js";
import { appOctokit, repo, standInWith } from "../standin/helpers.js";
import { checkpointRef } from "../../src/worker/workspace.js";
import { emptyItemState } from "../../src/domain/item-state.js";
import { encodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

describe("worker on the stand-in: no CI on checkpoints", () => {
  let standIn: StandIn;
  const runs: RunnerLog[] = [];

  beforeAll(async () => {
    // Every iteration writes a test that fails: 2 iterations of one strategy, then a blocker report.
    const failing = { write: { "tests/never.test.mjs": 'throw new Error("not yet");\n' } };
    const script = agentScript(scriptsDir(), "never", { strategies: [[failing]] });
    const config = fixtureFiles()[".github/orchestrator.yml"]!.replace("max_strategy_shifts: 1", "max_strategy_shifts: 0");
    standIn = await standInWith({
      files: fixtureFiles({ config }),
      ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
      workflows: { "orchestrator-worker.yml": workerRunner(() => script, runs) },
    });
  });
  afterAll(async () => {
    await standIn.close();
  });

  it("a blocked attempt pushes 2 checkpoints to the checkpoint ref and the branch once: one CI run, on the branch head", async () => {
    const issue = await standIn.as("alice").openIssue({ title: "Never passes", body: workItemBody({ goal: "Impossible.", criteria: ["Given x When y Then z"] }) });
    // The item's state as the app records it: a trusted author's item, in progress (the worker runs
    // only on text the state vouches for, issue #10).
    const state = { ...emptyItemState(issue), status: "in-progress" as const, trusted: true };
    await appOctokit(standIn).rest.issues.createComment({ ...repo, issue_number: issue, body: `${STATUS_MARKER}\nstatus\n\n${encodeStateBlock(state)}` });
    await appOctokit(standIn).rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "orchestrator-worker.yml", ref: "main", inputs: { issue: String(issue) } });
    await standIn.idle();
    expect(runs.map((r) => r.exitCode), runs[0]?.stderr).toEqual([1]);

    const bare = standIn.bareRepo;
    const git = async (...args: string[]) => (await execa("git", args, { cwd: bare })).stdout.trim();
    const branches = (await git("for-each-ref", "--format=%(refname:short)", "refs/heads/")).split("\n");
    const branch = branches.find((b) => b !== "main");
    expect(branch).toBeDefined();
    const head = await git("rev-parse", `refs/heads/${branch}`);
    expect(await git("rev-parse", checkpointRef(issue))).toBe(head);
    const checkpoints = (await git("log", "--format=%(trailers:key=Orchestrator-Checkpoint,valueonly)", `main..${head}`)).split("\n").filter((l) => l !== "");
    expect(checkpoints).toEqual(["attempt=1 strategy=0 iteration=2", "attempt=1 strategy=0 iteration=1"]);

    const ciRuns = [...standIn.state.checkRuns.values()].filter((c) => c.name === "test");
    expect(ciRuns.map((c) => c.headSha)).toEqual([head]);
    expect(ciRuns[0]?.conclusion).toBe("failure");
  });
});
