import { describe, expect, it } from "vitest";
import { cancelRun } from "../../src/app/effects.js";
import type { RepoSession } from "../../src/app/session.js";
import type { WorkflowRunSnapshot } from "../../src/github/port.js";

/** A session whose port lists `runs` and records the runs it is asked to cancel. */
function sessionWith(runs: WorkflowRunSnapshot[]) {
  const cancelled: number[] = [];
  const listed: string[] = [];
  const port = {
    async listWorkflowRuns(workflow: string) {
      listed.push(workflow);
      return runs;
    },
    async cancelWorkflowRun(id: number) {
      cancelled.push(id);
    },
  };
  const session = { port, config: { worker: { workflow: "orchestrator-worker.yml" } } } as unknown as RepoSession;
  return { session, cancelled, listed };
}

const run = (id: number, title: string, status: string): WorkflowRunSnapshot => ({
  id,
  path: ".github/workflows/orchestrator-worker.yml",
  status,
  conclusion: null,
  event: "workflow_dispatch",
  htmlUrl: `https://github.com/acme/widgets/actions/runs/${id}`,
  createdAt: "2026-12-01T00:00:00Z",
  displayTitle: title,
});

describe("cancelling an attempt's run", () => {
  it("by its id when the attempt knows it, without listing runs", async () => {
    const { session, cancelled, listed } = sessionWith([]);
    await cancelRun(session, { issue: 7, attempt: 2, runId: 99 });
    expect(cancelled).toEqual([99]);
    expect(listed).toEqual([]);
  });

  it("by its run name when the id is not known (a server that answers the dispatch with 204): only that attempt's unfinished run", async () => {
    const { session, cancelled, listed } = sessionWith([
      run(1, "orchestrator: #7 attempt 1", "completed"),
      run(2, "orchestrator: #7 attempt 2", "in_progress"),
      run(3, "orchestrator: #17 attempt 2", "in_progress"),
      run(4, "orchestrator: #7 attempt 2", "completed"),
    ]);
    await cancelRun(session, { issue: 7, attempt: 2 });
    expect(listed).toEqual(["orchestrator-worker.yml"]);
    expect(cancelled).toEqual([2]);
  });
});
